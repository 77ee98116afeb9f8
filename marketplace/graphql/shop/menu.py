"""Saleor's ``menu(slug:)``: storefronts build their navigation from it.

``navbar`` lists the category tree (roots, then their subcategories); ``footer`` lists featured
UPPKS groups as collections. There are no CMS pages here, so ``page`` answers null.
"""

import graphene
from django.utils.translation import gettext as _

from marketplace.catalog.models import Category
from marketplace.groups.models import UppksGroup as UppksGroupModel

from ..core.enums import LanguageCodeEnum, language_of
from ..core.ids import to_global_id
from ..core.types import MetadataItem
from ..group.types import Collection
from ..product.types import CategoryNode

FOOTER_GROUPS = 6


class Page(graphene.ObjectType):
    seo_title = graphene.String()
    seo_description = graphene.String()
    title = graphene.String(required=True)
    content = graphene.JSONString()
    is_published = graphene.Boolean(required=True)
    slug = graphene.String(required=True)
    created = graphene.DateTime(required=True)
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "A content page (none exist here; kept so Saleor clients' queries validate)."


class MenuItemTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)


class MenuItem(graphene.ObjectType):
    name = graphene.String(required=True)
    menu = graphene.Field(lambda: Menu, required=True)
    parent = graphene.Field(lambda: MenuItem)
    category = graphene.Field(CategoryNode)
    collection = graphene.Field(Collection)
    page = graphene.Field(Page)
    level = graphene.Int(required=True)
    children = graphene.List(graphene.NonNull(lambda: MenuItem))
    url = graphene.String()
    translation = graphene.Field(
        MenuItemTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root, info):
        return root["key"]

    @staticmethod
    def resolve_translation(root, info, language_code):
        category = root.get("category")
        if category is None or language_of(language_code) != "en" or not category.name_en:
            return None
        return {"id": to_global_id("MenuItemTranslation", root["key"]), "name": category.name_en}

    @staticmethod
    def resolve_metadata(root, info):
        return []


class Menu(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    items = graphene.List(graphene.NonNull(MenuItem))
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)

    @staticmethod
    def resolve_id(root, info):
        return root["slug"]

    @staticmethod
    def resolve_metadata(root, info):
        return []


def _category_item(menu: dict, category: Category, parent: dict | None, children: dict) -> dict:
    item = {
        "key": f"category-{category.pk}",
        "name": category.display_name,
        "menu": menu,
        "parent": parent,
        "category": category,
        "collection": None,
        "page": None,
        "level": 0 if parent is None else parent["level"] + 1,
        "url": None,
    }
    item["children"] = [
        _category_item(menu, child, item, children) for child in children.get(category.pk, [])
    ]
    return item


def navbar() -> dict:
    menu = {"slug": "navbar", "name": _("Categories")}
    categories = list(Category.objects.order_by("sort_order", "name", "pk"))
    children: dict[int, list[Category]] = {}
    for category in categories:
        if category.parent_id:
            children.setdefault(category.parent_id, []).append(category)
    menu["items"] = [
        _category_item(menu, category, None, children)
        for category in categories
        if not category.parent_id
    ]
    return menu


def footer() -> dict:
    menu = {"slug": "footer", "name": _("UPPKS groups")}
    groups = UppksGroupModel.objects.active().select_related("regency__province")[:FOOTER_GROUPS]
    menu["items"] = [
        {
            "key": f"group-{group.pk}",
            "name": group.name,
            "menu": menu,
            "parent": None,
            "category": None,
            "collection": group,
            "page": None,
            "level": 0,
            "url": None,
            "children": [],
        }
        for group in groups
    ]
    return menu


MENUS = {"navbar": navbar, "footer": footer}


class MenuQueries(graphene.ObjectType):
    menu = graphene.Field(
        Menu,
        id=graphene.ID(),
        name=graphene.String(),
        slug=graphene.String(),
        channel=graphene.String(),
        description="A navigation menu: navbar (categories) or footer (UPPKS groups).",
    )
    page = graphene.Field(
        Page, id=graphene.ID(), slug=graphene.String(), description="No content pages here."
    )

    @staticmethod
    def resolve_menu(root, info, id=None, name=None, slug=None, channel=None):
        build = MENUS.get(slug or (name or "").lower())
        return build() if build else None

    @staticmethod
    def resolve_page(root, info, id=None, slug=None):
        return None
