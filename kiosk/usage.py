"""Counts of what visitors opened, per day, with no personal data.

Events are `kind` or `kind:detail` (screen:fees, template:divorce, qr:divorce,
calculator, video:3). The heartbeat sends the running totals of recent days;
the server stores the latest total, so a resent heartbeat counts nothing twice.
Counted on the UI thread, read by the sync thread: guarded by a lock.
"""
import json
import logging
import os
import tempfile
import threading
from datetime import date, timedelta
from pathlib import Path

from court_contract.heartbeat import EVENT_RE, KEEP_DAYS

log = logging.getLogger(__name__)


class UsageCounter:
    def __init__(self, path: Path, today=date.today):
        self.path = Path(path)
        self._today = today
        self._lock = threading.Lock()
        self._days: dict[str, dict[str, int]] = self._load()

    def _load(self) -> dict:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            log.warning("usage counts in %s are unreadable (%s); starting again", self.path, e)
            return {}
        if not isinstance(data, dict):
            return {}
        return {day: {e: n for e, n in events.items() if EVENT_RE.match(e) and isinstance(n, int) and n >= 0}
                for day, events in data.items() if isinstance(events, dict)}

    def count(self, event: str) -> None:
        if not EVENT_RE.match(event):
            log.debug("not counting malformed event %r", event)
            return
        day = self._today().isoformat()
        with self._lock:
            events = self._days.setdefault(day, {})
            events[event] = events.get(event, 0) + 1

    def snapshot(self) -> dict[str, dict[str, int]]:
        """Totals of the last KEEP_DAYS days (a copy, safe to send from another thread)."""
        oldest = (self._today() - timedelta(days=KEEP_DAYS - 1)).isoformat()
        with self._lock:
            self._days = {d: e for d, e in self._days.items() if d >= oldest}
            return {d: dict(e) for d, e in self._days.items()}

    def save(self) -> None:
        data = json.dumps(self.snapshot(), sort_keys=True).encode()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".usage-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, self.path)
        except OSError as e:
            Path(tmp).unlink(missing_ok=True)
            log.warning("cannot save usage counts to %s: %s", self.path, e)
