"""Search as the storefront sends it: filter.search with rank ordering."""

from tests.factories.graphql import storefront_product

from .queries import SEARCH_PRODUCTS


def _search(api, text):
    return api.execute(
        SEARCH_PRODUCTS,
        {
            "search": text,
            "sortBy": "RANK",
            "sortDirection": "DESC",
            "first": 10,
            "channel": "default-channel",
        },
    )["products"]


def test_search_finds_products_by_name_and_typo(api):
    kopi = storefront_product(name="Kopi Gayo Arabika", name_en="Gayo Arabica Coffee")
    storefront_product(name="Tas Anyaman Pandan", name_en="Pandan Woven Bag")

    exact = _search(api, "kopi")
    typo = _search(api, "gayoo")

    assert [e["node"]["slug"] for e in exact["edges"]] == [kopi.slug]
    assert exact["totalCount"] == 1
    assert [e["node"]["slug"] for e in typo["edges"]] == [kopi.slug]


def test_search_with_no_match_is_empty(api):
    storefront_product(name="Kopi Gayo Arabika")

    result = _search(api, "batik")

    assert result == {
        "totalCount": 0,
        "edges": [],
        "pageInfo": {"endCursor": None, "hasNextPage": False},
    }


def test_price_and_category_filters(api):
    cheap = storefront_product(name="Sabun Sereh", prices=(15_000,))
    storefront_product(name="Sabun Mahal", prices=(90_000,))
    category_id = api.execute('{ category(slug: "anyaman") { id } }')["category"]["id"]

    data = api.execute(
        """query($cat: ID!) { products(first: 10, channel: "default-channel",
             filter: {categories: [$cat], price: {lte: 20000}, isAvailable: true}) {
             edges { node { slug } } } }""",
        {"cat": category_id},
    )

    assert [e["node"]["slug"] for e in data["products"]["edges"]] == [cheap.slug]


def test_sort_by_price_ascending(api):
    dear = storefront_product(name="Mahal", prices=(90_000,))
    cheap = storefront_product(name="Murah", prices=(10_000,))

    data = api.execute(
        """{ products(first: 10, channel: "default-channel",
             sortBy: {field: PRICE, direction: ASC}) { edges { node { slug } } } }"""
    )

    assert [e["node"]["slug"] for e in data["products"]["edges"]] == [cheap.slug, dear.slug]


def test_where_filter_with_or(api):
    first = storefront_product(name="Satu")
    second = storefront_product(name="Dua")
    storefront_product(name="Tiga")

    data = api.execute(
        """query($a: String!, $b: String!) { products(first: 10, channel: "default-channel",
             where: {OR: [{slug: {eq: $a}}, {slug: {eq: $b}}]},
             sortBy: {field: NAME, direction: ASC}) { edges { node { name } } } }""",
        {"a": first.slug, "b": second.slug},
    )

    assert [e["node"]["name"] for e in data["products"]["edges"]] == ["Dua", "Satu"]
