"""SIGKILL a publish inside its transaction: the database and the last version stay intact."""
import json
import signal
import subprocess
import time

from admin_server.db import connect, db_path
from court_contract.manifest import sha256_hex
from admin_server.publish import publish
from admin_server.store import MediaStore
from tests.support.publish_kill import Publishes, big_content_db, new_draft
from admin_server.testing import SERVER_EXE

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


def publish_command(data_dir) -> Publishes:
    """Publishes by `court-kiosk-server publish` processes."""
    def launch():
        return subprocess.Popen([SERVER_EXE, "--data-dir", str(data_dir), "publish"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def finish(proc):
        assert proc.wait(60) == 0

    return Publishes(data_dir, launch, running=lambda proc: proc.poll() is None, finish=finish)


def test_sigkill_inside_the_publish_transaction_leaves_everything_intact(tmp_path):
    data_dir = tmp_path / "data"
    db, store = big_content_db(data_dir)
    publish(db, store)
    db.conn.close()
    publishes = publish_command(data_dir)
    delays = publishes.kill_delays(KILLS, seed=20261122)

    inside = 0
    for i, delay in enumerate(delays):
        new_draft(data_dir, f"round {i}")
        before = check_intact(data_dir)
        proc = publishes.start()
        time.sleep(delay)
        locked = publishes.locked()
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
