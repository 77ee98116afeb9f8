from django.shortcuts import get_object_or_404, render

from marketplace.catalog.models import Category, Product
from marketplace.groups.models import UppksGroup


def home(request):
    products = (
        Product.objects.published()
        .select_related("group__regency", "category")
        .prefetch_related("variants", "media")[:12]
    )
    return render(request, "storefront/home.html", {"products": products})


def category(request, slug):
    category = get_object_or_404(Category, slug=slug)
    products = Product.objects.published().filter(category=category).select_related("group")
    return render(request, "storefront/home.html", {"products": products, "category": category})


def product(request, slug):
    product = get_object_or_404(Product.objects.published().select_related("group"), slug=slug)
    return render(request, "storefront/home.html", {"products": [product]})


def group(request, slug):
    group = get_object_or_404(UppksGroup.objects.active(), slug=slug)
    return render(
        request, "storefront/home.html", {"products": group.products.published(), "group": group}
    )
