"""The court's time zone on admin pages: every date and time staff see or type is in it."""
import datetime as dt
from zoneinfo import ZoneInfo

from court_contract.zone import court_zone as zone_named
from court_contract.zone import offset_problem

from ..content import get_settings


def court_zone(db) -> ZoneInfo:
    """The zone of the settings in `db`, by the one rule kiosks use too (court_contract.zone)."""
    return zone_named(get_settings(db).get("timezone"))


def zone_data_problem(db, now_utc: dt.datetime | None = None) -> str | None:
    """A sentence when this machine's time zone data puts the court's zone at another
    UTC offset than the settings' utc_offset (court_contract.zone.offset_problem)."""
    settings = get_settings(db)
    return offset_problem(settings.get("timezone"), settings.get("utc_offset"),
                          now_utc or dt.datetime.now(dt.timezone.utc))
