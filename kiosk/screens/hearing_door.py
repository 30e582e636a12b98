"""DoorSign: one courtroom's hearings on the screen by its door (``court-kiosk --room 305``).

The room's number, name and floor on the left; on the right what is on now,
what comes next and what comes later today (a hearing moved here counts; one
moved away or postponed says where and when it is now; finished, cancelled and
long-past ones are left out: :func:`kiosk.hearings_text.door_plan`). Closed
hearings show time and the words only. Built by the display screen in place
of its video and board; it follows the feed, the day, the language and the clock.

"Later today" shows as many rows as fit under "next" (read from 3-5 m: no text under
32 px) and then a line saying how many more there are; the rest move up as the day goes on.
"""

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk import hearings_text as ht
from kiosk.screens.hearing_parts import BoardRow, fill_board_row
from kiosk.ui_text import t
from kiosk.widgets import load_kv

MAX_LATER = 20  # rows built for "later today" at most (a portrait panel lays the sign out 3413 px high)


class DoorRow(BoardRow):
    """A board row on the door: the room is this one (left out), a postponed hearing says only when
    it is now (its badge says it is postponed), and it is a little taller than the board's so the
    badge in large text still leaves the case its line."""

    HEIGHT = 132


class DoorSign(BoxLayout):
    room_number = StringProperty("")
    GAP = NumericProperty(12)

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)
        from kivy.app import App

        self.app = App.get_running_app()
        self._later = []  # (hearing, rooms, lang, room id) waiting to be shown under "later today"
        self.hidden = 0  # later hearings that did not fit ("+N more")
        self._fit_trigger = Clock.create_trigger(self._fit_later)
        for widget in (self.ids.ahead, self.ids.next_title, self.ids.next, self.ids.later_title):
            widget.bind(height=self._fit_trigger)

    def refresh(self):
        app, lang, ids = self.app, self.app.lang, self.ids
        room = ht.room_by_number(app.manifest, self.room_number)
        ids.number.text = self.room_number
        if room is None:
            ids.name.text = t("room_unknown", lang, room=self.room_number)
            ids.floor.text = ""
            plan = {"now": [], "next": None, "later": []}
        else:
            name = app.pick(room.get("name"))
            ids.name.text = name if name != self.room_number else ""
            ids.floor.text = ht.floor_text(room, lang)
            plan = ht.door_plan(app.hearings.today(), room["id"], app.local_now().time())
        ids.now_title.text = t("hearing_now", lang)
        ids.next_title.text = t("hearing_next", lang)
        ids.later_title.text = t("hearing_later", lang) if plan["later"] else ""
        rooms = app.hearings.rooms()
        self._fill_card(ids.now_card, plan["now"][0] if plan["now"] else None, rooms, lang, t("no_hearing_now", lang))
        ids.next.clear_widgets()
        if plan["next"] is None:
            ids.next.add_widget(Factory.KLabel(text=t("no_more_hearings", lang), role="muted", base_size=36))
        else:
            ids.next.add_widget(self._row(plan["next"], rooms, lang, room["id"]))
        self._later = [(hearing, rooms, lang, room["id"]) for hearing in plan["later"]]
        ids.later.clear_widgets()  # (rebuilt: the words may be another language's now)
        self._fit_later()
        self._fit_trigger()  # again once the titles and "next" have their heights

    def rows_that_fit(self, count):
        """How many of ``count`` later rows fit under "later today" (with room for the "+N more" line
        when not all of them do), from the heights laid out now."""
        ids, gap = self.ids, self.GAP
        # the column: next title, next, later title, later, the filler: four gaps
        room = ids.ahead.height - ids.next_title.height - ids.next.height - ids.later_title.height - 4 * gap
        step = DoorRow.HEIGHT + gap
        if count * step - gap <= room:
            return count
        probe = self._more_label("+0")
        probe.texture_update()  # (its height follows its text: one line)
        more = probe.height + gap
        return max(0, int((room - more + gap) // step))

    def _fit_later(self, *_args):
        later = self.ids.later
        shown = self.rows_that_fit(min(len(self._later), MAX_LATER))
        rows = [w for w in later.children[::-1] if isinstance(w, DoorRow)]
        hidden = len(self._later) - shown
        if len(rows) == shown and self.hidden == hidden and rows:
            return  # (nothing changed: the heights it was bound to settle without a loop)
        later.clear_widgets()
        for args in self._later[:shown]:
            later.add_widget(self._row(*args))
        self.hidden = hidden
        if hidden:
            lang = self._later[0][2]
            later.add_widget(self._more_label(t("hearings_more", lang, n=hidden)))

    @staticmethod
    def _more_label(text):
        return Factory.KLabel(text=text, role="muted", base_size=34, bold=True)

    @staticmethod
    def _row(hearing, rooms, lang, room_id):
        row = DoorRow()
        fill_board_row(row, hearing, rooms, lang, with_room=False)
        if hearing["status"] == "postponed" and ht.when_text(hearing.get("postponed_to"), lang):
            row.ids.case.text = ht.when_text(hearing["postponed_to"], lang)
        if hearing["status"] == "moved" and hearing.get("moved_to_room_id") == room_id:
            # Moved here: on this door it is to be heard, not "moved to another room"; the
            # line under the badge still says it moved to this room.
            row.status = "scheduled"
            row.ids.badge.show("scheduled", lang)
        return row

    def _fill_card(self, card, hearing, rooms, lang, empty):
        ids = card.ids
        if hearing is None:
            card.status = ""
            ids.time.text = ""
            ids.badge.opacity = 0
            ids.case.text = empty
            ids.people.text = ""
            return
        card.status = hearing["status"]
        ids.time.text = hearing["time"]
        ids.badge.opacity = 1
        ids.badge.show(hearing["status"], lang)
        where = ht.where_now(hearing, rooms, lang)
        if hearing.get("closed"):
            ids.case.text = where or t("closed_hearing", lang)
            ids.people.text = ""
            return
        ids.case.text = where or hearing.get("case_number") or ht.kind_text(hearing["kind"], lang)
        people = [f"{t('judge', lang)}: {hearing['judge']}" if hearing.get("judge") else "",
                  hearing.get("parties") or ""]
        ids.people.text = "\n".join(p for p in people if p)


class DoorCard(BoxLayout):
    status = StringProperty("")
