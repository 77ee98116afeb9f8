"""Catalog queries: products, product, productVariant(s), categories, category."""

import graphene
from django.db.models import Q
from django.utils.translation import gettext as _
from graphql import GraphQLError

from marketplace.catalog.models import Category, ProductVariant

from ..core.enums import LanguageCodeEnum, slug_in_language
from ..core.ids import InvalidIdError, pk_from_global_id
from ..core.pagination import paginate
from .filters import ProductFilterInput, ProductOrder, ProductWhereInput, paginate_products
from .mutations.curation import ProductApprove, ProductReject, ProductSubmit
from .mutations.stock import StockUpdate
from .types import (
    CategoryCountableConnection,
    CategoryNode,
    ProductCountableConnection,
    ProductNode,
    ProductVariantCountableConnection,
    ProductVariantNode,
)
from .visibility import from_channel, reachable_products, visible_products

PAGE_ARGUMENTS = {
    "first": graphene.Int(description="Return the first n elements from the list (max 100)."),
    "last": graphene.Int(description="Return the last n elements from the list (max 100)."),
    "after": graphene.String(),
    "before": graphene.String(),
}


SLUG_LANGUAGE_CODE = graphene.Argument(
    LanguageCodeEnum, description="Language of the slug (translated slugs equal the slug here)."
)


class CategoryFilterInput(graphene.InputObjectType):
    search = graphene.String()
    ids = graphene.List(graphene.NonNull(graphene.ID))
    slugs = graphene.List(graphene.NonNull(graphene.String))


class CategoryWhereInput(graphene.InputObjectType):
    ids = graphene.List(graphene.NonNull(graphene.ID))


def _pk_or_error(value: str, type_name: str) -> int:
    try:
        return pk_from_global_id(value, type_name)
    except InvalidIdError as err:
        raise GraphQLError(str(err), extensions={"exception": {"code": "GRAPHQL_ERROR"}})


def _one_of(id, slug, what: str):
    if (id is None) == (slug is None):
        raise GraphQLError(_("Provide exactly one of 'id' or 'slug'."))


class ProductQueries(graphene.ObjectType):
    products = graphene.Field(
        ProductCountableConnection,
        filter=ProductFilterInput(),
        where=ProductWhereInput(),
        sort_by=ProductOrder(),
        search=graphene.String(description="Search products by name, description or category."),
        channel=graphene.String(description="Slug of a channel."),
        **PAGE_ARGUMENTS,
        description="List of the shop's products.",
    )
    product = graphene.Field(
        ProductNode,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=SLUG_LANGUAGE_CODE,
        external_reference=graphene.String(),
        channel=graphene.String(),
        description="Look up a product by ID or slug.",
    )
    product_variant = graphene.Field(
        ProductVariantNode,
        id=graphene.ID(),
        sku=graphene.String(),
        external_reference=graphene.String(),
        channel=graphene.String(),
        description="Look up a variant by ID or SKU.",
    )
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        ids=graphene.List(graphene.NonNull(graphene.ID)),
        channel=graphene.String(),
        **PAGE_ARGUMENTS,
        description="List of product variants.",
    )
    categories = graphene.Field(
        CategoryCountableConnection,
        filter=CategoryFilterInput(),
        where=CategoryWhereInput(),
        level=graphene.Int(description="Filter categories by the nesting level (0 = roots)."),
        slugs=graphene.List(graphene.NonNull(graphene.String)),
        **PAGE_ARGUMENTS,
        description="List of the shop's categories.",
    )
    category = graphene.Field(
        CategoryNode,
        id=graphene.ID(),
        slug=graphene.String(),
        slug_language_code=SLUG_LANGUAGE_CODE,
        description="Look up a category.",
    )

    @staticmethod
    def resolve_products(
        root, info, filter=None, where=None, sort_by=None, search=None, channel=None, **page
    ):
        from_channel(channel or (filter or {}).get("channel"))
        return paginate_products(
            visible_products(info),
            ProductCountableConnection,
            filter=filter,
            where=where,
            sort_by=sort_by,
            search=search,
            **page,
        )

    @staticmethod
    def resolve_product(
        root,
        info,
        id=None,
        slug=None,
        slug_language_code=None,
        external_reference=None,
        channel=None,
    ):
        from_channel(channel)
        _one_of(id, slug, "product")
        if not slug_in_language(slug_language_code):
            return None
        lookup = {"pk": _pk_or_error(id, "Product")} if id is not None else {"slug": slug}
        return reachable_products(info).filter(**lookup).first()

    @staticmethod
    def resolve_product_variant(
        root, info, id=None, sku=None, external_reference=None, channel=None
    ):
        from_channel(channel)
        if (id is None) == (sku is None):
            raise GraphQLError(_("Provide exactly one of 'id' or 'sku' to look up a variant."))
        lookup = {"pk": _pk_or_error(id, "ProductVariant")} if id is not None else {"sku": sku}
        return (
            ProductVariant.objects.filter(product__in=reachable_products(info), **lookup)
            .order_by("pk")
            .first()
        )

    @staticmethod
    def resolve_product_variants(root, info, ids=None, channel=None, **page):
        from_channel(channel)
        queryset = ProductVariant.objects.filter(product__in=visible_products(info))
        if ids:
            queryset = queryset.filter(pk__in=[_pk_or_error(v, "ProductVariant") for v in ids])
        return paginate(queryset.order_by("pk"), ProductVariantCountableConnection, **page)

    @staticmethod
    def resolve_categories(root, info, filter=None, where=None, level=None, slugs=None, **page):
        queryset = Category.objects.all()
        if level is not None:
            queryset = (
                queryset.filter(parent__isnull=True)
                if level == 0
                else (queryset.filter(parent__isnull=False) if level == 1 else queryset.none())
            )
        if slugs:
            queryset = queryset.filter(slug__in=slugs)
        if filter:
            if filter.get("search"):
                text = filter["search"]
                queryset = queryset.filter(
                    Q(name__icontains=text) | Q(name_en__icontains=text) | Q(slug__icontains=text)
                )
            if filter.get("ids"):
                queryset = queryset.filter(
                    pk__in=[_pk_or_error(v, "Category") for v in filter["ids"]]
                )
            if filter.get("slugs"):
                queryset = queryset.filter(slug__in=filter["slugs"])
        if where and where.get("ids"):
            queryset = queryset.filter(pk__in=[_pk_or_error(v, "Category") for v in where["ids"]])
        return paginate(
            queryset.order_by("sort_order", "name", "pk"), CategoryCountableConnection, **page
        )

    @staticmethod
    def resolve_category(root, info, id=None, slug=None, slug_language_code=None):
        _one_of(id, slug, "category")
        if not slug_in_language(slug_language_code):
            return None
        lookup = {"pk": _pk_or_error(id, "Category")} if id is not None else {"slug": slug}
        return Category.objects.filter(**lookup).first()


class ProductMutations(graphene.ObjectType):
    product_submit = ProductSubmit.Field()
    product_approve = ProductApprove.Field()
    product_reject = ProductReject.Field()
    stock_update = StockUpdate.Field()
