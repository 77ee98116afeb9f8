from django.db import migrations

from marketplace.regions.loading import load_regions


def forwards(apps, schema_editor):
    load_regions(
        apps.get_model("regions", "Province"),
        apps.get_model("regions", "Regency"),
        apps.get_model("regions", "District"),
    )


class Migration(migrations.Migration):
    dependencies = [("regions", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
