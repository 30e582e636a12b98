"""Personal reception schedule (docs/manifest.md "ReceptionSlot"). Pure functions.

A slot is ``{"weekday": 1..7 (ISO, Monday = 1), "start": "HH:MM", "end": "HH:MM",
"valid_from": "YYYY-MM-DD" | None, "valid_to": ... | None, "person": T, ...}``.
Times are the court's local time; pass ``now`` in that zone (aware or naive;
results carry the same tzinfo). ``holidays`` is the manifest's calendar
(:mod:`court_contract.calendar`): no reception is held on a day off.
"""

import datetime as _dt
import json

from .calendar import days_off

# How far ahead "next reception" looks: a week, and beyond it when holidays
# (Nauryz is three days, New Year two) fall on the slot's weekday.
_LOOKAHEAD_DAYS = 35


def _date(value):
    if value is None or isinstance(value, _dt.date):
        return value
    return _dt.date.fromisoformat(value)


def _time(value):
    return value if isinstance(value, _dt.time) else _dt.time.fromisoformat(value)


def _valid_on(slot, day):
    start, end = _date(slot.get("valid_from")), _date(slot.get("valid_to"))
    return (start is None or start <= day) and (end is None or day <= end)


def week_days(today):
    """Monday..Sunday of the week that contains ``today``."""
    monday = today - _dt.timedelta(days=today.isoweekday() - 1)
    return [monday + _dt.timedelta(days=i) for i in range(7)]


def slots_on(slots, day, holidays=()):
    """The slots held on ``day`` (right weekday, within valid dates, not a holiday), by start time."""
    if day in days_off(holidays):
        return []
    found = [s for s in slots if s.get("weekday") == day.isoweekday() and _valid_on(s, day)]
    return sorted(found, key=lambda s: (_time(s["start"]), _time(s["end"])))


def next_reception(slot, now, holidays=()):
    """Start of the slot's next occurrence that has not ended by ``now``, or None.

    If the slot is running at ``now``, that occurrence counts: the result is
    its start, which is then earlier than ``now``. Holidays are skipped. None
    when the slot's valid dates have passed.
    """
    off = days_off(holidays)
    start_t, end_t = _time(slot["start"]), _time(slot["end"])
    first = now.date()
    valid_from = _date(slot.get("valid_from"))
    if valid_from is not None and valid_from > first:
        first = valid_from
    for offset in range(_LOOKAHEAD_DAYS + 1):
        day = first + _dt.timedelta(days=offset)
        if day.isoweekday() != slot.get("weekday") or not _valid_on(slot, day) or day in off:
            continue
        end = _dt.datetime.combine(day, end_t, tzinfo=now.tzinfo)
        if end > now:
            return _dt.datetime.combine(day, start_t, tzinfo=now.tzinfo)
    return None


def _person_key(slot):
    person = slot.get("person")
    return json.dumps(person, sort_keys=True, ensure_ascii=False) if person is not None else f"#{slot.get('id')}"


def next_for_each_person(slots, now, holidays=()):
    """``[(slot, start)]``: each person's next reception, soonest first.

    People are grouped by their (trilingual) name; someone with no upcoming
    reception is left out.
    """
    best = {}
    for slot in slots:
        when = next_reception(slot, now, holidays)
        if when is None:
            continue
        key = _person_key(slot)
        if key not in best or when < best[key][1]:
            best[key] = (slot, when)
    return sorted(best.values(), key=lambda pair: (pair[1], _time(pair[0]["start"])))
