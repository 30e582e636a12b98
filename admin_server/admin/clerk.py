"""The courtroom clerk's phone page: today's hearings of their rooms, one tap per status change.

A clerk (the lowest role) reaches only this page and their profile. Editors and above see every
room here too. Each change goes through admin_server.hearings (validated, audited, revision bumped).
"""
import datetime as dt

from flask import abort, g, render_template, request, url_for

from flask_babel import gettext as _

from .. import hearings
from ..content import get_settings
from ..db import get_db, write_transaction
from ..errors import ValidationError
from .common import blueprint, done, username
from .hearing_words import KIND_NAMES, STATUS_NAMES, change_posted_status, refusal
from .rooms import choices as room_choices
from .security import has_role, requires

bp = blueprint("admin_clerk", __name__, url_prefix="/admin/clerk")

# The buttons a status offers, in the order a hearing usually goes (TRANSITIONS says what is allowed).
ONE_TAP = ("in_progress", "break", "finished")


def my_rooms(db):
    """The clerk's rooms, or None (every room) for editors and above."""
    if has_role(g.user, "editor"):
        return None
    return hearings.user_rooms(db, g.user["id"])


def _today(db) -> str:
    return hearings.court_today(get_settings(db)).isoformat()


def _next_day(db, day: str) -> str:
    """The first date a hearing of ``day`` may be postponed to (the date picker's minimum): the court's
    next working day, so a clerk is not offered a holiday or a weekend first."""
    return hearings.next_court_day(db, dt.date.fromisoformat(day)).isoformat()


def _hearing_or_404(db, hearing_id):
    """A hearing of today in one of this person's rooms; anything else is not theirs to see."""
    row = hearings.get(db, hearing_id)
    rooms = my_rooms(db)
    if row is None or row["date"] != _today(db) or (
            rooms is not None and row["room_id"] not in rooms and row["moved_to_room_id"] not in rooms):
        abort(404, _("This hearing is not one of today's hearings in your courtrooms."))
    return row


def _page(errors=None, status=200):
    db = get_db()
    rooms = my_rooms(db)
    day = _today(db)
    names = dict(room_choices(db, empty=False))
    number = {r["id"]: r["number"] for r in db.query("SELECT id, number FROM rooms")}
    items = [row | {"next": hearings.TRANSITIONS.get(row["status"], ())} for row in hearings.on_day(db, day, rooms)]
    return render_template("admin/clerk.html", items=items, day=day, next_day=_next_day(db, day), rooms=rooms,
                           room_names=names,
                           room_number=number, statuses=STATUS_NAMES, kinds=KIND_NAMES, one_tap=ONE_TAP,
                           errors=errors or {}, everyone=rooms is None,
                           my_room_names=[names.get(r, r) for r in rooms or ()]), status


@bp.get("/")
@requires("clerk")
def index():
    return _page()


@bp.post("/<int:row_id>/status")
@requires("clerk")
def status(row_id):
    db = get_db()
    row = _hearing_or_404(db, row_id)
    try:
        said = change_posted_status(db, row, username())
    except ValidationError as e:
        return _page({row_id: refusal(e, row, request.form.get("status", ""))}, 422)
    return done(url_for("admin_clerk.index") + f"#h-{row_id}", said)


@bp.post("/<int:row_id>/note")
@requires("clerk")
def note(row_id):
    db = get_db()
    row = _hearing_or_404(db, row_id)
    try:
        with write_transaction(db):
            hearings.change_note(db, row_id, request.form.get("note", ""), by=username())
    except ValidationError as e:
        return _page({row_id: refusal(e, row)}, 422)
    return done(url_for("admin_clerk.index") + f"#h-{row_id}", _("The note is saved."))
