"""A member of two groups switches between them; never into a group they are not in."""

from django.urls import reverse

from tests.factories.groups import GroupMemberFactory, UppksGroupFactory
from tests.factories.orders import FulfillmentFactory


def test_a_member_of_two_groups_switches_between_them(portal, member, group_a, own_fulfillment):
    second = GroupMemberFactory(user=member, group=UppksGroupFactory(name="UPPKS Melati")).group
    GroupMemberFactory(group=second)  # another member: the group is listed once all the same
    GroupMemberFactory(group=group_a)
    theirs = FulfillmentFactory(group=second, quantity=1)
    page = portal.get(reverse("portal:home")).content.decode()
    assert page.count(f'value="{second.pk}"') == 1
    assert portal.get(reverse("portal:fulfillment", args=[theirs.pk])).status_code == 404
    response = portal.post(reverse("portal:choose_group"), {"group": second.pk})
    assert response["Location"] == reverse("portal:home")
    assert portal.get(reverse("portal:fulfillment", args=[theirs.pk])).status_code == 200
    assert portal.get(reverse("portal:fulfillment", args=[own_fulfillment.pk])).status_code == 404


def test_switching_to_a_group_one_is_not_in_is_not_found(portal, group_a, group_b):
    response = portal.post(reverse("portal:choose_group"), {"group": group_b.pk})
    assert response.status_code == 404
    assert portal.get(reverse("portal:home")).context["request"].group == group_a
    assert portal.post(reverse("portal:choose_group"), {"group": "x"}).status_code == 404


def test_a_membership_ended_meanwhile_falls_back_to_the_other_group(portal, member, group_a):
    membership = GroupMemberFactory(user=member, group=UppksGroupFactory())
    portal.post(reverse("portal:choose_group"), {"group": membership.group_id})
    membership.is_active = False
    membership.save()
    assert portal.get(reverse("portal:home")).context["request"].group == group_a
