"""IdleWarning: the "still there?" overlay with its countdown.

Shown by the app over everything when the visitor has not touched the
screen for ``settings.idle_timeout_s``; any touch closes it (the app's touch
gate does that) and the visitor carries on where they were.
"""

import sys

from kivy.properties import StringProperty

from kiosk.screens.overlay import Overlay
from kiosk.widgets import common  # noqa: F401
from kiosk.widgets import load_kv


class IdleWarning(Overlay):
    name = StringProperty("warning")

    def __init__(self, **kwargs):
        load_kv(sys.modules[__name__].__file__)
        super().__init__(**kwargs)
