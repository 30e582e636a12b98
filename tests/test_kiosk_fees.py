"""court_contract.fees: known cases from shared/domain.md (MRP 2026 = 4325) and properties."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from court_contract.fees import (
    FeeInputError,
    FeeResult,
    active_rules,
    calculate,
    mrp_for,
    needs_amount,
    parse_amount,
)
from tests.support.manifests import build_manifest, fee_rules

RULES = fee_rules()
MRP = build_manifest()["settings"]["mrp"]
D2026 = dt.date(2026, 6, 1)
BY_CODE = {r["code"]: r for r in RULES}


def fee(code, amount=None, on=D2026, rules=RULES):
    return calculate(BY_CODE[code] if rules is RULES else _by(rules, code), rules, MRP, amount, on)


def _by(rules, code):
    return next(r for r in rules if r["code"] == code)


KNOWN = [
    # code, amount, date, expected fee, capped
    ("property-individual", "1000000", D2026, "10000.00", False),
    ("property-individual", "5000000000", D2026, "43250000.00", True),  # 10,000 MRP
    ("property-individual", "4325000000", D2026, "43250000.00", False),  # exactly the cap
    ("property-individual", "1234.50", D2026, "12.35", False),  # 12.345 rounds half up
    ("property-legal", "2000000", D2026, "60000.00", False),
    ("property-legal", "10000000000", D2026, "86500000.00", True),  # 20,000 MRP
    ("complaint-individual", None, D2026, "1297.50", False),
    ("complaint-legal", None, D2026, "21625.00", False),
    ("divorce", None, D2026, "1297.50", False),
    ("divorce-property", "3000000", D2026, "31297.50", False),
    ("nonproperty-individual", None, D2026, "2162.50", False),
    ("nonproperty-legal", None, D2026, "21625.00", False),
    ("special", None, D2026, "2162.50", False),
    ("appeal-property-individual", "1000000", D2026, "5000.00", False),
    ("appeal-property-individual", "5000000000", D2026, "21625000.00", False),  # half of the capped fee
    ("appeal-nonproperty-individual", None, D2026, "1081.25", False),
    ("court-order-individual", "200000", D2026, "1000.00", False),
    ("complaint-individual", None, dt.date(2025, 3, 1), "1179.60", False),  # MRP 2025 = 3932
    ("complaint-individual", None, dt.date(2024, 3, 1), "1107.60", False),  # MRP 2024 = 3692
    ("complaint-individual", None, dt.date(2027, 3, 1), "1297.50", False),  # 2027 missing: 2026's MRP
    ("property-individual", "0", D2026, "0.00", False),
    ("property-individual", "1 250 000,50", D2026, "12500.01", False),  # 12500.005 half up
]


@pytest.mark.parametrize("code, amount, on, expected, capped", KNOWN)
def test_known_cases(code, amount, on, expected, capped):
    result = fee(code, amount, on)
    assert isinstance(result, FeeResult)
    assert result.fee == Decimal(expected)
    assert str(result.fee) == expected  # always two decimals
    assert result.capped is capped
    assert result.exempt is False
    assert result.rule is BY_CODE[code]


@pytest.mark.parametrize("code", ["alimony", "labour", "veterans"])
def test_exempt_rules_give_zero(code):
    result = fee(code, "1000000")
    assert result.fee == Decimal("0.00")
    assert result.exempt is True
    assert not result.capped and not result.raised_to_min


def test_appeal_of_an_exempt_claim_is_zero():
    rules = [*RULES, dict(BY_CODE["appeal-property-individual"], code="appeal-alimony", base_rule="alimony")]
    assert fee("appeal-alimony", None, rules=rules).fee == Decimal("0.00")


def test_result_reports_mrp_used():
    result = fee("complaint-individual", on=dt.date(2025, 12, 31))
    assert (result.mrp_year, result.mrp_value) == (2025, 3932)


def test_minimum_raises_a_small_fee():
    rules = [dict(BY_CODE["property-individual"], code="with-min", min_mrp=1)]
    result = fee("with-min", "1000", rules=rules)  # 1 % = 10 < 1 MRP
    assert result.fee == Decimal("4325.00")
    assert result.raised_to_min and not result.capped
    assert fee("with-min", "1000000", rules=rules).raised_to_min is False


def test_own_cap_of_a_derived_rule_applies():
    rules = [*RULES, dict(BY_CODE["appeal-property-individual"], code="appeal-capped", cap_mrp=1)]
    result = fee("appeal-capped", "1000000", rules=rules)
    assert result.fee == Decimal("4325.00") and result.capped


# --- MRP table and rule selection ----------------------------------------------------


@pytest.mark.parametrize(
    "on, expected",
    [
        (dt.date(2026, 1, 1), (2026, 4325)),
        (dt.date(2025, 7, 1), (2025, 3932)),
        (dt.date(2024, 12, 31), (2024, 3692)),
        (dt.date(2030, 1, 1), (2026, 4325)),
    ],
)
def test_mrp_for(on, expected):
    assert mrp_for(MRP, on) == expected


def test_mrp_for_a_year_before_the_table_is_an_error():
    with pytest.raises(FeeInputError, match="no MRP value is set for 2023"):
        mrp_for(MRP, dt.date(2023, 5, 1))
    with pytest.raises(FeeInputError):
        mrp_for([], dt.date(2026, 5, 1))


def test_active_rules_uses_inclusive_dates():
    codes = lambda on: {r["code"] for r in active_rules(RULES, on)}  # noqa: E731
    assert "old-complaint" in codes(dt.date(2025, 12, 31))
    assert "old-complaint" not in codes(dt.date(2026, 1, 1))
    assert "property-individual" in codes(dt.date(2026, 1, 1))
    assert "property-individual" not in codes(dt.date(2025, 12, 31))
    assert "veterans" in codes(dt.date(2025, 9, 15))
    assert "veterans" not in codes(dt.date(2025, 9, 14))
    assert [r["code"] for r in active_rules(RULES, D2026)][:3] == [r["code"] for r in RULES[:3]]


@pytest.mark.parametrize(
    "code, expected",
    [
        ("property-individual", True),
        ("divorce-property", True),
        ("appeal-property-individual", True),
        ("court-order-individual", True),
        ("complaint-individual", False),
        ("appeal-nonproperty-individual", False),
        ("alimony", False),
    ],
)
def test_needs_amount(code, expected):
    assert needs_amount(BY_CODE[code], RULES) is expected


def test_amount_is_ignored_when_not_needed():
    assert fee("divorce", "not a number").fee == Decimal("1297.50")


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "amount, message",
    [
        (None, "enter the claim amount"),
        ("", "enter the claim amount"),
        ("   ", "enter the claim amount"),
        ("abc", "the claim amount must be a number"),
        ("12,345,678", "the claim amount must be a number"),
        ("1.2.3", "the claim amount must be a number"),
        ("٣٤٥", "the claim amount must be a number"),  # non-ASCII digits
        ("-5", "the claim amount cannot be negative"),
        ("NaN", "the claim amount must be a number"),
        ("Infinity", "the claim amount must be a number"),
        (Decimal("NaN"), "the claim amount must be a finite number"),
        (Decimal("-Infinity"), "the claim amount must be a finite number"),
        (float("inf"), "the claim amount must be a finite number"),
        ("1e15", "the claim amount must be a number"),  # no exponents: what a keypad types
        ("1000000000000000", "the claim amount must be less than"),
        (Decimal("1000000000000000"), "the claim amount must be less than"),
        ("10.005", "the claim amount can have at most 2 digits"),
        (True, "the claim amount must be a number"),
        ([1], "the claim amount must be a number"),
    ],
)
def test_bad_amounts_raise_a_sentence(amount, message):
    with pytest.raises(FeeInputError, match=f"^{message}"):
        fee("property-individual", amount)


def test_amount_forms_accepted():
    assert parse_amount(Decimal("999999999999999.99")) == Decimal("999999999999999.99")
    assert parse_amount(150000) == Decimal("150000.00")
    assert parse_amount("1\u202f000\u00a0000") == Decimal("1000000.00")
    assert parse_amount("10.50") == Decimal("10.50")
    assert parse_amount("10.500") == Decimal("10.50")


def test_base_rule_cycle_raises():
    a = dict(BY_CODE["appeal-property-individual"], code="a", base_rule="b")
    b = dict(BY_CODE["appeal-property-individual"], code="b", base_rule="a")
    with pytest.raises(FeeInputError, match="cycle"):
        calculate(a, [a, b], MRP, "100", D2026)
    with pytest.raises(FeeInputError, match="cycle"):
        needs_amount(a, [a, b])


def test_missing_base_rule_raises():
    a = dict(BY_CODE["appeal-property-individual"], code="a", base_rule="gone")
    with pytest.raises(FeeInputError, match="'gone', which does not exist"):
        calculate(a, [a], MRP, "100", D2026)


def test_base_rule_version_in_force_on_the_date_is_used():
    old = dict(BY_CODE["property-individual"], percent=2.0, valid_from="2020-01-01", valid_to="2025-12-31")
    rules = [old, *RULES]
    appeal = BY_CODE["appeal-property-individual"]
    assert calculate(appeal, rules, MRP, "1000000", dt.date(2025, 6, 1)).fee == Decimal("10000.00")
    assert calculate(appeal, rules, MRP, "1000000", D2026).fee == Decimal("5000.00")


# --- properties ------------------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=Decimal("999999999999999.99"), places=2, allow_nan=False)
PERCENT_RULES = [r["code"] for r in RULES if needs_amount(r, RULES) and r["valid_to"] is None]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([r["code"] for r in RULES]), amounts, st.dates(dt.date(2024, 1, 1), dt.date(2035, 12, 31)))
def test_fee_is_never_negative_nor_above_the_cap(code, amount, on):
    rule = BY_CODE[code]
    result = calculate(rule, RULES, MRP, amount, on)
    assert result.fee >= 0
    assert result.fee == result.fee.quantize(Decimal("0.01"))
    if rule["cap_mrp"] is not None:  # the cap limits the percent part; a fixed part comes on top
        fixed = Decimal(repr(rule["mrp"])) * result.mrp_value if rule.get("mrp") and rule.get("percent") else 0
        assert result.fee <= Decimal(rule["cap_mrp"]) * result.mrp_value + fixed


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(PERCENT_RULES), amounts, amounts)
def test_percent_rules_are_monotonic_in_the_amount(code, a, b):
    low, high = sorted((a, b))
    assert fee(code, low).fee <= fee(code, high).fee


@settings(max_examples=100, deadline=None)
@given(amounts)
def test_appeal_is_half_of_the_first_instance(amount):
    first = fee("property-individual", amount).fee
    appeal = fee("appeal-property-individual", amount).fee
    assert abs(appeal - first / 2) <= Decimal("0.005")
