"""HearingsScreen: today's hearings by time, each with its room and status (colour and
words), and a search by case number, judge or party typed on the on-screen keyboard
(the Kazakh letters first). A row opens the hearing's detail screen.

Rows are built when the feed, the day, the language or the rooms change; a search
only shows and hides the rows already built (typing stays quick with 40 hearings).
"""

from kivy.factory import Factory

from kiosk.screens.hearing_parts import HearingRow, fill_row
from kiosk.screens.searchable import SearchScreen
from kiosk.ui_text import format_date, t, weekday_name
from kiosk.widgets.follow import follow_all


class HearingsScreen(SearchScreen):
    search_hint = "hearings_search_hint"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.rows = {}  # hearing id -> HearingRow, in time order
        self.state = self.app.hearings
        follow_all(self.state, self, feed="_changed", day="_changed", query="_query_changed")

    @property
    def search_model(self):
        return self.app.hearings

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
        self.refresh_keyboard(lang)
        self.update()

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
