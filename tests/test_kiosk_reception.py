"""court_contract.reception: week, day lists and next receptions (frozen clock, no real time)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from court_contract.reception import next_for_each_person, next_reception, slots_on, week_days

AQTAU = ZoneInfo("Asia/Aqtau")


def slot(id, weekday, start, end, person="Иванов", valid_from=None, valid_to=None):
    return {
        "id": id,
        "person": {"kk": person, "ru": person, "en": person},
        "weekday": weekday,
        "start": start,
        "end": end,
        "valid_from": valid_from,
        "valid_to": valid_to,
    }


# 2026-11-24 is a Tuesday.
TUE = dt.date(2026, 11, 24)


def at(day, hhmm, tz=None):
    return dt.datetime.combine(day, dt.time.fromisoformat(hhmm), tzinfo=tz)


@pytest.mark.parametrize("today", [dt.date(2026, 11, 23), TUE, dt.date(2026, 11, 29)])
def test_week_days_runs_monday_to_sunday(today):
    days = week_days(today)
    assert days[0] == dt.date(2026, 11, 23) and days[-1] == dt.date(2026, 11, 29)
    assert [d.isoweekday() for d in days] == [1, 2, 3, 4, 5, 6, 7]


def test_week_days_across_a_year_end():
    assert week_days(dt.date(2027, 1, 1))[0] == dt.date(2026, 12, 28)


def test_slots_on_filters_weekday_and_dates_and_sorts_by_start():
    slots = [
        slot(1, 2, "15:00", "17:00"),
        slot(2, 2, "09:00", "11:00"),
        slot(3, 3, "09:00", "11:00"),
        slot(4, 2, "08:00", "09:00", valid_from="2026-12-01"),
        slot(5, 2, "08:00", "09:00", valid_to="2026-11-23"),
        slot(6, 2, "10:00", "12:00", valid_from="2026-11-24", valid_to="2026-11-24"),  # inclusive
    ]
    assert [s["id"] for s in slots_on(slots, TUE)] == [2, 6, 1]
    assert [s["id"] for s in slots_on(slots, TUE + dt.timedelta(days=1))] == [3]
    assert slots_on([], TUE) == []


@pytest.mark.parametrize(
    "now, expected",
    [
        (at(TUE, "08:00"), at(TUE, "11:00")),  # later today
        (at(TUE, "11:00"), at(TUE, "11:00")),  # starting now
        (at(TUE, "12:30"), at(TUE, "11:00")),  # running now: counts as now's
        (at(TUE, "13:00"), at(TUE + dt.timedelta(days=7), "11:00")),  # just ended: next week
        (at(TUE - dt.timedelta(days=1), "18:00"), at(TUE, "11:00")),  # Monday evening
        (at(TUE + dt.timedelta(days=5), "10:00"), at(TUE + dt.timedelta(days=7), "11:00")),
    ],
)
def test_next_reception(now, expected):
    assert next_reception(slot(1, 2, "11:00", "13:00"), now) == expected


def test_next_reception_respects_valid_dates():
    later = slot(1, 2, "11:00", "13:00", valid_from="2027-01-01")
    assert next_reception(later, at(TUE, "08:00")) == at(dt.date(2027, 1, 5), "11:00")
    ended = slot(1, 2, "11:00", "13:00", valid_to="2026-11-23")
    assert next_reception(ended, at(TUE, "08:00")) is None
    last_day = slot(1, 2, "11:00", "13:00", valid_to="2026-11-24")
    assert next_reception(last_day, at(TUE, "12:00")) == at(TUE, "11:00")
    assert next_reception(last_day, at(TUE, "13:30")) is None


def test_next_reception_keeps_the_time_zone():
    result = next_reception(slot(1, 2, "11:00", "13:00"), at(TUE, "08:00", AQTAU))
    assert result == at(TUE, "11:00", AQTAU) and result.tzinfo is AQTAU


def test_next_for_each_person_picks_each_ones_soonest_and_sorts():
    slots = [
        slot(1, 4, "10:00", "12:00", person="Иванов"),  # Thursday
        slot(2, 2, "15:00", "17:00", person="Иванов"),  # today, later
        slot(3, 3, "09:00", "10:00", person="Петрова"),  # tomorrow
        slot(4, 2, "09:00", "10:00", person="Сейтқали"),  # already over today
        slot(5, 1, "09:00", "10:00", person="Ушедший", valid_to="2026-11-01"),  # no longer receives
    ]
    result = next_for_each_person(slots, at(TUE, "11:00"))
    assert [(s["id"], when) for s, when in result] == [
        (2, at(TUE, "15:00")),
        (3, at(TUE + dt.timedelta(days=1), "09:00")),
        (4, at(TUE + dt.timedelta(days=7), "09:00")),
    ]


def test_next_for_each_person_with_no_slots():
    assert next_for_each_person([], at(TUE, "11:00")) == []
