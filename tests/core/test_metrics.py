"""/metrics: Prometheus text behind METRICS_TOKEN, scraped over HTTP and parsed with
prometheus_client's own parser; the marketplace's figures come from the database."""

import pytest
import requests
from django.core.cache import cache
from prometheus_client.parser import text_string_to_metric_families

from marketplace.core.metrics import CACHE_KEY
from marketplace.notifications.models import OutboxMessage, OutboxStatus
from marketplace.orders.models import Order
from tests.factories.notifications import OutboxMessageFactory
from tests.factories.orders import pay_by_bank_transfer
from tests.factories.payments import TransactionItemFactory, unpaid_order

TOKEN = "rahasia-metrik-2026"


@pytest.fixture
def metrics_on(settings):
    settings.METRICS_TOKEN = TOKEN
    settings.METRICS_CACHE_SECONDS = 0
    cache.delete(CACHE_KEY)


def scrape(live_server, token: str | None = TOKEN):
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return requests.get(f"{live_server.url}/metrics", headers=headers, timeout=10)


def samples(text: str) -> dict:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_a_scrape_parses_and_carries_the_marketplace_figures(live_server, metrics_on):
    pay_by_bank_transfer(unpaid_order())
    unpaid_order()
    TransactionItemFactory(status="charged")
    OutboxMessageFactory(status=OutboxStatus.FAILED)
    OutboxMessageFactory(status=OutboxStatus.PENDING)
    requests.get(f"{live_server.url}/health/", timeout=10)  # a request for django-prometheus

    response = scrape(live_server)

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/plain; version=")
    figures = samples(response.text)
    assert figures[("marketplace_orders_placed_total", ())] == Order.objects.count() == 3
    assert figures[("marketplace_payments_confirmed_total", (("method", "bank_transfer"),))] == 1
    assert figures[("marketplace_payments_confirmed_total", (("method", "stripe"),))] == 1
    for status in OutboxStatus.values:
        expected = OutboxMessage.objects.filter(status=status).count()
        assert figures[("marketplace_outbox_messages", (("status", status),))] == expected
    assert figures[("marketplace_outbox_messages", (("status", "failed"),))] == 1
    # django-prometheus' own request metrics are there too
    assert any(name == "django_http_requests_before_middlewares_total" for name, _ in figures)


def test_a_wrong_token_gets_a_plain_not_found(live_server, metrics_on):
    wrong = scrape(live_server, "tebak-tebakan")
    missing = scrape(live_server, None)

    for response in (wrong, missing):
        assert response.status_code == 404
        assert "marketplace_" not in response.text
        assert "metrics" not in response.text.lower().replace("/metrics", "")


def test_without_a_token_configured_there_is_no_page(live_server, settings):
    settings.METRICS_TOKEN = ""
    assert scrape(live_server, "").status_code == 404
    assert scrape(live_server, "apa-saja").status_code == 404
