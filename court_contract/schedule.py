"""Which videos and announcements show now, and until when (pure; no Kivy).

Like a signage player's asset list: `playlist(manifest, now)` returns the
active items and the next moment the answer can change, so the UI sets one
timer instead of polling. See docs/manifest.md, "Schedules".
"""
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from .zone import court_zone

CLOCK_TOLERANCE = timedelta(minutes=5)


def manifest_zone(manifest: dict) -> ZoneInfo:
    """The court's zone as the manifest names it (see court_contract.zone for the fallback)."""
    return court_zone((manifest.get("court") or {}).get("timezone"))


def court_now(manifest: dict, now_utc: datetime) -> datetime:
    return now_utc.astimezone(manifest_zone(manifest))


def clock_is_wrong(manifest: dict, now: datetime) -> bool:
    """True when now is obviously too early: before the manifest was published."""
    published = manifest.get("published_at")
    return bool(published) and now < datetime.fromisoformat(published) - CLOCK_TOLERANCE


def is_dated(item: dict) -> bool:
    return any(item.get(k) for k in ("valid_from", "valid_to", "starts_at", "ends_at", "weekdays", "day_start"))


def _in_day_part(item: dict, t: time) -> bool:
    if not item.get("day_start"):
        return True
    start, end = time.fromisoformat(item["day_start"]), time.fromisoformat(item["day_end"])
    return start <= t < end if start < end else (t >= start or t < end)  # wraps midnight


def is_active(item: dict, now: datetime) -> bool:
    """now: an aware datetime in the court's time zone."""
    today = now.date()
    if item.get("valid_from") and today < date.fromisoformat(item["valid_from"]):
        return False
    if item.get("valid_to") and today > date.fromisoformat(item["valid_to"]):
        return False
    if item.get("starts_at") and now < datetime.fromisoformat(item["starts_at"]):
        return False
    if item.get("ends_at") and now >= datetime.fromisoformat(item["ends_at"]):
        return False
    if item.get("weekdays") and now.isoweekday() not in item["weekdays"]:
        return False
    return _in_day_part(item, now.timetz().replace(tzinfo=None))


def _boundaries(item: dict, now: datetime):
    """Moments after `now` at which `is_active(item)` may flip."""
    zone = now.tzinfo
    for key in ("starts_at", "ends_at"):
        if item.get(key):
            yield datetime.fromisoformat(item[key])
    midnight = datetime.combine(now.date() + timedelta(days=1), time(0), zone)
    if is_dated(item):
        yield midnight  # dates and weekdays change at midnight
    for key in ("day_start", "day_end"):
        if item.get(key):
            t = time.fromisoformat(item[key])
            yield datetime.combine(now.date(), t, zone)
            yield datetime.combine(now.date() + timedelta(days=1), t, zone)


def select(items: list[dict], now: datetime, clock_ok: bool = True) -> tuple[list[dict], datetime | None]:
    """(active items in order, next moment that may change the answer or None)."""
    candidates = items if clock_ok else [i for i in items if not is_dated(i)]
    active = [i for i in candidates if is_active(i, now)]
    later = [b for i in candidates for b in _boundaries(i, now) if b > now]
    return active, min(later, default=None)


def playlist(manifest: dict, now: datetime) -> tuple[list[dict], datetime | None]:
    return select(manifest.get("videos", []), now, not clock_is_wrong(manifest, now))


def announcements(manifest: dict, now: datetime) -> tuple[list[dict], list[dict], datetime | None]:
    """(ticker announcements, active emergencies, next change)."""
    active, deadline = select(manifest.get("announcements", []), now, not clock_is_wrong(manifest, now))
    return ([a for a in active if not a.get("emergency")], [a for a in active if a.get("emergency")], deadline)
