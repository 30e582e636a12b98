"""HearingsState: the hearings feed and what a visitor did with it, as Kivy properties.

The app owns one (``app.hearings``). The sync thread hands new feeds to
:meth:`offer` (it hops to the UI thread); the hearing screens and the display
board bind to ``feed`` and ``day``. ``day`` is the court-local date, checked
whenever the app's clock ticks over a minute, so at midnight yesterday's
hearings leave every screen with no server action. The visitor's search,
keyboard and chosen hearing are cleared by :meth:`reset` when the attract loop
comes back (the app's idle reset).
"""

import datetime as dt

from kivy.clock import Clock
from kivy.event import EventDispatcher
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from court_contract.hearings import board, on_day
from kiosk.hearings_text import rooms_by_id, search


class HearingsState(EventDispatcher):
    feed = ObjectProperty(None, allownone=True)
    day = StringProperty("")  # the court-local date, YYYY-MM-DD
    query = StringProperty("")
    keyboard_open = BooleanProperty(False)
    selected = NumericProperty(-1)  # the id of the hearing on the detail screen

    def __init__(self, app, feed=None, **kwargs):
        super().__init__(**kwargs)
        self.app = app
        self.feed = feed
        self.check_day()
        app.bind(clock_time=self.check_day, current=self._screen_changed)

    # --- the feed -----------------------------------------------------------------
    def offer(self, feed):
        """The sync thread's ``on_hearings``: hand the feed to the UI thread."""
        Clock.schedule_once(lambda _dt: self.set_feed(feed))

    def set_feed(self, feed):
        self.feed = feed
        self.check_day()

    def check_day(self, *_args):
        day = self.app.today().isoformat()
        if day != self.day:
            self.day = day

    @property
    def date(self):
        return dt.date.fromisoformat(self.day)

    def today(self):
        """Today's hearings in time order (running ones first at the same time)."""
        return on_day(self.feed, self.date)

    def board(self):
        """Today's hearings in the display board's order."""
        return board(self.feed, self.date)

    def found(self):
        return search(self.today(), self.query)

    def rooms(self):
        return rooms_by_id(self.app.manifest)

    def chosen(self):
        """The hearing on the detail screen, as the feed says it now (None once it is gone)."""
        return next((h for h in self.today() if h["id"] == self.selected), None)

    # --- the visitor ----------------------------------------------------------------
    def key(self, key):
        from kiosk.widgets.keyboard import apply_key

        if key == "hide":
            self.keyboard_open = False
            return
        self.query = apply_key(self.query, key)

    def _screen_changed(self, _app, name):
        if name == "attract":  # the visitor left (idle reset): the next one starts afresh
            self.reset()

    def reset(self):
        self.query = ""
        self.keyboard_open = False
        self.selected = -1
