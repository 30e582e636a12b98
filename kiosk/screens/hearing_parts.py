"""Pieces the hearing screens and the display board share: the status badge,
a list row, a board row and the floor plan with the room marked.

Each is filled from one feed item by a function here, so the list, the
detail screen, the board and the door sign say a hearing the same way
(the words come from :mod:`kiosk.hearings_text`).
"""

from kivy.graphics import Color, Ellipse, Line
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.image import Image
from kivy.uix.label import Label

from kiosk import hearings_style
from kiosk import hearings_text as ht
from kiosk.ui_text import t
from kiosk.widgets import load_kv
from kiosk.widgets.crisp import CrispText


class StatusBadge(CrispText, Label):
    """The status in words on its colour (never colour alone); as wide as its words, and
    wrapped onto more lines rather than wider than ``max_width``."""

    status = StringProperty("scheduled")
    base_size = NumericProperty(26)
    max_width = NumericProperty(420)
    background = ListProperty(hearings_style.badge("scheduled")[0])

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)
        self.bind(texture_size=self._fit, max_width=self._unwrap)

    def on_status(self, *_args):
        self.background, self.color = hearings_style.badge(self.status)

    def show(self, status, lang):
        self.status = status
        self.on_status()
        self._unwrap()
        self.text = ht.status_text(status, lang)

    def _unwrap(self, *_args):
        self.text_size = (None, None)  # measure the words on one line first

    def _fit(self, *_args):
        if self.text_size[0] is None and self.texture_size[0] > self.max_width:
            self.text_size = (self.max_width - 2 * self.padding[0], None)


class HearingRow(ButtonBehavior, BoxLayout):
    """One hearing in the kiosk's list: time, room, status, then what the court may say about it;
    ``greyed`` once it is finished or cancelled."""

    hearing_id = NumericProperty(-1)
    status = StringProperty("scheduled")
    greyed = BooleanProperty(False)

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)


class BoardRow(BoxLayout):
    """One hearing on the display board: time, room, status, case number -- read from across the room."""

    HEIGHT = 124  # every row the same height, so a page holds a known number of them
    status = StringProperty("scheduled")
    greyed = BooleanProperty(False)
    badge_size = NumericProperty(34)

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)


class FloorPlan(Image):
    """A floor plan image with a marker on the room at (``mark_x``, ``mark_y``), fractions of the
    picture from its top-left corner; the marker follows the picture as it is fitted into the box."""

    mark_x = NumericProperty(-1.0)
    mark_y = NumericProperty(-1.0)
    MARK_R = 22  # the red dot; a white rim and a red ring around it stand out on any plan

    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)
        with self.canvas.after:
            self._rim_colour = Color(1, 1, 1, 0)
            self._rim = Ellipse(size=(2 * self.MARK_R + 16,) * 2)
            self._dot_colour = Color(0.78, 0.06, 0.1, 0)
            self._dot = Ellipse(size=(2 * self.MARK_R,) * 2)
            self._ring = Line(width=5)
        self.bind(pos=self._place, size=self._place, texture=self._place, mark_x=self._place, mark_y=self._place)

    def _place(self, *_args):
        at = self.marker_pos()
        alpha = 1 if at else 0
        self._rim_colour.a = self._dot_colour.a = alpha
        x, y = at or (0, 0)
        r = self.MARK_R
        self._rim.pos = (x - r - 8, y - r - 8)
        self._dot.pos = (x - r, y - r)
        self._ring.circle = (x, y, r + 24)

    def marker_pos(self):
        """Where the marker's centre is drawn (widget coordinates), or None without a position."""
        if not (0 <= self.mark_x <= 1 and 0 <= self.mark_y <= 1) or not self.texture:
            return None
        width, height = self.norm_image_size
        left = self.center_x - width / 2
        top = self.center_y + height / 2
        return left + self.mark_x * width, top - self.mark_y * height


def plan_source(app, room):
    """The cached file of the room's floor plan, or "" (no plan, or not downloaded)."""
    plan = (room or {}).get("plan")
    cache = getattr(app.env, "cache", None)
    if not isinstance(plan, dict) or not isinstance(plan.get("file"), dict) or cache is None:
        return ""
    try:
        path = cache.media_path(plan["file"].get("sha256"))
    except Exception:  # a malformed digest is no plan, not a broken screen
        return ""
    return str(path) if path.is_file() else ""


def fill_row(row, hearing, rooms, lang):
    """Put one hearing into a :class:`HearingRow`; a closed hearing gets time, room and the words only."""
    row.hearing_id = hearing["id"]
    row.status = hearing["status"]
    ids = row.ids
    ids.time.text = hearing["time"]
    number = ht.room_number(rooms, hearing.get("room_id"))  # the name is on the detail screen
    ids.room.text = f"{t('hall', lang)} {number}" if number else "—"
    ids.badge.show(hearing["status"], lang)
    ids.where.text = ht.where_now(hearing, rooms, lang)
    if hearing.get("closed"):
        ids.case.text = t("closed_hearing", lang)
        ids.judge.text = ids.parties.text = ""
        return
    ids.case.text = "  ·  ".join(x for x in (hearing.get("case_number") or "", ht.kind_text(hearing["kind"], lang))
                                 if x)
    ids.judge.text = f"{t('judge', lang)}: {hearing['judge']}" if hearing.get("judge") else ""
    ids.parties.text = hearing.get("parties") or ""


def fill_board_row(row, hearing, rooms, lang, with_room=True):
    """Put one hearing into a :class:`BoardRow` (closed: the words instead of the case number;
    a door sign's rows leave the room out)."""
    row.status = hearing["status"]
    ids = row.ids
    ids.time.text = hearing["time"]
    number = ht.room_number(rooms, hearing.get("room_id"))
    ids.room.text = f"{t('hall', lang)} {number}" if with_room and number else ""
    ids.badge.show(hearing["status"], lang)
    where = ht.where_now(hearing, rooms, lang)
    if hearing.get("closed"):
        ids.case.text = where or t("closed_hearing", lang)
    else:
        ids.case.text = where or hearing.get("case_number") or ht.kind_text(hearing["kind"], lang)
