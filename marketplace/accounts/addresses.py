"""A customer's address book: create, change, delete, choose the default addresses.

Addresses are Indonesian (docs/ARCHITECTURE.md, "Addresses"): the kecamatan must lie in the
kabupaten/kota, the kabupaten/kota in the province, the postal code has five digits. Each
operation locks the user row, so two tabs changing defaults never leave a default pointing at a
deleted address.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from marketplace.core.phones import normalize_phone
from marketplace.regions.models import District, Regency

from .errors import AccountError, AccountErrorCode
from .models import AccountAddress, User

MAX_ADDRESSES = 100
POSTAL_CODE = re.compile(r"^[1-9][0-9]{4}$")
SHIPPING, BILLING = "shipping", "billing"
ADDRESS_FIELDS = (
    "first_name",
    "last_name",
    "company_name",
    "phone",
    "street_address_1",
    "street_address_2",
    "postal_code",
    "district",
    "regency",
    "province",
)


def _text(data: dict, key: str, limit: int) -> str:
    return str(data.get(key) or "").strip()[:limit]


def _required(data: dict, key: str, message: str, limit: int) -> str:
    value = _text(data, key, limit)
    if not value:
        raise AccountError(AccountErrorCode.REQUIRED, message, field=key)
    return value


def clean_address(data: dict) -> dict:
    """The model fields of an address given by region codes (``province_code``,
    ``regency_code``, ``district_code``) and text; refuses what the region data contradicts."""
    first_name = _required(data, "first_name", _("Enter the recipient's name."), 100)
    street = _required(data, "street_address_1", _("Enter the street and RT/RW."), 255)
    regency_code = _required(data, "regency_code", _("Choose the regency / city."), 5)
    district_code = _required(data, "district_code", _("Choose the district (kecamatan)."), 8)
    postal_code = _required(data, "postal_code", _("Enter the postal code."), 10)
    if not POSTAL_CODE.match(postal_code):
        raise AccountError(
            AccountErrorCode.INVALID, _("A postal code has 5 digits."), field="postal_code"
        )
    regency = Regency.objects.select_related("province").filter(pk=regency_code).first()
    if regency is None:
        raise AccountError(
            AccountErrorCode.INVALID, _("Unknown regency / city."), field="regency_code"
        )
    province_code = _text(data, "province_code", 2)
    if province_code and province_code != regency.province_id:
        raise AccountError(
            AccountErrorCode.INVALID,
            _("The regency / city does not lie in the chosen province."),
            field="regency_code",
        )
    district = District.objects.filter(pk=district_code, regency=regency).first()
    if district is None:
        raise AccountError(
            AccountErrorCode.INVALID,
            _("The district does not lie in the chosen regency / city."),
            field="district_code",
        )
    phone = _text(data, "phone", 40)
    if phone:
        try:
            phone = normalize_phone(phone)
        except ValidationError as err:
            raise AccountError(AccountErrorCode.INVALID, err.messages[0], field="phone")
    return {
        "first_name": first_name,
        "last_name": _text(data, "last_name", 100),
        "company_name": _text(data, "company_name", 100),
        "phone": phone,
        "street_address_1": street,
        "street_address_2": _text(data, "street_address_2", 255),
        "postal_code": postal_code,
        "district": district,
        "regency": regency,
        "province": regency.province,
    }


def _locked_user(user_id: int) -> User:
    return User.objects.select_for_update().get(pk=user_id)


def _own_address(user: User, address_id: int) -> AccountAddress:
    address = AccountAddress.objects.filter(pk=address_id, user=user).first()
    if address is None:  # someone else's address looks exactly like a missing one
        raise AccountError(
            AccountErrorCode.NOT_FOUND, _("No such address in your address book."), field="id"
        )
    return address


def _set_default(user: User, address: AccountAddress, kind: str) -> None:
    field = "default_shipping_address" if kind == SHIPPING else "default_billing_address"
    setattr(user, field, address)
    user.save(update_fields=[field])


def create_address(user_id: int, data: dict, *, default_for: str | None = None) -> AccountAddress:
    """A new address in the user's book; the first one becomes the default of both kinds."""
    fields = clean_address(data)
    with transaction.atomic():
        user = _locked_user(user_id)
        if user.addresses.count() >= MAX_ADDRESSES:
            raise AccountError(
                AccountErrorCode.INVALID,
                _("An address book holds at most %(count)d addresses.") % {"count": MAX_ADDRESSES},
                field="input",
            )
        address = AccountAddress.objects.create(user=user, **fields)
        kinds = {default_for} if default_for else set()
        if user.default_shipping_address_id is None:
            kinds.add(SHIPPING)
        if user.default_billing_address_id is None:
            kinds.add(BILLING)
        for kind in sorted(kinds):
            _set_default(user, address, kind)
    return address


def update_address(user_id: int, address_id: int, data: dict) -> AccountAddress:
    """Replace an address of the user's own book (defaults stay where they are)."""
    fields = clean_address(data)
    with transaction.atomic():
        user = _locked_user(user_id)
        address = _own_address(user, address_id)
        for name in ADDRESS_FIELDS:
            setattr(address, name, fields[name])
        address.save()
    return address


def delete_address(user_id: int, address_id: int) -> AccountAddress:
    """Remove an address of the user's own book; a default pointing at it is cleared."""
    with transaction.atomic():
        user = _locked_user(user_id)
        address = _own_address(user, address_id)
        changed = []
        if user.default_shipping_address_id == address.pk:
            user.default_shipping_address = None
            changed.append("default_shipping_address")
        if user.default_billing_address_id == address.pk:
            user.default_billing_address = None
            changed.append("default_billing_address")
        if changed:
            user.save(update_fields=changed)
        deleted_pk = address.pk
        address.delete()
        address.pk = deleted_pk  # the caller still reports which address went
    return address


def set_default_address(user_id: int, address_id: int, *, kind: str) -> User:
    """Make one of the user's own addresses the default for shipping or billing."""
    if kind not in (SHIPPING, BILLING):
        raise AccountError(AccountErrorCode.INVALID, _("Unknown address type."), field="type")
    with transaction.atomic():
        user = _locked_user(user_id)
        _set_default(user, _own_address(user, address_id), kind)
    return user
