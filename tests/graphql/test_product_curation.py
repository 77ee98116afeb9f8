"""productSubmit by the group's members, productApprove / productReject by curators in scope."""

# ruff: noqa: E501  (GraphQL documents read best unwrapped)

import base64

from marketplace.catalog.models import ProductStatus
from marketplace.notifications.models import OutboxMessage
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductFactory
from tests.factories.curation import (
    ProvinceCuratorFactory,
    ProvinceViewerFactory,
    SubmittedProductFactory,
    aceh_curator,
)
from tests.factories.groups import GroupMemberFactory

SUBMIT = "mutation($id: ID!) { productSubmit(id: $id) { product { name } errors { field code } } }"
APPROVE = "mutation($id: ID!) { productApprove(id: $id) { product { isAvailableForPurchase } errors { field code message } } }"
REJECT = "mutation($id: ID!, $reason: String!) { productReject(id: $id, reason: $reason) { product { name } errors { field code } } }"


def _gid(pk):
    return base64.b64encode(f"Product:{pk}".encode()).decode()


def test_member_submits_own_groups_draft(api):
    member = GroupMemberFactory()
    product = ProductFactory(group=member.group, status=ProductStatus.DRAFT)

    result = api.login(member.user).execute(SUBMIT, {"id": _gid(product.pk)})

    assert result["productSubmit"] == {"product": {"name": product.name}, "errors": []}
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED


def test_member_cannot_submit_another_groups_product(api):
    member = GroupMemberFactory()
    other = ProductFactory(status=ProductStatus.DRAFT)

    result = api.login(member.user).execute(SUBMIT, {"id": _gid(other.pk)})

    assert result["productSubmit"] == {
        "product": None,
        "errors": [{"field": "id", "code": "NOT_FOUND"}],
    }
    other.refresh_from_db()
    assert other.status == ProductStatus.DRAFT


def test_member_sees_own_draft_but_the_public_does_not(api):
    member = GroupMemberFactory()
    product = ProductFactory(group=member.group, status=ProductStatus.DRAFT)
    query = 'query($slug: String!) { product(slug: $slug, channel: "default-channel") { name isAvailableForPurchase } }'

    public = api.execute(query, {"slug": product.slug})
    own = api.login(member.user).execute(query, {"slug": product.slug})

    assert public == {"product": None}
    assert own == {"product": {"name": product.name, "isAvailableForPurchase": False}}


def test_curator_approves_a_submitted_product_in_the_province(api):
    product = SubmittedProductFactory()  # a Bali group's product

    result = api.login(ProvinceCuratorFactory()).execute(APPROVE, {"id": _gid(product.pk)})

    assert result["productApprove"] == {"product": {"isAvailableForPurchase": True}, "errors": []}
    product.refresh_from_db()
    assert product.status == ProductStatus.APPROVED
    assert OutboxMessage.objects.filter(event="product_approved").exists()


def test_curator_of_another_province_cannot_approve(api):
    product = SubmittedProductFactory()

    result = api.login(aceh_curator()).execute(APPROVE, {"id": _gid(product.pk)})

    assert result["productApprove"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND", "message": "Couldn't resolve to a node: product."}
    ]
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED
    assert not OutboxMessage.objects.filter(event="product_approved").exists()


def test_viewers_and_customers_are_denied(api):
    product = SubmittedProductFactory()

    for user in (ProvinceViewerFactory(), UserFactory()):
        response = api.login(user).post(APPROVE, {"id": _gid(product.pk)})
        content = response.json()
        assert content["data"] == {"productApprove": None}
        assert content["errors"][0]["extensions"] == {"exception": {"code": "PermissionDenied"}}
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED


def test_reject_needs_a_reason_then_records_it(api):
    product = SubmittedProductFactory()
    api.login(ProvinceCuratorFactory())

    empty = api.execute(REJECT, {"id": _gid(product.pk), "reason": "  "})
    product.refresh_from_db()
    status_after_empty = product.status
    rejected = api.execute(REJECT, {"id": _gid(product.pk), "reason": "Foto kurang jelas."})

    assert empty["productReject"] == {
        "product": None,
        "errors": [{"field": "reason", "code": "REQUIRED"}],
    }
    assert status_after_empty == ProductStatus.SUBMITTED
    assert rejected["productReject"]["errors"] == []
    product.refresh_from_db()
    assert (product.status, product.rejection_reason) == (
        ProductStatus.REJECTED,
        "Foto kurang jelas.",
    )
