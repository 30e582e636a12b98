"""AttractScreen: the loop between visitors -- videos full screen, a "touch to start"
hint in three languages, the court name and the clock. Any touch opens home
(the app's touch gate handles it)."""

from kiosk.screens.base import KioskScreen
from kiosk.ui_text import t
from kiosk.video import surface  # noqa: F401  (VideoSurface for the kv)
from kiosk.widgets import clock  # noqa: F401


class AttractScreen(KioskScreen):
    def hint(self, lang):
        return t("touch_to_start", lang)

    def on_enter(self, *_args):
        self.app.start_video()
        self.ids.surface.active = True

    def on_leave(self, *_args):
        self.ids.surface.active = False
        self.app.stop_video()
