"""Members type commands as phones and habits let them: every spelling reads the same."""

import pytest

from marketplace.notifications.inbound import parser
from marketplace.notifications.inbound.errors import InboundError, InboundErrorCode
from marketplace.notifications.inbound.parser import Command


@pytest.mark.parametrize(
    "text",
    [
        "TERIMA 100234",
        "terima 100234",
        "Terima100234",
        "terima #100234",
        "TERIMA#100234",
        "  terima    # 100234  ",
        "*TERIMA* 100234",
        "Terima 100234.",
        "tErImA\n100234",
    ],
)
def test_accept_is_read_in_every_spelling(text):
    assert parser.parse(text) == Command("terima", order_number=100234)


@pytest.mark.parametrize(
    "text, reason",
    [
        ("TOLAK 100234 stok habis", "stok habis"),
        ("tolak #100234   stok   habis", "stok habis"),
        ("Tolak100234 bahan baku belum datang", "bahan baku belum datang"),
    ],
)
def test_reject_keeps_the_reason(text, reason):
    assert parser.parse(text) == Command("tolak", order_number=100234, reason=reason)


@pytest.mark.parametrize(
    "text, courier, tracking",
    [
        ("KIRIM 100234 JNE JP1234567890", "JNE", "JP1234567890"),
        ("kirim #100234 jne jp1234567890", "jne", "jp1234567890"),
        ("Kirim100234 J&T Express JT0001", "J&T Express", "JT0001"),
        ("kirim 100234 POS Indonesia  P2212000", "POS Indonesia", "P2212000"),
    ],
)
def test_ship_reads_a_courier_of_several_words_and_the_tracking_number_last(
    text, courier, tracking
):
    assert parser.parse(text) == Command(
        "kirim", order_number=100234, courier=courier, tracking_number=tracking
    )


@pytest.mark.parametrize(
    "text, sku, quantity",
    [
        ("STOK SBN-01 25", "SBN-01", 25),
        ("stok sbn-01 25", "sbn-01", 25),
        ("Stok #SBN-01   0", "SBN-01", 0),
        ("stok KOPI.GAYO/250 1000000", "KOPI.GAYO/250", 1_000_000),
    ],
)
def test_stock_reads_sku_and_quantity(text, sku, quantity):
    assert parser.parse(text) == Command("stok", sku=sku, quantity=quantity)


@pytest.mark.parametrize("text", ["BANTUAN", "bantuan", " Bantuan ", "help", "?", "*MENU*"])
def test_help_words(text):
    assert parser.parse(text) == Command("bantuan")


@pytest.mark.parametrize(
    "text, code",
    [
        ("halo bu", InboundErrorCode.UNKNOWN_COMMAND),
        ("terimakasih", InboundErrorCode.UNKNOWN_COMMAND),
        ("", InboundErrorCode.UNKNOWN_COMMAND),
        ("TERIMA", InboundErrorCode.ORDER_NUMBER_REQUIRED),
        ("terima besok", InboundErrorCode.ORDER_NUMBER_REQUIRED),
        ("TERIMA 100234abc", InboundErrorCode.ORDER_NUMBER_REQUIRED),
        ("TOLAK 100234", InboundErrorCode.REASON_REQUIRED),
        ("KIRIM 100234", InboundErrorCode.SHIPMENT_REQUIRED),
        ("KIRIM 100234 JP1234567890", InboundErrorCode.SHIPMENT_REQUIRED),
        ("STOK SBN-01", InboundErrorCode.STOCK_REQUIRED),
        ("STOK SBN-01 banyak", InboundErrorCode.STOCK_REQUIRED),
        ("STOK SBN-01 -3", InboundErrorCode.INVALID_QUANTITY),
        ("STOK SBN-01 1000001", InboundErrorCode.INVALID_QUANTITY),
    ],
)
def test_what_cannot_be_read_says_how_to_write_it(text, code):
    with pytest.raises(InboundError) as caught:
        parser.parse(text)
    assert caught.value.code == code
    assert caught.value.message


def test_usage_message_is_indonesian_with_an_example():
    with pytest.raises(InboundError) as caught:
        parser.parse("tolak 100234")
    assert caught.value.message == "Tulis seperti ini: TOLAK 100234 stok habis"
