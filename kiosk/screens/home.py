"""HomeScreen: a big tile with a pictogram for each topic, two to a row, and the court's contacts.

The hearings tile is there once the server has sent a hearings feed (a court without one
gets no empty tile). The 'low' layout (wheelchair reach) puts the contacts above
and the tiles into the lower half of the screen.
"""

from kivy.properties import NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk.icons import icon
from kiosk.screens.base import KioskScreen
from kiosk.widgets.common import Tile, esc

TILE_ORDER = ("tile_hearings", "tile_fees", "tile_reception", "tile_templates", "tile_links", "tile_videos")


class HomeTile(Tile):
    target = StringProperty("")


class HomeScreen(KioskScreen):
    rows = NumericProperty(3)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._arranged_for = None
        # strong references: kv ids are weak, and a tile out of the rows is held by nothing else
        self.tiles = {name: getattr(self.ids[name], "__self__", self.ids[name]) for name in TILE_ORDER}
        if self.app.layout == "low":  # the contacts first, then the tiles in reach
            column, card = self.ids.column, self.ids.contacts_card
            column.remove_widget(card)
            column.add_widget(card, index=len(column.children) - 2)
        self.app.hearings.bind(feed=self.arrange)
        self.arrange()

    def arrange(self, *_args):
        """The shown tiles into rows of two (the hearings tile only with a hearings feed)."""
        shown = [name for name in TILE_ORDER if name != "tile_hearings" or self.app.hearings.feed is not None]
        if shown == self._arranged_for:
            return
        self._arranged_for = shown
        box = self.ids.tiles
        for row in list(box.children):
            if isinstance(row, BoxLayout):
                row.clear_widgets()
        box.clear_widgets()
        for name, tile in self.tiles.items():
            tile.disabled = name not in shown
        for i in range(0, len(shown), 2):
            row = BoxLayout(spacing=24)
            for name in shown[i:i + 2]:
                row.add_widget(self.tiles[name])
            box.add_widget(row)
        self.rows = len(box.children)

    def tile_text(self, icon_name, title_key, sub_key, lang, scale):
        """The tile's markup: pictogram, title, the line under it. Large text puts the pictogram beside
        the title and leaves the line out, the 'low' layout's shorter tiles put it beside the title:
        otherwise they would not fit."""
        title = esc(self.app.tr(title_key, lang))
        sub = f"[size={int(27 * scale)}]{esc(self.app.tr(sub_key, lang))}[/size]"
        if scale > 1:
            return f"{icon(icon_name, int(40 * scale))}  [b][size={int(40 * scale)}]{title}[/size][/b]"
        if self.app.layout == "low":
            return f"{icon(icon_name, 40)}  [b][size=40]{title}[/size][/b]\n{sub}"
        return f"{icon(icon_name, 60)}\n[b][size=40]{title}[/size][/b]\n{sub}"

    def address_text(self, manifest, lang, scale):
        court = (manifest or {}).get("court") or {}
        address = self.app.pick(court.get("address"), lang)
        return f"{icon('address', int(24 * scale))}  {esc(address)}" if address else ""

    def contacts_text(self, manifest, scale):
        court = (manifest or {}).get("court") or {}
        size = int(24 * scale)
        lines = [f"{icon('phone', size)}  {esc(phone)}" for phone in court.get("phones") or [] if phone]
        for key, name in (("email", "email"), ("website", "website")):
            if court.get(key):
                lines.append(f"{icon(name, size)}  {esc(court[key])}")
        return "\n".join(lines)

    def open(self, target):
        self.app.go(target)
