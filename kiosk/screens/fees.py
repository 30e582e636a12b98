"""FeesScreen: the state fee rules in force today, as a readable table, with
the MRP used; a big button opens the calculator."""

from kivy.factory import Factory

from court_contract import fees
from kiosk.screens.base import KioskScreen
from kiosk.ui_text import format_number, t
from kiosk.widgets.common import esc


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
    return t("mrp_used", lang, year=year, value=fees.format_kzt(value, group_sep="\u00a0"))


class FeesScreen(KioskScreen):
    def content_key(self):
        app = self.app
        return app.manifest, app.lang, app.today(), app.font_scale

    def refresh(self):
        app = self.app
        lang = app.lang
        manifest = app.manifest or {}
        today = app.today()
        rules = fees.active_rules(manifest.get("fee_rules") or [], today)
        self.ids.mrp.text = esc(mrp_line(manifest, today, lang))
        table = self.ids.table
        table.clear_widgets()
        if not rules:
            table.add_widget(Factory.KLabel(text=t("no_fee_rules", lang), role="muted"))
            return
        for rule in rules:
            row = Factory.FeeRow()
            row.ids.title.text = app.pick(rule.get("title"))
            who = {"individual": t("individual", lang), "legal_entity": t("legal_entity", lang)}.get(
                rule.get("applicant"), "")
            ref = app.pick(rule.get("legal_ref"))
            row.ids.meta.text = " · ".join(x for x in (who, ref) if x)
            row.ids.note.text = app.pick(rule.get("note"))
            row.ids.rate.text = rate_text(rule, rules, lang, lambda text, _lang: app.pick(text))
            table.add_widget(row)
