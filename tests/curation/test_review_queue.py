"""The review queue: oldest first, filtered by region and category, compared, bulk approved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.catalog.models import Product, ProductStatus
from marketplace.curation.models import ProductRevision, RevisionKind, RevisionStatus
from marketplace.notifications.models import OutboxMessage
from tests.factories.catalog import ProductFactory, category
from tests.factories.curation import ProductRevisionFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import GIANYAR, regency

pytestmark = pytest.mark.django_db

QUEUE = "/admin/curation/productrevision/"


def queued(response) -> list[str]:
    return [revision.product.name for revision in response.context["cl"].result_list]


@pytest.fixture
def queue(group, aceh_group):
    now = timezone.now()
    gianyar = UppksGroupFactory(regency=regency(GIANYAR))
    rows = [
        ("Sabun Sereh", group, "sabun", 3),
        ("Tas Pandan", gianyar, "anyaman", 5),
        ("Kopi Gayo", aceh_group, "kopi-teh", 9),
        ("Bordir Kebaya", group, "bordir", 1),
    ]
    for name, grp, slug, days_ago in rows:
        product = ProductFactory(
            group=grp, name=name, category=category(slug), status=ProductStatus.SUBMITTED
        )
        ProductRevisionFactory(product=product, submitted_at=now - timedelta(days=days_ago))
    return rows


def test_queue_is_oldest_first(client, national_admin, queue):
    client.force_login(national_admin)

    response = client.get(QUEUE)

    assert queued(response) == ["Kopi Gayo", "Tas Pandan", "Sabun Sereh", "Bordir Kebaya"]


def test_queue_of_a_province_curator_holds_only_the_province(client, bali_curator, queue):
    client.force_login(bali_curator)

    response = client.get(QUEUE)

    assert queued(response) == ["Tas Pandan", "Sabun Sereh", "Bordir Kebaya"]


def test_queue_filters_by_province_regency_and_category(client, national_admin, queue):
    client.force_login(national_admin)

    by_province = client.get(QUEUE, {"province": "11"})
    by_regency = client.get(QUEUE, {"regency": GIANYAR})
    by_category = client.get(QUEUE, {"product__category__id__exact": category("bordir").pk})

    assert queued(by_province) == ["Kopi Gayo"]
    assert queued(by_regency) == ["Tas Pandan"]
    assert queued(by_category) == ["Bordir Kebaya"]


def test_decided_requests_leave_the_default_queue(client, national_admin, queue):
    ProductRevision.objects.filter(product__name="Tas Pandan").update(
        status=RevisionStatus.APPROVED
    )
    Product.objects.filter(name="Tas Pandan").update(status=ProductStatus.APPROVED)
    client.force_login(national_admin)

    pending = client.get(QUEUE)
    everything = client.get(QUEUE, {"state": "all"})

    assert "Tas Pandan" not in queued(pending)
    assert len(queued(everything)) == 4


def test_bulk_approve_reports_the_refused_and_approves_the_rest(client, bali_curator, queue):
    client.force_login(bali_curator)
    ids = list(ProductRevision.objects.values_list("pk", flat=True))

    response = client.post(
        QUEUE, {"action": "approve_selected_revisions", "_selected_action": ids}, follow=True
    )

    statuses = dict(ProductRevision.objects.values_list("product__name", "status"))
    assert statuses == {
        "Sabun Sereh": "pending",  # soap needs a BPOM / P-IRT number
        "Tas Pandan": "approved",
        "Kopi Gayo": "pending",  # Aceh: outside the curator's province, never selected
        "Bordir Kebaya": "approved",
    }
    text = response.content.decode()
    assert "Sabun Sereh" in text
    assert OutboxMessage.objects.filter(event="product_approved").count() >= 1
    assert set(OutboxMessage.objects.values_list("subject_id", flat=True)) == {
        str(pk)
        for pk in ProductRevision.objects.filter(status="approved").values_list("pk", flat=True)
    }


def test_viewer_cannot_bulk_approve(client, bali_viewer, queue):
    client.force_login(bali_viewer)
    ids = list(ProductRevision.objects.values_list("pk", flat=True))

    client.post(QUEUE, {"action": "approve_selected_revisions", "_selected_action": ids})

    assert ProductRevision.objects.filter(status="pending").count() == 4
    assert OutboxMessage.objects.count() == 0


def test_review_page_shows_live_and_proposed_side_by_side(client, bali_curator, group):
    product = ProductFactory(group=group, name="Tas Pandan", status=ProductStatus.APPROVED)
    revision = ProductRevisionFactory(
        product=product, kind=RevisionKind.EDIT, changes={"name": "Tas Pandan Jumbo"}
    )
    client.force_login(bali_curator)

    response = client.get(reverse("curation:review", args=[revision.pk]))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [(str(r["label"]), r["live"], r["proposed"]) for r in rows] == [
        ("nama", "Tas Pandan", "Tas Pandan Jumbo")
    ]
    html = response.content.decode()
    assert html.index("Tas Pandan<") < html.index("Tas Pandan Jumbo<")


def test_review_page_approves_and_rejects(client, bali_curator, group):
    first = ProductFactory(group=group, name="Kain Endek", status=ProductStatus.SUBMITTED)
    second = ProductFactory(group=group, name="Dupa", status=ProductStatus.SUBMITTED)
    r1 = ProductRevisionFactory(product=first)
    r2 = ProductRevisionFactory(product=second)
    client.force_login(bali_curator)

    client.post(reverse("curation:review", args=[r1.pk]), {"action": "approve"})
    client.post(
        reverse("curation:review", args=[r2.pk]), {"action": "reject", "reason": "Harga salah."}
    )

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == ProductStatus.APPROVED
    assert (second.status, second.rejection_reason) == (ProductStatus.REJECTED, "Harga salah.")


def test_viewer_cannot_approve_from_the_review_page(client, bali_viewer, group):
    product = ProductFactory(group=group, status=ProductStatus.SUBMITTED)
    revision = ProductRevisionFactory(product=product)
    client.force_login(bali_viewer)

    response = client.post(reverse("curation:review", args=[revision.pk]), {"action": "approve"})

    assert response.status_code == 404
    product.refresh_from_db()
    assert product.status == ProductStatus.SUBMITTED


def test_imported_submissions_enter_the_queue_once(client, national_admin, group):
    imported = ProductFactory(group=group, name="Anyaman Impor", status=ProductStatus.SUBMITTED)
    client.force_login(national_admin)

    client.get(QUEUE)
    response = client.get(QUEUE)

    assert queued(response) == ["Anyaman Impor"]
    revision = ProductRevision.objects.get(product=imported)
    assert (revision.kind, revision.status) == (RevisionKind.NEW, RevisionStatus.PENDING)


def test_review_page_never_renders_a_script_from_a_description(client, bali_curator, group):
    product = ProductFactory(
        group=group,
        status=ProductStatus.SUBMITTED,
        description='<p>Wangi</p><script>alert("x")</script><img src=x onerror=alert(1)>',
    )
    revision = ProductRevisionFactory(product=product)
    client.force_login(bali_curator)

    html = client.get(reverse("curation:review", args=[revision.pk])).content.decode()

    assert "<p>Wangi</p>" in html
    assert 'alert("x")' not in html
    assert "onerror" not in html
