"""Court settings (admin): name, contacts, public base URL, kiosk timing, upload limits, MRP values."""
import datetime as dt
import json

from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from court_contract.zone import format_offset, load_zone, parse_offset

from ..content import audit, get_settings, set_settings
from ..db import get_db, write_transaction
from ..public_url import phones_cannot_open
from . import crud
from . import fields as F
from .common import LOADED, blueprint, conflict_errors, done, loaded_json, merge_mine, opened_with, username
from .fields import Field
from .i18n import LANGUAGES
from .security import requires
from .text_rules import checks_own_text

bp = blueprint("admin_settings", __name__, url_prefix="/admin/settings")
mrp_bp = blueprint("admin_mrp", __name__, url_prefix="/admin/settings/mrp")

FIELDS = (
    Field("court_name", _l("Court name"), "tri", required=True),
    Field("court_address", _l("Address"), "tri_area", max_length=500),
    Field("court_phones", _l("Phones, one per line"), "lines", max_length=500),
    Field("court_email", _l("E-mail"), "text", max_length=200),
    Field("court_website", _l("Court web site"), "url"),
    Field("timezone", _l("Time zone"), "text", required=True, help=_l("E.g. Asia/Almaty or Asia/Aqtau."),
          row="zone"),
    Field("utc_offset", _l("Expected UTC offset"), "text", max_length=6, row="zone",
          help=_l("+05:00 for all of Kazakhstan since March 2024. The server and kiosks log an error at start "
                  "when their time zone data puts the zone at another offset; leave empty to skip the check.")),
    Field("public_base_url", _l("Public base URL"), "url", required=True,
          help=_l("What QR codes point to, e.g. https://kiosk.mng.sud.kz. Visitors' phones must reach it.")),
    Field("idle_timeout_s", _l("Reset the kiosk after this many idle seconds"), "int", required=True,
          minimum=30, maximum=3600),
    Field("idle_warning_s", _l("Warn this many seconds before the reset"), "int", required=True,
          minimum=20, maximum=600),
    Field("default_language", _l("Kiosk language at start"), "choice", required=True,
          choices=tuple(LANGUAGES.items())),
    Field("max_document_mb", _l("Largest template file (MB)"), "int", required=True, minimum=1, maximum=200),
    Field("max_video_mb", _l("Largest video file (MB)"), "int", required=True, minimum=1, maximum=4096),
    Field("hearing_parties", _l("Parties of public hearings on the screens"), "choice", required=True,
          choices=(("initials", _l("Initials (С. А. Б.)")), ("full", _l("Full names")), ("hidden", _l("Not shown"))),
          help=_l("Closed hearings never show parties, case number or judge.")),
    Field("hearing_retention_days", _l("Delete hearings older than this many days"), "int", required=True,
          minimum=1, maximum=3650),
)
FIELDS_BY_NAME = {f.name: f for f in FIELDS}


def public_url_context(db) -> dict:
    """What admin/_public_url_warning.html needs: the base URL of QR codes and whether phones can open it."""
    url = get_settings(db)["public_base_url"]
    return {"public_base_url": url, "public_url_unreachable": phones_cannot_open(url)}


def _to_setting(field, value):
    if field.kind in F.TRI_KINDS:
        return json.loads(value)
    if value is None:
        return "" if field.kind in ("text", "url") else value
    return value


def _check(values, errors):
    if load_zone(values.get("timezone")) is None:
        errors.setdefault("timezone", _("This is not a known time zone; use a name like Asia/Almaty."))
    offset = values.get("utc_offset")
    if offset and parse_offset(offset) is None:
        errors.setdefault("utc_offset", _("Enter an offset like +05:00, or leave it empty."))
    elif offset and "timezone" not in errors:
        actual = dt.datetime.now(load_zone(values["timezone"])).utcoffset()
        if actual != parse_offset(offset):
            errors.setdefault("utc_offset", _("This server's time zone data puts %(zone)s at UTC%(actual)s now: "
                                              "correct the zone or the offset, or update the tzdata package.",
                                              zone=values["timezone"], actual=format_offset(actual)))
    email = values.get("court_email")
    if email and ("@" not in email or " " in email):
        errors.setdefault("court_email", _("Enter an e-mail address like info@mng.sud.kz, or leave it empty."))
    timeout, warning = values.get("idle_timeout_s"), values.get("idle_warning_s")
    if timeout and warning and warning >= timeout:
        errors.setdefault("idle_warning_s", _("The warning must come before the reset: make it shorter than the "
                                              "idle time."))


def _shown(field, setting) -> str:
    """A stored setting as a sentence can quote it (a colleague's value in a conflict)."""
    if field.kind in F.TRI_KINDS:
        return " / ".join(v for v in (setting or {}).values() if v)
    if field.kind == "choice":
        return str(dict(field.choices).get(setting, setting))
    return str(F.to_form(field, setting))


def _form_value(field, setting):
    if field.kind in F.TRI_KINDS:
        return setting
    return F.to_form(field, setting)


def _opened_with(db) -> dict:
    """The settings the posted form was opened with (its hidden `_loaded`), parsed; {} if absent or broken."""
    loaded = opened_with() or {}
    opened = {}
    for f in FIELDS:
        if f.name in loaded:
            try:
                opened[f.name] = _to_setting(f, F.parse(f, loaded[f.name], db=db))
            except (F.Invalid, TypeError, AttributeError, ValueError):
                pass
    return opened


@bp.route("/", methods=["GET", "POST"])
@requires("admin")
@checks_own_text  # every field goes through fields.parse
def index():
    db = get_db()
    current = get_settings(db)
    values = {f.name: _form_value(f, current[f.name]) for f in FIELDS}
    loaded = request.form.get(LOADED) or loaded_json(values)
    errors = {}
    status = 200
    if request.method == "POST":
        parsed = {}
        for f in FIELDS:
            raw = F.raw_value(f, request.form)
            values[f.name] = raw
            try:
                parsed[f.name] = _to_setting(f, F.parse(f, raw, db=db))
            except F.Invalid as e:
                errors[f.name] = str(e)
        _check(parsed, errors)
        if not errors:
            # Only what this person changed in the form: a field they left alone keeps what a colleague
            # saved since the form was opened, instead of being put back; one both changed is a 409.
            opened = _opened_with(db)
            with write_transaction(db):
                current = get_settings(db)
                merged, clashes = merge_mine(parsed, {k: current.get(k) for k in parsed}, opened)
                changed = {k: v for k, v in merged.items() if current.get(k) != v}
                if changed and not clashes:
                    set_settings(db, changed)
                    audit(db, username(), "update", "settings", None, {k: current.get(k) for k in changed}, changed)
            if not clashes:
                return done(url_for("admin_settings.index"), _("Settings saved."))
            # the form keeps this person's values; saving it again is a deliberate overwrite
            errors = conflict_errors({k: _shown(FIELDS_BY_NAME[k], v) for k, v in clashes.items()})
            loaded = loaded_json({f.name: _form_value(f, current[f.name]) for f in FIELDS})
            status = 409
        else:
            status = 422
    mrp = crud.ordered_rows(MRP_SPEC, db)
    return render_template("admin/settings.html", fields=FIELDS, values=values, errors=errors, mrp=mrp, loaded=loaded,
                           choices={f.name: f.choice_list(db) for f in FIELDS if f.kind == "choice"}), status


MRP_SPEC = crud.Spec(
    name="mrp", table="mrp_values", title=_l("MRP values"), add_label=_l("Add an MRP value"), role="admin",
    pk="year", order_by="year", unique=("year",), fixed=("year",),
    intro=_l("The monthly calculation index (MRP) in tenge for each year, as set by the budget law."),
    fields=(
        Field("year", _l("Year"), "int", required=True, minimum=1990, maximum=2100, in_list=True),
        Field("value", _l("Value in tenge"), "int", required=True, minimum=1, maximum=10_000_000, in_list=True),
    ),
)
crud.register(mrp_bp, MRP_SPEC)
