"""A curator can work in the admin: search, filter by province / group / category / status."""

import pytest

from marketplace.catalog.models import ProductStatus
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductFactory, ProductVariantFactory, StockFactory, category
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, regency


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.fixture
def catalog(db):
    bali_group = UppksGroupFactory(name="UPPKS Mawar Klungkung")
    aceh_group = UppksGroupFactory(name="UPPKS Kopi Gayo", regency=regency(ACEH_TENGAH))
    soap = ProductFactory(
        group=bali_group,
        name="Sabun Propolis",
        category=category("sabun"),
        status=ProductStatus.SUBMITTED,
    )
    coffee = ProductFactory(
        group=aceh_group, name="Kopi Gayo Arabika", category=category("kopi-teh")
    )
    bag = ProductFactory(group=bali_group, name="Tas Anyaman Pandan", category=category("anyaman"))
    return {"bali": bali_group, "aceh": aceh_group, "soap": soap, "coffee": coffee, "bag": bag}


def listed(response) -> set[str]:
    return {obj.name for obj in response.context["cl"].result_list}


def test_search_products(staff_client, catalog):
    response = staff_client.get("/admin/catalog/product/", {"q": "propolis"})
    assert listed(response) == {"Sabun Propolis"}


def test_filter_products_by_province(staff_client, catalog):
    response = staff_client.get("/admin/catalog/product/", {"province": "11"})
    assert listed(response) == {"Kopi Gayo Arabika"}


def test_filter_products_by_status(staff_client, catalog):
    response = staff_client.get("/admin/catalog/product/", {"status__exact": "submitted"})
    assert listed(response) == {"Sabun Propolis"}


def test_filter_products_by_group_and_category(staff_client, catalog):
    response = staff_client.get("/admin/catalog/product/", {"group__id__exact": catalog["bali"].pk})
    assert listed(response) == {"Sabun Propolis", "Tas Anyaman Pandan"}
    response = staff_client.get(
        "/admin/catalog/product/", {"category__id__exact": category("anyaman").pk}
    )
    assert listed(response) == {"Tas Anyaman Pandan"}


def test_filter_groups_by_province(staff_client, catalog):
    response = staff_client.get("/admin/groups/uppksgroup/", {"province": "51"})
    assert listed(response) == {"UPPKS Mawar Klungkung"}


def test_product_page_has_variants_inline_and_variant_page_has_stock_inline(staff_client, catalog):
    variant = ProductVariantFactory(product=catalog["bag"], sku="TAS-PANDAN-L")
    StockFactory(variant=variant, quantity=7)
    page = staff_client.get(f"/admin/catalog/product/{catalog['bag'].pk}/change/")
    assert page.status_code == 200
    assert "TAS-PANDAN-L" in page.content.decode()
    page = staff_client.get(f"/admin/catalog/productvariant/{variant.pk}/change/")
    assert page.status_code == 200
    assert 'name="stocks-0-quantity"' in page.content.decode()
    assert 'value="7"' in page.content.decode()


def test_admin_pages_open(staff_client, catalog):
    for url in [
        "/admin/",
        "/admin/groups/uppksgroup/",
        "/admin/groups/partner/",
        "/admin/catalog/category/",
        "/admin/catalog/productvariant/",
        "/admin/catalog/stock/",
        "/admin/regions/regency/?q=klungkung",
        "/admin/accounts/user/",
    ]:
        assert staff_client.get(url).status_code == 200, url
