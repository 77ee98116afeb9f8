"""A customer's address book in Saleor's ``Address`` shape, loaded per request."""

from marketplace.accounts.models import AccountAddress

from ..core.dataloaders import DataLoader, group_by


def _addresses():
    return AccountAddress.objects.select_related("district", "regency", "province")


class AddressesByUserIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = group_by(_addresses().filter(user_id__in=keys).order_by("pk"), lambda a: a.user_id)
        return [rows.get(key, []) for key in keys]


class AccountAddressByIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = {address.pk: address for address in _addresses().filter(pk__in=keys)}
        return [rows.get(key) for key in keys]


def address_data(address: AccountAddress | None, user=None) -> dict | None:
    """What the ``Address`` type reads: region names as Saleor's city / cityArea / countryArea."""
    if address is None:
        return None
    owner = user if user is not None else address.user
    return {
        "id": address.pk,
        "first_name": address.first_name,
        "last_name": address.last_name,
        "company_name": address.company_name,
        "street_address_1": address.street_address_1,
        "street_address_2": address.street_address_2,
        "city": address.regency.name,
        "city_area": address.district.name,
        "postal_code": address.postal_code,
        "country_area": address.province.name,
        "phone": address.phone or None,
        "is_default_shipping_address": owner.default_shipping_address_id == address.pk,
        "is_default_billing_address": owner.default_billing_address_id == address.pk,
    }
