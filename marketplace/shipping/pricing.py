"""Pricing a cart's group shipments with courier rates, and the buyer's pick per shipment.

``CourierPricer`` is what ``checkout.summary.plan_shipments`` calls with the routed shipments:
it asks ``quotes.quote_parcels`` once for all of them (in parallel), remembers the answers, and
sets each shipment's options, chosen service (the buyer's pick, else the cheapest) and price.
Completion prices on the network before it takes its locks, then again with ``network=False``
inside the transaction, so the order charges what the page showed.
"""

from marketplace.checkout.shipping import RateTable
from marketplace.regions.models import Regency

from .carriers import Item, Parcel, Place
from .models import PickupAddress
from .quotes import ParcelQuote, cache_key, quote_parcels


def origin_of(group, pickup: PickupAddress | None) -> Place:
    return Place(
        regency_code=group.regency_id,
        province_code=group.regency.province_id,
        district_code=group.district_id or "",
        postal_code=pickup.postal_code if pickup else "",
        area_id=pickup.area_id if pickup else "",
        latitude=float(pickup.latitude) if pickup and pickup.latitude is not None else None,
        longitude=float(pickup.longitude) if pickup and pickup.longitude is not None else None,
    )


def items_of(lines) -> tuple[Item, ...]:
    """``lines``: (variant, quantity, unit price) of one parcel."""
    return tuple(
        Item(
            name=variant.product.name,
            quantity=quantity,
            weight_g=variant.weight_g,
            value=price,
            length_cm=variant.length_cm,
            width_cm=variant.width_cm,
            height_cm=variant.height_cm,
        )
        for variant, quantity, price in lines
    )


class CourierPricer:
    """Prices shipments to ``checkout``'s address; keep one per request (it memoizes)."""

    def __init__(self, checkout, *, rates: RateTable | None = None):
        self.checkout = checkout
        self.rates = rates
        self.network = True
        self.memo: dict[str, ParcelQuote] = {}

    @property
    def choices(self) -> dict:
        return self.checkout.courier_choices or {}

    def destination_of(self, regency: Regency) -> Place:
        same = self.checkout.regency_id == regency.pk
        return Place(
            regency_code=regency.pk,
            province_code=regency.province_id,
            district_code=(self.checkout.district_id or "") if same else "",
            postal_code=self.checkout.postal_code if same else "",
        )

    def quotes(self, shipments, destination: Regency) -> list[ParcelQuote]:
        pickups = PickupAddress.objects.in_bulk(
            [s.group.pk for s in shipments], field_name="group_id"
        )
        target = self.destination_of(destination)
        parcels = [
            Parcel(
                origin=origin_of(s.group, pickups.get(s.group.pk)),
                destination=target,
                items=items_of((p.variant, p.quantity, p.unit_price) for p in s.lines),
            )
            for s in shipments
        ]
        keys = [cache_key("any", parcel) for parcel in parcels]
        todo = [(k, p) for k, p in zip(keys, parcels, strict=True) if k not in self.memo]
        if todo:
            self.rates = self.rates or RateTable.load()
            answers = quote_parcels([p for _k, p in todo], rates=self.rates, network=self.network)
            for (key, _parcel), answer in zip(todo, answers, strict=True):
                self.memo[key] = answer
        return [self.memo[key] for key in keys]

    def __call__(self, shipments, destination: Regency) -> None:
        for shipment, quote in zip(shipments, self.quotes(shipments, destination), strict=True):
            picked = self.choices.get(str(shipment.group.pk))
            chosen = (quote.find(*picked) if picked else None) or quote.cheapest
            shipment.courier_options = quote.options
            shipment.courier = chosen
            shipment.shipping_note = quote.note
            shipment.shipping_price = chosen.price
