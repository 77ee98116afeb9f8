import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.accounts.models import StaffRole
from marketplace.orders.models import Order
from marketplace.settlement.models import BatchStatus, PayoutBatch
from marketplace.settlement.payouts import run_payouts
from marketplace.settlement.postings import (
    post_fulfillment_delivered,
    post_fulfillment_reversed,
    post_payment_confirmed,
)
from tests.factories.accounts import StaffUserFactory
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, regency
from tests.factories.settlement import PayoutAccountFactory, paid_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(client):
    client.force_login(StaffUserFactory(staff_role=StaffRole.NATIONAL_ADMIN))
    return client


def test_reconciliation_balances_a_day_of_payments_and_refunds(national):
    group = UppksGroupFactory()
    order = paid_order({group: [100_000, 20_000]}, shipping=9_000, percent="10")
    post_payment_confirmed(order)
    post_fulfillment_reversed(order.fulfillments.get(), order_lines=[order.lines.first()])
    Order.objects.filter(pk=order.pk).update(total_refunded=100_000)

    response = national.get(reverse("settlement:reconciliation"))

    today = response.context["rows"][0]
    assert today.day == timezone.localdate()
    assert (today.received, today.group_shares, today.commission, today.refunds) == (
        129_000,
        27_000,
        2_000,
        100_000,
    )
    assert (today.difference, today.flagged) == (0, False)


def test_reconciliation_flags_a_paid_order_missing_from_the_ledger(national):
    group = UppksGroupFactory()
    order = paid_order({group: [100_000]}, shipping=0)

    response = national.get(reverse("settlement:reconciliation"))

    today = response.context["rows"][0]
    assert today.flagged is True
    assert today.difference == 100_000
    assert today.unposted_orders == [order.number]
    assert f"#{order.number}" in response.content.decode()


def test_batch_file_has_the_generic_bulk_transfer_columns(national):
    group = UppksGroupFactory()
    PayoutAccountFactory(
        group=group, bank_code="008", account_number="1234567890123", holder_name="=HYPERLINK(1)"
    )
    order = paid_order({group: [100_000]}, shipping=0, percent="0")
    post_payment_confirmed(order)
    post_fulfillment_delivered(order.fulfillments.get())
    batch = run_payouts(minimum=1)

    response = national.get(reverse("settlement:batch_file", args=[batch.pk]))

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    line = batch.lines.get()
    assert rows == [
        ["bank_code", "account_number", "account_name", "amount", "reference"],
        ["008", "1234567890123", "'=HYPERLINK(1)", "100000", line.reference],
    ]


def test_staff_mark_a_batch_paid_and_a_second_click_is_refused(national):
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    order = paid_order({group: [100_000]}, shipping=0, percent="0")
    post_payment_confirmed(order)
    post_fulfillment_delivered(order.fulfillments.get())
    batch = run_payouts(minimum=1)
    url = reverse("settlement:batch_mark_paid", args=[batch.pk])

    national.post(url)
    response = national.post(url, follow=True)

    assert PayoutBatch.objects.get().status == BatchStatus.PAID
    assert "sudah ditandai lunas" in response.content.decode()


def test_province_staff_cannot_see_another_provinces_group_ledger(client):
    aceh_group = UppksGroupFactory(regency=regency(ACEH_TENGAH))
    bali_staff = StaffUserFactory(staff_role=StaffRole.PROVINCE_CURATOR, staff_province_id="51")
    client.force_login(bali_staff)

    response = client.get(reverse("settlement:group_ledger", args=[aceh_group.pk]))

    assert response.status_code == 404


def test_province_staff_cannot_start_payout_runs(client):
    client.force_login(
        StaffUserFactory(staff_role=StaffRole.PROVINCE_CURATOR, staff_province_id="51")
    )

    response = client.post(reverse("settlement:start_run"), {"minimum": 1})

    assert response.status_code == 404
    assert not PayoutBatch.objects.exists()


def test_customers_do_not_get_the_staff_pages(client, group_member):
    client.force_login(group_member)

    assert client.get(reverse("settlement:reconciliation")).status_code == 404
