"""stockUpdate: a member sets their own group's stock; other groups' stock is out of reach."""

# ruff: noqa: E501  (GraphQL documents read best unwrapped)

import base64

from marketplace.catalog.models import Stock
from tests.factories.catalog import ProductVariantFactory, StockFactory
from tests.factories.groups import GroupMemberFactory

STOCK_UPDATE = """mutation($variant: ID!, $quantity: Int!) {
  stockUpdate(variantId: $variant, quantity: $quantity) {
    stock { quantity quantityAllocated warehouse { name } } errors { field code message } } }"""


def _gid(type_name, pk):
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def test_member_sets_the_groups_stock(api):
    member = GroupMemberFactory()
    stock = StockFactory(variant__product__group=member.group, group=member.group, quantity=3)

    result = api.login(member.user).execute(
        STOCK_UPDATE, {"variant": _gid("ProductVariant", stock.variant_id), "quantity": 12}
    )

    assert result["stockUpdate"] == {
        "stock": {"quantity": 12, "quantityAllocated": 0, "warehouse": {"name": member.group.name}},
        "errors": [],
    }
    stock.refresh_from_db()
    assert stock.quantity == 12


def test_member_can_stock_an_own_product_for_the_first_time(api):
    member = GroupMemberFactory()
    variant = ProductVariantFactory(product__group=member.group)

    result = api.login(member.user).execute(
        STOCK_UPDATE, {"variant": _gid("ProductVariant", variant.pk), "quantity": 4}
    )

    assert result["stockUpdate"]["errors"] == []
    assert Stock.objects.get(variant=variant, group=member.group).quantity == 4


def test_stock_below_what_orders_reserved_is_refused(api):
    member = GroupMemberFactory()
    stock = StockFactory(
        variant__product__group=member.group, group=member.group, quantity=5, quantity_allocated=4
    )

    result = api.login(member.user).execute(
        STOCK_UPDATE, {"variant": _gid("ProductVariant", stock.variant_id), "quantity": 2}
    )

    assert [(e["field"], e["code"]) for e in result["stockUpdate"]["errors"]] == [
        ("quantity", "INVALID")
    ]
    stock.refresh_from_db()
    assert stock.quantity == 5


def test_member_cannot_set_another_groups_stock(api):
    member = GroupMemberFactory()
    foreign = StockFactory(quantity=7)

    result = api.login(member.user).execute(
        STOCK_UPDATE, {"variant": _gid("ProductVariant", foreign.variant_id), "quantity": 0}
    )

    assert result["stockUpdate"] == {
        "stock": None,
        "errors": [
            {
                "field": "variantId",
                "code": "NOT_FOUND",
                "message": "Couldn't resolve to a node: variant.",
            }
        ],
    }
    foreign.refresh_from_db()
    assert foreign.quantity == 7
    assert not Stock.objects.filter(group=member.group).exists()


def test_stock_of_a_variant_is_shown_only_to_its_group_and_staff(api):
    member = GroupMemberFactory()
    own = StockFactory(variant__product__group=member.group, group=member.group, quantity=3)
    query = 'query($id: ID!) { productVariant(id: $id, channel: "default-channel") { stocks { quantity } quantityAvailable } }'

    public = api.execute(query, {"id": _gid("ProductVariant", own.variant_id)})
    as_member = api.login(member.user).execute(
        query, {"id": _gid("ProductVariant", own.variant_id)}
    )

    assert public == {"productVariant": {"stocks": None, "quantityAvailable": 3}}
    assert as_member == {"productVariant": {"stocks": [{"quantity": 3}], "quantityAvailable": 3}}
