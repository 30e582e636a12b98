"""CalculatorScreen: applicant type, kind of claim, the amount on a numeric keypad,
and the fee in tenge with the legal reference and the MRP used.

The input lives on the app (calc_applicant, calc_rule, calc_digits) so the
idle reset can clear it; the sums come from :mod:`court_contract.fees`.
"""

from court_contract import fees
from kiosk.calculator_choices import chosen_rule, rule_options
from kiosk.fee_text import mrp_text
from kiosk.money import format_money, format_number
from kiosk.screens.base import KioskScreen
from kiosk.ui_text import t
from kiosk.widgets import keypad  # noqa: F401  (NumericKeypad for the kv)
from kiosk.widgets.common import KButton, esc
from kiosk.widgets.follow import follow_all


class CalculatorScreen(KioskScreen):
    follows_on_screen = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.kind_buttons = {}
        self.result = None
        follow_all(self.app, self, calc_applicant="_applicant_changed", calc_rule="_input_changed",
                   calc_digits="_input_changed")

    # --- data -------------------------------------------------------------
    def rules(self):
        return fees.active_rules((self.app.manifest or {}).get("fee_rules") or [], self.app.today())

    def selected_rule(self, rules=None):
        rules = self.rules() if rules is None else rules
        return chosen_rule(rules, self.app.calc_applicant, self.app.calc_rule)

    # --- building ---------------------------------------------------------
    def content_key(self):
        app = self.app
        return app.manifest, app.lang, app.today(), app.font_scale, app.calc_applicant

    def show(self):
        rebuild = self.stale()
        super().show()
        if not rebuild:
            self.update()  # the amount may have been cleared (idle reset) while the buttons stayed built

    def refresh(self):
        app = self.app
        grid = self.ids.kinds
        grid.clear_widgets()
        self.kind_buttons = {}
        for rule in rule_options(self.rules(), app.calc_applicant):
            button = KButton(text=app.pick(rule.get("title")), role="secondary", base_size=26, min_height=100)
            button.bind(on_release=lambda _b, code=rule.get("code"): app.set_calc_rule(code))
            self.kind_buttons[rule.get("code")] = button
            grid.add_widget(button)
        self.keypad_labels()
        self.update()

    def on_leave(self, *_args):
        self.app.flush_calculation()

    def keypad_labels(self):
        self.ids.keypad.back_text = t("delete", self.app.lang)
        self.ids.keypad.clear_text = t("clear", self.app.lang)

    def _applicant_changed(self, *_args):
        if self.visible:
            self.refresh()

    def _input_changed(self, *_args):
        if self.visible:
            self.update()

    def update(self):
        """Recalculate and show the fee for the current input."""
        app, lang, ids = self.app, self.app.lang, self.ids
        rules = self.rules()
        rule = self.selected_rule(rules)
        code = rule.get("code") if rule else None
        for key, button in self.kind_buttons.items():
            button.selected = key == code
        digits = app.calc_digits
        ids.amount.text = esc(format_money(digits or "0", lang, cents=False))
        ids.amount.base_size = 50 if len(digits) <= 9 else 32  # a long amount stays on one line
        ids.fee.text = "—"
        ids.details.text = ""
        ids.message.role = "muted"
        ids.message.text = ""
        self.result = None
        self.app.input_abandoned()
        if rule is None:
            ids.message.text = t("no_fee_rules", lang)
            ids.keypad.disabled = True
            return
        manifest = app.manifest or {}
        try:
            amount_needed = fees.needs_amount(rule, rules)
        except fees.FeeInputError:
            amount_needed = False
        ids.keypad.disabled = not amount_needed
        ids.amount_box.opacity = 1 if amount_needed else 0.45
        if amount_needed and not digits:
            ids.message.text = t("enter_amount", lang)
            return
        if amount_needed:
            try:
                fees.parse_amount(digits)
            except fees.FeeInputError:
                ids.message.role = "error"
                ids.message.text = t("bad_amount", lang)
                return
        try:
            result = fees.calculate(rule, rules, (manifest.get("settings") or {}).get("mrp"),
                                    digits if amount_needed else None, app.today())
        except fees.FeeInputError:
            ids.message.role = "error"
            ids.message.text = t("calc_unavailable", lang)
            return
        self.result = result
        self.app.calculated()
        ids.fee.text = esc(format_money(result.fee, lang))
        lines = []
        if result.exempt:
            ids.message.text = t("exempt", lang)
        elif not amount_needed:
            ids.message.text = t("no_amount_needed", lang)
        if result.capped and rule.get("cap_mrp") is not None:
            lines.append(t("capped", lang, n=format_number(rule["cap_mrp"], lang)))
        if result.raised_to_min and rule.get("min_mrp") is not None:
            lines.append(t("raised_min", lang, n=format_number(rule["min_mrp"], lang)))
        ref = app.pick(rule.get("legal_ref"))
        if ref:
            lines.append(f"{t('legal_basis', lang)}: {ref}")
        lines.append(mrp_text(result.mrp_year, result.mrp_value, app.today(), lang))
        note = app.pick(rule.get("note"))
        if note:
            lines.append(note)
        ids.details.text = "\n".join(esc(line) for line in lines)
