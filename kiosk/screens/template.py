"""TemplateScreen: one claim template -- title, description, a large QR code of
its public page (``template.url``) with the URL printed under it, and the
languages its file comes in."""

from kiosk.screens.base import KioskScreen
from court_contract.text import LANGS
from kiosk.ui_text import LANG_NAMES, t
from kiosk.widgets import qr  # noqa: F401  (QRCode for the kv)


class TemplateScreen(KioskScreen):
    def template(self):
        for tpl in (self.app.manifest or {}).get("templates") or []:
            if tpl.get("slug") == self.app.template_slug:
                return tpl
        return None

    def refresh(self):
        app, lang, ids = self.app, self.app.lang, self.ids
        tpl = self.template()
        if tpl is None:
            ids.title.text = t("nothing_found", lang)
            ids.category.text = ids.description.text = ids.url.text = ids.langs.text = ""
            ids.qr.data = ""
            return
        cats = {c.get("code"): c for c in (app.manifest or {}).get("template_categories") or []}
        ids.title.text = app.pick(tpl.get("title"))
        ids.category.text = app.pick((cats.get(tpl.get("category")) or {}).get("title"))
        ids.description.text = app.pick(tpl.get("description"))
        ids.qr.data = tpl.get("url") or ""
        ids.url.text = tpl.get("url") or ""
        files = tpl.get("files") or {}
        names = [LANG_NAMES[code] for code in LANGS if code in files]
        ids.langs.text = f"{t('file_languages', lang)}: {' · '.join(names)}" if names else ""

    def on_enter(self, *_args):
        if self.ids.qr.data and self.app.template_slug:
            self.app.count(f"qr:{self.app.template_slug}")  # the visitor has the QR code in front of them
