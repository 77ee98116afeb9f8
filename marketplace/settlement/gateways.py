"""How a payout batch reaches the bank.

Today staff download a bulk-transfer CSV and upload it to the bank's business portal. A
disbursement API (Xendit, Midtrans Iris) becomes another ``PayoutGateway``: it submits the batch
after commit and reports each line back through ``payouts.mark_batch_paid`` /
``payouts.fail_payout_line``, so the ledger never changes for it.
"""

import csv
import io
from typing import Protocol

from .models import LineStatus, PayoutBatch

CSV_COLUMNS = ["bank_code", "account_number", "account_name", "amount", "reference"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class PayoutGateway(Protocol):
    name: str

    def export(self, batch: PayoutBatch) -> tuple[str, str, bytes]:
        """(file name, content type, content) staff hand to the bank; may be unsupported."""


class BankCsvGateway:
    """Generic bulk-transfer file: one row per pending or paid line, amounts in whole rupiah."""

    name = "bank_csv"

    def export(self, batch: PayoutBatch) -> tuple[str, str, bytes]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(CSV_COLUMNS)
        lines = batch.lines.exclude(status=LineStatus.FAILED).order_by("pk")
        for line in lines:
            writer.writerow(
                [
                    line.bank_code,
                    line.account_number,
                    _safe_text(line.holder_name),
                    line.amount,
                    line.reference,
                ]
            )
        return f"{batch.reference}.csv", "text/csv; charset=utf-8", buffer.getvalue().encode()


GATEWAYS: dict[str, PayoutGateway] = {BankCsvGateway.name: BankCsvGateway()}


def gateway_for(batch: PayoutBatch) -> PayoutGateway:
    return GATEWAYS[batch.gateway]


def _safe_text(value: str) -> str:
    """Spreadsheets run cells that start with = + - @ as formulas: neutralise them."""
    return f"'{value}" if value.startswith(_FORMULA_START) else value
