"""Run the real kiosk for a while and walk its screens on a schedule: the process `bench/memory.py` measures.

`python -m bench.kiosk_driver --server URL --cache-dir DIR --seconds 600 --status FILE`

The kiosk is built exactly as `court-kiosk` builds it (kiosk.cli: the config,
the Cache, the SyncClient polling the server and sending heartbeats, libVLC
playing the playlist into a Kivy texture), in an offscreen window at the
kiosk's real size (1080x1920; display mode 1920x1080). Instead of Kivy's
own loop it runs frames with kiosk.testing.frame() (the Clock still paces
them at 60 fps; glFinish stands in for a screen's buffer swap), and between
frames a visitor taps through every screen in every language with simulated
touches (home, fees, calculator with an amount typed on the keypad,
reception, templates with a search and a template's QR, e-services, videos
with a clip chosen, back), then leaves it to the attract loop. Display mode
has nothing to touch: its language rotates by itself.

Every second it writes FILE (JSON): whether the first frame is drawn, the
counts (screen changes, language changes, clip starts, playlist loops, video
frames shown), the screens and languages seen, and Python's object count.
`--no-video` builds the same kiosk without a player (the video's share of
memory); `--mode minimal` is a plain Kivy app with one label (Kivy's own share),
`--mode minimal-video` the same with the cached playlist playing under it
(Kivy's and libVLC's share: the floor for any kiosk built on them);
`--allocator default` leaves glibc's malloc as it comes instead of tuning it as
`court-kiosk` does (kiosk/memory.py), for a before/after.
"""

import argparse
import ctypes
import datetime
import gc
import json
import os
import sys
import tempfile
import time
from pathlib import Path

from court_contract.text import LANGS

SEARCH = {"kk": "неке", "ru": "брак", "en": "div"}
AMOUNTS = ("1250000", "5000000", "730000")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.kiosk_driver", description=__doc__.split("\n\n")[0])
    parser.add_argument("--server", help="the kiosk server (the kiosk syncs from it and sends heartbeats)")
    parser.add_argument("--cache-dir", help="the kiosk's cache (warm it first for a start with content)")
    parser.add_argument("--token", help="the kiosk's heartbeat token")
    parser.add_argument("--kiosk-id", help="the kiosk's name on the server")
    parser.add_argument("--mode", choices=("kiosk", "display", "minimal", "minimal-video"), default="kiosk")
    parser.add_argument("--seconds", type=float, default=600.0, help="how long to run after the first frame")
    parser.add_argument("--step-s", type=float, default=3.0, help="seconds between the visitor's taps")
    parser.add_argument("--attract-s", type=float, default=40.0, help="seconds in the attract loop per round")
    parser.add_argument("--videos-s", type=float, default=12.0, help="seconds on the videos screen per round")
    parser.add_argument("--no-video", action="store_true", help="no player (libVLC is not loaded)")
    parser.add_argument("--scenario", choices=("walk", "attract", "fees", "fees-paused"), default="walk",
                        help="kiosk mode: walk through every screen (default), stay in the attract loop, "
                             "open the fees screen and leave it untouched, or the same with the ticker paused "
                             "by a tap first")
    parser.add_argument("--size", default="1080x1920",
                        help="minimal modes: the window, WxH (default 1080x1920, the kiosk's; 1920x1080 is a display's)")
    parser.add_argument("--thumbnail-first-s", type=float,
                        help="when the heartbeat's first screen thumbnail is taken (default: the kiosk's, 20 s)")
    parser.add_argument("--no-object-count", action="store_true",
                        help="do not count Python's objects every 5 s (it costs CPU: for CPU measurements)")
    parser.add_argument("--allocator", choices=("tuned", "default"), default="tuned",
                        help="tuned: as court-kiosk does (kiosk.memory.tune_allocator); default: glibc as it comes")
    parser.add_argument("--status", required=True, help="write the status JSON here every second")
    return parser.parse_args(argv)


def _setup_env():
    """Offscreen Kivy, as tests/conftest.py sets it; must run before Kivy is imported."""
    home = tempfile.mkdtemp(prefix="court-kiosk-driver-kivy-")
    os.environ.setdefault("KIVY_HOME", home)
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.pop("DISPLAY", None)
    os.environ.pop("WAYLAND_DISPLAY", None)


class _MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost")]


def malloc_stats():
    """glibc's malloc totals over all arenas: bytes in use (small + mmapped) and bytes free but kept."""
    try:
        libc = ctypes.CDLL(None)
        libc.mallinfo2.restype = _MallInfo2
        info = libc.mallinfo2()
    except (OSError, AttributeError):
        return {}
    return {"malloc_in_use": info.uordblks + info.hblkhd, "malloc_free": info.fordblks,
            "malloc_arena": info.arena, "malloc_mmapped": info.hblkhd}


class Status:
    """What the driver has done so far; written as JSON for the parent to read."""

    def __init__(self, path, count_objects=True):
        self.path = path
        self.count_objects = count_objects
        self.data = {
            "pid": os.getpid(), "ready": False, "done": False, "error": None, "elapsed_s": 0.0,
            "screen": "", "lang": "", "screen_changes": 0, "lang_changes": 0, "taps": 0, "missed_taps": [],
            "rounds": 0, "clip_starts": 0, "playlist_loops": 0, "video_frames": 0, "video_dropped": 0,
            "video_decoded": 0, "video_lost": 0, "solo_frames": 0, "whole_frames": 0,
            "frames": 0, "draws": 0, "screens_seen": [], "screen_langs_seen": [], "gc_objects": 0,
            "player_errors": [],
        }
        self._seen = set()
        self._pairs = set()
        self._gc_at = 0.0
        self.clips = ClipCounter(self)

    def saw(self, screen, lang):
        if screen and screen not in self._seen:
            self._seen.add(screen)
            self.data["screens_seen"] = sorted(self._seen)
        pair = f"{screen}:{lang}"
        if screen and pair not in self._pairs:
            self._pairs.add(pair)
            self.data["screen_langs_seen"] = sorted(self._pairs)

    def write(self, force=False):
        now = time.monotonic()
        if self.count_objects and (force or now - self._gc_at >= 5.0):
            self._gc_at = now
            # (those set aside from collections, kiosk.memory.set_aside, are not in get_objects())
            self.data["gc_objects"] = len(gc.get_objects()) + gc.get_freeze_count()
            self.data.update(malloc_stats())
        tmp = f"{self.path}.tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.data, f, ensure_ascii=False)
        os.replace(tmp, self.path)


# --- the visitor ------------------------------------------------------------------------

_finger = None


def finger(x, y):
    """A touch at window pixel (x, y) that ``.touch_down()`` and ``.touch_up()`` dispatch as Kivy's input
    providers do (what kivy.tests.common.UnitTestTouch does, without importing kivy.tests: it loads pytest,
    pygments and unittest, ~10 MB the benchmark would count as the kiosk's)."""
    global _finger
    from kivy.base import EventLoop

    if _finger is None:
        from kivy.input.motionevent import MotionEvent

        class Finger(MotionEvent):
            def depack(self, args):
                self.sx, self.sy = args["x"], args["y"]
                self.profile = ["pos"]
                super().depack(args)

            def touch_down(self):
                EventLoop.post_dispatch_input("begin", self)

            def touch_up(self):
                EventLoop.post_dispatch_input("end", self)

        _finger = Finger
    win = EventLoop.window
    return _finger("bench-finger", 99, {"x": x / (win.width - 1.0), "y": y / (win.height - 1.0)},
                   is_touch=True, type_id="touch")


def tap(status, widget, what):
    """A touch down and up at the widget's centre, as a finger would (through the app's touch gate)."""
    from kivy.core.window import Window

    if widget is None:
        status.data["missed_taps"].append(f"{what}: not there")
        return False
    x, y = widget.to_window(*widget.center)
    if not (0 <= x <= Window.width and 0 <= y <= Window.height) or widget.disabled:
        status.data["missed_taps"].append(f"{what}: off screen or disabled")
        return False
    touch = finger(x, y)
    touch.touch_down()
    touch.touch_up()
    status.data["taps"] += 1
    return True


def visitor(app, status, step_s, attract_s, videos_s):
    """An endless walk: each yield is how long to run frames before the next action."""

    def w(screen, *path):
        """A widget by screen name and ids (screens are built when first shown), or None."""
        widget = app.screens.get(screen)
        for name in path:
            if widget is None:
                return None
            widget = widget.ids.get(name) if hasattr(widget, "ids") and name in widget.ids else None
        return widget

    bar = ("main", "bottombar")
    rnd = 0
    while True:
        lang = LANGS[rnd % len(LANGS)]
        status.data["rounds"] = rnd
        app.show_attract()  # what the idle timeout does between visitors
        yield attract_s
        tap(status, w("attract"), "attract")  # any touch opens home
        yield step_s
        langs = w(*bar, "langs")
        tap(status, langs.buttons.get(lang) if langs is not None else None, f"language {lang}")
        yield step_s
        tap(status, w("home", "tile_fees"), "fees tile")
        yield step_s
        if rnd % 2:
            tap(status, w(*bar, "large"), "large text")
            yield step_s
        tap(status, w("fees", "open_calculator"), "calculator")
        yield 0.3
        tap(status, w("calculator", "legal_entity" if rnd % 3 == 2 else "individual"), "applicant")
        yield 0.3
        calc = app.screens.get("calculator")
        codes = list(calc.kind_buttons) if calc is not None else []
        for offset in range(len(codes)):  # a claim kind that needs an amount
            code = codes[(rnd + offset) % len(codes)]
            tap(status, calc.kind_buttons.get(code), "claim kind")
            yield 0.2
            if not calc.ids.keypad.disabled:
                break
        keys = calc.ids.keypad.keys if calc is not None else {}
        tap(status, keys.get("clear"), "keypad clear")
        for digit in AMOUNTS[rnd % len(AMOUNTS)]:
            yield 0.15
            tap(status, keys.get(digit), f"keypad {digit}")
        yield step_s
        tap(status, w(*bar, "home"), "home")
        yield step_s
        tap(status, w("home", "tile_reception"), "reception tile")
        yield step_s
        tap(status, w(*bar, "back"), "back")
        yield step_s
        tap(status, w("home", "tile_templates"), "templates tile")
        yield step_s
        tap(status, w("templates", "search_box"), "search box")
        yield 0.3
        keyboard = w("templates", "keyboard")
        keys = keyboard.keys if keyboard is not None else {}
        for ch in SEARCH[lang]:
            tap(status, keys.get(ch), f"keyboard {ch}")
            yield 0.15
        tap(status, keys.get("hide"), "hide keyboard")
        yield step_s
        results = list(app.screens["templates"].result_buttons.values()) if "templates" in app.screens else []
        tap(status, results[0] if results else None, "template")  # the detail screen with its QR code
        yield step_s
        tap(status, w(*bar, "back"), "back")
        yield step_s
        tap(status, w(*bar, "home"), "home")
        yield step_s
        tap(status, w("home", "tile_links"), "e-services tile")  # QR tiles
        yield step_s
        tap(status, w(*bar, "back"), "back")
        yield step_s
        tap(status, w("home", "tile_videos"), "videos tile")
        yield videos_s / 2
        buttons = app.screens["videos"].title_buttons if "videos" in app.screens else []
        if buttons:
            status.clips.chosen = True
            tap(status, buttons[(rnd + 1) % len(buttons)], "clip title")
        yield videos_s / 2
        tap(status, w(*bar, "back"), "back")
        yield step_s
        # the walk lets go of the screens' widgets, as a finger would: held here, the kiosk could not
        # drop them between visitors (kiosk.visitor_gate), and the run would measure the walk's memory
        calc = codes = keys = keyboard = results = buttons = langs = None
        rnd += 1


def stay(app, status, scenario, step_s):
    """Leave the kiosk alone: in the attract loop, or on the fees screen (opened with two taps; with
    fees-paused a third pauses the ticker)."""
    app.show_attract()
    if scenario.startswith("fees"):
        yield step_s
        tap(status, app.screens.get("attract"), "attract")
        yield step_s
        home = app.screens.get("home")
        tap(status, home.ids.get("tile_fees") if home is not None else None, "fees tile")
    if scenario == "fees-paused":
        yield step_s
        tap(status, app.screens["main"].ids.get("ticker"), "ticker")
    while True:
        yield 60.0


def rotation(app, status):
    """Display mode: nothing to touch; the app rotates the language itself."""
    while True:
        status.data["rounds"] += 1
        yield 60.0


# --- building the kiosk ---------------------------------------------------------------------

def build_kiosk(args, status):
    from kiosk import cli

    argv = ["--server", args.server, "--cache-dir", args.cache_dir, "--mode", args.mode]
    if args.token:
        argv += [f"--token={args.token}"]  # (a token may start with "-")
    if args.kiosk_id:
        argv += ["--kiosk-id", args.kiosk_id]
    cfg = cli.resolve_config(cli.build_parser().parse_args(argv))
    cli._setup_kivy(cfg, debug=False)
    from kivy.core.window import Window  # noqa: F401  (created now, at the size _setup_kivy set)

    env = cli.make_env(cfg)
    if args.thumbnail_first_s is not None:
        env.thumbnail_first_s = args.thumbnail_first_s
    if args.no_video:
        env.make_player = None
    elif env.make_player is not None:
        factory = env.make_player

        def make_player(call_soon):
            player = factory(call_soon)
            status.clips.hook(player, call_soon)
            return player

        env.make_player = make_player
    from kiosk.app import KioskApp

    size = cli.DISPLAY_SIZE if cfg.mode == "display" else (cli.WIDTH, cli.HEIGHT)
    return KioskApp(env), size


def window_size(text):
    """``"1080x1920"`` -> (1080, 1920)."""
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"--size must be WIDTHxHEIGHT, e.g. 1080x1920, not {text!r}") from None
    return width, height


def build_minimal(args=None, size=(1080, 1920)):
    """A plain Kivy app with one label; given ``args`` (``--mode minimal-video``), with a video under it
    too: the cached playlist through the player as `court-kiosk` makes it, on a VideoSurface."""
    from kivy.config import Config

    Config.set("graphics", "width", str(size[0]))
    Config.set("graphics", "height", str(size[1]))
    from kivy.app import App
    from kivy.clock import Clock
    from kivy.core.window import Window  # noqa: F401
    from kivy.uix.boxlayout import BoxLayout
    from kivy.uix.label import Label

    class Minimal(App):
        player = None

        def build(self):
            label = Label(text="court-kiosk", font_size=64)
            if args is None:
                return label
            from kiosk import cli, programme
            from kiosk.cache import Cache
            from kiosk.config import KioskConfig
            from kiosk.video.surface import VideoSurface

            cache = Cache(Path(args.cache_dir))
            now = datetime.datetime.now(datetime.timezone.utc)
            _videos, paths, _deadline = programme.playlist_part(cache.current(), cache, now)
            if not paths:
                raise RuntimeError(f"no videos to play in the cache {args.cache_dir} (warm it first)")
            self.player = cli.make_env(KioskConfig(server_url=None, cache_dir=Path(args.cache_dir))).make_player(
                lambda func, *a: Clock.schedule_once(lambda _dt: func(*a)))
            self.player.load(paths)
            self.player.play()
            self.screens = {"attract": BoxLayout(orientation="vertical")}  # video_frames() counts its pictures
            surface = VideoSurface(player=self.player, active=True)
            self.screens["attract"].ids["surface"] = surface
            self.screens["attract"].add_widget(surface)
            self.screens["attract"].add_widget(label)
            return self.screens["attract"]

        def on_stop(self):
            if self.player is not None:
                self.player.close()

    return Minimal(), size


class ClipCounter:
    """Counts clip starts (every one, from the first) and playlist loops that came round by themselves."""

    def __init__(self, status):
        self.status = status
        self.last = None  # the index of the clip on screen while the loop runs; None when stopped
        self.chosen = False  # the visitor picked the next clip (not a loop)

    def hook(self, player, call_soon):
        """Count each clip start the player reports (on the UI thread, in the order they happen)."""
        reported = player._clip_started

        def clip_started(index, path):
            call_soon(self.started, index)
            reported(index, path)

        player._clip_started = clip_started

    def started(self, index):
        self.status.data["clip_starts"] += 1
        if self.last is not None and index <= self.last and not self.chosen:
            self.status.data["playlist_loops"] += 1
        self.chosen = False
        self.last = index

    def stopped(self, _app, index):
        if index < 0:
            self.last = None


def watch(app, status):
    """Count screen and language changes (and, with ClipCounter, clip starts and loops)."""
    def on_current(_app, name):
        status.data["screen_changes"] += 1
        status.data["screen"] = name
        status.saw(name, app.lang)

    def on_lang(_app, lang):
        status.data["lang_changes"] += 1
        status.data["lang"] = lang
        status.saw(app.current, lang)

    app.bind(current=on_current, lang=on_lang, video_index=status.clips.stopped)
    status.data["screen"], status.data["lang"] = app.current, app.lang
    status.saw(app.current, app.lang)


def _surfaces(app):
    """The VideoSurfaces built so far (the screens with video are built when first shown)."""
    screens = getattr(app, "screens", {})
    return [screens[name].ids.surface for name in ("attract", "videos", "display") if name in screens]


def video_frames(app):
    """Video pictures the surfaces have shown so far."""
    return int(sum(surface.frames_shown for surface in _surfaces(app)))


def video_dropped(app):
    """Video pictures the player showed that no surface uploaded (VideoSurface.frames_dropped)."""
    return int(sum(getattr(surface, "frames_dropped", 0) for surface in _surfaces(app)))


def drawing_counts(app):
    """libVLC's own counts (VlcPlayer.picture_stats: pictures decoded, and lost as too late) and the
    frames the kiosk painted alone or whole (kiosk.redraw)."""
    player = getattr(app, "player", None)
    stats = player.picture_stats() if hasattr(player, "picture_stats") else {}
    drawing = getattr(getattr(app, "services", None), "drawing", None)
    frames = drawing.stats if drawing is not None else {}
    return {"video_decoded": stats.get("decoded", 0), "video_lost": stats.get("lost", 0),
            "solo_frames": frames.get("solo", 0), "whole_frames": frames.get("full", 0)}


def count_draws(status):
    """Count the frames Kivy really draws (on_flip), not the turns of the loop."""
    from kivy.core.window import Window

    def drawn(*_args):
        status.data["draws"] += 1

    Window.bind(on_flip=drawn)


def main(argv=None):
    args = parse_args(argv)
    _setup_env()
    status = Status(args.status, count_objects=not args.no_object_count)
    if args.allocator == "tuned":
        from kiosk.memory import tune_allocator

        status.data["allocator_tuned"] = tune_allocator()  # as kiosk.cli.main does, before Kivy and libVLC
    status.write(force=True)
    try:
        if args.mode == "minimal":
            app, size = build_minimal(size=window_size(args.size))
        elif args.mode == "minimal-video":
            app, size = build_minimal(args, size=window_size(args.size))
        else:
            app, size = build_kiosk(args, status)
        from kiosk import testing

        count_draws(status)
        testing.start_app(app, size=size, frames=2)
    except Exception as exc:  # Kivy's logger swallows it: tell the parent
        status.data["error"] = f"could not start: {type(exc).__name__}: {exc}"
        status.write(force=True)
        raise
    if args.mode.startswith("minimal"):
        walk = iter(lambda: 60.0, None)
        deadline = time.monotonic() + 60
        while args.mode == "minimal-video" and video_frames(app) == 0 and time.monotonic() < deadline:
            testing.frame()  # its first video picture
    else:
        watch(app, status)
        # the first frame with content: the attract loop (or display) with a video picture when there is a player
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            testing.frame()
            if app.current in ("attract", "display") and (app.player is None or video_frames(app) > 0):
                break
        if args.mode == "display":
            walk = rotation(app, status)
        elif args.scenario == "walk":
            walk = visitor(app, status, args.step_s, args.attract_s, args.videos_s)
        else:
            walk = stay(app, status, args.scenario, args.step_s)
    testing.frame()
    status.data["ready"] = True
    started = time.monotonic()
    status.write(force=True)
    end = started + args.seconds
    next_action = time.monotonic()
    last_write = 0.0
    frames = 0
    try:
        while True:
            now = time.monotonic()
            if now >= end:
                break
            if now >= next_action:
                next_action = now + next(walk)
            testing.frame()
            frames += 1
            if now - last_write >= 1.0:
                last_write = now
                status.data.update(elapsed_s=round(now - started, 2), frames=frames,
                                   video_frames=video_frames(app), video_dropped=video_dropped(app),
                                   **drawing_counts(app))
                if getattr(app, "player", None) is not None:
                    status.data["player_errors"] = list(app.player.errors)
                status.write()
    except Exception as exc:  # report it to the parent, then fail
        status.data["error"] = f"{type(exc).__name__}: {exc}"
        status.write(force=True)
        raise
    status.data.update(elapsed_s=round(time.monotonic() - started, 2), frames=frames,
                       video_frames=video_frames(app), video_dropped=video_dropped(app), **drawing_counts(app))
    # what only a test harness loads must not be in the process measured as the kiosk
    status.data["harness_modules"] = sorted(name for name in ("pytest", "unittest", "kivy.tests") if name in sys.modules)
    testing.stop_app(app)
    status.data["done"] = True
    status.write(force=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
