"""kiosk.sync against a real HTTP server on 127.0.0.1 serving a static-export layout.

The server (tests/support/export_server.py) is deliberately small and fault-injecting (304s,
Range/206, tampered media, truncated bodies, malformed manifests, 500s, slowness); an
end-to-end test against the real admin server lives elsewhere.
"""

import hashlib
import logging
import re
import socket
import threading
import time

import pytest

import kiosk.sync as sync_mod
from kiosk.cache import Cache
from kiosk.sync import BACKOFF_CAP_S, MAX_ERRORS, SyncClient
from tests.support.export_server import ExportServer
from tests.support.manifests import blobs_of, build_manifest, encode

VIDEO = bytes(range(256)) * 1600  # 400 KiB: several 64 KiB chunks, so a cut-off keeps some


def version(n, video=VIDEO):
    """Manifest version n with one video and two template files, and its blobs."""
    kw = {"videos": (video,)}
    return build_manifest(n, **kw), blobs_of(kw)


@pytest.fixture
def server(tmp_path):
    srv = ExportServer(tmp_path / "export")
    yield srv
    srv.stop()


@pytest.fixture
def cache(tmp_path):
    return Cache(tmp_path / "kiosk-cache")


def make_client(server, cache, **kw):
    updates = []
    kw.setdefault("on_update", updates.append)
    client = SyncClient(server.url, cache, **kw)
    client.updates = updates
    return client


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- the happy path -----------------------------------------------------------------------


def test_first_sync_installs_and_calls_on_update(server, cache):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)
    client = make_client(server, cache)
    assert client.poll_once() == "updated"
    assert cache.current() == manifest
    assert client.updates == [manifest]
    for sha, blob in blobs.items():
        assert cache.media_path(sha).read_bytes() == blob
    assert client.last_error is None and client.errors == []
    assert client.manifest_version == 1


def test_second_poll_is_304_unchanged_with_the_opaque_etag(server, cache):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)
    client = make_client(server, cache)
    assert client.poll_once() == "updated"
    first = server.manifest_requests()[0]
    assert "If-None-Match" not in first[2]
    assert client.poll_once() == "unchanged"
    second = server.manifest_requests()[1]
    assert re.fullmatch(r'"[0-9a-f]+-[0-9a-f]+"', second[2]["If-None-Match"])
    assert server.sent[server.prefix + "api/v1/manifest"] == len(encode(manifest))  # 304 has no body
    assert client.updates == [manifest]


def test_a_new_version_is_installed_and_reported(server, cache):
    v1, blobs1 = version(1)
    server.publish(v1, blobs1)
    client = make_client(server, cache)
    client.poll_once()
    v2, blobs2 = version(2, video=b"a new clip" * 1000)
    server.publish(v2, blobs2)
    assert client.poll_once() == "updated"
    assert cache.current() == v2
    assert client.updates == [v1, v2]
    # shared blobs (the templates) were not downloaded again
    template_sha = hashlib.sha256(b"divorce template kk").hexdigest()
    assert len(server.media_requests(template_sha)) == 1


def test_path_prefix_without_trailing_slash(tmp_path, cache):
    srv = ExportServer(tmp_path / "export", prefix="/courts/mng/")
    try:
        manifest, blobs = version(1)
        srv.publish(manifest, blobs)
        client = SyncClient(srv.url.rstrip("/"), cache)
        assert client.poll_once() == "updated"
        assert all(r[1].startswith("/courts/mng/api/v1/") for r in srv.requests)
    finally:
        srv.stop()


def test_after_restart_a_200_for_the_same_manifest_is_unchanged(server, cache):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)
    make_client(server, cache).poll_once()
    client = make_client(server, cache)  # no ETag in memory
    assert client.poll_once() == "unchanged"
    assert client.updates == []
    assert client.manifest_version == 1


def test_on_update_failure_is_logged_and_does_not_undo_the_install(server, cache, caplog):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)

    def broken(_manifest):
        raise RuntimeError("UI bug")

    client = make_client(server, cache, on_update=broken)
    assert client.poll_once() == "updated"
    assert cache.current() == manifest
    assert "on_update callback failed" in caplog.text


# --- failures keep the previous content -------------------------------------------------------


@pytest.fixture
def synced(server, cache):
    """A client that has installed version 1; returns (client, v1)."""
    v1, blobs = version(1)
    server.publish(v1, blobs)
    client = make_client(server, cache)
    assert client.poll_once() == "updated"
    return client, v1


def _assert_sentence(text):
    assert isinstance(text, str) and text and "\n" not in text and "Traceback" not in text


def test_media_with_a_wrong_hash_is_discarded_and_not_installed(server, cache, synced):
    client, v1 = synced
    good = b"expected clip" * 500
    v2, blobs = version(2, video=good)
    sha = hashlib.sha256(good).hexdigest()
    blobs[sha] = b"X" * len(good)  # same size, wrong content
    server.publish(v2, blobs)
    assert client.poll_once() == "error"
    assert "wrong sha256" in client.last_error and "keeping the current version" in client.last_error
    _assert_sentence(client.last_error)
    assert client.errors[-1].endswith(client.last_error)
    assert cache.current() == v1
    assert not cache.part_path(sha).exists()
    assert not cache.media_path(sha).exists()
    assert client.updates == [v1]
    # once the server has the right bytes, the next poll installs version 2
    (server.root / "api/v1/media" / sha).write_bytes(good)
    assert client.poll_once() == "updated"
    assert cache.current() == v2
    assert client.last_error is None


def test_media_larger_than_the_manifest_says(server, cache, synced):
    client, v1 = synced
    clip = b"clip" * 100
    v2, blobs = version(2, video=clip)
    sha = hashlib.sha256(clip).hexdigest()
    blobs[sha] = clip + b"extra bytes"
    server.publish(v2, blobs)
    assert client.poll_once() == "error"
    assert "is larger than the 400 bytes the manifest says" in client.last_error
    assert cache.current() == v1
    assert not cache.part_path(sha).exists()


def test_truncated_download_keeps_old_version_then_resumes_with_range(server, cache, synced):
    client, v1 = synced
    clip = bytes(reversed(VIDEO))
    v2, blobs = version(2, video=clip)
    sha = hashlib.sha256(clip).hexdigest()
    server.publish(v2, blobs)
    server.truncate.add(sha)
    assert client.poll_once() == "error"
    assert "was cut off" in client.last_error
    _assert_sentence(client.last_error)
    assert cache.current() == v1
    kept = cache.part_path(sha).stat().st_size
    assert 0 < kept < len(clip)
    server.truncate.clear()
    assert client.poll_once() == "updated"
    assert cache.current() == v2
    resumed = server.media_requests(sha)[-1]
    assert resumed[2]["Range"] == f"bytes={kept}-"
    # the cut-off request sent half; the resumed one only what the part lacked
    assert server.sent[resumed[1]] == len(clip) // 2 + (len(clip) - kept)
    assert len(clip) - kept < len(clip)


def test_existing_part_resumes_with_range_and_transfers_less(server, cache):
    manifest, blobs = version(1)
    sha = hashlib.sha256(VIDEO).hexdigest()
    cache.part_path(sha).write_bytes(VIDEO[:170_000])
    server.publish(manifest, blobs)
    client = make_client(server, cache)
    assert client.poll_once() == "updated"
    (request,) = server.media_requests(sha)
    assert request[2]["Range"] == "bytes=170000-"
    assert server.sent[request[1]] == len(VIDEO) - 170_000 < len(VIDEO)
    assert cache.media_path(sha).read_bytes() == VIDEO


def test_server_answering_200_to_a_range_restarts_the_part(server, cache):
    manifest, blobs = version(1)
    sha = hashlib.sha256(VIDEO).hexdigest()
    cache.part_path(sha).write_bytes(b"garbage that must not be kept")
    server.publish(manifest, blobs)
    server.ignore_range = True
    client = make_client(server, cache)
    assert client.poll_once() == "updated"
    assert "Range" in server.media_requests(sha)[0][2]
    assert cache.media_path(sha).read_bytes() == VIDEO


def test_a_206_from_the_wrong_offset_discards_the_part(server, cache, synced):
    client, v1 = synced
    clip = b"0123456789" * 1000
    v2, blobs = version(2, video=clip)
    sha = hashlib.sha256(clip).hexdigest()
    cache.part_path(sha).write_bytes(clip[:500])
    server.publish(v2, blobs)
    server.range_offset_error = True
    assert client.poll_once() == "error"
    assert "resumed media file" in client.last_error and "wrong place" in client.last_error
    assert not cache.part_path(sha).exists()
    assert cache.current() == v1
    server.range_offset_error = False
    assert client.poll_once() == "updated"


def test_a_416_to_a_resume_discards_the_part(server, cache, synced):
    client, v1 = synced
    clip = b"abcdefghij" * 1000
    v2, blobs = version(2, video=clip)
    sha = hashlib.sha256(clip).hexdigest()
    cache.part_path(sha).write_bytes(clip[:5000])
    blobs[sha] = clip[:4000]  # the server's copy is shorter than our part
    server.publish(v2, blobs)
    assert client.poll_once() == "error"
    assert "refused to resume media file" in client.last_error
    assert not cache.part_path(sha).exists()
    assert cache.current() == v1


def test_a_complete_but_wrong_part_is_fetched_again(server, cache):
    manifest, blobs = version(1)
    sha = hashlib.sha256(VIDEO).hexdigest()
    cache.part_path(sha).write_bytes(b"Z" * len(VIDEO))
    server.publish(manifest, blobs)
    client = make_client(server, cache)
    assert client.poll_once() == "updated"
    assert "Range" not in server.media_requests(sha)[0][2]
    assert cache.media_path(sha).read_bytes() == VIDEO


def test_a_part_longer_than_the_file_is_dropped(server, cache):
    manifest, blobs = version(1)
    sha = hashlib.sha256(VIDEO).hexdigest()
    cache.part_path(sha).write_bytes(b"Z" * (len(VIDEO) + 5))
    server.publish(manifest, blobs)
    assert make_client(server, cache).poll_once() == "updated"
    assert "Range" not in server.media_requests(sha)[0][2]


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"<html>502 Bad Gateway</html>", "the server sent an invalid manifest: the manifest is not valid JSON"),
        (b'{"schema": 2}', "the server sent an invalid manifest: schema is 2"),
        (None, "the server sent an invalid manifest: templates[0].files.kk.sha256 is not a sha256 hex digest"),
    ],
)
def test_malformed_manifest_keeps_the_current_version(server, cache, synced, raw, message):
    client, v1 = synced
    v2, blobs = version(2)
    if raw is None:
        v2["templates"][0]["files"]["kk"]["sha256"] = "nothex"
    server.publish(v2, blobs, raw=raw)
    assert client.poll_once() == "error"
    assert client.last_error.startswith(message), client.last_error
    _assert_sentence(client.last_error)
    assert cache.current() == v1
    assert client.updates == [v1]


@pytest.mark.parametrize(
    "status, message",
    [
        (500, "the server answered HTTP 500 to the manifest request"),
        (503, "the server answered HTTP 503 to the manifest request"),
        (404, "has not published any content yet"),
    ],
)
def test_http_errors_on_the_manifest(server, cache, synced, status, message):
    client, v1 = synced
    server.manifest_status = status
    assert client.poll_once() == "error"
    assert message in client.last_error
    assert cache.current() == v1


def test_http_error_on_media(server, cache, synced):
    client, v1 = synced
    v2, blobs = version(2, video=b"other")
    server.publish(v2, blobs)
    server.media_status = 500
    assert client.poll_once() == "error"
    assert "the server answered HTTP 500 for media file" in client.last_error
    assert cache.current() == v1


def test_a_slow_server_times_out(server, cache, synced):
    client, v1 = synced
    client.timeout = (1.0, 0.1)
    server.delay_s = 0.4
    assert client.poll_once() == "error"
    assert client.last_error.endswith("did not answer in time")
    assert cache.current() == v1


def test_an_oversized_manifest_is_refused(server, cache, synced, monkeypatch):
    client, v1 = synced
    monkeypatch.setattr(sync_mod, "MAX_MANIFEST_BYTES", 1024)
    v2, blobs = version(2)
    server.publish(v2, blobs)
    assert client.poll_once() == "error"
    assert "larger than" in client.last_error
    assert cache.current() == v1


def test_repeated_errors_are_counted_not_listed_again(cache, caplog):
    client = SyncClient(f"http://127.0.0.1:{free_port()}", cache, timeout=(0.5, 0.5))
    for _ in range(5):
        assert client.poll_once() == "error"
    assert len(client.errors) == 1
    assert client.errors[0].endswith(f"{client.last_error} (x5)")
    assert client.failures == 5
    # Warned once, not every poll (repeats go to DEBUG, which another test may have switched on).
    warnings = [r for r in caplog.records
                if r.levelno >= logging.WARNING and "cannot reach the server" in r.getMessage()]
    assert len(warnings) == 1


def test_error_list_is_bounded(server, cache):
    client = SyncClient(server.url, cache)
    server.manifest_script = [500 + i % 4 for i in range(MAX_ERRORS + 5)]  # different sentences in a row
    for _ in range(MAX_ERRORS + 5):
        assert client.poll_once() == "error"
    assert len(client.errors) == MAX_ERRORS
    assert client.errors[-1].endswith(client.last_error)
    assert client.failures == MAX_ERRORS + 5


# --- server down, backoff, restart ----------------------------------------------------------


def test_server_down_is_an_error_sentence(cache):
    client = SyncClient(f"http://127.0.0.1:{free_port()}/", cache)
    assert client.poll_once() == "error"
    assert client.last_error.startswith("cannot reach the server at http://127.0.0.1:")
    assert "connection refused" in client.last_error
    _assert_sentence(client.last_error)


def run_loop(url, cache, sleeps_wanted, **kw):
    """Run a client's thread until its injected sleep has been asked ``sleeps_wanted`` times.

    Returns (client, delays asked for). No real waiting happens.
    """
    delays = []
    done = threading.Event()
    holder = []
    inner = kw.pop("sleep", None)

    def fake_sleep(seconds):
        delays.append(seconds)
        if inner is not None:
            inner(seconds)
        if len(delays) >= sleeps_wanted:
            holder[0].stop()  # from the sync thread itself: just asks it to end
            done.set()

    client = SyncClient(url, cache, sleep=fake_sleep, **kw)
    holder.append(client)
    client.start()
    assert done.wait(20), f"only {len(delays)} sleeps"
    client.stop()
    assert not client.running
    return client, delays


def test_backoff_grows_exponentially_to_the_cap_with_full_jitter(cache):
    url = f"http://127.0.0.1:{free_port()}"
    client, ceilings = run_loop(url, cache, 8, interval_s=2.0, rng=lambda: 1.0, heartbeat_interval_s=0)
    assert ceilings == [4.0, 8.0, 16.0, 32.0, BACKOFF_CAP_S, BACKOFF_CAP_S, BACKOFF_CAP_S, BACKOFF_CAP_S]
    assert client.failures == 8

    draws = iter([0.5, 0.25, 0.9, 0.1, 0.0, 0.75])
    _, delays = run_loop(url, cache, 6, interval_s=2.0, rng=lambda: next(draws), heartbeat_interval_s=0)
    assert delays == [0.5 * 4, 0.25 * 8, 0.9 * 16, 0.1 * 32, 0.0, 0.75 * 60]
    assert cache.current() is None


def test_backoff_resets_after_a_success(server, cache):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)
    server.manifest_script = [500, 500]
    client, delays = run_loop(server.url, cache, 5, interval_s=2.0, rng=lambda: 1.0, heartbeat_interval_s=0)
    assert delays == [4.0, 8.0, 2.0, 2.0, 2.0]
    assert cache.current() == manifest
    assert client.failures == 0 and client.last_error is None
    assert len(client.errors) == 1 and client.errors[0].endswith("to the manifest request (x2)")


def test_stop_ends_the_thread_promptly_during_a_long_wait(server, cache):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)
    client = make_client(server, cache, interval_s=300.0, heartbeat_interval_s=0)
    client.start()
    deadline = time.monotonic() + 10
    while not client.updates and time.monotonic() < deadline:
        time.sleep(0.01)
    assert client.updates == [manifest]
    started = time.monotonic()
    client.stop()
    assert time.monotonic() - started < 1.0
    assert not client.running


def test_stop_interrupts_a_long_download_and_keeps_the_part(server, cache):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)
    server.throttle_s = 0.2  # 400 KiB in 64 KiB pieces: about 1.4 s
    client = make_client(server, cache, heartbeat_interval_s=0)
    part = cache.part_path(hashlib.sha256(VIDEO).hexdigest())
    client.start()
    deadline = time.monotonic() + 10
    while not (part.exists() and part.stat().st_size > 0) and time.monotonic() < deadline:
        time.sleep(0.01)
    started = time.monotonic()
    client.stop()
    assert time.monotonic() - started < 1.0
    assert not client.running
    assert "stopped while downloading media file" in client.last_error
    assert 0 < part.stat().st_size < len(VIDEO)  # kept for the next start
    assert cache.current() is None


def test_restart_with_the_server_down_keeps_the_last_version(tmp_path, server, cache):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)
    assert make_client(server, cache).poll_once() == "updated"
    url = server.url
    server.stop()
    restarted_cache = Cache(cache.root)
    client = SyncClient(url, restarted_cache)
    assert restarted_cache.current() == manifest
    assert client.poll_once() == "error"
    assert "cannot reach the server" in client.last_error
    assert restarted_cache.current() == manifest


# --- heartbeat -------------------------------------------------------------------------------


def test_heartbeat_sends_bearer_token_and_json(server, cache, synced):
    client, v1 = synced
    client.token = "s3cret-token"
    client.status_fn = lambda: {"screen": "home", "mode": "kiosk", "errors": ["video decode failed"]}
    client._record_error("an earlier problem")
    assert client.send_heartbeat() is True
    headers, body = server.heartbeats[-1]
    assert headers["Authorization"] == "Bearer s3cret-token"
    assert headers["Content-Type"] == "application/json"
    assert body["manifest_version"] == 1
    assert body["screen"] == "home" and body["mode"] == "kiosk"
    assert body["kiosk_version"] == "0.1.0"
    assert isinstance(body["uptime_s"], int) and body["uptime_s"] >= 0
    assert body["errors"][0].endswith("an earlier problem")
    assert body["errors"][1] == "video decode failed"


def test_heartbeat_without_token_has_no_authorization(server, cache):
    client = SyncClient(server.url, cache)
    assert client.send_heartbeat() is True
    headers, body = server.heartbeats[-1]
    assert "Authorization" not in headers
    assert body["manifest_version"] is None and body["errors"] == []


def test_heartbeat_uptime_uses_the_injected_clock(server, cache):
    now = [100.0]
    client = SyncClient(server.url, cache, clock=lambda: now[0])
    now[0] = 460.5
    client.send_heartbeat()
    assert server.heartbeats[-1][1]["uptime_s"] == 360


def test_heartbeat_401_is_logged_once(server, cache, caplog):
    server.heartbeat_status = 401
    client = SyncClient(server.url, cache, token="wrong")
    with caplog.at_level(logging.WARNING, logger="kiosk.sync"):
        assert client.send_heartbeat() is False
        assert client.send_heartbeat() is False
    rejected = [r for r in caplog.records if "rejected this kiosk's token" in r.getMessage()]
    assert len(rejected) == 1
    server.heartbeat_status = 204
    assert client.send_heartbeat() is True
    server.heartbeat_status = 401
    caplog.clear()
    client.send_heartbeat()
    assert "rejected this kiosk's token" in caplog.text  # again after it had worked


def test_heartbeat_401_without_a_token_says_a_token_is_needed(server, cache, caplog):
    server.heartbeat_status = 401
    assert SyncClient(server.url, cache).send_heartbeat() is False
    assert "wants a kiosk token for heartbeats" in caplog.text


def test_heartbeat_to_a_static_export_or_a_down_server_is_quiet(server, cache, caplog):
    server.heartbeat_status = 405
    client = SyncClient(server.url, cache)
    assert client.send_heartbeat() is False
    assert client.send_heartbeat() is False
    assert caplog.text.count("HTTP 405") == 1
    down = SyncClient(f"http://127.0.0.1:{free_port()}", cache)
    assert down.send_heartbeat() is False


def test_heartbeat_status_fn_failure_still_sends(server, cache, caplog):
    def broken():
        raise KeyError("screen")

    client = SyncClient(server.url, cache, status_fn=broken)
    assert client.send_heartbeat() is True
    assert "status_fn failed" in caplog.text


def test_the_thread_sends_heartbeats_on_schedule(server, cache):
    manifest, blobs = version(1)
    server.publish(manifest, blobs)
    now = [0.0]

    def clock():
        return now[0]

    def sleep(seconds):
        assert seconds == 10.0
        now[0] += seconds

    _, delays = run_loop(
        server.url, cache, 7, interval_s=10.0, heartbeat_interval_s=30.0, token="tok", clock=clock, sleep=sleep
    )
    # loop turns at t = 0, 10, ..., 60: heartbeats at 0, 30 and 60
    assert len(server.heartbeats) == 3
    assert all(h[0]["Authorization"] == "Bearer tok" for h in server.heartbeats)
    assert [h[1]["uptime_s"] for h in server.heartbeats] == [0, 30, 60]
    assert all(h[1]["manifest_version"] == 1 for h in server.heartbeats)
