"""LinksScreen: e-services and the court's social channels as QR tiles, each
with its URL printed under the code."""

from kivy.factory import Factory

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
                card.ids.title.text = app.pick(link.get("title"))
                card.ids.qr.data = link.get("url") or ""
                card.ids.url.text = link.get("url") or ""
                if "description" in card.ids:
                    card.ids.description.text = app.pick(link.get("description"))
                grid.add_widget(card)
        self.ids.empty.text = "" if links else t("no_links", lang)
