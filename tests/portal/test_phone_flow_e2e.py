"""A ketua works an order on a 360 px phone with JavaScript off: log in by phone number,
accept, pack, ship with a tracking number."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from marketplace.orders.models import Fulfillment, FulfillmentStatus
from tests.factories.accounts import UserFactory
from tests.factories.groups import GroupMemberFactory
from tests.factories.orders import FulfillmentFactory, OrderFactory, pay_by_bank_transfer
from tests.fixtures.browser import PHONE_VIEWPORT

pytestmark = pytest.mark.e2e


@pytest.fixture
def order_for_group(live_server):
    user = UserFactory(email="ketua@example.id", phone="+6281234560099")
    group = GroupMemberFactory(user=user).group
    fulfillment = FulfillmentFactory(group=group, order=OrderFactory(), quantity=2)
    pay_by_bank_transfer(fulfillment.order)
    return fulfillment


def test_a_member_ships_an_order_from_a_phone_without_javascript(
    browser, live_server, order_for_group, artifacts_dir
):
    context = browser.new_context(
        viewport=PHONE_VIEWPORT, locale="id-ID", java_script_enabled=False
    )
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("portal:home"))
        page.get_by_label("Nomor HP atau email").fill("0812 3456 0099")
        page.get_by_label("Kata sandi").fill("rahasia-123")
        page.get_by_role("button", name="Masuk").click()
        expect(page.get_by_role("heading", name="1 pesanan baru menunggu")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE_VIEWPORT["width"]

        page.get_by_role("link", name="1 pesanan baru menunggu").click()
        page.get_by_role("link", name=f"Pesanan #{order_for_group.order.number}").click()
        expect(page.get_by_text("Daftar kemas")).to_be_visible()
        page.get_by_role("button", name="Terima pesanan").click()
        expect(page.get_by_text("Pesanan diterima. Silakan dikemas.")).to_be_visible()
        page.get_by_role("button", name="Tandai sudah dikemas").click()
        page.get_by_label("Kurir").fill("JNE")
        page.get_by_label("Nomor resi").fill("JNE0099887766")
        page.get_by_role("button", name="Tandai sudah dikirim").click()
        expect(page.get_by_text("Ditandai sudah dikirim.")).to_be_visible()
        page.screenshot(path=str(artifacts_dir / "portal-shipped.png"), full_page=True)
    finally:
        context.close()
    fulfillment = Fulfillment.objects.get(pk=order_for_group.pk)
    assert (fulfillment.status, fulfillment.courier, fulfillment.tracking_number) == (
        FulfillmentStatus.SHIPPED,
        "JNE",
        "JNE0099887766",
    )
