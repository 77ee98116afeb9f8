"""accountAddressCreate / Update / Delete, accountSetDefaultAddress: the caller's address book."""

import graphene

from marketplace.accounts import addresses
from marketplace.accounts.errors import AccountError as AccountServiceError
from marketplace.accounts.models import AccountAddress
from marketplace.accounts.models import User as UserModel

from ...checkout.address import AddressInput, address_dict
from ...core.enums import AddressTypeEnum
from ...core.mutations import MarketplaceMutation, MutationError
from ...core.permissions import require_login
from ...core.types import AccountError
from ...group.types import Address
from ..addresses import address_data
from ..types import User

# The service names a region by its code; Saleor's AddressInput names it like this.
INPUT_FIELDS = {
    "province_code": "countryArea",
    "regency_code": "city",
    "district_code": "cityArea",
    "first_name": "firstName",
    "last_name": "lastName",
    "street_address_1": "streetAddress1",
    "postal_code": "postalCode",
}


def book(operation):
    """Run an address-book service; its errors carry Saleor's input field names."""
    try:
        return operation()
    except AccountServiceError as err:
        field = INPUT_FIELDS.get(err.field, err.field)
        raise MutationError(err.code.value, err.message, field=field)


def book_input(data: dict) -> dict:
    """Saleor's AddressInput (regions by name or Kemendagri code) as the service's dict."""
    cleaned = address_dict(data, field="input")
    cleaned["company_name"] = data.get("company_name") or ""
    return cleaned


class AddressBookMutation(MarketplaceMutation):
    user = graphene.Field(User, description="A user instance for which the address was edited.")

    class Meta:
        abstract = True

    @classmethod
    def reply(cls, user_id: int, address: AccountAddress | None = None):
        user = UserModel.objects.get(pk=user_id)
        payload = {"user": user}
        if address is not None:
            payload["address"] = address_data(address, user)
        return cls(**payload)


class AccountAddressCreate(AddressBookMutation):
    address = graphene.Field(Address, description="A user address that was created.")

    class Arguments:
        input = AddressInput(required=True, description="Fields required to create address.")
        type = AddressTypeEnum(
            description="A type of address. If provided, the new address will be automatically "
            "assigned as the customer's default address of that type."
        )
        customer_id = graphene.ID(
            description="Only the caller's own ID: there is no staff impersonation here."
        )

    class Meta:
        description = "Create a new address for the customer."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, input, type=None, customer_id=None):
        user = require_login(info)
        if customer_id is not None and cls.pk(customer_id, "User", field="customerId") != user.pk:
            raise MutationError(
                "OUT_OF_SCOPE_USER", "Only your own address book.", field="customerId"
            )
        data = book_input(input)
        kind = getattr(type, "value", type)
        address = book(lambda: addresses.create_address(user.pk, data, default_for=kind))
        address = AccountAddress.objects.select_related("district", "regency", "province").get(
            pk=address.pk
        )
        return cls.reply(user.pk, address)


class AccountAddressUpdate(AddressBookMutation):
    address = graphene.Field(Address, description="A user address that was updated.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to update.")
        input = AddressInput(required=True, description="Fields required to update the address.")

    class Meta:
        description = "Updates an address of the logged-in user."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, id, input):
        user = require_login(info)
        address_id = cls.pk(id, "Address")
        data = book_input(input)
        address = book(lambda: addresses.update_address(user.pk, address_id, data))
        return cls.reply(user.pk, address)


class AccountAddressDelete(AddressBookMutation):
    address = graphene.Field(Address, description="A user address that was deleted.")

    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to delete.")

    class Meta:
        description = "Delete an address of the logged-in user."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, id):
        user = require_login(info)
        address_id = cls.pk(id, "Address")
        address = book(lambda: addresses.delete_address(user.pk, address_id))
        return cls.reply(user.pk, address)


class AccountSetDefaultAddress(AddressBookMutation):
    class Arguments:
        id = graphene.ID(required=True, description="ID of the address to set as default.")
        type = AddressTypeEnum(required=True, description="The type of address.")

    class Meta:
        description = "Sets a default address for the authenticated user."
        error_type = AccountError
        legacy_errors_field = "account_errors"

    @classmethod
    def handle(cls, info, *, id, type):
        user = require_login(info)
        address_id = cls.pk(id, "Address")
        kind = getattr(type, "value", type)
        book(lambda: addresses.set_default_address(user.pk, address_id, kind=kind))
        return cls.reply(user.pk)
