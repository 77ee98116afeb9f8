"""Loaders for orders and fulfilments."""

from marketplace.orders.models import Fulfillment, FulfillmentLine, Order, OrderLine

from ..core.dataloaders import DataLoader, ModelByIdLoader, group_by


class OrderByIdLoader(ModelByIdLoader):
    model = Order

    def get_queryset(self):
        return Order.objects.select_related("regency", "province", "district")


class OrderLinesByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        lines = group_by(
            OrderLine.objects.filter(order_id__in=keys).order_by("order_id", "pk"),
            lambda line: line.order_id,
        )
        loader = OrderLineByIdLoader(self.context)
        for rows in lines.values():
            for line in rows:
                loader.prime(line.pk, line)
        return [lines.get(key, []) for key in keys]


class OrderLineByIdLoader(ModelByIdLoader):
    model = OrderLine


class FulfillmentsByOrderIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = group_by(
            Fulfillment.objects.filter(order_id__in=keys).order_by("order_id", "pk"),
            lambda fulfillment: fulfillment.order_id,
        )
        return [rows.get(key, []) for key in keys]


class FulfillmentLinesByFulfillmentIdLoader(DataLoader):
    def batch_load(self, keys):
        rows = group_by(
            FulfillmentLine.objects.filter(fulfillment_id__in=keys).order_by(
                "fulfillment_id", "pk"
            ),
            lambda line: line.fulfillment_id,
        )
        return [rows.get(key, []) for key in keys]
