"""Reset requests made before links became outbox secrets kept the plain link (and so a working
token) on ``PasswordResetRequest.reset_url`` and in the notice's ``context``. Blank the column
(0004 drops it; blanking first leaves the old values in dead row versions that vacuum reclaims,
whereas a dropped column's values stay in the live rows), and move the link out of ``context``:
a notice still to be sent keeps it as a secret until it is sent; for every other notice it is
erased, also from errors that may quote it.
"""

from django.db import migrations

from marketplace.notifications.redaction import redact

EVENT = "password_reset"
UNSENT = ("pending", "sending")


def blank_request_links(apps, schema_editor):
    PasswordResetRequest = apps.get_model("accounts", "PasswordResetRequest")
    PasswordResetRequest.objects.exclude(reset_url="").update(reset_url="")


def move_links_out_of_context(apps, schema_editor):
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    OutboxAttempt = apps.get_model("notifications", "OutboxAttempt")
    rows = OutboxMessage.objects.filter(event=EVENT, context__has_key="reset_url")
    for row in rows.order_by("pk").iterator():
        secrets = {"reset_url": row.context.pop("reset_url")}
        if row.status in UNSENT:
            row.secret_context = {**row.secret_context, **secrets}
        else:
            row.secrets_erased = True
        row.last_error = redact(row.last_error, secrets)
        row.save(update_fields=["context", "secret_context", "secrets_erased", "last_error"])
        for attempt in OutboxAttempt.objects.filter(message_id=row.pk).exclude(error=""):
            attempt.error = redact(attempt.error, secrets)
            attempt.save(update_fields=["error"])


def remove_links(apps, schema_editor):
    blank_request_links(apps, schema_editor)
    move_links_out_of_context(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_passwordresetrequest"),
        ("notifications", "0003_outbox_secret_context"),
    ]

    operations = [
        migrations.RunPython(remove_links, migrations.RunPython.noop, elidable=True),
    ]
