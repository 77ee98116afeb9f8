"""How to pay a virtual account at each bank (ATM, m-banking, internet banking).

The menu paths are the banks' own Indonesian menu names, shown as they appear on the screen; the
sentences around them are translated.
"""

from django.utils.translation import gettext as _

# channel → (bank name, ATM menu, mobile banking app and menu, internet banking site and menu)
MENUS = {
    "bca": (
        "BCA",
        "Transaksi Lainnya › Transfer › ke Rek BCA Virtual Account",
        "BCA mobile › m-Transfer › BCA Virtual Account",
        "KlikBCA › Transfer Dana › Transfer ke BCA Virtual Account",
    ),
    "bni": (
        "BNI",
        "Menu Lain › Transfer › Virtual Account Billing",
        "BNI Mobile Banking › Transfer › Virtual Account Billing",
        "BNI Internet Banking › Transfer › Virtual Account Billing",
    ),
    "bri": (
        "BRI",
        "Transaksi Lain › Pembayaran › Lainnya › BRIVA",
        "BRImo › Pembayaran › BRIVA",
        "Internet Banking BRI › Pembayaran › BRIVA",
    ),
    "permata": (
        "Permata",
        "Transaksi Lainnya › Pembayaran › Pembayaran Lainnya › Virtual Account",
        "PermataMobile X › Bayar Tagihan › Virtual Account",
        "PermataNet › Pembayaran › Pembayaran Tagihan › Virtual Account",
    ),
    "mandiri": (
        "Mandiri",
        "Bayar/Beli › Lainnya › Multi Payment",
        "Livin' by Mandiri › Bayar › Multipayment",
        "Mandiri Internet Banking › Bayar › Multi Payment",
    ),
}


# store → the till's menu the cashier uses (the stores' own names)
STORES = {
    "indomaret": ("Indomaret", "Midtrans"),
    "alfamart": ("Alfamart / Alfamidi / Dan+Dan", "Midtrans"),
}


def cstore_steps(store: str, *, code: str) -> list[tuple[str, list[str]]]:
    """How to pay a convenience-store payment code at the till, for the payment page."""
    name, merchant = STORES[store]
    return [
        (
            _("At the %(store)s till") % {"store": name},
            [
                _("Go to the nearest %(store)s and tell the cashier you want to pay %(merchant)s.")
                % {"store": name, "merchant": merchant},
                _("Show the payment code %(code)s to the cashier.") % {"code": code},
                _(
                    "Check that the amount the cashier tells you matches your order, then pay in "
                    "cash."
                ),
                _("Keep the receipt. This page turns to paid within a minute."),
            ],
        )
    ]


def va_steps(channel: str, *, number: str, biller_code: str = "") -> list[tuple[str, list[str]]]:
    """Each way to pay with its numbered steps, for the payment page."""
    bank, atm, mobile, internet = MENUS[channel]
    if biller_code:
        enter = _(
            "Enter the company code %(biller)s (Midtrans), then the payment code %(number)s."
        ) % {"biller": biller_code, "number": number}
    else:
        enter = _("Enter the virtual account number %(number)s.") % {"number": number}
    check = _("Check that the name and amount shown match your order, then confirm.")
    keep = _("Keep the receipt. This page turns to paid within a minute.")
    return [
        (
            _("%(bank)s ATM") % {"bank": bank},
            [_("Insert your card and enter your PIN."), _("Choose %(menu)s.") % {"menu": atm}]
            + [enter, check, keep],
        ),
        (
            _("Mobile banking"),
            [_("Open %(menu)s.") % {"menu": mobile}, enter, check, keep],
        ),
        (
            _("Internet banking"),
            [_("Log in to %(menu)s.") % {"menu": internet}, enter, check, keep],
        ),
    ]
