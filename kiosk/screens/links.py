"""LinksScreen: e-services and the court's social channels as QR tiles, each with its
pictogram (the network's logo for a social channel) and its URL printed under the code;
the tiles of a row are as tall as each other."""

from kivy.factory import Factory

from kiosk.icons import link_icon
from kiosk.screens.base import KioskScreen
from kiosk.ui_text import t
from kiosk.widgets import qr  # noqa: F401  (QRCode for the kv)


class LinksScreen(KioskScreen):
    def content_key(self):
        return self.app.manifest, self.app.lang, self.app.font_scale

    def refresh(self):
        app, lang = self.app, self.app.lang
        links = (app.manifest or {}).get("links") or []
        for kind, grid_id, heading_id, key, tile in (
                ("e_service", "services", "services_heading", "e_services", "LinkTile"),
                ("social", "social", "social_heading", "social", "SocialTile")):
            grid = self.ids[grid_id]
            grid.clear_widgets()
            items = [link for link in links if link.get("kind") == kind]
            self.ids[heading_id].text = t(key, lang) if items and kind == "social" else ""
            for link in items:
                card = getattr(Factory, tile)()
                card.ids.icon.text = link_icon(link.get("icon"), int(card.ids.icon.base_size * app.font_scale))
                card.ids.title.text = app.pick(link.get("title"))
                card.ids.qr.data = link.get("url") or ""
                card.ids.url.text = link.get("url") or ""
                if "description" in card.ids:
                    card.ids.description.text = app.pick(link.get("description"))
                card.bind(minimum_height=lambda *_a, g=grid: self._even_rows(g))
                grid.add_widget(card)
            self._even_rows(grid)
        self.ids.empty.text = "" if links else t("no_links", lang)

    @staticmethod
    def _even_rows(grid):
        """The cards of a row as tall as its tallest (a long title in one of them), tops in line."""
        cards = grid.children[::-1]
        for start in range(0, len(cards), grid.cols):
            row = cards[start:start + grid.cols]
            height = max(card.minimum_height for card in row)
            for card in row:
                card.height = height
