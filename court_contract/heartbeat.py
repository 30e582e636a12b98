"""The heartbeat a kiosk sends (docs/manifest.md, "Heartbeat body") and its usage counts.

Usage events are ``kind`` or ``kind:detail`` (screen:fees, template:divorce,
qr:divorce, calculator, video:3), counted per day with no personal data;
a kiosk sends its running totals of the last KEEP_DAYS days, so a resent
heartbeat counts nothing twice.
"""
import re

EVENT_RE = re.compile(r"\A[a-z_]{1,32}(:[A-Za-z0-9_.-]{1,64})?\Z")
DAY_RE = re.compile(r"\A\d{4}-\d{2}-\d{2}\Z")
KEEP_DAYS = 14
MAX_USAGE_ROWS = 2000
MAX_COUNT = 10**7
THUMBNAIL_WIDTH = 320
MAX_THUMBNAIL_BYTES = 256 * 1024


class HeartbeatError(ValueError):
    """A heartbeat field is not in the agreed format; the message says which and why."""


def usage_rows(value) -> list[dict]:
    """``{day: {event: count}}`` -> ``[{"day", "event", "count"}]``, or HeartbeatError."""
    if not isinstance(value, dict):
        raise HeartbeatError("usage must be an object of days, each an object of event counts.")
    rows = []
    for day, events in value.items():
        if not (isinstance(day, str) and DAY_RE.match(day)) or not isinstance(events, dict):
            raise HeartbeatError(f"usage has a bad day {day!r} (expected YYYY-MM-DD with event counts).")
        for event, count in events.items():
            if not (isinstance(event, str) and EVENT_RE.match(event)):
                raise HeartbeatError(f"usage has a bad event name {event!r}.")
            if not isinstance(count, int) or isinstance(count, bool) or not 0 <= count < MAX_COUNT:
                raise HeartbeatError(f"usage count of {event!r} must be a whole number from 0.")
            rows.append({"day": day, "event": event, "count": count})
    if len(rows) > MAX_USAGE_ROWS:
        raise HeartbeatError(f"usage has more than {MAX_USAGE_ROWS} counts; send fewer days at once.")
    return rows
