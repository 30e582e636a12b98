"""What kiosks report in their heartbeat: status, thumbnail, usage counts, emergency acks."""
import base64
import binascii
import json
import os
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlite_utils import Database

from court_contract.heartbeat import MAX_THUMBNAIL_BYTES as MAX_THUMBNAIL, HeartbeatError, usage_rows

from .content import now_iso
from .errors import ValidationError

ONLINE_S = 120  # a kiosk heartbeats every 30 s
STALE_S = 600


def kiosk_state(last_seen: str | None, now: datetime | None = None) -> str:
    """online (heard from in 2 min), stale (in 10 min) or offline."""
    if not last_seen:
        return "offline"
    age = ((now or datetime.now(timezone.utc)) - datetime.fromisoformat(last_seen)).total_seconds()
    return "online" if age <= ONLINE_S else "stale" if age <= STALE_S else "offline"


def thumbnail_path(data_dir, kiosk_id: str) -> Path:
    return Path(data_dir) / "thumbnails" / f"{kiosk_id}.img"


def _thumbnail(value) -> bytes:
    if not isinstance(value, str) or len(value) > MAX_THUMBNAIL * 4 // 3 + 4:
        raise ValidationError(f"The thumbnail must be a base64 PNG or JPEG of at most {MAX_THUMBNAIL // 1024} KB.")
    try:
        data = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError("The thumbnail is not valid base64.") from None
    if not (data.startswith(b"\x89PNG\r\n\x1a\n") or data.startswith(b"\xff\xd8\xff")):
        raise ValidationError("The thumbnail must be a PNG or JPEG image.")
    return data


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    os.replace(tmp, path)


def _is_id(value) -> bool:
    # SQLite integers stop at 2**63-1; ids and versions are far below 2**31.
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**31


def record_heartbeat(db: Database, data_dir, kiosk_id: str, body: dict) -> None:
    """Validate everything first, so a bad heartbeat changes nothing."""
    status = {k: v for k, v in body.items() if k not in ("thumbnail", "usage")}
    version = status.get("manifest_version")
    if version is not None and not _is_id(version):
        raise ValidationError("manifest_version must be a whole number from 0.")
    thumbnail = _thumbnail(body["thumbnail"]) if body.get("thumbnail") is not None else None
    try:
        usage = usage_rows(body["usage"]) if body.get("usage") is not None else []
    except HeartbeatError as e:
        raise ValidationError(str(e)) from None
    shown = body.get("emergency_shown") or []
    if not isinstance(shown, list) or len(shown) > 1000 or not all(_is_id(i) for i in shown):
        raise ValidationError("emergency_shown must be a list of announcement ids.")
    now = now_iso()
    with db.atomic():
        update = {"last_seen": now, "shown_version": version, "status": json.dumps(status, ensure_ascii=False)}
        if thumbnail is not None:
            update["last_screenshot"] = now
        db["kiosks"].update(kiosk_id, update)
        # Kiosks send their running totals per day, so a retried heartbeat is harmless.
        db["usage_counts"].upsert_all([dict(r, kiosk_id=kiosk_id) for r in usage],
                                      pk=("kiosk_id", "day", "event"))
        if version is not None:
            db["version_pickups"].insert({"kiosk_id": kiosk_id, "version": version, "at": now},
                                         pk=("kiosk_id", "version"), ignore=True)
        db["emergency_acks"].insert_all(
            [{"kiosk_id": kiosk_id, "announcement_id": i, "first_shown_at": now} for i in shown],
            pk=("kiosk_id", "announcement_id"), ignore=True)
    if thumbnail is not None:
        _write_atomically(thumbnail_path(data_dir, kiosk_id), thumbnail)


def pickups(db: Database, versions: list[int]) -> dict[int, list[dict]]:
    """version -> [{kiosk_id, name, at}] of kiosks that showed it, earliest first."""
    if not versions:
        return {}
    marks = ",".join("?" * len(versions))
    result: dict[int, list[dict]] = {v: [] for v in versions}
    for row in db.query(f"SELECT p.version, p.kiosk_id, k.name, p.at FROM version_pickups p "
                        f"LEFT JOIN kiosks k ON k.id = p.kiosk_id WHERE p.version IN ({marks}) ORDER BY p.at",
                        versions):
        result[row["version"]].append({"kiosk_id": row["kiosk_id"], "name": row["name"] or row["kiosk_id"],
                                       "at": row["at"]})
    return result


def usage_by_day(db: Database, since: str, kiosk_id: str | None = None) -> list[dict]:
    where, params = "day >= ?", [since]
    if kiosk_id:
        where, params = where + " AND kiosk_id = ?", params + [kiosk_id]
    return list(db.query(
        f"SELECT day, kiosk_id, event, count FROM usage_counts WHERE {where} ORDER BY day, kiosk_id, event", params))


def emergency_acks(db: Database, announcement_id: int) -> dict[str, str]:
    """kiosk id -> when it first showed this emergency announcement."""
    return {r["kiosk_id"]: r["first_shown_at"] for r in
            db.query("SELECT kiosk_id, first_shown_at FROM emergency_acks WHERE announcement_id = ?",
                     [announcement_id])}


def days_back(n: int, today=None) -> str:
    return ((today or datetime.now(timezone.utc).date()) - timedelta(days=n)).isoformat()
