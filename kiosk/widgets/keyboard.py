"""OnScreenKeyboard: letters for the template search, Kazakh first.

The Cyrillic layout has a row of the Kazakh letters ә і ң ғ ү ұ қ ө һ above
the Russian ЙЦУКЕН rows; a key switches to Latin letters and digits.
Dispatches ``on_key(key)`` with a character, or "back", "space", "clear", "hide".
"""

from kivy.properties import BooleanProperty, DictProperty, OptionProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.widgets.common import KButton, stacked
from kiosk.widgets.follow import follow

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
KEY_HEIGHT = 88
# the action keys: a pictogram over the word (kiosk.icons)
ACTION_ICONS = {"back": "delete", "clear": "clear", "hide": "hide_keyboard"}


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
        from kivy.app import App

        app = App.get_running_app()
        scale = app.font_scale if app is not None else 1.0
        if "space" in self.keys:
            self.keys["space"].text = self.labels.get("space", "␣")
        for name, pictogram in ACTION_ICONS.items():
            if name in self.keys:
                self.keys[name].text = stacked(pictogram, self.labels.get(name, ""), 30 * scale, 19 * scale)

    def _key(self, key, text, **kwargs):
        button = KButton(text=text, min_height=KEY_HEIGHT, base_size=kwargs.pop("base_size", 34), **kwargs)
        button.bind(on_release=lambda _b: self.press(key))
        self.keys[key] = button
        return button

    def _row(self):
        """A row of keys as tall as its tallest key (a word under a pictogram in large text)."""
        row = BoxLayout(spacing=8, size_hint_y=None, height=KEY_HEIGHT)
        row.bind(minimum_height=row.setter("height"))
        return row

    def _build(self):
        from kivy.app import App

        self.clear_widgets()
        self.keys = {}
        for letters in LAYOUTS[self.layout]:
            row = self._row()
            for ch in letters:
                row.add_widget(self._key(ch, ch, role="secondary"))
            self.add_widget(row)
        row = self._row()
        row.add_widget(self._key("switch", SWITCH_LABEL[self.layout], size_hint_x=0.8, base_size=28))
        row.add_widget(self._key("space", "", size_hint_x=2.2, role="secondary", base_size=28))
        for name in ACTION_ICONS:
            row.add_widget(self._key(name, "", size_hint_x=1.0, base_size=28, markup=True))
        self.add_widget(row)
        self.on_labels()
        app = App.get_running_app()
        if app is not None:
            follow(app, "font_scale", self, "on_labels")  # (again after a layout switch: follow keeps one)

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
