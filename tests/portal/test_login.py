from django.urls import reverse

from tests.factories.accounts import UserFactory


def test_a_member_logs_in_with_a_phone_number_as_written_locally(client, member):
    response = client.post(
        reverse("portal:login"), {"username": "0812-3456-0001", "password": "rahasia-123"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")
    assert client.get(reverse("portal:home")).status_code == 200


def test_a_member_logs_in_with_an_email(client, member):
    response = client.post(
        reverse("portal:login"), {"username": "KETUA.A@example.id", "password": "rahasia-123"}
    )
    assert response.status_code == 302


def test_a_wrong_password_is_refused_in_indonesian(client, member):
    response = client.post(
        reverse("portal:login"), {"username": "ketua.a@example.id", "password": "salah"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Nomor HP atau email" in response.content.decode()


def test_a_wrong_password_gets_one_clear_message(client, member):
    response = client.post(
        reverse("portal:login"), {"username": "0812-3456-0001", "password": "salah"}
    )

    html = response.content.decode()
    assert "Nomor telepon/email atau kata sandi salah." in html
    assert "Huruf besar" not in html
    assert "_auth_user_id" not in client.session


def test_a_visitor_is_sent_to_the_login_page(client, db):
    response = client.get(reverse("portal:fulfillments"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('portal:login')}?next=/portal/pesanan/"


def test_an_account_without_a_group_is_turned_away(client, db):
    client.force_login(UserFactory())
    response = client.get(reverse("portal:home"))
    assert response.status_code == 403


def test_a_member_of_an_inactive_group_is_turned_away(portal, group_a):
    group_a.is_active = False
    group_a.save()
    assert portal.get(reverse("portal:home")).status_code == 403


def test_logging_out_needs_a_post(portal):
    assert portal.get(reverse("portal:logout")).status_code == 405
    response = portal.post(reverse("portal:logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in portal.session
