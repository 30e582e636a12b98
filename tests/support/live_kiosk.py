"""Real kiosks against a real server over the demo court.

:func:`running_kiosk`: a kiosk app in this process (offscreen Kivy, real SyncClient, every second by
default) that the test drives frame by frame. :func:`running_display`: a second client, the real
``court-kiosk`` command line in display mode in a child process (this module is its entry point),
which prints what its hearings board shows whenever that changes (:class:`ScreenReports`).
:class:`RequestLog` records the HTTP answers a kiosk's sync gets, to tell a 304 from a download.
"""
import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import pytest

from admin_server.testing import REPO, start_server, stop_process

KIOSK_ID = "hall-1"
DISPLAY_ID = "waiting-room"


@contextlib.contextmanager
def running_kiosk(template_dir, root, app_environ=None, prepare=None, sync_interval_s=1.0, **env):
    """A real server over a copy of the demo court and a kiosk app syncing from it every ``sync_interval_s``.

    ``app_environ``: environment variables set once the server runs (the kiosk's, not the server's).
    ``prepare(data_dir)``: changes the copied data folder before the server starts (and may publish).
    Yields ``(app, server)``; ``server.data_dir`` is the server's data folder.
    """
    from admin_server.db import open_existing
    from admin_server.kiosks import create_kiosk
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.cache import Cache
    from kiosk.sync import SyncClient
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer

    data = root / "data"
    shutil.copytree(template_dir, data)
    if prepare is not None:
        prepare(data)
    db = open_existing(data)
    with db.atomic():
        token = create_kiosk(db, KIOSK_ID, "Hall 1")
    db.conn.close()
    server = start_server(data)
    cache = Cache(root / "cache")

    def make_sync(on_update, status_fn):
        return SyncClient(server.url, cache, on_update=on_update, token=token, interval_s=sync_interval_s,
                          heartbeat_interval_s=1.0, status_fn=status_fn)

    settings = dict(lang="kk", manifest=None, cache=cache, make_sync=make_sync, kiosk_id=KIOSK_ID,
                    make_player=lambda call_soon: FakePlayer(call_soon), usage_path=cache.root / "usage.json",
                    thumbnail_every_s=None, watchdog=None, server_url=server.url)
    settings.update(env)
    app = KioskApp(KioskEnv(**settings))
    patch = pytest.MonkeyPatch()
    for key, value in (app_environ or {}).items():
        if value is None:
            patch.delenv(key, raising=False)
        else:
            patch.setenv(key, value)
    try:
        # No frame yet: the sync thread's first manifest lands on the UI thread at a frame,
        # and a quick machine has it within start_app's usual ten.
        start_app(app, frames=0)
        assert app.current == "waiting"  # first start: no cache yet
        assert pump(60, until=lambda: app.manifest is not None), "the kiosk never got the demo content"
        pump(frames=3)
        yield app, server
    finally:
        stop_app(app)
        patch.undo()
        server.stop()


def db_of(server):
    from admin_server.db import open_existing

    return open_existing(server.data_dir)


class RequestLog:
    """Every answer a requests session gets, as (monotonic time, method, path, status): attach it to a
    kiosk's ``app.sync.session`` to see whether it downloaded the manifest or only heard "304"."""

    def __init__(self):
        self.entries = []
        self._lock = threading.Lock()

    def attach(self, session):
        session.hooks["response"].append(self._record)
        return self

    def _record(self, response, *_args, **_kwargs):
        with self._lock:
            self.entries.append((time.monotonic(), response.request.method, urlsplit(response.url).path,
                                 response.status_code))

    def since(self, moment):
        with self._lock:
            return [(method, path, status) for at, method, path, status in self.entries if at >= moment]


def http_summary(entries):
    """{"manifest 200": n, "manifest 304": n, "media": n, "hearings 200": n, ...} of (method, path, status)."""
    counts = {}
    for _method, path, status in entries:
        if path.startswith("/api/v1/media/"):
            key = "media"
        else:
            key = f"{path.rsplit('/', 1)[-1]} {status}"
        counts[key] = counts.get(key, 0) + 1
    return counts


# --- a display-mode client in a child process ---------------------------------------------------

class ScreenReports:
    """What a child kiosk prints: one JSON object a line, each with ``at`` (its time.time()), read by a thread."""

    def __init__(self, process, log_path=None):
        self.process = process
        self.log_path = log_path
        self.reports = []
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self):
        for line in self.process.stdout:
            try:
                report = json.loads(line)
            except ValueError:
                continue  # not ours (a library's chatter)
            with self._lock:
                self.reports.append(report)

    def count(self):
        with self._lock:
            return len(self.reports)

    def latest(self):
        with self._lock:
            return self.reports[-1] if self.reports else None

    def log_tail(self, lines=15):
        """The end of the child's log, for a failure message."""
        if self.log_path is None or not self.log_path.exists():
            return ""
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def wait_for(self, check, timeout_s, after=0):
        """The first report from number ``after`` on for which ``check(report)`` is true, or None in time."""
        deadline = time.monotonic() + timeout_s
        while True:
            with self._lock:
                found = next((r for r in self.reports[after:] if check(r)), None)
            if found is not None or time.monotonic() > deadline or self.process.poll() is not None:
                return found
            time.sleep(0.02)


@contextlib.contextmanager
def running_display(server, root, *cli_args, kiosk_id=DISPLAY_ID):
    """``court-kiosk --mode display`` syncing from ``server`` in a child process, with its own kiosk token
    and an empty cache; yields its :class:`ScreenReports`. Its log is ``root/display.log``."""
    from admin_server.kiosks import create_kiosk

    db = db_of(server)
    with db.atomic():
        token = create_kiosk(db, kiosk_id, "Waiting room")
    db.conn.close()
    token_file = root / "display-token"
    token_file.write_text(token + "\n")
    command = [sys.executable, "-m", "tests.support.live_kiosk", "--mode", "display", "--server", server.url,
               "--cache-dir", str(root / "display-cache"), "--kiosk-id", kiosk_id, "--token-file", str(token_file),
               *cli_args]
    with open(root / "display.log", "wb") as log:
        process = subprocess.Popen(command, cwd=REPO, stdout=subprocess.PIPE, stderr=log, text=True,
                                   env=dict(os.environ, PYTHONUNBUFFERED="1"))
    try:
        yield ScreenReports(process, root / "display.log")
    finally:
        stop_process(process)


def _board_state(app, requests_seen):
    """What the display shows of the hearings: its board's rows as drawn, the language, and whether the
    board is on view (it takes turns with the reception) -- plus the sync's HTTP answers so far."""
    from kiosk.screens.hearing_parts import BoardRow

    screen = app.screens.get("display")
    rows = []
    if screen is not None:
        rows = [{"time": r.ids.time.text, "room": r.ids.room.text, "status": r.status, "badge": r.ids.badge.text,
                 "case": r.ids.case.text} for r in reversed(screen.ids.board.children) if isinstance(r, BoardRow)]
    return {"screen": app.current, "lang": app.lang, "rows": rows,
            "board_on_view": screen is not None and not screen.showing_reception,
            "version": (app.manifest or {}).get("version"), "http": http_summary(requests_seen.since(0))}


def _observed_display(argv):
    """The child of :func:`running_display`: kiosk.cli's own config, environment and sync, with a fake video
    player and a quarter-size window (no decoding or big frames on a shared CPU), printing
    :func:`_board_state` whenever it changes."""
    from kiosk import cli

    args = cli.build_parser().parse_args(argv)
    cli._setup_logging(args.debug)
    cfg = cli.resolve_config(args)
    cli._setup_kivy(cfg, args.debug)
    from kivy.clock import Clock
    from kivy.config import Config

    Config.set("graphics", "width", "960")
    Config.set("graphics", "height", "540")
    env = cli.make_env(cfg)
    from kiosk.app import KioskApp
    from kiosk.video.fake import FakePlayer

    env.make_player = lambda call_soon: FakePlayer(call_soon)
    requests_seen = RequestLog()
    make_sync = env.make_sync

    def make_logged_sync(on_update, status_fn):
        client = make_sync(on_update, status_fn)
        requests_seen.attach(client.session)
        return client

    env.make_sync = make_logged_sync
    app = KioskApp(env)
    last = {}

    def report(_dt):
        if "display" in app.screens:
            app.screens["display"].ids.ticker.paused = True  # a moving ticker redraws every frame
        state = _board_state(app, requests_seen)
        if state != last:
            last.clear()
            last.update(state)
            print(json.dumps({**state, "at": time.time()}, ensure_ascii=False), flush=True)

    Clock.schedule_interval(report, 0.05)
    app.run()
    return app.exit_code


if __name__ == "__main__":
    sys.exit(_observed_display(sys.argv[1:]))
