"""Invitation notices queued before links became outbox secrets kept the plain link (and so the
token) in ``context`` for good. Move it out: a notice still to be sent keeps it as a secret until
it is sent; for every other notice it is erased, also from errors that may quote it.
"""

from django.db import migrations

from marketplace.notifications.redaction import redact

UNSENT = ("pending", "sending")


def move_links_out_of_context(apps, schema_editor):
    OutboxMessage = apps.get_model("notifications", "OutboxMessage")
    OutboxAttempt = apps.get_model("notifications", "OutboxAttempt")
    rows = OutboxMessage.objects.filter(event="member_invitation", context__has_key="accept_url")
    for row in rows.order_by("pk").iterator():
        secrets = {"accept_url": row.context.pop("accept_url")}
        if row.status in UNSENT:
            row.secret_context = {**row.secret_context, **secrets}
        else:
            row.secrets_erased = True
        row.last_error = redact(row.last_error, secrets)
        row.save(update_fields=["context", "secret_context", "secrets_erased", "last_error"])
        for attempt in OutboxAttempt.objects.filter(message_id=row.pk).exclude(error=""):
            attempt.error = redact(attempt.error, secrets)
            attempt.save(update_fields=["error"])


class Migration(migrations.Migration):

    dependencies = [
        ("curation", "0001_initial"),
        ("notifications", "0003_outbox_secret_context"),
    ]

    operations = [
        migrations.RunPython(move_links_out_of_context, migrations.RunPython.noop, elidable=True),
    ]
