"""DisplayScreen: the waiting-room TV (``court-kiosk --mode display``), 1920x1080, no touch.

A header with the court's name, the language on show and the clock; the
scheduled playlist in a large video zone with the clip's title under it;
today's personal reception (who, when, where; the next receptions when
there is none today); the announcements ticker along the bottom. The app
rotates the language kk -> ru -> en on a timer, and every text here follows
``app.lang``. Sizes are for reading from 3-5 m: nothing smaller than 32 px.
"""

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.label import Label

from court_contract import reception
from kiosk.screens.base import KioskScreen
from kiosk.ui_text import format_date, t, weekday_name
from kiosk.video import surface  # noqa: F401  (VideoSurface for the kv)
from kiosk.widgets import ticker  # noqa: F401  (Ticker for the kv)

MAX_SLOTS = 3  # at most; cards that do not fit beside the video are dropped after layout
MAX_UPCOMING = 2


class LangMark(Label):
    """KZ / RU / EN in the header; the language on show is marked (gold)."""

    lang = StringProperty("")
    selected = BooleanProperty(False)


class DisplaySlot(BoxLayout):
    """One reception: when, who, position, where; ``role`` "highlight" while it is happening."""

    role = StringProperty("panel")
    today = BooleanProperty(True)


class DisplayScreen(KioskScreen):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.app.bind(clock_time=self._changed)  # "today" and "happening now" move with the clock
        self.dropped = 0
        self._trim_event = None
        # the cards' heights settle over a frame or two (text textures): check each time they change
        self.ids.reception.bind(height=lambda *_args: self._schedule_trim())
        self.ids.reception_panel.bind(height=lambda *_args: self._schedule_trim())

    def no_video_text(self, lang):
        return t("no_videos", lang)

    def caption(self, index, videos, lang):
        if index is not None and 0 <= index < len(videos):
            return self.app.pick(videos[index].get("title"), lang)
        return ""

    def refresh(self):
        app, lang = self.app, self.app.lang
        slots = (app.manifest or {}).get("reception") or []
        now = app.local_now()
        box = self.ids.reception
        box.clear_widgets()
        self.dropped = 0
        self._schedule_trim()
        today = reception.slots_on(slots, now.date())
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
        upcoming = [(slot, start) for slot, start in reception.next_for_each_person(slots, now)
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
            place.append(room if any(ch.isalpha() for ch in room) else f"{t('room', lang)} {room}")
        if slot.get("phone"):
            place.append(slot["phone"])
        card.ids.place.text = "   ".join(place)
        return card

    def on_pre_enter(self, *_args):
        self.refresh()

    def on_enter(self, *_args):
        self.ids.surface.active = True
        self.app.start_video()

    def on_leave(self, *_args):
        self.ids.surface.active = False
        self.app.stop_video()
