from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from marketplace.core.images import validate_image_file
from marketplace.core.urls_fast import fast_reverse
from marketplace.groups.models import UppksGroup

FOOD_ROOT_SLUG = "makanan-minuman"


class Category(models.Model):
    """A node of the category tree, named in Indonesian and English."""

    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )
    name = models.CharField(_("name (Indonesian)"), max_length=120)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    description = models.TextField(_("description"), blank=True)
    requires_permit = models.BooleanField(_("requires a permit (P-IRT / BPOM)"), default=False)
    sort_order = models.PositiveIntegerField(pgettext_lazy("sort position", "order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def get_absolute_url(self) -> str:
        return fast_reverse("storefront:category", slug=self.slug)

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name

    def root(self) -> "Category":
        node = self
        while node.parent_id:
            node = node.parent
        return node

    @property
    def is_food(self) -> bool:
        """Food and drink: subject to the halal rule (PP 42/2024) from 17 October 2026."""
        return self.root().slug == FOOD_ROOT_SLUG


class ProductStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Waiting for review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class ProductQuerySet(models.QuerySet):
    def published(self):
        """What consumers may see and buy: approved, from an active group."""
        return self.filter(status=ProductStatus.APPROVED, group__is_active=True)

    def in_province(self, province_code: str):
        return self.filter(group__regency__province_id=province_code)


class Product(models.Model):
    """Something one group makes; its variants carry the prices and the stock."""

    group = models.ForeignKey(
        UppksGroup,
        on_delete=models.PROTECT,
        related_name="products",
        verbose_name=_("producing group"),
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="products", verbose_name=_("category")
    )
    name = models.CharField(_("name"), max_length=200)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    slug = models.SlugField(_("slug"), max_length=255, unique=True)
    description = models.TextField(_("description"), blank=True, help_text=_("Sanitized HTML."))
    description_en = models.TextField(_("description (English)"), blank=True)
    status = models.CharField(
        _("curation status"),
        max_length=12,
        choices=ProductStatus.choices,
        default=ProductStatus.DRAFT,
        db_index=True,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    permit_number = models.CharField(_("permit number (P-IRT / BPOM)"), max_length=60, blank=True)
    halal_number = models.CharField(_("halal certificate number"), max_length=60, blank=True)
    is_not_halal = models.BooleanField(
        _("explicitly labelled as not halal"),
        default=False,
        help_text=_("Only for food that is sold and labelled as not halal."),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ProductQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("product")
        verbose_name_plural = _("products")
        indexes = [
            # A listing's count and its newest-first page of ids read only these indexes (no
            # table rows): the filtered columns, the order, then the group (is it active?).
            models.Index(
                fields=["status", "-created_at", "-id", "group"], name="product_status_listing"
            ),
            models.Index(
                fields=["category", "status", "-created_at", "-id", "group"],
                name="product_category_listing",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return fast_reverse("storefront:product", slug=self.slug)

    @property
    def display_name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name

    @property
    def is_published(self) -> bool:
        return self.status == ProductStatus.APPROVED

    def needs_permit(self) -> bool:
        category = self.category
        return category.requires_permit or bool(
            category.parent_id and category.root().requires_permit
        )

    def publication_problems(self) -> list[tuple[str, str]]:
        """Why the product may not be published yet, as (code, message) pairs; empty when it may."""
        problems = []
        if self.needs_permit() and not self.permit_number.strip():
            problems.append(
                ("permit_required", str(_("A P-IRT or BPOM permit number is required.")))
            )
        if self.category.is_food and not self.halal_number.strip() and not self.is_not_halal:
            problems.append(
                (
                    "halal_required",
                    str(
                        _(
                            "Food and drink need a halal certificate number, "
                            "or must be labelled as not halal."
                        )
                    ),
                )
            )
        return problems


def variant_label(name: str, options: dict | None) -> str:
    """What a buyer picks a variant by: its name, else its option values (``Kecil, Sereh``)."""
    return name or ", ".join(f"{value}" for value in (options or {}).values())


class ProductVariant(models.Model):
    """A sellable variant (``Aroma=Sereh``): price in whole rupiah, weight in grams."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="variants", verbose_name=_("product")
    )
    sku = models.CharField(_("SKU"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200, blank=True)
    options = models.JSONField(_("options"), default=dict, blank=True)
    price = models.PositiveIntegerField(_("price (Rp)"), validators=[MinValueValidator(1)])
    partner_price = models.PositiveIntegerField(
        _("partner price (Rp)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    weight_g = models.PositiveIntegerField(_("weight (grams)"), validators=[MinValueValidator(1)])
    length_cm = models.PositiveSmallIntegerField(
        _("package length (cm)"), default=0, help_text=_("0: not measured.")
    )
    width_cm = models.PositiveSmallIntegerField(_("package width (cm)"), default=0)
    height_cm = models.PositiveSmallIntegerField(_("package height (cm)"), default=0)
    sort_order = models.PositiveIntegerField(pgettext_lazy("sort position", "order"), default=0)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("variant")
        verbose_name_plural = _("variants")
        constraints = [
            models.CheckConstraint(condition=Q(price__gt=0), name="variant_price_positive"),
            models.CheckConstraint(condition=Q(weight_g__gt=0), name="variant_weight_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.product.name} — {self.label}" if self.label else self.product.name

    @property
    def volumetric_weight_g(self) -> int:
        """Grams a courier charges for the package's size: L × W × H / 6000 kg (0: unmeasured)."""
        return -(-self.length_cm * self.width_cm * self.height_cm * 1000 // 6000)

    @property
    def label(self) -> str:
        return variant_label(self.name, self.options)

    def clean(self):
        if not isinstance(self.options, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in (self.options or {}).items()
        ):
            raise ValidationError({"options": _("Options must be name = value pairs.")})


class Stock(models.Model):
    """How many of a variant one group holds; allocation never lets quantity_allocated pass it."""

    variant = models.ForeignKey(
        ProductVariant, on_delete=models.CASCADE, related_name="stocks", verbose_name=_("variant")
    )
    group = models.ForeignKey(
        UppksGroup, on_delete=models.PROTECT, related_name="stocks", verbose_name=_("group")
    )
    quantity = models.PositiveIntegerField(_("quantity"), default=0)
    quantity_allocated = models.PositiveIntegerField(_("allocated"), default=0)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("stock")
        verbose_name_plural = _("stock")
        constraints = [
            models.UniqueConstraint(fields=["variant", "group"], name="unique_stock_per_group"),
            models.CheckConstraint(
                condition=Q(quantity_allocated__lte=F("quantity")), name="stock_not_overallocated"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.variant.sku} @ {self.group.code}: {self.quantity}"

    @property
    def quantity_available(self) -> int:
        return max(self.quantity - self.quantity_allocated, 0)


class ProductMedia(models.Model):
    """A product photo; ``source_url`` is set when the image is still to be fetched."""

    product = models.ForeignKey(
        Product, on_delete=models.CASCADE, related_name="media", verbose_name=_("product")
    )
    image = models.ImageField(
        _("image"), upload_to="products/", blank=True, validators=[validate_image_file]
    )
    source_url = models.URLField(_("source URL"), max_length=500, blank=True)
    alt = models.CharField(_("alt text"), max_length=250, blank=True)
    sort_order = models.PositiveIntegerField(pgettext_lazy("sort position", "order"), default=0)

    class Meta:
        ordering = ["sort_order", "pk"]
        verbose_name = _("product image")
        verbose_name_plural = _("product images")

    def __str__(self) -> str:
        return self.alt or self.image.name or self.source_url


class SearchWord(models.Model):
    """A distinct word of product names, so search corrects typos against a few thousand words
    instead of comparing every product name. Rebuilt by ``services.refresh_search_words``."""

    word = models.CharField(_("word"), max_length=64, primary_key=True)
    documents = models.PositiveIntegerField(_("products"), default=0)

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")

    def __str__(self) -> str:
        return self.word
