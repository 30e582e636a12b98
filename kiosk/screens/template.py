"""TemplateScreen: one claim template -- title and description, a large QR code of its public page
(``template.url``) with the URL printed under it and what the visitor gets (the file's format and
size, the languages it comes in), then how to file it: fill it in, pay the state fee (a button to
the fee calculator), attach copies, hand it in at the court office (its address) or file it online
(the court's e-service for that, from its links). All from the manifest as it is: the steps are
the kiosk's own wording, the same for every template."""

import math

from kivy.factory import Factory

from court_contract.text import LANGS
from kiosk.icons import icon
from kiosk.money import format_number
from kiosk.screens.base import KioskScreen
from kiosk.ui_text import LANG_NAMES, t
from kiosk.widgets import qr  # noqa: F401  (QRCode for the kv)
from kiosk.widgets.common import esc, with_icon

FILE_KINDS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "application/pdf": "PDF",
    "application/msword": "DOC",
}
ONLINE_LINK_ICON = "office"  # the e-service to file online (Sot kabineti) in the manifest's links


def file_size_text(size, lang):
    """36 КБ / 1,2 МБ (en: 36 KB / 1.2 MB); sizes are rounded up, never shown as 0."""
    if size < 1024 * 1024:
        return t("size_kb", lang, n=format_number(max(1, math.ceil(size / 1024)), lang))
    return t("size_mb", lang, n=format_number(math.ceil(size / 1024 / 1024 * 10) / 10, lang))


def online_link(links):
    """The e-service to file a claim online: the link with the 'office' icon, else the first e-service."""
    services = [link for link in links or [] if link.get("kind") == "e_service" and link.get("url")]
    return next((link for link in services if link.get("icon") == ONLINE_LINK_ICON), services[0] if services else None)


class TemplateScreen(KioskScreen):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.steps_title = self.ids.steps_title.__self__  # a strong reference (kv ids are weak)
        self.step_widgets = []
        self.calculator_button = None

    def template(self):
        for tpl in (self.app.manifest or {}).get("templates") or []:
            if tpl.get("slug") == self.app.template_slug:
                return tpl
        return None

    def content_key(self):
        app = self.app
        return app.manifest, app.lang, app.template_slug, app.font_scale

    def refresh(self):
        app, lang, ids = self.app, self.app.lang, self.ids
        tpl = self.template()
        if tpl is None:
            ids.title.text = t("nothing_found", lang)
            for key in ("category", "description", "url", "langs", "file_info"):
                ids[key].text = ""
            ids.qr.data = ""
            ids.steps.opacity = 0
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
        shown = files.get(lang) or next((files[code] for code in LANGS if code in files), None)
        ids.file_info.text = self.file_text(shown, lang)
        self.fill_steps(lang)

    def file_text(self, item, lang):
        if not item:
            return ""
        kind = FILE_KINDS.get(item.get("type"), "")
        size = file_size_text(item.get("size") or 0, lang)
        words = t("file_format", lang, kind=kind, size=size) if kind else size
        return with_icon("download", words, 26 * self.app.font_scale)

    def fill_steps(self, lang):
        app, box = self.app, self.ids.steps
        manifest = app.manifest or {}
        box.opacity = 1
        for step in self.step_widgets:
            box.remove_widget(step)
        self.steps_title.text = with_icon("info", t("how_to_file", lang), 32 * app.font_scale)
        steps = [("fill_in", t("step_fill", lang), None), ("pay", t("step_pay", lang),
                                                          "calculator" if manifest.get("fee_rules") else None),
                 ("attach", t("step_attach", lang), None)]
        address = app.pick((manifest.get("court") or {}).get("address"))
        if address:
            steps.append(("file_at_office", t("step_office", lang, address=address), None))
        link = online_link(manifest.get("links"))
        if link:
            steps.append(("file_online", t("step_online", lang, name=app.pick(link.get("title")),
                                           url=link["url"]), None))
        self.step_widgets = []
        for pictogram, words, action in steps:
            step = Factory.FilingStep()
            step.ids.mark.text = icon(pictogram, int(30 * app.font_scale))
            step.ids.words.text = esc(words)
            if action == "calculator":
                button = step.ids.action
                button.text = with_icon("calculator", t("fee_calculator", lang), 26 * app.font_scale)
                button.width, button.opacity, button.disabled = 300 * app.font_scale, 1, False
                button.bind(on_release=lambda *_a: app.go("calculator"))
                self.calculator_button = button
            self.step_widgets.append(step)
            box.add_widget(step)

    def on_enter(self, *_args):
        if self.ids.qr.data and self.app.template_slug:
            self.app.count(f"qr:{self.app.template_slug}")  # the visitor has the QR code in front of them
