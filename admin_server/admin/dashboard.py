"""Home: the kiosk fleet, what starts, ends or runs on a schedule this week, the last publish, pending changes."""
import datetime as dt

from flask import Response, abort, current_app, render_template, url_for
from flask_babel import gettext as _

from court_contract.hearings import STATUSES
from court_contract.schedule import is_active
from court_contract.text import pick

from .. import hearings
from .. import kiosks as registry
from ..content import get_settings, tri_from_db
from ..db import get_db
from ..fleet import ONLINE_S, STALE_S, thumbnail_path
from ..hearings_pull import last_pull
from ..manifest import weekly
from ..missing_languages import missing
from ..publish import latest
from .announcements import acknowledgements
from .common import blueprint
from .diff import count
from .fees import mrp_warning_context
from .hearing_words import STATUS_NAMES
from .i18n import select_language
from .kiosks import MODES, all_kiosks
from .publish import SECTION_NAMES, draft_content, pending
from .schedules import day_part_text, days_shown, has_weekly, weekly_text
from .security import ROLE_RANK, requires
from .settings import public_url_context
from .weekdays import WEEKDAY_SHORT, weekdays_text
from .zone import court_zone

bp = blueprint("admin_dashboard", __name__, url_prefix="/admin")

WEEK = dt.timedelta(days=7)
LOW_DISK_MB = 1024
# (table, text column, start column, end column, kind of value, list endpoint)
SCHEDULED = (
    ("announcements", "text", "starts_at", "ends_at", "instant", "admin_announcements.edit"),
    ("fee_rules", "title", "valid_from", "valid_to", "date", "admin_fees.edit"),
    ("videos", "title", "valid_from", "valid_to", "date", "admin_videos.edit"),
    ("reception_slots", "person", "valid_from", "valid_to", "date", "admin_reception.edit"),
)
WEEKLY_TABLES = ("videos", "announcements")  # the tables with weekdays and day parts


def this_week(db, now: dt.datetime, lang: str) -> list[dict]:
    """Items whose start or end falls between now and a week from now, and the weekly schedules that run
    in that week (on which days, at which hours), soonest first."""
    today, until = now.date(), now + WEEK
    events = []
    for table, text, start, end, kind, endpoint in SCHEDULED:
        for row in db[table].rows:
            schedule = weekly_text(row) if table in WEEKLY_TABLES and has_weekly(row) else None
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
                                   "id": row["id"], "schedule": schedule})
    for table in WEEKLY_TABLES:
        text = "text" if table == "announcements" else "title"
        endpoint = f"admin_{table}.edit"
        for row in db[table].rows_where("enabled = 1"):
            if not has_weekly(row):
                continue
            days = days_shown(row, today, 7, now.tzinfo)
            if not days:
                continue
            on = weekdays_text(None) if len(days) == 7 else ", ".join(
                f"{WEEKDAY_SHORT[d.isoweekday()]} {d:%d.%m}" for d in days)
            events.append({
                "table": table, "what": "weekly", "when": days[0].isoformat(), "sort": days[0].isoformat(),
                "text": pick(tri_from_db(row[text]), lang), "endpoint": endpoint, "id": row["id"],
                "schedule": f"{on}, {day_part_text(row['day_start'], row['day_end'])}",
            })
    return sorted(events, key=lambda e: e["sort"])


def emergencies(db, now: dt.datetime, kiosks: list[dict]) -> list[dict]:
    """Enabled emergency announcements that are in effect now (dates, weekdays and day part)."""
    active = []
    for row in db["announcements"].rows_where("emergency = 1 AND enabled = 1", order_by="priority DESC, id"):
        item = {"starts_at": row["starts_at"], "ends_at": row["ends_at"]} | weekly(row)
        for key in ("starts_at", "ends_at"):
            if item[key] and dt.datetime.fromisoformat(item[key]).tzinfo is None:
                item[key] = dt.datetime.fromisoformat(item[key]).replace(tzinfo=now.tzinfo).isoformat()
        if is_active(item, now):
            active.append(row | {"label": pick(tri_from_db(row["text"]), select_language()),
                                 "acks": acknowledgements(db, row["id"], kiosks)})
    return active


def duration_text(seconds) -> str:
    seconds = int(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60
    if days:
        return _("%(d)d d %(h)d h", d=days, h=hours)
    if hours:
        return _("%(h)d h %(m)d min", h=hours, m=minutes)
    return _("%(m)d min", m=minutes)


def disk_text(mb) -> str:
    return f"{mb / 1024:.1f} GB" if mb >= 1024 else f"{int(mb)} MB"


def fleet(db, published: dict | None) -> list[dict]:
    """Every kiosk with what the dashboard says about it."""
    data_dir = current_app.config["DATA_DIR"]
    kiosks = all_kiosks(db)
    for k in kiosks:
        r = k["report"]
        k["mode_label"] = str(MODES.get(k["mode"], k["mode"]))
        k["reported_mode"] = r["mode"] if r["mode"] and r["mode"] != k["mode"] else None
        k["behind"] = bool(published and k["last_seen"] and not k["revoked_at"]
                           and (k["shown_version"] or 0) < published["version"])
        k["uptime"] = duration_text(r["uptime_s"]) if r["uptime_s"] is not None else None
        k["disk"] = disk_text(r["free_disk_mb"]) if r["free_disk_mb"] is not None else None
        k["disk_low"] = r["free_disk_mb"] is not None and r["free_disk_mb"] < LOW_DISK_MB
        k["thumbnail_url"] = (url_for("admin_dashboard.thumbnail", kiosk_id=k["id"], at=k["last_screenshot"])
                              if thumbnail_path(data_dir, k["id"]).is_file() else None)
    return kiosks


def hearing_days(db) -> list[dict]:
    """The two days the kiosks show (today and the next working day, by the feed's clock): how many
    hearings, how many closed, and how many in each status (the statuses no hearing has left out)."""
    days = [d.isoformat() for d in hearings.feed_days(get_settings(db), calendar=hearings.holiday_rows(db))]
    counts = hearings.counts(db, days)
    return [{"day": day, "date": dt.date.fromisoformat(day).strftime("%d.%m.%Y"), "label": label,
             "total": counts[day]["total"], "closed": counts[day]["closed"],
             "statuses": [(STATUS_NAMES[s], counts[day][s]) for s in STATUSES if counts[day].get(s)]}
            for day, label in zip(days, (_("Today"), _("Next working day")))]


def publishers(db) -> list[str]:
    """The user names of everyone who may publish, so an editor knows whom to ask."""
    roles = [role for role, rank in ROLE_RANK.items() if rank >= ROLE_RANK["publisher"]]
    return [r["username"] for r in db.query(
        f"SELECT username FROM users WHERE disabled = 0 AND role IN ({', '.join('?' * len(roles))}) "
        "ORDER BY username", roles)]


@bp.get("/")
@requires("editor")
def index():
    db = get_db()
    now = dt.datetime.now(court_zone(db))
    built = draft_content(db)  # once, for the pending changes and the language gaps
    sections, problem = pending(db, built)
    published = latest(db)
    kiosks = fleet(db, published)
    summary = {s: sum(1 for k in kiosks if k["state"] == s) for s in ("online", "stale", "offline", "revoked")}
    summary["behind"] = sum(1 for k in kiosks if k["behind"])
    return render_template(
        "admin/dashboard.html", kiosks=kiosks, summary=summary, events=this_week(db, now, select_language()),
        hearings_pull=last_pull(db), hearing_days=hearing_days(db),
        published=published, changes=count(sections), problem=problem, sections=sections, names=SECTION_NAMES,
        # a warning, never a block: the publish page lists the items (missing_languages.py)
        language_gaps=len(missing(built[0])) if built[0] is not None else 0,
        emergencies=emergencies(db, now, kiosks), online_min=ONLINE_S // 60, stale_min=STALE_S // 60,
        low_disk=disk_text(LOW_DISK_MB), publishers=publishers(db), **public_url_context(db),
        **mrp_warning_context(db),
    )


def image_type(data: bytes) -> str | None:
    """The type of a thumbnail, from its first bytes (the heartbeat accepts only these two)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    return None


@bp.get("/fleet/<kiosk_id>/thumbnail")
@requires("editor")
def thumbnail(kiosk_id):
    """The kiosk's last screenshot, never cached (the URL stays the same while the picture changes)."""
    if registry.get_kiosk(get_db(), kiosk_id) is None:
        abort(404, _("This kiosk does not exist."))
    try:
        data = thumbnail_path(current_app.config["DATA_DIR"], kiosk_id).read_bytes()
    except FileNotFoundError:
        abort(404, _("This kiosk has not sent a screenshot yet."))
    mime = image_type(data)
    if mime is None:
        abort(404, _("This kiosk has not sent a screenshot yet."))
    response = Response(data, mimetype=mime)
    response.headers["Cache-Control"] = "no-store"
    return response
