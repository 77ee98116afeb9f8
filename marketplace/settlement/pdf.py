"""The monthly statement as a PDF (fpdf2, pure Python), in the active language."""

from pathlib import Path

from django.utils.translation import gettext as _
from fpdf import FPDF

from marketplace.core.money import format_rupiah

from .statements import Statement, month_label

_FONT_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
]
_FONT_BOLD_CANDIDATES = [
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf"),
]
_LATIN1_REPLACEMENTS = {"•": "*", "—": "-", "–": "-", "’": "'", "“": '"', "”": '"'}


class _StatementPdf(FPDF):
    def __init__(self):
        super().__init__(orientation="P", unit="mm", format="A4")
        regular = next((p for p in _FONT_CANDIDATES if p.exists()), None)
        bold = next((p for p in _FONT_BOLD_CANDIDATES if p.exists()), None)
        self.unicode = bool(regular and bold)
        if self.unicode:
            self.add_font("Body", "", str(regular))
            self.add_font("Body", "B", str(bold))
            self.family_name = "Body"
        else:
            self.family_name = "Helvetica"
        self.set_auto_page_break(auto=True, margin=15)

    def text_safe(self, value: str) -> str:
        if self.unicode:
            return value
        for char, replacement in _LATIN1_REPLACEMENTS.items():
            value = value.replace(char, replacement)
        return value.encode("latin-1", "replace").decode("latin-1")

    def footer(self):
        self.set_y(-12)
        self.set_font(self.family_name, "", 8)
        self.cell(0, 5, self.text_safe(f"Pasar UPPKS — {self.page_no()}"), align="C")


COLUMNS = [
    (20, "L"),
    (14, "L"),
    (46, "L"),
    (22, "R"),
    (20, "R"),
    (20, "R"),
    (24, "R"),
    (24, "R"),
]


def statement_pdf(statement: Statement, balances: dict[str, int]) -> bytes:
    pdf = _StatementPdf()
    pdf.add_page()
    t = pdf.text_safe
    pdf.set_font(pdf.family_name, "B", 14)
    pdf.cell(0, 8, t(_("Statement %(month)s") % {"month": month_label(statement.month)}))
    pdf.ln(8)
    pdf.set_font(pdf.family_name, "", 10)
    group = statement.group
    pdf.cell(0, 6, t(f"{group.name} ({group.code})"))
    pdf.ln(8)
    for label, key in (
        (_("Pending (not yet delivered)"), "pending"),
        (_("Payable"), "payable"),
        (_("Being transferred"), "in_transfer"),
        (_("Paid out"), "paid"),
    ):
        pdf.cell(60, 5, t(label))
        pdf.cell(40, 5, t(format_rupiah(balances.get(key, 0))), align="R")
        pdf.ln(5)
    if balances.get("recoverable"):
        pdf.cell(60, 5, t(_("Owed back by the group")))
        pdf.cell(40, 5, t(format_rupiah(balances["recoverable"])), align="R")
        pdf.ln(5)
    pdf.ln(4)
    headers = [
        _("Date"),
        _("Order"),
        _("Description"),
        _("Goods sales"),
        _("Shipping"),
        _("Commission"),
        _("Group share"),
        _("Payout"),
    ]
    pdf.set_font(pdf.family_name, "B", 8)
    for (width, align), header in zip(COLUMNS, headers, strict=True):
        pdf.cell(width, 6, t(header), border="B", align=align)
    pdf.ln(6)
    pdf.set_font(pdf.family_name, "", 8)
    for row in statement.rows:
        values = [
            row.posted_at.strftime("%d-%m-%Y"),
            f"#{row.order_number}" if row.order_number else "",
            row.description[:30],
            _amount(row.goods),
            _amount(row.shipping),
            _amount(row.commission),
            _amount(row.share),
            _amount(row.payout),
        ]
        for (width, align), value in zip(COLUMNS, values, strict=True):
            pdf.cell(width, 5, t(value), align=align)
        pdf.ln(5)
    totals = statement.totals
    pdf.set_font(pdf.family_name, "B", 8)
    total_values = ["", "", _("Total")] + [
        _amount(totals[k]) for k in ("goods", "shipping", "commission", "share", "payout")
    ]
    for (width, align), value in zip(COLUMNS, total_values, strict=True):
        pdf.cell(width, 6, t(value), border="T", align=align)
    pdf.ln(6)
    return bytes(pdf.output())


def _amount(value: int) -> str:
    return format_rupiah(value) if value else ""
