import pytest
from django.utils import translation

from marketplace.catalog.models import ProductStatus
from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.models import CheckoutLine
from marketplace.checkout.services import add_lines, create_checkout, delete_lines, update_lines


def test_create_checkout_with_lines_uses_the_accounts_email(group_member, klungkung_stock):
    checkout = create_checkout(user=group_member, lines=[(klungkung_stock.variant_id, 2)])
    assert checkout.email == group_member.email
    assert list(checkout.lines.values_list("variant_id", "quantity")) == [
        (klungkung_stock.variant_id, 2)
    ]


def test_adding_a_variant_already_in_the_cart_sums_the_quantities(checkout, klungkung_stock):
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 2)])
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 3)])
    assert checkout.lines.get().quantity == 5


def test_adding_more_than_one_group_holds_is_refused_and_changes_nothing(checkout, klungkung_stock):
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 4)])
    with pytest.raises(CheckoutError) as error:
        add_lines(checkout.pk, [(klungkung_stock.variant_id, 2)])
    assert error.value.code == CheckoutErrorCode.INSUFFICIENT_STOCK
    assert error.value.field == "quantity"
    assert error.value.params["available"] == 5
    assert checkout.lines.get().quantity == 4


def test_unpublished_product_is_refused(checkout, klungkung_stock):
    klungkung_stock.variant.product.status = ProductStatus.SUBMITTED
    klungkung_stock.variant.product.save()
    with pytest.raises(CheckoutError) as error:
        add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
    assert error.value.code == CheckoutErrorCode.PRODUCT_NOT_PUBLISHED
    assert not CheckoutLine.objects.exists()


def test_unknown_variant_is_not_found(checkout):
    with pytest.raises(CheckoutError) as error:
        add_lines(checkout.pk, [(987654, 1)])
    assert error.value.code == CheckoutErrorCode.NOT_FOUND
    assert error.value.field == "variant"


@pytest.mark.parametrize(
    ("quantity", "code"),
    [
        (0, CheckoutErrorCode.ZERO_QUANTITY),
        (-1, CheckoutErrorCode.INVALID),
        (1001, CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT),
    ],
)
def test_bad_quantities_are_refused(checkout, klungkung_stock, quantity, code):
    with pytest.raises(CheckoutError) as error:
        add_lines(checkout.pk, [(klungkung_stock.variant_id, quantity)])
    assert error.value.code == code
    assert not CheckoutLine.objects.exists()


def test_update_sets_quantity_and_zero_removes_the_line(checkout, klungkung_stock, aceh_stock):
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 1), (aceh_stock.variant_id, 1)])
    update_lines(checkout.pk, [(klungkung_stock.variant_id, 3), (aceh_stock.variant_id, 0)])
    assert list(checkout.lines.values_list("variant_id", "quantity")) == [
        (klungkung_stock.variant_id, 3)
    ]


def test_delete_lines_refuses_a_line_of_another_cart(checkout, klungkung_stock):
    other = create_checkout(email="lain@example.id", lines=[(klungkung_stock.variant_id, 1)])
    add_lines(checkout.pk, [(klungkung_stock.variant_id, 1)])
    with pytest.raises(CheckoutError) as error:
        delete_lines(checkout.pk, [other.lines.get().pk])
    assert error.value.code == CheckoutErrorCode.NOT_FOUND
    assert CheckoutLine.objects.count() == 2


def test_error_messages_are_in_the_users_language(checkout, klungkung_stock):
    with translation.override("id"), pytest.raises(CheckoutError) as error:
        add_lines(checkout.pk, [(klungkung_stock.variant_id, 0)])
    assert error.value.message == "Jumlah minimal 1."
