"""Upload the case system's CSV/XLSX export of the day's hearings: check -> preview -> confirm.

The uploaded file waits in DATA_DIR/hearing-imports under a random name between the preview and the
confirmation (at most an hour), so the confirmation checks exactly the file that was previewed, against
the rooms as they are then. Checking and storing are admin_server.hearings_import's; this page puts its
problems into the user's language.
"""
import json
import secrets
import time
from pathlib import Path

from flask import current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import hearings_import as hi
from ..db import get_db
from ..errors import DatabaseBusy
from .common import blueprint, done, username
from .hearing_words import KIND_NAMES
from .security import requires

bp = blueprint("admin_hearings_import", __name__, url_prefix="/admin/hearings/import")

KEEP_S = 3600
_TOKEN_CHARS = frozenset("0123456789abcdef")

FIELD_NAMES = {"date": _l("date"), "time": _l("time"), "room": _l("room"), "case_number": _l("case number"),
               "case_kind": _l("case kind"), "judge": _l("judge"), "parties": _l("parties"),
               "closed": _l("closed")}
# The same problems as hearings_import.MESSAGES, in the page's language.
MESSAGES = {
    "too_big": _l("The file is larger than %(mb)d MB; export only the days you need."),
    "too_many_rows": _l("The file has more than %(max)d rows; export only the days you need."),
    "not_xlsx": _l("The file is not a readable XLSX workbook (%(why)s); save it again from Excel, or as CSV."),
    "unpacks_too_big": _l("The workbook unpacks to more than %(mb)d MB; save it again with only the hearings."),
    "not_text": _l("The file is neither CSV text (UTF-8 or Windows-1251) nor an XLSX workbook."),
    "bad_csv": _l("The CSV file cannot be read: %(why)s."),
    "empty": _l("The file has no rows of hearings."),
    "too_many_columns": _l("The file has more than %(max)d columns; export only the hearings' columns."),
    "missing_columns": _l("The file has no column for: %(fields)s. Choose below what each of its columns holds."),
    "duplicate_column": _l("Two columns hold the %(field)s (“%(first)s” and “%(second)s”); keep one of them."),
    "control_characters": _l("Row %(row)d: the %(field)s holds control characters (%(chars)s) that screens show "
                             "differently or not at all; remove them in the file."),
    "no_date": _l("Row %(row)d has no date, and no day was chosen for the file."),
    "bad_date": _l("Row %(row)d: “%(value)s” is not a date like 2026-12-04 or 04.12.2026."),
    "bad_time": _l("Row %(row)d: “%(value)s” is not a time like 09:30."),
    "no_room": _l("Row %(row)d has no room."),
    "unknown_room": _l("Row %(row)d: room “%(value)s” is not in the list of rooms."),
    "disabled_room": _l("Row %(row)d: room “%(value)s” is switched off in the list of rooms."),
    "no_case_number": _l("Row %(row)d has no case number."),
    "long_text": _l("Row %(row)d: the %(field)s is longer than %(max)d characters."),
    "no_kind": _l("Row %(row)d has no case kind."),
    "unknown_kind": _l("Row %(row)d: “%(value)s” is not a case kind (civil, criminal, administrative offence, "
                       "administrative)."),
    "bad_closed": _l("Row %(row)d: “%(value)s” does not say whether the hearing is closed (yes or no)."),
    "duplicate": _l("Row %(row)d: case %(value)s at %(time)s is already in row %(first)d."),
    "no_rows_on_day": _l("The file has no hearings on %(day)s."),
}


def problem_text(problem: hi.Problem) -> str:
    values = dict(problem.values)
    if "field" in values:
        values["field"] = str(FIELD_NAMES.get(values["field"], values["field"]))
    if "fields" in values:
        values["fields"] = ", ".join(str(FIELD_NAMES.get(f, f)) for f in values["fields"])
    return str(MESSAGES[problem.code]) % values


def _limit_upload():
    # Before the CSRF check reads the form: a body over the limit is refused unread.
    if request.method == "POST":
        request.max_content_length = hi.MAX_FILE_BYTES + 64 * 1024


bp.before_request_funcs.setdefault(None, []).insert(0, _limit_upload)


def _folder() -> Path:
    return Path(current_app.config["DATA_DIR"]) / "hearing-imports"


def _keep(data: bytes, name: str) -> str:
    """Keep an upload for the confirmation; forget the ones older than KEEP_S. Returns its token."""
    folder = _folder()
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        if old.stat().st_mtime < time.time() - KEEP_S:
            old.unlink(missing_ok=True)
    token = secrets.token_hex(16)
    (folder / f"{token}.bin").write_bytes(data)
    (folder / f"{token}.json").write_text(json.dumps({"name": name, "by": username()}))
    return token


def _kept(token: str) -> tuple[bytes, str] | None:
    if len(token) != 32 or not set(token) <= _TOKEN_CHARS:
        return None
    folder = _folder()
    try:
        meta = json.loads((folder / f"{token}.json").read_text())
        if meta["by"] != username():
            return None
        return (folder / f"{token}.bin").read_bytes(), meta["name"]
    except (OSError, ValueError, KeyError):
        return None


def _forget(token: str) -> None:
    for suffix in (".bin", ".json"):
        (_folder() / f"{token}{suffix}").unlink(missing_ok=True)


def _form_mapping(header: list[str]) -> dict:
    """The user's choices on the mapping form: column title -> field ("" = ignore)."""
    mapping = {}
    for index, title in enumerate(header):
        choice = request.form.get(f"column_{index}")
        if choice is not None and choice in (*hi.FIELDS, ""):
            mapping[title] = choice
    return mapping


def _header(data: bytes, name: str) -> list[str]:
    try:
        return hi.read_table(data, name).header
    except hi.ImportRefused:
        return []


def _day() -> tuple[str | None, str | None]:
    """The page's day (YYYY-MM-DD or empty) and an error sentence."""
    text = request.form.get("day", "").strip()
    if not text:
        return None, None
    day = hi.parse_date(text)
    return (day, None) if day else (None, _("Enter the day like 2026-12-04, or leave it empty to take the "
                                              "dates from the file."))


def _preview_page(db, preview, token, name, day, problems):
    """The checked file: its problems (and the column mapping form), or the rows ready to import."""
    existing = {d: db.execute("SELECT COUNT(*) FROM hearings WHERE date = ?", [d]).fetchone()[0]
                for d in preview.days}
    return render_template(
        "admin/hearings_import.html", step="preview", preview=preview, token=token, name=name, day=day or "",
        problems=problems, fields=FIELD_NAMES, kinds=KIND_NAMES, existing=existing, errors={},
        matched={index: f for f, index in preview.columns.items()}), (422 if problems else 200)


@bp.get("/")
@requires("editor")
def index():
    return render_template("admin/hearings_import.html", step="upload", errors={}, day="")


@bp.post("/")
@requires("editor")
def check():
    """Upload (a file) or re-check (the kept file, with a column mapping), then show the preview."""
    day, day_error = _day()
    upload = request.files.get("file")
    token = request.form.get("token", "")
    if upload is not None and upload.filename:
        data, name = upload.read(), upload.filename
        token = _keep(data, name)
    else:
        kept = _kept(token)
        if kept is None:
            error = _("Choose the CSV or XLSX file to import.") if not token else _(
                "The uploaded file is no longer here (an hour has passed); upload it again.")
            return render_template("admin/hearings_import.html", step="upload", errors={"file": error},
                                   day=request.form.get("day", "")), 422
        data, name = kept
    if day_error:
        return render_template("admin/hearings_import.html", step="upload", errors={"day": day_error},
                               day=request.form.get("day", "")), 422
    db = get_db()
    preview = hi.parse(data, name, hi.rooms_of(db), day=day, mapping=_form_mapping(_header(data, name)))
    return _preview_page(db, preview, token, name, day, [problem_text(p) for p in preview.problems])


@bp.post("/confirm")
@requires("editor")
def confirm():
    token = request.form.get("token", "")
    kept = _kept(token)
    if kept is None:
        return render_template("admin/hearings_import.html", step="upload", day="", errors={
            "file": _("The uploaded file is no longer here (an hour has passed); upload it again.")}), 422
    data, name = kept
    day, _error = _day()
    db = get_db()
    preview = hi.parse(data, name, hi.rooms_of(db), day=day, mapping=_form_mapping(_header(data, name)))
    try:
        totals = hi.store_preview(db, preview, "import", username())
    except (hi.ImportRefused, DatabaseBusy) as e:
        problems = ([problem_text(p) for p in e.problems] if isinstance(e, hi.ImportRefused) else [str(e)])
        return _preview_page(db, preview, token, name, day, problems)
    _forget(token)
    return done(url_for("admin_hearings_import.index"), _(
        "Imported %(n)d hearings for %(days)s: %(kept)d unchanged kept their status, %(added)d added, "
        "%(removed)d removed.", n=totals["hearings"], days=", ".join(totals["days"]), kept=totals["kept"],
        added=totals["added"], removed=totals["removed"]))
