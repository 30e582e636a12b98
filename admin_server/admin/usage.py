"""Usage: what visitors opened on each kiosk per day (no personal data), as charts, a table and CSV.

Kiosks send running totals per day and event (`kind` or `kind:detail`, see
docs/manifest.md "Heartbeat body"); the server keeps them in usage_counts.
Publishers and administrators see this page: it reports on the published
content and the kiosks, which editors do not manage.
"""
import csv
import datetime as dt
import io

from flask import Response, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from court_contract.text import pick

from ..content import tri_from_db
from ..db import get_db
from ..fleet import days_back, usage_by_day
from . import charts
from .common import blueprint
from .i18n import select_language
from .security import requires
from .weekdays import WEEKDAY_SHORT
from .zone import court_zone

bp = blueprint("admin_usage", __name__, url_prefix="/admin/usage")

ROLE = "publisher"
PERIODS = (7, 30)
# category -> (event kind, heading); events of other kinds are counted as "other".
CATEGORIES = {
    "screens": ("screen", _l("Screens opened")),
    "templates": ("template", _l("Templates opened")),
    "qr": ("qr", _l("QR codes shown")),
    "calculator": ("calculator", _l("Calculator uses")),
    "videos": ("video", _l("Videos played")),
    "other": (None, _l("Other")),
}
BY_KIND = {kind: key for key, (kind, _label) in CATEGORIES.items() if kind}
TOP = 10


def category(event: str) -> str:
    return BY_KIND.get(event.split(":", 1)[0], "other")


def _period():
    days = request.args.get("days", PERIODS[0], type=int)
    return days if days in PERIODS else PERIODS[0]


def _kiosks(db) -> dict[str, str]:
    """kiosk id -> name, including kiosks that were deleted but still have counts."""
    names = {r["id"]: r["name"] for r in db.query("SELECT id, name FROM kiosks ORDER BY id")}
    for r in db.query("SELECT DISTINCT kiosk_id FROM usage_counts ORDER BY kiosk_id"):
        names.setdefault(r["kiosk_id"], r["kiosk_id"])
    return names


def _selection(db):
    """(days in the period, oldest first; the kiosk asked for or None; all kiosk names)."""
    today = dt.datetime.now(court_zone(db)).date()
    n = _period()
    days = [days_back(i, today) for i in range(n - 1, -1, -1)]
    names = _kiosks(db)
    kiosk = request.args.get("kiosk") or None
    if kiosk is not None and kiosk not in names:
        abort(404, _("This kiosk does not exist."))
    return days, kiosk, names


def counts(db, days: list[str], kiosk: str | None) -> list[dict]:
    """The stored rows of the period (day, kiosk_id, event, count), by day, kiosk and event."""
    return [r for r in usage_by_day(db, days[0], kiosk) if r["day"] <= days[-1]]


def _day_label(day: str, with_weekday: bool):
    d = dt.date.fromisoformat(day)
    return f"{d:%d.%m}", str(WEEKDAY_SHORT[d.isoweekday()]) if with_weekday else ""


def _detail_names(db, lang: str) -> dict:
    """Readable names for event details: templates by slug, videos by id."""
    templates = {r["slug"]: pick(tri_from_db(r["title"]), lang) for r in db.query("SELECT slug, title FROM templates")}
    videos = {str(r["id"]): pick(tri_from_db(r["title"]), lang) for r in db.query("SELECT id, title FROM videos")}
    return {"template": templates, "qr": templates, "video": videos}


def summarise(db, rows: list[dict], days: list[str], names: dict[str, str], lang: str) -> dict:
    by_day_cat, by_day_kiosk, table, details = {}, {}, {}, {}
    for r in rows:
        cat = category(r["event"])
        by_day_cat[(r["day"], cat)] = by_day_cat.get((r["day"], cat), 0) + r["count"]
        by_day_kiosk[(r["day"], r["kiosk_id"])] = by_day_kiosk.get((r["day"], r["kiosk_id"]), 0) + r["count"]
        line = table.setdefault((r["day"], r["kiosk_id"]), {"day": r["day"], "kiosk_id": r["kiosk_id"],
                                                            "name": names.get(r["kiosk_id"], r["kiosk_id"]),
                                                            "total": 0} | {k: 0 for k in CATEGORIES})
        line[cat] += r["count"]
        line["total"] += r["count"]
        kind, _sep, detail = r["event"].partition(":")
        if detail:  # "calculator" alone has nothing to break down
            details[(cat, r["event"])] = details.get((cat, r["event"]), 0) + r["count"]
    shown = [k for k in CATEGORIES if k != "other" or any(c == "other" for _d, c in by_day_cat)]
    kiosk_ids = sorted({k for _d, k in by_day_kiosk})
    def label(day):
        return _day_label(day, len(days) <= 10)

    resolved = _detail_names(db, lang)
    top = {}
    for (cat, event), n in sorted(details.items(), key=lambda item: (-item[1], item[0])):
        kind, _sep, detail = event.partition(":")
        name = resolved.get(kind, {}).get(detail)
        top.setdefault(cat, [])
        if len(top[cat]) < TOP:
            top[cat].append({"detail": event if cat == "other" else detail, "name": name, "count": n})
    return {
        "categories": [(k, CATEGORIES[k][1]) for k in shown],
        "bars": charts.stacked_bars(days, shown, by_day_cat, label),
        "lines": charts.lines(days, kiosk_ids, by_day_kiosk, label),
        "line_names": [(k, names.get(k, k)) for k in kiosk_ids],
        "table": sorted(sorted(table.values(), key=lambda t: t["kiosk_id"]), key=lambda t: t["day"], reverse=True),
        "totals": {k: sum(v for (_d, c), v in by_day_cat.items() if c == k) for k in shown},
        "top": top,
    }


@bp.get("/")
@requires(ROLE)
def index():
    db = get_db()
    days, kiosk, names = _selection(db)
    rows = counts(db, days, kiosk)
    data = summarise(db, rows, days, names, select_language())
    return render_template("admin/usage.html", days=days, period=len(days), periods=PERIODS, kiosk=kiosk,
                           names=names, csv_url=url_for("admin_usage.export", days=len(days), kiosk=kiosk),
                           **data)


@bp.get("/usage.csv")
@requires(ROLE)
def export():
    """The stored counts of the period as CSV: kiosk_id, day, event, count."""
    db = get_db()
    days, kiosk, _names = _selection(db)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["kiosk_id", "day", "event", "count"])
    for r in sorted(counts(db, days, kiosk), key=lambda r: (r["kiosk_id"], r["day"], r["event"])):
        writer.writerow([_cell(r["kiosk_id"]), r["day"], _cell(r["event"]), r["count"]])
    name = f"usage-{kiosk + '-' if kiosk else ''}{days[0]}-{days[-1]}.csv"
    response = Response(out.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _cell(text: str) -> str:
    """A spreadsheet must not run a cell as a formula (ids and events cannot start so today; be safe anyway)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
