"""NumericKeypad: digits for the claim amount, typed without a hardware keyboard.

Dispatches ``on_key(key)`` with "0".."9", "00", "back" or "clear"; the
screen decides what the key does (see :func:`apply_key`).
"""

from kivy.properties import StringProperty
from kivy.uix.gridlayout import GridLayout

from kiosk.widgets.common import KButton

MAX_DIGITS = 13  # up to 9 999 999 999 999 tenge


def apply_key(digits, key, max_digits=MAX_DIGITS):
    """The digit string after pressing ``key`` (pure, for tests)."""
    if key == "back":
        return digits[:-1]
    if key == "clear":
        return ""
    if key.isdigit():
        result = (digits + key).lstrip("0")
        return result if len(result) <= max_digits else digits
    return digits


def group_digits(digits):
    """'1250000' -> '1 250 000' (no-break spaces)."""
    if not digits:
        return ""
    groups = []
    while len(digits) > 3:
        groups.insert(0, digits[-3:])
        digits = digits[:-3]
    groups.insert(0, digits)
    return "\u00a0".join(groups)


class NumericKeypad(GridLayout):
    back_text = StringProperty("⌫")
    clear_text = StringProperty("C")

    __events__ = ("on_key",)

    def __init__(self, **kwargs):
        kwargs.setdefault("cols", 3)
        kwargs.setdefault("spacing", 10)
        kwargs.setdefault("size_hint_y", None)
        super().__init__(**kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.keys = {}
        for key in ("7", "8", "9", "4", "5", "6", "1", "2", "3", "clear", "0", "back"):
            button = KButton(text=key, base_size=44, min_height=104, role="secondary", bold=True)
            if key in ("back", "clear"):
                button.base_size = 28
                button.role = "primary"
            button.bind(on_release=lambda _b, k=key: self.dispatch("on_key", k))
            self.keys[key] = button
            self.add_widget(button)
        self.on_back_text(self, self.back_text)
        self.on_clear_text(self, self.clear_text)

    def on_back_text(self, _instance, text):
        if "back" in getattr(self, "keys", {}):
            self.keys["back"].text = text

    def on_clear_text(self, _instance, text):
        if "clear" in getattr(self, "keys", {}):
            self.keys["clear"].text = text

    def on_key(self, key):
        pass
