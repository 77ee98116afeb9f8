"""The visitor's cart is a ``Checkout`` (orders domain) whose id is kept in the session."""

from marketplace.checkout.models import Checkout

from .templatetags.storefront import CART_QUANTITY_SESSION_KEY

CHECKOUT_SESSION_KEY = "checkout_id"
RECENT_ORDERS_SESSION_KEY = "recent_orders"


def current_checkout(request) -> Checkout | None:
    """This visitor's cart, or None. A cart of another account is never picked up."""
    checkout_id = request.session.get(CHECKOUT_SESSION_KEY)
    if not checkout_id:
        return None
    checkout = Checkout.objects.filter(pk=checkout_id).first()
    if checkout is None:
        forget_checkout(request)
        return None
    if checkout.user_id and checkout.user_id != request.user.pk:
        forget_checkout(request)
        return None
    return checkout


def remember_checkout(request, checkout: Checkout) -> None:
    request.session[CHECKOUT_SESSION_KEY] = checkout.pk
    refresh_quantity(request, checkout)


def refresh_quantity(request, checkout: Checkout | None) -> None:
    """Keep the header's cart count in the session so pages need no query for it."""
    total = 0
    if checkout is not None:
        total = sum(checkout.lines.values_list("quantity", flat=True))
    request.session[CART_QUANTITY_SESSION_KEY] = total


def forget_checkout(request) -> None:
    request.session.pop(CHECKOUT_SESSION_KEY, None)
    request.session[CART_QUANTITY_SESSION_KEY] = 0


def remember_order(request, order) -> None:
    """A guest may open the confirmation of an order placed in this session."""
    recent = [token for token in request.session.get(RECENT_ORDERS_SESSION_KEY, []) if token]
    request.session[RECENT_ORDERS_SESSION_KEY] = [str(order.token), *recent][:10]
