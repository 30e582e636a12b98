"""Themed building blocks: labels, buttons and cards that follow the app's
theme (colours) and font scale (large-text mode).

Every visitor-facing text goes through a widget with ``markup`` off unless
the caller escapes it (``kivy.utils.escape_markup``): see :func:`esc`.
"""

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label
from kivy.utils import escape_markup

from kiosk.widgets import load_kv

MIN_TOUCH = 60  # px at 1080x1920; kiosk controls are larger still


def esc(text):
    """Visitor text made safe for a ``markup=True`` label; the tenge sign is drawn with
    DejaVu Sans (Roboto has no ₸)."""
    return escape_markup(text or "").replace("\u20b8", "[font=DejaVuSans]\u20b8[/font]")


class KLabel(Label):
    """A wrapping label whose height follows its text."""

    base_size = NumericProperty(30)
    role = StringProperty("fg")
    min_height = NumericProperty(0)

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)


class KButton(ButtonBehavior, Label):
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


class Tile(ButtonBehavior, Label):
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
