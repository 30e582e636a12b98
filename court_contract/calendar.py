"""Working days and public holidays: which day the hearings feed shows after
today, and on which days personal reception is held.

Pure and standard-library only, so the server, the kiosk and tests share one rule.
Saturday and Sunday are never working days unless the calendar says so;
``holidays`` adds the court's days off (public holidays and the days the
government moves by decree), as dates; ``working`` lists the weekend days a
decree makes working days (a transferred working Saturday), as dates.

The manifest publishes the calendar as an optional ``holidays`` list of
``{"date": "YYYY-MM-DD", "name": T, "working": false}`` entries
(docs/manifest.md "Holiday"); :func:`days_off` and :func:`working_weekends`
turn it into the two sets of dates these functions take.
"""
import datetime as _dt

WEEKEND = (6, 7)  # ISO weekdays: Saturday, Sunday
_MAX_DAYS_OFF = 60  # no calendar has this many days off in a row; a guard against a list of every day


def _entry_date(entry):
    day = entry.get("date")
    return day if isinstance(day, _dt.date) else _dt.date.fromisoformat(day)


def days_off(entries):
    """The dates of the calendar's holidays (entries with ``working`` false or absent)."""
    return {_entry_date(e) for e in entries or () if not e.get("working")}


def working_weekends(entries):
    """The weekend dates a decree makes working days (entries with ``working`` true)."""
    return {_entry_date(e) for e in entries or () if e.get("working")}


def holiday_on(entries, day):
    """The calendar entry that makes ``day`` a day off, or None."""
    for entry in entries or ():
        if not entry.get("working") and _entry_date(entry) == day:
            return entry
    return None


def is_working_day(day, holidays=(), working=()):
    if day in set(working):
        return True
    return day.isoweekday() not in WEEKEND and day not in set(holidays)


def next_working_day(day, holidays=(), working=()):
    """The first working day after ``day`` (a date); ``holidays`` and ``working`` are iterables of dates."""
    off, extra = set(holidays), set(working)
    candidate = day
    for _ in range(_MAX_DAYS_OFF):
        candidate += _dt.timedelta(days=1)
        if is_working_day(candidate, off, extra):
            return candidate
    raise ValueError(f"no working day within {_MAX_DAYS_OFF} days after {day.isoformat()}")
