"""The catalog and group services the importer applies rows through (also used by others)."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from marketplace.catalog.models import Product, ProductStatus, ProductVariant, Stock
from marketplace.catalog.services import (
    CatalogError,
    CatalogErrorCode,
    ProductData,
    VariantData,
    approve_products_without_review,
    save_products,
    set_stock,
)
from marketplace.groups.models import UppksGroup
from marketplace.groups.services import GroupData, GroupError, save_group
from tests.factories.catalog import ProductFactory, ProductVariantFactory, StockFactory, category
from tests.factories.groups import UppksGroupFactory


def _data(group, **changes):
    data = ProductData(
        group_id=group.pk,
        category_id=category("anyaman").pk,
        name="Tas Pandan",
        variants=[VariantData(sku="TAS-1", price=85_000, weight_g=400, stock=5)],
    )
    for name, value in changes.items():
        setattr(data, name, value)
    return data


def test_save_products_creates_product_variant_and_stock(klungkung_group):
    [result] = save_products([_data(klungkung_group)])
    assert (result.action, result.variant_actions) == ("created", {"TAS-1": "created"})
    assert result.product.slug == "tas-pandan"
    assert result.product.status == ProductStatus.SUBMITTED
    stock = Stock.objects.get()
    assert (stock.variant.sku, stock.group, stock.quantity) == ("TAS-1", klungkung_group, 5)


def test_slugs_stay_unique(klungkung_group):
    ProductFactory(slug="tas-pandan")
    [result] = save_products([_data(klungkung_group)])
    assert result.product.slug == "tas-pandan-2"


def test_another_groups_sku_refuses_the_batch_and_changes_nothing(klungkung_group, gianyar_group):
    theirs = ProductVariantFactory(sku="TAS-1", product__group=gianyar_group, price=99_000)
    with pytest.raises(CatalogError) as refused:
        save_products([_data(klungkung_group)])
    assert refused.value.code == CatalogErrorCode.OTHER_GROUP_PRODUCT
    assert ProductVariant.objects.get().price == 99_000
    assert Product.objects.get() == theirs.product


def test_set_stock_never_goes_below_reserved(klungkung_group):
    stock = StockFactory(variant__product__group=klungkung_group, quantity=10, quantity_allocated=4)
    with pytest.raises(CatalogError) as refused:
        set_stock(stock.variant_id, group_id=klungkung_group.pk, quantity=3)
    assert refused.value.code == CatalogErrorCode.STOCK_BELOW_ALLOCATED
    stock.refresh_from_db()
    assert stock.quantity == 10
    set_stock(stock.variant_id, group_id=klungkung_group.pk, quantity=4)
    stock.refresh_from_db()
    assert stock.quantity == 4


def test_save_products_locks_products_variants_and_stocks_in_pk_order(klungkung_group):
    save_products([_data(klungkung_group)])
    product_id = Product.objects.get().pk
    with CaptureQueriesContext(connection) as queries:
        save_products([_data(klungkung_group, product_id=product_id)])
    locking = [q["sql"] for q in queries.captured_queries if "FOR UPDATE" in q["sql"]]
    assert [sql.split('"')[1] for sql in locking] == [
        "catalog_product",
        "catalog_productvariant",
        "catalog_stock",
    ]
    assert all(
        "ORDER BY" in sql and sql.index("ORDER BY") < sql.index("FOR UPDATE") for sql in locking
    )


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_stock_updates_both_apply_in_turn():
    group = UppksGroupFactory()
    stock = StockFactory(variant__product__group=group, quantity=10)
    barrier = threading.Barrier(2)
    errors = []

    def update(quantity):
        try:
            barrier.wait()
            set_stock(stock.variant_id, group_id=group.pk, quantity=quantity)
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=update, args=(q,)) for q in (7, 8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    stock.refresh_from_db()
    assert stock.quantity in (7, 8)
    assert Stock.objects.count() == 1


def test_approve_products_without_review_skips_products_missing_a_permit(klungkung_group):
    ready = ProductFactory(group=klungkung_group, status=ProductStatus.SUBMITTED)
    missing = ProductFactory(
        group=klungkung_group, category=category("camilan"), status=ProductStatus.DRAFT
    )
    assert approve_products_without_review([ready.pk, missing.pk]) == 1
    ready.refresh_from_db()
    missing.refresh_from_db()
    assert (ready.status, missing.status) == (ProductStatus.APPROVED, ProductStatus.DRAFT)
    assert ready.approved_at is not None


def test_save_group_twice_is_unchanged_and_a_foreign_district_is_refused(db):
    data = GroupData(code="G-1", name="UPPKS Melati", regency_code="51.05", phone="+6281234567801")
    assert save_group(data)[1] == "created"
    assert save_group(data)[1] == "unchanged"
    data.district_code = "51.04.01"  # Sukawati lies in Gianyar
    with pytest.raises(GroupError):
        save_group(data)
    assert UppksGroup.objects.get().district_id is None
