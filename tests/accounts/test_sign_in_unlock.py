"""Staff lift a sign-in lock from the user list; the unlock is in the audit log."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse

from marketplace.core.models import AuditEntry
from tests.factories.accounts import StaffUserFactory, UserFactory


@pytest.fixture
def locked(db):
    user = UserFactory(email="terkunci@example.id")
    client = Client()
    for _ in range(10):
        client.post(reverse("storefront:login"), {"username": user.email, "password": "salah"})
    assert AccessAttempt.objects.filter(username=user.email).exists()
    return user


def test_an_admin_unlocks_and_the_account_signs_in_at_once(locked):
    admin = StaffUserFactory(is_superuser=True, email="admin.nasional@example.id")
    staff = Client()
    staff.force_login(admin)

    response = staff.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [locked.pk]},
        follow=True,
    )

    assert response.status_code == 200
    assert not AccessAttempt.objects.filter(username=locked.email).exists()
    entry = AuditEntry.objects.get(action="sign_in_unlocked")
    assert (entry.actor, entry.object_id) == (admin, str(locked.pk))
    assert entry.changes == {"failed_attempt_records": [1, 0]}
    signed_in = Client().post(
        reverse("storefront:login"), {"username": locked.email, "password": "rahasia-123"}
    )
    assert signed_in.status_code == 302


def test_staff_cannot_unlock_an_account_outside_their_view(locked, db):
    from marketplace.regions.models import Province

    province = Province.objects.order_by("code").first()
    staff_user = StaffUserFactory(email="staf.provinsi@example.id", staff_province=province)
    staff = Client()
    staff.force_login(staff_user)

    staff.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "unlock_sign_in", "_selected_action": [locked.pk]},
    )

    assert AccessAttempt.objects.filter(username=locked.email).exists()
    assert not AuditEntry.objects.filter(action="sign_in_unlocked").exists()
