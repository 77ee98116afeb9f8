"""The shop and its one sales channel (IDR)."""

import graphene
from django.conf import settings

from ..core.enums import LanguageCodeEnum, WeightUnitsEnum
from ..core.types import INDONESIA, CountryDisplay, LanguageDisplay, MetadataItem, language_display
from ..group.types import Warehouse

SHOP_NAME = "Pasar UPPKS"
SCHEMA_VERSION = "3.24"


class Domain(graphene.ObjectType):
    host = graphene.String(required=True)
    ssl_enabled = graphene.Boolean(required=True)
    url = graphene.String(required=True)


class GatewayConfigLine(graphene.ObjectType):
    field = graphene.String(required=True)
    value = graphene.String()


class PaymentGateway(graphene.ObjectType):
    name = graphene.String(required=True)
    id = graphene.ID(required=True)
    config = graphene.NonNull(graphene.List(graphene.NonNull(GatewayConfigLine)))
    currencies = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))


def payment_gateways() -> list[dict]:
    """Bank transfer always; card payments when Stripe is configured."""
    gateways = [
        {
            "id": "pasar.payments.bank_transfer",
            "name": "Bank transfer",
            "config": [
                {"field": "bank_name", "value": settings.BANK_TRANSFER_BANK_NAME},
                {"field": "account_number", "value": settings.BANK_TRANSFER_ACCOUNT_NUMBER},
                {"field": "account_holder", "value": settings.BANK_TRANSFER_ACCOUNT_HOLDER},
            ],
            "currencies": [settings.CURRENCY],
        }
    ]
    if settings.STRIPE_PUBLISHABLE_KEY:
        gateways.append(
            {
                "id": "saleor.payments.stripe",
                "name": "Stripe",
                "config": [{"field": "api_key", "value": settings.STRIPE_PUBLISHABLE_KEY}],
                "currencies": [settings.CURRENCY],
            }
        )
    return gateways


class ShopTranslation(graphene.ObjectType):
    id = graphene.ID(required=True)
    header_text = graphene.String()
    description = graphene.String()


class Shop(graphene.ObjectType):
    id = graphene.ID(required=True)
    name = graphene.String(required=True)
    description = graphene.String()
    header_text = graphene.String()
    domain = graphene.Field(Domain, required=True)
    languages = graphene.NonNull(graphene.List(graphene.NonNull(LanguageDisplay)))
    default_country = graphene.Field(CountryDisplay)
    countries = graphene.NonNull(
        graphene.List(graphene.NonNull(CountryDisplay)),
        language_code=graphene.Argument(LanguageCodeEnum),
    )
    channel_currencies = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    available_payment_gateways = graphene.NonNull(
        graphene.List(graphene.NonNull(PaymentGateway)),
        currency=graphene.String(),
        channel=graphene.String(),
    )
    default_mail_sender_name = graphene.String()
    default_mail_sender_address = graphene.String()
    default_weight_unit = WeightUnitsEnum()
    phone_prefixes = graphene.NonNull(graphene.List(graphene.NonNull(graphene.String)))
    track_inventory_by_default = graphene.Boolean()
    include_taxes_in_prices = graphene.Boolean(required=True)
    display_gross_prices = graphene.Boolean(required=True)
    charge_taxes_on_shipping = graphene.Boolean(required=True)
    fulfillment_auto_approve = graphene.Boolean(required=True)
    fulfillment_allow_unpaid = graphene.Boolean(required=True)
    allow_storefront_traffic = graphene.Boolean(required=True)
    version = graphene.String(required=True)
    schema_version = graphene.String(required=True)
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))
    translation = graphene.Field(
        ShopTranslation, language_code=graphene.Argument(LanguageCodeEnum, required=True)
    )

    class Meta:
        description = "The marketplace: name, languages, country, currency."

    @staticmethod
    def resolve_id(root, info):
        return "U2hvcDpzaG9w"  # Saleor's constant: base64("Shop:shop")

    @staticmethod
    def resolve_name(root, info):
        return SHOP_NAME

    @staticmethod
    def resolve_description(root, info):
        return "Produk kelompok UPPKS dari seluruh Indonesia."

    @staticmethod
    def resolve_domain(root, info):
        request = info.context
        host = request.get_host()
        return {
            "host": host,
            "ssl_enabled": request.is_secure(),
            "url": request.build_absolute_uri("/"),
        }

    @staticmethod
    def resolve_languages(root, info):
        return [language_display(code) for code, _ in settings.LANGUAGES]

    @staticmethod
    def resolve_default_country(root, info):
        return INDONESIA

    @staticmethod
    def resolve_countries(root, info, language_code=None):
        return [INDONESIA]

    @staticmethod
    def resolve_channel_currencies(root, info):
        return [settings.CURRENCY]

    @staticmethod
    def resolve_available_payment_gateways(root, info, currency=None, channel=None):
        if currency and currency != settings.CURRENCY:
            return []
        return payment_gateways()

    @staticmethod
    def resolve_default_mail_sender_address(root, info):
        return settings.DEFAULT_FROM_EMAIL

    @staticmethod
    def resolve_default_weight_unit(root, info):
        return WeightUnitsEnum.G

    @staticmethod
    def resolve_phone_prefixes(root, info):
        return ["+62"]

    @staticmethod
    def resolve_track_inventory_by_default(root, info):
        return True

    @staticmethod
    def resolve_include_taxes_in_prices(root, info):
        return True

    @staticmethod
    def resolve_display_gross_prices(root, info):
        return True

    @staticmethod
    def resolve_charge_taxes_on_shipping(root, info):
        return False

    @staticmethod
    def resolve_fulfillment_auto_approve(root, info):
        return False

    @staticmethod
    def resolve_fulfillment_allow_unpaid(root, info):
        return False

    @staticmethod
    def resolve_allow_storefront_traffic(root, info):
        return True

    @staticmethod
    def resolve_version(root, info):
        return SCHEMA_VERSION

    @staticmethod
    def resolve_schema_version(root, info):
        return SCHEMA_VERSION

    @staticmethod
    def resolve_metadata(root, info):
        return []

    @staticmethod
    def resolve_translation(root, info, language_code):
        return None


class Channel(graphene.ObjectType):
    slug = graphene.String(required=True)
    name = graphene.String(required=True)
    is_active = graphene.Boolean(required=True)
    currency_code = graphene.String(required=True)
    default_country = graphene.Field(CountryDisplay, required=True)
    countries = graphene.List(graphene.NonNull(CountryDisplay))
    warehouses = graphene.NonNull(graphene.List(graphene.NonNull(Warehouse)))
    metadata = graphene.NonNull(graphene.List(graphene.NonNull(MetadataItem)))

    class Meta:
        interfaces = (graphene.relay.Node,)
        description = "The one sales channel: Indonesia, in rupiah."

    @staticmethod
    def resolve_id(root, info):
        return 1

    @staticmethod
    def resolve_slug(root, info):
        return settings.DEFAULT_CHANNEL_SLUG

    @staticmethod
    def resolve_name(root, info):
        return SHOP_NAME

    @staticmethod
    def resolve_is_active(root, info):
        return True

    @staticmethod
    def resolve_currency_code(root, info):
        return settings.CURRENCY

    @staticmethod
    def resolve_default_country(root, info):
        return INDONESIA

    @staticmethod
    def resolve_countries(root, info):
        return [INDONESIA]

    @staticmethod
    def resolve_warehouses(root, info):
        return []

    @staticmethod
    def resolve_metadata(root, info):
        return []


THE_CHANNEL = object()
