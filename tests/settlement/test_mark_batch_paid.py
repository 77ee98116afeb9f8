import pytest
from django.core import mail
from django.utils import translation

from marketplace.notifications import transports
from marketplace.notifications.models import OutboxMessage
from marketplace.settlement.errors import SettlementError, SettlementErrorCode
from marketplace.settlement.models import AccountKind, BatchStatus, LedgerEntry, LineStatus
from marketplace.settlement.payouts import fail_payout_line, mark_batch_paid, run_payouts
from marketplace.settlement.postings import post_fulfillment_delivered, post_payment_confirmed
from tests.factories.accounts import StaffUserFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.settlement import PayoutAccountFactory, balances, paid_order

pytestmark = pytest.mark.django_db


def payable(group, amount):
    order = paid_order({group: [amount]}, shipping=0, percent="0")
    post_payment_confirmed(order)
    post_fulfillment_delivered(order.fulfillments.get())


def test_marking_paid_moves_the_money_to_paid_and_tells_the_members():
    # given
    staff = StaffUserFactory()
    group = UppksGroupFactory(name="UPPKS Cempaka")
    member = GroupMemberFactory(group=group, notify_whatsapp=False).user
    PayoutAccountFactory(group=group, bank_code="008", account_number="1234567890123")
    payable(group, 125_000)
    batch = run_payouts(minimum=1)
    # when
    mark_batch_paid(batch.pk, actor=staff)
    # then
    batch.refresh_from_db()
    assert (batch.status, batch.paid_by) == (BatchStatus.PAID, staff)
    assert batch.lines.get().status == LineStatus.PAID
    assert balances(group)[AccountKind.IN_TRANSFER] == 0
    assert balances(group)[AccountKind.PAID] == 125_000
    message = OutboxMessage.objects.get(event="payout_sent")
    assert (message.recipient, message.context["amount"]) == (member.email, 125_000)
    assert message.context["account_masked"] == "•••• 0123"
    notice = transports.render(message)
    assert notice.subject == "Pembayaran Rp 125.000 telah dikirim ke UPPKS Cempaka"
    assert "Rp 125.000" in notice.text and "•••• 0123" in notice.text
    assert "1234567890123" not in notice.text + notice.html + notice.short_text


def test_marking_a_batch_paid_twice_is_refused_and_changes_nothing():
    group = UppksGroupFactory()
    GroupMemberFactory(group=group)
    PayoutAccountFactory(group=group)
    payable(group, 100_000)
    batch = run_payouts(minimum=1)
    mark_batch_paid(batch.pk, actor=None)
    entries, notices = LedgerEntry.objects.count(), OutboxMessage.objects.count()

    with pytest.raises(SettlementError) as error, translation.override("en"):
        mark_batch_paid(batch.pk, actor=None)

    assert error.value.code == SettlementErrorCode.BATCH_ALREADY_PAID
    assert batch.reference in error.value.message
    assert (LedgerEntry.objects.count(), OutboxMessage.objects.count()) == (entries, notices)
    assert balances(group)[AccountKind.PAID] == 100_000


def test_a_failed_line_returns_its_amount_to_payable_and_is_not_paid_with_the_batch():
    mawar, melati = UppksGroupFactory(), UppksGroupFactory()
    for group in (mawar, melati):
        PayoutAccountFactory(group=group)
        payable(group, 100_000)
    batch = run_payouts(minimum=1)
    failed = batch.lines.get(group=mawar)

    fail_payout_line(failed.pk, actor=None, reason="Rekening tidak aktif")
    mark_batch_paid(batch.pk, actor=None)

    failed.refresh_from_db()
    assert (failed.status, failed.failure_reason) == (LineStatus.FAILED, "Rekening tidak aktif")
    assert balances(mawar)[AccountKind.PAYABLE] == 100_000
    assert balances(mawar)[AccountKind.PAID] == 0
    assert balances(melati)[AccountKind.PAID] == 100_000
    assert list(OutboxMessage.objects.values_list("subject_id", flat=True)) == [
        str(batch.lines.get(group=melati).pk)
    ]
    assert mail.outbox == []  # sent by the worker after commit, not during the request


def test_failing_a_line_twice_is_refused():
    group = UppksGroupFactory()
    PayoutAccountFactory(group=group)
    payable(group, 100_000)
    line = run_payouts(minimum=1).lines.get()
    fail_payout_line(line.pk, actor=None, reason="Nama tidak cocok")
    entries = LedgerEntry.objects.count()

    with pytest.raises(SettlementError) as error:
        fail_payout_line(line.pk, actor=None, reason="lagi")

    assert error.value.code == SettlementErrorCode.LINE_NOT_PENDING
    assert LedgerEntry.objects.count() == entries
    assert balances(group)[AccountKind.PAYABLE] == 100_000
