"""Load + editing (issue 6): polling kiosks while two staff members edit and publish, all the time.

`court-kiosk-server serve` (default 2 workers x 8 threads) over the demo court; simulated kiosks
(bench/fleet.py: asyncio keep-alive pollers, 2 s +-10 %, If-None-Match, sha256-checked media)
plus two real SyncClient kiosks with their own caches. Two editors work at once through
admin_server's storage functions (bench/content.py; the web admin's forms come later): one adds
announcements, one replaces a template file; each publishes after every edit.

Checked: zero failed requests; no lost edits (the version each publish returned contains its
edit, and the final manifest contains all of them); every kiosk ends on the final version.
The real clients' requests are watched too (a session wrapper counts them and keeps every
exception), which is how the kept-alive race in
test_reliability_kiosk_faults.py::test_a_kept_alive_connection_closed_by_the_server_is_retried_not_an_error
was found.

The short run is part of `make test`. The real soak takes minutes and runs only with
COURT_KIOSK_SOAK=1 (COURT_KIOSK_SOAK_MINUTES default 3, COURT_KIOSK_SOAK_KIOSKS default 200,
COURT_KIOSK_SOAK_EDIT_PAUSE_S default 5: each editor's pause between edits):
    COURT_KIOSK_SOAK=1 .venv/bin/python -m pytest -s tests/test_reliability_soak.py
"""
import asyncio
import json
import os
import shutil
import threading
import time

import pytest
import requests

from admin_server.db import open_existing
from bench import common, content
from bench.fleet import Fleet
from kiosk.cache import Cache, sha256_file
from kiosk.manifest import media_hashes
from kiosk.sync import SyncClient

SOAK = os.environ.get("COURT_KIOSK_SOAK", "") not in ("", "0")


def watch(client):
    """Count the requests of a SyncClient's own session (whatever adapter it mounts) and keep every
    exception that comes out of it."""
    session = client.session
    session.sent, session.exceptions = 0, []
    send = session.send

    def watched(request, **kwargs):
        session.sent += 1
        try:
            return send(request, **kwargs)
        except requests.RequestException as exc:
            session.exceptions.append(repr(exc))
            raise

    session.send = watched
    return client


def stale_keepalive(text: str) -> bool:
    return "Connection aborted." in text and ("RemoteDisconnected" in text or "Connection reset by peer" in text)


def editor(data_dir, kind, stop, edits, problems, pause_s):
    """One staff member: an edit, a publish, a short pause, until stopped."""
    i = 0
    while not stop.is_set():
        i += 1
        try:
            if kind == "announcements":
                marker = f"soak edit {i} at {time.time():.3f}"
                made = content.add_announcement(data_dir, marker)
            else:
                made = content.replace_template_file(data_dir, seed=f"soak-{i}", slug="divorce", lang="en")
                marker = made.sha256
            edits.append((kind, marker, made.result.version, made.committed_at))
        except Exception as exc:  # a busy database or anything else is a failed edit
            problems.append(f"{kind} edit {i}: {type(exc).__name__}: {exc}")
        stop.wait(pause_s)


def version_text(data_dir, version) -> str:
    db = open_existing(data_dir)
    try:
        return db["published_versions"].get(version)["manifest"]
    finally:
        db.conn.close()


def run_soak(tmp_path, kiosks, duration_s, pause_s):
    data = common.demo_copy(tmp_path / "data")
    server = common.serve(data)
    real = [watch(SyncClient(server.url, Cache(tmp_path / f"real-{i}"), heartbeat_interval_s=0)) for i in range(2)]
    edits, problems = [], []
    stop = threading.Event()

    async def scenario():
        fleet = Fleet(server.url, kiosks, seed=7)
        fleet.preload(json.loads(content.current_manifest_bytes(data)))
        await fleet.start()
        for client in real:
            client.start()
        staff = [threading.Thread(target=editor, args=(data, kind, stop, edits, problems, pause_s))
                 for kind in ("announcements", "template")]
        for t in staff:
            t.start()
        await asyncio.sleep(duration_s)
        stop.set()
        for t in staff:
            await asyncio.to_thread(t.join, 60)
        final = json.loads(content.current_manifest_bytes(data))["version"]
        settled = await fleet.wait(lambda: fleet.all_on(final) and all(
            c.cache.current() and c.cache.current()["version"] == final for c in real), 30)
        await fleet.stop()
        return fleet, final, settled

    try:
        fleet, final, settled = asyncio.run(scenario())
    finally:
        for client in real:
            client.stop()
        server.stop()
    return data, fleet, real, final, settled, edits, problems


def check_and_report(data, fleet, real, final, settled, edits, problems, duration_s):
    counts = fleet.counts()
    delays = [k.done_at[v] - at for _, _, v, at in edits for k in fleet.kiosks if v in k.done_at and k.done_at[v] >= at]
    sent = sum(c.session.sent for c in real)
    failed = [e for c in real for e in c.session.exceptions]
    stale = [e for e in failed if stale_keepalive(e)]
    print(f"\n{len(fleet.kiosks)} simulated kiosks + 2 real SyncClients for {duration_s:.0f} s: {len(edits)} edits"
          f" published (final version {final}); simulated: {counts['polls']} polls ({counts['304']} were 304),"
          f" {counts['media']} media downloads, {counts['connects']} connections, {counts['stale_retries']} requests"
          f" re-sent on a new connection after a kept-alive one was closed, {counts['failures']} failed requests;"
          f" real: {sent} requests, {len(failed)} failed ({len(stale)} on a kept-alive connection the server closed);"
          f" propagation per version reached: {common.summary(delays)}")
    assert not problems, problems[:5]
    assert counts["failures"] == 0, fleet.failures()[:5]
    assert not failed, failed[:5]
    assert settled, f"{sum(k.version == final for k in fleet.kiosks)} of {len(fleet.kiosks)} kiosks on {final}"
    assert len(edits) >= 4 and {k for k, *_ in edits} == {"announcements", "template"}
    final_text = version_text(data, final)
    for kind, marker, version, _ in edits:
        assert marker in version_text(data, version), f"{kind} edit {marker!r} missing from version {version}"
        if kind == "announcements":
            assert marker in final_text, f"edit {marker!r} was lost by the final version"
    last_file = max((e for e in edits if e[0] == "template"), key=lambda e: e[3])[1]
    assert last_file in final_text
    for client in real:
        manifest = client.cache.current()
        assert manifest["version"] == final
        for sha, info in media_hashes(manifest).items():
            assert sha256_file(client.cache.media_path(sha)) == (sha, info["size"])


def test_load_and_editing_short_run(tmp_path):
    result = run_soak(tmp_path, kiosks=50, duration_s=12, pause_s=1.0)
    check_and_report(*result, duration_s=12)
    shutil.rmtree(tmp_path / "data", ignore_errors=True)


@pytest.mark.skipif(not SOAK, reason="takes minutes: run with COURT_KIOSK_SOAK=1 (see BENCHMARKS.md)")
@pytest.mark.timeout(3600)
def test_load_and_editing_soak(tmp_path):
    minutes = float(os.environ.get("COURT_KIOSK_SOAK_MINUTES", "3"))
    kiosks = int(os.environ.get("COURT_KIOSK_SOAK_KIOSKS", "200"))
    result = run_soak(tmp_path, kiosks=kiosks, duration_s=minutes * 60,
                      pause_s=float(os.environ.get("COURT_KIOSK_SOAK_EDIT_PAUSE_S", "5")))
    check_and_report(*result, duration_s=minutes * 60)
