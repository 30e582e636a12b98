"""The kiosk's heartbeat reaches the REAL server, and its UI thread feeds systemd's watchdog.

A running kiosk (real Kivy window, offscreen; real SyncClient every second
against `court-kiosk-server serve` over the demo court) is used by a
visitor; the server's database then holds what the kiosk reported: a
screen thumbnail that decodes as an image, the usage counts, clock_ok, free
disk, version and uptime. The watchdog test binds a real unix datagram
socket as NOTIFY_SOCKET, the way systemd does.

This kiosk uses the 'low' layout (controls within a wheelchair user's reach),
checked on the way.

One app for the module; the tests run in order.
"""

import datetime as dt
import io
import json
import socket
import threading
import time

import pytest

from tests.support.live_kiosk import KIOSK_ID, db_of, running_kiosk

WATCHDOG_USEC = 1_000_000  # systemd's WatchdogSec=1s: the kiosk pings every 0.5 s


class Systemd:
    """The receiving end of NOTIFY_SOCKET, drained by a thread as systemd does (a full socket
    would block the sender)."""

    def __init__(self, path):
        self.path = str(path)
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(self.path)
        self.sock.settimeout(0.2)
        self.messages = []  # (monotonic time, bytes)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            try:
                data = self.sock.recv(256)
            except socket.timeout:
                continue
            except OSError:
                return
            with self._lock:
                self.messages.append((time.monotonic(), data))

    def since(self, moment):
        with self._lock:
            return [data for at, data in self.messages if at >= moment]

    def close(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture(scope="module")
def systemd(tmp_path_factory):
    receiver = Systemd(tmp_path_factory.mktemp("systemd") / "notify")
    yield receiver
    receiver.close()


@pytest.fixture(scope="module")
def live(demo_template_dir, tmp_path_factory, systemd):
    from kiosk import watchdog

    environ = {"NOTIFY_SOCKET": systemd.path, "WATCHDOG_USEC": str(WATCHDOG_USEC),
               "WATCHDOG_PID": None}
    with running_kiosk(demo_template_dir, tmp_path_factory.mktemp("heartbeat"), app_environ=environ,
                       watchdog=watchdog, thumbnail_first_s=0.5, thumbnail_every_s=2.0,
                       usage_save_s=1.0, layout="low") as (app, server):
        yield app, server, systemd


def kiosk_row(server):
    db = db_of(server)
    try:
        return db["kiosks"].get(KIOSK_ID)
    finally:
        db.conn.close()


def usage_rows(server):
    db = db_of(server)
    try:
        return {(r["day"], r["event"]): r["count"] for r in db["usage_counts"].rows_where("kiosk_id = ?", [KIOSK_ID])}
    finally:
        db.conn.close()


def test_ready_after_the_first_frame_then_pings_from_the_ui_thread(live):
    from kiosk.testing import pump

    app, _server, systemd = live
    pump(1.2)
    messages = systemd.since(0)
    assert messages[0] == b"READY=1" and messages.count(b"READY=1") == 1
    assert len(messages) >= 3 and set(messages[1:]) == {b"WATCHDOG=1"}  # every 0.5 s
    # the UI thread stops (a hang): no more pings, although the sync thread carries on
    frozen = time.monotonic()
    time.sleep(1.6)
    assert systemd.since(frozen + 0.2) == []
    assert app.sync.running
    # it runs again: the pings come back
    resumed = time.monotonic()
    pump(1.2)
    assert b"WATCHDOG=1" in systemd.since(resumed)


def test_usage_thumbnail_and_status_reach_the_server(live):
    from PIL import Image, ImageStat

    from admin_server.fleet import thumbnail_path
    from kiosk.testing import pump

    app, server, _systemd = live
    manifest = app.manifest
    slug = manifest["templates"][0]["slug"]
    first_video = manifest["videos"][0]["id"]
    assert app.current == "attract" and app.player.playing
    # a visitor: home, a template with its QR code, the calculator
    app.leave_attract()
    app.go("templates")
    app.open_template(slug)
    pump(frames=3)
    app.go_home()
    app.go("fees")
    app.go("calculator")
    for key in "2500000":
        app.calc_key(key)
    pump(2.5)  # the input rests: one calculation
    app.go_home()
    day = app.today().isoformat()
    want = {f"screen:{name}" for name in ("attract", "home", "templates", "template", "fees", "calculator")}
    want |= {f"template:{slug}", f"qr:{slug}", "calculator", f"video:{first_video}"}

    def arrived():
        rows = usage_rows(server)
        return want <= {event for (d, event) in rows if d == day} and kiosk_row(server)["last_screenshot"]

    assert pump(15, until=arrived), (usage_rows(server), kiosk_row(server)["last_screenshot"])
    rows = usage_rows(server)
    assert rows[(day, "calculator")] == 1  # typing seven digits is one calculation
    assert rows[(day, f"template:{slug}")] == 1 and rows[(day, f"qr:{slug}")] == 1
    assert rows[(day, "screen:home")] >= 2

    kiosk = kiosk_row(server)
    status = json.loads(kiosk["status"])
    assert status["mode"] == "kiosk" and status["kiosk_version"] == "0.1.0" and status["clock_ok"] is True
    assert status["screen"] in ("home", "calculator") and status["layout"] == "low"
    assert isinstance(status["free_disk_mb"], int) and status["free_disk_mb"] > 0
    assert isinstance(status["uptime_s"], int) and status["uptime_s"] >= 1
    assert kiosk["shown_version"] == manifest["version"]
    image = Image.open(io.BytesIO(thumbnail_path(server.data_dir, KIOSK_ID).read_bytes()))
    assert image.format == "JPEG" and image.size[0] == 320 and 560 <= image.size[1] <= 580  # portrait 1080x1920
    assert ImageStat.Stat(image.convert("L")).stddev[0] > 20, "the thumbnail is blank"
    # the counts are kept on disk as well, for a restart (saved every usage_save_s, on another thread)
    def saved_calculations():
        try:
            return json.loads(app.env.usage_path.read_text(encoding="utf-8"))[day].get("calculator", 0)
        except (OSError, ValueError, KeyError):
            return 0

    assert pump(15, until=lambda: saved_calculations() >= 1), app.env.usage_path


def test_a_new_thumbnail_every_few_minutes_not_with_every_heartbeat(live):
    from kiosk.testing import pump

    app, server, _systemd = live
    heartbeats, screenshots = set(), set()

    def sample():
        row = kiosk_row(server)
        heartbeats.add(row["last_seen"]); print("SAMPLE", row["last_seen"], row["last_screenshot"], app.services.thumbnails.busy, app.board.has_thumbnail, flush=True)
        screenshots.add(row["last_screenshot"])
        return False

    started = time.monotonic()
    while time.monotonic() - started < 7:
        sample()
        pump(0.3)
    assert len(screenshots) >= 2  # a new one every 2 s here (every few minutes by default)
    assert len(screenshots) < len(heartbeats)  # heartbeats every second carry no stale copies


def test_a_wrong_clock_is_reported(live):
    from kiosk.testing import pump

    app, server, _systemd = live
    real = app.env.now
    published = dt.datetime.fromisoformat(app.manifest["published_at"])
    app.env.now = lambda: published - dt.timedelta(days=400)  # a lobby PC whose battery died
    try:
        assert pump(3, until=lambda: not app.clock_ok)
        assert app.status()["clock_ok"] is False
        assert pump(10, until=lambda: json.loads(kiosk_row(server)["status"])["clock_ok"] is False)
    finally:
        app.env.now = real
    assert pump(3, until=lambda: app.clock_ok)
    assert pump(10, until=lambda: json.loads(kiosk_row(server)["status"])["clock_ok"] is True)


def test_the_low_layout_keeps_the_controls_in_the_lower_part(live):
    from kivy.core.window import Window
    from kivy.uix.behaviors import ButtonBehavior

    from kiosk.testing import pump

    app, _server, _systemd = live
    height = Window.height
    app.go_home()
    pump(frames=3)
    tiles = [w for w in app.screens["home"].ids.tiles.walk(restrict=True) if isinstance(w, ButtonBehavior)]
    assert len(tiles) == (6 if app.hearings.feed is not None else 5)  # the hearings tile is one of them
    for tile in tiles:
        assert tile.to_window(tile.x, tile.top)[1] <= 0.5 * height, tile.text  # lower half of the screen
        assert tile.height >= 200
    app.go("templates")
    app.keyboard_open = True
    pump(frames=3)
    screen = app.screens["templates"]
    box, keyboard = screen.ids.search_box, screen.ids.keyboard
    assert box.to_window(box.x, box.top)[1] <= 0.5 * height
    assert box.to_window(box.x, box.y)[1] >= keyboard.to_window(keyboard.x, keyboard.top)[1]  # just above it
    app.keyboard_open = False
    app.go_home()
