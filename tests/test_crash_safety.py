"""SIGKILL a publish at random moments: the database and the last version stay intact."""
import json
import random
import signal
import sqlite3
import subprocess
import time

from admin_server.content import tri
from admin_server.db import connect, db_path
from admin_server.manifest import sha256_hex
from admin_server.store import MediaStore
from tests.content_fixtures import make_content_db
from tests.server_fixtures import SERVER_EXE

KILLS = 25


def publish_cmd(data_dir):
    return [SERVER_EXE, "--data-dir", str(data_dir), "publish"]


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


def test_sigkill_during_publish_leaves_everything_intact(tmp_path):
    data_dir = tmp_path / "data"
    db, _store, _ = make_content_db(data_dir)
    # Enough rows that building the manifest takes a while, so kills land inside it.
    db["announcements"].insert_all({"text": tri(f"Announcement {i} " + "x" * 200)} for i in range(4000))
    db.conn.commit()
    db.conn.close()

    # Aim the kills at the publish itself, not at interpreter start-up.
    started = time.monotonic()
    subprocess.run([SERVER_EXE, "--data-dir", str(data_dir), "versions"], check=True, capture_output=True)
    startup = time.monotonic() - started
    started = time.monotonic()
    subprocess.run(publish_cmd(data_dir), check=True, capture_output=True)
    full = time.monotonic() - started

    rng = random.Random(20261122)
    outcomes = {"killed": 0, "finished": 0}
    for i in range(KILLS):
        with sqlite3.connect(db_path(data_dir)) as conn:  # a new draft each round
            conn.execute("UPDATE announcements SET text = ? WHERE id = 1", [tri(f"round {i}")])
        before = check_intact(data_dir)
        proc = subprocess.Popen(publish_cmd(data_dir), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.9 * startup, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        outcomes["killed" if proc.returncode == -signal.SIGKILL else "finished"] += 1
        after = check_intact(data_dir)
        assert after[:len(before)] == before
        assert len(after) - len(before) in (0, 1)
    # Most rounds must really have been cut off, or the test proves nothing.
    assert outcomes["killed"] >= KILLS // 2, outcomes
    # And the next publish works normally.
    result = subprocess.run(publish_cmd(data_dir), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    check_intact(data_dir)
