"""Money and numbers as each language writes them (Babel's CLDR data): the server's one formatter.

«50 000,00 ₸» in Kazakh and Russian, "50,000.00 ₸" in English; every space is a
no-break space so an amount never wraps, and the tenge sign follows the amount
in every language (CLDR's Russian and English would write "KZT"). The admin
passes the staff member's language, the public download page the visitor's.
"""
from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

from court_contract.text import LANGS

NBSP = "\u00a0"


def _locale(lang) -> str:
    lang = str(lang or "")
    return lang if lang in LANGS else "en"


def _keep_together(text: str) -> str:
    return text.replace(" ", NBSP).replace("\u202f", NBSP)


def format_number(value, lang) -> str:
    """A whole number or a rate: 1 234 / 0,3 (kk, ru), 1,234 / 0.3 (en)."""
    number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    return _keep_together(format_decimal(number.normalize(), format="#,##0.######", locale=_locale(lang)))


def format_money(value, lang) -> str:
    """Tenge with two decimals and the ₸ sign."""
    amount = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return _keep_together(format_decimal(amount, format="#,##0.00", locale=_locale(lang))) + NBSP + "₸"
