"""Indonesian banks a group can be paid into, by their national clearing code (kode bank).

The code is what bank bulk-transfer files and disbursement APIs expect. ``lengths`` is the set of
account-number lengths the bank issues; banks whose numbering we do not know accept 6–20 digits.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Bank:
    code: str
    name: str
    lengths: tuple[int, ...] = tuple(range(6, 21))


BANKS: tuple[Bank, ...] = (
    Bank("002", "Bank Rakyat Indonesia (BRI)", (15,)),
    Bank("008", "Bank Mandiri", (13,)),
    Bank("009", "Bank Negara Indonesia (BNI)", (10,)),
    Bank("011", "Bank Danamon", (10,)),
    Bank("013", "Bank Permata", (10,)),
    Bank("014", "Bank Central Asia (BCA)", (10,)),
    Bank("016", "Maybank Indonesia"),
    Bank("019", "Bank Panin"),
    Bank("022", "Bank CIMB Niaga", (13, 14)),
    Bank("028", "Bank OCBC NISP", (12,)),
    Bank("110", "Bank BJB"),
    Bank("111", "Bank DKI"),
    Bank("112", "Bank BPD DIY"),
    Bank("113", "Bank Jateng"),
    Bank("114", "Bank Jatim"),
    Bank("115", "Bank Jambi"),
    Bank("116", "Bank Aceh Syariah"),
    Bank("117", "Bank Sumut"),
    Bank("118", "Bank Nagari"),
    Bank("119", "Bank Riau Kepri Syariah"),
    Bank("120", "Bank Sumsel Babel"),
    Bank("121", "Bank Lampung"),
    Bank("122", "Bank Kalsel"),
    Bank("123", "Bank Kalbar"),
    Bank("124", "Bank Kaltimtara"),
    Bank("125", "Bank Kalteng"),
    Bank("126", "Bank Sulselbar"),
    Bank("127", "Bank SulutGo"),
    Bank("128", "Bank NTB Syariah"),
    Bank("129", "Bank BPD Bali"),
    Bank("130", "Bank NTT"),
    Bank("131", "Bank Maluku Malut"),
    Bank("132", "Bank Papua"),
    Bank("133", "Bank Bengkulu"),
    Bank("134", "Bank Sulteng"),
    Bank("135", "Bank Sultra"),
    Bank("147", "Bank Muamalat"),
    Bank("153", "Bank Sinarmas"),
    Bank("200", "Bank Tabungan Negara (BTN)", (16,)),
    Bank("213", "Bank BTPN"),
    Bank("426", "Bank Mega"),
    Bank("451", "Bank Syariah Indonesia (BSI)", (10,)),
    Bank("490", "Bank Neo Commerce"),
    Bank("535", "SeaBank Indonesia"),
    Bank("536", "Bank BCA Syariah"),
    Bank("542", "Bank Jago"),
)

BANKS_BY_CODE: dict[str, Bank] = {bank.code: bank for bank in BANKS}
BANK_CHOICES: list[tuple[str, str]] = [(bank.code, f"{bank.code} — {bank.name}") for bank in BANKS]


def bank_name(code: str) -> str:
    bank = BANKS_BY_CODE.get(code)
    return bank.name if bank else code


def mask_account_number(number: str) -> str:
    """Only the last four digits are ever shown: ``•••• 4321``."""
    if not number:
        return ""
    return f"•••• {number[-4:]}"
