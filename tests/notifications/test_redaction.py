"""Error text recorded for a notice hides every fragment of the notice's secrets."""

from marketplace.notifications.redaction import redact

LINK = "https://pasar-uppks.id/admin/curation/join/Rahasia-Sekali-Pakai-0123456789abcdef/"


def test_a_whole_secret_is_hidden():
    text = f"gateway answered HTTP 500: tolak {LINK} ya"

    assert redact(text, {"accept_url": LINK}) == "gateway answered HTTP 500: tolak […] ya"


def test_a_secret_cut_off_at_the_end_is_hidden():
    text = "gateway answered HTTP 500: " + LINK[:60]

    assert redact(text, {"accept_url": LINK}) == "gateway answered HTTP 500: […]"


def test_every_occurrence_is_hidden():
    text = f"{LINK} / {LINK}"

    assert redact(text, {"accept_url": LINK}) == "[…] / […]"


def test_fragments_shorter_than_twelve_characters_are_kept():
    text = "ditolak: Rahasia-Se"

    assert redact(text, {"accept_url": LINK}) == "ditolak: Rahasia-Se"


def test_a_short_secret_is_hidden_whole():
    assert redact("kode 482913 salah", {"code": "482913"}) == "kode […] salah"


def test_nested_secret_values_are_hidden():
    secrets = {"links": [LINK], "extra": {"code": "482913"}}

    assert redact(f"{LINK} 482913", secrets) == "[…] […]"


def test_text_without_secrets_is_unchanged():
    assert redact("SMTP: ConnectionRefusedError", {}) == "SMTP: ConnectionRefusedError"
    assert redact("", {"accept_url": LINK}) == ""
