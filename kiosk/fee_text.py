"""Fees in words for the fees and calculator screens: a rule's rate, the MRP line.

Kivy-free (tested without a window); the sums come from :mod:`court_contract.fees`,
amounts and numbers are written by :mod:`kiosk.money`.
"""

from court_contract import fees
from kiosk.money import format_money, format_number
from kiosk.ui_text import t


def rate_text(rule, rules, lang, pick):
    """How a rule's fee is worked out, in words: "1 % of the claim amount, at most 10 000 MRP"."""
    if rule.get("exempt"):
        return t("rate_exempt", lang)
    lines = []
    if rule.get("base_rule"):
        base = next((r for r in rules if r.get("code") == rule["base_rule"]), None)
        title = pick(base.get("title"), lang) if base else rule["base_rule"]
        lines.append(t("rate_share", lang, p=format_number((rule.get("factor") or 0) * 100, lang), base=title))
    else:
        parts = []
        if rule.get("mrp") is not None:
            parts.append(t("rate_mrp", lang, n=format_number(rule["mrp"], lang)))
        if rule.get("percent") is not None:
            parts.append(t("rate_percent", lang, p=format_number(rule["percent"], lang)))
        lines.append(" + ".join(parts) or "—")
    if rule.get("cap_mrp") is not None:
        lines.append(t("rate_max", lang, n=format_number(rule["cap_mrp"], lang)))
    if rule.get("min_mrp") is not None:
        lines.append(t("rate_min", lang, n=format_number(rule["min_mrp"], lang)))
    return "\n".join(lines)


def mrp_text(year, value, today, lang):
    """ "MRP 2026: 4 325,00 ₸", and when that is not this year's MRP a second line saying so.

    On 1 January before the new value is entered the fee is worked out with
    last year's MRP: the visitor must see which year's it is.
    """
    line = t("mrp_used", lang, year=year, value=format_money(value, lang))
    if year != today.year:
        line += "\n" + t("mrp_fallback", lang, year=year, missing=today.year)
    return line


def mrp_line(manifest, today, lang):
    """:func:`mrp_text` for today's date, or "" if no MRP is set."""
    try:
        year, value = fees.mrp_for(((manifest or {}).get("settings") or {}).get("mrp"), today)
    except fees.FeeInputError:
        return ""
    return mrp_text(year, value, today, lang)
