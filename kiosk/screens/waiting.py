"""WaitingScreen: first start with no cached content and no answer from the server yet.

Says so in all three languages (nobody has chosen one yet), with the server
address so staff can see what the kiosk is waiting for.
"""

from kiosk.screens.base import KioskScreen
from kiosk.ui_text import LANGS, t


class WaitingScreen(KioskScreen):
    def lines(self, key):
        return "\n".join(t(key, lang) for lang in LANGS)

    def detail(self):
        env = self.app.env
        parts = [env.server_url or "", f"kiosk: {env.kiosk_id}" if env.kiosk_id else ""]
        return "   ".join(p for p in parts if p)
