"""IdleWarning: the "still there?" overlay with its countdown.

Shown by the app over everything when the visitor has not touched the
screen for ``settings.idle_timeout_s``; any touch closes it (the app's touch
gate does that) and the visitor carries on where they were.
"""

import sys

from kivy.app import App
from kivy.properties import StringProperty
from kivy.uix.floatlayout import FloatLayout

from kiosk.widgets import common  # noqa: F401
from kiosk.widgets import load_kv


class IdleWarning(FloatLayout):
    name = StringProperty("warning")

    def __init__(self, **kwargs):
        load_kv(sys.modules[__name__].__file__)
        super().__init__(**kwargs)
        App.get_running_app().register_screen(self)
