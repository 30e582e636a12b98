"""The frame around every content screen: TopBar (court name, clock) and
BottomBar (back, home, language switch, large-text toggle).

The bottom bar holds the controls so they stay within reach on a tall
portrait screen; the top ~15 % only shows things to read.
"""

from kivy.uix.boxlayout import BoxLayout

from kiosk.widgets import load_kv
from kiosk.widgets import clock, langswitch  # noqa: F401  (kv classes used in bars.kv)
from kiosk.widgets.common import KButton, KLabel  # noqa: F401


class TopBar(BoxLayout):
    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)


class BottomBar(BoxLayout):
    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)
