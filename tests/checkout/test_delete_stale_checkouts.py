from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from marketplace.checkout.models import Checkout, CheckoutLine
from marketplace.checkout.tasks import delete_stale_checkouts_task
from tests.factories.checkout import CheckoutFactory, CheckoutLineFactory


def test_carts_untouched_for_the_ttl_are_deleted(db):
    stale = CheckoutLineFactory().checkout
    fresh = CheckoutFactory()
    Checkout.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - timedelta(days=settings.CHECKOUT_TTL_DAYS, minutes=1)
    )
    assert delete_stale_checkouts_task.apply().get() == 1
    assert list(Checkout.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not CheckoutLine.objects.exists()
    assert delete_stale_checkouts_task.apply().get() == 0
    assert "delete-stale-checkouts" in settings.CELERY_BEAT_SCHEDULE
