"""The screens' pure helpers, tested without Kivy: template search, fees in words, the calculator's choices."""

import datetime as dt
import subprocess
import sys

import pytest

from court_contract.text import pick
from kiosk.calculator_choices import chosen_rule, rule_options
from kiosk.fee_text import mrp_line, rate_text
from kiosk.money import format_money
from kiosk.templates_search import search

NBSP = "\u00a0"

TEMPLATES = [
    {"slug": "divorce", "category": "family", "title": {"kk": "Некені бұзу", "ru": "Расторжение брака", "en": "Divorce"},
     "description": {"kk": "", "ru": "", "en": ""}},
    {"slug": "debt", "category": "debt", "title": {"kk": "Берешек", "ru": "Взыскание долга", "en": "Debt"},
     "description": {"kk": "Қарыз шарты", "ru": "Заём", "en": "Loan"}},
]

PROPERTY = {"code": "property", "applicant": "individual", "percent": 1.0, "cap_mrp": 10000,
            "title": {"kk": "Мүліктік талап", "ru": "Имущественный иск", "en": "Property claim"}}
PROPERTY_LEGAL = {"code": "property-legal", "applicant": "legal_entity", "percent": 3.0}
APPEAL = {"code": "appeal", "applicant": "individual", "base_rule": "property", "factor": 0.5}
DIVORCE = {"code": "divorce", "applicant": "any", "mrp": 0.3, "percent": 1.0, "min_mrp": 1}
ALIMONY = {"code": "alimony", "applicant": "any", "exempt": True}
RULES = [PROPERTY, PROPERTY_LEGAL, APPEAL, DIVORCE, ALIMONY]


@pytest.mark.parametrize("module", ["kiosk.templates_search", "kiosk.fee_text", "kiosk.calculator_choices",
                                    "kiosk.env", "kiosk.money", "kiosk.reception_text"])
def test_importing_the_helper_does_not_import_kivy(module):
    code = f"import sys, {module}; assert 'kivy' not in sys.modules, sorted(m for m in sys.modules if 'kivy' in m)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr[-2000:]


def test_search_any_language_and_case_and_yo():
    assert [t["slug"] for t in search(TEMPLATES, "НЕКЕ")] == ["divorce"]
    assert [t["slug"] for t in search(TEMPLATES, "брак")] == ["divorce"]
    assert [t["slug"] for t in search(TEMPLATES, "заем")] == ["debt"]  # ё/е
    assert [t["slug"] for t in search(TEMPLATES, "қарыз")] == ["debt"]
    assert [t["slug"] for t in search(TEMPLATES, "")] == ["divorce", "debt"]
    assert [t["slug"] for t in search(TEMPLATES, "", "debt")] == ["debt"]
    assert search(TEMPLATES, "xyz") == []


def test_search_needs_every_word_and_skips_texts_that_are_not_per_language():
    assert search(TEMPLATES, "взыскание заём") == [TEMPLATES[1]]
    assert search(TEMPLATES, "взыскание брака") == []
    assert search([{"slug": "x", "title": "plain string"}], "plain") == []


def test_rate_text_percent_with_cap_share_of_another_fee_and_exempt():
    assert rate_text(PROPERTY, RULES, "en", pick) == "1 % of the claim amount\nat most 10,000 MRP"
    assert rate_text(PROPERTY, RULES, "ru", pick) == f"1 % от цены иска\nне более 10{NBSP}000 МРП"
    assert rate_text(APPEAL, RULES, "en", pick) == "50 % of the fee for “Property claim”"
    assert rate_text(DIVORCE, RULES, "en", pick) == "0.3 MRP + 1 % of the claim amount\nat least 1 MRP"
    assert rate_text(ALIMONY, RULES, "kk", pick) == "Баж төленбейді"


def test_rate_text_names_a_missing_base_rule_by_its_code_and_an_empty_rule_by_a_dash():
    assert rate_text({"base_rule": "gone", "factor": 0.5}, RULES, "en", pick) == "50 % of the fee for “gone”"
    assert rate_text({"code": "empty"}, RULES, "en", pick) == "—"


def test_mrp_line_for_the_date_or_nothing_without_an_mrp():
    manifest = {"settings": {"mrp": [{"year": 2025, "value": 3932}, {"year": 2026, "value": 4325}]}}
    assert mrp_line(manifest, dt.date(2026, 6, 1), "en") == f"MRP 2026: 4,325.00{NBSP}₸"
    assert mrp_line(manifest, dt.date(2025, 6, 1), "ru") == f"МРП 2025 года: 3{NBSP}932,00{NBSP}₸"
    assert mrp_line({}, dt.date(2026, 6, 1), "en") == ""
    assert mrp_line(None, dt.date(2026, 6, 1), "en") == ""


def test_money_has_no_break_spaces():
    assert format_money(12345, "kk") == f"12{NBSP}345,00{NBSP}₸"


def test_rule_options_by_applicant_in_manifest_order():
    assert [r["code"] for r in rule_options(RULES, "individual")] == ["property", "appeal", "divorce", "alimony"]
    assert [r["code"] for r in rule_options(RULES, "legal_entity")] == ["property-legal", "divorce", "alimony"]
    assert rule_options([], "individual") == []


def test_chosen_rule_falls_back_to_the_first_option():
    assert chosen_rule(RULES, "individual", "appeal") is APPEAL
    assert chosen_rule(RULES, "legal_entity", "appeal") is PROPERTY_LEGAL  # not an option for a company
    assert chosen_rule(RULES, "individual", "") is PROPERTY
    assert chosen_rule([PROPERTY_LEGAL], "individual", "property-legal") is None
