"""The manifest: schema 1 (docs/manifest.md), parse/validate, canonical JSON, digests.

:func:`parse` turns the bytes served at ``/api/v1/manifest`` into a dict, or
raises :class:`ManifestError` with one sentence that names the offending
field, e.g. ``templates[3].files.kk.sha256 is not a sha256 hex digest``.
Whatever the bytes are, nothing but ManifestError ever comes out of it.

Keys that schema 1 does not know are ignored (so a newer server can add
fields); every key it does know must be present and of the right type.
"""

import datetime as _dt
import hashlib
import json
import math
import re

from .fees import FEE_LIMITS, leads_back
from .text import LANGS, bad_characters, code_points
from .zone import load_zone, parse_offset

SCHEMA = 1

_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")
_TIME = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d\Z")
_URL = re.compile(r"https?://[^\s/?#]+[^\s]*\Z", re.IGNORECASE)
_APPLICANTS = ("individual", "legal_entity", "any")
_LINK_KINDS = ("e_service", "social")


class ManifestError(ValueError):
    """The manifest is not valid schema 1; the message says which field is wrong."""


# --- primitive checks -------------------------------------------------------
# Each takes (value, path) and returns the value, or raises ManifestError.


def _fail(path, problem):
    raise ManifestError(f"{path} {problem}")


def _shown(value, most=60):
    """A value as a message quotes it: repr, cut short (a hostile manifest's 5 000-character code stays out)."""
    text = repr(value)
    return text if len(text) <= most else text[: most - 1] + "…"


def _obj(value, path):
    if not isinstance(value, dict):
        _fail(path, "must be an object")
    return value


def _list(value, path):
    if not isinstance(value, list):
        _fail(path, "must be a list")
    return value


def _get(obj, key, path):
    if key not in obj:
        _fail(f"{path}.{key}" if path else key, "is missing")
    return obj[key]


def _str(value, path, *, empty=True, lines=False):
    """A string; ``lines``: it may hold tabs and line breaks (a trilingual text)."""
    if not isinstance(value, str):
        _fail(path, "must be a string")
    if not empty and not value.strip():
        _fail(path, "must not be empty")
    _clean(value, path, lines)
    return value


def _clean(value, path, lines=False):
    """No control or bidi characters (court_contract.text.bad_characters): a kiosk would show them otherwise
    than the admin did, or cut the text short."""
    bad = bad_characters(value, lines=lines)
    if bad:
        _fail(path, f"contains control characters ({code_points(bad)})")


def _opt_str(value, path):
    return None if value is None else _str(value, path)


def _int(value, path, *, minimum=None, maximum=None):
    if isinstance(value, bool) or not isinstance(value, int):
        _fail(path, "must be an integer")
    return _in_range(value, path, minimum, maximum)


def _number(value, path, *, minimum=None, maximum=None):
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(path, "must be a number")
    if isinstance(value, float) and not math.isfinite(value):
        _fail(path, "must be a finite number")
    return _in_range(value, path, minimum, maximum)


def _in_range(value, path, minimum, maximum):
    """``value`` itself, or the error naming the bound it crosses (None: no bound on that side)."""
    if minimum is not None and value < minimum:
        _fail(path, f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        _fail(path, f"must be at most {maximum}")
    return value


def _opt_number(value, path, *, minimum=None, maximum=None):
    return None if value is None else _number(value, path, minimum=minimum, maximum=maximum)


def _bool(value, path):
    if not isinstance(value, bool):
        _fail(path, "must be true or false")
    return value


def _sha(value, path):
    if not isinstance(value, str) or not _SHA256.match(value):
        _fail(path, "is not a sha256 hex digest")
    return value


def _url(value, path):
    if not isinstance(value, str) or not _URL.match(value):
        _fail(path, "is not an http(s) URL")
    _clean(value, path)
    return value


def _opt_url(value, path):
    """A URL that may be unset (null or "")."""
    if value is None or value == "":
        return value
    return _url(value, path)


def _date(value, path):
    if not isinstance(value, str) or not _DATE.match(value):
        _fail(path, "is not a date like 2026-01-31")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        _fail(path, "is not a valid calendar date")


def _opt_date(value, path):
    return None if value is None else _date(value, path)


def _time(value, path):
    if not isinstance(value, str) or not _TIME.match(value):
        _fail(path, "is not a time like 09:30")
    return _dt.time.fromisoformat(value)


def _instant(value, path):
    if not isinstance(value, str) or len(value) > 64:
        _fail(path, "is not an ISO 8601 instant")
    try:
        parsed = _dt.datetime.fromisoformat(value)
    except ValueError:
        _fail(path, "is not an ISO 8601 instant")
    if parsed.tzinfo is None:
        _fail(path, "has no UTC offset")
    return parsed


def _opt_instant(value, path):
    return None if value is None else _instant(value, path)


def _text(value, path):
    """A trilingual text: an object with string values for kk/ru/en (each optional)."""
    _obj(value, path)
    for key, item in value.items():
        if key not in LANGS:
            _fail(path, f"has an unknown language {_shown(key)} (expected kk, ru or en)")
        _str(item, f"{path}.{key}", lines=True)
    return value


def _range(obj, path):
    start = _opt_date(_get(obj, "valid_from", path), f"{path}.valid_from")
    end = _opt_date(_get(obj, "valid_to", path), f"{path}.valid_to")
    if start and end and end < start:
        _fail(f"{path}.valid_to", "is before valid_from")


def _when(obj, path):
    """Optional weekly schedule: weekdays (ISO 1-7) and a day part day_start-day_end.

    Absent or null means always; a day part may wrap midnight (22:00-06:00).
    """
    weekdays = obj.get("weekdays")
    if weekdays is not None:
        _list(weekdays, f"{path}.weekdays")
        if not weekdays or not all(isinstance(d, int) and not isinstance(d, bool) and 1 <= d <= 7 for d in weekdays):
            _fail(f"{path}.weekdays", "must list weekdays as numbers 1 (Monday) to 7 (Sunday)")
    start, end = obj.get("day_start"), obj.get("day_end")
    if (start is None) != (end is None):
        _fail(f"{path}.day_start", "and day_end must be given together")
    if start is not None:
        if _time(start, f"{path}.day_start") == _time(end, f"{path}.day_end"):
            _fail(f"{path}.day_end", "must differ from day_start")


# --- sections ---------------------------------------------------------------


def _file(value, path, media):
    _obj(value, path)
    sha = _sha(_get(value, "sha256", path), f"{path}.sha256")
    size = _int(_get(value, "size", path), f"{path}.size", minimum=0)
    kind = _str(_get(value, "type", path), f"{path}.type", empty=False)
    name = _str(_get(value, "name", path), f"{path}.name", empty=False)
    if "/" in name or "\\" in name or name in (".", ".."):
        _fail(f"{path}.name", "must be a plain file name")
    entry = media.get(sha)
    if entry is None:
        _fail(f"{path}.sha256", "is not listed in media")
    if entry["size"] != size:
        _fail(f"{path}.size", f"is {size} but media lists {entry['size']}")
    if entry["type"] != kind:
        _fail(f"{path}.type", f"is {_shown(kind)} but media lists {_shown(entry['type'])}")


def _media(value):
    _obj(value, "media")
    for sha, entry in value.items():
        path = f"media.{sha}" if len(sha) <= 80 else "media key"
        _sha(sha, path)
        _obj(entry, path)
        _int(_get(entry, "size", path), f"{path}.size", minimum=0)
        _str(_get(entry, "type", path), f"{path}.type", empty=False)
    return value


def _court(value):
    path = "court"
    _obj(value, path)
    for key in ("name", "address"):
        _text(_get(value, key, path), f"{path}.{key}")
    for i, phone in enumerate(_list(_get(value, "phones", path), f"{path}.phones")):
        _str(phone, f"{path}.phones[{i}]", empty=False)
    _opt_str(_get(value, "email", path), f"{path}.email")
    if load_zone(_str(_get(value, "timezone", path), f"{path}.timezone", empty=False)) is None:
        _fail(f"{path}.timezone", "is not a known time zone like Asia/Almaty")
    _opt_url(_get(value, "website", path), f"{path}.website")
    offset = value.get("utc_offset")  # optional: older manifests lack it
    if offset is not None and parse_offset(offset) is None:
        _fail(f"{path}.utc_offset", "is not a UTC offset like +05:00")


def _settings(value):
    path = "settings"
    _obj(value, path)
    _url(_get(value, "public_base_url", path), f"{path}.public_base_url")
    _int(_get(value, "idle_timeout_s", path), f"{path}.idle_timeout_s", minimum=1)
    _int(_get(value, "idle_warning_s", path), f"{path}.idle_warning_s", minimum=0)
    lang = _get(value, "default_language", path)
    if lang not in LANGS:
        _fail(f"{path}.default_language", "must be kk, ru or en")
    years = set()
    for i, row in enumerate(_list(_get(value, "mrp", path), f"{path}.mrp")):
        rpath = f"{path}.mrp[{i}]"
        _obj(row, rpath)
        year = _int(_get(row, "year", rpath), f"{rpath}.year", minimum=1990, maximum=9999)
        _int(_get(row, "value", rpath), f"{rpath}.value", minimum=1)
        if year in years:
            _fail(f"{rpath}.year", f"repeats the year {year}")
        years.add(year)


def _fee_rules(value):
    rules = _list(value, "fee_rules")
    codes = set()
    for i, rule in enumerate(rules):
        path = f"fee_rules[{i}]"
        _obj(rule, path)
        codes.add(_str(_get(rule, "code", path), f"{path}.code", empty=False))
        _str(_get(rule, "claim_kind", path), f"{path}.claim_kind", empty=False)
        if _get(rule, "applicant", path) not in _APPLICANTS:
            _fail(f"{path}.applicant", "must be individual, legal_entity or any")
        for key in ("title", "note", "legal_ref"):
            _text(_get(rule, key, path), f"{path}.{key}")
        for key, most in FEE_LIMITS.items():
            _opt_number(_get(rule, key, path), f"{path}.{key}", minimum=0, maximum=most)
        base, factor = _get(rule, "base_rule", path), rule["factor"]
        if base is not None:
            _str(base, f"{path}.base_rule", empty=False)
            if factor is None:
                _fail(f"{path}.factor", "must be set when base_rule is set")
            for key in ("percent", "mrp"):
                if rule[key] is not None:
                    _fail(f"{path}.{key}", "must be null when base_rule is set")
        elif factor is not None:
            _fail(f"{path}.factor", "must be null when base_rule is null")
        _bool(_get(rule, "exempt", path), f"{path}.exempt")
        _range(rule, path)
    # base_rule must name a rule, and following base rules must end.
    links = {}
    for i, rule in enumerate(rules):
        base = rule["base_rule"]
        if base is None:
            continue
        if base not in codes:
            _fail(f"fee_rules[{i}].base_rule", f"names {_shown(base)}, which is not a fee rule code")
        links.setdefault(rule["code"], set()).add(base)
    for i, rule in enumerate(rules):
        if leads_back(links, rule["code"]):
            _fail(f"fee_rules[{i}].base_rule", "leads back to the same rule (a cycle)")


def _holidays(value):
    """The optional calendar of public holidays and transferred working days (absent = none)."""
    seen = set()
    for i, entry in enumerate(_list(value, "holidays")):
        path = f"holidays[{i}]"
        _obj(entry, path)
        day = _date(_get(entry, "date", path), f"{path}.date")
        if day in seen:
            _fail(f"{path}.date", f"repeats the date {day.isoformat()}")
        seen.add(day)
        _text(_get(entry, "name", path), f"{path}.name")
        if _bool(_get(entry, "working", path), f"{path}.working") and day.isoweekday() < 6:
            _fail(f"{path}.working", "is true on a weekday; only a Saturday or Sunday can become a working day")


def _reception(value, room_ids=frozenset()):
    for i, slot in enumerate(_list(value, "reception")):
        path = f"reception[{i}]"
        _obj(slot, path)
        _int(_get(slot, "id", path), f"{path}.id")
        for key in ("person", "position", "court", "room", "booking_note"):
            _text(_get(slot, key, path), f"{path}.{key}")
        _int(_get(slot, "weekday", path), f"{path}.weekday", minimum=1, maximum=7)
        start = _time(_get(slot, "start", path), f"{path}.start")
        end = _time(_get(slot, "end", path), f"{path}.end")
        if end <= start:
            _fail(f"{path}.end", "is not after start")
        _opt_str(_get(slot, "phone", path), f"{path}.phone")
        _range(slot, path)
        room_id = slot.get("room_id")  # optional: older manifests lack it
        if room_id is not None:
            _int(room_id, f"{path}.room_id", minimum=0)
            if room_id not in room_ids:
                _fail(f"{path}.room_id", f"is {room_id}, which is not a room in rooms")


_PLAN_TYPES = ("image/png", "image/jpeg")


def _rooms(value, media):
    """The optional courtroom list (absent = none); returns the set of room ids."""
    ids, numbers = set(), set()
    for i, room in enumerate(_list(value, "rooms")):
        path = f"rooms[{i}]"
        _obj(room, path)
        room_id = _int(_get(room, "id", path), f"{path}.id", minimum=0)
        if room_id in ids:
            _fail(f"{path}.id", f"repeats the room id {room_id}")
        ids.add(room_id)
        number = _str(_get(room, "number", path), f"{path}.number", empty=False)
        if number in numbers:
            _fail(f"{path}.number", f"repeats the room number {_shown(number)}")
        numbers.add(number)
        for key in ("name", "wing", "way"):
            _text(_get(room, key, path), f"{path}.{key}")
        _int(_get(room, "floor", path), f"{path}.floor", minimum=-9, maximum=200)
        plan = _get(room, "plan", path)
        if plan is None:
            continue
        ppath = f"{path}.plan"
        _obj(plan, ppath)
        ref = _get(plan, "file", ppath)
        _file(ref, f"{ppath}.file", media)
        if ref["type"] not in _PLAN_TYPES:
            _fail(f"{ppath}.file.type", "must be image/png or image/jpeg")
        for key in ("x", "y"):
            _number(_get(plan, key, ppath), f"{ppath}.{key}", minimum=0, maximum=1)
    return ids


def _templates(categories, templates, media):
    codes = set()
    for i, cat in enumerate(_list(categories, "template_categories")):
        path = f"template_categories[{i}]"
        _obj(cat, path)
        codes.add(_str(_get(cat, "code", path), f"{path}.code", empty=False))
        _text(_get(cat, "title", path), f"{path}.title")
    for i, tpl in enumerate(_list(templates, "templates")):
        path = f"templates[{i}]"
        _obj(tpl, path)
        _str(_get(tpl, "slug", path), f"{path}.slug", empty=False)
        category = _str(_get(tpl, "category", path), f"{path}.category")
        if category not in codes:
            _fail(f"{path}.category", f"{_shown(category)} is not in template_categories")
        _text(_get(tpl, "title", path), f"{path}.title")
        _text(_get(tpl, "description", path), f"{path}.description")
        _url(_get(tpl, "url", path), f"{path}.url")
        files = _obj(_get(tpl, "files", path), f"{path}.files")
        for lang, item in files.items():
            if lang not in LANGS:
                _fail(f"{path}.files", f"has an unknown language {_shown(lang)} (expected kk, ru or en)")
            _file(item, f"{path}.files.{lang}", media)


def _videos(value, media):
    for i, video in enumerate(_list(value, "videos")):
        path = f"videos[{i}]"
        _obj(video, path)
        _int(_get(video, "id", path), f"{path}.id")
        _text(_get(video, "title", path), f"{path}.title")
        _file(_get(video, "file", path), f"{path}.file", media)
        _opt_number(_get(video, "duration_s", path), f"{path}.duration_s", minimum=0)
        _range(video, path)
        _when(video, path)


def _announcements(value):
    for i, item in enumerate(_list(value, "announcements")):
        path = f"announcements[{i}]"
        _obj(item, path)
        _int(_get(item, "id", path), f"{path}.id")
        _text(_get(item, "text", path), f"{path}.text")
        start = _opt_instant(_get(item, "starts_at", path), f"{path}.starts_at")
        end = _opt_instant(_get(item, "ends_at", path), f"{path}.ends_at")
        if start and end and end < start:
            _fail(f"{path}.ends_at", "is before starts_at")
        _int(_get(item, "priority", path), f"{path}.priority")
        _bool(_get(item, "emergency", path), f"{path}.emergency")
        _when(item, path)


def _links(value):
    for i, link in enumerate(_list(value, "links")):
        path = f"links[{i}]"
        _obj(link, path)
        _int(_get(link, "id", path), f"{path}.id")
        if _get(link, "kind", path) not in _LINK_KINDS:
            _fail(f"{path}.kind", "must be e_service or social")
        _text(_get(link, "title", path), f"{path}.title")
        _text(_get(link, "description", path), f"{path}.description")
        _url(_get(link, "url", path), f"{path}.url")
        _opt_str(_get(link, "icon", path), f"{path}.icon")


def _reject_constant(name):
    raise ManifestError(f"the manifest contains {name}, which JSON does not allow")


def validate(manifest):
    """Check an already decoded manifest; return it or raise ManifestError."""
    _obj(manifest, "the manifest")
    schema = _get(manifest, "schema", "")
    if isinstance(schema, bool) or schema != SCHEMA:
        _fail("schema", f"is {_shown(schema)}; this kiosk understands schema {SCHEMA}")
    _int(_get(manifest, "version", ""), "version", minimum=1)
    _instant(_get(manifest, "published_at", ""), "published_at")
    _sha(_get(manifest, "content_sha256", ""), "content_sha256")
    media = _media(_get(manifest, "media", ""))
    _court(_get(manifest, "court", ""))
    _settings(_get(manifest, "settings", ""))
    _fee_rules(_get(manifest, "fee_rules", ""))
    _holidays(manifest.get("holidays", []))
    room_ids = _rooms(manifest.get("rooms", []), media)
    _reception(_get(manifest, "reception", ""), room_ids)
    _templates(_get(manifest, "template_categories", ""), _get(manifest, "templates", ""), media)
    _videos(_get(manifest, "videos", ""), media)
    _announcements(_get(manifest, "announcements", ""))
    _links(_get(manifest, "links", ""))
    return manifest


def parse(data):
    """Decode and validate manifest bytes; return the manifest dict.

    Raises ManifestError (and nothing else) for anything that is not a valid
    schema 1 manifest.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise ManifestError("the manifest must be given as bytes")
    try:
        text = bytes(data).decode("utf-8")
    except UnicodeDecodeError:
        raise ManifestError("the manifest is not valid UTF-8") from None
    try:
        manifest = json.loads(text, parse_constant=_reject_constant)
    except RecursionError:
        raise ManifestError("the manifest is nested too deeply to be JSON from a server") from None
    except json.JSONDecodeError as exc:
        raise ManifestError(f"the manifest is not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except ManifestError:
        raise
    except ValueError:  # e.g. an integer with too many digits
        raise ManifestError("the manifest contains a number this kiosk cannot read") from None
    return validate(manifest)


def media_hashes(manifest):
    """Every media file the manifest needs: ``{sha256: {"size": int, "type": str}}``."""
    return {sha: {"size": entry["size"], "type": entry["type"]} for sha, entry in manifest["media"].items()}


def canonical_json(obj):
    """The canonical form of docs/manifest.md: UTF-8, sorted keys, no spaces, no NaN."""
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")


def sha256_hex(data):
    return hashlib.sha256(data).hexdigest()


# What changes from one publish to the next even when the content does not.
VOLATILE_KEYS = ("version", "published_at", "content_sha256")


def content_digest(manifest):
    """sha256 of the canonical manifest without its VOLATILE_KEYS: the server's content_sha256.

    Not enforced by :func:`parse` (a kiosk cannot tell which number formatting
    the server used); useful for checks and tests.
    """
    return sha256_hex(canonical_json({k: v for k, v in manifest.items() if k not in VOLATILE_KEYS}))
