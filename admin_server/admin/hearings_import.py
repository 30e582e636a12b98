"""Upload the case system's CSV/XLSX export of the day's hearings: check -> preview -> confirm.

The uploaded file is kept by admin/kept_uploads.py (the same staged-upload token the content forms use
for a refused form's retry) between the upload, the column mapping, a refused day and the confirmation
(at most an hour, only for the same user and sign-in), so the confirmation checks exactly the file that
was previewed, against the rooms as they are then, and a refused form never asks for the file again. Checking and storing are admin_server.hearings_import's; this page puts its
problems into the user's language.
"""
from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import hearings_import as hi
from ..db import get_db
from ..errors import DatabaseBusy
from . import kept_uploads
from .common import blueprint, done, store, username
from .hearing_words import KIND_NAMES
from .security import requires
from .uploads import Staged, UploadRefused, staging_file

bp = blueprint("admin_hearings_import", __name__, url_prefix="/admin/hearings/import")

# kept_uploads' kind for an import file: only this page claims it (a content form's field never does)
KIND = "hearings-import"
FILE_FIELD = "file"

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


def _keep(data: bytes, name: str) -> kept_uploads.Kept:
    """Keep an upload for the next step (mapping, retry, confirmation)."""
    with staging_file(store()) as path:
        path.write_bytes(data)
        return kept_uploads.keep(store(), Staged(path, "application/octet-stream", name, len(data)), KIND)


def _kept(token: str) -> tuple[bytes, str, kept_uploads.Kept]:
    """The kept file of `token` and its new keeping (a claim uses a token up; the next step needs one).
    Raises UploadRefused with the sentence when it is gone, stale or another session's."""
    with staging_file(store()) as path:
        staged = kept_uploads.claim(store(), token, KIND, path, hi.MAX_FILE_BYTES)
        data = path.read_bytes()
        return data, staged.name, kept_uploads.keep(store(), staged, KIND)


def _upload_page(errors: dict, kept=None):
    return render_template("admin/hearings_import.html", step="upload", errors=errors,
                           day=request.form.get("day", ""), kept=kept), 422


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
    return render_template("admin/hearings_import.html", step="upload", errors={}, day="", kept=None)


@bp.post("/")
@requires("editor")
def check():
    """Upload (a file) or re-check (the kept file: the mapping form's `token`, or a refused upload form's
    kept field), then show the preview."""
    day, day_error = _day()
    upload = request.files.get(FILE_FIELD)
    chosen = upload is not None and bool(upload.filename)
    token = request.form.get("token") or request.form.get(kept_uploads.kept_field(FILE_FIELD), "")
    if token and (chosen or request.form.get(kept_uploads.drop_field(FILE_FIELD))):
        kept_uploads.forget(store(), token)  # replaced by a new file, or not wanted
        token = ""
    if chosen:
        data, name = upload.read(), upload.filename
        kept = _keep(data, name)
    elif not token:
        return _upload_page({"file": _("Choose the CSV or XLSX file to import.")})
    else:
        try:
            data, name, kept = _kept(token)
        except UploadRefused as e:
            return _upload_page({"file": str(e)})
    if day_error:
        return _upload_page({"day": day_error}, kept)
    db = get_db()
    preview = hi.parse(data, name, hi.rooms_of(db), day=day, mapping=_form_mapping(_header(data, name)))
    return _preview_page(db, preview, kept.token, name, day, [problem_text(p) for p in preview.problems])


@bp.post("/confirm")
@requires("editor")
def confirm():
    try:
        data, name, kept = _kept(request.form.get("token", ""))
    except UploadRefused as e:
        return _upload_page({"file": str(e)})
    day, _error = _day()
    db = get_db()
    preview = hi.parse(data, name, hi.rooms_of(db), day=day, mapping=_form_mapping(_header(data, name)))
    try:
        totals = hi.store_preview(db, preview, "import", username())
    except (hi.ImportRefused, DatabaseBusy) as e:
        problems = ([problem_text(p) for p in e.problems] if isinstance(e, hi.ImportRefused) else [str(e)])
        return _preview_page(db, preview, kept.token, name, day, problems)
    kept_uploads.forget(store(), kept.token)
    return done(url_for("admin_hearings_import.index"), _(
        "Imported %(n)d hearings for %(days)s: %(kept)d unchanged kept their status, %(added)d added, "
        "%(removed)d removed.", n=totals["hearings"], days=", ".join(totals["days"]), kept=totals["kept"],
        added=totals["added"], removed=totals["removed"]))
