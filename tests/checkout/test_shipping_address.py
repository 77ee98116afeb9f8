import pytest

from marketplace.checkout.errors import CheckoutError, CheckoutErrorCode
from marketplace.checkout.services import set_contact, set_payment_method, set_shipping_address
from tests.factories.checkout import CheckoutFactory
from tests.factories.regions import BALI, GIANYAR, KLUNGKUNG, district

ADDRESS = {
    "first_name": "Wayan",
    "last_name": "Sudarma",
    "phone": "0812-3456-7801",
    "street_address_1": "Jl. Raya Ubud No. 5, RT 001/RW 002",
    "village": "Ubud",
    "province_code": BALI,
    "regency_code": GIANYAR,
    "postal_code": "80571",
}


@pytest.fixture
def checkout(db):
    return CheckoutFactory(phone="", regency=None, province=None, district=None)


def test_address_is_stored_with_its_regions(checkout):
    gianyar_district = district(GIANYAR)
    set_shipping_address(checkout.pk, {**ADDRESS, "district_code": gianyar_district.code})
    checkout.refresh_from_db()
    assert (checkout.province_id, checkout.regency_id, checkout.district_id) == (
        BALI,
        GIANYAR,
        gianyar_district.code,
    )
    assert checkout.shipping_phone == "+6281234567801"
    assert checkout.phone == "+6281234567801"


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        ({"regency_code": ""}, CheckoutErrorCode.REQUIRED, "regency_code"),
        ({"first_name": " "}, CheckoutErrorCode.REQUIRED, "first_name"),
        ({"postal_code": "8057"}, CheckoutErrorCode.INVALID, "postal_code"),
        ({"regency_code": "99.99"}, CheckoutErrorCode.INVALID, "regency_code"),
        ({"province_code": "11"}, CheckoutErrorCode.INVALID, "regency_code"),
        ({"phone": "12345"}, CheckoutErrorCode.INVALID, "phone"),
    ],
)
def test_bad_address_is_refused_and_nothing_changes(checkout, change, code, field):
    with pytest.raises(CheckoutError) as error:
        set_shipping_address(checkout.pk, {**ADDRESS, **change})
    assert (error.value.code, error.value.field) == (code, field)
    checkout.refresh_from_db()
    assert checkout.regency_id is None


def test_district_outside_the_regency_is_refused(checkout):
    with pytest.raises(CheckoutError) as error:
        set_shipping_address(checkout.pk, {**ADDRESS, "district_code": district(KLUNGKUNG).code})
    assert (error.value.code, error.value.field) == (CheckoutErrorCode.INVALID, "district_code")


def test_contact_normalizes_the_phone_and_checks_the_email(checkout):
    set_contact(checkout.pk, email=" Komang@Example.ID ", phone="081234567801")
    checkout.refresh_from_db()
    assert (checkout.email, checkout.phone) == ("komang@example.id", "+6281234567801")
    with pytest.raises(CheckoutError) as error:
        set_contact(checkout.pk, email="bukan-email", phone="")
    assert (error.value.code, error.value.field) == (CheckoutErrorCode.INVALID, "email")


def test_unknown_payment_method_is_refused(checkout, stripe_keys):
    set_payment_method(checkout.pk, "card")
    with pytest.raises(CheckoutError) as error:
        set_payment_method(checkout.pk, "cash")
    assert error.value.code == CheckoutErrorCode.INVALID
    checkout.refresh_from_db()
    assert checkout.payment_method == "card"


def test_card_is_refused_when_stripe_is_not_configured(checkout, settings):
    # given
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    # when
    with pytest.raises(CheckoutError) as error:
        set_payment_method(checkout.pk, "card")
    # then
    assert (error.value.code, error.value.field) == (CheckoutErrorCode.INVALID, "payment_method")
    assert error.value.message == "Pembayaran kartu tidak tersedia. Pilih transfer bank."
    checkout.refresh_from_db()
    assert checkout.payment_method == "bank_transfer"
