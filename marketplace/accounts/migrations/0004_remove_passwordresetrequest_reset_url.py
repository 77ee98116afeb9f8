from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_password_reset_links_out_of_storage"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="passwordresetrequest",
            name="reset_url",
        ),
    ]
