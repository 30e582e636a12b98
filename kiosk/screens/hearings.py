"""HearingsScreen: today's hearings by time, each with its room and status (colour and
words), and a search by case number, judge or party typed on the on-screen keyboard
(the Kazakh letters first). A row opens the hearing's detail screen.

Rows are built when the feed, the day, the language or the rooms change; a search
only shows and hides the rows already built (typing stays quick with 40 hearings).
"""

from kivy.factory import Factory
from kivy.utils import get_hex_from_color

from kiosk.icons import icon
from kiosk.screens.base import KioskScreen
from kiosk.screens.hearing_parts import HearingRow, fill_row
from kiosk.ui_text import format_date, t, weekday_name
from kiosk.widgets import keyboard  # noqa: F401  (OnScreenKeyboard for the kv)
from kiosk.widgets.common import esc


class HearingsScreen(KioskScreen):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows = {}  # hearing id -> HearingRow, in time order
        self.state = self.app.hearings
        self.state.bind(feed=self._changed, day=self._changed, query=self._query_changed,
                        keyboard_open=self._keyboard_changed)
        if self.app.layout == "low":
            # wheelchair reach: the search box sits just above the keyboard, below the list
            column, row = self.ids.column, self.ids.search_row
            column.remove_widget(row)
            column.add_widget(row, index=1)

    def content_key(self):
        state = self.state
        return state.feed, state.day, self.app.lang, self.app.manifest, self.app.font_scale

    def show(self):
        super().show()
        self.update()  # the search may have been cleared (idle reset) while the rows stayed built

    def refresh(self):
        lang, state = self.app.lang, self.state
        date = state.date
        self.ids.day.text = f"{weekday_name(date.isoweekday(), lang)}, {format_date(date, lang, year=False)}"
        rooms = state.rooms()
        self.rows = {}
        for hearing in state.today():
            row = HearingRow()
            fill_row(row, hearing, rooms, lang)
            row.bind(on_release=lambda r: self.open(r.hearing_id))
            self.rows[hearing["id"]] = row
        kb = self.ids.keyboard
        kb.labels = {"space": t("space", lang), "back": t("delete", lang), "clear": t("clear", lang),
                     "hide": t("hide_keyboard", lang)}
        kb.layout = "lat" if lang == "en" else "cyr"
        self._keyboard_changed()
        self.update()

    def _query_changed(self, *_args):
        if self.visible:
            self.update()

    def _keyboard_changed(self, *_args):
        self.ids.keyboard.shown = self.state.keyboard_open

    def open_keyboard(self):
        self.state.keyboard_open = True

    def search_label(self, text, lang, open_, colours, scale=1.0):
        """The search box: a magnifier, then the typed text with a cursor, or the hint in the muted colour."""
        cursor = "|" if open_ else ""
        magnifier = icon("search", int(30 * scale)) + "  "
        if text:
            return magnifier + esc(text) + cursor
        return f"{magnifier}{cursor}[color={get_hex_from_color(colours['muted'])}]{esc(t('hearings_search_hint', lang))}[/color]"

    def update(self):
        """Show the rows the search finds (all of them without a search)."""
        lang, state = self.app.lang, self.state
        box = self.ids.results
        box.clear_widgets()
        found = {h["id"] for h in state.found()}
        shown = [row for ident, row in self.rows.items() if ident in found]
        for row in shown:
            box.add_widget(row)
        if not shown:
            box.add_widget(Factory.KLabel(text=t("nothing_found" if self.rows else "no_hearings_today", lang),
                                          role="muted", base_size=32))
        self.ids.scroll.scroll_y = 1

    def open(self, hearing_id):
        self.state.selected = hearing_id
        self.state.keyboard_open = False
        self.app.go("hearing")
