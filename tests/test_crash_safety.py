"""SIGKILL a publish inside its transaction: the database and the last version stay intact."""
import json
import random
import signal
import sqlite3
import statistics
import subprocess
import time

from admin_server.content import tri
from admin_server.db import connect, db_path
from admin_server.manifest import sha256_hex
from admin_server.publish import publish
from admin_server.store import MediaStore
from tests.content_fixtures import make_content_db
from tests.server_fixtures import SERVER_EXE

KILLS = 25


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


def new_draft(data_dir, text):
    with sqlite3.connect(db_path(data_dir)) as conn:
        conn.execute("UPDATE announcements SET text = ? WHERE id = 1", [tri(text)])


def start_publish(data_dir) -> subprocess.Popen:
    """`court-kiosk-server publish`, returned once it holds the write lock (or has ended)."""
    proc = subprocess.Popen([SERVER_EXE, "--data-dir", str(data_dir), "publish"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while proc.poll() is None and not holds_write_lock(db_path(data_dir)) and time.monotonic() < deadline:
        time.sleep(0.002)
    return proc


def lock_held_s(data_dir, text) -> float:
    new_draft(data_dir, text)
    proc = start_publish(data_dir)
    started = time.monotonic()
    while proc.poll() is None and holds_write_lock(db_path(data_dir)):
        time.sleep(0.002)
    held = time.monotonic() - started
    assert proc.wait(60) == 0
    return held


def test_sigkill_inside_the_publish_transaction_leaves_everything_intact(tmp_path):
    data_dir = tmp_path / "data"
    db, store, _ = make_content_db(data_dir)
    # Enough rows that the transaction lasts a while, so kills land inside it.
    db["announcements"].insert_all({"text": tri(f"Announcement {i} " + "x" * 200)} for i in range(4000))
    db.conn.commit()
    publish(db, store)
    db.conn.close()
    # How long the command holds the write lock, measured on the command itself and under the same
    # load as the kills (a single in-process timing taken during a load spike sent most kills after
    # the commit).
    transaction_s = statistics.median(lock_held_s(data_dir, f"calibration {i}") for i in range(3))

    rng = random.Random(20261122)
    inside = 0
    for i in range(KILLS):
        new_draft(data_dir, f"round {i}")
        before = check_intact(data_dir)
        proc = start_publish(data_dir)
        time.sleep(rng.uniform(0, transaction_s))
        locked = holds_write_lock(db_path(data_dir))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        after = check_intact(data_dir)
        assert after[:len(before)] == before
        assert len(after) - len(before) in (0, 1)
        # Killed while holding the write lock and no version appeared: cut off mid-transaction.
        inside += locked and proc.returncode == -signal.SIGKILL and after == before
    # Most kills must really have landed inside the transaction, or the test proves nothing.
    assert inside >= KILLS // 2, inside
    result = subprocess.run([SERVER_EXE, "--data-dir", str(data_dir), "publish"], capture_output=True, text=True)
    assert result.returncode == 0 and "Published version" in result.stdout, result.stderr
    check_intact(data_dir)
