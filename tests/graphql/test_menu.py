"""The storefront's navigation, MenuGetBySlug as it asks for it: "navbar" is the category tree,
"footer" two columns (root categories, featured UPPKS groups as collections)."""

from marketplace.catalog.models import Category
from tests.factories.groups import UppksGroupFactory

from .storefront_catalog import MENU_GET_BY_SLUG


def _menu(api, slug, language="EN", **headers):
    variables = {"slug": slug, "channel": "default-channel", "languageCode": language}
    return api.execute(MENU_GET_BY_SLUG, variables, **headers)["menu"]


def _roots():
    return list(Category.objects.filter(parent__isnull=True).order_by("sort_order", "name", "pk"))


def test_navbar_lists_root_categories_with_their_subcategories(api):
    roots = _roots()
    first = roots[0]
    first_children = list(first.children.order_by("sort_order", "name", "pk"))

    items = _menu(api, "navbar")["items"]

    assert [item["category"]["slug"] for item in items] == [root.slug for root in roots]
    assert items[0]["name"] == first.name_en  # the client asked in English
    assert items[0]["translation"] == {"name": first.name_en}
    assert items[0]["category"]["translation"] == {"name": first.name_en, "slug": first.slug}
    assert items[0]["level"] == 0
    assert items[0]["page"] is None
    assert items[0]["collection"] is None
    assert items[0]["url"] is None
    children = items[0]["children"]
    assert [child["category"]["slug"] for child in children] == [c.slug for c in first_children]
    assert {child["level"] for child in children} == {1}
    assert {len(child["children"]) for child in children} == {0}


def test_navbar_in_indonesian(api):
    roots = _roots()

    items = _menu(api, "navbar", language="ID", HTTP_ACCEPT_LANGUAGE="id")["items"]

    assert items[0]["name"] == roots[0].name
    assert items[0]["translation"] == {"name": roots[0].name}


def test_footer_has_a_categories_column_and_a_groups_column(api):
    shown = UppksGroupFactory(name="UPPKS Anggrek")
    UppksGroupFactory(name="UPPKS Tutup", is_active=False)

    items = _menu(api, "footer")["items"]

    assert [(item["name"], item["level"], item["category"]) for item in items] == [
        ("Categories", 0, None),
        ("UPPKS groups", 0, None),
    ]
    assert [item["translation"]["name"] for item in items] == ["Categories", "UPPKS groups"]
    categories, groups = items
    assert [c["category"]["slug"] for c in categories["children"]] == [r.slug for r in _roots()]
    assert {c["level"] for c in categories["children"]} == {1}
    assert [g["collection"]["slug"] for g in groups["children"]] == [shown.slug]
    assert groups["children"][0]["name"] == "UPPKS Anggrek"
    assert groups["children"][0]["translation"] is None


def test_footer_headings_in_indonesian(api):
    UppksGroupFactory()

    items = _menu(api, "footer", language="ID", HTTP_ACCEPT_LANGUAGE="id")["items"]

    assert [item["name"] for item in items] == ["Kategori", "Kelompok UPPKS"]


def test_footer_without_groups_has_only_the_categories_column(api):
    items = _menu(api, "footer")["items"]

    assert [item["name"] for item in items] == ["Categories"]


def test_unknown_menu_is_null(api):
    assert _menu(api, "sidebar") is None
