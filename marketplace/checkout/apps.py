from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class CheckoutConfig(AppConfig):
    name = "marketplace.checkout"
    label = "checkout"
    # Carts and shipping rates: the admin section must not read like the payments one.
    verbose_name = pgettext_lazy("app", "Checkout and shipping")
