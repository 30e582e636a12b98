"""Benchmark 3, kiosk start: from a warm cache, offscreen, against a one-label Kivy app.

What is timed, for each start: from just before ``Popen`` of the real ``court-kiosk`` console
script to the ``READY=1`` datagram it sends to ``NOTIFY_SOCKET`` (a unix datagram socket this
benchmark binds, as systemd does). The kiosk sends READY=1 from the ``on_flip`` of its first
frame (kiosk/services.py ``_start_watchdog``): with a warm cache that frame is the attract loop, the
kiosk's start screen, with its touch gate live (a touch there opens home).

Home is built lazily, on the first touch, so READY=1 is not "home on screen". To time home as
well, the kiosk runs with a small Kivy user module (``KIVY_HOME/mods/kioskbench.py``, enabled
with ``KCFG_MODULES_KIOSKBENCH``; the kiosk's code is not changed) that touches the screen on the
frame after READY=1, sends ``X-BENCH-HOME=1`` from the ``on_flip`` of the first frame that shows
home, then taps home's "state fee" tile and sends ``X-BENCH-TAP=fees`` once the fees screen is
drawn -- proof that the home frame was interactive. So each kiosk start gives two figures:
**ready** (first frame) and **home** (first frame of home, the visitor touching as soon as they
can).

The baseline is a minimal Kivy app (one Label, the same 1080x1920 window, the same environment)
that sends READY=1 the same way (``kiosk.watchdog.ready()`` from its first ``on_flip``).

"Warm cache" means: the kiosk's content cache holds the published demo version and all its media
(one real ``court-kiosk`` run against ``court-kiosk-server serve`` first), Python's bytecode is
compiled (into a ``PYTHONPYCACHEPREFIX`` folder of this run, as after an install that compiles
it), Kivy's home and Mesa's shader cache exist, and the files are in the OS page cache: one
untimed start of every variant comes first. Variants, interleaved start by start in rotating order
so they share the machine's noise:

- ``kiosk`` -- the server is down (its URL refuses connections): the honest "from cache" case
  and the figure held against the target;
- ``kiosk, server up`` -- the same with the server answering (the sync thread polls at start);
- ``baseline``;
- ``kiosk, no bytecode`` and ``baseline, no bytecode`` -- every module compiled from source at
  each start (``PYTHONDONTWRITEBYTECODE=1`` and an empty pycache prefix), as on a kiosk
  installed by ``uv pip install`` without ``--compile-bytecode`` whose venv the service user
  cannot write.

Each start is stopped with SIGTERM (what systemd sends) once its last datagram has arrived, and
must exit with status 0 (SDL turns SIGTERM into a quit event: Kivy stops the app cleanly).
Finally one more kiosk start runs with ``python -X importtime`` to show where its time goes.

Targets (the project's; results in BENCHMARKS.md, section 3): ready <= 1.5 s and <= 3x the baseline.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import common

KIOSK_EXE = str(Path(sys.executable).with_name("court-kiosk"))
WIDTH, HEIGHT = 1080, 1920  # kiosk.cli's kiosk window
TARGET_S, TARGET_RATIO = 1.5, 3.0
DRIVER = "kioskbench"  # the Kivy user module's name (KIVY_HOME/mods/kioskbench.py)

BASELINE_APP = f'''"""The baseline: a minimal Kivy app, one Label, READY=1 from its first frame."""
from kivy.config import Config

Config.set("graphics", "width", "{WIDTH}")
Config.set("graphics", "height", "{HEIGHT}")
Config.set("graphics", "fullscreen", "0")

from kivy.app import App
from kivy.uix.label import Label

from kiosk import watchdog


class Baseline(App):
    def build(self):
        return Label(text="court-kiosk")

    def on_start(self):
        from kivy.core.window import Window

        def first_frame(*_args):
            Window.unbind(on_flip=first_frame)
            watchdog.ready()

        Window.bind(on_flip=first_frame)
        Window.canvas.ask_update()


Baseline().run()
'''

DRIVER_MODULE = '''"""Kivy user module for bench/kiosk_start.py: plays the first visitor of a just-started kiosk.

On the frame after the kiosk's first frame (attract) it touches the screen; it sends
X-BENCH-HOME=1 from the on_flip of the first frame that shows home (home's tiles built), taps
the "state fee" tile and sends X-BENCH-TAP=<screen> once that screen is drawn. A kiosk that
starts on its waiting screen (no content) sends X-BENCH-WAITING=1.
"""
from kivy.app import App
from kivy.base import EventLoop
from kivy.clock import Clock
from kivy.input.motionevent import MotionEvent

from kiosk import watchdog


class _Touch(MotionEvent):
    def __init__(self, x, y):
        win = EventLoop.window
        super().__init__("kioskbench", 1, {"x": x / (win.width - 1.0), "y": y / (win.height - 1.0)},
                         is_touch=True, type_id="touch")
        self.profile = ["pos"]

    def depack(self, args):
        self.sx, self.sy = args["x"], args["y"]
        super().depack(args)


def _tap(x, y):
    touch = _Touch(x, y)
    EventLoop.post_dispatch_input("begin", touch)
    EventLoop.post_dispatch_input("end", touch)


class _Visitor:
    def __init__(self, win):
        self.win = win
        self.step = "attract"

    def on_flip(self, *_args):
        app = App.get_running_app()
        if app is None or not hasattr(app, "outer"):
            return
        if self.step == "attract":
            if app.current == "waiting":
                watchdog.notify("X-BENCH-WAITING=1")
                self.step = "done"
            elif app.current == "attract":
                self.step = "touched"
                Clock.schedule_once(lambda _dt: _tap(self.win.width / 2, self.win.height / 2), 0)
        elif self.step == "touched" and app.current == "home" and app.outer.current == "main":
            home = app.screens["home"]
            if app.inner.current == "home" and "tile_fees" in home.ids:
                watchdog.notify("X-BENCH-HOME=1")
                self.step = "tapped"
                tile = home.ids.tile_fees
                Clock.schedule_once(lambda _dt: _tap(*tile.to_window(*tile.center)), 0)
        elif self.step == "tapped" and app.current != "home":
            watchdog.notify(f"X-BENCH-TAP={app.current}")
            self.step = "done"
        if self.step == "done":
            self.win.unbind(on_flip=self.on_flip)
        else:
            self.win.canvas.ask_update()


def start(win, ctx):
    ctx.visitor = _Visitor(win)
    win.bind(on_flip=ctx.visitor.on_flip)


def stop(win, ctx):
    win.unbind(on_flip=ctx.visitor.on_flip)
'''


@dataclass
class Start:
    """One start of one app: seconds from Popen to each datagram, and how the process ended."""

    app: str
    messages: dict = field(default_factory=dict)  # datagram text -> seconds after Popen
    returncode: int | None = None
    stderr: str = ""
    error: str = ""

    @property
    def ready_s(self):
        return self.messages.get("READY=1")

    @property
    def home_s(self):
        return self.messages.get("X-BENCH-HOME=1")

    @property
    def tapped(self):
        return next((m.split("=", 1)[1] for m in self.messages if m.startswith("X-BENCH-TAP=")), None)

    @property
    def ok(self):
        return not self.error and self.returncode == 0 and self.ready_s is not None


class Starter:
    """Starts the kiosk or the baseline as a subprocess and times its datagrams.

    ``root``: a folder for the notify socket, Kivy's home, the caches and the baseline script.
    ``cache_dir``: the kiosk's content cache.
    """

    def __init__(self, root: Path, cache_dir: Path):
        self.root = root
        self.cache_dir = cache_dir
        (root / "kivy" / "mods").mkdir(parents=True, exist_ok=True)
        (root / "kivy" / "mods" / f"{DRIVER}.py").write_text(DRIVER_MODULE)
        self.baseline_script = root / "baseline_app.py"
        self.baseline_script.write_text(BASELINE_APP)
        (root / "no-pyc").mkdir(exist_ok=True)
        self.socket_path = root / "notify"
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(str(self.socket_path))

    def close(self):
        self.sock.close()

    def env(self, bytecode=True, driver=False) -> dict:
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy", KIVY_NO_ARGS="1",
                   KIVY_NO_CONSOLELOG="1", KIVY_NO_FILELOG="1", KIVY_LOG_MODE="PYTHON",
                   KIVY_HOME=str(self.root / "kivy"), XDG_CACHE_HOME=str(self.root / "xdg-cache"),
                   NOTIFY_SOCKET=str(self.socket_path))
        for name in ("DISPLAY", "WAYLAND_DISPLAY", "WATCHDOG_USEC", "WATCHDOG_PID", "PYTHONPROFILEIMPORTTIME"):
            env.pop(name, None)
        if bytecode:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(self.root / "pyc")
        else:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            env["PYTHONPYCACHEPREFIX"] = str(self.root / "no-pyc")  # stays empty: no .pyc is read
        if driver:
            env[f"KCFG_MODULES_{DRIVER.upper()}"] = ""
        return env

    def command(self, app: str, server_url: str, python_flags=()) -> list[str]:
        if app == "kiosk":
            return [sys.executable, *python_flags, KIOSK_EXE, "--server", server_url,
                    "--cache-dir", str(self.cache_dir)]
        return [sys.executable, *python_flags, str(self.baseline_script)]

    def _drain(self):
        self.sock.setblocking(False)
        try:
            while True:
                self.sock.recv(256)
        except BlockingIOError:
            pass

    def start(self, app: str, server_url: str = "", bytecode=True, home=True, timeout_s=60.0,
              python_flags=()) -> Start:
        """One start; ``home`` (kiosk only): also wait for home's first frame and the tile tap."""
        home = home and app == "kiosk"
        want = {"READY=1"} | ({"X-BENCH-HOME=1", "X-BENCH-TAP"} if home else set())
        result = Start(app)
        self._drain()
        self.sock.settimeout(0.1)
        errfile = tempfile.TemporaryFile()
        started = time.monotonic()
        process = subprocess.Popen(self.command(app, server_url, python_flags),
                                   env=self.env(bytecode=bytecode, driver=home),
                                   stdout=subprocess.DEVNULL, stderr=errfile)
        try:
            deadline = started + timeout_s
            while not want <= {m.split("=")[0] if m.startswith("X-BENCH-TAP=") else m for m in result.messages}:
                try:
                    data = self.sock.recv(256)
                except socket.timeout:
                    if process.poll() is not None:
                        result.error = f"exited with {process.returncode} before its first frame"
                        break
                    if time.monotonic() > deadline:
                        result.error = f"no {sorted(want - set(result.messages))} within {timeout_s:.0f} s"
                        break
                    continue
                text = data.decode("utf-8", "replace")
                result.messages.setdefault(text, time.monotonic() - started)
                if text == "X-BENCH-WAITING=1":
                    result.error = "the kiosk started on its waiting screen: no cached content"
                    break
        finally:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
            try:
                result.returncode = process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                result.error = result.error or "did not exit within 15 s of SIGTERM"
            errfile.seek(0)
            result.stderr = errfile.read().decode("utf-8", "replace")
            errfile.close()
        if not result.error and result.returncode != 0:
            result.error = f"exited with {result.returncode} after SIGTERM"
        return result


def warm_cache(starter: Starter, server_url: str, timeout_s=60.0) -> None:
    """Run the real kiosk against the server until its cache holds the published version and its media."""
    from kiosk.cache import Cache

    env = starter.env(bytecode=True)
    process = subprocess.Popen(starter.command("kiosk", server_url), env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    deadline = time.monotonic() + timeout_s
    try:
        while Cache(starter.cache_dir).current() is None:
            if process.poll() is not None:
                raise RuntimeError(f"court-kiosk exited with {process.returncode}: {process.stderr.read()[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"court-kiosk did not cache the published content within {timeout_s:.0f} s")
            time.sleep(0.1)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


class ClosedPort:
    """A local port held bound but not listening, so nobody else can take it: connections to
    ``url`` are refused at once (the server is down)."""

    def __init__(self):
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"

    def close(self):
        self.sock.close()


def import_breakdown(stderr: str, top=8) -> list[tuple[float, str]]:
    """Top-level imports from ``python -X importtime`` output: (cumulative seconds, module), largest first.

    Top level means imported by the script or lazily from inside a function (kiosk.app, the
    screens); their times include what they import. ``kivy.core.window`` includes creating the
    window and its GL context.
    """
    rows = []
    for line in stderr.splitlines():
        match = re.match(r"import time:\s+\d+ \|\s+(\d+) \| (\S.*)$", line)
        if match:
            rows.append((int(match.group(1)) / 1e6, match.group(2).strip()))
    rows.sort(reverse=True)
    return rows[:top]


def _fmt(values) -> str:
    if not values:
        return "no values"
    return f"p50 {common.pct(values, 50):.3f} s  min {min(values):.3f} s  max {max(values):.3f} s  (n={len(values)})"


VARIANTS = (  # name, app, server up?, bytecode?
    ("kiosk", "kiosk", False, True),
    ("baseline", "baseline", False, True),
    ("kiosk, server up", "kiosk", True, True),
    ("kiosk, no bytecode", "kiosk", False, False),
    ("baseline, no bytecode", "baseline", False, False),
)


def measure(starter: Starter, starts: int, down_url: str, up_url: str, variants=VARIANTS, warmup=True,
            log=print) -> dict:
    """``starts`` timed starts of every variant, interleaved (the order rotates each round), after
    one untimed start of each (``warmup``). Returns {variant name: [Start, ...]}."""
    results = {name: [] for name, *_ in variants}
    for round_no in range(0 if warmup else 1, starts + 1):
        shift = round_no % len(variants)
        for name, app, server_up, bytecode in variants[shift:] + variants[:shift]:
            run = starter.start(app, up_url if server_up else down_url, bytecode=bytecode)
            if not run.ok:
                raise RuntimeError(f"{name}: {run.error}\n{run.stderr[-3000:]}")
            if app == "kiosk" and run.tapped != "fees":
                raise RuntimeError(f"{name}: the tap on home's fee tile opened {run.tapped!r}, not 'fees'")
            if round_no > 0:  # round 0 warms the caches
                results[name].append(run)
        if round_no:
            log(f"   round {round_no}/{starts}, first frame (home) in s: " + ", ".join(
                f"{name} {r.ready_s:.2f}" + (f" ({r.home_s:.2f})" if r.home_s else "")
                for name, r in ((name, results[name][-1]) for name, *_ in variants)))
    return results


def run(args) -> list[str]:
    starts = max(1, args.starts)
    lines = []
    with common.workdir() as root:
        data = common.demo_copy(root / "data")
        server = common.serve(data)
        starter = Starter(root / "run", root / "kiosk-cache")
        down = ClosedPort()
        try:
            warm_cache(starter, server.url)
            load_before = common.load()
            print("   load before:", load_before)
            results = measure(starter, starts, down.url, server.url)
            load_after = common.load()
            print("   load after:", load_after)
            traced = starter.start("kiosk", down.url, home=False, python_flags=("-X", "importtime"))
        finally:
            down.close()
            starter.close()
            server.stop()

    def ready(name):
        return [r.ready_s for r in results[name]]

    def home(name):
        return [r.home_s for r in results[name]]

    kiosk_p50, base_p50 = common.pct(ready("kiosk"), 50), common.pct(ready("baseline"), 50)
    home_p50 = common.pct(home("kiosk"), 50)
    lines.append(f"kiosk start (warm cache, offscreen, {WIDTH}x{HEIGHT}, {starts} starts each, interleaved):")
    lines.append(f"  kiosk, first frame (READY=1; attract):  {_fmt(ready('kiosk'))}")
    lines.append(f"  kiosk, first frame of home (touched at once): {_fmt(home('kiosk'))}")
    lines.append(f"  baseline (one Label), first frame:      {_fmt(ready('baseline'))}")
    lines.append(f"  kiosk, server up: first frame {_fmt(ready('kiosk, server up'))}; "
                 f"home p50 {common.pct(home('kiosk, server up'), 50):.3f} s")
    nb_kiosk, nb_base = ready("kiosk, no bytecode"), ready("baseline, no bytecode")
    lines.append(f"  no bytecode: kiosk first frame {_fmt(nb_kiosk)}; home p50 "
                 f"{common.pct(home('kiosk, no bytecode'), 50):.3f} s; baseline {_fmt(nb_base)}")
    ratio, home_ratio = kiosk_p50 / base_p50, home_p50 / base_p50
    met = "met" if kiosk_p50 <= TARGET_S and ratio <= TARGET_RATIO else "NOT met"
    home_met = "met" if home_p50 <= TARGET_S and home_ratio <= TARGET_RATIO else "NOT met"
    lines.append(f"  ratio of p50s: first frame {ratio:.2f}x the baseline, home {home_ratio:.2f}x; "
                 f"no bytecode: {common.pct(nb_kiosk, 50) / common.pct(nb_base, 50):.2f}x")
    lines.append(f"  target (<= {TARGET_S} s and <= {TARGET_RATIO:.0f}x the baseline, p50): first frame {met}, "
                 f"home {home_met}")
    if traced.ok:
        parts = ", ".join(f"{module} {seconds:.3f}" for seconds, module in import_breakdown(traced.stderr))
        lines.append(f"  one start under -X importtime (first frame {traced.ready_s:.3f} s), largest top-level "
                     f"imports in s: {parts}")
    lines.append(f"  load before: {load_before}")
    lines.append(f"  load after:  {load_after}")
    return lines
