"""NumericKeypad: digits for the claim amount, typed without a hardware keyboard.

Dispatches ``on_key(key)`` with "0".."9", "00", "back" or "clear"; the
screen decides what the key does (see :func:`apply_key`).
"""

from kivy.properties import StringProperty
from kivy.uix.gridlayout import GridLayout
from kivy.utils import escape_markup

from kiosk.icons import icon
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


def _symbol_key(pictogram, word):
    """A pictogram (kiosk.icons) with the word under it, as markup; ``word`` is UI text."""
    return f"{icon(pictogram, 40)}\n{escape_markup(word)}"


class NumericKeypad(GridLayout):
    back_text = StringProperty("")
    clear_text = StringProperty("")

    __events__ = ("on_key",)

    def __init__(self, **kwargs):
        kwargs.setdefault("cols", 3)
        kwargs.setdefault("spacing", 10)
        kwargs.setdefault("size_hint_y", None)
        super().__init__(**kwargs)
        self.bind(minimum_height=self.setter("height"))
        self.keys = {}
        for key in ("7", "8", "9", "4", "5", "6", "1", "2", "3", "clear", "0", "back"):
            button = KButton(text=key, base_size=44, min_height=96, role="secondary", bold=True)
            if key in ("back", "clear"):
                button.base_size = 20
                button.bold = False
                button.markup = True
                button.role = "primary"
            button.bind(on_release=lambda _b, k=key: self.dispatch("on_key", k))
            self.keys[key] = button
            self.add_widget(button)
        self.on_back_text(self, self.back_text)
        self.on_clear_text(self, self.clear_text)

    def on_back_text(self, _instance, text):
        if "back" in getattr(self, "keys", {}):
            self.keys["back"].text = _symbol_key("delete", text)

    def on_clear_text(self, _instance, text):
        if "clear" in getattr(self, "keys", {}):
            self.keys["clear"].text = _symbol_key("clear", text)

    def on_key(self, key):
        pass
