"""Partner registration on the storefront, and the wholesale box on product pages."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from marketplace.catalog.models import Category
from marketplace.groups.models import PartnerKind
from marketplace.regions.models import District, Province, Regency

from .errors import PartnerError
from .models import PartnerUser
from .services import ContactData, PartnerData, register_partner

REGISTRABLE_KINDS = [
    PartnerKind.BUMDES,
    PartnerKind.KOPERASI,
    PartnerKind.HOTEL,
    PartnerKind.RESTAURANT,
    PartnerKind.SHOP,
    PartnerKind.BUMN,
    PartnerKind.OFFTAKER,
]


class PartnerRegistrationForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Organisation name"), max_length=200)
    kind = forms.ChoiceField(
        label=gettext_lazy("Kind"),
        choices=[(kind.value, kind.label) for kind in REGISTRABLE_KINDS],
    )
    npwp = forms.CharField(label=gettext_lazy("NPWP (optional)"), max_length=25, required=False)
    province = forms.ChoiceField(label=gettext_lazy("Province"))
    regency = forms.ChoiceField(label=gettext_lazy("Regency / city (kabupaten / kota)"))
    district = forms.ChoiceField(label=gettext_lazy("District (kecamatan)"))
    address = forms.CharField(label=gettext_lazy("Street address"), max_length=300)
    phone = forms.CharField(label=gettext_lazy("Phone"), max_length=20)
    contact_name = forms.CharField(label=gettext_lazy("Contact person"), max_length=150)
    contact_position = forms.CharField(
        label=gettext_lazy("Contact's position"), max_length=100, required=False
    )
    categories = forms.ModelMultipleChoiceField(
        label=gettext_lazy("What do you want to buy?"),
        queryset=Category.objects.filter(parent__isnull=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        province_code = self.data.get("province", "") if self.is_bound else ""
        regency_code = self.data.get("regency", "") if self.is_bound else ""
        self.fields["province"].choices = [("", _("Choose a province"))] + list(
            Province.objects.values_list("code", "name")
        )
        regencies = Regency.objects.filter(province_id=province_code) if province_code else []
        self.fields["regency"].choices = [("", _("Choose a regency / city"))] + [
            (r.code, r.name) for r in regencies
        ]
        districts = District.objects.filter(regency_id=regency_code) if regency_code else []
        self.fields["district"].choices = [("", _("Choose a district"))] + [
            (d.code, d.name) for d in districts
        ]
        regions_url = reverse("storefront:regions")
        self.fields["province"].widget.attrs.update(
            {"data-children": "id_regency", "data-url": regions_url}
        )
        self.fields["regency"].widget.attrs.update(
            {"data-children": "id_district", "data-url": regions_url}
        )

    def partner_data(self, email: str) -> PartnerData:
        data = self.cleaned_data
        return PartnerData(
            name=data["name"],
            kind=data["kind"],
            district_code=data["district"],
            address=data["address"],
            npwp=data["npwp"],
            phone=data["phone"],
            email=email,
            category_ids=[c.pk for c in data["categories"]],
            contacts=[ContactData(name=data["contact_name"], position=data["contact_position"])],
        )


@login_required
@require_http_methods(["GET", "POST"])
def register(request):
    membership = PartnerUser.objects.filter(user=request.user).select_related("account").first()
    if membership is not None:
        return render(request, "partners/storefront/status.html", {"membership": membership})
    form = PartnerRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            register_partner(request.user, form.partner_data(request.user.email))
        except PartnerError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, _("Thank you: staff will check your registration and let you know.")
            )
            return redirect("partners_storefront:register")
    return render(request, "partners/storefront/register.html", {"form": form})


@login_required
def invoice(request, order_id):
    """The invoice PDF of a PO, for the users of its partner only (404 for anyone else)."""
    from django.http import HttpResponse

    from .invoices import invoice_number, invoice_pdf
    from .purchase_orders import purchase_order_for

    order = purchase_order_for(request.user, order_id)
    try:
        content = invoice_pdf(order)
    except PartnerError as error:
        from django.http import Http404

        raise Http404(error.message) from error
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{invoice_number(order)}.pdf"'
    return response


# --- The partner's purchase order: a draft in the session, then one PO across groups ---

DRAFT_KEY = "partner_po_draft"


def _member_or_404(request):
    from django.http import Http404

    from .services import partner_membership

    membership = partner_membership(request.user)
    if membership is None:
        raise Http404
    return membership


@login_required
@require_http_methods(["POST"])
def draft_add(request):
    _member_or_404(request)
    draft = dict(request.session.get(DRAFT_KEY, {}))
    for key, value in request.POST.items():
        if key.startswith("q_") and value.strip():
            try:
                quantity = int(value)
            except ValueError:
                messages.error(request, _("Enter whole numbers."))
                return redirect(request.POST.get("next") or "partners_storefront:purchase_orders")
            if quantity > 0:
                draft[key[2:]] = quantity
            else:
                draft.pop(key[2:], None)
    request.session[DRAFT_KEY] = draft
    messages.success(request, _("Added to your purchase order."))
    return redirect("partners_storefront:purchase_orders")


@login_required
@require_http_methods(["GET", "POST"])
def purchase_orders(request):
    from marketplace.catalog.models import ProductVariant

    from .models import PaymentTerms
    from .purchase_orders import LineRequest, create_purchase_order, credit_outstanding
    from .wholesale import offers_for_variants

    membership = _member_or_404(request)
    draft = {int(k): v for k, v in request.session.get(DRAFT_KEY, {}).items()}
    if request.method == "POST":
        lines = [LineRequest(variant_id, quantity) for variant_id, quantity in draft.items()]
        try:
            order = create_purchase_order(request.user, lines, terms=request.POST.get("terms", ""))
        except PartnerError as error:
            messages.error(request, error.message)
        else:
            request.session[DRAFT_KEY] = {}
            messages.success(
                request,
                _("Purchase order %(number)s sent to the groups.") % {"number": order.number},
            )
        return redirect("partners_storefront:purchase_orders")
    variants = ProductVariant.objects.filter(pk__in=draft).select_related("product__group")
    offers = offers_for_variants(list(draft))
    rows = []
    for variant in variants:
        offer = offers.get(variant.pk)
        rows.append({"variant": variant, "quantity": draft[variant.pk], "offer": offer})
    account = membership.account
    return render(
        request,
        "partners/storefront/purchase_orders.html",
        {
            "rows": rows,
            "terms": PaymentTerms.choices,
            "account": account,
            "credit_left": max(account.credit_limit - credit_outstanding(account), 0),
            "orders": account.purchase_orders.all()[:30],
            "can_buy": membership.can_buy,
        },
    )


# --- Quotes: ask a group for a price, see its offer, accept it as a purchase order ---


@login_required
@require_http_methods(["GET", "POST"])
def quotes(request):
    from .models import PaymentTerms
    from .quotes import request_quote

    membership = _member_or_404(request)
    if request.method == "POST":
        try:
            quote = request_quote(
                request.user,
                variant_id=int(request.POST.get("variant", "0") or 0),
                quantity=int(request.POST.get("quantity", "0") or 0),
                note=request.POST.get("note", ""),
            )
        except ValueError:
            messages.error(request, _("Enter whole numbers."))
        except PartnerError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Quote request sent to %(group)s.") % {"group": quote.group.name},
            )
        return redirect("partners_storefront:quotes")
    rows = membership.account.quotes.select_related("group", "variant__product", "purchase_order")
    return render(
        request,
        "partners/storefront/quotes.html",
        {
            "quotes": rows[:50],
            "terms": PaymentTerms.choices,
            "account": membership.account,
            "can_buy": membership.can_buy,
        },
    )


@login_required
@require_http_methods(["POST"])
def quote_accept(request, quote_id):
    from .quotes import accept_quote

    _member_or_404(request)
    try:
        order = accept_quote(request.user, quote_id, terms=request.POST.get("terms", ""))
    except PartnerError as error:
        messages.error(request, error.message)
        return redirect("partners_storefront:quotes")
    messages.success(
        request, _("Purchase order %(number)s sent to the groups.") % {"number": order.number}
    )
    return redirect("partners_storefront:purchase_orders")


@login_required
def purchase_order_detail(request, order_id):
    """One PO for the users of its partner (404 for anyone else): lines, each group's state,
    delivery notes and the invoice."""
    from .deliveries import delivered_quantities
    from .purchase_orders import purchase_order_for

    order = purchase_order_for(request.user, order_id)
    delivered = delivered_quantities(order)
    lines = [
        {"line": line, "delivered": delivered.get(line.pk, 0)}
        for line in order.lines.select_related("variant__product", "group")
    ]
    return render(
        request,
        "partners/storefront/purchase_order.html",
        {
            "order": order,
            "lines": lines,
            "parts": order.groups.select_related("group"),
            "shipments": order.shipments.select_related("group"),
        },
    )
