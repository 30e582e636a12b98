"""Hearings for editors and publishers: a day's list, add, edit, delete (the import is admin/hearings_import.py).

Hearings are live data: a change here reaches the screens with the next feed poll, no publish.
Storage, privacy and the revision are admin_server.hearings; this is the web part.
"""
import datetime as dt

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import hearings
from ..content import get_settings
from ..db import get_db, write_transaction
from ..errors import ValidationError
from .common import blueprint, done, username
from .fields import Field, character_errors
from .hearing_words import KIND_NAMES, STATUS_NAMES, change_posted_status, refusal
from .rooms import choices as room_choices
from .security import requires
from .text_rules import checks_own_text

bp = blueprint("admin_hearings", __name__, url_prefix="/admin/hearings")

FIELDS = (
    Field("date", _l("Date"), "date", required=True, row="when"),
    Field("time", _l("Time"), "time", required=True, row="when"),
    Field("room_id", _l("Courtroom"), "choice", choices=lambda db: room_choices(db)),
    Field("case_number", _l("Case number"), "text", required=True, max_length=500,
          help=_l("As in the case management system, e.g. 7594-26-00-2/1173.")),
    Field("case_kind", _l("Kind of case"), "choice", required=True, choices=tuple(KIND_NAMES.items())),
    Field("judge", _l("Judge"), "text", max_length=500),
    Field("parties", _l("Parties"), "textarea", max_length=500,
          help=_l("Separate the parties with “ – ” or “;”. Screens show them as the settings say (initials by "
                  "default); a closed hearing never shows them.")),
    Field("closed", _l("Closed hearing"), "bool",
          warning=_l("A closed hearing shows only its time, room and status: never its case number, judge, "
                     "parties or note.")),
    Field("note", _l("Note for the screens"), "text", max_length=200),
)


def _day_arg(db) -> str:
    text = request.args.get("day") or hearings.court_today(get_settings(db)).isoformat()
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        abort(400, _("Give the day like 2026-12-07."))


def _row_or_404(db, hearing_id):
    row = hearings.get(db, hearing_id)
    if row is None:
        abort(404, _("This hearing does not exist (it may have been deleted)."))
    return row


@bp.get("/")
@requires("editor")
def index():
    db = get_db()
    day = _day_arg(db)
    today = hearings.court_today(get_settings(db))
    date = dt.date.fromisoformat(day)
    rooms = {r["id"]: r["number"] for r in db.query("SELECT id, number FROM rooms")}
    return render_template(
        "admin/hearings.html", day=day, items=hearings.on_day(db, day), rooms=rooms, statuses=STATUS_NAMES,
        kinds=KIND_NAMES, today=today.isoformat(), next_day=hearings.next_court_day(db, today).isoformat(),
        previous=(date - dt.timedelta(days=1)).isoformat(), following=(date + dt.timedelta(days=1)).isoformat(),
        counts=hearings.counts(db, [day])[day])


def _form(row=None, values=None, errors=None, status=200):
    db = get_db()
    return render_template("admin/hearing_form.html", row=row, fields=FIELDS, values=values or {},
                           errors=errors or {}, choices={f.name: f.choice_list(db) for f in FIELDS if f.kind == "choice"},
                           statuses=STATUS_NAMES), status


def _posted() -> dict:
    form = request.form
    values = {f.name: form.get(f.name, "") for f in FIELDS}
    values["closed"] = form.get("closed") in ("1", "on", "true")
    return values


def _shown(row) -> dict:
    return {f.name: ("" if row.get(f.name) is None else row[f.name]) for f in FIELDS} | {"closed": bool(row["closed"])}


@bp.route("/new", methods=["GET", "POST"])
@requires("editor")
@checks_own_text
def new():
    db = get_db()
    if request.method == "GET":
        return _form(values={"date": _day_arg(db), "case_kind": "civil"})
    values = _posted()
    if errors := character_errors(FIELDS, request.form):
        return _form(None, values, errors, 422)
    try:
        with write_transaction(db):
            hearing_id = hearings.add(db, values, by=username())
    except ValidationError as e:
        return _form(None, values, {e.field: refusal(e)}, 422)
    row = hearings.get(db, hearing_id)
    return done(url_for("admin_hearings.index", day=row["date"]),
                _("Added the hearing %(case)s.", case=row["case_number"]))


@bp.route("/<int:row_id>/edit", methods=["GET", "POST"])
@requires("editor")
@checks_own_text
def edit(row_id):
    db = get_db()
    row = _row_or_404(db, row_id)
    if request.method == "GET":
        return _form(row, _shown(row))
    values = _posted()
    if errors := character_errors(FIELDS, request.form):
        return _form(row, values, errors, 422)
    try:
        with write_transaction(db):
            row = hearings.update(db, row_id, values, by=username())
    except ValidationError as e:
        return _form(row, values, {e.field: refusal(e)}, 422)
    return done(url_for("admin_hearings.index", day=row["date"]) + f"#h-{row_id}",
                _("Saved the hearing %(case)s.", case=row["case_number"]))


@bp.post("/<int:row_id>/status")
@requires("editor")
def status(row_id):
    db = get_db()
    row = _row_or_404(db, row_id)
    try:
        said = change_posted_status(db, row, username())
    except ValidationError as e:
        return _form(row, _shown(row), {"status": refusal(e, row, request.form.get("status", ""))}, 422)
    return done(url_for("admin_hearings.index", day=row["date"]) + f"#h-{row_id}", said)


@bp.route("/<int:row_id>/delete", methods=["GET", "POST"])
@requires("editor")
def delete(row_id):
    db = get_db()
    row = _row_or_404(db, row_id)
    label = f"{row['date']} {row['time']} {row['case_number']}"
    if request.method == "GET":
        return render_template("admin/hearing_delete.html", label=label,
                               back=url_for("admin_hearings.index", day=row["date"]))
    with write_transaction(db):
        hearings.delete(db, row_id, by=username())
    return done(url_for("admin_hearings.index", day=row["date"]), _("Deleted “%(name)s”.", name=label))
