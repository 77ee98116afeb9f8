from marketplace.checkout.services import add_lines, checkout_summary
from tests.factories.groups import PartnerFactory


def test_summary_splits_the_cart_into_one_shipment_per_group(checkout, klungkung_stock, aceh_stock):
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 2), (aceh_stock.variant_id, 1)])
    summary = checkout_summary(checkout)
    shipments = [
        (s.group, [line.variant.pk for line in s.lines], s.weight_g, s.shipping_price)
        for s in summary.shipments
    ]
    assert shipments == [
        (klungkung_stock.group, [klungkung_stock.variant_id], 600, 9_000),
        (aceh_stock.group, [aceh_stock.variant_id], 1200, 2 * 32_000),
    ]
    assert (summary.subtotal, summary.shipping_total, summary.total) == (
        110_000,
        73_000,
        183_000,
    )
    assert summary.unavailable_lines == []


def test_a_partner_buyer_pays_the_partner_price(checkout, klungkung_stock, group_member):
    variant = klungkung_stock.variant
    variant.partner_price = 20_000
    variant.save()
    PartnerFactory().buyers.add(group_member)
    checkout.user = group_member
    checkout.save()
    add_lines(checkout.pk, [(variant.pk, 3)])
    assert checkout_summary(checkout).subtotal == 60_000
