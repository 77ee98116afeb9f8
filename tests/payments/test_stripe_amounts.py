import pytest

from marketplace.payments.gateways.stripe_gateway import from_stripe_amount, to_stripe_amount


def test_rupiah_25000_is_2500000_for_stripe():
    assert to_stripe_amount(25_000) == 2_500_000


def test_stripe_2500000_is_rupiah_25000():
    assert from_stripe_amount(2_500_000) == 25_000


def test_round_trip_keeps_every_whole_rupiah_amount():
    for rupiah in (0, 1, 999, 85_123, 1_250_000, 99_999_999):
        assert from_stripe_amount(to_stripe_amount(rupiah)) == rupiah


@pytest.mark.parametrize("minor", [2_500_050, 1, -100])
def test_stripe_amount_that_is_not_whole_rupiah_is_refused(minor):
    with pytest.raises(ValueError):
        from_stripe_amount(minor)


@pytest.mark.parametrize("rupiah", [-1, 2.5, "25000", True])
def test_only_whole_non_negative_rupiah_go_to_stripe(rupiah):
    with pytest.raises(ValueError):
        to_stripe_amount(rupiah)
