"""Kiosk registrations: tokens are shown once and stored only as a hash."""
import hashlib
import json
import re
import secrets

from sqlite_utils import Database

from .content import audit, now_iso
from .errors import ValidationError

KIOSK_ID_RE = re.compile(r"\A[a-z0-9][a-z0-9-]{0,62}\Z")
MODES = ("kiosk", "display")


def token_hash(token: str) -> str:
    # Tokens are 256 random bits, so a fast hash is enough (no dictionary to attack).
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_kiosk(db: Database, kiosk_id: str, name: str | None = None, mode: str = "kiosk",
                 by: str | None = None) -> str:
    if not KIOSK_ID_RE.match(kiosk_id or ""):
        raise ValidationError(
            "A kiosk id uses lowercase letters, digits and dashes (e.g. hall-1), up to 63 characters.", "id")
    if mode not in MODES:
        raise ValidationError(f"The mode must be kiosk or display, not {mode!r}.", "mode")
    if db["kiosks"].count_where("id = ?", [kiosk_id]):
        raise ValidationError(f"A kiosk with the id {kiosk_id!r} already exists.", "id")
    token = secrets.token_urlsafe(32)
    db["kiosks"].insert({"id": kiosk_id, "name": name or kiosk_id, "mode": mode,
                         "token_hash": token_hash(token), "created_at": now_iso()})
    audit(db, by, "create", "kiosks", kiosk_id, None, {"name": name or kiosk_id, "mode": mode})
    return token


def kiosk_for_token(db: Database, token: str) -> dict | None:
    rows = list(db.query("SELECT * FROM kiosks WHERE token_hash = ? AND revoked_at IS NULL",
                         [token_hash(token)]))
    return rows[0] if rows else None


def record_heartbeat(db: Database, kiosk_id: str, status: dict) -> None:
    version = status.get("manifest_version")
    db.execute(
        "UPDATE kiosks SET last_seen = ?, shown_version = ?, status = ? WHERE id = ?",
        [now_iso(), version if isinstance(version, int) else None,
         json.dumps(status, ensure_ascii=False), kiosk_id],
    )
    db.conn.commit()
