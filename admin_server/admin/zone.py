"""The court's time zone on admin pages: every date and time staff see or type is in it."""
from zoneinfo import ZoneInfo

from court_contract.zone import court_zone as zone_named

from ..content import get_settings


def court_zone(db) -> ZoneInfo:
    """The zone of the settings in `db`, by the one rule kiosks use too (court_contract.zone)."""
    return zone_named(get_settings(db).get("timezone"))
