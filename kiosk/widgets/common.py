"""Themed building blocks: labels, buttons and cards that follow the app's
theme (colours) and font scale (large-text mode).

Every visitor-facing text goes through a widget with ``markup`` off unless
the caller escapes it (``kivy.utils.escape_markup``): see :func:`esc`.
"""

import re

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.utils import escape_markup

from kiosk.widgets import load_kv
from kiosk.widgets.crisp import CrispText, measure
from kiosk.widgets.follow import follow

MIN_TOUCH = 60  # px at 1080x1920; kiosk controls are larger still


def esc(text):
    """Visitor text made safe for a ``markup=True`` label; the tenge sign is drawn with
    DejaVu Sans (Roboto has no ₸)."""
    return escape_markup(text or "").replace("\u20b8", "[font=DejaVuSans]\u20b8[/font]")


def with_icon(name, text, size, gap="  "):
    """Markup: pictogram ``name`` (kiosk.icons) at ``size`` px, then ``text`` (escaped); for a markup label."""
    from kiosk.icons import icon

    return f"{icon(name, size)}{gap}{esc(text)}" if text else icon(name, size)


def stacked(name, text, icon_size, text_size):
    """Markup: pictogram ``name`` over ``text`` in a smaller size (the bar's buttons)."""
    return f"{with_icon(name, '', icon_size)}\n[size={int(text_size)}]{esc(text)}[/size]"


class KLabel(CrispText, Label):
    """A wrapping label whose height follows its text; its font is ``base_size`` times the
    app's font scale (large text) times ``fit`` (what a :class:`FitLabel` shrinks)."""

    base_size = NumericProperty(30)
    role = StringProperty("fg")
    min_height = NumericProperty(0)
    fit = NumericProperty(1.0)

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)


MARKUP_TAG = re.compile(r"\[/?[a-z_]+(?:=[^\]]*)?\]")


def measure_lines(label, font_size, width):
    """(line count, is a word broken over two lines?) of ``label``'s text at ``font_size`` in ``width``
    px, nothing drawn. Kivy breaks a word that no line is wide enough for in the middle."""
    _w, _h, lines = measure(label, font_size, width)
    text = MARKUP_TAG.sub("", label.text) if label.markup else label.text
    return len(lines), sum(len(line.split()) for line in lines) > len(text.split())


class FitLabel(KLabel):
    """A KLabel for a name of any length in a fixed place (the court's name in a bar): its font
    shrinks, down to ``min_size`` (times the font scale), until the text takes at most
    ``fit_lines`` lines and no word is broken; a text longer still wraps on at its smallest size."""

    fit_lines = NumericProperty(2)
    min_size = NumericProperty(22)

    def __init__(self, **kwargs):
        from kivy.app import App
        from kivy.clock import Clock

        super().__init__(**kwargs)
        self._refit = Clock.create_trigger(self._fit_font, -1)
        self.fbind("text", self._refit)
        self.fbind("width", self._refit)
        self.fbind("base_size", self._refit)
        self.fbind("fit_lines", self._refit)
        self.fbind("min_size", self._refit)
        self._app = App.get_running_app()
        if self._app is not None:
            follow(self._app, "font_scale", self, "_refit")
            root = getattr(self._app, "root_widget", None)
            if root is not None:  # texts are measured as rendered, at the panel's scale (crisp.measure)
                follow(root, "scale", self, "_refit")
        self._refit()

    def _fit_font(self, *_args):
        scale = self._app.font_scale if self._app is not None else 1.0
        full = self.base_size * scale
        if not self.text or self.width <= 1 or full <= 0:
            self.fit = 1.0
            return
        size, smallest = full, min(full, self.min_size * scale)
        while size > smallest:
            lines, broken = measure_lines(self, size, self.width)
            if lines <= self.fit_lines and not broken:
                break
            size = max(smallest, size - 2)
        self.fit = size / full


class KButton(CrispText, ButtonBehavior, Label):
    """A large flat button. ``role``: primary | secondary | bar; ``selected`` marks a
    chosen option (gold)."""

    base_size = NumericProperty(32)
    role = StringProperty("primary")
    selected = BooleanProperty(False)
    min_height = NumericProperty(96)
    radius = NumericProperty(14)

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)


class Card(BoxLayout):
    """A rounded panel; ``role`` names its background colour in the theme."""

    role = StringProperty("panel")
    radius = NumericProperty(16)

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)


class Tile(CrispText, ButtonBehavior, Label):
    """A big button whose size comes from its layout (home tiles, list rows);
    its text fills the box from the top left."""

    base_size = NumericProperty(32)
    role = StringProperty("primary")
    selected = BooleanProperty(False)
    radius = NumericProperty(18)
    inset = NumericProperty(28)

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)
