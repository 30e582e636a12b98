"""Home: kiosks online/offline, what starts or ends this week, the last publish, pending changes."""
import datetime as dt

from flask import render_template

from ..content import get_settings, tri_from_db
from ..db import get_db
from ..public_text import pick
from ..publish import latest
from .common import blueprint
from .fields import court_zone
from .i18n import select_language
from .kiosks import all_kiosks
from .publish import SECTION_NAMES, pending
from .diff import count
from .security import requires

bp = blueprint("admin_dashboard", __name__, url_prefix="/admin")

WEEK = dt.timedelta(days=7)
# (table, text column, start column, end column, kind of value, list endpoint)
SCHEDULED = (
    ("announcements", "text", "starts_at", "ends_at", "instant", "admin_announcements.edit"),
    ("fee_rules", "title", "valid_from", "valid_to", "date", "admin_fees.edit"),
    ("videos", "title", "valid_from", "valid_to", "date", "admin_videos.edit"),
    ("reception_slots", "person", "valid_from", "valid_to", "date", "admin_reception.edit"),
)


def this_week(db, now: dt.datetime, lang: str) -> list[dict]:
    """Items whose start or end falls between now and a week from now, soonest first."""
    today, until = now.date(), now + WEEK
    events = []
    for table, text, start, end, kind, endpoint in SCHEDULED:
        for row in db[table].rows:
            for column, what in ((start, "starts"), (end, "ends")):
                value = row[column]
                if not value:
                    continue
                if kind == "instant":
                    when = dt.datetime.fromisoformat(value).astimezone(now.tzinfo)
                    due = now <= when <= until
                    shown = when.strftime("%Y-%m-%d %H:%M")
                else:
                    when = dt.date.fromisoformat(value)
                    due = today <= when <= until.date()
                    shown = value
                if due:
                    events.append({"table": table, "what": what, "when": shown, "sort": shown,
                                   "text": pick(tri_from_db(row[text]), lang), "endpoint": endpoint,
                                   "id": row["id"]})
    return sorted(events, key=lambda e: e["sort"])


def emergencies(db, now: dt.datetime) -> list[dict]:
    active = []
    for row in db["announcements"].rows_where("emergency = 1 AND enabled = 1"):
        start = row["starts_at"] and dt.datetime.fromisoformat(row["starts_at"])
        end = row["ends_at"] and dt.datetime.fromisoformat(row["ends_at"])
        if (not start or start <= now) and (not end or now <= end):
            active.append(row | {"label": pick(tri_from_db(row["text"]), select_language())})
    return active


@bp.get("/")
@requires("editor")
def index():
    db = get_db()
    now = dt.datetime.now(court_zone(get_settings(db)))
    sections, problem = pending(db)
    return render_template(
        "admin/dashboard.html", kiosks=all_kiosks(db), events=this_week(db, now, select_language()),
        published=latest(db), changes=count(sections), problem=problem, sections=sections, names=SECTION_NAMES,
        emergencies=emergencies(db, now),
    )
