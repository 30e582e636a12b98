"""Fee rules (shared/domain.md), with the fee for sample amounts as the kiosk will show it.

The preview takes what the kiosk keypad takes (court_contract.fees.parse_amount),
works out today in the court's time zone, and writes amounts and messages in
the staff member's language.
"""
import datetime as dt

from flask import request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from court_contract.fees import (
    FEE_LIMITS,
    FeeInputError,
    calculate,
    leads_back,
    missing_mrp_year,
    needs_amount,
    parse_amount,
)

from ..errors import PublishError
from ..manifest import build_content
from ..numbers import format_money as money_in
from . import crud
from .common import blueprint, store
from .fields import Field
from .validation import check_range
from .zone import court_zone

bp = blueprint("admin_fees", __name__, url_prefix="/admin/fees")

APPLICANTS = (("individual", _l("Individual")), ("legal_entity", _l("Legal entity")), ("any", _l("Any applicant")))
SAMPLE_AMOUNTS = (100_000, 1_000_000, 50_000_000, 5_000_000_000)


def _rule_codes(db):
    return [("", "—")] + [(r["code"], r["code"]) for r in db.query("SELECT code FROM fee_rules ORDER BY code")]


def check(db, values, errors, row):
    check_range(values, errors, "valid_from", "valid_to")
    if values.get("base_rule"):
        if values.get("factor") is None:
            errors.setdefault("factor", _("A rule based on another rule needs a factor, e.g. 0.5 for half its fee."))
        for key in ("percent", "mrp"):
            if values.get(key) is not None:
                errors.setdefault(key, _("Leave this empty: the fee comes from the base rule times the factor."))
        if row is not None and values["base_rule"] == row["code"] or values["base_rule"] == values.get("code"):
            errors.setdefault("base_rule", _("A rule cannot be based on itself."))
        elif _leads_back(db, values["base_rule"], values.get("code") or (row or {}).get("code"), row):
            errors.setdefault("base_rule", _("This base rule is itself based on this rule (a cycle)."))
    elif values.get("factor") is not None:
        errors.setdefault("factor", _("A factor is used only with a base rule; leave it empty or choose a base rule."))
    elif not values.get("exempt") and values.get("percent") is None and values.get("mrp") is None:
        errors.setdefault("percent", _("Give a percent of the claim amount, a fixed fee in MRP, a base rule, "
                                       "or mark the rule as exempt."))


def _leads_back(db, base, code, row) -> bool:
    """Would this rule, based on ``base``, close a cycle among the saved rules?"""
    links: dict[str, set] = {}
    for r in db.query("SELECT id, code, base_rule FROM fee_rules"):
        if r["base_rule"] and (row is None or r["id"] != row["id"]):
            links.setdefault(r["code"], set()).add(r["base_rule"])
    links.setdefault(code, set()).add(base)
    return leads_back(links, code)


# The calculator's problems in the admin's language (court_contract gives a key and the English sentence).
FEE_MESSAGES = {
    "enter_amount": _l("Enter the claim amount."),
    "not_a_number": _l("The claim amount must be digits with at most one decimal separator, "
                       "like 150000 or 150000,50."),
    "negative": _l("The claim amount cannot be negative."),
    "too_large": _l("The claim amount must be less than 1 000 000 000 000 000 tenge."),
    "cents": _l("The claim amount can have at most 2 digits after the decimal separator."),
    "no_mrp": _l("No MRP value is set for %(year)s or any earlier year: add it under Settings."),
    "missing_base": _l("The fee rule %(code)s is based on %(base)s, which does not exist."),
    "cycle": _l("The fee rule %(code)s is based on itself through its base rules (a cycle)."),
    "rule_too_large": _l("This fee rule gives an amount too large to be real; check the rule."),
}


def fee_message(exc: FeeInputError) -> str:
    message = FEE_MESSAGES.get(exc.key)
    return str(message) % exc.params if message is not None else str(exc)


def format_money(value) -> str:
    """Tenge as the admin's language writes them: 50 000,00 ₸ (kk, ru), 50,000.00 ₸ (en); never wraps."""
    return money_in(value, get_locale())


def court_today(db) -> dt.date:
    """Today in the court's time zone (not the server's): the day kiosks calculate for."""
    return dt.datetime.now(court_zone(db)).date()


def mrp_warning_context(db) -> dict:
    """``missing_mrp_year`` for admin/_mrp_warning.html: the year whose MRP staff should enter now, or None."""
    years = [{"year": r["year"]} for r in db.query("SELECT year FROM mrp_values")]
    return {"missing_mrp_year": missing_mrp_year(years, court_today(db))}


def preview(db, row) -> dict:
    """The fee of this rule for sample amounts (and the one asked for), with the draft rules and MRP."""
    try:
        content = build_content(db, store())
    except PublishError as e:
        return {"preview_error": str(e)}
    rules, mrp = content["fee_rules"], content["settings"]["mrp"]
    rule = next((r for r in rules if r["code"] == row["code"]), None)
    today = court_today(db)
    asked = request.args.get("amount", "").strip()
    amounts = ([asked] if asked else []) + list(SAMPLE_AMOUNTS)
    lines = []
    try:
        wants_amount = needs_amount(rule, rules)
    except FeeInputError as e:
        return {"preview_error": fee_message(e)}
    for amount in amounts if wants_amount else [None]:
        try:
            result = calculate(rule, rules, mrp, amount, today)
            lines.append({"amount": amount, "fee": format_money(result.fee), "exempt": result.exempt,
                          "capped": result.capped, "raised": result.raised_to_min,
                          "mrp": f"{result.mrp_year}: {format_money(result.mrp_value)}",
                          "mrp_year": result.mrp_year})
        except FeeInputError as e:
            lines.append({"amount": amount, "error": fee_message(e)})
    return {"preview": lines, "preview_date": today.isoformat(), "preview_year": today.year, "asked_amount": asked,
            "format_amount": _format_amount}


def _format_amount(amount) -> str:
    try:
        return format_money(parse_amount(amount))
    except FeeInputError:
        return str(amount)


SPEC = crud.Spec(
    name="fees", table="fee_rules", title=_l("Fee rules"), add_label=_l("Add a fee rule"), sortable=True,
    intro=_l("State fees the kiosk calculator offers. Fee = fixed MRP part + percent of the claim amount "
             "(or factor × the base rule's fee), then the cap and the minimum."),
    unique=("code",), check=check, form_extra="admin/fee_preview.html", form_context=preview,
    fields=(
        Field("title", _l("Title"), "tri", required=True, in_list=True),
        Field("code", _l("Code"), "code", required=True, in_list=True,
              help=_l("A short fixed name, e.g. property-individual.")),
        Field("claim_kind", _l("Claim kind"), "key", required=True, in_list=True,
              help=_l("Rules with the same claim kind are offered together, e.g. property.")),
        Field("applicant", _l("Applicant"), "choice", required=True, choices=APPLICANTS, in_list=True),
        Field("percent", _l("Percent of the claim amount"), "float", minimum=0, maximum=FEE_LIMITS["percent"]),
        Field("mrp", _l("Fixed part in MRP"), "float", minimum=0, maximum=FEE_LIMITS["mrp"]),
        Field("cap_mrp", _l("At most (MRP)"), "float", minimum=0, maximum=FEE_LIMITS["cap_mrp"]),
        Field("min_mrp", _l("At least (MRP)"), "float", minimum=0, maximum=FEE_LIMITS["min_mrp"]),
        Field("base_rule", _l("Based on rule"), "choice", choices=_rule_codes,
              help=_l("For appeals: the first-instance rule.")),
        Field("factor", _l("Factor of the base rule's fee"), "float", minimum=0, maximum=FEE_LIMITS["factor"]),
        Field("exempt", _l("Exempt: the plaintiff pays nothing"), "bool"),
        Field("note", _l("Note for visitors"), "tri_area", max_length=1000),
        Field("legal_ref", _l("Legal reference"), "tri"),
        Field("valid_from", _l("Valid from"), "date", in_list=True),
        Field("valid_to", _l("Valid to"), "date", in_list=True),
    ),
)
crud.register(bp, SPEC)
