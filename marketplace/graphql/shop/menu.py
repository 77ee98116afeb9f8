"""Saleor's ``menu(slug:)``: storefronts build their navigation from it.

``navbar`` lists the category tree (roots, then their subcategories). ``footer`` has two columns,
as Saleor's storefront draws a footer (a heading per top item, links below): the root categories
and featured UPPKS groups (as collections). There are no content pages, so ``page`` is null.
"""

import graphene
from django.utils.translation import gettext_lazy as _

from marketplace.catalog.models import Category
from marketplace.groups.models import UppksGroup as UppksGroupModel

from ..core.enums import LanguageCodeEnum, in_language, known_language
from ..core.ids import to_global_id
from ..core.types import LanguageDisplay, MetadataItem, language_display
from ..group.types import Collection
from ..page.types import Page
from ..product.types import CategoryNode
from ..product.visibility import from_channel

FOOTER_GROUPS = 6


class MenuItemTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    language = graphene.Field(LanguageDisplay, required=True)
    name = graphene.String(required=True)

    @staticmethod
    def resolve_language(root, info):
        return language_display(root["language"])


def _item_name(item: dict, language: str) -> str | None:
    """A category's name in that language, or a heading we write ourselves (gettext)."""
    category = item.get("category")
    if category is not None:
        return (category.name_en if language == "en" else category.name) or None
    if item.get("collection") is not None:
        return None  # a group's name is its own, in one language
    return in_language(item["name"], language)


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
    def resolve_name(root, info):
        return str(root["name"])

    @staticmethod
    def resolve_translation(root, info, language_code):
        language = known_language(language_code)
        name = _item_name(root, language) if language else None
        if not name:
            return None
        return {
            "id": to_global_id("MenuItemTranslation", f"{root['key']}:{language}"),
            "language": language,
            "name": name,
        }

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
    def resolve_name(root, info):
        return str(root["name"])

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


def _group_item(menu: dict, group: UppksGroupModel, parent: dict) -> dict:
    return {
        "key": f"group-{group.pk}",
        "name": group.name,
        "menu": menu,
        "parent": parent,
        "category": None,
        "collection": group,
        "page": None,
        "level": parent["level"] + 1,
        "url": None,
        "children": [],
    }


def _heading(menu: dict, key: str, name) -> dict:
    return {
        "key": key,
        "name": name,
        "menu": menu,
        "parent": None,
        "category": None,
        "collection": None,
        "page": None,
        "level": 0,
        "url": None,
    }


def footer() -> dict:
    menu = {"slug": "footer", "name": _("Footer")}
    categories = _heading(menu, "footer-categories", _("Categories"))
    roots = Category.objects.filter(parent__isnull=True).order_by("sort_order", "name", "pk")
    categories["children"] = [_category_item(menu, root, categories, {}) for root in roots]
    groups = _heading(menu, "footer-groups", _("UPPKS groups"))
    featured = UppksGroupModel.objects.active().order_by("name", "pk")[:FOOTER_GROUPS]
    groups["children"] = [_group_item(menu, group, groups) for group in featured]
    menu["items"] = [column for column in (categories, groups) if column["children"]]
    return menu


MENUS = {"navbar": navbar, "footer": footer}


class MenuQueries(graphene.ObjectType):
    menu = graphene.Field(
        Menu,
        id=graphene.ID(),
        name=graphene.String(),
        slug=graphene.String(),
        channel=graphene.String(),
        description="A navigation menu: navbar (categories) or footer (categories, groups).",
    )

    @staticmethod
    def resolve_menu(root, info, id=None, name=None, slug=None, channel=None):
        from_channel(channel)
        build = MENUS.get(slug or (name or "").lower())
        return build() if build else None
