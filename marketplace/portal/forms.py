"""Portal forms: labels in English msgids, shown in Bahasa Indonesia."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category, Product
from marketplace.core.images import validate_image_file

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


def category_needs(category: Category) -> str:
    """Which numbers a product in this category needs before staff can approve it."""
    permit, food = Product(category=category).needs_permit(), category.is_food
    if permit and food:
        return gettext("needs a P-IRT/BPOM permit and a halal number")
    if permit:
        return gettext("needs a P-IRT/BPOM permit")
    if food:
        return gettext("needs a halal number")
    return ""


class CategoryField(forms.ModelChoiceField):
    """Each choice says which numbers it needs, so the member knows before sending."""

    def label_from_instance(self, obj):
        needs = category_needs(obj)
        return f"{obj} — {needs}" if needs else str(obj)


# Product.publication_problems codes → the field the member has to fill in.
PROBLEM_FIELDS = {"permit_required": "permit_number", "halal_required": "halal_number"}
PERMIT_HELP = _("Required for categories marked “needs a P-IRT/BPOM permit”.")
HALAL_HELP = _("Required for food and drink, unless the product is labelled as not halal.")


class PublicationRulesMixin:
    """Refuse what staff could not approve anyway: the rules of Product.publication_problems."""

    def clean(self):
        cleaned = super().clean()
        category = cleaned.get("category")
        if category is None:
            return cleaned
        draft = Product(
            category=category,
            permit_number=cleaned.get("permit_number") or "",
            halal_number=cleaned.get("halal_number") or "",
            is_not_halal=bool(cleaned.get("is_not_halal")),
        )
        for code, message in draft.publication_problems():
            self.add_error(PROBLEM_FIELDS.get(code), ValidationError(message, code=code))
        return cleaned


class ProductForm(PublicationRulesMixin, forms.Form):
    """What a group fills in for a new product (one variant, one photo)."""

    name = forms.CharField(label=_("Product name"), max_length=200)
    category = CategoryField(label=_("Category"), queryset=Category.objects.none())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    price = forms.IntegerField(label=_("Price (Rp)"), min_value=1, max_value=1_000_000_000)
    weight_g = forms.IntegerField(label=_("Weight (grams)"), min_value=1, max_value=100_000)
    stock = forms.IntegerField(label=_("In stock"), min_value=0, max_value=1_000_000, initial=0)
    permit_number = forms.CharField(
        label=_("Permit number (P-IRT / BPOM)"),
        max_length=60,
        required=False,
        help_text=PERMIT_HELP,
    )
    halal_number = forms.CharField(
        label=_("Halal certificate number"),
        max_length=60,
        required=False,
        help_text=HALAL_HELP,
    )
    is_not_halal = forms.BooleanField(label=_("Labelled as not halal"), required=False)
    photo = forms.FileField(
        label=_("Product photo"),
        help_text=_("One clear photo: JPEG, PNG or WebP."),
        validators=[validate_image_file],
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()


class ProductEditForm(PublicationRulesMixin, forms.Form):
    """Changes to a product go back to curation (fields the curators review)."""

    name = forms.CharField(label=_("Product name"), max_length=200)
    category = CategoryField(label=_("Category"), queryset=Category.objects.none())
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    permit_number = forms.CharField(
        label=_("Permit number (P-IRT / BPOM)"),
        max_length=60,
        required=False,
        help_text=PERMIT_HELP,
    )
    halal_number = forms.CharField(
        label=_("Halal certificate number"),
        max_length=60,
        required=False,
        help_text=HALAL_HELP,
    )
    is_not_halal = forms.BooleanField(label=_("Labelled as not halal"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = _categories()
