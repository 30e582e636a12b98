"""OnScreenKeyboard: letters for the template search, Kazakh first.

The Cyrillic layout has a row of the Kazakh letters ә і ң ғ ү ұ қ ө һ above
the Russian ЙЦУКЕН rows; a key switches to Latin letters and digits.
Dispatches ``on_key(key)`` with a character, or "back", "space", "clear", "hide".
"""

from kivy.properties import BooleanProperty, DictProperty, OptionProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.widgets.common import KButton

LAYOUTS = {
    "cyr": (
        "әіңғүұқөһ",
        "йцукенгшщзх",
        "фывапролджэ",
        "ячсмитьбюъё",
    ),
    "lat": (
        "1234567890",
        "qwertyuiop",
        "asdfghjkl",
        "zxcvbnm",
    ),
}
SWITCH_LABEL = {"cyr": "ABC", "lat": "АБВ"}


class OnScreenKeyboard(BoxLayout):
    layout = OptionProperty("cyr", options=tuple(LAYOUTS))
    labels = DictProperty({"space": "␣", "back": "⌫", "clear": "C", "hide": "▼"})
    shown = BooleanProperty(True)

    __events__ = ("on_key",)

    def __init__(self, **kwargs):
        kwargs.setdefault("orientation", "vertical")
        kwargs.setdefault("spacing", 8)
        kwargs.setdefault("size_hint_y", None)
        super().__init__(**kwargs)
        self.bind(minimum_height=self._fit, shown=self._fit)
        self.keys = {}
        self._build()
        self._fit()

    def _fit(self, *_args):
        self.height = self.minimum_height if self.shown else 0
        self.opacity = 1 if self.shown else 0
        self.disabled = not self.shown

    def on_layout(self, *_args):
        self._build()

    def on_labels(self, *_args):
        for name in ("space", "back", "clear", "hide"):
            if name in self.keys:
                self.keys[name].text = self.labels.get(name, name)

    def _key(self, key, text, **kwargs):
        button = KButton(text=text, min_height=88, base_size=kwargs.pop("base_size", 34), **kwargs)
        button.bind(on_release=lambda _b: self.press(key))
        self.keys[key] = button
        return button

    def _build(self):
        self.clear_widgets()
        self.keys = {}
        for letters in LAYOUTS[self.layout]:
            row = BoxLayout(spacing=8, size_hint_y=None, height=88)
            for ch in letters:
                row.add_widget(self._key(ch, ch, role="secondary"))
            self.add_widget(row)
        row = BoxLayout(spacing=8, size_hint_y=None, height=88)
        row.add_widget(self._key("switch", SWITCH_LABEL[self.layout], size_hint_x=0.8, base_size=28))
        row.add_widget(self._key("space", self.labels.get("space", "␣"), size_hint_x=2.2, role="secondary",
                                 base_size=28))
        row.add_widget(self._key("back", self.labels.get("back", "⌫"), size_hint_x=1.0, base_size=28))
        row.add_widget(self._key("clear", self.labels.get("clear", "C"), size_hint_x=1.0, base_size=28))
        row.add_widget(self._key("hide", self.labels.get("hide", "▼"), size_hint_x=1.0, base_size=28))
        self.add_widget(row)

    def press(self, key):
        if key == "switch":
            self.layout = "lat" if self.layout == "cyr" else "cyr"
            return
        self.dispatch("on_key", key)

    def on_key(self, key):
        pass


def apply_key(text, key, max_len=60):
    """The search text after pressing ``key`` (pure, for tests)."""
    if key == "back":
        return text[:-1]
    if key == "clear":
        return ""
    if key == "space":
        return text + " " if text and not text.endswith(" ") and len(text) < max_len else text
    if key == "hide":
        return text
    return text + key if len(text) < max_len else text
