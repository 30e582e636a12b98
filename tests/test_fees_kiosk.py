"""The kiosk's fee words: money per language (Babel), which year's MRP, the calculator's offers, holidays."""

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path

import pytest

from court_contract import fees
from court_contract.text import pick
from kiosk.calculator_choices import rule_options
from kiosk.fee_text import mrp_line, mrp_text, rate_text
from kiosk.money import format_money, format_number
from kiosk.reception_text import no_reception_text

NBSP = "\u00a0"
ROOT = Path(__file__).resolve().parent.parent
DEMO = json.loads((ROOT / "admin_server/demo/content.json").read_text("utf-8"))
MRP = {"settings": {"mrp": [{"year": 2025, "value": 3932}, {"year": 2026, "value": 4325}]}}


@pytest.mark.parametrize(
    "value, lang, expected",
    [
        (Decimal("50000"), "kk", "50 000,00 ₸"),
        (Decimal("50000"), "ru", "50 000,00 ₸"),
        (Decimal("50000"), "en", "50,000.00 ₸"),
        (Decimal("1297.5"), "ru", "1 297,50 ₸"),
        (Decimal("999.999"), "en", "1,000.00 ₸"),
        (Decimal("43250000"), "kk", "43 250 000,00 ₸"),
        (7, "en", "7.00 ₸"),
        (0, "kk", "0,00 ₸"),
    ],
)
def test_money_as_each_language_writes_it(value, lang, expected):
    text = format_money(value, lang)
    assert text.replace(NBSP, " ") == expected
    assert " " not in text and "\u202f" not in text  # one kind of space, a no-break one: it never wraps


def test_typed_amount_and_numbers_follow_the_language_too():
    assert format_money("1250000", "en", cents=False) == f"1,250,000{NBSP}₸"
    assert format_money("1250000", "kk", cents=False) == f"1{NBSP}250{NBSP}000{NBSP}₸"
    assert [format_number(0.3, lang) for lang in ("kk", "ru", "en")] == ["0,3", "0,3", "0.3"]
    assert format_number(10000, "en") == "10,000" and format_number(50.0, "ru") == "50"
    assert format_number(0.3, "xx") == "0,3"  # an unknown language is written as Kazakh


def test_mrp_fraction_and_money_agree_on_the_decimal_sign():
    # before: «50 000.00 ₸» next to «0,3 АЕК»
    rule = {"code": "d", "mrp": 0.3}
    assert rate_text(rule, [rule], "kk", pick) == "0,3 АЕК" and "," in format_money(50000, "kk")
    assert rate_text(rule, [rule], "en", pick) == "0.3 MRP" and "." in format_money(50000, "en")


@pytest.mark.parametrize(
    "lang, fallback",
    [
        ("en", "MRP 2026 is used: the 2027 value is not set yet"),
        ("ru", "Применяется МРП 2026 года: значение на 2027 год ещё не задано"),
        ("kk", "2026 жылғы АЕК қолданылады: 2027 жылғы мәні әлі белгіленбеген"),
    ],
)
def test_on_1_january_without_the_new_mrp_the_kiosk_says_which_year_it_uses(lang, fallback):
    new_year = dt.date(2027, 1, 1)
    line = mrp_line(MRP, new_year, lang)
    assert line.endswith("\n" + fallback) and "4" in line.splitlines()[0]
    assert fallback not in mrp_line(MRP, dt.date(2026, 12, 31), lang)  # this year's value: one line
    result = fees.calculate({"code": "x", "mrp": 1}, [], MRP["settings"]["mrp"], None, new_year)
    assert mrp_text(result.mrp_year, result.mrp_value, new_year, lang).endswith(fallback)


def test_the_calculator_offers_a_legal_entity_no_family_claims():
    rules = fees.active_rules(DEMO["fee_rules"], dt.date(2026, 6, 1))
    company = {r["claim_kind"] for r in rule_options(rules, "legal_entity")}
    person = {r["claim_kind"] for r in rule_options(rules, "individual")}
    assert not company & {"divorce", "alimony", "labour", "health_harm"}
    assert {"property", "non_property", "appeal", "cassation", "court_order"} <= company
    assert {"divorce", "alimony", "appeal", "cassation"} <= person
    appeal_codes = {r["code"] for r in rule_options(rules, "individual") if r["claim_kind"] == "appeal"}
    assert {"appeal-divorce", "appeal-non-property-individual"} <= appeal_codes


def test_demo_fee_rules_work_out_on_the_demo_mrp():
    rules = {r["code"]: r for r in DEMO["fee_rules"]}
    mrp = DEMO["mrp"]
    on = dt.date(2026, 6, 1)
    every = DEMO["fee_rules"]
    assert fees.calculate(rules["appeal-divorce"], every, mrp, None, on).fee == Decimal("648.75")
    assert fees.calculate(rules["cassation-property-legal"], every, mrp, "2000000", on).fee == Decimal("30000.00")


HOLIDAYS = [{"date": "2026-12-16", "name": {"kk": "Тәуелсіздік күні", "ru": "День Независимости",
                                            "en": "Independence Day"}, "working": False}]


@pytest.mark.parametrize(
    "lang, expected",
    [("en", "Independence Day: no reception"), ("ru", "День Независимости: приёма нет"),
     ("kk", "Тәуелсіздік күні: қабылдау жоқ")],
)
def test_a_holiday_shows_as_such_on_the_reception_screen(lang, expected):
    assert no_reception_text(HOLIDAYS, dt.date(2026, 12, 16), lang, pick) == expected
    assert no_reception_text(HOLIDAYS, dt.date(2026, 12, 17), lang, pick) != expected


def test_demo_announcements_are_seasonal_and_the_calendar_is_shipped():
    nauryz = next(a for a in DEMO["announcements"] if "Nauryz" in a["text"]["en"])
    assert nauryz["starts_at"] and nauryz["ends_at"] and nauryz["ends_at"] < "2027-03-21 00:01"
    assert not (nauryz["starts_at"] <= "2026-12-04" <= nauryz["ends_at"])  # not shown in December
    dates = {h["date"] for h in DEMO["holidays"]}
    assert {"2026-12-16", "2027-12-16", "2027-03-22"} <= dates


def test_sot_kabineti_has_one_english_name_and_the_motion_template_ships():
    text = json.dumps(DEMO, ensure_ascii=False)
    assert "Court Cabinet" not in text and "Court Office" not in text
    motion = next(t for t in DEMO["templates"] if t["slug"] == "motion")
    assert motion["title"] == {"kk": "Өтінішхат", "ru": "Ходатайство", "en": "Motion"}
    assert set(motion["files"]) == {"kk", "ru", "en"}
    for rel in motion["files"].values():
        assert (ROOT / "admin_server" / rel).is_file()
