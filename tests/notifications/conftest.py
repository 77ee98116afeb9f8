import pytest

from .gateway_server import GatewayStandIn, start_gateway

GATEWAY_SECRET = "rahasia-gateway-uji"


@pytest.fixture
def gateway():
    """A gateway stand-in on loopback; set ``gateway.script = [500]`` to fail first."""
    stand_in = GatewayStandIn()
    server = start_gateway(stand_in)
    try:
        yield stand_in
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def webhook_gateway(gateway, settings):
    """WhatsApp and SMS through the signed JSON webhook, pointed at the stand-in."""
    settings.NOTIFICATION_GATEWAY_URL = gateway.url
    settings.NOTIFICATION_GATEWAY_SECRET = GATEWAY_SECRET
    settings.NOTIFICATION_WHATSAPP_BACKEND = "webhook"
    settings.NOTIFICATION_SMS_BACKEND = "webhook"
    return gateway


from .workers import counting_smtp_server, prefork_worker_factory  # noqa: E402, F401
