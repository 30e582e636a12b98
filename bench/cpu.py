"""Benchmark 8, CPU: what the kiosk costs while nobody touches it, against a plain Kivy app playing the same video.

`python -m bench --only cpu` (`--rounds N`, default 3; `--window S`, default 20).

Each variant is the real kiosk or the baseline in a child process (bench/kiosk_driver.py, offscreen
Mesa llvmpipe window, the demo clips from a warm cache synced from a real `court-kiosk-server`,
which the kiosk keeps polling):

- **baseline**: `--mode minimal-video`, a plain Kivy app (one label) with the same playlist playing
  through the same player onto the same VideoSurface, 1080x1920; **baseline-landscape**: the same
  at 1920x1080, the display's window;
- **attract**: the kiosk in its attract loop, untouched;
- **display**: `--mode display` (1920x1080: video, hearings board, reception, ticker, clock, the
  language rotating every 20 s);
- **fees**: the kiosk with the fees screen opened (two taps) and then left alone (its idle warning
  comes after 90 s, well after the window); the demo court has an announcement, so the ticker moves;
  **fees-paused**: the same with the ticker paused by a tap first (nothing moves).

Each variant runs in a fresh process: started, given `--warmup` seconds (its first thumbnail for the
heartbeat is taken in them), then its CPU time (user + system, all threads: psutil if installed,
else /proc/PID/stat) is read over a window of `--window` seconds, and it is stopped. The variants
take turns, round after round, in an order that rotates each round, so the machine's noise falls on
all of them; the figure kept is each variant's median over the rounds. The CPU is in % of one core.

Video pictures: the player's pictures a VideoSurface uploaded in the window, and those it never
uploaded (`VideoSurface.frames_dropped`: the player's picture numbers jumped). Draws: frames Kivy
actually drew (its `on_flip`), per second.
"""
import os
import statistics
import time
from pathlib import Path

from bench import common, memory

VARIANTS = ("baseline", "attract", "display", "fees", "fees-paused", "baseline-landscape")
# targets: subject / baseline CPU, or % of one core
TARGETS = {"attract": ("baseline", 1.15), "display": ("baseline-landscape", 1.25), "fees": (None, 5.0),
           "fees-paused": (None, 5.0)}
STARVED = 22.0  # video pictures a second under which a window is marked starved (the clips are 25 fps)
SCREEN = {"attract": "attract", "display": "display", "fees": "fees", "fees-paused": "fees"}  # where the kiosk must stay in the window


def cpu_seconds(pid) -> float:
    """User + system CPU seconds of process ``pid`` (all its threads) so far."""
    try:
        import psutil
    except ImportError:
        return memory.cpu_seconds(pid)
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def thread_seconds(pid) -> dict:
    """CPU seconds of ``pid``'s threads by kind: the main (Kivy) thread, Mesa's llvmpipe threads (the
    drawing), and the rest (libVLC's decoding and picture threads, the sync and player threads)."""
    tick = os.sysconf("SC_CLK_TCK")
    groups = {"main": 0.0, "llvmpipe": 0.0, "other": 0.0}  # (threads that ended in the window are not counted)
    try:
        tids = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return groups
    for tid in tids:
        stat = common.proc_stat(f"/proc/{pid}/task/{tid}/stat")
        if stat is None:
            continue
        comm, fields = stat
        seconds = (int(fields[11]) + int(fields[12])) / tick
        kind = "main" if int(tid) == pid else "llvmpipe" if comm.startswith("llvmpipe") else "other"
        groups[kind] += seconds
    return groups


def driver_args(variant, server, token, cache) -> list[str]:
    light = ["--no-object-count", "--thumbnail-first-s", "1"]
    if variant == "baseline":
        return ["--mode", "minimal-video", "--cache-dir", str(cache), "--no-object-count"]
    if variant == "baseline-landscape":
        return ["--mode", "minimal-video", "--cache-dir", str(cache), "--size", "1920x1080", "--no-object-count"]
    if variant == "display":
        return memory.kiosk_args(server, token, cache, mode="display") + light
    return memory.kiosk_args(server, token, cache) + ["--scenario", variant] + light


def measure(work: Path, variant, args, warmup_s, window_s, ready_timeout_s=120.0) -> dict:
    """Start the driver, wait for its first frame and ``warmup_s``, then read its CPU over ``window_s``."""
    with memory.started_driver(work, f"cpu-{variant}", warmup_s + window_s + 30, args, ready_timeout_s,
                               label=variant) as driver:
        child, status = driver.child, driver.status
        want = SCREEN.get(variant)
        while want is not None and status().get("screen") != want:
            if child.poll() is not None or time.monotonic() > driver.deadline:
                raise RuntimeError(f"the kiosk driver ({variant}) never reached {want}: {status()}")
            time.sleep(0.05)
        time.sleep(warmup_s)
        threads0 = thread_seconds(child.pid)
        first, cpu0, t0 = status(), cpu_seconds(child.pid), time.monotonic()
        time.sleep(window_s)
        last, cpu1, t1 = status(), cpu_seconds(child.pid), time.monotonic()
        threads1 = thread_seconds(child.pid)
        if child.poll() is not None or last.get("error"):
            raise RuntimeError(f"the kiosk driver ({variant}) failed: {last.get('error')}; {driver.log_tail()}")
    wall = t1 - t0
    span = max(1e-3, last.get("elapsed_s", 0) - first.get("elapsed_s", 0))  # the driver's own clock
    result = {
        "variant": variant, "cpu_pct": 100 * (cpu1 - cpu0) / wall, "wall_s": wall,
        "threads_pct": {k: 100 * (threads1[k] - threads0[k]) / wall for k in threads1},
        "pictures": last.get("video_frames", 0) - first.get("video_frames", 0),
        "dropped": last.get("video_dropped", 0) - first.get("video_dropped", 0),
        "lost": last.get("video_lost", 0) - first.get("video_lost", 0),
        "decoded": last.get("video_decoded", 0) - first.get("video_decoded", 0),
        "draws_per_s": (last.get("draws", 0) - first.get("draws", 0)) / span,
        "solo_per_s": (last.get("solo_frames", 0) - first.get("solo_frames", 0)) / span,
        "whole_per_s": (last.get("whole_frames", 0) - first.get("whole_frames", 0)) / span,
        "pictures_per_s": (last.get("video_frames", 0) - first.get("video_frames", 0)) / span,
        "screens": sorted({first.get("screen"), last.get("screen")} - {None, ""}),
        "screen_changes": last.get("screen_changes", 0) - first.get("screen_changes", 0),
        "errors": last.get("player_errors") or [],
        "load": os.getloadavg()[0],
    }
    if want is not None and (result["screens"] != [want] or result["screen_changes"]):
        raise RuntimeError(f"{variant}: the kiosk left {want} during the window ({result['screens']}, "
                           f"{result['screen_changes']} screen changes)")
    return result


def median(results, key):
    return statistics.median(r[key] for r in results)


def describe(r) -> str:
    starved = "  STARVED (the machine could not keep up)" if r["pictures_per_s"] and r["pictures_per_s"] < STARVED else ""
    return (f"CPU {r['cpu_pct']:6.1f}%  video {r['pictures_per_s']:4.1f} pictures/s, dropped {r['dropped']} "
            f"(libVLC lost {r['lost']}), draws {r['draws_per_s']:4.1f}/s (painted alone {r['solo_per_s']:.1f}), "
            f"threads {' '.join(f'{k} {v:.0f}%' for k, v in r['threads_pct'].items())}, load {r['load']:.2f}{starved}")


def run(args) -> list[str]:
    rounds = max(1, int(getattr(args, "rounds", 3) or 3))
    window_s = float(getattr(args, "window", 20) or 20)
    warmup_s = float(getattr(args, "warmup", 5) or 5)
    variants = list(getattr(args, "variants", None) or VARIANTS)
    results = {v: [] for v in variants}
    with common.workdir() as work:
        server, token = memory.setup(work)
        try:
            cache = memory.warm_cache(server.url, work / "cache")
            print(f"  {rounds} rounds x {len(variants)} variants, {warmup_s:g} s warm-up + {window_s:g} s window each;"
                  f" load before: {common.load()}", flush=True)
            for rnd in range(rounds):
                order = variants[rnd % len(variants):] + variants[:rnd % len(variants)]
                for variant in order:
                    r = measure(work, variant, driver_args(variant, server, token, cache), warmup_s, window_s)
                    results[variant].append(r)
                    print(f"    round {rnd + 1} {variant:19s} {describe(r)}", flush=True)
        finally:
            server.stop()
    print(f"  load after: {common.load()}")
    return summarise(results, window_s)


def summarise(results, window_s) -> list[str]:
    """One line per variant: the median CPU, and against its baseline the median of the rounds'
    ratios (each round's subject over the same round's baseline, so they share that moment's noise)."""
    lines = []
    for variant, rs in results.items():
        if not rs:
            continue
        cpus = sorted(r["cpu_pct"] for r in rs)
        dropped = sum(r["dropped"] for r in rs)
        lost = sum(r["lost"] for r in rs)
        text = (f"cpu {variant}: median {median(rs, 'cpu_pct'):.1f}% of a core (range {cpus[0]:.1f}-{cpus[-1]:.1f}, "
                f"{len(rs)} windows of {window_s:g} s); draws {median(rs, 'draws_per_s'):.1f}/s "
                f"({median(rs, 'solo_per_s'):.1f} painted alone); video {median(rs, 'pictures_per_s'):.1f} "
                f"pictures/s, {dropped} dropped by the kiosk, {lost} lost by libVLC")
        target = TARGETS.get(variant)
        if target is not None:
            base, limit = target
            if base is None:
                value = median(rs, "cpu_pct")
                text += f"; target <= {limit:g}% of a core: {'met' if value <= limit else 'NOT met'}"
            elif results.get(base):
                ratios = [r["cpu_pct"] / b["cpu_pct"] for r, b in zip(rs, results[base]) if b["cpu_pct"] > 0]
                ratio = statistics.median(ratios)
                text += (f"; {ratio:.2f}x {base} (median of {len(ratios)} rounds' ratios, "
                         f"{min(ratios):.2f}-{max(ratios):.2f}; target <= {limit:g}x: "
                         f"{'met' if ratio <= limit else 'NOT met'}), showing {median(rs, 'pictures_per_s'):.1f} "
                         f"video pictures/s to its {median(results[base], 'pictures_per_s'):.1f}")
        starved = sum(1 for r in rs if r["pictures_per_s"] and r["pictures_per_s"] < STARVED)
        if starved:
            text += f"; {starved} window(s) starved (under {STARVED:g} pictures/s: the machine was saturated)"
        errors = sorted({e for r in rs for e in r["errors"]})
        if errors:
            text += f"; player errors: {errors}"
        lines.append(text)
        print("  " + text)
    loads = [r["load"] for rs in results.values() for r in rs]
    if loads:
        lines.append(f"cpu: load average during the windows {min(loads):.2f}-{max(loads):.2f} (a shared machine: "
                     f"medians of the rounds, still noisy)")
    return lines
