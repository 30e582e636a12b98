"""HearingScreen: one hearing -- time and status, where and when it is now, the case
(never for a closed hearing: time, room and "Closed hearing" only), and the way to
its room: number and name, floor, the way-there text and the floor plan with the
room marked. A moved hearing shows the way to the room it moved to.

It follows the feed while it is open: a clerk's status change shows at once.
"""

from kiosk import hearings_text as ht
from kiosk.screens.base import KioskScreen
from kiosk.screens import hearing_parts  # noqa: F401  (StatusBadge, FloorPlan for the kv)
from kiosk.screens.hearing_parts import plan_source
from kiosk.ui_text import format_date, t
from kiosk.widgets.common import with_icon
from kiosk.widgets.follow import follow_all


class HearingScreen(KioskScreen):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.state = self.app.hearings
        follow_all(self.state, self, feed="_changed", day="_changed", selected="_changed")

    def refresh(self):
        lang, state, ids = self.app.lang, self.state, self.ids
        hearing = state.chosen()
        rooms = state.rooms()
        if hearing is None:  # gone from the feed (midnight, a new import): say so, show nothing stale
            ids.when.text = t("no_hearings_today", lang) if not state.today() else t("nothing_found", lang)
            for key in ("where", "case", "kind", "judge", "parties", "room", "floor", "way_title", "way"):
                ids[key].text = ""
            ids.badge.opacity = 0
            ids.plan.source = ""
            ids.plan.mark_x = ids.plan.mark_y = -1
            return
        ids.badge.opacity = 1
        ids.when.text = f"{hearing['time']}  ·  {format_date(state.date, lang, year=False)}"
        ids.badge.show(hearing["status"], lang)
        ids.where.text = ht.where_now(hearing, rooms, lang)
        if hearing.get("closed"):
            ids.case.text = t("closed_hearing", lang)
            ids.kind.text = ids.judge.text = ids.parties.text = ""
        else:
            ids.case.text = (f"{t('case_number', lang)}: {hearing['case_number']}"
                             if hearing.get("case_number") else "")
            ids.kind.text = ht.kind_text(hearing["kind"], lang)
            ids.judge.text = f"{t('judge', lang)}: {hearing['judge']}" if hearing.get("judge") else ""
            ids.parties.text = f"{t('parties', lang)}: {hearing['parties']}" if hearing.get("parties") else ""
        room = rooms.get(ht.current_room_id(hearing))
        ids.room.text = ht.room_label(room, lang) or t("courtroom", lang)
        ids.floor.text = ht.floor_text(room, lang)
        way = ht.way_text(room, lang)
        ids.way_title.text = with_icon("way_there", t("way_there", lang), 28 * self.app.font_scale) if way else ""
        ids.way.text = way
        plan = (room or {}).get("plan") or {}
        ids.plan.source = plan_source(self.app, room)
        ids.plan.mark_x = plan.get("x", -1) if ids.plan.source else -1
        ids.plan.mark_y = plan.get("y", -1) if ids.plan.source else -1
