"""LanguageSwitch: KZ / RU / EN buttons, each with the language's own name under it; the chosen one is marked."""

from kivy.uix.boxlayout import BoxLayout

from kiosk.ui_text import LANG_LABELS, LANG_NAMES, LANGS
from kiosk.widgets.common import KButton, esc


class LanguageSwitch(BoxLayout):
    def __init__(self, **kwargs):
        kwargs.setdefault("spacing", 8)
        super().__init__(**kwargs)
        from kivy.app import App

        app = App.get_running_app()
        self.buttons = {}
        for lang in LANGS:
            button = KButton(base_size=30, bold=True, min_height=110, markup=True)
            button.bind(on_release=lambda _b, code=lang: app.set_lang(code))
            self.buttons[lang] = button
            self.add_widget(button)
        app.bind(lang=self._mark, font_scale=self._label)
        self._mark(app, app.lang)
        self._label(app, app.font_scale)

    def _label(self, _app, scale):
        for code, button in self.buttons.items():
            button.text = f"{LANG_LABELS[code]}\n[size={int(15 * scale)}][b]{esc(LANG_NAMES[code])}[/b][/size]"

    def _mark(self, _app, lang):
        for code, button in self.buttons.items():
            button.selected = code == lang
