"""Reading and writing draft content. Storage functions take a Database.

Trilingual texts are stored as JSON text and come back as dicts through
`tri_from_db`; settings values are JSON too.
"""
import json
from datetime import datetime, timezone

from sqlite_utils import Database

from court_contract.text import LANGS

from .errors import ValidationError
from .store import StoredFile

DEFAULT_SETTINGS = {
    "court_name": {"kk": "", "ru": "", "en": ""},
    "court_address": {"kk": "", "ru": "", "en": ""},
    "court_phones": [],
    "court_email": "",
    "court_website": "",
    "timezone": "Asia/Almaty",
    "utc_offset": "+05:00",  # what the zone's offset must be now; a mismatch is logged at start (stale tzdata)
    "public_base_url": "http://127.0.0.1:8000",
    "idle_timeout_s": 90,
    "idle_warning_s": 30,
    "default_language": "kk",
    "max_document_mb": 20,
    "max_video_mb": 300,
    # Hearings (live feed, never published): how parties of public hearings show,
    # how long past hearings are kept, and the optional pull from a court system.
    "hearing_parties": "initials",
    "hearing_retention_days": 7,
    "hearings_pull_url": "",
    "hearings_pull_every_min": 15,
    "hearings_pull_last": {"at": None, "ok": None, "message": ""},
}


def now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def tri(value) -> str:
    """JSON text of a trilingual object; refuses anything else."""
    if isinstance(value, str):
        value = {"kk": value, "ru": value, "en": value}
    if not isinstance(value, dict) or not set(value) <= set(LANGS):
        raise ValidationError(f"A text must have the languages kk, ru and en, not {value!r}.")
    return json.dumps({lang: str(value.get(lang) or "") for lang in LANGS}, ensure_ascii=False)


def tri_from_db(text) -> dict:
    if not text:
        return {lang: "" for lang in LANGS}
    return json.loads(text)


def get_settings(db: Database) -> dict:
    values = dict(DEFAULT_SETTINGS)
    for row in db["settings"].rows:
        values[row["key"]] = json.loads(row["value"])
    return values


def set_settings(db: Database, values: dict) -> None:
    unknown = set(values) - set(DEFAULT_SETTINGS)
    if unknown:
        raise ValidationError(f"Unknown setting {sorted(unknown)[0]!r}.")
    db["settings"].upsert_all(
        [{"key": k, "value": json.dumps(v, ensure_ascii=False)} for k, v in values.items()], pk="key"
    )


def register_media(db: Database, stored: StoredFile, mime: str, original_name: str) -> None:
    db["media"].upsert(
        {"sha256": stored.sha256, "size": stored.size, "type": mime,
         "original_name": original_name, "created_at": now_iso()},
        pk="sha256",
    )


def audit(db: Database, username: str | None, action: str, entity: str, entity_id=None, old=None, new=None):
    db["audit_log"].insert({
        "at": now_iso(), "username": username or "system", "action": action, "entity": entity,
        "entity_id": None if entity_id is None else str(entity_id),
        "old": None if old is None else json.dumps(old, ensure_ascii=False, default=str),
        "new": None if new is None else json.dumps(new, ensure_ascii=False, default=str),
    })


def has_content(db: Database) -> bool:
    return any(db[t].count for t in ("fee_rules", "templates", "videos", "links", "reception_slots"))
