import pytest

from marketplace.notifications.models import Channel
from marketplace.notifications.outbox import (
    Recipient,
    recipients_for_group,
    recipients_for_province_staff,
)
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import member, national_admin, province_staff
from tests.factories.regions import ACEH, BALI

pytestmark = pytest.mark.django_db


def test_each_member_gets_the_channels_they_chose():
    group = UppksGroupFactory()
    ketua = member(group, email=True, whatsapp=True, sms=False, language="en")
    bendahara = member(group, email=False, whatsapp=False, sms=True)
    member(group, email=False, whatsapp=False, sms=False)
    gone = member(group, email=True)
    gone.is_active = False
    gone.save()

    recipients = recipients_for_group(group)

    assert recipients == [
        Recipient(Channel.EMAIL, ketua.user.email, "en"),
        Recipient(Channel.WHATSAPP, str(ketua.user.phone), "en"),
        Recipient(Channel.SMS, str(bendahara.user.phone), "id"),
    ]


def test_a_group_without_reachable_members_is_told_on_its_own_contacts():
    group = UppksGroupFactory(email="kelompok@example.id", phone="+6281299990000")

    assert recipients_for_group(group) == [
        Recipient(Channel.EMAIL, "kelompok@example.id", "id"),
        Recipient(Channel.WHATSAPP, "+6281299990000", "id"),
    ]


def test_province_staff_and_national_admins_are_alerted():
    bali = province_staff(BALI, language_code="en")
    province_staff(ACEH)
    admin = national_admin()

    recipients = recipients_for_province_staff(BALI)

    assert recipients == [
        Recipient(Channel.EMAIL, bali.email, "en"),
        Recipient(Channel.EMAIL, admin.email, "id"),
    ]
