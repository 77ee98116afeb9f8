"""The checkout summary never reads as free shipping: until the kabupaten/kota is known it says
shipping is not calculated yet; once it is known every group's shipping and the total with it
show, whether the address was posted, saved before or only chosen on screen."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from marketplace.checkout.models import Checkout
from marketplace.checkout.services import set_shipping_address
from marketplace.orders.models import Order
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import ACEH_TENGAH, KLUNGKUNG, regency
from tests.factories.storefront import checkout_address as address
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db

NOT_CALCULATED = "Dihitung setelah alamat diisi"


def shipping_per_group(html: str) -> dict[str, str]:
    shipments = re.findall(
        r'<div class="shipment"><h3>Dikirim oleh (.+?) dari .+?</h3>.*?'
        r'<p class="meta">Ongkos kirim: (.+?)</p>',
        html,
        flags=re.S,
    )
    return dict(shipments)


def totals(html: str) -> dict[str, str]:
    table = re.search(r'<table class="table totals">(.*?)</table>', html, flags=re.S).group(1)
    rows = re.findall(
        r'<th scope="row">(.+?)</th><td class="num">(?:<strong>)?(.+?)(?:</strong>)?</td>', table
    )
    return dict(rows)


def test_fresh_checkout_says_shipping_is_not_calculated_yet(client, cart):
    html = client.get(reverse("storefront:checkout")).content.decode()
    assert shipping_per_group(html) == {
        "UPPKS Mawar Klungkung": "belum dihitung",
        "UPPKS Kopi Gayo": "belum dihitung",
    }
    assert totals(html) == {
        "Subtotal": "Rp 125.000",
        "Ongkos kirim": NOT_CALCULATED,
        "Total belum termasuk ongkos kirim": "Rp 125.000",
    }
    assert "Rp 0" not in html


def test_posted_address_shows_each_groups_shipping_and_the_total_with_it(client, cart):
    response = client.post(reverse("storefront:checkout"), {**address(), "action": "update"})
    html = response.content.decode()
    assert shipping_per_group(html) == {
        "UPPKS Mawar Klungkung": "Rp 9.000",
        "UPPKS Kopi Gayo": "Rp 32.000",
    }
    assert totals(html) == {
        "Subtotal": "Rp 125.000",
        "Ongkos kirim": "Rp 41.000",
        "Total termasuk ongkos kirim": "Rp 166.000",
    }
    assert "Ongkos kirim sudah dihitung untuk alamat Anda." in html
    assert Order.objects.count() == 0


def test_address_already_on_the_checkout_is_priced_without_pressing_the_button(client, cart):
    set_shipping_address(
        cart.pk,
        {
            "first_name": "Inen",
            "street_address_1": "Jl. Lebe Kader No. 7",
            "regency_code": ACEH_TENGAH,
            "province_code": "11",
            "postal_code": "24519",
        },
    )
    html = client.get(reverse("storefront:checkout")).content.decode()
    assert shipping_per_group(html) == {
        "UPPKS Mawar Klungkung": "Rp 32.000",
        "UPPKS Kopi Gayo": "Rp 9.000",
    }
    assert totals(html)["Total termasuk ongkos kirim"] == "Rp 166.000"
    assert NOT_CALCULATED not in html


def test_without_javascript_the_button_prices_a_half_filled_form(client, cart):
    """Province and kabupaten/kota chosen, the rest still empty: errors, but the figures show."""
    response = client.post(
        reverse("storefront:checkout"),
        {"province": "51", "regency": KLUNGKUNG, "action": "update"},
    )
    html = response.content.decode()
    assert "errorlist" in html
    assert shipping_per_group(html) == {
        "UPPKS Mawar Klungkung": "Rp 9.000",
        "UPPKS Kopi Gayo": "Rp 32.000",
    }
    assert totals(html)["Total termasuk ongkos kirim"] == "Rp 166.000"
    cart.refresh_from_db()
    assert cart.regency_id is None
    assert Order.objects.count() == 0


def test_province_without_kabupaten_kota_is_not_priced_yet(client, cart):
    response = client.post(
        reverse("storefront:checkout"),
        {**address(regency="", district=""), "action": "update"},
    )
    html = response.content.decode()
    assert totals(html)["Ongkos kirim"] == NOT_CALCULATED
    assert "Rp 0" not in html


def test_kabupaten_kota_outside_the_chosen_province_is_not_priced(client, cart):
    response = client.post(
        reverse("storefront:checkout"), {**address(province="11"), "action": "update"}
    )
    html = response.content.decode()
    assert totals(html)["Ongkos kirim"] == NOT_CALCULATED
    cart.refresh_from_db()
    assert cart.regency_id is None


def test_the_scripts_preview_prices_the_chosen_kabupaten_kota_and_saves_nothing(client, cart):
    response = client.get(reverse("storefront:checkout"), {"province": "51", "regency": KLUNGKUNG})
    html = response.content.decode()
    assert shipping_per_group(html) == {
        "UPPKS Mawar Klungkung": "Rp 9.000",
        "UPPKS Kopi Gayo": "Rp 32.000",
    }
    assert totals(html)["Total termasuk ongkos kirim"] == "Rp 166.000"
    cart.refresh_from_db()
    assert cart.regency_id is None


def test_the_scripts_preview_of_a_cleared_kabupaten_kota_is_not_priced(client, cart):
    client.post(reverse("storefront:checkout"), {**address(), "action": "update"})
    response = client.get(reverse("storefront:checkout"), {"province": "11", "regency": ""})
    assert totals(response.content.decode())["Ongkos kirim"] == NOT_CALCULATED
    cart.refresh_from_db()
    assert cart.regency_id == KLUNGKUNG


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_with_javascript_choosing_the_kabupaten_kota_prices_the_order(page, live_server):
    UppksGroupFactory(name="UPPKS Mawar Klungkung")
    aceh = UppksGroupFactory(name="UPPKS Kopi Gayo", regency=regency(ACEH_TENGAH))
    coffee = shop_product(name="Kopi Gayo", category="kopi-teh", group=aceh, price=75_000)
    page.goto(live_server.url + coffee.get_absolute_url())
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    page.goto(live_server.url + reverse("storefront:checkout"))
    summary = page.locator("#checkout-summary")
    expect(summary.locator(".totals")).to_contain_text(NOT_CALCULATED)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    page.get_by_label("Provinsi").select_option("51")
    expect(page.locator("#id_regency option[value='51.05']")).to_have_count(1)
    page.get_by_label("Kabupaten / kota").select_option(KLUNGKUNG)

    expect(summary.locator(".shipment")).to_contain_text("Ongkos kirim: Rp 32.000")
    expect(summary.locator(".totals")).to_contain_text("Total termasuk ongkos kirim")
    expect(summary.locator(".totals strong")).to_have_text("Rp 107.000")
    page.get_by_label("Provinsi").select_option("11")
    expect(summary.locator(".totals")).to_contain_text(NOT_CALCULATED)
    assert Checkout.objects.get().regency_id is None
