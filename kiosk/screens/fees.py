"""FeesScreen: the state fee rules in force today, as a readable table, with
the MRP used; a big button opens the calculator."""

import re

from kivy.factory import Factory

from court_contract import fees
from kiosk.fee_text import mrp_line, rate_text
from kiosk.screens.base import KioskScreen
from kiosk.ui_text import t
from kiosk.widgets.common import esc


NUMBER_THEN_SPACE = re.compile(r"(\d) ")


def numbers_with_units(text):
    """A number and the word after it stay on one line ("1 %-ы", "10 000 АЕК"): no-break spaces."""
    return NUMBER_THEN_SPACE.sub("\\1\u00a0", text)


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
            row.ids.rate.text = numbers_with_units(rate_text(rule, rules, lang, lambda text, _lang: app.pick(text)))
            table.add_widget(row)
