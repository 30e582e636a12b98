"""Kiosk registrations: tokens are shown once and stored only as a hash."""
import hashlib
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


# --- used by the web admin ---------------------------------------------------

def get_kiosk(db: Database, kiosk_id: str) -> dict | None:
    rows = list(db.query("SELECT * FROM kiosks WHERE id = ?", [kiosk_id]))
    return rows[0] if rows else None


def update_kiosk(db: Database, kiosk_id: str, name: str, mode: str, by: str | None = None) -> None:
    if mode not in MODES:
        raise ValidationError(f"The mode must be kiosk or display, not {mode!r}.", "mode")
    if not (name or "").strip() or len(name) > 100:
        raise ValidationError("Give the kiosk a name of 1-100 characters, e.g. Hall 1, left.", "name")
    old = get_kiosk(db, kiosk_id)
    new = {"name": name.strip(), "mode": mode}
    changed = {k: v for k, v in new.items() if old[k] != v}
    if changed:
        db["kiosks"].update(kiosk_id, changed)
        audit(db, by, "update", "kiosks", kiosk_id, {k: old[k] for k in changed}, changed)


def revoke_kiosk(db: Database, kiosk_id: str, by: str | None = None) -> None:
    """The kiosk's token stops working at once; the kiosk keeps showing its cache."""
    when = now_iso()
    db["kiosks"].update(kiosk_id, {"revoked_at": when})
    audit(db, by, "revoke", "kiosks", kiosk_id, {"revoked_at": None}, {"revoked_at": when})


def renew_token(db: Database, kiosk_id: str, by: str | None = None) -> str:
    """A new token (shown once) replaces the old one, which stops working."""
    token = secrets.token_urlsafe(32)
    old = get_kiosk(db, kiosk_id)
    db["kiosks"].update(kiosk_id, {"token_hash": token_hash(token), "revoked_at": None})
    audit(db, by, "new-token", "kiosks", kiosk_id, {"revoked_at": old["revoked_at"]}, {"token": "(new)"})
    return token


def delete_kiosk(db: Database, kiosk_id: str, by: str | None = None) -> None:
    old = get_kiosk(db, kiosk_id)
    db["kiosks"].delete(kiosk_id)
    audit(db, by, "delete", "kiosks", kiosk_id, {"name": old["name"], "mode": old["mode"]}, None)
