"""Default shipping rates so checkout works out of the box; staff refine them in the admin.

Close to what the national couriers charge for regular service in 2026: cheapest inside one
kabupaten/kota, more inside one province, most between provinces.
"""

from django.db import migrations

DEFAULT_RATES = [
    ("same_regency", 9_000, 9_000),
    ("same_province", 14_000, 14_000),
    ("between_provinces", 32_000, 32_000),
]


def seed_rates(apps, schema_editor):
    ShippingRate = apps.get_model("checkout", "ShippingRate")
    for scope, per_kg, minimum in DEFAULT_RATES:
        ShippingRate.objects.get_or_create(
            scope=scope,
            origin_province=None,
            destination_province=None,
            defaults={"price_per_kg": per_kg, "minimum_price": minimum},
        )


def remove_rates(apps, schema_editor):
    ShippingRate = apps.get_model("checkout", "ShippingRate")
    ShippingRate.objects.filter(origin_province=None, destination_province=None).delete()


class Migration(migrations.Migration):
    dependencies = [("checkout", "0001_initial")]

    operations = [migrations.RunPython(seed_rates, remove_rates)]
