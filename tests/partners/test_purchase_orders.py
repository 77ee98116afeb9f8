from datetime import timedelta

import pytest
from django.http import Http404
from django.utils import timezone

from marketplace.catalog.models import ProductStatus
from marketplace.partners.errors import PartnerError, PartnerErrorCode
from marketplace.partners.models import (
    AccountStatus,
    PartnerRole,
    PaymentTerms,
    PurchaseOrder,
    PurchaseOrderLine,
)
from marketplace.partners.purchase_orders import (
    LineRequest,
    create_purchase_order,
    credit_outstanding,
    purchase_order_for,
)
from marketplace.partners.wholesale import set_wholesale_offer
from tests.factories.catalog import ProductVariantFactory
from tests.factories.partners import PartnerUserFactory

pytestmark = pytest.mark.django_db


def offered(price=15_000, **offer):
    variant = ProductVariantFactory(price=price)
    values = {
        "min_order_quantity": 50,
        "lead_time_days": 7,
        "monthly_capacity": 300,
        "tiers": [(50, 12_000), (100, 10_500)],
    }
    values.update(offer)
    set_wholesale_offer(group_id=variant.product.group_id, variant_id=variant.pk, **values)
    return variant


@pytest.fixture
def hotel():
    return PartnerUserFactory(account__credit_limit=5_000_000)


def test_purchase_order_across_groups_priced_by_tier_on_net_14(hotel):
    a, b = offered(), offered()
    order = create_purchase_order(
        hotel.user, [LineRequest(a.pk, 100), LineRequest(b.pk, 100)], terms=PaymentTerms.NET_14
    )
    lines = list(order.lines.values_list("group_id", "quantity", "unit_price", "lead_time_days"))
    assert lines == [
        (a.product.group_id, 100, 10_500, 7),
        (b.product.group_id, 100, 10_500, 7),
    ]
    assert order.total == 2_100_000
    assert order.due_date == timezone.localdate() + timedelta(days=14)
    assert order.number.startswith("PO-")
    assert credit_outstanding(hotel.account) == 2_100_000


@pytest.mark.parametrize(
    "quantity, code, message",
    [
        (49, PartnerErrorCode.UNDER_MOQ, "Pesanan minimum untuk {sku} adalah 50 unit."),
        (
            301,
            PartnerErrorCode.OVER_CAPACITY,
            "{sku} hanya dapat dibuat paling banyak 300 unit lagi bulan ini.",
        ),
    ],
)
def test_purchase_order_under_moq_or_over_capacity_writes_nothing(hotel, quantity, code, message):
    variant = offered()
    with pytest.raises(PartnerError) as error:
        create_purchase_order(hotel.user, [LineRequest(variant.pk, quantity)], terms="now")
    assert error.value.code == code
    assert error.value.message == message.format(sku=variant.sku)
    assert not PurchaseOrder.objects.exists()


def test_purchase_order_capacity_counts_this_months_orders(hotel):
    variant = offered()
    create_purchase_order(hotel.user, [LineRequest(variant.pk, 250)], terms="now")
    with pytest.raises(PartnerError) as error:
        create_purchase_order(hotel.user, [LineRequest(variant.pk, 60)], terms="now")
    assert error.value.code == PartnerErrorCode.OVER_CAPACITY
    assert PurchaseOrder.objects.count() == 1


def test_purchase_order_over_credit_limit_refused_pay_now_allowed(hotel):
    variant = offered(monthly_capacity=1000)
    create_purchase_order(hotel.user, [LineRequest(variant.pk, 400)], terms="net30")  # 4.200.000
    with pytest.raises(PartnerError) as error:
        create_purchase_order(hotel.user, [LineRequest(variant.pk, 100)], terms="net7")
    assert error.value.code == PartnerErrorCode.OVER_CREDIT_LIMIT
    assert error.value.message == (
        "Pesanan ini (Rp 1.050.000) melebihi sisa kredit Anda (Rp 800.000)."
    )
    assert PurchaseOrder.objects.count() == 1
    create_purchase_order(hotel.user, [LineRequest(variant.pk, 100)], terms="now")
    assert PurchaseOrder.objects.count() == 2


def test_purchase_order_overdue_invoice_blocks_new_credit_orders(hotel):
    variant = offered(monthly_capacity=1000)
    first = create_purchase_order(hotel.user, [LineRequest(variant.pk, 50)], terms="net7")
    PurchaseOrder.objects.filter(pk=first.pk).update(
        due_date=timezone.localdate() - timedelta(days=1)
    )
    with pytest.raises(PartnerError) as error:
        create_purchase_order(hotel.user, [LineRequest(variant.pk, 50)], terms="net14")
    assert error.value.message == (
        "Ada tagihan yang lewat jatuh tempo: bayar dulu sebelum memesan dengan kredit."
    )
    PurchaseOrder.objects.filter(pk=first.pk).update(paid_at=timezone.now())
    create_purchase_order(hotel.user, [LineRequest(variant.pk, 50)], terms="net14")


@pytest.mark.parametrize("status", [AccountStatus.PENDING, AccountStatus.REJECTED])
def test_purchase_order_by_unapproved_partner_refused(status):
    member = PartnerUserFactory(account__status=status)
    variant = offered()
    with pytest.raises(PartnerError) as error:
        create_purchase_order(member.user, [LineRequest(variant.pk, 50)], terms="now")
    assert error.value.message == "Hanya mitra yang sudah disetujui yang dapat membuat pesanan."
    assert not PurchaseOrderLine.objects.exists()


def test_purchase_order_by_finance_role_or_unoffered_product_refused(hotel):
    finance = PartnerUserFactory(account=hotel.account, role=PartnerRole.FINANCE)
    variant = offered()
    with pytest.raises(PartnerError):
        create_purchase_order(finance.user, [LineRequest(variant.pk, 50)], terms="now")
    plain = ProductVariantFactory()
    with pytest.raises(PartnerError) as error:
        create_purchase_order(hotel.user, [LineRequest(plain.pk, 50)], terms="now")
    assert error.value.code == PartnerErrorCode.NO_OFFER
    variant.product.status = ProductStatus.REJECTED
    variant.product.save()
    with pytest.raises(PartnerError):
        create_purchase_order(hotel.user, [LineRequest(variant.pk, 50)], terms="now")
    assert not PurchaseOrder.objects.exists()


def test_purchase_order_of_another_partner_is_404(hotel):
    variant = offered()
    order = create_purchase_order(hotel.user, [LineRequest(variant.pk, 50)], terms="now")
    colleague = PartnerUserFactory(account=hotel.account, role=PartnerRole.BUYER)
    assert purchase_order_for(colleague.user, order.pk) == order
    with pytest.raises(Http404):
        purchase_order_for(PartnerUserFactory().user, order.pk)
