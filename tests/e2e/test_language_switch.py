import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.factories.storefront import shop_product

pytestmark = pytest.mark.e2e


def test_switching_to_english_and_back_on_any_page(page, live_server):
    product = shop_product(name="Tas Anyaman Pandan", name_en="Pandan Woven Bag")
    page.goto(live_server.url + product.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("button", name="Masukkan ke keranjang")).to_be_visible()

    page.get_by_label("Bahasa").select_option("en")
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pandan Woven Bag")
    expect(page.get_by_role("button", name="Add to cart")).to_be_visible()
    assert page.url == live_server.url + product.get_absolute_url()

    page.goto(live_server.url + reverse("storefront:cart"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Cart")
    page.get_by_label("Language").select_option("id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Keranjang")
