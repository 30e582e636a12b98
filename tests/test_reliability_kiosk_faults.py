"""Kiosk faults: a long outage, 500s, stalls and slow-loris, a full disk, SIGKILL during the swap.

The kiosk side is the real SyncClient + Cache. The server side (tests/support/export_server.py)
serves `court-kiosk-server export-static` folders of the demo court (so the manifest and media
are the real ones) and injects faults. After every fault the kiosk must still show the
last complete version (Cache(...).current() with every media file present and of the right
sha256) and reach the newest version on its own once the fault is gone.
"""
import errno
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench import content
from kiosk.cache import Cache, sha256_file
from court_contract.manifest import media_hashes
from kiosk.sync import BACKOFF_CAP_S, MAX_ERRORS, SyncClient
from tests.support.export_server import ExportServer

CLIP_BYTES = 2 * 1024 * 1024


@pytest.fixture(scope="module")
def exports(tmp_path_factory, demo_template_dir):
    """Export folders of five published versions of the demo court (key = version number):
    1 as seeded; 2 one template file replaced; 3 another one replaced; 4 a 2 MB clip added;
    5 a text-only change (an announcement)."""
    base = tmp_path_factory.mktemp("fault-exports")
    data = base / "data"
    shutil.copytree(demo_template_dir, data)
    out = {1: base / "v1"}
    content.export(data, out[1])
    steps = [lambda: content.replace_template_file(data, seed=2),
             lambda: content.replace_template_file(data, seed=3, lang="kk"),
             lambda: content.add_video(data, CLIP_BYTES),
             lambda: content.add_announcement(data, "v5: text only")]
    for version, step in enumerate(steps, start=2):
        assert step().result.version == version
        out[version] = base / f"v{version}"
        content.export(data, out[version])
    return out


@pytest.fixture(scope="module")
def synced(tmp_path_factory, exports):
    """Kiosk caches made once: {1: synced to v1, 2: synced to v1 then v2 (so v1 is 'previous')}."""
    caches = {}
    server = ExportServer(exports[1])
    try:
        root = tmp_path_factory.mktemp("synced") / "v1"
        assert SyncClient(server.url, Cache(root)).poll_once() == "updated"
        caches[1] = root
        root2 = root.parent / "v2"
        shutil.copytree(root, root2, symlinks=True)
        server.roots = [exports[2]]
        assert SyncClient(server.url, Cache(root2)).poll_once() == "updated"
        caches[2] = root2
    finally:
        server.stop()
    return caches


def cache_copy(synced_root: Path, dest: Path) -> Path:
    shutil.copytree(synced_root, dest, symlinks=True)
    return dest


def complete_version(root) -> int:
    """The version a (re)started kiosk shows from this cache; fails unless it is whole and correct."""
    cache = Cache(root)
    manifest = cache.current()
    assert manifest is not None, f"no usable version in {root}"
    for sha, info in media_hashes(manifest).items():
        assert sha256_file(cache.media_path(sha)) == (sha, info["size"]), f"media {sha[:12]} is damaged"
    return manifest["version"]


# --- a long outage, on a simulated clock -------------------------------------------------------


def test_long_outage_backs_off_to_the_cap_keeps_the_cache_and_recovers(exports, synced, tmp_path):
    server = ExportServer(exports[1])
    root = cache_copy(synced[1], tmp_path / "cache")
    now = [1000.0]
    log = []  # (simulated time, delay asked for, result of the poll before it)
    outage_s = 6 * 3600
    state = {"down_at": None, "up_at": None, "updated_at": None}

    def sleep(delay):
        log.append((now[0], delay, client.last_result))
        if client.last_result == "updated" and state["updated_at"] is None:
            state["updated_at"] = now[0]
        now[0] += delay
        if state["down_at"] is None:
            server.stop()
            state["down_at"] = now[0]
        elif state["up_at"] is None and now[0] - state["down_at"] >= outage_s:
            server.roots = [exports[2]]  # published while the kiosk could not see it
            server.start()
            state["up_at"] = state["down_at"] + outage_s  # back at that moment, during this wait
        if len(log) % 40 == 0 or client.last_result == "updated" or now[0] - state["down_at"] > outage_s + 600:
            if state["up_at"] is None:
                assert complete_version(root) == 1  # a kiosk restarted now shows the last version
            if client.last_result == "updated" or now[0] - state["down_at"] > outage_s + 600:
                client._stop.set()

    client = SyncClient(server.url, Cache(root), clock=lambda: now[0], sleep=sleep,
                        rng=__import__("random").Random(6).random, heartbeat_interval_s=0, timeout=(1.0, 2.0))
    try:
        started = time.monotonic()
        client._run()
        real_s = time.monotonic() - started
    finally:
        server.stop()

    during = [(t, d) for t, d, _ in log if state["down_at"] <= t < state["up_at"]]
    assert state["up_at"] is not None and len(during) >= outage_s / BACKOFF_CAP_S
    assert max(d for _, d in during) <= BACKOFF_CAP_S
    assert max(d for _, d in during) > 0.9 * BACKOFF_CAP_S, "the backoff never reached its cap"
    late = [d for t, d in during if t > state["down_at"] + 600]
    assert 0.35 * BACKOFF_CAP_S < sum(late) / len(late) < 0.65 * BACKOFF_CAP_S  # full jitter under the cap
    assert client.last_result == "updated" and 0 <= state["updated_at"] - state["up_at"] <= BACKOFF_CAP_S
    assert complete_version(root) == 2
    assert client.failures == 0 and client.backoff_delay(client.failures) == client.interval_s
    assert len(client.errors) <= MAX_ERRORS and real_s < 30
    print(f"outage {outage_s} s simulated: {len(during)} polls, longest wait {max(d for _, d in during):.1f} s,"
          f" on the new version {state['updated_at'] - state['up_at']:.1f} s after the server returned")


# --- 500s ---------------------------------------------------------------------------------------


def test_http_500s_keep_the_last_version_and_the_kiosk_recovers(exports, synced, tmp_path):
    server = ExportServer(exports[2])
    root = cache_copy(synced[1], tmp_path / "cache")
    client = SyncClient(server.url, Cache(root), timeout=(2.0, 5.0))
    try:
        server.manifest_status = 500
        for i in range(5):
            assert client.poll_once() == "error"
            assert client.failures == i + 1 and "HTTP 500" in client.last_error
            assert complete_version(root) == 1
        assert client.backoff_delay(client.failures) <= BACKOFF_CAP_S
        server.manifest_status, server.media_status = None, 500
        assert client.poll_once() == "error" and "HTTP 500 for media" in client.last_error
        assert complete_version(root) == 1
        server.media_status = 503
        assert client.poll_once() == "error" and complete_version(root) == 1
        server.media_status = None
        assert client.poll_once() == "updated"
        assert complete_version(root) == 2 and client.failures == 0 and client.last_error is None
    finally:
        server.stop()


# --- stalls and slow-loris -----------------------------------------------------------------------


@pytest.mark.parametrize("where", ["manifest", "media"])
def test_a_stalled_response_times_out_and_the_kiosk_recovers(exports, synced, tmp_path, where):
    server = ExportServer(exports[2])  # the kiosk has v1: the manifest and one new file come with a body
    root = cache_copy(synced[1], tmp_path / "cache")
    client = SyncClient(server.url, Cache(root), timeout=(1.0, 1.0))
    try:
        server.stall = (where, 4.0)
        started = time.monotonic()
        assert client.poll_once() == "error"
        held = time.monotonic() - started
        assert held < 3.0, f"the 1 s read timeout did not end the stalled {where} ({held:.1f} s)"
        assert re.search(r"did not answer in time|timed out|cut off", client.last_error), client.last_error
        assert complete_version(root) == 1
        server.stall = None
        assert client.poll_once() == "updated" and complete_version(root) == 2
    finally:
        server.stall = None
        server.stop()


def test_a_slow_loris_manifest_cannot_hold_the_kiosk_beyond_its_timeout(exports, synced, tmp_path):
    """Found here: with only requests' per-read timeout, a server sending a byte every 0.2 s held
    poll_once for as long as it kept sending. The manifest request now has an overall deadline."""
    server = ExportServer(exports[2])
    root = cache_copy(synced[1], tmp_path / "cache")
    client = SyncClient(server.url, Cache(root), timeout=(1.0, 1.0))
    try:
        server.dribble = (0.2, 6.0)  # ~5 bytes/s for 6 s (bounded here; a hostile server would not stop)
        started = time.monotonic()
        result = client.poll_once()
        held = time.monotonic() - started
        assert result == "error" and complete_version(root) == 1
        assert held < 3.0, f"poll_once was held {held:.1f} s by a server dribbling bytes (read timeout 1 s)"
    finally:
        server.dribble = None
        server.stop()


def test_after_a_slow_loris_the_kiosk_recovers(exports, synced, tmp_path):
    server = ExportServer(exports[2])
    root = cache_copy(synced[1], tmp_path / "cache")
    client = SyncClient(server.url, Cache(root), timeout=(1.0, 1.0))
    try:
        server.dribble = (0.2, 2.0)
        assert client.poll_once() == "error" and complete_version(root) == 1
        server.dribble = None
        assert client.poll_once() == "updated" and complete_version(root) == 2
    finally:
        server.dribble = None
        server.stop()


# --- a kept-alive connection that the server closes --------------------------------------------------


def test_a_kept_alive_connection_closed_by_the_server_is_retried_not_an_error(exports, synced, tmp_path):
    """Found by the soak: gunicorn closes a connection idle for 2 s, the kiosk polls every 2 s, and a GET
    sent as it closes failed the poll (~0.7 % of real polls). The kiosk now retries such a GET once."""
    server = ExportServer(exports[1])
    client = SyncClient(server.url, Cache(cache_copy(synced[1], tmp_path / "cache")))
    try:
        assert client.poll_once() == "unchanged"
        server.drop_reused = True
        assert client.poll_once() == "unchanged", client.last_error
    finally:
        server.stop()


def test_after_a_dropped_kept_alive_connection_the_kiosk_recovers(exports, synced, tmp_path):
    server = ExportServer(exports[1])
    root = cache_copy(synced[1], tmp_path / "cache")
    client = SyncClient(server.url, Cache(root))
    try:
        assert client.poll_once() == "unchanged"
        server.drop_reused = True
        client.poll_once()
        server.drop_reused = False
        server.roots = [exports[2]]
        assert client.poll_once() == "updated" and complete_version(root) == 2 and client.failures == 0
    finally:
        server.stop()


# --- a disk that fills up --------------------------------------------------------------------------


class TinyDisk:
    """A tmpfs whose free space we set (needs root and mount permission, else the test is skipped)."""

    def __init__(self, path):
        self.path = path

    def resize(self, free_bytes):
        st = os.statvfs(self.path)
        used = (st.f_blocks - st.f_bfree) * st.f_frsize
        subprocess.run(["mount", "-o", f"remount,size={used + free_bytes}", str(self.path)], check=True)

    def free(self):
        st = os.statvfs(self.path)
        return st.f_bavail * st.f_frsize


@pytest.fixture
def tiny_disk(tmp_path):
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root; test_disk_full_monkeypatched covers the write path instead")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mnt)], capture_output=True,
                          text=True)
    if done.returncode != 0:
        pytest.skip(f"mount -t tmpfs is not permitted here ({done.stderr.strip()}); "
                    "test_disk_full_monkeypatched covers the write path instead")
    try:
        yield TinyDisk(mnt)
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_disk_full_during_a_download_and_during_the_install(exports, synced, tiny_disk):
    server = ExportServer(exports[4])  # v4 = v3 + a 2 MB clip; the kiosk has v1
    root = cache_copy(synced[1], tiny_disk.path / "cache")
    client = SyncClient(server.url, Cache(root), timeout=(2.0, 5.0))
    try:
        tiny_disk.resize(1024 * 1024)  # 1 MB free: the clip cannot fit
        assert client.poll_once() == "error"
        assert "cannot be written" in client.last_error, client.last_error
        assert complete_version(root) == 1
        parts = list((root / "staging").glob("*.part"))
        assert parts and 0 < parts[0].stat().st_size < CLIP_BYTES
        tiny_disk.resize(16 * 1024 * 1024)  # space again: resume and install
        assert client.poll_once() == "updated" and complete_version(root) == 4
        clip_requests = [h for _, p, h in server.requests if p.endswith(parts[0].name[:-5])]
        assert clip_requests[-1].get("Range", "").startswith("bytes="), "the download did not resume"

        server.roots = [exports[5]]  # text only: the install writes only the new manifest (68 KB)
        filler = tiny_disk.path / "filler"
        with open(filler, "wb") as f:
            f.write(b"\0" * max(0, tiny_disk.free() - 16 * 1024))
        assert client.poll_once() == "error" and "cannot be written" in client.last_error
        assert complete_version(root) == 4
        filler.unlink()
        assert client.poll_once() == "updated" and complete_version(root) == 5
    finally:
        server.stop()


def test_disk_full_monkeypatched(exports, synced, tmp_path, monkeypatch):
    """The same fault without a tmpfs: the download's file writes raise ENOSPC after 256 KB."""
    import kiosk.sync

    server = ExportServer(exports[4])
    root = cache_copy(synced[1], tmp_path / "cache")
    client = SyncClient(server.url, Cache(root), timeout=(2.0, 5.0))

    class FullDisk:
        def __init__(self, fh):
            self.fh, self.written = fh, 0

        def write(self, data):
            self.written += len(data)
            if self.written > 256 * 1024:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            return self.fh.write(data)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

    real_open = open
    monkeypatch.setattr(kiosk.sync, "open", lambda *a, **kw: FullDisk(real_open(*a, **kw)), raising=False)
    try:
        assert client.poll_once() == "error" and "No space left" in client.last_error
        assert complete_version(root) == 1
        monkeypatch.undo()
        assert client.poll_once() == "updated" and complete_version(root) == 4
    finally:
        server.stop()


# --- SIGKILL during the cache swap ------------------------------------------------------------------

CHILD = r"""
import os, signal, sys
from kiosk.cache import Cache
from kiosk.sync import SyncClient
url, root, kill_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
calls = [0]
def counted(fn):
    def inner(*a, **kw):
        calls[0] += 1
        if calls[0] == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        return fn(*a, **kw)
    return inner
if kill_at >= 0:  # count (and maybe die at) every file-system step of an update
    for name in ("replace", "symlink", "rename", "unlink", "rmdir", "fsync", "write", "makedirs"):
        setattr(os, name, counted(getattr(os, name)))
client = SyncClient(url, Cache(root), timeout=(2.0, 5.0))
print("ready", flush=True)
while True:
    print(client.poll_once(), calls[0], flush=True)
    if kill_at >= 0:
        break
"""


def run_child(url, root, kill_at=-1):
    return subprocess.Popen([sys.executable, "-c", CHILD, url, str(root), str(kill_at)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)


def test_sigkill_at_random_moments_while_versions_keep_changing(exports, synced, tmp_path):
    """The server hands out v1, v2, v3 in turn, so every poll is an update (downloads, install, prune);
    a child kiosk is SIGKILLed at a random moment, again and again, on the same cache."""
    import random

    server = ExportServer(exports[1], exports[2], exports[3])
    root = cache_copy(synced[1], tmp_path / "cache")
    rng = random.Random(20261122)
    kills, updates, shown = 30, 0, set()
    try:
        for _ in range(kills):
            child = run_child(server.url, root)
            assert child.stdout.readline().strip() == "ready", child.stderr.read()
            time.sleep(rng.uniform(0.0, 0.4))
            child.send_signal(signal.SIGKILL)
            out, _ = child.communicate(timeout=10)
            updates += out.count("updated")
            shown.add(complete_version(root))
        assert updates >= kills // 2, f"only {updates} updates ran across {kills} kills; the kills missed the swaps"
        assert shown <= {1, 2, 3} and len(shown) >= 2
        server.roots = [exports[3]]
        client = SyncClient(server.url, Cache(root))
        assert client.poll_once() in ("updated", "unchanged") and complete_version(root) == 3
    finally:
        server.stop()
    print(f"{kills} SIGKILLs, {updates} completed updates in between, versions shown {sorted(shown)}")


def test_sigkill_at_every_file_system_step_of_an_update(exports, synced, tmp_path):
    """v2 (with v1 as previous) -> v3: the child dies before its k-th file-system call, for every k."""
    server = ExportServer(exports[3])
    try:
        calibrate = cache_copy(synced[2], tmp_path / "calibrate")
        child = run_child(server.url, calibrate, kill_at=0)
        out, err = child.communicate(timeout=60)
        result, steps = out.split()[-2:]
        assert result == "updated", err
        steps = int(steps)
        assert steps >= 10
        for k in range(1, steps + 1):
            root = cache_copy(synced[2], tmp_path / f"kill-{k}")
            child = run_child(server.url, root, kill_at=k)
            child.communicate(timeout=60)
            assert child.returncode == -signal.SIGKILL, f"step {k}: the child was not killed"
            assert complete_version(root) in (2, 3), f"step {k}"
            client = SyncClient(server.url, Cache(root))
            assert client.poll_once() in ("updated", "unchanged"), client.last_error
            assert complete_version(root) == 3, f"step {k}: no recovery"
            shutil.rmtree(root)
    finally:
        server.stop()
    print(f"killed at each of the {steps} file-system steps of an update: always a complete version, always recovered")
