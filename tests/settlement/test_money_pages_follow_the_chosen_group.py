"""A member of two groups sees the money of the group chosen in the portal, never the other's."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.settlement.payouts import mark_batch_paid, run_payouts
from marketplace.settlement.postings import post_fulfillment_delivered, post_payment_confirmed
from tests.factories.accounts import UserFactory
from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.settlement import PayoutAccountFactory, paid_order

pytestmark = pytest.mark.django_db


def sell_and_pay_out(group, *, account_number: str, amount: int):
    PayoutAccountFactory(group=group, bank_code="014", account_number=account_number)
    order = paid_order({group: [amount]}, shipping=0, percent="0")
    post_payment_confirmed(order)
    post_fulfillment_delivered(order.fulfillments.get())
    return order


@pytest.fixture
def two_groups():
    """A member of UPPKS Mawar (first) and UPPKS Melati, each with a paid-out sale."""
    user = UserFactory()
    first = GroupMemberFactory(user=user, group=UppksGroupFactory(name="UPPKS Mawar")).group
    second = GroupMemberFactory(user=user, group=UppksGroupFactory(name="UPPKS Melati")).group
    first_order = sell_and_pay_out(first, account_number="1111111111", amount=30_000)
    second_order = sell_and_pay_out(second, account_number="2222222222", amount=70_000)
    mark_batch_paid(run_payouts(minimum=1).pk, actor=None)
    return user, (first, first_order), (second, second_order)


@pytest.fixture
def switched(client, two_groups):
    user, _first, (second, _order) = two_groups
    client.force_login(user)
    client.post(reverse("portal:choose_group"), {"group": second.pk})
    return client


def this_month(name, *args):
    today = timezone.localdate()
    return reverse(f"settlement_portal:{name}", args=[today.year, today.month, *args])


def test_without_a_choice_the_first_groups_balance_is_shown(client, two_groups):
    user, (first, _order), _second = two_groups
    client.force_login(user)

    response = client.get(reverse("settlement_portal:balance"))

    html = response.content.decode()
    assert response.context["group"] == first
    assert 'data-balance="paid">Rp 30.000<' in html
    assert "•••• 1111" in html and "•••• 2222" not in html


def test_after_switching_the_balance_is_the_second_groups(switched, two_groups):
    response = switched.get(reverse("settlement_portal:balance"))

    html = response.content.decode()
    _user, _first, (second, _order) = two_groups
    assert response.context["group"] == second
    assert 'data-balance="paid">Rp 70.000<' in html
    assert "Rp 30.000" not in html
    assert "•••• 2222" in html and "•••• 1111" not in html
    assert f'<option value="{second.pk}" selected>UPPKS Melati</option>' in html


def test_after_switching_the_statement_is_the_second_groups(switched, two_groups):
    _user, (_first, first_order), (second, second_order) = two_groups

    html = switched.get(this_month("statement")).content.decode()
    response = switched.get(this_month("statement_download", "csv"))
    download = response.content.decode("utf-8-sig")

    rows = list(csv.reader(io.StringIO(download)))

    assert f"#{second_order.number}" in html and f"#{first_order.number}" not in html
    assert [row[2] for row in rows[1:-1]] == [str(second_order.number), ""]
    assert rows[-1][4:] == ["70000", "0", "0", "70000", "70000"]
    assert f'filename="laporan-{second.code}-' in response["Content-Disposition"]


def test_after_switching_the_payout_account_page_is_the_second_groups(switched):
    response = switched.get(reverse("settlement_portal:payout_account"))

    html = response.content.decode()
    assert "•••• 2222" in html and "•••• 1111" not in html


def test_after_switching_an_account_request_goes_to_the_second_group(switched, two_groups):
    _user, (first, _o), (second, _order) = two_groups

    switched.post(
        reverse("settlement_portal:payout_account"),
        {"bank_code": "451", "account_number": "7123456789", "holder_name": "UPPKS Melati"},
    )

    assert list(second.payout_account_requests.values_list("account_number", flat=True)) == [
        "7123456789"
    ]
    assert not first.payout_account_requests.exists()


def test_after_switching_the_first_groups_payout_is_404(switched, two_groups):
    _user, (first, _o), (second, _order) = two_groups
    url = reverse("settlement_portal:payout", args=[first.payout_lines.get().pk])

    assert switched.get(url).status_code == 404
    own = reverse("settlement_portal:payout", args=[second.payout_lines.get().pk])
    assert switched.get(own).status_code == 200


def test_a_membership_ended_after_switching_falls_back_to_the_first_group(switched, two_groups):
    user, (first, _o), (second, _order) = two_groups
    second.members.filter(user=user).update(is_active=False)

    response = switched.get(reverse("settlement_portal:balance"))

    assert response.context["group"] == first
    assert "•••• 1111" in response.content.decode()


def test_a_non_member_gets_404(client, two_groups):
    client.force_login(UserFactory())

    assert client.get(reverse("settlement_portal:balance")).status_code == 404
    assert client.get(this_month("statement")).status_code == 404
