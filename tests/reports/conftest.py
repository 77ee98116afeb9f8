"""A small national picture whose figures are worked out by hand in the tests.

Period: 1 March – 30 April 2026 (WIB).

Bali (51)
- G1 "Mawar" Klungkung: approved soap P1 (Rp 50.000), an active partnership.
  A: paid 10 Mar 10:00, 2×P1 = 100.000, accepted +2 h, shipped +26 h
  B: paid 5 Apr 09:00, 2×P1 = 100.000, accepted +4 h
  H: paid 10 Apr 08:00, 1×P1 = 50.000 (and 1×P5 from Aceh), accepted +6 h
- G2 "Melati" Gianyar: approved bag P2 (Rp 30.000), only an inactive partnership.
  C: paid 20 Apr, 3×P2, fulfilment rejected by the group (line canceled)
  G: paid 2 Apr, 1×P2, the order was canceled
- G3 Denpasar: registered 10 May 2026, after the period.
- G4 Klungkung: deactivated.
Aceh (11)
- G5 "Kopi Gayo" Aceh Tengah: approved coffee P5 (Rp 120.000), partnership since 1 June 2026.
  D: paid 31 Mar 23:30 WIB, 1×P5 = 120.000, accepted +10 h, shipped +50 h
  H: 1×P5 = 120.000, accepted +8 h
  E: paid 1 May 00:30 WIB (after), F: paid 28 Feb (before)
"""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from marketplace.catalog.models import ProductStatus
from marketplace.groups.models import UppksGroup
from marketplace.orders.models import FulfillmentStatus, OrderLine, OrderStatus
from tests.factories.catalog import ProductFactory, ProductVariantFactory, StockFactory, category
from tests.factories.curation import (
    NationalAdminFactory,
    ProvinceCuratorFactory,
    ProvinceViewerFactory,
)
from tests.factories.groups import PartnershipFactory, UppksGroupFactory
from tests.factories.orders import FulfillmentFactory, OrderFactory, allocate_line
from tests.factories.regions import ACEH_TENGAH, DENPASAR, GIANYAR, KLUNGKUNG, regency

WIB = ZoneInfo("Asia/Jakarta")
PERIOD = {"start": date(2026, 3, 1), "end": date(2026, 4, 30)}


def wib(*args) -> datetime:
    return datetime(*args, tzinfo=WIB)


def _stock(group, product_name, price, category_slug="anyaman"):
    product = ProductFactory(
        group=group,
        name=product_name,
        category=category(category_slug),
        status=ProductStatus.APPROVED,
    )
    variant = ProductVariantFactory(product=product, price=price)
    return StockFactory(variant=variant, group=group, quantity=100)


def _sale(group, stock, quantity, paid_at, *, accepted=None, shipped=None, order=None, **extra):
    order = order or OrderFactory(paid=True, paid_at=paid_at)
    fulfillment = FulfillmentFactory(order=order, group=group, quantity=0, **extra)
    allocate_line(fulfillment, stock, quantity)
    if accepted is not None:
        fulfillment.status = FulfillmentStatus.ACCEPTED
        fulfillment.accepted_at = paid_at + timedelta(hours=accepted)
    if shipped is not None:
        fulfillment.status = FulfillmentStatus.SHIPPED
        fulfillment.shipped_at = paid_at + timedelta(hours=shipped)
    fulfillment.save()
    return fulfillment


@pytest.fixture
def national_picture(db):
    g1 = UppksGroupFactory(name="UPPKS Mawar", regency=regency(KLUNGKUNG))
    g2 = UppksGroupFactory(name="UPPKS Melati", regency=regency(GIANYAR))
    g3 = UppksGroupFactory(name="UPPKS Baru", regency=regency(DENPASAR))
    g4 = UppksGroupFactory(name="UPPKS Lama", regency=regency(KLUNGKUNG), is_active=False)
    g5 = UppksGroupFactory(name="UPPKS Kopi Gayo", regency=regency(ACEH_TENGAH))
    UppksGroup.objects.filter(pk__in=[g1.pk, g2.pk, g4.pk, g5.pk]).update(
        created_at=wib(2025, 6, 1, 8, 0)
    )
    UppksGroup.objects.filter(pk=g3.pk).update(created_at=wib(2026, 5, 10, 8, 0))
    PartnershipFactory(group=g1)
    PartnershipFactory(group=g2, is_active=False)
    PartnershipFactory(group=g5, since=date(2026, 6, 1))
    ProductFactory(group=g3, status=ProductStatus.DRAFT)

    p1 = _stock(g1, "Sabun Propolis", 50_000)
    p2 = _stock(g2, "Tas Pandan", 30_000)
    p5 = _stock(g5, "Kopi Gayo Arabika", 120_000, "kopi-teh")

    _sale(g1, p1, 2, wib(2026, 3, 10, 10, 0), accepted=2, shipped=26)
    _sale(g1, p1, 2, wib(2026, 4, 5, 9, 0), accepted=4)
    h_paid = wib(2026, 4, 10, 8, 0)
    h = _sale(g1, p1, 1, h_paid, accepted=6).order
    _sale(g5, p5, 1, h_paid, accepted=8, order=h)
    rejected = _sale(g2, p2, 3, wib(2026, 4, 20, 12, 0), status=FulfillmentStatus.REJECTED)
    OrderLine.objects.filter(order=rejected.order).update(is_canceled=True)
    canceled = _sale(g2, p2, 1, wib(2026, 4, 2, 12, 0), status=FulfillmentStatus.CANCELED)
    canceled.order.status = OrderStatus.CANCELED
    canceled.order.save()
    _sale(g5, p5, 1, wib(2026, 3, 31, 23, 30), accepted=10, shipped=50)
    _sale(g5, p5, 1, wib(2026, 5, 1, 0, 30), accepted=1)
    _sale(g5, p5, 1, wib(2026, 2, 28, 12, 0), accepted=1)
    return {"g1": g1, "g2": g2, "g3": g3, "g4": g4, "g5": g5}


@pytest.fixture
def bali_curator(db):
    return ProvinceCuratorFactory()


@pytest.fixture
def bali_viewer(db):
    return ProvinceViewerFactory()


@pytest.fixture
def national_admin(db):
    return NationalAdminFactory()
