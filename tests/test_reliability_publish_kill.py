"""Crash safety during publishes: a power cut of the real server, 50 times, mid-publish.

A staff member presses "Publish" in the web admin of `court-kiosk-server serve` (its own process
group, tests/test_reliability_upload_kill.Server) over a draft big enough that the publish
transaction lasts a while; the whole group gets SIGKILL at a random moment of that request.
After every kill, with the server dead: `check_intact` (PRAGMA integrity_check, consecutive
versions, every published manifest and all its media whole); the versions before the kill are
unchanged and at most one new one appeared. Then the server starts again and serves the newest
version. At the end a publish through the admin succeeds.
(tests/test_crash_safety.py kills the `publish` command the same way.)
"""
import threading
import time

import requests

from admin_server.testing import run_cli
from tests.support.power_cut import Server, no_server_left  # noqa: F401 (autouse: no server left)
from tests.support.publish_kill import Publishes, big_content_db, check_intact, new_draft
from tests.support.staff import Staff, add_staff

KILLS = 50


def press_publish(staff, outcome: dict):
    try:
        outcome["response"] = staff.post("/admin/publish/", {"note": "kill test"})
    except requests.RequestException as e:  # the power cut: expected
        outcome["error"] = e


def web_admin(staff, data_dir) -> Publishes:
    """Publishes by pressing "Publish", each in a thread; a handle is (thread, outcome)."""
    def launch():
        outcome = {}
        thread = threading.Thread(target=press_publish, args=(staff, outcome))
        thread.start()
        return thread, outcome

    def finish(publish):
        thread, outcome = publish
        thread.join(30)
        assert outcome["response"].status_code == 303

    return Publishes(data_dir, launch, running=lambda publish: publish[0].is_alive(), finish=finish)


def test_sigkill_of_the_server_during_web_admin_publishes(tmp_path):
    data_dir, server_tmp = tmp_path / "data", tmp_path / "server-tmp"
    server_tmp.mkdir()
    db, _store = big_content_db(data_dir)
    db.conn.close()
    assert run_cli(data_dir, "init") == 0  # secret key; migrations are already done
    add_staff(data_dir, "publisher", "admin")
    server = Server(data_dir, server_tmp)
    staff = Staff.over_http(server.url, "publisher")
    assert staff.login().status_code == 303

    started = time.monotonic()
    assert staff.post("/admin/publish/", {"note": "first"}).status_code == 303
    publishes = web_admin(staff, data_dir)
    delays = publishes.kill_delays(KILLS, seed=20261129, span=1.25)  # a fifth after the commit, before the answer
    inside = published_anyway = 0
    try:
        for i, delay in enumerate(delays):
            new_draft(data_dir, f"round {i}")
            before = check_intact(data_dir)
            thread, outcome = publishes.start()
            time.sleep(delay)
            locked = publishes.locked()
            server.power_cut()
            thread.join(30)
            assert not thread.is_alive(), "the browser hung after the power cut"

            after = check_intact(data_dir)
            assert after[:len(before)] == before, "a kill changed or lost a published version"
            assert len(after) - len(before) in (0, 1)
            inside += locked and after == before
            published_anyway += len(after) > len(before)

            server = Server(data_dir, server_tmp)  # power back
            staff.base = server.url
            staff.session.close()  # dead keep-alive connections; the sign-in cookie stays
            manifest = requests.get(server.url + "/api/v1/manifest", timeout=10).json()
            assert manifest["version"] == after[-1], "the restarted server serves the newest version"
        # Most kills must really have landed inside the publish transaction, or this proves nothing.
        assert inside >= KILLS // 2, inside
        r = staff.post("/admin/publish/", {"note": "after the kills"})
        assert r.status_code == 303, r.text[-2000:]
    finally:
        server.stop()
    versions = check_intact(data_dir)
    print(f"\n{KILLS} SIGKILLs of the server during web-admin publishes: {inside} inside the write transaction"
          f" (nothing published), {published_anyway} after its commit; {len(versions)} versions, all intact;"
          f" {time.monotonic() - started:.0f} s")
