"""After the purchase: our database routes the order to both groups, both portals show it."""

import re

from playwright.sync_api import sync_playwright

from .pasar import CATEGORY_PRODUCT, SEARCH_PRODUCT
from .shopper import CHROMIUM, CHROMIUM_ARGS, Purchase, idr
from .timings import StepFailed


def check_routing(routing: dict, products: dict, purchase: Purchase) -> None:
    """One fulfillment per producing group, each holding exactly that group's product."""
    wanted = {
        products[slug]["group"]: products[slug] for slug in (SEARCH_PRODUCT, CATEGORY_PRODUCT)
    }
    if sorted(routing["groups"]) != sorted(wanted):
        raise StepFailed(f"order routed to {sorted(routing['groups'])}, expected {sorted(wanted)}")
    for code, product in wanted.items():
        lines = routing["groups"][code]["lines"]
        skus = {variant["sku"] for variant in product["variants"]}
        if len(lines) != 1 or lines[0][1] not in skus or lines[0][2] != 1:
            raise StepFailed(f"group {code} holds {lines}, expected one {product['name']} x 1")
    if routing["email"] != purchase.email:
        raise StepFailed(f"order e-mail {routing['email']!r}, expected {purchase.email!r}")
    shipping = idr(routing["shipping_total"])
    if not shipping.search(purchase.shipping_price_text):
        raise StepFailed(
            f"storefront showed shipping {purchase.shipping_price_text!r},"
            f" the order charges {routing['shipping_total']}"
        )
    if not idr(routing["total"]).search(purchase.total_text):
        raise StepFailed(
            f"Pay button said {purchase.total_text!r}, the order's total is {routing['total']}"
        )


def check_portals(base_url: str, number: str, routing: dict, logins: dict) -> None:
    """Each group's member logs in to /portal/ and sees the order with their own lines only."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for code, group in routing["groups"].items():
                email, password = logins[code]
                context = browser.new_context(viewport={"width": 360, "height": 800})
                page = context.new_page()
                page.goto(f"{base_url}/portal/masuk/")
                page.locator("input[name=username]").fill(email)
                page.locator("input[name=password]").fill(password)
                page.locator("form button[type=submit], form input[type=submit]").first.click()
                page.wait_for_url(lambda url: "/masuk/" not in url)
                if not _listed(page, base_url, number):
                    raise StepFailed(f"order #{number} not in the portal list of group {code}")
                page.goto(f"{base_url}/portal/pesanan/{group['fulfillment_id']}/")
                text = page.locator("body").inner_text()
                for name, sku, _quantity in group["lines"]:
                    if name not in text or sku not in text:
                        raise StepFailed(f"portal of {code} does not show {name} ({sku})")
                others = [
                    line
                    for other, g in routing["groups"].items()
                    if other != code
                    for line in g["lines"]
                ]
                for _name, sku, _ in others:
                    if sku in text:
                        raise StepFailed(f"portal of {code} shows another group's line {sku}")
                print(f"   portal {code}: #{number} with {group['lines']}", flush=True)
                context.close()
        finally:
            browser.close()


def _listed(page, base_url: str, number: str) -> bool:
    for tab in ("baru", "proses", "dikirim", "selesai"):
        page.goto(f"{base_url}/portal/pesanan/?tab={tab}")
        if re.search(rf"#{re.escape(number)}(?!\d)", page.locator("body").inner_text()):
            return True
    return False
