"""TemplatesScreen: claim templates by category, with a search box typed on an
on-screen keyboard (Kazakh letters first); the 'low' layout puts the search
box under the lists, just above the keyboard. A template opens its detail
screen with the QR code. The search itself is :func:`kiosk.templates_search.search`.
"""

from kivy.factory import Factory

from kiosk.screens.searchable import SearchScreen
from kiosk.templates_search import search
from kiosk.ui_text import t
from kiosk.widgets.common import KButton, esc
from kiosk.widgets.follow import follow_all


class TemplatesScreen(SearchScreen):
    follows_on_screen = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.category_buttons = {}
        self.result_buttons = {}
        follow_all(self.app, self, search_text="_query_changed", search_category="_query_changed",
                   font_scale="_query_changed")

    @property
    def search_model(self):
        return self.app  # (the app keeps the templates' search_text, search_category and keyboard_open)

    def content_key(self):
        app = self.app
        return app.manifest, app.lang, app.font_scale, app.search_text, app.search_category

    def refresh(self):
        app, lang = self.app, self.app.lang
        manifest = app.manifest or {}
        cats = self.ids.categories
        cats.clear_widgets()
        self.category_buttons = {}
        for code, title in [("", t("all", lang))] + [
                (c.get("code"), app.pick(c.get("title"))) for c in manifest.get("template_categories") or []]:
            button = KButton(text=title, role="secondary", base_size=25, min_height=96, size_hint_x=1)
            button.bind(on_release=lambda _b, c=code: app.set_search_category(c))
            self.category_buttons[code] = button
            cats.add_widget(button)
        self.refresh_keyboard(lang)
        self.update()

    def update(self):
        app, lang = self.app, self.app.lang
        manifest = app.manifest or {}
        for code, button in self.category_buttons.items():
            button.selected = code == app.search_category
        titles = {c.get("code"): app.pick(c.get("title")) for c in manifest.get("template_categories") or []}
        results = self.ids.results
        results.clear_widgets()
        self.result_buttons = {}
        templates = manifest.get("templates") or []
        found = search(templates, app.search_text, app.search_category)
        if not found:
            results.add_widget(Factory.KLabel(text=t("nothing_found" if templates else "no_templates", lang),
                                              role="muted", base_size=30))
        for tpl in found:
            row = Factory.TemplateRow()
            row.text = (f"[b]{esc(app.pick(tpl.get('title')))}[/b]\n"
                        f"[size={int(24 * app.font_scale)}]{esc(titles.get(tpl.get('category'), ''))}[/size]")
            row.bind(on_release=lambda _b, slug=tpl.get("slug"): app.open_template(slug))
            self.result_buttons[tpl.get("slug")] = row
            results.add_widget(row)
