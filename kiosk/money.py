"""Money and numbers as each language writes them, from Babel's locale data (CLDR).

The one formatting place of the kiosk: «50 000,00 ₸» and «0,3» in Kazakh and
Russian, "50,000.00 ₸" and "0.3" in English. Every space in the result is a
no-break space, so an amount never wraps; the tenge sign (₸) follows the
amount in every language (CLDR's Russian and English would write "KZT").
Kivy-free (tested without a window); court_contract stays standard-library only.
"""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from court_contract.text import LANGS

TENGE = "\u20b8"
NBSP = "\u00a0"
CENT = Decimal("0.01")


def _locale(lang):
    return lang if lang in LANGS else LANGS[0]


def _keep_together(text):
    return text.replace(" ", NBSP).replace("\u202f", NBSP)


def _decimal(value):
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def format_number(value, lang):
    """A rate or an MRP multiple: 0,3 / 10 000 (kk, ru), 0.3 / 10,000 (en); no trailing zeros."""
    number = _decimal(value).normalize()
    return _keep_together(format_decimal(number, format="#,##0.######", locale=_locale(lang)))


def format_money(value, lang, *, cents=True):
    """Tenge with two decimals (``cents=False``: whole tenge, as typed on the keypad), then ₸."""
    amount = _decimal(value)
    if cents:
        amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    pattern = "#,##0.00" if cents else "#,##0"
    return _keep_together(format_decimal(amount, format=pattern, locale=_locale(lang))) + NBSP + TENGE
