"""The kiosk's hearings feed sync (kiosk.sync.SyncClient.poll_hearings) and its copy on disk
(kiosk.cache.Cache.save_hearings / load_hearings), against a small scripted HTTP server."""

import json
import logging
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from court_contract.hearings import parse_feed
from kiosk.cache import HEARINGS_FILE, Cache
import kiosk.sync as sync_mod
from kiosk.sync import SyncClient


def feed(revision=1, statuses=("scheduled",), day="2026-12-04"):
    return {"schema": 1, "revision": revision, "generated_at": f"{day}T09:00:00+05:00", "days": [day, "2026-12-07"],
            "hearings": [{"id": i + 1, "date": day, "time": f"{9 + i:02d}:00", "room_id": 3, "kind": "civil",
                          "closed": False, "status": status, "case_number": f"7594-26-00-2/{i}",
                          "judge": "Ахметова Г. С.", "parties": "С. А. Б. – ТОО «Каспий»", "note": "",
                          "postponed_to": None, "moved_to_room_id": None} for i, status in enumerate(statuses)]}


def encode(obj):
    return json.dumps(obj, ensure_ascii=False).encode()


class FeedServer:
    """``/api/v1/hearings`` with an opaque ETag and 304s; ``status`` forces an answer; no manifest."""

    def __init__(self):
        self.body = encode(feed())
        self.etag = '"1-2026-12-04"'
        self.status = None
        self.requests = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server.requests.append((self.path, self.headers.get("If-None-Match")))
                if self.path != "/api/v1/hearings":
                    return self._send(404, b"{}")
                if server.status:
                    return self._send(server.status, b'{"error": "injected"}')
                if self.headers.get("If-None-Match") == server.etag:
                    return self._send(304, b"")
                self._send(200, server.body, [("ETag", server.etag)])

            def _send(self, status, body, headers=()):
                self.send_response(status)
                for key, value in headers:
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def publish(self, obj, etag):
        self.body, self.etag = encode(obj), etag

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def server():
    srv = FeedServer()
    yield srv
    srv.stop()


@pytest.fixture
def client(server, tmp_path):
    got = []
    sync = SyncClient(server.url, Cache(tmp_path / "cache"), on_hearings=got.append, timeout=(2.0, 2.0))
    sync.got = got
    return sync


def test_a_new_feed_is_kept_on_disk_and_handed_over_then_304s_cost_nothing(server, client):
    assert client.poll_hearings() == "updated"
    assert [f["revision"] for f in client.got] == [1]
    assert client.cache.load_hearings() == feed()
    assert client.poll_hearings() == "unchanged"
    assert server.requests[-1] == ("/api/v1/hearings", '"1-2026-12-04"')  # If-None-Match with the ETag as given
    assert len(client.got) == 1
    server.publish(feed(2, ("in_progress",)), '"2-2026-12-04"')
    assert client.poll_hearings() == "updated"
    assert client.got[-1]["hearings"][0]["status"] == "in_progress"
    assert client.cache.load_hearings()["revision"] == 2
    assert not list(client.cache.root.glob("*.tmp"))


@pytest.mark.parametrize("problem", ["404", "500", "invalid", "not json", "leak", "refused"])
def test_a_failure_keeps_the_last_feed_and_is_logged_once(server, client, caplog, problem):
    assert client.poll_hearings() == "updated"
    kept = client.cache.hearings_path.read_bytes()
    if problem in ("404", "500"):
        server.status = int(problem)
    elif problem == "invalid":
        server.publish({"schema": 2}, '"x"')
    elif problem == "not json":
        server.body, server.etag = b"<html>", '"y"'
    elif problem == "leak":  # a closed hearing carrying its judge: refused, never shown
        bad = feed(3)
        bad["hearings"][0]["closed"] = True
        server.publish(bad, '"z"')
    else:
        server.stop()
        client.session.close()  # no kept-alive connection to the stopped server
    with caplog.at_level(logging.INFO, logger="kiosk.sync"):
        results = [client.poll_hearings() for _ in range(3)]
    assert results == ["error"] * 3
    assert client.cache.hearings_path.read_bytes() == kept
    assert len(client.got) == 1
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and r.name == "kiosk.sync"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "keeping the last hearings" in warnings[0].getMessage()
    assert client.failures == 0  # the manifest's back-off is not the hearings' business
    if problem != "refused":
        server.status = None
        server.publish(feed(4), '"4"')
        with caplog.at_level(logging.INFO, logger="kiosk.sync"):
            assert client.poll_hearings() == "updated"
        assert "the hearings feed is back" in caplog.text
        assert client.hearings_error is None


def test_404_says_so(server, client):
    server.status = 404
    assert client.poll_hearings() == "error"
    assert "has no hearings feed (HTTP 404)" in client.hearings_error


def test_another_answer_names_the_hearings_request(server, client):
    server.status = 500
    assert client.poll_hearings() == "error"
    assert client.hearings_error == "the server answered HTTP 500 to the hearings request"


def test_a_feed_over_the_size_limit_is_refused(server, client, monkeypatch):
    monkeypatch.setattr(sync_mod, "MAX_HEARINGS_BYTES", 1024 * 1024)
    server.body, server.etag = b" " * (1024 * 1024 + 1), '"big"'
    assert client.poll_hearings() == "error"
    assert client.hearings_error == "the hearings feed is larger than 1 MiB"
    assert not client.cache.hearings_path.exists() and client.got == []


def test_a_failing_on_hearings_callback_is_logged_and_syncing_goes_on(server, tmp_path, caplog):
    def broken(_feed):
        raise RuntimeError("the UI broke")

    client = SyncClient(server.url, Cache(tmp_path / "cache"), on_hearings=broken, timeout=(2.0, 2.0))
    with caplog.at_level(logging.ERROR, logger="kiosk.sync"):
        assert client.poll_hearings() == "updated"
    assert "on_hearings callback failed" in caplog.text
    assert client.cache.load_hearings() == feed() and client.hearings_etag == server.etag
    assert client.poll_hearings() == "unchanged"


def test_the_sync_thread_polls_the_feed(server, tmp_path):
    got = []
    sync = SyncClient(server.url, Cache(tmp_path / "cache"), on_hearings=got.append, interval_s=0.05,
                      heartbeat_interval_s=0, timeout=(2.0, 2.0), rng=lambda: 0.0)
    sync.start()
    try:
        deadline = time.monotonic() + 5
        while not got and time.monotonic() < deadline:
            time.sleep(0.02)
        server.publish(feed(2, ("break",)), '"2"')
        while len(got) < 2 and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        sync.stop()
    assert [f["revision"] for f in got] == [1, 2]


def test_no_feed_kept_yet(tmp_path):
    assert Cache(tmp_path / "nothing").load_hearings() is None


def test_a_damaged_kept_feed_is_ignored_and_logged_once(tmp_path, caplog):
    cache = Cache(tmp_path)
    (tmp_path / HEARINGS_FILE).write_bytes(b'{"schema": 1, "revision": "x"')
    with caplog.at_level(logging.WARNING, logger="kiosk.cache"):
        assert cache.load_hearings() is None
        assert cache.load_hearings() is None
    assert len(caplog.records) == 1
    assert "hearings feed" in caplog.records[0].getMessage()
    cache.save_hearings(encode(feed(5)))
    assert cache.load_hearings()["revision"] == 5


def test_saved_bytes_are_the_servers(tmp_path):
    cache = Cache(tmp_path / "new")  # the folder does not exist yet
    data = encode(feed(7))
    cache.save_hearings(data)
    assert parse_feed(cache.hearings_path.read_bytes()) == feed(7)
