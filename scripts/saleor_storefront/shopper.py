"""A shopper in headless Chromium buying through Saleor's storefront, step by step.

Every GraphQL answer the browser receives from our API is kept: an error in one is a failure of
our API against the real client, and the run prints them all whether or not the purchase ends.
"""

import re
import time
from dataclasses import dataclass, field

from playwright.sync_api import Page, Response, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .pasar import CATEGORY, CATEGORY_PRODUCT, SEARCH_PRODUCT, SEARCH_TERM
from .timings import StepFailed, Timings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCALE = "en"
STEP_TIMEOUT_MS = 90_000

# An Indonesian address in Saleor's shape: province as countryArea, kabupaten/kota as city,
# kecamatan as cityArea, a 5-digit postal code.
ADDRESS = {
    "firstName": "Siti",
    "lastName": "Rahmawati",
    "streetAddress1": "Jl. Dipati Ukur No. 35, RT 02/RW 05",
    "streetAddress2": "Kelurahan Lebakgede",
    "city": "Kota Bandung",
    "cityArea": "Coblong",
    "postalCode": "40132",
    "phone": "+6281322334455",
}
PROVINCE = "Jawa Barat"


@dataclass
class Purchase:
    email: str
    password: str
    order_number: str = ""
    shipping_label: str = ""
    shipping_price_text: str = ""
    total_text: str = ""
    api_errors: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)


def idr(amount: int) -> re.Pattern:
    """How the storefront (Intl, locale en) prints a rupiah amount: `IDR 85,000`."""
    return re.compile(r"IDR\s?" + re.escape(f"{amount:,}") + r"(?!\d)")


class Shopper:
    def __init__(self, *, origin: str, api_url: str, products: dict, timings: Timings, mailbox):
        self.mailbox = mailbox
        self.origin = origin
        self.api_url = api_url
        self.products = products
        self.timings = timings

    def url(self, path: str) -> str:
        return f"{self.origin}/{LOCALE}/default-channel{path}"

    def _watch(self, page: Page, purchase: Purchase) -> None:
        def on_response(response: Response) -> None:
            if response.status >= 400:
                purchase.failed_responses.append(f"{response.status} {response.url[:300]}")
            if not response.url.startswith(self.api_url):
                return
            try:
                body = response.json()
                sent = response.request.post_data_json or {}
            except Exception:  # not JSON: report the status
                purchase.api_errors.append(f"{response.status} {response.url} (no JSON answer)")
                return
            for answer, request in _pairs(body, sent):
                for error in answer.get("errors") or []:
                    purchase.api_errors.append(
                        f"{request.get('operationName') or '?'}: {error.get('message')}"
                        f" path={error.get('path')}"
                    )

        page.on("response", on_response)
        page.on(
            "console",
            lambda msg: (
                purchase.console_errors.append(f"{page.url}: {msg.text[:300]}")
                if msg.type == "error"
                else None
            ),
        )

    def buy(self, purchase: Purchase) -> Purchase:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                context.set_default_timeout(STEP_TIMEOUT_MS)
                page = context.new_page()
                self._watch(page, purchase)
                self._shop(page, purchase)
                print(f"order placed: #{purchase.order_number}", flush=True)
                self._account(page, purchase)
            except PlaywrightTimeout as err:
                raise StepFailed(f"timed out on {page.url}: {str(err).splitlines()[0]}") from err
            finally:
                browser.close()
        return purchase

    # --- the purchase -------------------------------------------------------------------

    def _shop(self, page: Page, purchase: Purchase) -> None:
        coffee = self.products[SEARCH_PRODUCT]
        soap = self.products[CATEGORY_PRODUCT]
        with self.timings.step("browser: home"):
            _goto(page, self.url(""))
            page.locator("#storefront-header").first.wait_for()
            _no_error_page(page)
        with self.timings.step(f"browser: category {CATEGORY}"):
            _goto(page, self.url(f"/categories/{CATEGORY}"))
            _no_error_page(page)
            page.get_by_text(soap["name"], exact=False).first.wait_for()
        with self.timings.step(f"browser: search {SEARCH_TERM!r}"):
            _goto(page, self.url(""))
            search = page.locator("#storefront-header input[name=search]").first
            search.fill(SEARCH_TERM)
            search.press("Enter")
            page.wait_for_url(re.compile(r"/search\?"))
            _no_error_page(page)
            page.locator(f"a[href*='/products/{SEARCH_PRODUCT}']").first.click()
            page.wait_for_url(re.compile(f"/products/{SEARCH_PRODUCT}"))
        with self.timings.step("browser: product page, variant picker, IDR price"):
            page.locator("h1", has_text=coffee["name"]).first.wait_for()
            variant = self._pick_variant(page, coffee)
            buy_box = page.locator(
                "form", has=page.get_by_role("button", name=re.compile("add to bag", re.I))
            )
            price = idr(variant["price"])
            if not price.search(buy_box.first.inner_text()):
                raise StepFailed(
                    f"product page shows {buy_box.first.inner_text()[:200]!r},"
                    f" expected the variant's price {price.pattern}"
                )
        with self.timings.step("browser: add to bag (two groups)"):
            self._add_to_bag(page)
            _goto(page, self.url(f"/products/{CATEGORY_PRODUCT}"))
            page.locator("h1", has_text=soap["name"]).first.wait_for()
            if len(soap["variants"]) > 1:
                self._pick_variant(page, soap)
            self._add_to_bag(page)
        with self.timings.step("browser: cart"):
            _goto(page, self.url("/cart"))
            for product in (coffee, soap):
                page.get_by_text(product["name"], exact=False).first.wait_for()
            page.get_by_role("link", name=re.compile("^checkout$", re.I)).or_(
                page.get_by_role("button", name=re.compile("^checkout$", re.I))
            ).first.click()
            page.wait_for_url(re.compile(r"/checkout\?"))
        with self.timings.step("browser: checkout contact and Indonesian address"):
            self._contact_and_address(page, purchase)
        with self.timings.step("browser: delivery method"):
            self._delivery(page, purchase)
        with self.timings.step("browser: payment and order confirmation"):
            self._pay(page, purchase)

    def _pick_variant(self, page: Page, product: dict) -> dict:
        """Choose the product's last variant through the picker: one option per attribute.

        The picker puts each chosen option in the URL (`?berat=1-kg&jenis=biji`) and offers
        "Add to bag" once the options name one variant.
        """
        page.locator("button[aria-pressed]").first.wait_for()
        names = [v["name"] for v in product["variants"]]
        variant = product["variants"][-1]
        labels = [part.strip() for part in variant["name"].split(",") if part.strip()]
        for label in labels:
            option = page.locator("button[aria-pressed]").filter(
                has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
            )
            if option.count() == 0:
                raise StepFailed(f"no picker option {label!r} for variant {variant['name']!r}")
            if option.first.get_attribute("aria-pressed") == "true":
                continue
            if option.first.is_disabled():
                raise StepFailed(f"picker option {label!r} is disabled (variants {names})")
            before = page.url
            option.first.click()
            page.wait_for_url(lambda url, before=before: url != before)
            option.and_(page.locator("button[aria-pressed=true]")).first.wait_for()
        page.get_by_role("button", name=re.compile("add to bag", re.I)).first.wait_for()
        return variant

    def _add_to_bag(self, page: Page) -> None:
        checkout_cookie = _checkout_cookie(page)
        button = page.get_by_role("button", name=re.compile("add to bag", re.I)).first
        button.click()
        page.get_by_role("button", name=re.compile("add to bag", re.I)).first.wait_for()
        page.wait_for_function(
            "() => !document.querySelector('button[type=submit][disabled]')",
            timeout=STEP_TIMEOUT_MS,
        )
        for _ in range(60):
            if _checkout_cookie(page):
                break
            page.wait_for_timeout(500)
        if not _checkout_cookie(page) and not checkout_cookie:
            raise StepFailed("no checkoutId cookie after Add to bag")
        page.keyboard.press("Escape")  # the cart drawer, when it opens

    def _contact_and_address(self, page: Page, purchase: Purchase) -> None:
        page.locator("input[name=email]:visible").first.fill(purchase.email)
        country = page.locator("select[name=countryCode]:visible").first
        country.wait_for()
        country.select_option("ID")
        area = page.locator("select[name=countryArea]:visible").first
        try:
            area.wait_for(timeout=30_000)
        except PlaywrightTimeout as err:
            raise StepFailed(
                "no province choice (countryArea select) after choosing Indonesia:"
                " addressValidationRules(countryCode: ID) gave no countryAreaChoices"
            ) from err
        labels = [o.strip() for o in area.locator("option").all_inner_texts()]
        if PROVINCE not in labels:
            raise StepFailed(f"province {PROVINCE!r} not among countryArea choices {labels[:40]}")
        area.select_option(label=PROVINCE)
        for name, value in ADDRESS.items():
            field = page.locator(f"input[name={name}]:visible")
            if field.count() == 0:
                if name in ("streetAddress2", "phone"):
                    continue
                raise StepFailed(f"the address form for ID has no {name} field")
            field.first.fill(value)
        page.get_by_role("button", name=re.compile("continue to shipping", re.I)).first.click()
        try:
            page.wait_for_url(re.compile(r"step=shipping"), timeout=60_000)
        except PlaywrightTimeout as err:
            shown = page.locator("p.text-destructive, [role=alert]").all_inner_texts()
            raise StepFailed(f"contact step did not continue; errors shown: {shown}") from err

    def _delivery(self, page: Page, purchase: Purchase) -> None:
        radios = page.locator("label:has(input[name=shipping])")
        try:
            radios.first.wait_for(timeout=60_000)
        except PlaywrightTimeout as err:
            shown = page.locator("main").first.inner_text()[:400]
            raise StepFailed(f"no shipping method offered; page says {shown!r}") from err
        choice = radios.first
        choice.click()
        purchase.shipping_label = " ".join(choice.inner_text().split())
        purchase.shipping_price_text = choice.locator("span.font-medium").last.inner_text().strip()
        print(f"   delivery: {purchase.shipping_label}", flush=True)
        page.locator("form button[type=submit]:visible").first.click()
        page.wait_for_url(re.compile(r"step=payment"), timeout=60_000)

    def _pay(self, page: Page, purchase: Purchase) -> None:
        pay = page.locator("form button[type=submit]:visible").filter(
            has_text=re.compile(r"pay|complete order", re.I)
        )
        try:
            pay.first.wait_for(timeout=60_000)
        except PlaywrightTimeout as err:
            shown = page.locator("main").first.inner_text()[:600]
            raise StepFailed(f"no Pay button on the payment step; page says {shown!r}") from err
        page.wait_for_function(
            "() => [...document.querySelectorAll('form button[type=submit]')]"
            ".some(b => b.offsetParent && !b.disabled)",
            timeout=60_000,
        )
        purchase.total_text = pay.first.inner_text().strip()
        pay.first.click()
        confirmation = page.get_by_text(re.compile(r"Order #\S+"))
        try:
            confirmation.first.wait_for(timeout=120_000)
        except PlaywrightTimeout as err:
            shown = page.locator("body").inner_text()[:600]
            raise StepFailed(f"no order confirmation; page says {shown!r}") from err
        match = re.search(r"Order #(\S+)", confirmation.first.inner_text())
        purchase.order_number = match.group(1).lstrip("#")
        page.get_by_text(re.compile("thank you for your order", re.I)).first.wait_for()

    # --- the account ------------------------------------------------------------------------

    def _account(self, page: Page, purchase: Purchase) -> None:
        signed_up_at = time.time()
        with self.timings.step("browser: sign up"):
            _goto(page, self.url("/signup"))
            page.locator("#firstName").fill(ADDRESS["firstName"])
            page.locator("#lastName").fill(ADDRESS["lastName"])
            page.locator("#email").fill(purchase.email)
            page.locator("#password").fill(purchase.password)
            page.locator("#confirmPassword").fill(purchase.password)
            page.get_by_role("button", name=re.compile("create account", re.I)).click()
            done = page.get_by_text(re.compile("account created", re.I))
            try:
                done.first.wait_for(timeout=60_000)
            except PlaywrightTimeout as err:
                shown = page.locator("form").first.inner_text()[:400]
                raise StepFailed(f"sign-up did not succeed; form says {shown!r}") from err

        with self.timings.step("browser: confirm account (e-mail link), log in"):
            link = self._confirmation_link(purchase.email, signed_up_at)
            if link:
                print(f"   confirmation link: {link}", flush=True)
                _goto(page, link)
                page.wait_for_load_state("networkidle")
            _goto(page, self.url("/login"))
            page.locator("#email").fill(purchase.email)
            page.locator("#password").fill(purchase.password)
            page.get_by_role("button", name=re.compile("^sign in$", re.I)).click()
            try:
                page.wait_for_url(lambda url: "/login" not in url, timeout=60_000)
            except PlaywrightTimeout as err:
                shown = page.locator("form").first.inner_text()[:400]
                raise StepFailed(f"log-in did not succeed; form says {shown!r}") from err
        with self.timings.step("browser: the order in the account"):
            _goto(page, self.url("/account/orders"))
            number = re.compile(r"(?<!\d)" + re.escape(purchase.order_number) + r"(?!\d)")
            try:
                page.get_by_text(number).first.wait_for(timeout=60_000)
            except PlaywrightTimeout as err:
                shown = page.locator("main").first.inner_text()[:400]
                raise StepFailed(
                    f"order {purchase.order_number} not in the account's orders; page: {shown!r}"
                ) from err

    def _confirmation_link(self, email: str, since: float) -> str | None:
        """The account-confirmation link mailed to ``email`` after sign-up, if our API sends one."""
        for _ in range(30):
            for mail in self.mailbox.received():
                if mail.received_at < since or email not in " ".join(mail.rcpt_tos):
                    continue
                for part in mail.message.walk():
                    if part.get_content_maintype() != "text":
                        continue
                    for url in re.findall(r"https?://[^\s\"'<>]+", part.get_content()):
                        url = url.replace("&amp;", "&")
                        if "token=" in url and url.startswith(self.origin):
                            return url
            time.sleep(0.5)
        return None


def _pairs(body, sent):
    if isinstance(body, list):
        sent_list = sent if isinstance(sent, list) else [{}] * len(body)
        return [(b, s) for b, s in zip(body, sent_list, strict=False) if isinstance(b, dict)]
    return [(body, sent if isinstance(sent, dict) else {})] if isinstance(body, dict) else []


def _goto(page: Page, url: str) -> None:
    response = page.goto(url, wait_until="domcontentloaded")
    if response is not None and response.status >= 400:
        raise StepFailed(f"{url} answered HTTP {response.status}")


def _no_error_page(page: Page) -> None:
    text = page.locator("body").inner_text()
    for marker in ("Application error", "Something went wrong", "This page could not be found"):
        if marker in text:
            raise StepFailed(f"{page.url} shows {marker!r}")


def _checkout_cookie(page: Page) -> str | None:
    for cookie in page.context.cookies():
        if cookie["name"].startswith("checkoutId-") and cookie["value"]:
            return cookie["value"]
    return None
