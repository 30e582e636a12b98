"""Today's hearings: the live feed a kiosk or display reads, and the rooms it points to.

Hearings are operational data, not editorial content: they do not wait for a
publish. The server answers ``GET /api/v1/hearings`` with this feed (ETag,
``If-None-Match`` gives 304), so a clerk's status change costs a kiosk one
small answer, never a manifest download. Privacy is the server's job: a
closed hearing's case number, judge, parties and note are never in the feed,
so nothing here can leak them (:func:`parse_feed` refuses a feed that has them).

Feed (canonical JSON)::

    {"schema": 1, "revision": 17, "generated_at": "2026-12-04T09:15:02+05:00",
     "days": ["2026-12-04", "2026-12-07"],          # today and the next working day
     "hearings": [Hearing, ...]}                    # by date, time, room

Hearing::

    {"id": 12, "date": "2026-12-04", "time": "10:30", "room_id": 3,
     "kind": "civil", "closed": false, "status": "in_progress",
     "case_number": "7594-26-00-2/1173", "judge": "Ахметова Г. С.",
     "parties": "С. А. Б. – ТОО «Каспий»",        # as the court's setting says, or null
     "note": "",                                   # a clerk's short note
     "postponed_to": null,                         # "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM" when postponed
     "moved_to_room_id": null}                     # the room it moved to when moved

A closed hearing has only id, date, time, room_id, kind, closed (true),
status, postponed_to and moved_to_room_id.

Rooms are content (published in the manifest's ``rooms`` list, see
docs/manifest.md): a hearing's ``room_id`` is a room's ``id``.
"""
import datetime as _dt
import json
import re

from court_contract.text import bad_characters, code_points

SCHEMA = 1
STATUSES = ("scheduled", "in_progress", "break", "finished", "postponed", "moved", "cancelled")
KINDS = ("civil", "criminal", "administrative_offence", "administrative")
# What a closed hearing must never carry outside the server.
PRIVATE_KEYS = ("case_number", "judge", "parties", "note")
MAX_HEARINGS = 2000
MAX_TEXT = 500

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d\Z")

# Order on a board: what runs now first, then what comes, then what is over.
BOARD_ORDER = {"in_progress": 0, "break": 1, "scheduled": 2, "moved": 2, "postponed": 3, "finished": 4,
               "cancelled": 5}


class FeedError(ValueError):
    """The hearings feed is not valid; the message names the field."""


def _fail(path, problem):
    raise FeedError(f"{path} {problem}")


def _date(value, path):
    if not isinstance(value, str) or not _DATE.match(value):
        _fail(path, "is not a date like 2026-01-31")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        _fail(path, "is not a valid calendar date")


def _id(value, path, *, optional=False):
    if optional and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        _fail(path, "must be a whole number")
    return value


def _opt_text(value, path):
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > MAX_TEXT:
        _fail(path, f"must be a text of at most {MAX_TEXT} characters")
    bad = bad_characters(value)
    if bad:  # an invisible control would show the kiosk a different text than staff typed
        _fail(path, f"holds control characters ({code_points(bad)})")
    return value


def _postponed_to(value, path):
    if value is None:
        return None
    if isinstance(value, str) and "T" in value:
        day, _, at = value.partition("T")
        _date(day, path)
        if not _TIME.match(at):
            _fail(path, "is not a date or a date and time like 2026-12-07T10:00")
        return value
    _date(value, path)
    return value


def validate_hearing(item, path="hearing"):
    if not isinstance(item, dict):
        _fail(path, "must be an object")
    for key in ("id", "date", "time", "room_id", "kind", "closed", "status"):
        if key not in item:
            _fail(f"{path}.{key}", "is missing")
    _id(item["id"], f"{path}.id")
    _date(item["date"], f"{path}.date")
    if not isinstance(item["time"], str) or not _TIME.match(item["time"]):
        _fail(f"{path}.time", "is not a time like 09:30")
    _id(item["room_id"], f"{path}.room_id", optional=True)
    if item["kind"] not in KINDS:
        _fail(f"{path}.kind", f"must be one of {', '.join(KINDS)}")
    if not isinstance(item["closed"], bool):
        _fail(f"{path}.closed", "must be true or false")
    if item["status"] not in STATUSES:
        _fail(f"{path}.status", f"must be one of {', '.join(STATUSES)}")
    _postponed_to(item.get("postponed_to"), f"{path}.postponed_to")
    _id(item.get("moved_to_room_id"), f"{path}.moved_to_room_id", optional=True)
    if item["closed"]:
        leaked = [k for k in PRIVATE_KEYS if item.get(k)]
        if leaked:
            _fail(path, f"is a closed hearing but carries {', '.join(leaked)}")
    for key in PRIVATE_KEYS:
        _opt_text(item.get(key), f"{path}.{key}")
    return item


def validate_feed(feed):
    if not isinstance(feed, dict):
        _fail("the hearings feed", "must be an object")
    if feed.get("schema") != SCHEMA or isinstance(feed.get("schema"), bool):
        _fail("schema", f"is {feed.get('schema')!r}; this kiosk understands schema {SCHEMA}")
    _id(feed.get("revision"), "revision")
    days = feed.get("days")
    if not isinstance(days, list) or not all(isinstance(d, str) for d in days):
        _fail("days", "must be a list of dates")
    for i, day in enumerate(days):
        _date(day, f"days[{i}]")
    hearings = feed.get("hearings")
    if not isinstance(hearings, list) or len(hearings) > MAX_HEARINGS:
        _fail("hearings", f"must be a list of at most {MAX_HEARINGS} hearings")
    for i, item in enumerate(hearings):
        validate_hearing(item, f"hearings[{i}]")
    return feed


def parse_feed(data):
    """Feed bytes -> the feed dict, or FeedError (and nothing else)."""
    try:
        feed = json.loads(bytes(data).decode("utf-8"))
    except (TypeError, ValueError, RecursionError):
        raise FeedError("the hearings feed is not UTF-8 JSON") from None
    return validate_feed(feed)


def on_day(feed, day):
    """The feed's hearings on ``day`` (a date), in board order: by time, running ones first at a time."""
    iso = day.isoformat()
    items = [h for h in (feed or {}).get("hearings", []) if h.get("date") == iso]
    return sorted(items, key=lambda h: (h["time"], BOARD_ORDER.get(h["status"], 9), h["id"]))


def board(feed, day):
    """The display board's order: running hearings first, then by time; finished and cancelled last."""
    return sorted(on_day(feed, day), key=lambda h: (BOARD_ORDER.get(h["status"], 9) >= 4,
                                                    h["status"] not in ("in_progress", "break"), h["time"], h["id"]))
