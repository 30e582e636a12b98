"""Build a manifest (docs/manifest.md) from the draft tables.

Pure reading: `build_content(db)` returns the manifest's content part;
publish.py adds version, time and hashes and stores it.
"""
import json
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from court_contract.manifest import SCHEMA
from court_contract.zone import load_zone

from .content import get_settings, tri_from_db
from .errors import PublishError
from .store import MediaStore

def _rows(db: Database, table: str, where: str | None = None, order: str = "sort_order, id"):
    return list(db[table].rows_where(where, order_by=order))


def published_zone(settings: dict) -> ZoneInfo:
    """The settings' zone; a publish refuses an unknown one rather than fall back."""
    zone = load_zone(settings["timezone"])
    if zone is None:
        raise PublishError(f"The court's time zone {settings['timezone']!r} is not a known zone "
                           "(e.g. Asia/Almaty).")
    return zone


def instant(value: str | None, zone: ZoneInfo, where: str) -> str | None:
    """ISO 8601 with an offset; a time typed without one is the court's local time."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise PublishError(f"The time {value!r} of {where} is not a date and time.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.isoformat()


def weekly(row: dict) -> dict:
    """The optional weekly schedule of a video or announcement (docs/manifest.md)."""
    return {"weekdays": json.loads(row["weekdays"]) if row.get("weekdays") else None,
            "day_start": row.get("day_start") or None, "day_end": row.get("day_end") or None}


def _fraction(value) -> float:
    """A plan position: a fraction 0..1 (an unset one is the middle)."""
    return 0.5 if value is None else min(1.0, max(0.0, float(value)))


def build_content(db: Database, store: MediaStore) -> dict:
    settings = get_settings(db)
    zone = published_zone(settings)
    base_url = settings["public_base_url"].rstrip("/")
    media: dict[str, dict] = {}

    def file_ref(sha256: str, name: str, where: str) -> dict:
        try:
            row = db["media"].get(sha256)
        except NotFoundError:
            row = None
        if row is None or not store.exists(sha256, row["size"]):
            raise PublishError(f"The file of {where} is missing from the media store; upload it again.")
        media[sha256] = {"size": row["size"], "type": row["type"]}
        return {"sha256": sha256, "size": row["size"], "type": row["type"], "name": name}

    templates = []
    for t in _rows(db, "templates", "enabled = 1"):
        files = {
            f["lang"]: file_ref(f["sha256"], f["name"], f"template {t['slug']} ({f['lang']})")
            for f in db["template_files"].rows_where("template_id = ?", [t["id"]], order_by="lang")
        }
        templates.append({
            "slug": t["slug"], "category": t["category"], "title": tri_from_db(t["title"]),
            "description": tri_from_db(t["description"]), "url": f"{base_url}/t/{t['slug']}",
            "files": files,
        })

    videos = [
        {
            "id": v["id"], "title": tri_from_db(v["title"]),
            "file": file_ref(v["sha256"], v["name"] or f"video-{v['id']}", f"video {v['id']}"),
            "duration_s": v["duration_s"], "valid_from": v["valid_from"], "valid_to": v["valid_to"],
        } | weekly(v)
        for v in _rows(db, "videos", "enabled = 1")
    ]

    rooms = []
    for r in _rows(db, "rooms", "enabled = 1", order="sort_order, floor, number, id"):
        plan = None
        if r["plan_sha256"]:
            plan = {"file": file_ref(r["plan_sha256"], f"plan-floor-{r['floor']}", f"the plan of room {r['number']}"),
                    "x": _fraction(r["plan_x"]), "y": _fraction(r["plan_y"])}
        rooms.append({
            "id": r["id"], "number": r["number"], "name": tri_from_db(r["name"]), "floor": r["floor"],
            "wing": tri_from_db(r["wing"]), "way": tri_from_db(r["way"]), "plan": plan,
        })
    room_ids = {r["id"] for r in rooms}

    return {
        "schema": SCHEMA,
        "rooms": rooms,
        "court": {
            "name": settings["court_name"], "address": settings["court_address"],
            "phones": settings["court_phones"], "email": settings["court_email"],
            "website": settings["court_website"], "timezone": settings["timezone"],
            "utc_offset": settings.get("utc_offset") or None,
        },
        "holidays": [{"date": h["date"], "name": tri_from_db(h["name"]), "working": bool(h["working"])}
                     for h in _rows(db, "holidays", order="date, id")],
        "settings": {
            "public_base_url": base_url,
            "idle_timeout_s": settings["idle_timeout_s"],
            "idle_warning_s": settings["idle_warning_s"],
            "default_language": settings["default_language"],
            "mrp": [{"year": r["year"], "value": r["value"]} for r in _rows(db, "mrp_values", order="year")],
        },
        "fee_rules": [
            {
                "code": r["code"], "claim_kind": r["claim_kind"], "applicant": r["applicant"],
                "title": tri_from_db(r["title"]), "note": tri_from_db(r["note"]),
                "legal_ref": tri_from_db(r["legal_ref"]),
                "percent": r["percent"], "mrp": r["mrp"], "cap_mrp": r["cap_mrp"], "min_mrp": r["min_mrp"],
                "base_rule": r["base_rule"], "factor": r["factor"], "exempt": bool(r["exempt"]),
                "valid_from": r["valid_from"], "valid_to": r["valid_to"],
            }
            for r in _rows(db, "fee_rules")
        ],
        "reception": [
            {
                "id": s["id"], "person": tri_from_db(s["person"]), "position": tri_from_db(s["position"]),
                "court": tri_from_db(s["court"]), "weekday": s["weekday"], "start": s["start"],
                "end": s["end"], "room": tri_from_db(s["room"]), "phone": s["phone"] or "",
                "booking_note": tri_from_db(s["booking_note"]),
                "valid_from": s["valid_from"], "valid_to": s["valid_to"],
                # A slot whose room is switched off points nowhere rather than at an unpublished room.
                "room_id": s.get("room_id") if s.get("room_id") in room_ids else None,
            }
            for s in _rows(db, "reception_slots", order="weekday, start, sort_order, id")
        ],
        "template_categories": [
            {"code": c["code"], "title": tri_from_db(c["title"])}
            for c in _rows(db, "template_categories", order="sort_order, code")
        ],
        "templates": templates,
        "videos": videos,
        "announcements": [
            {
                "id": a["id"], "text": tri_from_db(a["text"]),
                "starts_at": instant(a["starts_at"], zone, f"announcement {a['id']}"),
                "ends_at": instant(a["ends_at"], zone, f"announcement {a['id']}"),
                "priority": a["priority"], "emergency": bool(a["emergency"]),
            } | weekly(a)
            for a in _rows(db, "announcements", "enabled = 1", order="emergency DESC, priority DESC, id")
        ],
        "links": [
            {
                "id": link["id"], "kind": link["kind"], "title": tri_from_db(link["title"]),
                "description": tri_from_db(link["description"]), "url": link["url"], "icon": link["icon"] or "",
            }
            for link in _rows(db, "links", "enabled = 1")
        ],
        "media": media,
    }
