"""What the vocabulary says of a search word is kept in the worker for a minute; results never
depend on it being fresh, because every word still matches the products' own full text."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.catalog import search
from marketplace.catalog.models import Category, Product
from marketplace.catalog.search import search_products
from marketplace.catalog.services import refresh_search_words
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db


def found(text):
    """The names found and the queries it took, categories at hand (as the storefront keeps)."""
    categories = list(Category.objects.all())
    with CaptureQueriesContext(connection) as queries:
        results = search_products(Product.objects.all(), text, categories=categories)
        names = {product.name for product in results}
    return names, len(queries)


def test_a_repeated_search_does_not_look_its_words_up_again():
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    refresh_search_words()

    first, first_queries = found("kopi gayoo")
    again, again_queries = found("kopi gayoo")

    assert first == again == {"Kopi Arabika Gayo"}
    assert (first_queries, again_queries) == (2, 1)  # look-up + products, then products only


def test_only_words_not_looked_up_yet_are_looked_up():
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    refresh_search_words()
    found("kopi")

    categories = list(Category.objects.all())
    with CaptureQueriesContext(connection) as queries:
        list(search_products(Product.objects.all(), "kopi gayoo", categories=categories))

    lookup = queries.captured_queries[0]["sql"]
    assert lookup.count("UNION ALL") == 0  # one word ("gayoo") in the look-up, not two


def test_a_new_product_is_found_while_an_old_look_up_of_its_word_is_kept():
    # given: "songket" was looked up when nothing matched it
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    refresh_search_words()
    assert found("songket")[0] == set()
    # when
    shop_product(name="Kain Songket Palembang", category="anyaman")
    # then
    assert found("songket")[0] == {"Kain Songket Palembang"}


def test_refreshing_the_vocabulary_forgets_the_look_ups():
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    found("kopi gayoo")  # before any vocabulary: compared with every name by trigrams

    refresh_search_words()

    assert search._lookups == {}
    assert "%>" not in str(search_products(Product.objects.all(), "kopi gayoo").query)


def test_a_look_up_is_kept_no_longer_than_its_time(monkeypatch):
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    refresh_search_words()
    monkeypatch.setattr(search, "LOOKUP_SECONDS", 0)  # every look-up is past its time at once

    counts = [found("gayo")[1], found("gayo")[1]]

    assert counts == [2, 2]
