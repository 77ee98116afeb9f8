"""The storefront's navigation: menu(slug: "navbar") from categories, "footer" from groups."""

from marketplace.catalog.models import Category
from tests.factories.groups import UppksGroupFactory

from .queries import MENU


def test_navbar_lists_root_categories_with_their_subcategories(api):
    roots = list(Category.objects.filter(parent__isnull=True).order_by("sort_order", "name", "pk"))
    first = roots[0]
    first_children = list(first.children.order_by("sort_order", "name", "pk"))

    data = api.execute(MENU, {"slug": "navbar", "channel": "default-channel"})

    items = data["menu"]["items"]
    assert [item["category"]["slug"] for item in items] == [root.slug for root in roots]
    assert items[0]["name"] == (first.name_en or first.name)  # the client asked in English
    assert items[0]["level"] == 0
    assert [child["category"]["slug"] for child in items[0]["children"]] == [
        child.slug for child in first_children
    ]
    assert {child["level"] for child in items[0]["children"]} <= {1}
    assert items[0]["page"] is None


def test_footer_lists_active_groups_as_collections(api):
    shown = UppksGroupFactory(name="UPPKS Anggrek")
    UppksGroupFactory(name="UPPKS Tutup", is_active=False)

    data = api.execute(MENU, {"slug": "footer", "channel": "default-channel"})

    assert [item["collection"]["slug"] for item in data["menu"]["items"]] == [shown.slug]
    assert data["menu"]["items"][0]["name"] == "UPPKS Anggrek"


def test_unknown_menu_is_null(api):
    assert api.execute(MENU, {"slug": "sidebar", "channel": "default-channel"}) == {"menu": None}
