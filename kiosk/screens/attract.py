"""AttractScreen: the loop between visitors, made to be read from across the hall.

The court's pictogram and name in large bold type on the dark band at the top (the time
and date under them), the videos in the middle, and at the bottom "touch to start" in Kazakh, Russian and
English beside a hand, dark on the gold band (8:1) -- the one thing a passer-by has to do.
Any touch opens home (the app's touch gate handles it). Nothing here moves but the video:
no animation costs the idle kiosk CPU.
"""

from kiosk.screens.base import KioskScreen
from kiosk.ui_text import t
from kiosk.video import surface  # noqa: F401  (VideoSurface for the kv)
from kiosk.widgets import common  # noqa: F401  (FitLabel for the kv)


class AttractScreen(KioskScreen):
    def hint(self, lang):
        return t("touch_to_start", lang)

    def on_enter(self, *_args):
        self.app.start_video()
        self.ids.surface.active = True

    def on_leave(self, *_args):
        self.ids.surface.active = False
        self.app.stop_video()
