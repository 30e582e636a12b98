"""HomeScreen: large tiles for each topic, and the court's contacts."""

from kivy.properties import StringProperty

from kiosk.screens.base import KioskScreen
from kiosk.widgets.common import Tile, esc

TILES = (
    ("hearings", "hearings", "hearings_sub"),
    ("fees", "state_fee", "fees_sub"),
    ("reception", "reception_days", "reception_sub"),
    ("templates", "claim_templates", "templates_sub"),
    ("links", "e_services", "e_services_sub"),
    ("videos", "video", "video_sub"),
)


class HomeTile(Tile):
    target = StringProperty("")


class HomeScreen(KioskScreen):
    def tile_text(self, title_key, sub_key, lang, scale, gap="\n\n"):
        title = self.app.tr(title_key, lang)
        sub = self.app.tr(sub_key, lang)
        return f"[b][size={int(40 * scale)}]{esc(title)}[/size][/b]{gap}[size={int(27 * scale)}]{esc(sub)}[/size]"

    def contacts_text(self, manifest, lang):
        court = (manifest or {}).get("court") or {}
        lines = [self.app.pick(court.get("address"), lang)]
        lines += court.get("phones") or []
        for key in ("email", "website"):
            if court.get(key):
                lines.append(court[key])
        return "\n".join(line for line in lines if line)

    def open(self, target):
        self.app.go(target)
