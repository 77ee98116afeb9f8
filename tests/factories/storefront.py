"""Published products as the storefront shows them: variants, stock and a photo."""

from marketplace.catalog.models import Category, Product

from .catalog import ProductFactory, ProductMediaFactory, ProductVariantFactory, StockFactory


def shop_product(
    *,
    name: str = "Tas Anyaman Pandan",
    category: str = "anyaman",
    price: int = 85_000,
    quantity: int = 10,
    variants: tuple[str, ...] = ("Sedang",),
    photo: bool = False,
    description: str = "<p>Buatan tangan kelompok UPPKS.</p>",
    **fields,
) -> Product:
    """A published product with one variant per label (each ``price`` up by 5.000) in stock."""
    product = ProductFactory(
        name=name,
        category=Category.objects.get(slug=category),
        description=description,
        **fields,
    )
    for index, label in enumerate(variants):
        variant = ProductVariantFactory(
            product=product, name=label, options={"Varian": label}, price=price + index * 5_000
        )
        StockFactory(variant=variant, group=product.group, quantity=quantity)
    if photo:
        ProductMediaFactory(product=product, alt=f"Foto {name}")
    return product


def checkout_address(**changes) -> dict:
    """The checkout form of a buyer in Klungkung, Bali; ``changes`` override fields."""
    from tests.factories.regions import KLUNGKUNG, district

    data = {
        "email": "komang@example.id",
        "phone": "0812-3456-7801",
        "first_name": "Komang",
        "last_name": "Ayu",
        "province": "51",
        "regency": KLUNGKUNG,
        "district": district(KLUNGKUNG).code,
        "village": "Semarapura Kelod",
        "street_address_1": "Jl. Flamboyan No. 3, RT 001/RW 004",
        "street_address_2": "",
        "postal_code": "80712",
        "payment_method": "bank_transfer",
    }
    return {**data, **changes}
