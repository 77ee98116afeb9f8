"""BANTUAN (and words people use for it) answers with the commands; anything else with help."""

from marketplace.notifications.models import InboundMessage

from .conftest import local_number, replies

HELP = (
    "Balas dengan salah satu perintah ini:\n"
    "TERIMA 100234 (terima pesanan 100234)\n"
    "TOLAK 100234 stok habis (tolak, dengan alasannya)\n"
    "KIRIM 100234 JNE JP1234567890 (sudah dikirim: kurir dan nomor resi)\n"
    "STOK SBN-01 25 (stok SKU SBN-01 Anda menjadi 25)\n"
    "BANTUAN (bantuan ini)"
)


def test_bantuan_lists_the_commands(gateway, ketua):
    response = gateway.post("bantuan", sender=local_number(ketua))
    assert response.json()["outcome"] == "help"
    assert replies()[0].context["reply"] == HELP


def test_an_unknown_text_says_so_and_points_to_bantuan(gateway, ketua):
    response = gateway.post("halo bu, pesanan saya mana?", sender=local_number(ketua))
    assert response.json()["outcome"] == "refused"
    assert InboundMessage.objects.get().error_code == "unknown_command"
    assert replies()[0].context["reply"] == (
        "Kami tidak mengerti “halo bu, pesanan saya mana?”.\nKirim BANTUAN untuk daftar perintah."
    )


def test_an_english_speaking_member_is_answered_in_english(gateway, ketua):
    ketua.language_code = "en"
    ketua.save(update_fields=["language_code"])
    gateway.post("BANTUAN", sender=local_number(ketua))
    (reply,) = replies()
    assert reply.language == "en"
    assert reply.context["reply"].startswith("Answer with one of these:")
