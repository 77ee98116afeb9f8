from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from unfold.widgets import UnfoldAdminTextareaWidget, UnfoldAdminTextInputWidget

from marketplace.core.money import RupiahParseError, format_rupiah, parse_rupiah


class RupiahField(forms.Field):
    """An amount in whole rupiah typed as text, so "660.973" is not blocked by the browser."""

    default_error_messages = {
        "invalid": _("Enter whole rupiah, e.g. 660973, 660.973 or Rp 660.973."),
        "min_value": _("The amount must be more than Rp 0."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            UnfoldAdminTextInputWidget(attrs={"inputmode": "numeric", "placeholder": "660.973"}),
        )
        super().__init__(**kwargs)

    def to_python(self, value) -> int | None:
        if value in self.empty_values:
            return None
        try:
            amount = parse_rupiah(str(value))
        except RupiahParseError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if amount < 1:
            raise ValidationError(self.error_messages["min_value"], code="min_value")
        return amount


class ProofUploadForm(forms.Form):
    proof = forms.FileField(
        label=_("Transfer receipt (photo or PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    sender_name = forms.CharField(
        label=_("Name on the sending account"), max_length=100, required=False
    )


class ConfirmTransferForm(forms.Form):
    amount_received = RupiahField(label=_("Amount received (Rp)"))
    reference = forms.CharField(
        label=_("Bank statement reference"),
        max_length=255,
        required=False,
        widget=UnfoldAdminTextInputWidget,
    )


class RejectProofForm(forms.Form):
    proof_id = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (shown to the customer)"),
        widget=UnfoldAdminTextareaWidget(attrs={"rows": 2}),
    )


class ManualRefundForm(forms.Form):
    reference = forms.CharField(label=_("Bank reference of the transfer back"), max_length=255)


class StaffRefundForm(forms.Form):
    """A staff refund; the help text says how much can go back and when the code goes too."""

    amount = RupiahField(label=_("Amount to refund (Rp)"))
    reason = forms.CharField(
        label=_("Reason (shown to the customer)"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, refundable=None, **kwargs):
        super().__init__(*args, **kwargs)
        if refundable is not None:
            self.fields["amount"].help_text = refundable_text(refundable)


def refundable_text(refundable) -> str:
    """What can go back, in words: the whole rest with its unique code, or a partial refund."""
    if not refundable.code:
        return _("At most %(total)s.") % {"total": format_rupiah(refundable.total)}
    return _(
        "Everything left: %(total)s, including the unique code %(code)s (entering %(order)s "
        "also refunds everything left, code included). A partial refund is at most "
        "%(partial)s and returns no code."
    ) % {
        "total": format_rupiah(refundable.total),
        "code": format_rupiah(refundable.code),
        "order": format_rupiah(refundable.order),
        "partial": format_rupiah(refundable.partial_limit),
    }
