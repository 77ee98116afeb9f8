"""Checkout operations: lines, contact, owner, address, payment method, summary, completion.

Every function takes the checkout's id first and raises ``CheckoutError`` with Saleor's codes.
"""

import re
from collections.abc import Iterable
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.catalog.models import ProductVariant, Stock
from marketplace.core.phones import normalize_phone
from marketplace.orders.models import PaymentMethod
from marketplace.regions.models import District, Regency

from .availability import purchasable_variants
from .completion import complete_checkout
from .errors import CheckoutError, CheckoutErrorCode
from .models import Checkout, CheckoutLine
from .payment_methods import card_payment_available, method_available
from .summary import CheckoutSummary, build_summary

__all__ = [
    "add_lines",
    "attach_customer",
    "card_payment_available",
    "checkout_summary",
    "choose_courier",
    "complete_checkout",
    "create_checkout",
    "delete_lines",
    "delete_stale_checkouts",
    "detach_customer",
    "set_contact",
    "set_payment_method",
    "set_shipping_address",
    "update_lines",
    "update_metadata",
]

POSTAL_CODE = re.compile(r"^\d{5}$")
LineInput = tuple[int, int]


def _get(checkout_id: int, *, lock: bool = False) -> Checkout:
    queryset = Checkout.objects.select_for_update() if lock else Checkout.objects
    try:
        return queryset.get(pk=checkout_id)
    except Checkout.DoesNotExist:
        raise CheckoutError(
            CheckoutErrorCode.NOT_FOUND, _("This cart no longer exists."), field="checkout"
        )


def _check_quantity(quantity: object, *, zero_allowed: bool) -> int:
    if not isinstance(quantity, int) or isinstance(quantity, bool) or quantity < 0:
        raise CheckoutError(
            CheckoutErrorCode.INVALID, _("Quantity must be a whole number."), field="quantity"
        )
    if quantity == 0 and not zero_allowed:
        raise CheckoutError(
            CheckoutErrorCode.ZERO_QUANTITY, _("Quantity must be at least 1."), field="quantity"
        )
    if quantity > settings.CHECKOUT_MAX_LINE_QUANTITY:
        raise CheckoutError(
            CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT,
            _("You can buy at most %(limit)d of one item.")
            % {"limit": settings.CHECKOUT_MAX_LINE_QUANTITY},
            field="quantity",
        )
    return quantity


def _check_variant(variant_id: int) -> ProductVariant:
    variant = ProductVariant.objects.filter(pk=variant_id).select_related("product__group").first()
    if variant is None:
        raise CheckoutError(
            CheckoutErrorCode.NOT_FOUND,
            _("This product does not exist."),
            field="variant",
            variant_id=variant_id,
        )
    if variant_id not in purchasable_variants([variant_id]):
        raise CheckoutError(
            CheckoutErrorCode.PRODUCT_NOT_PUBLISHED,
            _("“%(product)s” is not for sale.") % {"product": variant.product.name},
            field="variant",
            variant_id=variant_id,
        )
    return variant


def _check_available(variant: ProductVariant, quantity: int) -> None:
    """A line of ``quantity`` must fit in one active group's free stock (it ships whole)."""
    best = max(
        (
            stock.quantity_available
            for stock in Stock.objects.filter(variant=variant, group__is_active=True)
        ),
        default=0,
    )
    if quantity > best:
        raise CheckoutError(
            CheckoutErrorCode.INSUFFICIENT_STOCK,
            _("Only %(available)d of “%(product)s” left in stock.")
            % {"available": best, "product": variant.product.name},
            field="quantity",
            variant_id=variant.pk,
            available=best,
        )


def create_checkout(
    *,
    user=None,
    email: str = "",
    lines: Iterable[LineInput] = (),
    language: str = "id",
) -> Checkout:
    """Start a cart, optionally with lines; the account's email is used when none is given."""
    email = (email or (user.email if user else "")).strip().lower()
    if email:
        _check_email(email)
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with transaction.atomic():
        checkout = Checkout.objects.create(
            user=user if getattr(user, "pk", None) else None,
            email=email,
            phone=str(getattr(user, "phone", "") or "") if user else "",
            language=language,
        )
        if lines:
            add_lines(checkout.pk, lines)
    return checkout


def add_lines(checkout_id: int, lines: Iterable[LineInput]) -> Checkout:
    """Add quantities to the cart; a variant already in it gets the quantities summed."""
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        existing = {line.variant_id: line for line in checkout.lines.all()}
        for variant_id, quantity in lines:
            quantity = _check_quantity(quantity, zero_allowed=False)
            variant = _check_variant(variant_id)
            line = existing.get(variant.pk)
            new_quantity = _check_quantity(
                quantity + (line.quantity if line else 0), zero_allowed=False
            )
            _check_available(variant, new_quantity)
            if line:
                line.quantity = new_quantity
                line.save(update_fields=["quantity"])
            else:
                existing[variant.pk] = CheckoutLine.objects.create(
                    checkout=checkout, variant=variant, quantity=new_quantity
                )
        checkout.save(update_fields=["updated_at"])
    return checkout


def update_lines(checkout_id: int, lines: Iterable[LineInput]) -> Checkout:
    """Set quantities; quantity 0 removes the variant from the cart."""
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        existing = {line.variant_id: line for line in checkout.lines.all()}
        for variant_id, quantity in lines:
            quantity = _check_quantity(quantity, zero_allowed=True)
            line = existing.get(variant_id)
            if quantity == 0:
                if line:
                    line.delete()
                    del existing[variant_id]
                continue
            variant = _check_variant(variant_id)
            _check_available(variant, quantity)
            if line:
                line.quantity = quantity
                line.save(update_fields=["quantity"])
            else:
                existing[variant_id] = CheckoutLine.objects.create(
                    checkout=checkout, variant=variant, quantity=quantity
                )
        checkout.save(update_fields=["updated_at"])
    return checkout


def delete_lines(checkout_id: int, line_ids: Iterable[int]) -> Checkout:
    """Remove lines by id; an id not in this cart is refused and nothing is removed."""
    line_ids = set(line_ids)
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        lines = checkout.lines.filter(pk__in=line_ids)
        if lines.count() != len(line_ids):
            raise CheckoutError(
                CheckoutErrorCode.NOT_FOUND, _("This item is not in your cart."), field="line_id"
            )
        lines.delete()
        checkout.save(update_fields=["updated_at"])
    return checkout


def _refuse_other_owner(checkout: Checkout, user) -> None:
    """A cart owned by another account is out of reach, whoever holds its token."""
    if checkout.user_id and checkout.user_id != getattr(user, "pk", None):
        raise CheckoutError(
            CheckoutErrorCode.NOT_FOUND,
            _("This cart belongs to another account."),
            field="checkout",
        )


def attach_customer(checkout_id: int, *, user) -> Checkout:
    """Keep a guest's cart in the account they signed in to, so it follows them.

    A cart already owned by another account is refused and left as it is: its token may
    linger on a shared device. Attaching one's own cart again changes nothing. An empty
    email or phone is taken from the account, as ``create_checkout`` does; contact details
    the customer typed are kept.
    """
    if user is None or not user.is_authenticated:
        raise CheckoutError(
            CheckoutErrorCode.REQUIRED, _("Sign in to keep this cart."), field="user"
        )
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        _refuse_other_owner(checkout, user)
        if checkout.user_id == user.pk:
            return checkout
        checkout.user = user
        fields = ["user", "updated_at"]
        if not checkout.email:
            checkout.email = user.email.strip().lower()
            fields.append("email")
        if not checkout.phone and user.phone:
            checkout.phone = str(user.phone)
            fields.append("phone")
        checkout.save(update_fields=fields)
    return checkout


def detach_customer(checkout_id: int, *, user) -> Checkout:
    """Release the cart from its owner's account (say, on a shared device); only the owner may.

    A cart that belongs to no account stays as it is. Contact details are kept, as Saleor does.
    """
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        if checkout.user_id is None:
            return checkout
        _refuse_other_owner(checkout, user)
        checkout.user = None
        checkout.save(update_fields=["user", "updated_at"])
    return checkout


def _check_email(email: str) -> None:
    try:
        validate_email(email)
    except ValidationError:
        raise CheckoutError(
            CheckoutErrorCode.INVALID, _("Enter a valid email address."), field="email"
        )


def _phone(value: str, *, field: str) -> str:
    try:
        return normalize_phone(value)
    except ValidationError as error:
        raise CheckoutError(CheckoutErrorCode.INVALID, error.messages[0], field=field)


def set_contact(checkout_id: int, *, email: str, phone: str = "") -> Checkout:
    """Where the order confirmation goes; the phone is for the courier."""
    email = (email or "").strip().lower()
    if not email:
        raise CheckoutError(
            CheckoutErrorCode.REQUIRED, _("Enter your email address."), field="email"
        )
    _check_email(email)
    phone = _phone(phone, field="phone") if (phone or "").strip() else ""
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        checkout.email, checkout.phone = email, phone
        checkout.save(update_fields=["email", "phone", "updated_at"])
    return checkout


def _required(address: dict, key: str, message: str) -> str:
    value = str(address.get(key) or "").strip()
    if not value:
        raise CheckoutError(CheckoutErrorCode.REQUIRED, message, field=key)
    return value


def _clean_address(address: dict) -> dict:
    """Check an Indonesian address against the region data; return the model fields."""
    first_name = _required(address, "first_name", _("Enter the recipient's name."))
    street = _required(address, "street_address_1", _("Enter the street and RT/RW."))
    regency_code = _required(address, "regency_code", _("Choose the regency / city."))
    postal_code = _required(address, "postal_code", _("Enter the postal code."))
    if not POSTAL_CODE.match(postal_code):
        raise CheckoutError(
            CheckoutErrorCode.INVALID,
            _("A postal code has 5 digits."),
            field="postal_code",
        )
    regency = Regency.objects.select_related("province").filter(pk=regency_code).first()
    if regency is None:
        raise CheckoutError(
            CheckoutErrorCode.INVALID, _("Unknown regency / city."), field="regency_code"
        )
    province_code = str(address.get("province_code") or "").strip()
    if province_code and province_code != regency.province_id:
        raise CheckoutError(
            CheckoutErrorCode.INVALID,
            _("The regency / city does not lie in the chosen province."),
            field="regency_code",
        )
    district = None
    district_code = str(address.get("district_code") or "").strip()
    if district_code:
        district = District.objects.filter(pk=district_code, regency=regency).first()
        if district is None:
            raise CheckoutError(
                CheckoutErrorCode.INVALID,
                _("The district does not lie in the chosen regency / city."),
                field="district_code",
            )
    phone = str(address.get("phone") or "").strip()
    return {
        "first_name": first_name[:100],
        "last_name": str(address.get("last_name") or "").strip()[:100],
        "shipping_phone": _phone(phone, field="phone") if phone else "",
        "street_address_1": street[:255],
        "street_address_2": str(address.get("street_address_2") or "").strip()[:255],
        "village": str(address.get("village") or "").strip()[:100],
        "postal_code": postal_code,
        "district": district,
        "regency": regency,
        "province": regency.province,
    }


def set_shipping_address(checkout_id: int, address: dict) -> Checkout:
    """Set the delivery address (keys as in docs/ARCHITECTURE.md); kabupaten/kota required."""
    fields = _clean_address(address)
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        for name, value in fields.items():
            setattr(checkout, name, value)
        if not checkout.phone and fields["shipping_phone"]:
            checkout.phone = fields["shipping_phone"]
        checkout.save(update_fields=[*fields, "phone", "updated_at"])
    return checkout


def set_payment_method(checkout_id: int, method: str) -> Checkout:
    """Bank transfer or card; decides how long the unpaid order holds its stock."""
    if method not in PaymentMethod.values:
        raise CheckoutError(
            CheckoutErrorCode.INVALID, _("Choose a payment method."), field="payment_method"
        )
    if method == PaymentMethod.CARD and not card_payment_available():
        raise CheckoutError(
            CheckoutErrorCode.INVALID,
            _("Card payment is not available. Choose bank transfer."),
            field="payment_method",
        )
    if not method_available(method):
        raise CheckoutError(
            CheckoutErrorCode.INVALID,
            _("This payment method is not available. Choose bank transfer."),
            field="payment_method",
        )
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        checkout.payment_method = method
        checkout.save(update_fields=["payment_method", "updated_at"])
    return checkout


METADATA_MAX_KEYS = 50
METADATA_MAX_KEY_LENGTH = 255
METADATA_MAX_VALUE_LENGTH = 2_000


def update_metadata(checkout_id: int, items: dict[str, str]) -> Checkout:
    """Merge public key–value pairs into the cart's metadata (a storefront's own notes).

    Keys must be non-empty; sizes are bounded so a client cannot grow a row without limit.
    Nothing is written when any item is refused.
    """
    for key, value in items.items():
        if not str(key).strip():
            raise CheckoutError(
                CheckoutErrorCode.REQUIRED, _("A metadata key can't be empty."), field="metadata"
            )
        if len(key) > METADATA_MAX_KEY_LENGTH or len(str(value)) > METADATA_MAX_VALUE_LENGTH:
            raise CheckoutError(
                CheckoutErrorCode.INVALID, _("This metadata item is too long."), field="metadata"
            )
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        merged = {**(checkout.metadata or {}), **{k: str(v) for k, v in items.items()}}
        if len(merged) > METADATA_MAX_KEYS:
            raise CheckoutError(
                CheckoutErrorCode.INVALID,
                _("A cart keeps at most %(count)d metadata items.") % {"count": METADATA_MAX_KEYS},
                field="metadata",
            )
        checkout.metadata = merged
        checkout.save(update_fields=["metadata", "updated_at"])
    return checkout


def checkout_summary(checkout: Checkout) -> CheckoutSummary:
    """Per-group shipments (lines, weight, shipping price) and totals, as completion would route."""
    return build_summary(checkout)


def choose_courier(checkout_id: int, *, group_id: int, courier: str, service: str) -> Checkout:
    """The buyer picks the courier service for one group's parcel (the cheapest until then).

    The service must be one offered now for that parcel; courier rates are asked before the
    cart is locked. A refused pick changes nothing.
    """
    checkout = _get(checkout_id)
    if not checkout.has_shipping_address:
        raise CheckoutError(
            CheckoutErrorCode.SHIPPING_ADDRESS_NOT_SET,
            _("Enter the delivery address."),
            field="shipping_address",
        )
    shipment = next((s for s in build_summary(checkout).shipments if s.group.pk == group_id), None)
    if shipment is None:
        raise CheckoutError(
            CheckoutErrorCode.NOT_FOUND,
            _("No parcel of this cart is shipped by this group."),
            field="uppks_group",
        )
    if not any(o.key == (courier, service) for o in shipment.courier_options):
        raise CheckoutError(
            CheckoutErrorCode.SHIPPING_METHOD_NOT_APPLICABLE,
            _("This courier service is not offered for this parcel."),
            field="courier",
        )
    with transaction.atomic():
        checkout = _get(checkout_id, lock=True)
        checkout.courier_choices = {
            **(checkout.courier_choices or {}),
            str(group_id): [courier, service],
        }
        checkout.save(update_fields=["courier_choices", "updated_at"])
    return checkout


def delete_stale_checkouts(*, now=None) -> int:
    """Delete carts untouched for ``CHECKOUT_TTL_DAYS`` (they hold no stock); returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.CHECKOUT_TTL_DAYS)
    stale = Checkout.objects.filter(updated_at__lt=cutoff)
    count = stale.count()
    stale.delete()
    return count
