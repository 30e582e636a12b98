"""Money and numbers as each language writes them (CLDR's number symbols).

The one formatting place of the kiosk: «50 000,00 ₸» and «0,3» in Kazakh and
Russian, "50,000.00 ₸" and "0.3" in English. Every space in the result is a
no-break space, so an amount never wraps; the tenge sign (₸) follows the
amount in every language (CLDR's Russian and English would write "KZT").
Kivy-free (tested without a window); court_contract stays standard-library only.

The three languages' symbols are CLDR's, written out here rather than read with
Babel at run time: Babel loads a language's whole locale data (names of every
territory, currency and time zone) for its two symbols, ~6 MB the kiosk kept for
good after its first visitor (BENCHMARKS.md section 5). tests/test_money.py
checks these functions against Babel's ``format_decimal``.
"""

from decimal import ROUND_HALF_EVEN, ROUND_HALF_UP, Decimal

from court_contract.text import LANGS

TENGE = "\u20b8"
NBSP = "\u00a0"
CENT = Decimal("0.01")
MAX_FRACTION = 6  # digits of a rate or an MRP multiple ("#,##0.######")
# (group, decimal) symbols of each language in CLDR; a group is 3 digits in all three
SYMBOLS = {"kk": (NBSP, ","), "ru": (NBSP, ","), "en": (",", ".")}


def _locale(lang):
    return lang if lang in LANGS else LANGS[0]


def _decimal(value):
    return Decimal(repr(value)) if isinstance(value, float) else Decimal(value)


def _written(number, lang, min_fraction, max_fraction):
    """``number`` in ``lang``'s symbols with 3-digit groups, between min and max fraction digits
    (rounded half to even beyond the max, as Babel does); a minus sign if it is negative."""
    group, point = SYMBOLS[_locale(lang)]
    number = number.quantize(Decimal(1).scaleb(-max_fraction), rounding=ROUND_HALF_EVEN)
    digits = f"{abs(number):f}"
    whole, _, fraction = digits.partition(".")
    fraction = fraction.rstrip("0").ljust(min_fraction, "0")
    groups = []
    while len(whole) > 3:
        whole, groups = whole[:-3], [whole[-3:], *groups]
    text = group.join([whole, *groups]) + (point + fraction if fraction else "")
    return ("-" + text) if number < 0 else text


def format_number(value, lang):
    """A rate or an MRP multiple: 0,3 / 10 000 (kk, ru), 0.3 / 10,000 (en); no trailing zeros."""
    return _written(_decimal(value), lang, 0, MAX_FRACTION)


def format_money(value, lang, *, cents=True):
    """Tenge with two decimals (``cents=False``: whole tenge, as typed on the keypad), then ₸."""
    amount = _decimal(value)
    if cents:
        amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    places = 2 if cents else 0
    return _written(amount, lang, places, places) + NBSP + TENGE
