"""Content pages: there are none here (the copy lives in the storefront's templates), so the
storefront's PageGetBySlug answers null and StorefrontContentPages an empty list; bad arguments
are still refused."""

from .storefront_catalog import CONTENT_PAGE_SLUGS, PAGE_GET_BY_SLUG, STOREFRONT_CONTENT_PAGES


def test_page_by_slug_is_null(api):
    data = api.execute(
        PAGE_GET_BY_SLUG, {"slug": "tentang-kami", "languageCode": "EN", "slugLanguageCode": "EN"}
    )

    assert data == {"page": None}


def test_storefront_content_pages_are_an_empty_list(api):
    data = api.execute(
        STOREFRONT_CONTENT_PAGES,
        {"channel": "default-channel", "slugs": CONTENT_PAGE_SLUGS, "languageCode": "EN"},
    )

    assert data == {"pages": {"edges": []}}


def test_pages_total_count_and_page_info(api):
    data = api.execute("{ pages(first: 5) { totalCount pageInfo { hasNextPage endCursor } } }")

    assert data == {
        "pages": {"totalCount": 0, "pageInfo": {"hasNextPage": False, "endCursor": None}}
    }


def test_pages_need_a_page_size_within_bounds(api):
    response = api.post("{ pages(first: 500) { totalCount } }")

    assert [e["message"] for e in response.json()["errors"]] == [
        "Argument 'first' must be between 0 and 100; got 500."
    ]


def test_page_with_a_malformed_id_is_refused(api):
    response = api.post('{ page(id: "not-an-id") { slug } }')

    content = response.json()
    assert content["data"] == {"page": None}
    assert [e["extensions"]["exception"]["code"] for e in content["errors"]] == ["GRAPHQL_ERROR"]


def test_pages_of_an_unknown_channel_are_refused(api):
    response = api.post('{ pages(first: 5, channel: "eu") { totalCount } }')

    assert [e["extensions"]["exception"]["code"] for e in response.json()["errors"]] == [
        "NOT_FOUND"
    ]
