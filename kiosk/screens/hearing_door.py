"""DoorSign: one courtroom's hearings on the screen by its door (``court-kiosk --room 305``).

The room's number, name and floor on the left; on the right what is on now,
what comes next and what comes later today (a hearing moved here counts; one
moved away or postponed says where and when it is now; finished, cancelled and
long-past ones are left out: :func:`kiosk.hearings_text.door_plan`). Closed
hearings show time and the words only. Built by the display screen in place
of its video and board; it follows the feed, the day, the language and the clock.
"""

from kivy.factory import Factory
from kivy.properties import StringProperty
from kivy.uix.boxlayout import BoxLayout

from kiosk import hearings_text as ht
from kiosk.screens.hearing_parts import BoardRow, fill_board_row
from kiosk.ui_text import t
from kiosk.widgets import load_kv

MAX_LATER = 3  # rows under "later today" (the rest wait until these are over)


class DoorSign(BoxLayout):
    room_number = StringProperty("")

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)
        from kivy.app import App

        self.app = App.get_running_app()

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
        ids.later.clear_widgets()
        for hearing in plan["later"][:MAX_LATER]:
            ids.later.add_widget(self._row(hearing, rooms, lang, room["id"]))

    @staticmethod
    def _row(hearing, rooms, lang, room_id):
        row = BoardRow(badge_size=30)  # a column of its own is narrower than the board's
        fill_board_row(row, hearing, rooms, lang, with_room=False)
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
