"""Killing publishes mid-transaction, shared by tests/test_crash_safety.py (the `publish` command)
and tests/test_reliability_publish_kill.py ("Publish" in the web admin of the real server), and
``check_intact``: what must hold after any kill (also used by the upload kills).

Kills are timed from how long real publishes hold the store's write lock, measured on the same
path and under the same load as the kills: a single in-process timing taken during a load spike
once sent most kills after the commit (3 of 25 inside, a red run).
"""
import json
import random
import sqlite3
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from admin_server.content import tri
from admin_server.db import connect, db_path
from admin_server.store import MediaStore
from court_contract.manifest import sha256_hex
from tests.support.content import make_content_db


def holds_write_lock(path) -> bool:
    """True while another process is inside a write transaction."""
    probe = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        probe.execute("BEGIN IMMEDIATE")
        probe.execute("ROLLBACK")
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        probe.close()


def big_content_db(data_dir):
    """make_content_db with enough announcements that a publish transaction lasts a while."""
    db, store, _ = make_content_db(data_dir)
    db["announcements"].insert_all({"text": tri(f"Announcement {i} " + "x" * 200)} for i in range(4000))
    db.conn.commit()
    return db, store


def new_draft(data_dir, text):
    with sqlite3.connect(db_path(data_dir)) as conn:
        conn.execute("UPDATE announcements SET text = ? WHERE id = 1", [tri(text)])


@dataclass
class Publishes:
    """How a test publishes: `launch()` starts one and returns its handle, `running(handle)` tells
    whether it is still under way, `finish(handle)` waits for one left alone and checks it succeeded."""
    data_dir: Path
    launch: Callable[[], Any]
    running: Callable[[Any], bool]
    finish: Callable[[Any], None]

    def locked(self) -> bool:
        return holds_write_lock(db_path(self.data_dir))

    def start(self):
        """Launches a publish; returns its handle once it holds the write lock (or has ended)."""
        publish = self.launch()
        deadline = time.monotonic() + 30
        while self.running(publish) and not self.locked() and time.monotonic() < deadline:
            time.sleep(0.002)
        return publish

    def lock_held_s(self, text) -> float:
        new_draft(self.data_dir, text)
        publish = self.start()
        started = time.monotonic()
        while self.running(publish) and self.locked():
            time.sleep(0.002)
        held = time.monotonic() - started
        self.finish(publish)
        return held

    def kill_delays(self, kills: int, seed: int, span: float = 1.0) -> list[float]:
        """`kills` random delays after `start()`, up to `span` times the median lock-hold of three
        real publishes (beyond 1: some kills after the commit)."""
        transaction_s = statistics.median(self.lock_held_s(f"calibration {i}") for i in range(3))
        rng = random.Random(seed)
        return [rng.uniform(0, span * transaction_s) for _ in range(kills)]


def check_intact(data_dir):
    db = connect(db_path(data_dir))
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        versions = [r["version"] for r in db.query("SELECT version FROM published_versions ORDER BY version")]
        assert versions == list(range(1, len(versions) + 1)), "versions must be consecutive"
        store = MediaStore(data_dir / "media")
        for row in db.query("SELECT * FROM published_versions"):
            assert sha256_hex(row["manifest"].encode()) == row["sha256"]
            manifest = json.loads(row["manifest"])
            assert manifest["version"] == row["version"]
            for sha, meta in manifest["media"].items():
                assert store.exists(sha, meta["size"]) and store.verify(sha)
        return versions
    finally:
        db.conn.close()
