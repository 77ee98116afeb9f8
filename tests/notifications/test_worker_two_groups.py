"""A real worker on Redis and a real SMTP server: an order with lines from two groups is paid,
and each group hears exactly once, about its own lines only."""

import pytest

from marketplace.checkout.services import add_lines, complete_checkout
from marketplace.notifications.models import OutboxMessage, OutboxStatus
from tests.factories.catalog import StockFactory
from tests.factories.checkout import CheckoutFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import member
from tests.factories.orders import pay_by_bank_transfer
from tests.factories.regions import ACEH_TENGAH, regency

from .helpers import wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def _stock(group, *, name, price):
    return StockFactory(
        quantity=20,
        group=group,
        variant__product__group=group,
        variant__product__name=name,
        variant__price=price,
    )


def test_each_group_receives_one_notice_with_only_its_own_lines(celery_worker_factory, smtp_server):
    melati = UppksGroupFactory(name="UPPKS Melati")
    gayo = UppksGroupFactory(name="UPPKS Gayo", regency=regency(ACEH_TENGAH))
    soap = _stock(melati, name="Sabun Propolis", price=25_000)
    coffee = _stock(gayo, name="Kopi Gayo Arabika", price=85_000)
    melati_ketua = member(melati, email=True, language="id")
    gayo_ketua = member(gayo, email=True, language="en")
    celery_worker_factory(env={"EMAIL_URL": smtp_server.url})

    checkout = CheckoutFactory()
    add_lines(checkout.pk, [(soap.variant_id, 3), (coffee.variant_id, 2)])
    order = complete_checkout(checkout.pk)
    pay_by_bank_transfer(order)

    routed = list(OutboxMessage.objects.filter(event="fulfillment_routed").order_by("pk"))
    assert sorted(row.recipient for row in routed) == sorted(
        [melati_ketua.user.email, gayo_ketua.user.email]
    )
    wait_until(
        lambda: not OutboxMessage.objects.exclude(status=OutboxStatus.SENT).exists(),
        what="every notice sent",
    )
    total = OutboxMessage.objects.count()
    mails = smtp_server.wait_for(total)
    by_recipient = {}
    for mail in mails:
        by_recipient.setdefault(mail.rcpt_tos[0], []).append(mail)
    (soap_mail,) = by_recipient[melati_ketua.user.email]
    (coffee_mail,) = by_recipient[gayo_ketua.user.email]

    assert str(order.number) in soap_mail.subject
    assert "Sabun Propolis" in soap_mail.text
    assert "Kopi Gayo" not in soap_mail.text
    assert "Rp 75.000" in soap_mail.text
    assert "Rp 170.000" not in soap_mail.text

    assert str(order.number) in coffee_mail.subject
    assert "Kopi Gayo Arabika" in coffee_mail.text
    assert "Sabun" not in coffee_mail.text
    assert "Rp 170.000" in coffee_mail.text

    assert len(mails) == total
    assert len({mail.message_id for mail in mails}) == total
    assert [row.attempts for row in OutboxMessage.objects.order_by("pk")] == [1] * total
