"""Chromium enforces our Content-Security-Policy and reports nothing blocked on the pages we walk:
storefront (thumbnails made from photos on the S3 server), cart and checkout, portal and admin
sign-in, and both payment pages (the card page loads Stripe.js from localstripe)."""

import pytest
from django.urls import reverse

from tests.factories.catalog import ProductMediaFactory
from tests.factories.payments import unpaid_order
from tests.factories.storefront import shop_product

pytestmark = pytest.mark.e2e

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI} on ${event.documentURI}`
  );
});
"""


@pytest.fixture
def watched_page(page):
    """The page, recording every CSP violation (DOM events and console reports)."""
    console: list[str] = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)
    page.console_reports = console
    return page


def visit(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.ok, (url, response.status)
    assert "script-src" in response.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.__cspViolations")


@pytest.mark.usefixtures("stripe_settings")
def test_walking_the_site_reports_no_csp_violation(watched_page, live_server, s3_storage):
    page = watched_page
    product = shop_product(name="Kopi Arabika Gayo", price=75_000)
    ProductMediaFactory(product=product, alt="Bungkus kopi Gayo")
    violations = []

    violations += visit(page, live_server.url + reverse("storefront:home"))
    violations += visit(page, live_server.url + product.get_absolute_url())
    photos = page.locator("img").evaluate_all(
        "images => images.map(image => [image.currentSrc, image.naturalWidth])"
    )
    assert photos and all(width > 0 for _src, width in photos), photos
    page.get_by_role("button", name="Masukkan ke keranjang").click()
    page.wait_for_load_state("networkidle")
    violations += page.evaluate("window.__cspViolations")
    violations += visit(page, live_server.url + reverse("storefront:checkout"))
    violations += visit(page, live_server.url + reverse("portal:login"))
    violations += visit(page, live_server.url + reverse("admin:login"))
    for method in ("bank_transfer", "card"):
        order = unpaid_order(payment_method=method)
        url = reverse("payments:order_payment", kwargs={"token": order.token})
        violations += visit(page, live_server.url + url)

    assert violations == []
    assert page.console_reports == []

    # the watch does see a violation: an injected inline script is blocked and reported
    page.evaluate(
        "() => { const s = document.createElement('script');"
        " s.textContent = 'window.injected = true'; document.body.append(s); }"
    )
    page.wait_for_function("window.__cspViolations.length > 0")
    assert page.evaluate("window.injected") is None
    assert page.evaluate("window.__cspViolations")[0].startswith("script-src")
