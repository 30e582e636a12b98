"""Pulling the hearings from the case management system's URL (settings hearings_pull_url, every
hearings_pull_every_min minutes), with the same checks as an uploaded file: all or nothing.

`court-kiosk-server pull-hearings` runs `pull_if_due` (a systemd timer starts it every minute;
the setting decides how often it really pulls). Every attempt's outcome is kept in the setting
hearings_pull_last ({"at", "ok", "message"}) for the dashboard.
"""
import datetime as dt
import json
import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from . import hearings_import as hi
from .content import get_settings, now_iso, set_settings
from .db import write_transaction
from .errors import CourtKioskError

TIMEOUT_S = 20.0
SOURCE = "pull"


class PullFailed(CourtKioskError):
    """The URL gave no usable list; nothing was stored."""


def fetch(url: str, timeout_s: float = TIMEOUT_S, max_bytes: int | None = None) -> tuple[bytes, str]:
    """GET url -> (body, content type); PullFailed with a sentence on any failure, a slow or big answer."""
    max_bytes = max_bytes or hi.MAX_FILE_BYTES
    if urlsplit(url).scheme not in ("http", "https"):
        raise PullFailed(f"The pull address {url!r} is not an http:// or https:// address.")
    request = urllib.request.Request(url, headers={"User-Agent": "court-kiosk-server",
                                                   "Accept": "text/csv, application/json, */*"})
    deadline = time.monotonic() + timeout_s
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            chunks, size = [], 0
            while chunk := response.read(65536):
                chunks.append(chunk)
                size += len(chunk)
                if size > max_bytes:
                    raise PullFailed(f"The case system sent more than {max_bytes / 2**20:g} MB; nothing was stored.")
                if time.monotonic() > deadline:
                    raise TimeoutError
            return b"".join(chunks), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as e:
        raise PullFailed(f"The case system answered HTTP {e.code} ({e.reason}); nothing was stored.") from None
    except (TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        if isinstance(e, TimeoutError) or isinstance(reason, TimeoutError):
            raise PullFailed(f"The case system did not answer within {timeout_s:g} s; nothing was stored.") from None
        raise PullFailed(f"The case system cannot be reached ({reason}); nothing was stored.") from None


def json_table(data: bytes) -> hi.Table:
    """A JSON list of objects with the import's keys (or {"hearings": [...]}) as a Table."""
    try:
        items = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PullFailed("The case system's answer is not valid JSON; nothing was stored.") from None
    if isinstance(items, dict):
        items = items.get("hearings")
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise PullFailed("The case system's JSON is not a list of hearings (objects with date, time, room, "
                         "case_number, case_kind, ...); nothing was stored.")
    if len(items) > hi.MAX_ROWS:
        raise hi.ImportRefused([hi.Problem("too_many_rows", {"max": hi.MAX_ROWS})])
    header = [f for f in hi.FIELDS if any(f in i for i in items)]
    rows = [(n, [_scalar(i.get(f)) for f in header]) for n, i in enumerate(items, start=1)]
    if not rows:
        raise hi.ImportRefused([hi.Problem("empty")])
    return hi.Table(header, rows)


def _scalar(value):
    return value if value is None or isinstance(value, (str, bool, int, float)) else json.dumps(value)


def _is_json(data: bytes, content_type: str) -> bool:
    return "json" in content_type.lower() or data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")


def pull(db, url: str, timeout_s: float = TIMEOUT_S) -> str:
    """Fetch, check and store the hearings at `url`; record the outcome; return the sentence.

    Raises PullFailed / ImportRefused (after recording them) when nothing was stored."""
    try:
        data, content_type = fetch(url, timeout_s)
        table = json_table(data) if _is_json(data, content_type) else hi.read_table(data, urlsplit(url).path)
        preview = hi.check(table, hi.rooms_of(db))
        totals = hi.store_preview(db, preview, SOURCE, SOURCE)
    except (PullFailed, hi.ImportRefused) as e:
        record(db, False, str(e))
        raise
    message = hi.summary_text(totals)
    record(db, True, message)
    return message


def record(db, ok: bool, message: str) -> None:
    with write_transaction(db):
        set_settings(db, {"hearings_pull_last": {"at": now_iso(), "ok": ok, "message": message}})


def is_due(settings: dict, now: dt.datetime) -> bool:
    """A pull is due when hearings_pull_every_min minutes have passed since the last attempt."""
    last = (settings.get("hearings_pull_last") or {}).get("at")
    if not last:
        return True
    every = dt.timedelta(minutes=max(1, int(settings.get("hearings_pull_every_min") or 15)))
    # A few seconds' slack: the timer that starts us fires every minute, never exactly on time.
    return now - dt.datetime.fromisoformat(last) >= every - dt.timedelta(seconds=20)


def pull_if_due(db, *, force: bool = False, now: dt.datetime | None = None) -> str:
    """What `pull-hearings` does: nothing without a URL or before it is due (unless `force`), else pull."""
    settings = get_settings(db)
    url = (settings.get("hearings_pull_url") or "").strip()
    if not url:
        return "No pull address is set (Settings: hearings_pull_url); nothing to do."
    if not force and not is_due(settings, now or dt.datetime.now(dt.timezone.utc)):
        return "The last pull was less than hearings_pull_every_min minutes ago; nothing to do."
    return pull(db, url)


def last_pull(db) -> dict | None:
    """For the dashboard: the last attempt ({"at", "ok", "message"}) while a pull address is set, else None."""
    settings = get_settings(db)
    if not (settings.get("hearings_pull_url") or "").strip():
        return None
    return dict(settings.get("hearings_pull_last") or {}, every_min=settings.get("hearings_pull_every_min"))
