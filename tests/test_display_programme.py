"""kiosk.programme: what plays and shows now, for both modes (pure, frozen clock)."""

import datetime as dt

from kiosk.cache import Cache
from kiosk.programme import now_showing

AQTAU = dt.timezone(dt.timedelta(hours=5))
PUBLISHED = "2026-11-22T08:00:00+00:00"


def tri(text):
    return {"kk": f"{text} kk", "ru": f"{text} ru", "en": f"{text} en"}


def video(ident, sha, **schedule):
    return {"id": ident, "title": tri(f"v{ident}"), "file": {"sha256": sha * 64}, "valid_from": None,
            "valid_to": None, **schedule}


def note(ident, priority=0, emergency=False, **schedule):
    return {"id": ident, "text": tri(f"a{ident}"), "priority": priority, "emergency": emergency,
            "starts_at": None, "ends_at": None, **schedule}


def manifest(**parts):
    return {"published_at": PUBLISHED, "court": {"timezone": "Asia/Aqtau"}, "videos": [], "announcements": [],
            **parts}


def at(hour, minute=0, day=24):
    return dt.datetime(2026, 11, day, hour, minute, tzinfo=AQTAU).astimezone(dt.timezone.utc)


def test_morning_videos_ticker_by_priority_and_the_next_change(tmp_path):
    cache = Cache(tmp_path)
    m = manifest(
        videos=[video(1, "a"), video(2, "b", day_start="09:00", day_end="13:00"),
                video(3, "c", weekdays=[6, 7])],
        announcements=[note(1), note(2, priority=5, starts_at="2026-11-24T08:00:00+05:00"),
                       note(3, emergency=True, ends_at="2026-11-24T10:30:00+05:00")])
    showing = now_showing(m, cache, at(10))
    assert [v["id"] for v in showing.videos] == [1, 2]  # Tuesday morning
    assert showing.paths == [str(tmp_path / "media" / ("a" * 64)), str(tmp_path / "media" / ("b" * 64))]
    assert [a["id"] for a in showing.ticker] == [2, 1]
    assert [a["id"] for a in showing.emergencies] == [3]
    assert showing.clock_ok
    assert showing.deadline == dt.datetime(2026, 11, 24, 10, 30, tzinfo=AQTAU)  # the emergency ends first
    later = now_showing(m, cache, showing.deadline)
    assert later.emergencies == [] and later.deadline == dt.datetime(2026, 11, 24, 13, 0, tzinfo=AQTAU)
    afternoon = now_showing(m, cache, at(13))
    assert [v["id"] for v in afternoon.videos] == [1]


def test_a_newer_manifest_rules_the_announcements_before_it_is_on_screen(tmp_path):
    shown = manifest(videos=[video(1, "a")], announcements=[note(1)])
    newer = manifest(videos=[video(1, "a"), video(2, "b")],
                     announcements=[note(1), note(9, emergency=True)])
    showing = now_showing(shown, Cache(tmp_path), at(10), announcements_from=newer)
    assert [v["id"] for v in showing.videos] == [1]  # the playlist waits for the visitor
    assert [a["id"] for a in showing.emergencies] == [9]  # the emergency does not


def test_a_wrong_clock_shows_undated_items_only(tmp_path):
    m = manifest(videos=[video(1, "a"), video(2, "b", valid_from="2026-01-01")],
                 announcements=[note(1), note(2, starts_at="2026-01-01T00:00:00+05:00"),
                                note(3, emergency=True), note(4, emergency=True, ends_at="2027-01-01T00:00:00+05:00")])
    before_publish = dt.datetime(2025, 3, 1, 12, tzinfo=dt.timezone.utc)
    showing = now_showing(m, Cache(tmp_path), before_publish)
    assert not showing.clock_ok
    assert [v["id"] for v in showing.videos] == [1]
    assert [a["id"] for a in showing.ticker] == [1]
    assert [a["id"] for a in showing.emergencies] == [3]
    within_tolerance = dt.datetime.fromisoformat(PUBLISHED) - dt.timedelta(minutes=4)
    assert now_showing(m, Cache(tmp_path), within_tolerance).clock_ok


def test_nothing_to_show(tmp_path):
    showing = now_showing(None, Cache(tmp_path), at(10))
    assert (showing.videos, showing.paths, showing.ticker, showing.emergencies, showing.deadline) == (
        [], [], [], [], None)
    assert showing.clock_ok


def test_a_broken_entry_is_skipped_not_fatal(tmp_path, caplog):
    m = manifest(videos=[video(1, "a"), {"id": 2, "file": {"sha256": "not-a-hash"}}, {"id": 3}])
    showing = now_showing(m, Cache(tmp_path), at(10))
    assert [v["id"] for v in showing.videos] == [1]
    assert "has no usable file" in caplog.text
    bad_schedule = manifest(announcements=[note(1, day_start="nine", day_end="ten")])
    assert now_showing(bad_schedule, Cache(tmp_path), at(10)).ticker == []
    assert "cannot be read" in caplog.text


def test_the_pure_modules_import_no_kivy():
    import subprocess
    import sys

    code = ("import sys, kiosk.programme, kiosk.status, court_contract.schedule; "
            "print('kivy' in sys.modules, 'PIL' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False False"
