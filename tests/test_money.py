"""kiosk.money writes numbers as Babel's format_decimal does with CLDR's data, without loading it.

Amounts and rates are never negative; a negative one is written with a minus sign, but one that rounds
to zero is "0", where Babel writes "-0". (kiosk.money keeps the three languages' symbols itself: Babel loads a language's whole locale data for
them, ~6 MB for good. tests/test_fees_kiosk.py has the amounts a visitor sees.)
"""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given, strategies as st

from kiosk.money import CENT, NBSP, SYMBOLS, TENGE, format_money, format_number

LANGS = ("kk", "ru", "en")
amounts = st.decimals(min_value=Decimal(0), max_value=Decimal("1e12"), allow_nan=False, places=8)


def babel(number, pattern, lang):
    return format_decimal(number, format=pattern, locale=lang).replace(" ", NBSP).replace("\u202f", NBSP)


@pytest.mark.parametrize("lang", LANGS)
def test_the_symbols_are_cldrs(lang):
    from babel.numbers import get_decimal_symbol, get_group_symbol

    assert SYMBOLS[lang] == (get_group_symbol(lang).replace("\u202f", NBSP), get_decimal_symbol(lang))


@given(number=amounts, lang=st.sampled_from(LANGS))
def test_numbers_as_babel_writes_them(number, lang):
    assert format_number(number, lang) == babel(number.normalize(), "#,##0.######", lang)


@given(amount=amounts, lang=st.sampled_from(LANGS))
def test_money_as_babel_writes_it(amount, lang):
    assert format_money(amount, lang) == babel(amount.quantize(CENT, rounding=ROUND_HALF_UP), "#,##0.00", lang) + NBSP + TENGE
    whole = amount.quantize(Decimal(1))
    assert format_money(whole, lang, cents=False) == babel(whole, "#,##0", lang) + NBSP + TENGE


@pytest.mark.parametrize("value, lang, expected", [
    (0.3, "kk", "0,3"), (1e-7, "en", "0"), (2.5e-6, "ru", "0,000002"), (1234567.125, "en", "1,234,567.125"),
    (-1500, "ru", f"-1{NBSP}500"), (100, "xx", "100"), (1000, "xx", f"1{NBSP}000"),
    (Decimal("-1e-8"), "kk", "0"),  # (Babel writes "-0")
])
def test_edges(value, lang, expected):
    assert format_number(value, lang) == expected
