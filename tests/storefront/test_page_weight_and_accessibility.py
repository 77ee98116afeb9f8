import gzip
import re
from html.parser import HTMLParser

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from tests.factories.catalog import ProductMediaFactory
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db

BUDGET_BYTES = 100 * 1024


def assets_of(html):
    return re.findall(r'(?:href|src)="/static/([^"]+\.(?:css|js))"', html)


def test_a_full_listing_page_with_css_and_js_is_under_100_kb_gzipped(client):
    for index in range(30):
        product = shop_product(name=f"Tas Anyaman Pandan Motif Bunga {index}")
        ProductMediaFactory(product=product, alt=f"Foto tas {index}")
    response = client.get(reverse("storefront:products"))
    html = response.content.decode()
    assert html.count('class="card"') == 24
    total = len(gzip.compress(response.content))
    assets = assets_of(html)
    assert sorted(assets) == ["storefront/site.css", "storefront/site.js"]
    for asset in assets:
        with open(finders.find(asset), "rb") as handle:
            total += len(gzip.compress(handle.read()))
    assert total <= BUDGET_BYTES


def test_html_is_gzipped_on_the_wire(client):
    shop_product()
    response = client.get(reverse("storefront:products"), HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


class FormAudit(HTMLParser):
    """Collects inputs without a label and images without alt."""

    def __init__(self):
        super().__init__()
        self.labels, self.inputs, self.images_without_alt = set(), [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            self.inputs.append(attrs.get("id") or attrs.get("name"))
        if tag == "img" and "alt" not in attrs:
            self.images_without_alt.append(attrs.get("src"))

    def unlabelled(self):
        return [name for name in self.inputs if name not in self.labels]


@pytest.mark.parametrize(
    "page", ["home", "products", "product", "group", "login", "register", "track_order", "cart"]
)
def test_every_field_has_a_label_and_every_image_an_alt(client, page):
    product = shop_product()
    ProductMediaFactory(product=product, alt="")
    urls = {
        "product": product.get_absolute_url(),
        "group": product.group.get_absolute_url(),
    }
    url = urls.get(page) or reverse(f"storefront:{page}")
    audit = FormAudit()
    audit.feed(client.get(url).content.decode())
    assert audit.unlabelled() == []
    assert audit.images_without_alt == []


def test_html_lang_follows_the_language(client):
    assert '<html lang="id">' in client.get(reverse("storefront:home")).content.decode()
    client.cookies["django_language"] = "en"
    html = client.get(reverse("storefront:home")).content.decode()
    assert '<html lang="en">' in html
    assert "Made by UPPKS family groups" in html


def test_language_switch_form_changes_the_language(client):
    response = client.post(
        reverse("set_language"), {"language": "en", "next": reverse("storefront:products")}
    )
    assert response.status_code == 302
    html = client.get(reverse("storefront:products")).content.decode()
    assert '<html lang="en">' in html and "All products" in html


def luminance(hex_color):
    channels = [int(hex_color[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one, two):
    light, dark = sorted([luminance(one), luminance(two)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_focus_is_visible_and_text_colours_meet_wcag_aa():
    with open(finders.find("storefront/site.css")) as handle:
        css = handle.read()
    colours = dict(re.findall(r"--([a-z-]+):(#[0-9a-f]{6})", css))
    assert ":focus-visible{outline:3px solid var(--focus)" in css
    pairs = [
        ("ink", "bg"),
        ("muted", "bg"),
        ("brand-ink", "brand"),
        ("brand", "bg"),
        ("bad", "bg"),
        ("warn", "bg"),
        ("focus", "bg"),
    ]
    for text, background in pairs:
        assert contrast(colours[text], colours[background]) >= 4.5, (text, background)


def test_link_buttons_have_a_button_sized_padding():
    with open(finders.find("storefront/site.css")) as handle:
        css = handle.read()
    rule = re.search(r"(?m)^a\.button\{([^}]*)\}", css).group(1)
    assert "display:inline-block" in rule
    assert "padding:.6rem 1rem" in rule
    assert "min-height:2.75rem" in rule
