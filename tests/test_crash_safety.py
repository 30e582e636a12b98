"""SIGKILL a publish inside its transaction: the database and the last version stay intact."""
import signal
import subprocess
import time

from admin_server.publish import publish
from admin_server.testing import SERVER_EXE
from tests.support.publish_kill import Publishes, big_content_db, check_intact, new_draft

KILLS = 25


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
