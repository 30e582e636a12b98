"""court_contract.calendar, reception on holidays, the manifest's holidays list and the offset check."""

import datetime as dt
import json
from zoneinfo import ZoneInfo

import pytest

from court_contract import calendar, reception
from court_contract.manifest import ManifestError, validate
from court_contract.zone import offset_problem, parse_offset
from tests.support.manifests import build_manifest

AQTAU = ZoneInfo("Asia/Aqtau")


def holiday(date, name="Тәуелсіздік күні", working=False):
    return {"date": date, "name": {"kk": name, "ru": name, "en": name}, "working": working}


# 2026-12-16 (Independence Day) is a Wednesday; 2027-01-02 a Saturday.
HOLIDAYS = [holiday("2026-12-16"), holiday("2026-12-17", "extra"), holiday("2027-01-09", "working Saturday", True)]


def test_days_off_and_working_weekends_from_the_manifest_list():
    assert calendar.days_off(HOLIDAYS) == {dt.date(2026, 12, 16), dt.date(2026, 12, 17)}
    assert calendar.working_weekends(HOLIDAYS) == {dt.date(2027, 1, 9)}
    assert calendar.days_off([]) == set() and calendar.days_off(None) == set()
    assert calendar.holiday_on(HOLIDAYS, dt.date(2026, 12, 16))["date"] == "2026-12-16"
    assert calendar.holiday_on(HOLIDAYS, dt.date(2027, 1, 9)) is None  # a working day, not a holiday


def test_working_days_skip_holidays_and_count_transferred_saturdays():
    off, extra = calendar.days_off(HOLIDAYS), calendar.working_weekends(HOLIDAYS)
    assert calendar.next_working_day(dt.date(2026, 12, 15), off, extra) == dt.date(2026, 12, 18)
    assert calendar.next_working_day(dt.date(2027, 1, 8), off, extra) == dt.date(2027, 1, 9)
    assert calendar.is_working_day(dt.date(2027, 1, 9), off, extra)
    assert not calendar.is_working_day(dt.date(2027, 1, 10), off, extra)
    # the older call with dates only still works
    assert calendar.next_working_day(dt.date(2026, 12, 15), [dt.date(2026, 12, 16)]) == dt.date(2026, 12, 17)


def slot(weekday, start="11:00", end="13:00", person="Иванов"):
    return {"id": weekday, "person": {"ru": person}, "weekday": weekday, "start": start, "end": end,
            "valid_from": None, "valid_to": None}


def test_no_reception_on_a_holiday():
    wed = slot(3)
    assert reception.slots_on([wed], dt.date(2026, 12, 16)) == [wed]
    assert reception.slots_on([wed], dt.date(2026, 12, 16), HOLIDAYS) == []
    assert reception.slots_on([wed], dt.date(2026, 12, 23), HOLIDAYS) == [wed]


def test_next_reception_skips_holidays_even_beyond_a_week():
    now = dt.datetime(2026, 12, 14, 9, 0, tzinfo=AQTAU)  # Monday
    wed = slot(3)
    assert reception.next_reception(wed, now).date() == dt.date(2026, 12, 16)
    assert reception.next_reception(wed, now, HOLIDAYS).date() == dt.date(2026, 12, 23)
    # two holiday Wednesdays in a row: still found
    two = HOLIDAYS + [holiday("2026-12-23", "more")]
    assert reception.next_reception(wed, now, two).date() == dt.date(2026, 12, 30)
    [(found, start)] = reception.next_for_each_person([wed], now, two)
    assert start == dt.datetime(2026, 12, 30, 11, 0, tzinfo=AQTAU)


def with_holidays(entries):
    manifest = build_manifest()
    manifest["holidays"] = entries
    return manifest


def test_manifest_holidays_are_optional_and_validated():
    manifest = build_manifest()
    manifest.pop("holidays", None)
    assert validate(manifest) is manifest
    assert validate(with_holidays(HOLIDAYS))["holidays"] == HOLIDAYS


@pytest.mark.parametrize(
    "entries, message",
    [
        ({"date": "2026-12-16"}, "holidays must be a list"),
        ([holiday("2026-12-32")], r"holidays\[0\].date is not a valid calendar date"),
        ([holiday("16.12.2026")], r"holidays\[0\].date is not a date like 2026-01-31"),
        ([holiday("2026-12-16"), holiday("2026-12-16")], r"holidays\[1\].date repeats the date 2026-12-16"),
        ([{"date": "2026-12-16", "working": False}], r"holidays\[0\].name is missing"),
        ([dict(holiday("2026-12-16"), working="no")], r"holidays\[0\].working must be true or false"),
        ([holiday("2026-12-16", working=True)], r"holidays\[0\].working is true on a weekday"),
        ([{"date": "2026-12-16", "name": {"xx": "?"}, "working": False}], "unknown language"),
    ],
)
def test_bad_holidays_are_refused_with_the_field_named(entries, message):
    with pytest.raises(ManifestError, match=message):
        validate(json.loads(json.dumps(with_holidays(entries))))


def test_utc_offset_in_the_manifest_is_checked():
    manifest = build_manifest()
    manifest["court"]["utc_offset"] = "+05:00"
    validate(manifest)
    manifest["court"]["utc_offset"] = "UTC+5"
    with pytest.raises(ManifestError, match="court.utc_offset is not a UTC offset like"):
        validate(manifest)


NOW = dt.datetime(2026, 12, 4, 10, 0, tzinfo=dt.timezone.utc)


def test_offset_check():
    assert parse_offset("+05:00") == dt.timedelta(hours=5)
    assert parse_offset("-03:30") == -dt.timedelta(hours=3, minutes=30)
    assert parse_offset("+5") is None and parse_offset("+25:00") is None and parse_offset(5) is None
    assert offset_problem("Asia/Almaty", "+05:00", NOW) is None
    assert offset_problem("Asia/Aqtau", "+05:00", NOW) is None
    assert offset_problem("Asia/Almaty", None, NOW) is None  # nothing to compare
    problem = offset_problem("Asia/Almaty", "+06:00", NOW)
    assert "UTC+05:00" in problem and "UTC+06:00" in problem and "tzdata" in problem
    # what a machine with time zone data from before March 2024 would say of Almaty
    assert "UTC+06:00" in offset_problem("Asia/Almaty", "+05:00", dt.datetime(2023, 12, 4, tzinfo=dt.timezone.utc))
    assert "not an offset" in offset_problem("Asia/Almaty", "5 hours", NOW)
    assert "not in this machine's time zone data" in offset_problem("Mars/Olympus", "+05:00", NOW)


def test_the_hearings_feed_skips_holidays_and_counts_working_saturdays():
    from sqlite_utils import Database

    from admin_server import hearings
    from admin_server.schema import migrate

    db = Database(memory=True)
    migrate(db)
    tuesday = dt.datetime(2026, 12, 15, 6, tzinfo=dt.timezone.utc)  # 11:00 in Almaty
    assert hearings.feed(db, tuesday)[0]["days"] == ["2026-12-15", "2026-12-16"]
    db["holidays"].insert_all([{"date": "2026-12-16", "name": "{}", "working": 0},
                               {"date": "2026-12-17", "name": "{}", "working": 0}])
    feed, tag = hearings.feed(db, tuesday)
    assert feed["days"] == ["2026-12-15", "2026-12-18"] and "2026-12-18" in tag
    friday = dt.datetime(2027, 1, 8, 6, tzinfo=dt.timezone.utc)
    assert hearings.feed(db, friday)[0]["days"] == ["2027-01-08", "2027-01-11"]
    db["holidays"].insert({"date": "2027-01-09", "name": "{}", "working": 1})
    assert hearings.feed(db, friday)[0]["days"] == ["2027-01-08", "2027-01-09"]
