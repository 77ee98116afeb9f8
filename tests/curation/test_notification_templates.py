"""The group's notices render in Indonesian (default) and English from curation's templates."""

import pytest

from marketplace.catalog.models import ProductStatus
from marketplace.curation.onboarding import invite_member
from marketplace.curation.services import approve_product, reject_product
from marketplace.notifications.models import OutboxMessage
from marketplace.notifications.transports import render
from tests.factories.catalog import ProductFactory

pytestmark = pytest.mark.django_db


def test_approval_notice_in_indonesian(group, group_member, bali_curator):
    product = ProductFactory(group=group, name="Sabun Sereh", status=ProductStatus.SUBMITTED)
    approve_product(product.pk, actor=bali_curator)

    notice = render(OutboxMessage.objects.get(event="product_approved"))
    subject, text = notice.subject, notice.text

    assert subject == "Sabun Sereh kini dijual"
    assert 'Petugas BKKBN menyetujui "Sabun Sereh"' in text


def test_rejection_notice_in_english_carries_the_reason(group, group_member, bali_curator):
    group_member.language_code = "en"
    group_member.save()
    product = ProductFactory(group=group, name="Dodol", status=ProductStatus.SUBMITTED)
    reject_product(product.pk, actor=bali_curator, reason="Photo is blurred.")

    notice = render(OutboxMessage.objects.get(event="product_rejected"))
    subject, text = notice.subject, notice.text

    assert subject == "Dodol was not approved"
    assert "Reason: Photo is blurred." in text


def test_invitation_notice_carries_the_link(group, bali_curator):
    _invitation, token = invite_member(group.pk, actor=bali_curator, email="w@example.id")

    notice = render(OutboxMessage.objects.get(event="member_invitation"))

    assert notice.subject == f"Undangan bergabung dengan {group.name} di Pasar UPPKS"
    assert f"/admin/curation/join/{token}/" in notice.text
    assert f"/admin/curation/join/{token}/" in notice.short_text  # whole link in an SMS
