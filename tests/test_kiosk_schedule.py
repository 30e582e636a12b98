"""The pure schedule, with a frozen clock: range edges, midnight, day parts, wrong clocks."""
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from court_contract.schedule import announcements, clock_is_wrong, court_now, is_active, playlist, select

AQTAU = ZoneInfo("Asia/Aqtau")  # UTC+5


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=AQTAU)


def manifest(videos=(), notes=(), published="2026-11-01T00:00:00+00:00"):
    return {"court": {"timezone": "Asia/Aqtau"}, "published_at": published,
            "videos": list(videos), "announcements": list(notes)}


@pytest.mark.parametrize("item, moment, expected", [
    ({"valid_from": "2026-12-01"}, "2026-11-30T23:59:59", False),
    ({"valid_from": "2026-12-01"}, "2026-12-01T00:00:00", True),
    ({"valid_to": "2026-12-31"}, "2026-12-31T23:59:59", True),
    ({"valid_to": "2026-12-31"}, "2027-01-01T00:00:00", False),
    ({"starts_at": "2026-12-01T09:00:00+05:00"}, "2026-12-01T08:59:59", False),
    ({"starts_at": "2026-12-01T09:00:00+05:00"}, "2026-12-01T09:00:00", True),
    ({"ends_at": "2026-12-01T18:00:00+05:00"}, "2026-12-01T17:59:59", True),
    ({"ends_at": "2026-12-01T18:00:00+05:00"}, "2026-12-01T18:00:00", False),
    # An offset other than the court's is still the same instant (13:00 UTC = 18:00 in Aqtau).
    ({"ends_at": "2026-12-01T13:00:00+00:00"}, "2026-12-01T18:00:00", False),
    ({"weekdays": [1, 2, 3, 4, 5]}, "2026-11-27T12:00:00", True),    # Friday
    ({"weekdays": [1, 2, 3, 4, 5]}, "2026-11-28T12:00:00", False),   # Saturday
    ({"weekdays": [6]}, "2026-11-28T00:00:00", True),                # Saturday from midnight
    ({"day_start": "09:00", "day_end": "13:00"}, "2026-11-23T08:59:59", False),
    ({"day_start": "09:00", "day_end": "13:00"}, "2026-11-23T09:00:00", True),
    ({"day_start": "09:00", "day_end": "13:00"}, "2026-11-23T13:00:00", False),
    ({"day_start": "22:00", "day_end": "06:00"}, "2026-11-23T23:30:00", True),   # wraps midnight
    ({"day_start": "22:00", "day_end": "06:00"}, "2026-11-24T00:00:00", True),
    ({"day_start": "22:00", "day_end": "06:00"}, "2026-11-24T06:00:00", False),
    ({"weekdays": [1], "day_start": "09:00", "day_end": "13:00"}, "2026-11-24T10:00:00", False),  # Tuesday
    ({}, "2026-11-24T03:00:00", True),
])
def test_is_active(item, moment, expected):
    assert is_active(item, at(moment)) is expected


def test_the_deadline_is_the_next_change():
    items = [{"id": 1}, {"id": 2, "day_start": "09:00", "day_end": "13:00"},
             {"id": 3, "ends_at": "2026-11-23T10:30:00+05:00"}]
    active, deadline = select(items, at("2026-11-23T08:00:00"))
    assert [i["id"] for i in active] == [1, 3]
    assert deadline == at("2026-11-23T09:00:00")
    active, deadline = select(items, at("2026-11-23T09:00:00"))
    assert [i["id"] for i in active] == [1, 2, 3] and deadline == at("2026-11-23T10:30:00")
    active, deadline = select(items, at("2026-11-23T12:00:00"))
    assert [i["id"] for i in active] == [1, 2] and deadline == at("2026-11-23T13:00:00")
    active, deadline = select(items, at("2026-11-23T23:00:00"))
    assert [i["id"] for i in active] == [1] and deadline == at("2026-11-24T00:00:00")


def test_undated_items_alone_have_no_deadline():
    assert select([{"id": 1}], at("2026-11-23T08:00:00")) == ([{"id": 1}], None)


def test_a_wrong_clock_shows_only_undated_content():
    m = manifest(videos=[{"id": 1}, {"id": 2, "valid_from": "1970-01-01"}],
                 notes=[{"id": 5, "emergency": False}, {"id": 6, "emergency": True, "ends_at": "2099-01-01T00:00:00+05:00"}],
                 published="2026-11-20T10:00:00+00:00")
    wrong = datetime(1970, 1, 1, 6, 0, tzinfo=timezone.utc)
    assert clock_is_wrong(m, wrong)
    assert [v["id"] for v in playlist(m, wrong)[0]] == [1]
    ticker, emergencies, _ = announcements(m, wrong)
    assert [a["id"] for a in ticker] == [5] and emergencies == []
    right = datetime(2026, 11, 22, 6, 0, tzinfo=timezone.utc)
    assert not clock_is_wrong(m, right)
    assert [v["id"] for v in playlist(m, right)[0]] == [1, 2]
    # A few minutes behind the server is not "wrong".
    assert not clock_is_wrong(m, datetime(2026, 11, 20, 9, 57, tzinfo=timezone.utc))


def test_emergencies_are_separated_from_the_ticker():
    m = manifest(notes=[{"id": 1, "emergency": False}, {"id": 2, "emergency": True},
                        {"id": 3, "emergency": True, "ends_at": "2026-11-22T10:00:00+05:00"}])
    ticker, emergencies, deadline = announcements(m, at("2026-11-22T09:00:00"))
    assert [a["id"] for a in ticker] == [1] and [a["id"] for a in emergencies] == [2, 3]
    assert deadline == at("2026-11-22T10:00:00")
    assert [a["id"] for a in announcements(m, at("2026-11-22T10:00:00"))[1]] == [2]


def test_court_now_uses_the_courts_zone():
    now = court_now(manifest(), datetime(2026, 11, 22, 19, 30, tzinfo=timezone.utc))
    assert (now.date().isoformat(), now.hour) == ("2026-11-23", 0)  # already tomorrow in Aqtau
    assert now.utcoffset() == timedelta(hours=5)


@pytest.mark.parametrize("bad, message", [
    ({"weekdays": [0]}, "weekdays as numbers 1"),
    ({"weekdays": []}, "weekdays as numbers 1"),
    ({"day_start": "09:00"}, "given together"),
    ({"day_start": "09:00", "day_end": "09:00"}, "must differ"),
    ({"day_start": "25:00", "day_end": "09:00"}, "is not a time"),
])
def test_the_manifest_parser_refuses_bad_schedules(bad, message):
    import json

    from court_contract.manifest import ManifestError, validate
    from tests.support.manifests import build_manifest  # the kiosk tests' valid example

    m = build_manifest()
    m["videos"][0].update(bad)
    with pytest.raises(ManifestError, match=message):
        validate(json.loads(json.dumps(m)))
