"""Where a group is paid: requested by the group, approved by staff, audited, shown masked."""

import re

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.core import audit
from marketplace.groups.models import UppksGroup

from .banks import BANKS_BY_CODE, bank_name, mask_account_number
from .errors import SettlementError, SettlementErrorCode
from .models import PayoutAccount, PayoutAccountRequest, RequestStatus

_SEPARATORS = re.compile(r"[\s\-\.]")


def clean_bank_details(
    *, bank_code: str, account_number: str, holder_name: str
) -> tuple[str, str, str]:
    """Normalise and check a bank account; raise SettlementError naming the faulty field."""
    code = str(bank_code or "").strip()
    bank = BANKS_BY_CODE.get(code)
    if bank is None:
        raise SettlementError(
            SettlementErrorCode.UNKNOWN_BANK,
            _("“%(code)s” is not a bank we can transfer to. Choose a bank from the list.")
            % {"code": code},
            field="bank_code",
        )
    number = _SEPARATORS.sub("", str(account_number or ""))
    if not number.isascii() or not number.isdigit() or len(number) not in bank.lengths:
        lengths = sorted(bank.lengths)
        expected = (
            str(lengths[0])
            if len(lengths) == 1
            else _("%(low)s to %(high)s") % {"low": lengths[0], "high": lengths[-1]}
        )
        raise SettlementError(
            SettlementErrorCode.INVALID_ACCOUNT_NUMBER,
            _("An account number at %(bank)s has %(expected)s digits and nothing else.")
            % {"bank": bank.name, "expected": expected},
            field="account_number",
        )
    holder = " ".join(str(holder_name or "").split())
    if not 2 <= len(holder) <= 100:
        raise SettlementError(
            SettlementErrorCode.INVALID_HOLDER_NAME,
            _("Write the account holder's name as the bank has it."),
            field="holder_name",
        )
    return code, number, holder


def request_payout_account(
    group_id: int, *, bank_code: str, account_number: str, holder_name: str, actor
) -> PayoutAccountRequest:
    """A group asks to be paid into this account; it applies once staff approve it."""
    code, number, holder = clean_bank_details(
        bank_code=bank_code, account_number=account_number, holder_name=holder_name
    )
    with transaction.atomic():
        group = UppksGroup.objects.select_related("regency").select_for_update().get(pk=group_id)
        PayoutAccountRequest.objects.filter(group=group, status=RequestStatus.PENDING).update(
            status=RequestStatus.SUPERSEDED, decided_at=timezone.now()
        )
        request = PayoutAccountRequest.objects.create(
            group=group,
            bank_code=code,
            account_number=number,
            holder_name=holder,
            requested_by=actor if getattr(actor, "pk", None) else None,
        )
        audit.record(
            actor,
            request,
            "payout_account_requested",
            {"account": [None, f"{bank_name(code)} {mask_account_number(number)} {holder}"]},
            province_code=group.province_code,
        )
    return request


def approve_payout_account(request_id: int, *, actor) -> PayoutAccount:
    """Staff approve a request: the group's payout account becomes the requested one."""
    with transaction.atomic():
        request = _locked_pending_request(request_id)
        group = request.group
        account = PayoutAccount.objects.select_for_update().filter(group=group).first()
        old = (
            f"{account.bank_name} {account.masked_number} {account.holder_name}"
            if account
            else None
        )
        if account is None:
            account = PayoutAccount(group=group)
        account.bank_code = request.bank_code
        account.account_number = request.account_number
        account.holder_name = request.holder_name
        account.approved_by = actor if getattr(actor, "pk", None) else None
        account.approved_at = timezone.now()
        account.save()
        request.status = RequestStatus.APPROVED
        request.decided_by = account.approved_by
        request.decided_at = account.approved_at
        request.save(update_fields=["status", "decided_by", "decided_at"])
        new = f"{account.bank_name} {account.masked_number} {account.holder_name}"
        audit.record(
            actor,
            account,
            "payout_account_approved",
            {"account": [old, new]},
            province_code=group.province_code,
        )
    return account


def reject_payout_account(request_id: int, *, actor, note: str = "") -> PayoutAccountRequest:
    """Staff turn a request down; the group's current account stays as it is."""
    with transaction.atomic():
        request = _locked_pending_request(request_id)
        request.status = RequestStatus.REJECTED
        request.decided_by = actor if getattr(actor, "pk", None) else None
        request.decided_at = timezone.now()
        request.decision_note = note[:255]
        request.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        audit.record(
            actor,
            request,
            "payout_account_rejected",
            {"note": [None, request.decision_note]},
            province_code=request.group.province_code,
        )
    return request


def _locked_pending_request(request_id: int) -> PayoutAccountRequest:
    request = (
        PayoutAccountRequest.objects.select_for_update(of=("self",))
        .select_related("group__regency")
        .get(pk=request_id)
    )
    if request.status != RequestStatus.PENDING:
        raise SettlementError(
            SettlementErrorCode.REQUEST_NOT_PENDING,
            _("This change was already decided (%(status)s).")
            % {"status": request.get_status_display()},
        )
    return request
