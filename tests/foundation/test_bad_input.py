"""Bad input is refused with a clear message in the user's language and nothing is half-saved."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from marketplace.catalog.models import Product, ProductVariant
from marketplace.groups.models import UppksGroup
from tests.factories.accounts import UserFactory
from tests.factories.catalog import ProductFactory, ProductVariantFactory, category
from tests.factories.groups import UppksGroupFactory
from tests.factories.regions import KLUNGKUNG


@pytest.fixture
def admin_client_id(client, db):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    client.cookies.load({"django_language": "id"})
    return client


def group_form(**overrides):
    data = {
        "code": "UPPKS-BALI-01",
        "name": "UPPKS Sari Merta",
        "slug": "uppks-sari-merta",
        "regency": KLUNGKUNG,
        "phone": "0812-3456-7801",
        "is_active": "on",
        "members-TOTAL_FORMS": "0",
        "members-INITIAL_FORMS": "0",
        "partnerships-TOTAL_FORMS": "0",
        "partnerships-INITIAL_FORMS": "0",
    }
    data.update(overrides)
    return data


def test_group_with_phone_12345_is_refused_in_indonesian(admin_client_id):
    response = admin_client_id.post("/admin/groups/uppksgroup/add/", group_form(phone="12345"))
    assert response.status_code == 200
    assert "nomor telepon" in response.content.decode().lower()
    assert UppksGroup.objects.count() == 0


def test_group_phone_is_stored_as_e164(admin_client_id):
    response = admin_client_id.post("/admin/groups/uppksgroup/add/", group_form())
    assert response.status_code == 302
    assert str(UppksGroup.objects.get().phone) == "+6281234567801"


def test_group_in_a_regency_that_does_not_exist_is_refused(admin_client_id):
    response = admin_client_id.post("/admin/groups/uppksgroup/add/", group_form(regency="99.99"))
    assert response.status_code == 200
    assert "regency" in response.context["adminform"].form.errors
    assert UppksGroup.objects.count() == 0


def test_negative_price_and_weight_are_refused(db):
    variant = ProductVariantFactory.build(product=ProductFactory(), price=-5, weight_g=-1)
    with pytest.raises(ValidationError) as err:
        variant.full_clean()
    assert {"price", "weight_g"} <= set(err.value.message_dict)


def test_zero_price_is_refused_by_the_database_too(db):
    product = ProductFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ProductVariant.objects.create(product=product, sku="NOL", price=0, weight_g=100)
    assert ProductVariant.objects.filter(sku="NOL").count() == 0


def test_duplicate_sku_is_refused_with_a_message(db):
    ProductVariantFactory(sku="SABUN-PROPOLIS-01")
    duplicate = ProductVariantFactory.build(product=ProductFactory(), sku="SABUN-PROPOLIS-01")
    with translation.override("id"), pytest.raises(ValidationError) as err:
        duplicate.full_clean()
    assert "sku" in err.value.message_dict
    assert err.value.message_dict["sku"] == ["Varian dengan SKU telah ada."]


def test_product_with_an_invalid_variant_is_not_half_saved(admin_client_id):
    group = UppksGroupFactory()
    data = {
        "group": group.pk,
        "category": category("anyaman").pk,
        "name": "Tas Pandan",
        "slug": "tas-pandan",
        "status": "draft",
        "variants-TOTAL_FORMS": "2",
        "variants-INITIAL_FORMS": "0",
        "variants-0-sku": "TAS-01",
        "variants-0-price": "85000",
        "variants-0-weight_g": "400",
        "variants-0-options": "{}",
        "variants-1-sku": "TAS-02",
        "variants-1-price": "-100",
        "variants-1-weight_g": "400",
        "variants-1-options": "{}",
        "media-TOTAL_FORMS": "0",
        "media-INITIAL_FORMS": "0",
    }
    response = admin_client_id.post("/admin/catalog/product/add/", data)
    assert response.status_code == 200
    assert Product.objects.filter(slug="tas-pandan").count() == 0
    assert ProductVariant.objects.filter(sku__in=["TAS-01", "TAS-02"]).count() == 0


def test_food_needs_permit_and_halal_before_publication(db):
    product = ProductFactory(category=category("kopi-teh"), permit_number="", halal_number="")
    assert [code for code, _ in product.publication_problems()] == [
        "permit_required",
        "halal_required",
    ]
    product.permit_number = "P-IRT 2061104010123-26"
    product.is_not_halal = True
    assert product.publication_problems() == []


def test_crafts_need_no_permit(db):
    assert ProductFactory(category=category("anyaman")).publication_problems() == []
