from django import forms
from django.utils.translation import gettext_lazy as _

from .banks import BANK_CHOICES


class PayoutAccountForm(forms.Form):
    """What a group member fills in; the service checks the bank's numbering."""

    bank_code = forms.ChoiceField(label=_("Bank"), choices=[("", "—"), *BANK_CHOICES])
    account_number = forms.CharField(
        label=_("Account number"),
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    holder_name = forms.CharField(label=_("Account holder (as the bank has it)"), max_length=100)


class FailLineForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=255)


class PayoutRunForm(forms.Form):
    minimum = forms.IntegerField(label=_("Minimum amount (Rp)"), min_value=1)
