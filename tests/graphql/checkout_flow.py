"""Documents shaped like Saleor's storefront checkout sends them, and a two-group cart."""

from marketplace.checkout.models import Checkout
from marketplace.checkout.services import create_checkout, set_shipping_address
from tests.factories.checkout import checkout_global_id
from tests.factories.graphql import storefront_product
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import GIANYAR, KLUNGKUNG, regency

CHECKOUT_FIELDS = """
  id email voucherCode discountName translatedDiscountName
  discount { amount currency }
  giftCards { id displayCode currentBalance { amount } }
  channel { id slug }
  authorizeStatus chargeStatus isShippingRequired
  availablePaymentGateways { id name currencies config { field value } }
  delivery { id shippingMethod { id name } }
  problems { __typename }
  shippingAddress { city cityArea countryArea postalCode country { code } }
  totalPrice { gross { amount currency } tax { amount } }
  shippingPrice { gross { amount } }
  subtotalPrice { gross { amount } }
  lines { id quantity totalPrice { gross { amount } } }
  metadata { key value }
"""

SHIPPING_ADDRESS_UPDATE = (
    """
mutation($id: ID!, $address: AddressInput!, $rules: CheckoutAddressValidationRules) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address, saveAddress: false,
                                validationRules: $rules) {
    errors { field code message }
    checkout { """
    + CHECKOUT_FIELDS
    + """ }
  }
}"""
)

DELIVERY_OPTIONS = """
mutation($id: ID!) {
  deliveryOptionsCalculate(id: $id) {
    deliveries { id shippingMethod { id name active price { amount currency }
                 minimumDeliveryDays maximumDeliveryDays metadata { key value } message } }
    errors { field code message }
  }
}"""

DELIVERY_METHOD_UPDATE = (
    """
mutation($id: ID!, $deliveryMethodId: ID!) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $deliveryMethodId) {
    errors { field code message }
    checkout { """
    + CHECKOUT_FIELDS
    + """ }
  }
}"""
)

CHECKOUT = "query($id: ID!) { checkout(id: $id) { " + CHECKOUT_FIELDS + " } }"

COMPLETE = """
mutation($id: ID!) {
  checkoutComplete(id: $id) {
    errors { field code message }
    order { id number channel { slug } total { gross { amount } } }
  }
}"""

GATEWAYS_INITIALIZE = """
mutation($id: ID!, $gateways: [PaymentGatewayToInitialize!]) {
  paymentGatewayInitialize(id: $id, paymentGateways: $gateways) {
    errors { field code message }
    gatewayConfigs { id data errors { field code message } }
  }
}"""

TRANSACTION_INITIALIZE = """
mutation($id: ID!, $gateway: PaymentGatewayToInitialize!, $amount: PositiveDecimal,
         $action: TransactionFlowStrategyEnum) {
  transactionInitialize(id: $id, paymentGateway: $gateway, amount: $amount, action: $action) {
    transaction { id actions name pspReference chargedAmount { amount }
                  chargePendingAmount { amount } }
    transactionEvent { message type amount { amount } }
    data
    errors { field code message }
  }
}"""

TRANSACTION_PROCESS = """
mutation($id: ID!, $data: JSON) {
  transactionProcess(id: $id, data: $data) {
    transaction { id actions chargedAmount { amount } }
    transactionEvent { message type }
    data
    errors { field code message }
  }
}"""

ORDER = """
query($id: ID!) {
  order(id: $id) {
    id number isPaid chargeStatus authorizeStatus userEmail
    channel { slug }
    discounts { name }
    voucher { code }
    deliveryMethod { ... on ShippingMethod { id name price { amount } metadata { key value } } }
    total { gross { amount } }
    shippingPrice { gross { amount } }
    totalCaptured { amount }
    totalBalance { amount }
    transactions { id name pspReference message chargedAmount { amount }
                   metadata { key value } events { type amount { amount } } }
  }
}"""

ADDRESS = {
    "firstName": "Putu",
    "lastName": "Wirawan",
    "streetAddress1": "Jl. Gajah Mada No. 12, RT 002/RW 001",
    "streetAddress2": "Semarapura Kangin",
    "city": "Kabupaten Klungkung",
    "cityArea": "Klungkung",
    "countryArea": "Bali",
    "postalCode": "80711",
    "country": "ID",
    "phone": "081234567890",
}


def two_group_checkout(*, email="putu@example.id", user=None) -> Checkout:
    """A cart of soap from a Klungkung group and coffee from a Gianyar group, addressed."""
    soap = storefront_product(prices=(25_000,), stock=10, name="Sabun Propolis")
    coffee = storefront_product(
        prices=(60_000,),
        stock=5,
        name="Kopi Gayo",
        group=UppksGroupFactory(regency=regency(GIANYAR)),
    )
    checkout = create_checkout(
        user=user,
        email=email,
        lines=[(soap.variants.get().pk, 2), (coffee.variants.get().pk, 1)],
    )
    district = regency(KLUNGKUNG).districts.order_by("code").first()
    set_shipping_address(
        checkout.pk,
        {
            "first_name": "Putu",
            "street_address_1": "Jl. Gajah Mada No. 12",
            "regency_code": KLUNGKUNG,
            "district_code": district.code,
            "postal_code": "80711",
        },
    )
    return Checkout.objects.get(pk=checkout.pk)


__all__ = ["checkout_global_id", "two_group_checkout"]
