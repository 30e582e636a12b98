"""Announcements for the ticker; an emergency one takes over every kiosk's screen."""
from flask_babel import lazy_gettext as _l

from .. import publish as publishing
from ..fleet import emergency_acks
from . import crud
from .common import blueprint
from .fields import Field
from .kiosks import all_kiosks
from .schedules import check_day_part, schedule_fields, weekly_column
from .validation import check_range

bp = blueprint("admin_announcements", __name__, url_prefix="/admin/announcements")


def check(db, values, errors, row):
    check_range(values, errors, "starts_at", "ends_at")
    check_day_part(values, errors)


def published_emergencies(db) -> set[int]:
    """Ids of the emergency announcements in the published version."""
    import json

    row = publishing.latest(db)
    if row is None:
        return set()
    return {a["id"] for a in json.loads(row["manifest"]).get("announcements", []) if a.get("emergency")}


def acknowledgements(db, announcement_id: int, kiosks: list[dict] | None = None) -> dict:
    """Which kiosks have shown this emergency announcement (with when) and which active ones have not."""
    kiosks = all_kiosks(db) if kiosks is None else kiosks
    acks = emergency_acks(db, announcement_id)
    by_id = {k["id"]: k for k in kiosks}
    shown = sorted(({"kiosk": by_id.get(kid, {"id": kid, "name": kid, "state": "deleted"}), "at": at}
                    for kid, at in acks.items()), key=lambda s: s["at"])
    missing = [k for k in kiosks if not k["revoked_at"] and k["id"] not in acks]
    return {"shown": shown, "missing": missing, "total": len(shown) + len(missing)}


def row_extra(db, row) -> dict:
    extra = weekly_column(db, row)
    if row["emergency"]:
        extra["acks"] = acknowledgements(db, row["id"])
        extra["published"] = row["id"] in published_emergencies(db)
    return extra


def form_context(db, row) -> dict:
    if not row["emergency"]:
        return {"no_extra": True}
    return {"acks": acknowledgements(db, row["id"]), "published": row["id"] in published_emergencies(db)}


SPEC = crud.Spec(
    name="announcements", table="announcements", title=_l("Announcements"), add_label=_l("Add an announcement"),
    order_by="emergency DESC, priority DESC, id", check=check, row_extra=row_extra,
    form_extra="admin/emergency_acks.html", form_context=form_context,
    list_extra="admin/emergency_acks_cell.html", list_extra_label=_l("Shown on kiosks"),
    intro=_l("Short texts for the ticker. An emergency announcement fills every kiosk's screen until it ends "
             "or is switched off, after the next publish."),
    fields=(
        Field("text", _l("Text"), "tri_area", required=True, in_list=True, max_length=1000),
        Field("emergency", _l("Emergency: full screen on every kiosk"), "bool", in_list=True,
              warning=_l("Within seconds of publishing, an emergency announcement takes over the whole screen of "
                         "every kiosk and waiting-room display, in large letters and three languages, until it "
                         "ends or you switch it off and publish again. Use it only for real emergencies, such as "
                         "an evacuation or the court closing.")),
        Field("starts_at", _l("Starts"), "instant", in_list=True, help=_l("Empty: at once."), row="period"),
        Field("ends_at", _l("Ends"), "instant", in_list=True, help=_l("Empty: until switched off."), row="period"),
        *schedule_fields(),
        Field("priority", _l("Priority"), "int", required=True, default=0, minimum=0, maximum=100,
              help=_l("Higher comes first.")),
        Field("enabled", _l("Shown"), "bool", in_list=True, default=1),
    ),
)
crud.register(bp, SPEC)
