"""Fees in words for the fees and calculator screens: a rule's rate, the MRP line, an amount in tenge.

Kivy-free (tested without a window); the sums come from :mod:`court_contract.fees`.
"""

from court_contract import fees
from kiosk.ui_text import format_number, t


def money(value):
    """12 345.00 ₸ with no-break spaces (Roboto's narrow space is too thin to read on a kiosk)."""
    return fees.format_kzt(value, group_sep="\u00a0")


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


def mrp_line(manifest, today, lang):
    """ "MRP 2026: 4 325.00 ₸" for today's date, or "" if no MRP is set."""
    try:
        year, value = fees.mrp_for(((manifest or {}).get("settings") or {}).get("mrp"), today)
    except fees.FeeInputError:
        return ""
    return t("mrp_used", lang, year=year, value=money(value))
