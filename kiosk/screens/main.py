"""MainScreen: the frame around the content screens.

Top bar (court name, clock), announcements ticker, the content screens in
an inner ScreenManager, and the bottom bar with back, home, language and
large text -- the same on every content screen.
"""

from kiosk.screens.base import KioskScreen
from kiosk.widgets import bars, ticker  # noqa: F401  (kv classes)


class MainScreen(KioskScreen):
    pass
