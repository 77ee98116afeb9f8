"""The checkout page's form. The rules (email, phone, region codes, postal code) are checked by
``checkout.services``; this form only gives the page its fields and region choices."""

from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from marketplace.checkout.payment_methods import method_available
from marketplace.orders.models import PaymentMethod
from marketplace.regions.models import District, Province, Regency

# service field name -> form field name
SERVICE_FIELDS = {
    "regency_code": "regency",
    "district_code": "district",
    "province_code": "province",
}


class CheckoutForm(forms.Form):
    email = forms.EmailField(
        label=_("Email"), widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    phone = forms.CharField(
        label=_("Phone number (for the courier)"),
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    first_name = forms.CharField(label=_("Recipient's name"), max_length=100)
    last_name = forms.CharField(label=_("Last name (optional)"), max_length=100, required=False)
    province = forms.ChoiceField(label=_("Province"))
    regency = forms.ChoiceField(label=_("Regency / city (kabupaten / kota)"))
    district = forms.ChoiceField(label=_("District (kecamatan)"))
    village = forms.CharField(label=_("Village (desa / kelurahan)"), max_length=100)
    street_address_1 = forms.CharField(label=_("Street, house number, RT/RW"), max_length=255)
    street_address_2 = forms.CharField(
        label=_("Address details (optional)"), max_length=255, required=False
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        max_length=5,
        min_length=5,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"}),
    )
    payment_method = forms.ChoiceField(
        label=_("Payment"), choices=PaymentMethod.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, province_code: str = "", regency_code: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        province_code = self.data.get("province", province_code) if self.is_bound else province_code
        regency_code = self.data.get("regency", regency_code) if self.is_bound else regency_code
        self.fields["province"].choices = [("", _("Choose a province"))] + list(
            Province.objects.values_list("code", "name")
        )
        regencies = Regency.objects.filter(province_id=province_code) if province_code else []
        self.fields["regency"].choices = [("", _("Choose a regency / city"))] + [
            (regency.code, regency.name) for regency in regencies
        ]
        districts = District.objects.filter(regency_id=regency_code) if regency_code else []
        self.fields["district"].choices = [("", _("Choose a district"))] + [
            (district.code, district.name) for district in districts
        ]
        self.fields["payment_method"].choices = [
            (value, label) for value, label in PaymentMethod.choices if method_available(value)
        ]
        regions_url = reverse("storefront:regions")
        self.fields["province"].widget.attrs.update(
            {"data-children": "id_regency", "data-url": regions_url}
        )
        self.fields["regency"].widget.attrs.update(
            {"data-children": "id_district", "data-url": regions_url}
        )

    def address(self) -> dict:
        data = self.cleaned_data
        return {
            "first_name": data["first_name"],
            "last_name": data["last_name"],
            "phone": data["phone"],
            "street_address_1": data["street_address_1"],
            "street_address_2": data["street_address_2"],
            "village": data["village"],
            "district_code": data["district"],
            "regency_code": data["regency"],
            "province_code": data["province"],
            "postal_code": data["postal_code"],
        }

    def add_service_error(self, error) -> None:
        field = SERVICE_FIELDS.get(error.field or "", error.field)
        self.add_error(field if field in self.fields else None, error.message)


class TrackOrderForm(forms.Form):
    # Text, not a number input: buyers paste "#100001" from the email.
    number = forms.CharField(
        label=_("Order number"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    email = forms.EmailField(label=_("Email used for the order"))

    def clean_number(self) -> int:
        number = self.cleaned_data["number"].strip().removeprefix("#").strip()
        if not (number.isascii() and number.isdigit() and len(number) <= 18 and int(number) > 0):
            raise forms.ValidationError(_("Enter the order number, for example 100001 or #100001."))
        return int(number)
