"""At 07:00 WIB each group with open orders hears what waits, what is due today, what is late."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from celery.schedules import crontab
from django.conf import settings

from marketplace.celery import app as celery_app
from marketplace.notifications.inbound.digest import send_morning_digests
from marketplace.notifications.models import Channel, MorningDigest, OutboxMessage
from marketplace.notifications.transports import render
from marketplace.orders.models import FulfillmentStatus
from tests.factories.groups import UppksGroupFactory
from tests.factories.notifications import member
from tests.factories.orders import FulfillmentFactory

JAKARTA = ZoneInfo("Asia/Jakarta")


def _seven_am() -> datetime:
    today = datetime.now(JAKARTA).date()
    return datetime(today.year, today.month, today.day, 7, 0, tzinfo=JAKARTA)


def _open_orders(group, now):
    return {
        "overdue": FulfillmentFactory(group=group, accept_deadline=now - timedelta(hours=2)),
        "due_today": FulfillmentFactory(group=group, accept_deadline=now + timedelta(hours=5)),
        "waiting": FulfillmentFactory(group=group, accept_deadline=now + timedelta(days=1)),
        "to_ship": FulfillmentFactory(group=group, status=FulfillmentStatus.ACCEPTED),
        "done": FulfillmentFactory(group=group, status=FulfillmentStatus.SHIPPED),
    }


def test_digest_sorts_the_groups_open_orders(db):
    now = _seven_am()
    melati = UppksGroupFactory(name="UPPKS Melati")
    ketua = member(melati, email=True, whatsapp=True)
    orders = {name: f.order.number for name, f in _open_orders(melati, now).items()}

    run = send_morning_digests(now=now)

    assert run.sent == 1
    digest = MorningDigest.objects.get()
    assert (digest.group, digest.day) == (melati, now.date())
    assert (digest.overdue, digest.due_today, digest.waiting, digest.to_ship) == (1, 1, 1, 1)
    rows = {row.channel: row for row in OutboxMessage.objects.filter(event="group_morning_digest")}
    assert {(c, r.recipient) for c, r in rows.items()} == {
        (Channel.EMAIL, ketua.user.email),
        (Channel.WHATSAPP, str(ketua.user.phone)),
    }
    notice = render(rows[Channel.WHATSAPP])
    assert notice.subject == f"Pesanan UPPKS Melati hari ini, {now:%d-%m-%Y}"
    text = notice.text
    overdue = text.index("Lewat batas terima: 1 pesanan")
    due_today = text.index("Harus diterima hari ini: 1 pesanan")
    waiting = text.index("Menunggu diterima: 1 pesanan")
    to_ship = text.index("Sudah diterima, belum dikirim: 1 pesanan")
    assert overdue < text.index(f"#{orders['overdue']}") < due_today
    assert due_today < text.index(f"#{orders['due_today']}") < waiting
    assert waiting < text.index(f"#{orders['waiting']}") < to_ship
    assert to_ship < text.index(f"#{orders['to_ship']}")
    assert f"#{orders['done']}" not in text
    assert "Balas di sini: TERIMA 100234" in text
    assert "Balas di sini" not in render(rows[Channel.EMAIL]).text


def test_a_second_run_the_same_day_sends_nothing_more(db):
    now = _seven_am()
    melati = UppksGroupFactory()
    member(melati, whatsapp=True)
    _open_orders(melati, now)

    first = send_morning_digests(now=now)
    again = send_morning_digests(now=now + timedelta(minutes=1))

    assert (first.sent, again.sent) == (1, 0)
    assert MorningDigest.objects.count() == 1
    assert OutboxMessage.objects.filter(event="group_morning_digest").count() == 2


def test_the_next_day_brings_a_new_digest(db):
    now = _seven_am()
    melati = UppksGroupFactory()
    member(melati, whatsapp=True, email=False)
    FulfillmentFactory(group=melati, accept_deadline=now + timedelta(days=3))

    send_morning_digests(now=now)
    send_morning_digests(now=now + timedelta(days=1))

    assert list(MorningDigest.objects.order_by("day").values_list("day", flat=True)) == [
        now.date(),
        now.date() + timedelta(days=1),
    ]
    assert OutboxMessage.objects.filter(event="group_morning_digest").count() == 2


def test_a_group_with_nothing_open_is_left_alone(db):
    now = _seven_am()
    quiet = UppksGroupFactory()
    member(quiet, whatsapp=True)
    FulfillmentFactory(group=quiet, status=FulfillmentStatus.DELIVERED)
    FulfillmentFactory(group=quiet, status=FulfillmentStatus.REJECTED)

    assert send_morning_digests(now=now).sent == 0
    assert not OutboxMessage.objects.filter(event="group_morning_digest").exists()


def test_beat_runs_the_digest_at_seven_in_jakarta_time():
    entry = settings.CELERY_BEAT_SCHEDULE["notifications-morning-digest"]
    assert entry["task"] == "notifications.send_morning_digests"
    assert entry["schedule"] == crontab(minute=0, hour=7)
    assert celery_app.conf.timezone == "Asia/Jakarta"
    celery_app.loader.import_default_modules()  # what a worker does when it starts
    assert "notifications.send_morning_digests" in celery_app.tasks
