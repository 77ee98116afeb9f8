"""``/metrics`` for Prometheus: django-prometheus' request, response and latency metrics of the
process that answers, plus the marketplace's own figures read from the database at scrape time.

The marketplace's figures are the same whichever web process answers (they are counted in
PostgreSQL, not in a process's memory): orders placed, payments confirmed per method, and the
outbox's rows per status. Each scrape costs three grouped ``COUNT`` queries on indexed columns;
their answer is cached for ``METRICS_CACHE_SECONDS`` so that several scrapers cost the same.

The page needs ``Authorization: Bearer <METRICS_TOKEN>``. No token configured: the page does
not exist (404); a wrong or missing token: 404 as well, so nothing says a page is there.
"""

import hmac
import os

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from marketplace.notifications.models import OutboxMessage, OutboxStatus
from marketplace.orders.models import Order
from marketplace.payments.models import TransactionGateway, TransactionItem, TransactionStatus

CACHE_KEY = "metrics:marketplace-figures"


def marketplace_figures() -> dict:
    """The database's counts (cached briefly): orders, charged payments, outbox rows."""
    figures = cache.get(CACHE_KEY)
    if figures is not None:
        return figures
    payments = dict(
        TransactionItem.objects.filter(status=TransactionStatus.CHARGED)
        .values_list("gateway")
        .annotate(n=Count("pk"))
        .order_by()
    )
    outbox = dict(OutboxMessage.objects.values_list("status").annotate(n=Count("pk")).order_by())
    figures = {
        "orders": Order.objects.count(),
        "payments": {gateway: payments.get(gateway, 0) for gateway in TransactionGateway.values},
        "outbox": {status: outbox.get(status, 0) for status in OutboxStatus.values},
    }
    cache.set(CACHE_KEY, figures, timeout=settings.METRICS_CACHE_SECONDS)
    return figures


class MarketplaceCollector:
    """Prometheus collector for ``marketplace_*`` metrics (called once per scrape)."""

    def collect(self):
        figures = marketplace_figures()
        orders = CounterMetricFamily(
            "marketplace_orders_placed", "Orders placed since the marketplace started."
        )
        orders.add_metric([], figures["orders"])
        yield orders
        payments = CounterMetricFamily(
            "marketplace_payments_confirmed",
            "Payments confirmed (charged), per payment method.",
            labels=["method"],
        )
        for method, count in figures["payments"].items():
            payments.add_metric([method], count)
        yield payments
        outbox = GaugeMetricFamily(
            "marketplace_outbox_messages",
            "Notices in the outbox now, per status (pending, sending, sent, failed).",
            labels=["status"],
        )
        for status, count in figures["outbox"].items():
            outbox.add_metric([status], count)
        yield outbox


def _registry() -> CollectorRegistry:
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)  # gunicorn workers' figures, added up
    else:
        registry.register(_ProcessRegistry())
    registry.register(MarketplaceCollector())
    return registry


class _ProcessRegistry:
    """This process's default registry (django-prometheus' metrics, process and GC figures)."""

    def collect(self):
        yield from REGISTRY.collect()


def _authorized(request) -> bool:
    token = settings.METRICS_TOKEN
    if not token:
        return False
    header = request.META.get("HTTP_AUTHORIZATION", "")
    scheme, _, given = header.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(
        given.strip().encode(), token.encode()
    )


@never_cache
@require_GET
def metrics(request):
    if not _authorized(request):
        raise Http404
    return HttpResponse(generate_latest(_registry()), content_type=CONTENT_TYPE_LATEST)
