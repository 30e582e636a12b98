"""Benchmark 9, screens: how long the kiosk takes to put a screen up, on a visitor's first visit and on a return.

`python -m bench --only screens` (`--sessions N`, default 6; ~5 min).

The real kiosk (built as `court-kiosk` builds it, bench/kiosk_driver.py) runs in a child process
from a cache synced from a real `court-kiosk-server` over the demo court, with libVLC playing the
attract loop, in an offscreen 1080x1920 window. A session is one visitor: the attract loop for two
seconds (on the way there the kiosk drops the last visitor's screens), a touch (home), the language
of the session (kk, ru, en in turn), `--home-s` seconds on home
reading the tiles, then each screen once (its **first visit** in the session: fees, calculator,
reception, templates, a template's detail, e-services, videos, hearings), 1.5 s on it, back home
for 1 s between them, then each screen again (a **return visit**). Each visit counts as a touch
(for the idle timer and the Prebuilder). Then the visitor leaves (the idle reset) and the next
session begins.

Timed, per visit, on the UI thread:
- **build**: from `app.go(name)` until the screen is ready to draw (Kivy's before-frame work: its
  layouts and text textures) -- what the kiosk itself does;
- **drawn**: build plus drawing the whole window once (Mesa llvmpipe on this VM: ~100 ms for a full
  screen of text; a GPU draws it in a few).
Figures are printed, never asserted: p50 and p95 per screen.
"""
import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

from bench import common, memory

REPO = Path(__file__).resolve().parent.parent
VISITS = ("fees", "calculator", "reception", "templates", "template", "links", "videos", "hearings")


# --- the parent ---------------------------------------------------------------------------

def run(args) -> list[str]:
    sessions = max(1, int(getattr(args, "sessions", 6) or 6))
    home_s = float(getattr(args, "home_s", 2.0) or 2.0)
    with common.workdir() as work:
        server, token = memory.setup(work)
        try:
            cache = memory.warm_cache(server.url, work / "cache")
            out = work / "screens.json"
            log_path = work / "screens.log"
            cmd = [sys.executable, "-m", "bench.screens", "--child", "--server", server.url, "--cache-dir", str(cache),
                   f"--token={token}", "--sessions", str(sessions), "--home-s", f"{home_s:g}", "--out", str(out)]
            print(f"  {sessions} sessions, {home_s:g} s on home before the first visit; load before: {common.load()}",
                  flush=True)
            with open(log_path, "wb") as log:
                done = subprocess.run(cmd, cwd=REPO, env=memory.child_env(work), stdout=log, stderr=subprocess.STDOUT,
                                      timeout=60 + sessions * 90)
            if done.returncode != 0 or not out.exists():
                raise RuntimeError(f"the screens run failed ({done.returncode}): "
                                   f"{log_path.read_text(errors='replace')[-3000:]}")
            result = json.loads(out.read_text())
        finally:
            server.stop()
    print(f"  load after: {common.load()}")
    return summarise(result)


def _ms(values):
    if not values:
        return "-"
    return f"{1000 * common.pct(values, 50):.0f} / {1000 * common.pct(values, 95):.0f}"


def summarise(result) -> list[str]:
    lines = []
    print(f"  {'screen':11s} {'first build p50/p95':>20s} {'return build':>14s} {'first drawn':>14s} "
          f"{'return drawn':>14s}  (ms)")
    firsts, returns, ready = [], [], []
    for name, visits in result["screens"].items():
        firsts += visits["first"]
        returns += visits["return"]
        ready += visits.get("first_ready", [])
        row = (f"{name:11s} {_ms(visits['first']):>20s} {_ms(visits['return']):>14s} "
               f"{_ms(visits['first_drawn']):>14s} {_ms(visits['return_drawn']):>14s}")
        print("  " + row)
        lines.append(f"screens {name}: build first {_ms(visits['first'])} ms, return {_ms(visits['return'])} ms "
                     f"(p50 / p95); with the frame drawn {_ms(visits['first_drawn'])} / {_ms(visits['return_drawn'])}")
    first95, return95 = common.pct(firsts, 95), common.pct(returns, 95)
    lines.append(f"screens, all: first visit build p95 {1000 * first95:.0f} ms (target <= 100: "
                 f"{'met' if first95 <= 0.1 else 'NOT met'}), return p95 {1000 * return95:.0f} ms (target <= 30: "
                 f"{'met' if return95 <= 0.03 else 'NOT met'}); {result['sessions']} sessions, "
                 f"{len(firsts)} first and {len(returns)} return visits, {sum(ready)} of the first found their "
                 f"screen built ahead ({result.get('prebuilt', 0)} builds in idle time)")
    print("  " + lines[-1])
    return lines


# --- the child: the kiosk, a visitor, a stopwatch -------------------------------------------

def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.screens", description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", action="store_true", required=True)
    parser.add_argument("--server", required=True)
    parser.add_argument("--cache-dir", required=True)
    parser.add_argument("--token")
    parser.add_argument("--sessions", type=int, default=6)
    parser.add_argument("--home-s", type=float, default=2.0)
    parser.add_argument("--dwell-s", type=float, default=1.5)
    parser.add_argument("--home-between-s", type=float, default=1.0)
    parser.add_argument("--out", required=True)
    return parser.parse_args(argv)


def timed_visit(app, name):
    """(build s, drawn s) of one visit: go there, Kivy's before-frame work, then one drawn frame."""
    from kivy.base import EventLoop
    from kivy.clock import Clock
    from kivy.core.window import Window
    from kivy.graphics.opengl import glFinish
    from kivy.lang import Builder

    app.idle.touch()  # (what the touch gate records for a real tap)
    started = time.perf_counter()
    if name == "template":
        slug = ((app.manifest or {}).get("templates") or [{}])[0].get("slug", "")
        app.open_template(slug)
    else:
        app.go(name)
    Builder.sync()
    Clock.tick_draw()  # the screen's layouts and text textures, as the next frame would run them
    Builder.sync()
    built = time.perf_counter()
    Window.canvas.ask_update()
    Window.dispatch("on_draw")
    Window.dispatch("on_flip")
    glFinish()
    drawn = time.perf_counter()
    EventLoop.idle()  # the rest of that turn of the loop (events scheduled by the visit)
    return built - started, drawn - started


def child(argv=None):
    args = parse_args(argv)
    from bench import kiosk_driver

    kiosk_driver._setup_env()
    from kiosk.memory import tune_allocator

    tune_allocator()
    status = kiosk_driver.Status(args.out + ".status", count_objects=False)
    driver_args = kiosk_driver.parse_args(["--status", args.out + ".status", "--server", args.server,
                                           "--cache-dir", args.cache_dir, "--token", args.token or "",
                                           "--thumbnail-first-s", "3600"])
    app, size = kiosk_driver.build_kiosk(driver_args, status)
    from court_contract.text import LANGS
    from kiosk import testing

    testing.start_app(app, size=size, frames=2)
    testing.pump(seconds=3.0)  # the first sync, the hearings feed
    screens = {name: {"first": [], "return": [], "first_drawn": [], "return_drawn": [], "first_ready": [],
                      "return_ready": []} for name in VISITS}
    for session in range(args.sessions):
        app.show_attract()
        testing.pump(seconds=2.0)
        app.idle.touch()
        app.leave_attract()
        app.set_lang(LANGS[session % len(LANGS)])
        testing.pump(seconds=args.home_s)
        for kind in ("first", "return"):
            for name in VISITS:
                if name == "hearings" and app.hearings.feed is None:
                    continue
                built_before = name in app.screens and not getattr(app.screens[name], "stale", lambda: True)()
                build, drawn = timed_visit(app, name)
                screens[name][kind].append(build)
                screens[name][f"{kind}_drawn"].append(drawn)
                screens[name][f"{kind}_ready"].append(built_before)
                testing.pump(seconds=args.dwell_s)
                app.idle.touch()
                app.go_home()
                testing.pump(seconds=args.home_between_s)
    prebuilt = getattr(getattr(app, "services", None), "prebuilt", 0)
    testing.stop_app(app)
    screens = {name: visits for name, visits in screens.items() if visits["first"]}
    Path(args.out).write_text(json.dumps({"screens": screens, "sessions": args.sessions, "prebuilt": prebuilt}))
    return 0


if __name__ == "__main__":
    sys.exit(child())
