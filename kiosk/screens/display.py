"""DisplayScreen: the waiting-room TV (``court-kiosk --mode display``), 1920x1080, no touch.

A header with the court's name, the language on show and the clock; the
scheduled playlist in a large video zone with the clip's title under it;
beside it today's hearings board (running hearings first, statuses in colour
and words, a page every PAGE_S seconds when they do not fit) taking turns
with today's personal reception (who, when, where; the next receptions when
there is none today); the announcements ticker along the bottom. The app
rotates the language kk -> ru -> en on a timer, and every text here follows
``app.lang``. Sizes are for reading from 3-5 m: nothing smaller than 32 px.

With a room set (``court-kiosk --room 305``) the screen is that courtroom's
door sign instead (:class:`kiosk.screens.hearing_door.DoorSign`).
"""

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from court_contract import reception
from kiosk import hearings_text
from kiosk.screens.base import KioskScreen
from kiosk.screens.hearing_parts import BoardRow, fill_board_row
from kiosk.ui_text import format_date, room_words, t, weekday_name
from kiosk.video import surface  # noqa: F401  (VideoSurface for the kv)
from kiosk.widgets import ticker  # noqa: F401  (Ticker for the kv)
from kiosk.widgets.crisp import CrispText

MAX_SLOTS = 3  # at most; cards that do not fit beside the video are dropped after layout
MAX_UPCOMING = 2
PAGE_S = 10.0  # each page of the hearings board (and the reception) stays this long


class LangMark(CrispText, Label):
    """KZ / RU / EN in the header; the language on show is marked (gold)."""

    lang = StringProperty("")
    selected = BooleanProperty(False)


class DisplaySlot(BoxLayout):
    """One reception: when, who, position, where; ``role`` "highlight" while it is happening."""

    role = StringProperty("panel")
    today = BooleanProperty(True)


class DisplayScreen(KioskScreen):
    ROW_GAP = 12
    showing_reception = BooleanProperty(True)
    page_index = NumericProperty(0)  # which page of the right half: hearings pages, then the reception

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.app.bind(clock_time=self._changed)  # "today" and "happening now" move with the clock
        self.app.hearings.bind(feed=self._changed, day=self._changed)
        self.dropped = 0
        self._trim_event = None
        self._page_event = None
        self.board_pages = [[]]
        self.door = None
        if self.app.env.room:
            self._make_door_sign()
        # the cards' heights settle over a frame or two (text textures): check each time they change
        self.ids.reception.bind(height=lambda *_args: self._schedule_trim())
        self.ids.reception_panel.bind(height=lambda *_args: self._schedule_trim())
        self._board_trigger = Clock.create_trigger(self.refresh_board)  # once the side is laid out
        self.ids.side.bind(height=lambda *_args: self._board_trigger())

    def _make_door_sign(self):
        from kiosk.screens.hearing_door import DoorSign

        body = self.ids.body
        column = body.parent
        self.door = DoorSign(room_number=str(self.app.env.room))
        column.add_widget(self.door, index=column.children.index(body))
        column.remove_widget(body)
        # kept alive (ids are weak proxies: the proxy alone would let it go, and then on_leave and the
        # layout check meet a dead id): its kv bindings (video, caption) hold weak references to it
        self._video_body = body.__self__

    def no_video_text(self, lang):
        return t("no_videos", lang)

    def caption(self, index, videos, lang):
        if index is not None and 0 <= index < len(videos):
            return self.app.pick(videos[index].get("title"), lang)
        return ""

    def refresh(self):
        if self.door is not None:
            self.door.refresh()
            return
        self.refresh_board()
        self.refresh_reception()

    # --- the hearings board ------------------------------------------------------
    def rows_per_page(self):
        """How many board rows fit under the board's title (from the panel's laid-out height)."""
        panel = self.ids.hearings_panel
        room = self.ids.side.height - self.ids.hearings_title.height - panel.spacing
        return max(1, int((room + self.ROW_GAP) // (BoardRow.HEIGHT + self.ROW_GAP)))

    def refresh_board(self, *_args):
        if self.door is not None:
            return
        app, lang = self.app, self.app.lang
        hearings = app.hearings.board()
        self.board_pages = hearings_text.pages(hearings, self.rows_per_page())
        if self.page_index > len(self.board_pages):
            self.page_index = 0
        self.ids.hearings_title.text = t("hearings", lang)
        self._show_page()

    def _show_page(self):
        app, lang = self.app, self.app.lang
        have_hearings = bool(self.board_pages[0])
        # no hearings today: the reception has the whole half
        self.showing_reception = not have_hearings or self.page_index >= len(self.board_pages)
        index = min(self.page_index, len(self.board_pages) - 1)
        count = len(self.board_pages)
        self.ids.page.text = f"{index + 1} / {count}" if count > 1 else ""
        box = self.ids.board
        box.clear_widgets()
        rooms = app.hearings.rooms()
        for hearing in self.board_pages[index]:
            row = BoardRow()
            fill_board_row(row, hearing, rooms, lang)
            box.add_widget(row)

    def next_page(self, *_args):
        """The next page of hearings; after the last one, the reception; then the first again."""
        if self.app.snapshotter is not None:
            return  # a snapshot shows the first page in every language
        self.page_index = (self.page_index + 1) % (len(self.board_pages) + 1)
        self._show_page()

    # --- today's reception -----------------------------------------------------------
    def refresh_reception(self):
        app, lang = self.app, self.app.lang
        slots = (app.manifest or {}).get("reception") or []
        holidays = (app.manifest or {}).get("holidays") or []
        now = app.local_now()
        box = self.ids.reception
        box.clear_widgets()
        self.dropped = 0
        self._schedule_trim()
        today = reception.slots_on(slots, now.date(), holidays)
        self.ids.reception_title.text = t("reception_today" if today else "no_reception_today", lang)
        for slot in today[:MAX_SLOTS]:
            start = now.replace(hour=int(slot["start"][:2]), minute=int(slot["start"][3:5]), second=0, microsecond=0)
            end = now.replace(hour=int(slot["end"][:2]), minute=int(slot["end"][3:5]), second=0, microsecond=0)
            running = start <= now < end
            card = self._card(slot, f"{slot['start']}–{slot['end']}", highlight=running)
            card.ids.badge.text = t("now_on", lang) if running else ""
            box.add_widget(card)
        if today:
            return
        upcoming = [(slot, start) for slot, start in reception.next_for_each_person(slots, now, holidays)
                    if start.date() != now.date()][:MAX_UPCOMING]
        if upcoming:
            box.add_widget(Factory.KLabel(text=t("next_reception", lang), role="muted", base_size=40, bold=True))
        for slot, start in upcoming:
            when = (f"{weekday_name(start.isoweekday(), lang)}, {format_date(start.date(), lang, year=False)}, "
                    f"{slot['start']}–{slot['end']}")
            card = self._card(slot, when, highlight=False)
            card.today = False
            box.add_widget(card)

    def _schedule_trim(self):
        if self._trim_event is not None:
            self._trim_event.cancel()
        self._trim_event = Clock.schedule_once(self.trim, 0.05)

    def trim(self, *_args):
        """Drop the last card while the list is taller than the panel (long names, many slots)."""
        self._trim_event = None
        box, panel = self.ids.reception, self.ids.reception_panel
        room = panel.height - panel.padding[1] - panel.padding[3] - self.ids.reception_title.height - panel.spacing
        cards = [c for c in box.children if isinstance(c, DisplaySlot)]  # the last added first
        if panel.height > 0 and box.height > room + 1 and len(cards) > 1:
            box.remove_widget(cards[0])
            self.dropped += 1
            self._schedule_trim()

    def _card(self, slot, when, highlight):
        app, lang = self.app, self.app.lang
        card = DisplaySlot()
        card.role = "highlight" if highlight else "panel"
        card.ids.when.text = when
        card.ids.person.text = app.pick(slot.get("person"))
        card.ids.position.text = app.pick(slot.get("position"))
        place = []
        room = app.pick(slot.get("room"))
        if room:
            place.append(room_words(room, lang))
        if slot.get("phone"):
            place.append(slot["phone"])
        card.ids.place.text = "   ".join(place)
        return card

    def on_pre_enter(self, *_args):
        self.refresh()

    def on_enter(self, *_args):
        if self.door is not None:
            return  # a door sign plays no video
        self.ids.surface.active = True
        self.app.start_video()
        if self._page_event is None:
            self._page_event = Clock.schedule_interval(self.next_page, PAGE_S)

    def on_leave(self, *_args):
        if self._page_event is not None:
            self._page_event.cancel()
            self._page_event = None
        self.ids.surface.active = False
        self.app.stop_video()
