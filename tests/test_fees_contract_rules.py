"""court_contract.fees: one strict amount parser for kiosk and admin, and which MRP year is missing."""

import datetime as dt
from decimal import Decimal

import pytest

from court_contract import fees
from court_contract.fees import FeeInputError, missing_mrp_year, parse_amount

MRP = [{"year": 2025, "value": 3932}, {"year": 2026, "value": 4325}]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("50000", "50000.00"),
        ("1 250 000,50", "1250000.50"),
        ("1\u00a0250\u202f000.5", "1250000.50"),
        ("  7  ", "7.00"),
        ("0", "0.00"),
    ],
)
def test_keypad_forms_are_accepted(text, expected):
    assert parse_amount(text) == Decimal(expected)


@pytest.mark.parametrize(
    "text, message",
    [
        ("1e9", "must be a number"),
        ("1E3", "must be a number"),
        ("+5000", "must be a number"),
        ("5_000", "must be a number"),
        ("5'000", "must be a number"),
        ("1,000.50", "must be a number"),
        ("1.000,50", "must be a number"),
        (".5", "must be a number"),
        ("5.", "must be a number"),
        ("0x10", "must be a number"),
        ("NaN", "must be a number"),
        ("-5000", "cannot be negative"),
        ("- 5", "cannot be negative"),
        ("--5", "must be a number"),
    ],
)
def test_anything_a_keypad_cannot_type_is_refused_with_a_sentence(text, message):
    with pytest.raises(FeeInputError, match=message):
        parse_amount(text)


def test_contract_has_no_locale_formatting():
    # Money is written per language by each program (kiosk/money.py, the admin's Babel).
    assert not hasattr(fees, "format_kzt")


@pytest.mark.parametrize(
    "today, table, expected",
    [
        (dt.date(2026, 6, 1), MRP, None),
        (dt.date(2026, 11, 30), MRP, None),  # the day before the warning starts
        (dt.date(2026, 12, 1), MRP, 2027),  # from 1 December: next year's value
        (dt.date(2026, 12, 31), MRP, 2027),
        (dt.date(2026, 12, 1), MRP + [{"year": 2027, "value": 4500}], None),
        (dt.date(2027, 1, 1), MRP, 2027),  # the new year has begun without it
        (dt.date(2027, 6, 1), MRP, 2027),
        (dt.date(2024, 3, 1), MRP, 2024),
        (dt.date(2026, 3, 1), [], 2026),
    ],
)
def test_missing_mrp_year(today, table, expected):
    assert missing_mrp_year(table, today) == expected


def test_mrp_for_says_which_year_it_falls_back_to():
    assert fees.mrp_for(MRP, dt.date(2027, 1, 1)) == (2026, 4325)
    result = fees.calculate({"code": "x", "mrp": 1}, [], MRP, None, dt.date(2027, 1, 1))
    assert (result.mrp_year, result.fee) == (2026, Decimal("4325.00"))


DIVORCE_PROPERTY = {"code": "divorce-property", "mrp": 0.3, "percent": 1.0, "cap_mrp": 10000}


def test_the_property_part_of_a_divorce_is_capped_like_a_property_claim():
    on = dt.date(2026, 6, 1)
    small = fees.calculate(DIVORCE_PROPERTY, [], MRP, "3000000", on)
    assert (small.fee, small.capped) == (Decimal("31297.50"), False)  # 0.3 MRP + 1 %
    big = fees.calculate(DIVORCE_PROPERTY, [], MRP, "9000000000", on)
    # 0.3 MRP stays on top of the capped 1 % (10 000 MRP), not swallowed by the cap
    assert (big.fee, big.capped) == (Decimal("43251297.50"), True)
    fixed_only = fees.calculate({"code": "x", "mrp": 5, "cap_mrp": 1}, [], MRP, None, on)
    assert (fixed_only.fee, fixed_only.capped) == (Decimal("4325.00"), True)  # no percent: the whole fee


def test_demo_rules_cap_divorce_property_and_keep_legal_entities_out_of_family_claims():
    import json
    from pathlib import Path

    content = json.loads((Path(__file__).resolve().parent.parent / "admin_server/demo/content.json").read_text("utf-8"))
    rules = {r["code"]: r for r in content["fee_rules"]}
    assert rules["divorce-property"]["cap_mrp"] == rules["property-individual"]["cap_mrp"] == 10000
    for code, rule in rules.items():
        if rule["claim_kind"] in ("divorce", "alimony") or code.startswith(("appeal-divorce", "exempt-alimony")):
            assert rule["applicant"] == "individual", code
    kinds = {r["claim_kind"] for r in rules.values()}
    assert "cassation" in kinds
    appeals = {r["base_rule"] for r in rules.values() if r["claim_kind"] == "appeal"}
    assert {"property-individual", "non-property-individual", "non-property-legal", "divorce"} <= appeals
    for rule in rules.values():
        if rule["claim_kind"] in ("appeal", "cassation"):
            assert rule["factor"] == 0.5 and rule["base_rule"] in rules


def test_a_hostile_base_rule_code_is_not_echoed_in_full():
    import json

    from court_contract.manifest import ManifestError, validate
    from tests.support.manifests import build_manifest

    manifest = build_manifest()
    manifest["fee_rules"][-1]["base_rule"] = "x" * 5000
    manifest["fee_rules"][-1]["factor"] = 0.5
    manifest["fee_rules"][-1]["percent"] = manifest["fee_rules"][-1]["mrp"] = None
    with pytest.raises(ManifestError, match="which is not a fee rule code") as caught:
        validate(json.loads(json.dumps(manifest)))
    assert len(str(caught.value)) < 200
