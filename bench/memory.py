"""Benchmark 5, memory: the kiosk's RSS after minutes of video looping and screen changes, and its trend.

The measured process is the real kiosk (bench/kiosk_driver.py in a child
process: the real KioskApp built by kiosk.cli with the real libVLC player,
the demo clips from a warm cache synced from a real `court-kiosk-server`,
which it keeps polling and sends heartbeats to; an offscreen window at
1080x1920). A visitor taps through every screen in every language every few
seconds and leaves it to the attract loop between rounds. The parent samples
the child's RSS (VmRSS), and PSS and USS (Private_Clean + Private_Dirty)
from /proc/PID/smaps_rollup, every 5 s.

Then, shorter and for comparison in the same run: the same walk without a
player (libVLC never loaded: the video's share), display mode (1920x1080,
video and ticker, languages rotating), a plain Kivy app with one label, and
the same app with the playlist playing under the label through the same
player (`--mode minimal-video`: what Kivy and libVLC cost before any kiosk UI).

The trend is a least-squares slope of RSS over the samples after a warm-up
(2 minutes, or a fifth of a shorter run), in MB per minute, and the same over
the second half of the run. The driver also reports glibc's malloc totals
(bytes in use, bytes held free) and Python's object count: they tell a leak
(in-use bytes or objects growing) from an allocator holding freed memory.
`COURT_KIOSK_BENCH_ALLOCATOR=default` runs the kiosk with glibc's malloc as it
comes instead of tuned as `court-kiosk` tunes it (kiosk/memory.py).
"""
import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from admin_server.testing import stop_process
from bench import common

REPO = Path(__file__).resolve().parent.parent
SAMPLE_S = 5.0
MB = 1024 * 1024


# --- /proc ------------------------------------------------------------------------------

def _kb_fields(path, wanted):
    values = {}
    try:
        with open(path) as f:
            for line in f:
                key, _, rest = line.partition(":")
                if key in wanted:
                    values[key] = int(rest.split()[0]) * 1024
    except OSError:
        pass
    return values


def memory(pid) -> dict:
    """RSS, its high-water mark, PSS and USS of `pid` in bytes (missing keys: not available)."""
    status = _kb_fields(f"/proc/{pid}/status", {"VmRSS", "VmHWM"})
    rollup = _kb_fields(f"/proc/{pid}/smaps_rollup", {"Pss", "Private_Clean", "Private_Dirty", "Pss_Anon"})
    out = {"rss": status.get("VmRSS"), "hwm": status.get("VmHWM"), "pss": rollup.get("Pss"),
           "pss_anon": rollup.get("Pss_Anon")}
    if "Private_Clean" in rollup and "Private_Dirty" in rollup:
        out["uss"] = rollup["Private_Clean"] + rollup["Private_Dirty"]
    return out


def cpu_seconds(pid) -> float:
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError):
        return 0.0


def slope(points):
    """Least-squares slope of (x, y) points and its standard error (None if under 3 points)."""
    n = len(points)
    if n < 3:
        return None, None
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    sxx = sum((x - mx) ** 2 for x, _ in points)
    if sxx == 0:
        return None, None
    b = sum((x - mx) * (y - my) for x, y in points) / sxx
    resid = sum((y - my - b * (x - mx)) ** 2 for x, y in points)
    return b, math.sqrt(resid / (n - 2) / sxx)


# --- the child ------------------------------------------------------------------------------

def read_status(path) -> dict:
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def child_env(work: Path) -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy", KIVY_NO_ARGS="1",
               KIVY_NO_CONSOLELOG="1", KIVY_NO_FILELOG="1", KIVY_HOME=str(work / "kivy-home"),
               XDG_CACHE_HOME=str(work / "xdg-cache"), PYTHONUNBUFFERED="1")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    if allocator() == "tuned":  # Python's allocator as court-kiosk sets it, for the kiosk and its baselines alike
        from kiosk.memory import python_allocator_env

        env = python_allocator_env(env) or env
    return env


@contextmanager
def started_driver(work: Path, name: str, seconds: float, driver_args=(), ready_timeout_s=120.0, label=None):
    """bench.kiosk_driver in a child process for `seconds` (status in `{name}-status.json`, its output in
    `{name}.log`), yielded once it reports its first frame; stopped on leaving (terminated, killed after 10 s).

    A driver that exits or is not ready within `ready_timeout_s` raises RuntimeError with its error and
    the end of its log; errors name it `label` (default `name`). The Driver yielded keeps the ready deadline
    for any further waits.
    """
    label = label or name
    status_path = work / f"{name}-status.json"
    log_path = work / f"{name}.log"
    status_path.unlink(missing_ok=True)  # an earlier run's status would read as ready at once
    cmd = [sys.executable, "-m", "bench.kiosk_driver", "--status", str(status_path), "--seconds", f"{seconds:g}",
           *driver_args]
    with open(log_path, "wb") as log:
        child = subprocess.Popen(cmd, cwd=REPO, env=child_env(work), stdout=log, stderr=subprocess.STDOUT)
    try:
        driver = Driver(child, status_path, log_path, time.monotonic() + ready_timeout_s)
        while not driver.status().get("ready"):
            if child.poll() is not None or time.monotonic() > driver.deadline:
                raise RuntimeError(f"the kiosk driver ({label}) did not start: {driver.status().get('error')}; "
                                   f"{driver.log_tail()}")
            time.sleep(0.05)
        yield driver
    finally:
        stop_process(child)


@dataclass
class Driver:
    """A started kiosk driver (see :func:`started_driver`)."""
    child: subprocess.Popen
    status_path: Path
    log_path: Path
    deadline: float  # time.monotonic() by which it had to be ready

    def status(self) -> dict:
        return read_status(self.status_path)

    def log_tail(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]


def run_driver(work: Path, name: str, seconds: float, driver_args=(), sample_s=SAMPLE_S, on_sample=None,
               ready_timeout_s=120.0) -> dict:
    """Start bench.kiosk_driver, sample its memory every `sample_s` from its first frame for `seconds`.

    Returns {"samples": [...], "status": final status, "cpu_s": child CPU seconds, "wall_s": ...}.
    Each sample: t (s since the first frame), rss/pss/uss/hwm (bytes), load (1-min load average), and
    the driver's counters at that moment.
    """
    samples = []
    # the child runs a few seconds past the last sample, so the last one is still the running kiosk
    with started_driver(work, name, seconds + 5, driver_args, ready_timeout_s) as driver:
        child = driver.child
        started = time.monotonic()
        cpu0 = cpu_seconds(child.pid)
        next_at = started
        while True:
            now = time.monotonic()
            if child.poll() is not None:
                raise RuntimeError(f"the kiosk driver ({name}) exited early ({child.returncode}): "
                                   f"{driver.log_tail()}")
            if now >= next_at:
                t = now - started
                sample = {"t": t, **memory(child.pid), "load": os.getloadavg()[0],
                          "cpu_s": cpu_seconds(child.pid) - cpu0}
                state = driver.status()
                for key in ("screen_changes", "lang_changes", "clip_starts", "playlist_loops", "video_frames",
                            "frames", "gc_objects", "malloc_in_use", "malloc_free", "screen", "lang"):
                    sample[key] = state.get(key)
                samples.append(sample)
                if on_sample is not None:
                    on_sample(sample)
                if t >= seconds:
                    break
                next_at = min(started + (math.floor(t / sample_s) + 1) * sample_s, started + seconds)
            time.sleep(max(0.0, min(0.5, next_at - time.monotonic())))
        cpu_s = cpu_seconds(child.pid) - cpu0
        child.wait(timeout=120)
        final = driver.status()
        if child.returncode != 0 or final.get("error"):
            raise RuntimeError(f"the kiosk driver ({name}) failed ({child.returncode}, {final.get('error')}): "
                               f"{driver.log_tail()}")
        return {"samples": samples, "status": final, "cpu_s": cpu_s, "wall_s": samples[-1]["t"], "log": driver.log_path}


# --- figures ----------------------------------------------------------------------------------

def at(samples, t):
    """The sample nearest to `t` seconds."""
    return min(samples, key=lambda s: abs(s["t"] - t))


def analyse(samples, key="rss", warmup_s=120.0) -> dict:
    vals = [s for s in samples if s.get(key) is not None]
    late = [(s["t"] / 60, s[key] / MB) for s in vals if s["t"] >= warmup_s]
    b, se = slope(late)
    half = vals[-1]["t"] / 2
    b2, se2 = slope([(s["t"] / 60, s[key] / MB) for s in vals if s["t"] >= half])
    first_late = at(vals, warmup_s)
    return {
        "start": vals[0][key] / MB, "1min": at(vals, 60)[key] / MB, "end": vals[-1][key] / MB,
        "peak": max(s[key] for s in vals) / MB, "slope": b, "slope_se": se, "warm": first_late[key] / MB,
        "growth": (vals[-1][key] - first_late[key]) / MB, "n": len(late),
        "half_s": half, "slope2": b2, "slope2_se": se2,
    }


def _fmt_trend(a, which="slope") -> str:
    if a[which] is None:
        return "too few samples"
    text = f"{a[which]:+.2f} MB/min (+-{a[which + '_se']:.2f})"
    return text + (f" over {a['n']} samples" if which == "slope" else "")


def save_csv(rows, path: Path):
    keys = ["phase", "t", "rss", "pss", "uss", "hwm", "pss_anon", "load", "cpu_s", "screen_changes",
            "lang_changes", "clip_starts", "playlist_loops", "video_frames", "frames", "gc_objects", "malloc_in_use", "malloc_free", "screen", "lang"]
    with open(path, "w", newline="") as f:
        writer = csv.DictWriter(f, keys, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)


def setup(work: Path):
    """The demo court on a real server, with a kiosk registered for heartbeats."""
    from admin_server.db import open_existing
    from admin_server.kiosks import create_kiosk

    data = common.demo_copy(work / "data")
    db = open_existing(data)
    with db.atomic():
        token = create_kiosk(db, "bench-memory", "Memory benchmark")
    db.conn.close()
    return common.serve(data), token


def warm_cache(url, cache_dir: Path) -> Path:
    from kiosk.cache import Cache
    from kiosk.sync import SyncClient

    client = SyncClient(url, Cache(cache_dir))
    if client.poll_once() != "updated":
        raise RuntimeError(f"could not warm the kiosk cache from {url}: {client.last_error}")
    return cache_dir


def allocator() -> str:
    """COURT_KIOSK_BENCH_ALLOCATOR=default measures glibc's malloc untuned (the kiosk before kiosk/memory.py)."""
    value = os.environ.get("COURT_KIOSK_BENCH_ALLOCATOR", "tuned")
    if value not in ("tuned", "default"):
        raise ValueError(f"COURT_KIOSK_BENCH_ALLOCATOR must be tuned or default, not {value!r}")
    return value


def kiosk_args(server, token, cache_dir, mode="kiosk"):
    return ["--server", server.url, "--cache-dir", str(cache_dir), f"--token={token}", "--kiosk-id", "bench-memory",
            "--mode", mode, "--allocator", allocator()]


def run(args) -> list[str]:
    minutes = float(getattr(args, "minutes", 10) or 10)
    seconds = minutes * 60
    warmup_s = min(120.0, seconds / 5)
    base_s = min(seconds, 120.0)  # the no-video walk, compared at the same moment
    display_s = min(seconds, 60.0)
    rows = []
    lines = []
    with common.workdir() as work:
        server, token = setup(work)
        try:
            # 1. the real kiosk: video loop + the visitor's walk
            cache = warm_cache(server.url, work / "cache-main")
            print(f"  kiosk with video: {minutes:g} min, a sample every {SAMPLE_S:g} s, malloc {allocator()}"
                  f" (COURT_KIOSK_BENCH_ALLOCATOR); load before:", common.load())
            last_print = {"m": -1}

            def progress(s):
                rows.append({"phase": "kiosk", **s})
                minute = int(s["t"] // 60)
                if minute != last_print["m"]:
                    last_print["m"] = minute
                    print(f"    {s['t'] / 60:4.1f} min  RSS {s['rss'] / MB:6.1f} MB  PSS {s['pss'] / MB:6.1f}  "
                          f"USS {s['uss'] / MB:6.1f}  screens {s['screen_changes']}  clips {s['clip_starts']}  "
                          f"objects {s['gc_objects']}  load {s['load']:.2f}", flush=True)

            main = run_driver(work, "kiosk", seconds, kiosk_args(server, token, cache), on_sample=progress)
            load_after = common.load()
            print("  load after:", load_after)
            # 2. the same walk without a player; 3. display mode; 4. a plain Kivy app
            novideo = run_driver(work, "novideo", base_s, kiosk_args(server, token, warm_cache(
                server.url, work / "cache-novideo")) + ["--no-video"])
            rows += [{"phase": "no-video", **s} for s in novideo["samples"]]
            display = run_driver(work, "display", display_s, kiosk_args(server, token, warm_cache(
                server.url, work / "cache-display"), mode="display"))
            rows += [{"phase": "display", **s} for s in display["samples"]]
            minimal = run_driver(work, "minimal", 10, ["--mode", "minimal", "--allocator", allocator()])
            rows += [{"phase": "minimal", **s} for s in minimal["samples"]]
            # 5. the floor of Kivy + libVLC: the plain app with the same playlist playing under its label
            floor = run_driver(work, "minimal-video", display_s, ["--mode", "minimal-video", "--cache-dir", str(cache),
                                                                   "--allocator", allocator()])
            rows += [{"phase": "minimal-video", **s} for s in floor["samples"]]
        finally:
            server.stop()

    csv_path = Path(tempfile.gettempdir()) / f"court-kiosk-bench-memory-{time.strftime('%Y%m%d-%H%M%S')}.csv"
    save_csv(rows, csv_path)

    samples, st = main["samples"], main["status"]
    rss, pss, uss = (analyse(samples, key, warmup_s) for key in ("rss", "pss", "uss"))
    loads = [s["load"] for s in samples]
    screens = sorted(set(st.get("screens_seen", [])))
    pairs = st.get("screen_langs_seen", [])
    print(f"  RSS: start {rss['start']:.1f} MB (first frame), 1 min {rss['1min']:.1f}, end {rss['end']:.1f}, "
          f"peak {rss['peak']:.1f} (VmHWM {samples[-1]['hwm'] / MB:.1f})")
    print(f"  RSS trend after {warmup_s / 60:g} min: {_fmt_trend(rss)}; {warmup_s / 60:g} min -> end "
          f"{rss['warm']:.1f} -> {rss['end']:.1f} MB ({rss['growth']:+.1f}); second half (from "
          f"{rss['half_s'] / 60:.1f} min): {_fmt_trend(rss, 'slope2')}")
    if samples[-1].get("malloc_in_use") is not None:
        mid = at(samples, warmup_s)
        print(f"  glibc malloc in use {samples[0]['malloc_in_use'] / MB:.0f} -> {mid['malloc_in_use'] / MB:.0f} -> "
              f"{samples[-1]['malloc_in_use'] / MB:.0f} MB, held free {samples[0]['malloc_free'] / MB:.0f} -> "
              f"{mid['malloc_free'] / MB:.0f} -> {samples[-1]['malloc_free'] / MB:.0f} MB (start, "
              f"{warmup_s / 60:g} min, end; the free part is not all resident)")
    print(f"  PSS: start {pss['start']:.1f}, end {pss['end']:.1f} MB, trend {_fmt_trend(pss)}")
    print(f"  USS: start {uss['start']:.1f}, end {uss['end']:.1f} MB, trend {_fmt_trend(uss)}")
    print(f"  Python objects (gc): {samples[0]['gc_objects']} at start, {at(samples, warmup_s)['gc_objects']} at "
          f"{warmup_s / 60:g} min, {samples[-1]['gc_objects']} at the end")
    print(f"  done: {st.get('screen_changes')} screen changes, {st.get('lang_changes')} language changes, "
          f"{st.get('taps')} taps ({len(st.get('missed_taps', []))} missed), {st.get('rounds')} rounds; "
          f"{st.get('clip_starts')} clip starts, {st.get('playlist_loops')} playlist loops, "
          f"{st.get('video_frames')} video frames shown, {st.get('frames')} frames drawn "
          f"({st.get('frames', 0) / max(1, st.get('elapsed_s', 1)):.0f}/s)")
    print(f"  screens seen: {', '.join(screens)}; {len(pairs)} screen/language pairs")
    if st.get("missed_taps"):
        print(f"  missed taps (first 5): {st['missed_taps'][:5]}")
    if st.get("player_errors"):
        print(f"  player errors: {st['player_errors']}")
    print(f"  kiosk CPU {100 * main['cpu_s'] / max(1.0, main['wall_s']):.0f}% of one core; "
          f"load average during the run {min(loads):.2f}-{max(loads):.2f} (mean {sum(loads) / len(loads):.2f})")

    nv = novideo["samples"]
    nv_end, with_at = nv[-1], at(samples, nv[-1]["t"])
    share = (with_at["rss"] - nv_end["rss"]) / MB
    print(f"  without video at {nv_end['t'] / 60:.1f} min ({nv_end['screen']}): RSS {nv_end['rss'] / MB:.1f} MB (with "
          f"video, same moment ({with_at['screen']}): {with_at['rss'] / MB:.1f}, the video's share {share:+.1f} MB); "
          f"peak {max(s['rss'] for s in nv) / MB:.1f} MB; {novideo['status'].get('screen_changes')} screen changes")
    dv = display["samples"]
    print(f"  display mode (1920x1080) at {dv[-1]['t'] / 60:.1f} min: RSS {dv[-1]['rss'] / MB:.1f} MB, "
          f"PSS {dv[-1]['pss'] / MB:.1f}; {display['status'].get('clip_starts')} clip starts, "
          f"{display['status'].get('lang_changes')} language changes")
    mv = minimal["samples"]
    print(f"  a plain Kivy app (one label, 1080x1920): RSS {mv[-1]['rss'] / MB:.1f} MB")
    fv = floor["samples"]
    print(f"  the same app with the playlist playing (Kivy + libVLC, no kiosk UI): RSS {fv[-1]['rss'] / MB:.1f} MB, "
          f"peak {max(s['rss'] for s in fv) / MB:.1f} MB; {floor['status'].get('video_frames')} video pictures shown")
    print(f"  samples: {csv_path}")

    lines.append(f"memory (kiosk, {minutes:g} min video + screen walk, malloc {allocator()}): RSS start {rss['start']:.0f} MB, 1 min "
                 f"{rss['1min']:.0f}, end {rss['end']:.0f}, peak {rss['peak']:.0f}; trend after "
                 f"{warmup_s / 60:g} min {_fmt_trend(rss)}, {warmup_s / 60:g} min->end {rss['growth']:+.1f} MB, "
                 f"second half {_fmt_trend(rss, 'slope2')}; "
                 f"PSS end {pss['end']:.0f} MB, USS end {uss['end']:.0f} MB")
    lines.append(f"memory: {st.get('screen_changes')} screen changes, {st.get('lang_changes')} language changes, "
                 f"{st.get('clip_starts')} clip starts, {st.get('playlist_loops')} playlist loops; load average "
                 f"{min(loads):.2f}-{max(loads):.2f}")
    lines.append(f"memory baselines: no video {nv_end['rss'] / MB:.0f} MB at {nv_end['t'] / 60:.1f} min "
                 f"(video's share {share:+.0f} MB); display mode {dv[-1]['rss'] / MB:.0f} MB; "
                 f"plain Kivy app {mv[-1]['rss'] / MB:.0f} MB, with the playlist playing {fv[-1]['rss'] / MB:.0f} MB")
    return lines
