"""The court's time zone: every date and time the court shows is in it.

One rule on both sides: the zone named in the settings (the manifest's
``court.timezone``), and Asia/Almaty where that name is missing or unknown:
Kazakhstan has had a single zone, UTC+5, since March 2024.
"""
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
