"""SearchScreen: what the hearings and templates screens share for their search typed on the on-screen
keyboard -- the search box's text, the keyboard's key labels and letters for the language, opening and
hiding it, and the 'low' layout's search box just above the keyboard.

A subclass's kv has ``column`` (holding ``search_row``), ``keyboard`` (an OnScreenKeyboard) and a search box
whose text is ``root.search_label(...)``; it says where the typed query lives (:attr:`search_model`, an
object with a ``keyboard_open`` property), which hint the empty box shows (:attr:`search_hint`), and
what :meth:`update` shows for the query.
"""

from kivy.utils import get_hex_from_color

from kiosk.icons import icon
from kiosk.screens.base import KioskScreen
from kiosk.ui_text import t
from kiosk.widgets import keyboard  # noqa: F401  (OnScreenKeyboard for the kv)
from kiosk.widgets.common import esc
from kiosk.widgets.follow import follow_all


class SearchScreen(KioskScreen):
    search_hint = "search_hint"  # the ui_text key shown in the empty search box

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        follow_all(self.search_model, self, keyboard_open="_keyboard_changed")
        if self.app.layout == "low":
            # wheelchair reach: the search box sits just above the keyboard, below the list
            column, row = self.ids.column, self.ids.search_row
            column.remove_widget(row)
            column.add_widget(row, index=1)

    @property
    def search_model(self):
        """The object whose ``keyboard_open`` (and query) this screen's search follows."""
        raise NotImplementedError

    def refresh_keyboard(self, lang):
        """The keyboard's key labels and letters for ``lang`` (Latin for English, else Cyrillic and Kazakh)."""
        kb = self.ids.keyboard
        kb.labels = {"space": t("space", lang), "back": t("delete", lang), "clear": t("clear", lang),
                     "hide": t("hide_keyboard", lang)}
        kb.layout = "lat" if lang == "en" else "cyr"
        self._keyboard_changed()

    def _query_changed(self, *_args):
        if self.visible:  # (a hidden screen catches up when it is shown)
            self.update()

    def _keyboard_changed(self, *_args):
        self.ids.keyboard.shown = self.search_model.keyboard_open

    def open_keyboard(self):
        self.search_model.keyboard_open = True

    def search_label(self, text, lang, open_, colours, scale=1.0):
        """The search box: a magnifier, then the typed text with a cursor, or the hint in the muted colour."""
        cursor = "|" if open_ else ""
        magnifier = icon("search", int(30 * scale)) + "  "
        if text:
            return magnifier + esc(text) + cursor
        return f"{magnifier}{cursor}[color={get_hex_from_color(colours['muted'])}]{esc(t(self.search_hint, lang))}[/color]"

    def update(self):
        """Show what the search finds."""
