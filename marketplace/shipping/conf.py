"""Shipping settings with their defaults, read from Django's settings, else the environment.

The Biteship ones live in ``marketplace/settings.py``; the RajaOngkir ones may be set there too
(or only in the environment): ``RAJAONGKIR_API_KEY`` (empty: RajaOngkir is off),
``RAJAONGKIR_API_BASE_URL`` and ``RAJAONGKIR_COURIERS`` (Komerce's colon-separated codes).
"""

import os

from django.conf import settings

DEFAULTS = {
    "SHIPPING_PROVIDER": "auto",
    "BITESHIP_API_KEY": "",
    "RAJAONGKIR_API_KEY": "",
    "RAJAONGKIR_API_BASE_URL": "https://rajaongkir.komerce.id/api/v1",
    "RAJAONGKIR_COURIERS": "jne:jnt:sicepat:anteraja:pos",
    "SHIPPING_QUOTE_TIMEOUT_SECONDS": 3.0,
}


def shipping_setting(name: str):
    default = DEFAULTS[name]
    if hasattr(settings, name):
        return getattr(settings, name)
    raw = os.environ.get(name)
    if raw is None:
        return default
    return type(default)(raw)
