from django import forms
from django.utils.translation import gettext_lazy as _


class ProofUploadForm(forms.Form):
    proof = forms.FileField(
        label=_("Transfer receipt (photo or PDF)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
    )
    sender_name = forms.CharField(
        label=_("Name on the sending account"), max_length=100, required=False
    )


class ConfirmTransferForm(forms.Form):
    amount_received = forms.IntegerField(label=_("Amount received (Rp)"), min_value=1)
    reference = forms.CharField(label=_("Bank statement reference"), max_length=255, required=False)


class RejectProofForm(forms.Form):
    proof_id = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reason (shown to the customer)"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ManualRefundForm(forms.Form):
    reference = forms.CharField(label=_("Bank reference of the transfer back"), max_length=255)


class StaffRefundForm(forms.Form):
    amount = forms.IntegerField(label=_("Amount to refund (Rp)"), min_value=1)
    reason = forms.CharField(
        label=_("Reason (shown to the customer)"), widget=forms.Textarea(attrs={"rows": 3})
    )
