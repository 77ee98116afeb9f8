"""The group's stock and products: update stock, submit a new product, propose changes."""

import secrets

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from marketplace.catalog.models import ProductStatus
from marketplace.catalog.services import (
    ProductData,
    VariantData,
    add_product_image,
    create_product,
    set_stock,
)
from marketplace.core.errors import DomainError
from marketplace.curation.services import submit_product, submit_product_changes

from ..decorators import group_member_required
from ..forms import ProductEditForm, ProductForm, StockForm

EDITABLE = ("name", "category", "description", "permit_number", "halal_number", "is_not_halal")


def group_stocks(group):
    return group.stocks.select_related("variant__product").order_by(
        "variant__product__name", "variant__sku"
    )


@require_GET
@group_member_required
def stock_list(request):
    return render(request, "portal/stock_list.html", {"stocks": group_stocks(request.group)})


@require_POST
@group_member_required
def stock_update(request, stock_id):
    stock = get_object_or_404(group_stocks(request.group), pk=stock_id)
    form = StockForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["quantity"][0])
        return redirect("portal:stock")
    try:
        set_stock(
            stock.variant_id,
            group_id=request.group.pk,
            quantity=form.cleaned_data["quantity"],
            actor=request.user,
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Stock of %(sku)s saved.") % {"sku": stock.variant.sku})
    return redirect("portal:stock")


def group_products(group):
    return group.products.select_related("category").prefetch_related("variants")


@require_GET
@group_member_required
def product_list(request):
    return render(request, "portal/product_list.html", {"products": group_products(request.group)})


def _sku(group) -> str:
    return f"{group.code}-{secrets.token_hex(3).upper()}"[:64]


@require_http_methods(["GET", "POST"])
@group_member_required
def product_new(request):
    form = ProductForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                product = create_product(
                    ProductData(
                        group_id=request.group.pk,
                        category_id=data["category"].pk,
                        name=data["name"],
                        description=data["description"],
                        permit_number=data["permit_number"],
                        halal_number=data["halal_number"],
                        variants=[
                            VariantData(
                                sku=_sku(request.group),
                                price=data["price"],
                                weight_g=data["weight_g"],
                                stock=data["stock"],
                            )
                        ],
                    ),
                    actor=request.user,
                )
                photo = data["photo"]
                photo.seek(0)
                add_product_image(
                    product.pk, filename=photo.name, content=photo.read(), alt=product.name
                )
                if data["is_not_halal"]:
                    product.is_not_halal = True
                    product.save(update_fields=["is_not_halal", "updated_at"])
                if product.status in (ProductStatus.DRAFT, ProductStatus.REJECTED):
                    submit_product(product.pk, actor=request.user)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Product sent to BKKBN staff for review."))
            return redirect("portal:products")
    return render(request, "portal/product_form.html", {"form": form, "product": None})


@require_http_methods(["GET", "POST"])
@group_member_required
def product_edit(request, product_id):
    product = get_object_or_404(group_products(request.group), pk=product_id)
    initial = {name: getattr(product, name) for name in EDITABLE}
    form = ProductEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {
            name: (value.pk if name == "category" else value)
            for name, value in form.cleaned_data.items()
            if name in form.changed_data
        }
        if not changes:
            messages.info(request, _("Nothing changed."))
            return redirect("portal:products")
        try:
            submit_product_changes(product.pk, actor=request.user, changes=changes)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, _("Changes sent to BKKBN staff for review."))
            return redirect("portal:products")
    return render(request, "portal/product_form.html", {"form": form, "product": product})
