from django.db import migrations

from marketplace.catalog.loading import load_categories


def forwards(apps, schema_editor):
    load_categories(apps.get_model("catalog", "Category"))


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
