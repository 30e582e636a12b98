"""LanguageSwitch: KZ / RU / EN buttons; the chosen one is marked."""

from kivy.uix.boxlayout import BoxLayout

from kiosk.ui_text import LANG_LABELS, LANGS
from kiosk.widgets.common import KButton


class LanguageSwitch(BoxLayout):
    def __init__(self, **kwargs):
        kwargs.setdefault("spacing", 8)
        super().__init__(**kwargs)
        from kivy.app import App

        app = App.get_running_app()
        self.buttons = {}
        for lang in LANGS:
            button = KButton(text=LANG_LABELS[lang], base_size=30, bold=True, min_height=110)
            button.bind(on_release=lambda _b, code=lang: app.set_lang(code))
            self.buttons[lang] = button
            self.add_widget(button)
        app.bind(lang=self._mark)
        self._mark(app, app.lang)

    def _mark(self, _app, lang):
        for code, button in self.buttons.items():
            button.selected = code == lang
