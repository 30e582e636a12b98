"""The court's time zone: every date and time the court shows is in it.

One rule on both sides: the zone named in the settings (the manifest's
``court.timezone``), and Asia/Almaty where that name is missing or unknown:
Kazakhstan has had a single zone, UTC+5, since March 2024.

The settings also say the offset the court expects (``court.utc_offset``,
"+05:00"). The zone's rules come from the machine's time zone data (the
tzdata package, else the system's): when they give another offset for now,
the data is out of date or the zone is wrong, and every clock the court
shows would be off by the difference. :func:`offset_problem` says so in a
sentence that the kiosk and the server log at start.
"""
import datetime as _dt
import re
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_ZONE = "Asia/Almaty"


def load_zone(name) -> ZoneInfo | None:
    """The named IANA time zone, or None for anything that is not one (never raises).

    ZoneInfo raises more than ZoneInfoNotFoundError: ValueError for odd paths,
    IsADirectoryError for "Asia", OSError for over-long names.
    """
    if not isinstance(name, str) or not name or len(name) > 64:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


def court_zone(name) -> ZoneInfo:
    """The zone called ``name``, else the default zone (the one fallback)."""
    return load_zone(name) or ZoneInfo(DEFAULT_ZONE)


EXPECTED_OFFSET = "+05:00"  # Kazakhstan since 1 March 2024: the default of the utc_offset setting
_OFFSET = re.compile(r"([+-])(\d{2}):(\d{2})\Z")


def parse_offset(text):
    """"+05:00" -> timedelta(hours=5); None for anything else (never raises)."""
    match = _OFFSET.match(text) if isinstance(text, str) else None
    if not match or int(match[2]) > 14 or int(match[3]) > 59:
        return None
    delta = _dt.timedelta(hours=int(match[2]), minutes=int(match[3]))
    return -delta if match[1] == "-" else delta


def format_offset(delta):
    minutes = int(delta.total_seconds()) // 60
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def offset_problem(zone_name, utc_offset, now_utc):
    """A sentence when the zone's offset at ``now_utc`` is not ``utc_offset``, else None.

    No expected offset (None or "") means nothing to compare; an unreadable
    one or an unknown zone is a problem of its own.
    """
    if not utc_offset:
        return None
    expected = parse_offset(utc_offset)
    if expected is None:
        return f"the expected UTC offset {utc_offset!r} is not an offset like +05:00"
    zone = load_zone(zone_name)
    if zone is None:
        return f"the court's time zone {zone_name!r} is not in this machine's time zone data"
    actual = now_utc.astimezone(zone).utcoffset()
    if actual == expected:
        return None
    return (f"the time zone {zone_name} is at UTC{format_offset(actual)} by this machine's time zone data, "
            f"but the court's settings expect UTC{utc_offset}: update the tzdata package or correct the "
            f"time zone or the expected offset in the settings; times shown are off by the difference")
