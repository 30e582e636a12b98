"""State fee calculation (docs/manifest.md "FeeRule"; shared/domain.md). Pure, Decimal only.

Fee = ``mrp * MRP + min(percent / 100 * amount, cap_mrp * MRP)`` (the cap
limits the part that grows with the amount; a rule without a percent has
its whole fee capped), or ``min(factor * fee(base_rule), cap_mrp * MRP)``
(the base rule's own fee after its cap, minimum and exemption, as shown to
a visitor); then at least ``min_mrp * MRP``; an exempt rule gives 0.
Results are rounded to 0.01 tenge, half up.
"""

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 15
_SPACES = (" ", "\u00a0", "\u202f", "\u2009")  # thousands separators people and locales use

# Upper limits of fee rule numbers: far above any real rule, low enough that
# the calculator's arithmetic stays exact. The admin's form and the manifest check use them.
FEE_LIMITS = {"percent": 100, "mrp": 1_000_000, "cap_mrp": 1_000_000, "min_mrp": 1_000_000, "factor": 10}


class FeeInputError(ValueError):
    """The amount, date, MRP table or rules do not allow a calculation; the message says why.

    ``key`` (with ``params``) names the problem so a program can say it in
    the visitor's or staff member's language; the message is the English one.
    """

    def __init__(self, message, key="", **params):
        super().__init__(message)
        self.key = key
        self.params = params


@dataclass(frozen=True)
class FeeResult:
    fee: Decimal
    exempt: bool
    capped: bool
    raised_to_min: bool
    mrp_value: int
    mrp_year: int
    rule: dict


def _dec(value):
    """A JSON number (int/float) as the Decimal it was written as."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))
    raise FeeInputError(f"{value!r} is not a number")


def _date(value):
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return _dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise FeeInputError(f"{value!r} is not a date like 2026-01-31") from None


def mrp_for(mrp_table, on):
    """``(year, value)`` of the MRP for the year of ``on``, else the latest earlier year."""
    best = None
    for row in mrp_table or ():
        year, value = row.get("year"), row.get("value")
        if isinstance(year, int) and year <= on.year and (best is None or year > best[0]):
            best = (year, value)
    if best is None:
        raise FeeInputError(f"no MRP value is set for {on.year} or any earlier year", "no_mrp", year=on.year)
    return best


# From this day of the year on, next year's MRP should be in the settings: the
# budget law sets it in the autumn, and on 1 January every fee depends on it.
MRP_WARNING_FROM = (12, 1)


def missing_mrp_year(mrp_table, today):
    """The year whose MRP staff should enter now, or None when nothing is missing.

    This year's value when it is missing (any day of the year); from
    1 December on, next year's too. The admin warns with it; the kiosk says
    which year's MRP it uses when it is not this year's (see :func:`mrp_for`).
    """
    years = {row.get("year") for row in mrp_table or ()}
    if today.year not in years:
        return today.year
    if (today.month, today.day) >= MRP_WARNING_FROM and today.year + 1 not in years:
        return today.year + 1
    return None


def active_rules(rules, on):
    """The rules in force on ``on`` (valid_from and valid_to inclusive), in order."""
    result = []
    for rule in rules:
        start, end = _date(rule.get("valid_from")), _date(rule.get("valid_to"))
        if (start is None or start <= on) and (end is None or on <= end):
            result.append(rule)
    return result


def _base_of(rule, rules, on=None):
    code = rule.get("base_rule")
    if code is None:
        return None
    candidates = [r for r in rules if r.get("code") == code]
    if on is not None:
        candidates = active_rules(candidates, on) or candidates
    if not candidates:
        raise FeeInputError(f"fee rule {rule.get('code')!r} is based on {code!r}, which does not exist",
                            "missing_base", code=rule.get("code"), base=code)
    return candidates[0]


def leads_back(links, code):
    """True when following base rules from ``code`` comes back to ``code`` (a cycle).

    ``links``: rule code -> the codes of its base rules (a rule code may be
    used by several rules with different valid dates, hence a set).
    """
    seen, todo = set(), list(links.get(code, ()))
    while todo:
        nxt = todo.pop()
        if nxt == code:
            return True
        if nxt not in seen:
            seen.add(nxt)
            todo.extend(links.get(nxt, ()))
    return False


def needs_amount(rule, rules):
    """True if the fee depends on the claim amount (the rule or a base rule has a percent)."""
    seen = set()
    while rule is not None:
        if rule.get("percent") is not None:
            return True
        code = rule.get("code")
        if code in seen:
            raise FeeInputError(f"fee rule {code!r} is based on itself through base_rule (a cycle)", "cycle", code=code)
        seen.add(code)
        rule = _base_of(rule, rules)
    return False


_AMOUNT = re.compile(r"[0-9]+(?:[.,][0-9]+)?\Z")  # ASCII digits only
_NOT_A_NUMBER = "the claim amount must be a number, like 150000 or 150000.50"


def parse_amount(amount):
    """Turn the visitor's input into a Decimal amount, or raise FeeInputError.

    Accepts Decimal, int or str. A string is what a keypad gives: ASCII
    digits, spaces (any kind) between thousands and one decimal point or
    comma ("1 250 000,50"). Signs, exponents ("1e9", "+5000"), other digits
    and a second separator are refused, so the kiosk and the admin agree.
    """
    if isinstance(amount, bool):
        raise FeeInputError(_NOT_A_NUMBER, "not_a_number")
    if isinstance(amount, str):
        text = amount.strip()
        for space in _SPACES:
            text = text.replace(space, "")
        if not text:
            raise FeeInputError("enter the claim amount", "enter_amount")
        if text.startswith("-") and _AMOUNT.match(text[1:]):
            raise FeeInputError("the claim amount cannot be negative", "negative")
        if not _AMOUNT.match(text):
            raise FeeInputError(_NOT_A_NUMBER, "not_a_number")
        value = Decimal(text.replace(",", "."))
    elif isinstance(amount, (int, Decimal)):
        value = Decimal(amount)
    elif isinstance(amount, float):
        value = Decimal(repr(amount))
    else:
        raise FeeInputError(_NOT_A_NUMBER, "not_a_number")
    if not value.is_finite():
        raise FeeInputError("the claim amount must be a finite number", "not_a_number")
    if value < 0:
        raise FeeInputError("the claim amount cannot be negative", "negative")
    if value >= MAX_AMOUNT:
        raise FeeInputError("the claim amount must be less than 1 000 000 000 000 000 tenge", "too_large")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise FeeInputError("the claim amount can have at most 2 digits after the decimal point", "cents")
    return value.quantize(CENT)


def _fee(rule, rules, mrp, amount, on, seen):
    """(fee, capped, raised_to_min) of one rule, rounded to 0.01."""
    code = rule.get("code")
    if code in seen:
        raise FeeInputError(f"fee rule {code!r} is based on itself through base_rule (a cycle)", "cycle", code=code)
    seen = seen | {code}
    if rule.get("exempt"):
        return Decimal("0.00"), False, False
    base = _base_of(rule, rules, on)
    cap = _dec(rule["cap_mrp"]) * mrp if rule.get("cap_mrp") is not None else None
    capped = raised = False
    if base is not None:
        fee = _dec(rule.get("factor") if rule.get("factor") is not None else 1) * _fee(
            base, rules, mrp, amount, on, seen)[0]
        if cap is not None and fee > cap:
            fee, capped = cap, True
    else:
        # The cap limits the part that grows with the amount (a divorce with division of
        # property: 0.3 MRP + 1 % of the property, the 1 % capped like a property claim);
        # a rule with no percent has its whole fee capped.
        fixed = _dec(rule["mrp"]) * mrp if rule.get("mrp") is not None else Decimal(0)
        share = _dec(rule["percent"]) / 100 * amount if rule.get("percent") is not None else None
        if share is not None:
            if cap is not None and share > cap:
                share, capped = cap, True
            fee = fixed + share
        else:
            fee = fixed
            if cap is not None and fee > cap:
                fee, capped = cap, True
    if rule.get("min_mrp") is not None:
        floor = _dec(rule["min_mrp"]) * mrp
        if fee < floor:
            fee, raised = floor, True
    return fee.quantize(CENT, rounding=ROUND_HALF_UP), capped, raised


def calculate(rule, rules, mrp_table, amount, on):
    """The fee for ``rule`` on date ``on`` for a claim of ``amount`` tenge.

    ``amount`` is needed (and checked) only when :func:`needs_amount` says so;
    otherwise it is ignored. Raises FeeInputError with a sentence a visitor
    or staff member can act on.
    """
    year, mrp_value = mrp_for(mrp_table, on)
    mrp = _dec(mrp_value)
    if needs_amount(rule, rules):
        if amount is None or (isinstance(amount, str) and not amount.strip()):
            raise FeeInputError("enter the claim amount", "enter_amount")
        value = parse_amount(amount)
    else:
        value = Decimal(0)
    try:
        fee, capped, raised = _fee(rule, rules, mrp, value, on, frozenset())
    except InvalidOperation:  # a rule's numbers beyond what 28 digits can round
        fee = None
    if fee is None or fee >= MAX_AMOUNT:
        raise FeeInputError("this fee rule gives an amount too large to be real; the court must check the rule",
                            "rule_too_large")
    return FeeResult(
        fee=fee,
        exempt=bool(rule.get("exempt")),
        capped=capped,
        raised_to_min=raised,
        mrp_value=mrp_value,
        mrp_year=year,
        rule=rule,
    )
