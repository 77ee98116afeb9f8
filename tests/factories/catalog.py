import factory

from marketplace.catalog.models import (
    Category,
    Product,
    ProductMedia,
    ProductStatus,
    ProductVariant,
    Stock,
)

from .groups import UppksGroupFactory


def category(slug: str = "anyaman") -> Category:
    """Categories come from the data migration."""
    return Category.objects.get(slug=slug)


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    slug = factory.Sequence(lambda n: f"kategori-{n}")
    name = factory.Sequence(lambda n: f"Kategori {n}")
    name_en = factory.Sequence(lambda n: f"Category {n}")


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    group = factory.SubFactory(UppksGroupFactory)
    category = factory.LazyFunction(lambda: Category.objects.get(slug="anyaman"))
    name = factory.Sequence(lambda n: f"Tas Anyaman Pandan {n}")
    slug = factory.Sequence(lambda n: f"tas-anyaman-pandan-{n}")
    description = "<p>Dianyam tangan.</p>"
    status = ProductStatus.APPROVED


class ProductVariantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductVariant

    product = factory.SubFactory(ProductFactory)
    sku = factory.Sequence(lambda n: f"SKU-{n:05d}")
    options = factory.LazyFunction(lambda: {"Ukuran": "Sedang"})
    price = 85_000
    weight_g = 400


class StockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stock

    variant = factory.SubFactory(ProductVariantFactory)
    group = factory.LazyAttribute(lambda stock: stock.variant.product.group)
    quantity = 10
    quantity_allocated = 0


class ProductMediaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProductMedia

    product = factory.SubFactory(ProductFactory)
    image = factory.django.ImageField(width=64, height=64, format="JPEG", color="orange")
    alt = "Foto produk"
