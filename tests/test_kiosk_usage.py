"""Usage counts per day: running totals that survive a restart."""
from datetime import date

from court_contract.heartbeat import KEEP_DAYS
from kiosk.usage import UsageCounter


class Today:
    def __init__(self, d):
        self.d = d

    def __call__(self):
        return self.d


def test_counts_per_day_and_event(tmp_path):
    today = Today(date(2026, 11, 22))
    usage = UsageCounter(tmp_path / "usage.json", today)
    for event in ("screen:fees", "screen:fees", "template:divorce", "calculator"):
        usage.count(event)
    today.d = date(2026, 11, 23)
    usage.count("screen:fees")
    assert usage.snapshot() == {"2026-11-22": {"screen:fees": 2, "template:divorce": 1, "calculator": 1},
                                "2026-11-23": {"screen:fees": 1}}


def test_malformed_events_are_not_counted(tmp_path):
    usage = UsageCounter(tmp_path / "usage.json", Today(date(2026, 11, 22)))
    for event in ("", "Screen:x", "screen:../../x", "a" * 40, "screen:" + "x" * 70, "<b>"):
        usage.count(event)
    assert usage.snapshot() == {}


def test_totals_survive_a_restart_and_old_days_are_dropped(tmp_path):
    path = tmp_path / "usage.json"
    usage = UsageCounter(path, Today(date(2026, 11, 1)))
    usage.count("video:1")
    usage.save()
    later = UsageCounter(path, Today(date(2026, 11, 1 + KEEP_DAYS - 1)))
    later.count("video:1")
    assert later.snapshot() == {"2026-11-01": {"video:1": 1}, "2026-11-14": {"video:1": 1}}
    much_later = UsageCounter(path, Today(date(2026, 11, 1 + KEEP_DAYS)))
    assert much_later.snapshot() == {}


def test_a_corrupt_file_starts_empty(tmp_path, caplog):
    path = tmp_path / "usage.json"
    path.write_text("{not json")
    usage = UsageCounter(path, Today(date(2026, 11, 22)))
    assert usage.snapshot() == {} and "unreadable" in caplog.text
    path.write_text('{"2026-11-22": {"screen:fees": -3, "calculator": 2, "bad event": 1}}')
    assert UsageCounter(path, Today(date(2026, 11, 22))).snapshot() == {"2026-11-22": {"calculator": 2}}
