"""Content-Security-Policy and Permissions-Policy on every kind of page.

Scripts only from our origin or with the response's nonce (never ``'unsafe-inline'``), no inline
event handlers a nonce could not cover, Stripe's origins only on the payment pages, the admin's
``'unsafe-eval'`` only under /admin/, and the S3 media origin in ``img-src`` when media is on S3.
"""

import re

import pytest
from django.http import HttpResponse
from django.urls import reverse

from marketplace.core.security import (
    STRIPE_ORIGINS,
    SiteCSPMiddleware,
    _storage_origin,
    storage_origins,
)
from tests.factories.payments import unpaid_order
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def assert_safe_scripts(response) -> dict[str, list[str]]:
    """The policy allows no inline script but the nonce's, and the page needs no other."""
    assert response.status_code == 200
    directives = policy(response)
    scripts = directives["script-src"]
    assert "'unsafe-inline'" not in scripts
    assert "'self'" in scripts
    # django-csp names a nonce only when the page used one (request.csp_nonce)
    nonces = [source[len("'nonce-") : -1] for source in scripts if source.startswith("'nonce-")]
    assert len(nonces) <= 1
    html = response.content.decode()
    for attributes in SCRIPT_TAG.findall(html):
        if "src=" not in attributes:
            assert nonces and f'nonce="{nonces[0]}"' in attributes, attributes
    assert not EVENT_HANDLER.search(html), EVENT_HANDLER.search(html).group(0)
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    return directives


def assert_no_stripe(directives: dict[str, list[str]]) -> None:
    for name, origins in STRIPE_ORIGINS.items():
        for origin in origins:
            assert origin not in directives.get(name, []), (name, origin)
    assert directives["frame-src"] == ["'none'"]


@pytest.fixture
def product():
    return shop_product(name="Tas Anyaman Pandan")


def test_storefront_home_and_product_page(client, product):
    for url in (reverse("storefront:home"), product.get_absolute_url()):
        directives = assert_safe_scripts(client.get(url))
        assert_no_stripe(directives)
        assert "'unsafe-eval'" not in directives["script-src"]


def test_checkout_page(client, product):
    client.post(
        reverse("storefront:cart_add"), {"variant": product.variants.get().pk, "quantity": 1}
    )
    directives = assert_safe_scripts(client.get(reverse("storefront:checkout")))
    assert_no_stripe(directives)


def test_portal_pages(client, group_member):
    assert_no_stripe(assert_safe_scripts(client.get(reverse("portal:login"))))
    client.force_login(group_member)
    directives = assert_safe_scripts(client.get(reverse("portal:home")))
    assert_no_stripe(directives)


def test_admin_login_allows_eval_for_its_alpine_but_no_inline_script(client):
    response = client.get(reverse("admin:login"))
    directives = assert_safe_scripts(response)
    assert "'unsafe-eval'" in directives["script-src"]
    assert_no_stripe(directives)
    storefront = policy(client.get(reverse("storefront:home")))
    assert "'unsafe-eval'" not in storefront["script-src"]


@pytest.mark.usefixtures("stripe_settings")
def test_card_payment_page_allows_stripe_and_only_it(client, settings):
    order = unpaid_order(payment_method="card")
    response = client.get(reverse("payments:order_payment", kwargs={"token": order.token}))
    directives = assert_safe_scripts(response)
    for name, origins in STRIPE_ORIGINS.items():
        assert set(origins) <= set(directives[name]), name
    # the server Stripe.js really comes from (here localstripe) is allowed the same way
    own = re.match(r"https?://[^/]+", settings.STRIPE_JS_URL).group(0)
    assert own in directives["script-src"] and own in directives["connect-src"]
    assert settings.STRIPE_JS_URL in response.content.decode()


def test_bank_transfer_payment_page_is_a_payment_page_too(client):
    order = unpaid_order(payment_method="bank_transfer")
    response = client.get(reverse("payments:order_payment", kwargs={"token": order.token}))
    directives = assert_safe_scripts(response)
    assert "https://js.stripe.com" in directives["script-src"]


def test_an_inline_script_is_allowed_by_its_own_nonce_on_each_response(rf):
    def view(request):
        return HttpResponse(f'<script nonce="{request.csp_nonce}">window.x = 1</script>')

    middleware = SiteCSPMiddleware(view)
    first, second = (middleware(rf.get("/produk/")) for _ in range(2))
    nonce = re.search(r'nonce="([^"]+)"', first.content.decode()).group(1)
    scripts = policy(first)["script-src"]
    assert f"'nonce-{nonce}'" in scripts and "'unsafe-inline'" not in scripts
    assert policy(second)["script-src"] != scripts


def test_local_media_adds_no_image_origin(client, product):
    assert storage_origins() == []
    directives = policy(client.get(product.get_absolute_url()))
    assert directives["img-src"] == ["'self'", "data:", "blob:"]


def test_media_on_s3_is_allowed_in_img_src_on_every_page(client, s3_storage, group_member):
    product = shop_product(name="Kopi Gayo")
    from tests.factories.catalog import ProductMediaFactory

    media = ProductMediaFactory(product=product, alt="Bungkus kopi")
    assert media.image.url.startswith(s3_storage.url)
    client.force_login(group_member)
    for url in (
        reverse("storefront:home"),
        product.get_absolute_url(),
        reverse("portal:home"),
        reverse("admin:login"),
    ):
        directives = policy(client.get(url))
        assert s3_storage.url in directives["img-src"], url
        assert s3_storage.url not in directives["script-src"], url
        assert s3_storage.url not in directives.get("connect-src", []), url


def test_extra_image_origins_from_the_setting_are_kept(client, s3_storage, settings):
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {
            **settings.CONTENT_SECURITY_POLICY["DIRECTIVES"],
            "img-src": ["'self'", "https://cdn.pasar-uppks.id"],
        }
    }
    directives = policy(client.get(reverse("storefront:home")))
    assert directives["img-src"] == ["'self'", "https://cdn.pasar-uppks.id", s3_storage.url]


@pytest.mark.parametrize(
    ("options", "origin"),
    [
        (
            {"custom_domain": "media.pasar-uppks.id", "bucket_name": "m"},
            "https://media.pasar-uppks.id",
        ),
        ({"endpoint_url": "https://s3.example.id/", "bucket_name": "m"}, "https://s3.example.id"),
        (
            {
                "endpoint_url": "https://s3.example.id",
                "bucket_name": "m",
                "addressing_style": "virtual",
            },
            "https://m.s3.example.id",
        ),
        (
            {"bucket_name": "m", "region_name": "ap-southeast-3"},
            "https://m.s3.ap-southeast-3.amazonaws.com",
        ),
    ],
)
def test_storage_origin_follows_how_the_store_is_addressed(options, origin):
    assert _storage_origin(options) == origin
