"""State fee calculation (docs/manifest.md "FeeRule"; shared/domain.md). Pure, Decimal only.

Fee before limits = ``mrp * MRP + percent / 100 * amount``, or
``factor * fee(base_rule)`` (the base rule's own fee after its cap, minimum
and exemption, as shown to a visitor); then at most ``cap_mrp * MRP``, at
least ``min_mrp * MRP``; an exempt rule gives 0. Results are rounded to
0.01 tenge, half up.
"""

import datetime as _dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal(10) ** 15
_SPACES = (" ", "\u00a0", "\u202f", "\u2009", "_", "'")

# Upper limits of fee rule numbers: far above any real rule, low enough that
# the calculator's arithmetic stays exact. The admin's form and the manifest check use them.
FEE_LIMITS = {"percent": 100, "mrp": 1_000_000, "cap_mrp": 1_000_000, "min_mrp": 1_000_000, "factor": 10}


class FeeInputError(ValueError):
    """The amount, date, MRP table or rules do not allow a calculation; the message says why."""


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
        raise FeeInputError(f"no MRP value is set for {on.year} or any earlier year")
    return best


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
        raise FeeInputError(f"fee rule {rule.get('code')!r} is based on {code!r}, which does not exist")
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
            raise FeeInputError(f"fee rule {code!r} is based on itself through base_rule (a cycle)")
        seen.add(code)
        rule = _base_of(rule, rules)
    return False


def parse_amount(amount):
    """Turn the visitor's input into a Decimal amount, or raise FeeInputError.

    Accepts Decimal, int or str; spaces as thousands separators and one
    decimal comma are allowed ("1 250 000,50").
    """
    if isinstance(amount, bool):
        raise FeeInputError("the claim amount must be a number, like 150000 or 150000.50")
    if isinstance(amount, str):
        text = amount.strip()
        for space in _SPACES:
            text = text.replace(space, "")
        if text.count(",") == 1 and "." not in text:
            text = text.replace(",", ".")
        if not text:
            raise FeeInputError("enter the claim amount")
        if not all(c.isascii() and (c.isdigit() or c in ".-+eE") for c in text):
            raise FeeInputError("the claim amount must be a number, like 150000 or 150000.50")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise FeeInputError("the claim amount must be a number, like 150000 or 150000.50") from None
    elif isinstance(amount, (int, Decimal)):
        value = Decimal(amount)
    elif isinstance(amount, float):
        value = Decimal(repr(amount))
    else:
        raise FeeInputError("the claim amount must be a number, like 150000 or 150000.50")
    if not value.is_finite():
        raise FeeInputError("the claim amount must be a finite number")
    if value < 0:
        raise FeeInputError("the claim amount cannot be negative")
    if value >= MAX_AMOUNT:
        raise FeeInputError("the claim amount must be less than 1 000 000 000 000 000 tenge")
    if value != value.quantize(CENT, rounding=ROUND_HALF_UP):
        raise FeeInputError("the claim amount can have at most 2 digits after the decimal point")
    return value.quantize(CENT)


def _fee(rule, rules, mrp, amount, on, seen):
    """(fee, capped, raised_to_min) of one rule, rounded to 0.01."""
    code = rule.get("code")
    if code in seen:
        raise FeeInputError(f"fee rule {code!r} is based on itself through base_rule (a cycle)")
    seen = seen | {code}
    if rule.get("exempt"):
        return Decimal("0.00"), False, False
    base = _base_of(rule, rules, on)
    if base is not None:
        base_fee = _fee(base, rules, mrp, amount, on, seen)[0]
        fee = _dec(rule.get("factor") if rule.get("factor") is not None else 1) * base_fee
    else:
        fee = Decimal(0)
        if rule.get("mrp") is not None:
            fee += _dec(rule["mrp"]) * mrp
        if rule.get("percent") is not None:
            fee += _dec(rule["percent"]) / 100 * amount
    capped = raised = False
    if rule.get("cap_mrp") is not None:
        cap = _dec(rule["cap_mrp"]) * mrp
        if fee > cap:
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
            raise FeeInputError("enter the claim amount")
        value = parse_amount(amount)
    else:
        value = Decimal(0)
    try:
        fee, capped, raised = _fee(rule, rules, mrp, value, on, frozenset())
    except InvalidOperation:  # a rule's numbers beyond what 28 digits can round
        fee = None
    if fee is None or fee >= MAX_AMOUNT:
        raise FeeInputError("this fee rule gives an amount too large to be real; the court must check the rule")
    return FeeResult(
        fee=fee,
        exempt=bool(rule.get("exempt")),
        capped=capped,
        raised_to_min=raised,
        mrp_value=mrp_value,
        mrp_year=year,
        rule=rule,
    )


def format_kzt(value, *, group_sep="\u202f", currency="\u20b8"):
    """``Decimal("12345")`` -> ``"12 345.00 ₸"``.

    Thousands are grouped with a narrow no-break space (U+202F) and the
    currency sign follows a no-break space, so the amount never wraps. Pass
    ``group_sep=" "`` for plain spaces, ``currency=""`` for the number alone.
    """
    amount = _dec(value) if not isinstance(value, str) else Decimal(value)
    amount = amount.quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, cents = f"{abs(amount):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = f"{sign}{group_sep.join(groups)}.{cents or '00'}"
    return f"{text}\u00a0{currency}" if currency else text
