"""Staff read words in the admin, not codes: sort position vs. sales order, app names, audit log."""

import re

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils import translation

from marketplace.catalog.models import Category
from marketplace.core import audit
from marketplace.core.admin import audit_action_label, object_type_label
from marketplace.groups.models import UppksGroup
from marketplace.orders.models import Fulfillment
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductFactory


def test_an_order_is_a_sales_order_and_a_sort_position_is_urutan():
    with translation.override("id"):
        assert str(Fulfillment._meta.get_field("order").verbose_name) == "pesanan"
        assert translation.gettext("order") == "pesanan"
        assert str(Category._meta.get_field("sort_order").verbose_name) == "urutan"


def test_checkout_and_payments_have_different_admin_section_names():
    with translation.override("id"):
        checkout = str(apps.get_app_config("checkout").verbose_name)
        payments = str(apps.get_app_config("payments").verbose_name)
    assert checkout == "Keranjang & ongkos kirim"
    assert checkout != payments


def test_audit_actions_and_object_types_read_as_words():
    with translation.override("id"):
        assert audit_action_label("product_approved") == "Produk disetujui"
        assert audit_action_label("payment.bank_transfer_confirmed") == "Transfer bank dikonfirmasi"
        assert object_type_label("groups.uppksgroup") == str(UppksGroup._meta.verbose_name)
        assert object_type_label("catalog.product") == "produk"


def test_unknown_audit_codes_show_the_code():
    assert audit_action_label("something_new") == "something_new"
    assert object_type_label("nothing.here") == "nothing.here"
    assert object_type_label("not-a-label") == "not-a-label"


@pytest.mark.django_db
def test_audit_log_lists_words_not_codes(client):
    entry = audit.record(None, ProductFactory(), "product_approved")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    listing = client.get(reverse("admin:core_auditentry_changelist")).content.decode()
    assert "Produk disetujui" in listing
    assert re.search(r">\s*product_approved\s*<", listing) is None
    assert re.search(r">\s*catalog\.product\s*<", listing) is None
    page = client.get(reverse("admin:core_auditentry_change", args=[entry.pk])).content.decode()
    assert "Produk disetujui" in page
    assert re.search(r"readonly[^>]*>\s*(product_approved|catalog\.product)\s*<", page) is None
