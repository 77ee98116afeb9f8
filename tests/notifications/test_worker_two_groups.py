"""A real worker on Redis and a real SMTP server: each group hears only about its own lines."""

from datetime import timedelta

import pytest

from marketplace.notifications.reminders import send_fulfillment_reminders
from tests.factories.notifications import member

from .helpers import paid_two_group_order, wait_all_sent

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def test_each_group_receives_one_notice_with_only_its_own_lines(celery_worker_factory, smtp_server):
    order, soap, coffee = paid_two_group_order(hours_ago=13)
    melati = member(soap.group, email=True, language="id")
    gayo = member(coffee.group, email=True, language="en")
    celery_worker_factory(env={"EMAIL_URL": smtp_server.url})

    run = send_fulfillment_reminders(now=order.paid_at + timedelta(hours=13))

    assert run.reminded == 2
    rows = wait_all_sent(count=2)
    mails = smtp_server.wait_for(2)
    assert len(mails) == 2
    by_recipient = {mail.rcpt_tos[0]: mail for mail in mails}
    assert set(by_recipient) == {melati.user.email, gayo.user.email}

    soap_mail = by_recipient[melati.user.email]
    assert "Sabun Propolis" in soap_mail.text
    assert "Kopi Gayo" not in soap_mail.text
    assert "3 × Sabun Propolis" in soap_mail.text
    assert "Rp 75.000" in soap_mail.text
    assert "Rp 170.000" not in soap_mail.text
    assert "Sabun Propolis" in soap_mail.html
    assert soap_mail.subject == f"Pengingat: pesanan #{order.number} menunggu Anda terima"

    coffee_mail = by_recipient[gayo.user.email]
    assert "2 × Kopi Gayo Arabika" in coffee_mail.text
    assert "Sabun" not in coffee_mail.text
    assert "Rp 170.000" in coffee_mail.text
    assert coffee_mail.subject == (
        f"Reminder: order #{order.number} is waiting for you to accept it"
    )

    assert {row.subject_id for row in rows} == {str(soap.pk), str(coffee.pk)}
    assert [row.attempts for row in rows] == [1, 1]
    assert {mail.message_id for mail in mails} == {row.message_id_header for row in rows}
