"""Portal forms: labels in English msgids, shown in Bahasa Indonesia."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category

COURIERS = ["JNE", "J&T Express", "SiCepat", "POS Indonesia", "Anteraja", "TIKI", "Ninja Xpress"]


class PortalLoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Wrong phone number/email or password."),
    }

    username = forms.CharField(
        label=_("Phone number or email"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Why can the group not make this order?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ShipForm(forms.Form):
    courier = forms.CharField(
        label=_("Courier"),
        max_length=60,
        widget=forms.TextInput(attrs={"list": "couriers", "autocomplete": "off"}),
    )
    tracking_number = forms.CharField(label=_("Tracking number (resi)"), max_length=60)


class StockForm(forms.Form):
    quantity = forms.IntegerField(label=_("In stock"), min_value=0, max_value=1_000_000)


def _categories():
    return Category.objects.filter(children__isnull=True).select_related("parent")


class ProductForm(forms.Form):
    """What a group fills in for a new product (one variant)."""

    name = forms.CharField(label=_("Product name"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    price = forms.IntegerField(label=_("Price (Rp)"), min_value=1, max_value=1_000_000_000)
    weight_g = forms.IntegerField(label=_("Weight (grams)"), min_value=1, max_value=100_000)
    stock = forms.IntegerField(label=_("In stock"), min_value=0, max_value=1_000_000, initial=0)
    permit_number = forms.CharField(
        label=_("Permit number (P-IRT / BPOM)"), max_length=60, required=False
    )
    halal_number = forms.CharField(
        label=_("Halal certificate number"), max_length=60, required=False
    )
    is_not_halal = forms.BooleanField(label=_("Labelled as not halal"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()


class ProductEditForm(forms.Form):
    """Changes to a product go back to curation (fields the curators review)."""

    name = forms.CharField(label=_("Product name"), max_length=200)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    permit_number = forms.CharField(
        label=_("Permit number (P-IRT / BPOM)"), max_length=60, required=False
    )
    halal_number = forms.CharField(
        label=_("Halal certificate number"), max_length=60, required=False
    )
    is_not_halal = forms.BooleanField(label=_("Labelled as not halal"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
