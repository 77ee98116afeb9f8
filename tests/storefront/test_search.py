"""Product search: every expectation holds with an empty vocabulary (names compared by trigrams
row by row) and with a refreshed one (typos corrected against the words of product names)."""

import pytest

from marketplace.catalog.models import Product
from marketplace.catalog.search import _search_fallback, search_products, search_words
from marketplace.catalog.services import refresh_search_words
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db


@pytest.fixture(params=["empty vocabulary", "refreshed vocabulary"])
def catalog(request):
    products = {
        "propolis": shop_product(name="Sabun Propolis Sereh", category="sabun"),
        "sabun_kopi": shop_product(name="Sabun Kopi Arang", category="sabun"),
        "gayo": shop_product(name="Kopi Arabika Gayo", category="kopi-teh"),
        "robusta": shop_product(name="Kopi Robusta Lampung", category="kopi-teh"),
        "tas": shop_product(name="Tas Pandan Klungkung", category="anyaman"),
        "tikar": shop_product(name="Tikar Anyaman Mendong", category="anyaman"),
        "emping": shop_product(name="Emping Melinjo Pedas", category="camilan"),
    }
    if request.param == "refreshed vocabulary":
        refresh_search_words()
    return products


def names(text):
    return {product.name for product in search_products(Product.objects.all(), text)}


def product_sql(text):
    return str(search_products(Product.objects.all(), text).query)


def test_two_words_must_both_match(catalog):
    assert names("sabun propolis") == {"Sabun Propolis Sereh"}


def test_kopi_gayo_finds_the_gayo_coffee_first(catalog):
    results = list(search_products(Product.objects.all(), "kopi gayo"))
    assert [product.name for product in results] == ["Kopi Arabika Gayo"]


def test_typo_gayoo_still_finds_gayo(catalog):
    assert names("kopi gayoo") == {"Kopi Arabika Gayo"}


def test_typo_anyamn_finds_the_anyaman_category_and_names(catalog):
    assert names("anyamn") == {"Tas Pandan Klungkung", "Tikar Anyaman Mendong"}


def test_category_name_finds_products_named_otherwise(catalog):
    assert names("anyaman") == {"Tas Pandan Klungkung", "Tikar Anyaman Mendong"}


def test_single_word_prefix(catalog):
    assert names("empi") == {"Emping Melinjo Pedas"}


def test_a_name_match_ranks_above_a_category_only_match(catalog):
    shop_product(name="Bubuk Robusta Temanggung", category="kopi-teh")
    results = [product.name for product in search_products(Product.objects.all(), "kopi")]
    assert set(results) == {
        "Kopi Arabika Gayo",
        "Kopi Robusta Lampung",
        "Sabun Kopi Arang",
        "Bubuk Robusta Temanggung",
    }
    assert results[-1] == "Bubuk Robusta Temanggung"


def test_unrelated_word_finds_nothing(catalog):
    assert names("sepatu") == set()


def test_query_syntax_characters_are_plain_text(catalog):
    assert names("kopi & | ! ( ) :* gayo'") == {"Kopi Arabika Gayo"}


def test_a_typo_is_corrected_against_the_vocabulary_not_every_name():
    # given
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    shop_product(name="Tikar Anyaman Mendong", category="anyaman")
    refresh_search_words()
    # then
    assert names("kopi gayoo") == {"Kopi Arabika Gayo"}
    assert names("anyamn") == {"Tikar Anyaman Mendong"}
    assert "%>" not in product_sql("kopi gayoo")
    assert "%>" not in product_sql("anyamn")


def test_without_a_vocabulary_names_are_compared_by_trigrams():
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    assert names("kopi gayoo") == {"Kopi Arabika Gayo"}
    assert "%>" in product_sql("kopi gayoo")


def test_a_product_newer_than_the_vocabulary_is_found_by_its_name_and_a_typo_of_it():
    # given
    shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    refresh_search_words()
    # when
    shop_product(name="Kain Songket Palembang", category="anyaman")
    # then
    assert names("songket") == {"Kain Songket Palembang"}
    assert names("songkt") == {"Kain Songket Palembang"}


def test_a_word_only_in_descriptions_still_matches_with_a_vocabulary():
    shop_product(name="Madu Hutan", category="madu", description="<p>Dari Sumbawa.</p>")
    shop_product(name="Madu Klanceng", category="madu")
    refresh_search_words()
    assert names("madu sumbawa") == {"Madu Hutan"}


def test_empty_text_keeps_the_queryset(catalog):
    assert len(names("   ")) == 7


def test_words_are_lowercased_deduplicated_and_capped():
    assert search_words("Kopi KOPI gayo") == ["kopi", "gayo"]
    assert len(search_words(" ".join(f"w{i}" for i in range(20)))) == 8


def test_sqlite_fallback_matches_substrings_and_a_trailing_typo(catalog):
    def fallback(text):
        return {p.name for p in _search_fallback(Product.objects.all(), search_words(text))}

    assert fallback("sabun propolis") == {"Sabun Propolis Sereh"}
    assert fallback("kopi gayoo") == {"Kopi Arabika Gayo"}
    assert fallback("anyamn") == {"Tas Pandan Klungkung", "Tikar Anyaman Mendong"}
