import pytest

from marketplace.catalog.models import SearchWord
from marketplace.catalog.services import refresh_search_words
from marketplace.catalog.tasks import refresh_search_words_task
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db


def vocabulary():
    return dict(SearchWord.objects.values_list("word", "documents"))


def test_refresh_collects_the_lowercase_words_of_names_and_english_names():
    # given
    shop_product(name="Kopi Arabika Gayo", name_en="Gayo Arabica Coffee", category="kopi-teh")
    shop_product(name="Kopi Robusta 250 gr", category="kopi-teh", description="<p>Pahit.</p>")
    # when
    count = refresh_search_words()
    # then
    assert vocabulary() == {
        "kopi": 2,
        "arabika": 1,
        "gayo": 1,
        "arabica": 1,
        "coffee": 1,
        "robusta": 1,
        "gr": 1,
    }
    assert count == 7


def test_refresh_forgets_the_words_of_deleted_products_and_counts_renamed_ones_again():
    # given
    gayo = shop_product(name="Kopi Arabika Gayo", category="kopi-teh")
    robusta = shop_product(name="Kopi Robusta Lampung", category="kopi-teh")
    refresh_search_words()
    # when
    robusta.delete()
    gayo.name = "Kopi Gayo Wine"
    gayo.save(update_fields=["name"])
    refresh_search_words()
    # then
    assert vocabulary() == {"kopi": 1, "gayo": 1, "wine": 1}


def test_refresh_of_an_empty_catalog_leaves_an_empty_vocabulary():
    SearchWord.objects.create(word="basi", documents=3)
    assert refresh_search_words() == 0
    assert vocabulary() == {}


def test_the_periodic_task_refreshes_the_vocabulary():
    shop_product(name="Emping Melinjo", category="camilan")
    assert refresh_search_words_task.apply().get() == 2
    assert vocabulary() == {"emping": 1, "melinjo": 1}
