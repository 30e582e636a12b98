"""Benchmark 4, gap between clips: how long the last picture of one clip stays up before the next clip's first.

Two clips are made at run time with ffmpeg in a temporary folder, like the demo clips: 25 fps, 1280x720,
H.264 with a silent AAC track, `CLIP_S` seconds each; moving testsrc2 pictures under a band of black and
white blocks that spells the clip's number and the frame's number. Every picture is identified from its
RGBA pixels, whoever shows it. Each player loops the two clips until `--switches` switches between them
were seen; both run in the same process, one after the other, on the same clips:

  ours      kiosk.video.vlc_backend.VlcPlayer (real libVLC; the next clip prerolled in a second player)
  baseline  a plain vlc.MediaListPlayer in loop mode, given a media player with the very same memory
            callbacks (a vlc_slot.Slot: format, lock, unlock, display into the same buffers)

Two views of each switch, both "the time from the last new picture of clip A to the first new picture of
clip B" (a picture is new when its content -- clip, frame -- differs from the one before):
  display   when each picture became the one frame() returns, from the player's picture probe: the time
            of libVLC's display callback, or for a picture the player held back, the time it was due.
            A picture prerolled into the second player counts from the moment frame() began to return
            it (VlcPlayer.switched_at, read in on_clip_started; call_soon calls at once here).
  consumer  a thread that calls frame() every 1/30 s, as the kiosk's VideoSurface does on the Kivy clock.
            It sees the display view rounded up to its poll ticks: on a plain 25 fps stream it already
            sees 33 ms and 67 ms intervals, so "over 40 ms" is not its target; "over 73 ms" (one frame
            interval plus one poll tick) is its equivalent.
The target (the project's; results in BENCHMARKS.md, section 4): no picture held beyond one frame
interval, 40 ms at 25 fps, in the display view;
"over 45 ms" leaves 5 ms for timer jitter. Also shown: "after", the longest interval among clip B's
first four pictures (a hold merely moved past the switch, e.g. by libVLC's delay in resuming a paused
player, would show there), pictures lost at the switch (A's last, B's first, B's second), and the
intervals inside clips for reference. On a busy machine libVLC drops a late picture now and then,
whoever drives it. Timings are printed, never asserted.
"""
import ctypes
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import common

FPS = 25
CLIP_S = 2.0
SIZE = (1280, 720)
POLL_HZ = 30  # VideoSurface.fps: the Kivy clock pulls frame() this often
TARGET_S = 1 / FPS
JITTER_S = 0.005
CLIP_IDS = (1, 2)
AFTER = 3  # "after": the longest interval among clip B's first AFTER + 1 pictures


# --- clips ------------------------------------------------------------------
def make_clip(path, clip_id, seconds=CLIP_S, size=SIZE, audio=True):
    """An H.264 clip whose pictures carry their clip id and frame number as blocks in the top quarter."""
    if not 0 < clip_id < 256 or seconds * FPS > 256:
        raise ValueError("clip ids and frame numbers are 8-bit")
    w, h = size
    bits = f"16+219*mod(floor(if(lt(Y\\,1)\\,N\\,{clip_id})/pow(2\\,X))\\,2)"  # row 0: frame, row 1: clip
    graph = (f"testsrc2=s={w}x{h}:r={FPS}:d={seconds}[bg];"
             f"color=c=black:s=8x2:r={FPS}:d={seconds},format=yuv444p,geq=lum='{bits}':cb=128:cr=128,"
             f"scale={w}:{h // 4}:flags=neighbor[band];"
             f"[bg][band]overlay=0:0:shortest=1,format=yuv420p[v]")
    cmd = ["ffmpeg", "-loglevel", "error", "-y", "-filter_complex", graph]
    if audio:
        cmd += ["-f", "lavfi", "-t", str(seconds), "-i", "anullsrc=r=48000:cl=stereo"]
    cmd += ["-map", "[v]", "-c:v", "libx264", "-preset", "veryfast", "-crf", "20", "-g", str(2 * FPS)]
    if audio:
        cmd += ["-map", "0:a", "-c:a", "aac", "-b:a", "32k"]  # input 0 is anullsrc (the graph has no input)
    cmd += ["-t", str(seconds), "-movflags", "+faststart", str(path)]
    subprocess.run(cmd, check=True, timeout=120)
    return Path(path)


def identify(pixel, w, h):
    """(frame number, clip id) from the block band; ``pixel(x, y)`` gives the red byte at (x, y)."""
    def row(y):
        value = 0
        for bit in range(8):
            if pixel(int((bit + 0.5) * w / 8), y) > 128:
                value |= 1 << bit
        return value

    return row(h // 16), row(3 * h // 16)


def identify_frame(frame):
    """(clip id, frame number) of a kiosk.video Frame."""
    data, w = frame.data, frame.width
    frame_no, clip = identify(lambda x, y: data[(y * w + x) * 4], w, frame.height)
    return clip, frame_no


# --- recording --------------------------------------------------------------
@dataclass
class Run:
    """What one player showed: probed pictures, switch moments and the consumer's pictures."""
    name: str
    pictures: list = field(default_factory=list)  # (t, slot name, slot token, clip, frame)
    shows: list = field(default_factory=list)  # (t, slot name, slot token): the player switched to that slot
    polled: list = field(default_factory=list)  # (t, clip, frame): new content seen by the consumer
    key_changes: int = 0  # frame() keys that changed (what the UI would upload)
    polls: int = 0
    late_polls: int = 0  # poll ticks that started more than one tick late
    unreadable: int = 0
    errors: list = field(default_factory=list)

    def probe(self, slot, address, when):
        """VlcPlayer.picture_probe: runs with the slot's lock held, so it reads the pixels directly."""
        w, h = slot.width, slot.height
        frame_no, clip = identify(lambda x, y: ctypes.string_at(address + (y * w + x) * 4, 1)[0], w, h)
        self.pictures.append((when, slot.name, slot.token, clip, frame_no))


class _Consumer(threading.Thread):
    """Pulls frame() on a 1/POLL_HZ clock (as Kivy's Clock.schedule_interval would) until `switches`."""

    def __init__(self, run, frame, switches):
        super().__init__(daemon=True)
        self.run_, self.frame, self.left = run, frame, switches
        self.done_at = None  # when the last switch wanted was seen
        self.stop = threading.Event()

    def run(self):
        run, period = self.run_, 1 / POLL_HZ
        next_at = time.monotonic()
        last_key = last_content = None
        while not self.stop.is_set():
            now = time.monotonic()
            if now < next_at:
                time.sleep(next_at - now)
            elif now - next_at > period:
                run.late_polls += 1
                next_at = now
            next_at += period
            picture = self.frame()
            run.polls += 1
            if picture is None or picture.key == last_key:
                continue
            t = time.monotonic()
            last_key = picture.key
            run.key_changes += 1
            content = identify_frame(picture)
            if content[0] not in CLIP_IDS:
                run.unreadable += 1
            elif content != last_content:
                if last_content is not None and content[0] != last_content[0]:
                    self.left -= 1
                    if self.left == 0:
                        self.done_at = t
                run.polled.append((t, *content))
                last_content = content


def _watch(run, frame, switches, timeout_s):
    """Run the consumer until it has seen `switches` switches, and 0.3 s more (B's next pictures)."""
    consumer = _Consumer(run, frame, switches)
    consumer.start()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and not (consumer.done_at and time.monotonic() - consumer.done_at > 0.3):
        time.sleep(0.05)
    consumer.stop.set()
    consumer.join(5)


def _timeout(switches, clip_s):
    return 20 + 3 * (switches + 2) * clip_s


def measure_ours(paths, switches, clip_s=CLIP_S, timeout_s=None):
    from kiosk.video import vlc_backend

    run = Run("VlcPlayer")
    player = vlc_backend.VlcPlayer(frame_timeout_s=5.0)
    player.picture_probe = run.probe

    def started(_index, _path):  # on the control thread, right after the switch (call_soon: at once)
        slot = player._show
        if slot is not None:  # frame() may have returned it a little earlier, from when it was due
            run.shows.append((player.switched_at, slot.name, slot.token))

    player.on_clip_started = started
    try:
        player.load([str(p) for p in paths])
        player.play()
        _watch(run, player.frame, switches, timeout_s or _timeout(switches, clip_s))
        run.errors = list(player.errors)
    finally:
        player.close()
    return run


class _Host:
    """What a vlc_slot.Slot needs of its player, for the baseline (the slot's events are ignored)."""

    _queueing = False  # (nobody takes pictures with next_frame here)

    def __init__(self, probe):
        self.picture_probe = probe
        self.clock = time.monotonic

    def _post(self, item):
        pass

    def _picture_ready(self):
        pass

    def _count_clip(self, slot):
        slot.state = "idle"


def measure_baseline(paths, switches, clip_s=CLIP_S, timeout_s=None):
    import vlc

    from kiosk.video.vlc_instance import new_instance
    from kiosk.video.vlc_slot import Slot

    run = Run("MediaListPlayer")
    instance = new_instance()
    slot = Slot(_Host(run.probe), "mlp", instance, (1920, 1080))
    media_list = instance.media_list_new([str(p) for p in paths])
    # (libVLC makes the list player's own media player first: it may log that PulseAudio is not there)
    mlp = instance.media_list_player_new()
    mlp.set_media_player(slot.mp)  # ours, so --aout=dummy and the memory callbacks hold
    mlp.set_media_list(media_list)
    mlp.set_playback_mode(vlc.PlaybackMode.loop)
    run.shows.append((0.0, slot.name, slot.token))  # one media player, always on screen
    try:
        mlp.play()
        _watch(run, slot.snapshot, switches, timeout_s or _timeout(switches, clip_s))
    finally:
        mlp.stop()
        slot.close()
        mlp.release()
        media_list.release()
        instance.release()
    return run


# --- analysis ---------------------------------------------------------------
def display_timeline(run):
    """(t, clip, frame) of every new picture, at the moment frame() started returning it."""
    events = sorted([(t, 1, name, token, None, None) for t, name, token in run.shows]
                    + [(t, 0, name, token, clip, frame_no) for t, name, token, clip, frame_no in run.pictures])
    shown, waiting, out = None, {}, []
    for t, is_show, name, token, clip, frame_no in events:
        key = (name, token)
        if is_show:
            shown = key
            if key in waiting:
                out.append((t, *waiting.pop(key)))
        elif key == shown:
            out.append((t, clip, frame_no))
        elif clip in CLIP_IDS:
            waiting[key] = (clip, frame_no)  # in a slot not on screen yet
    return [p for i, p in enumerate(out) if p[1] in CLIP_IDS and (i == 0 or p[1:] != out[i - 1][1:])]


def switches(timeline, limit=None):
    """One dict per switch between clips (its interval, the longest interval among B's first pictures,
    the pictures on either side), and the intervals inside clips."""
    found, steady = [], []
    for i in range(1, len(timeline)):
        (t0, c0, f0), (t1, c1, f1) = timeline[i - 1], timeline[i]
        if c0 == c1:
            if i >= 2 and timeline[i - 2][1] == c0:
                steady.append(t1 - t0)
            continue
        following = []  # B's next pictures, up to AFTER of them
        for t, c, f in timeline[i + 1:i + 1 + AFTER]:
            if c != c1:
                break
            following.append((t, f))
        times = [t1] + [t for t, _f in following]
        found.append({"at": t1, "gap": t1 - t0, "from": (c0, f0), "to": (c1, f1),
                      "after": max(b - a for a, b in zip(times, times[1:])) if following else None,
                      "second": following[0][1] if following else None})
    return found[:limit], steady


def analyse(run, n, last_frame):
    views = {}
    for view, timeline in (("display", display_timeline(run)), ("consumer", run.polled)):
        found, steady = switches(timeline, n)
        gaps = [s["gap"] for s in found]
        afters = [s["after"] for s in found if s["after"] is not None]
        views[view] = {
            "n": len(found), "gaps": gaps, "afters": afters, "steady": steady,
            "over": sum(g > TARGET_S + 0.0005 for g in gaps),
            "over_jitter": sum(g > TARGET_S + JITTER_S for g in gaps),
            "over_poll": sum(g > TARGET_S + 1 / POLL_HZ + 0.0005 for g in gaps),
            "after_over": sum(a > TARGET_S + 0.0005 for a in afters),
            "steady_over": sum(s > TARGET_S + 0.0005 for s in steady),
            "lost_end": sum(s["from"][1] != last_frame for s in found),
            "lost_start": sum(s["to"][1] != 0 for s in found),
            "lost_second": sum(s["second"] is not None and s["second"] != s["to"][1] + 1 for s in found),
        }
    return views


def _ms(values):
    if not values:
        return "no values"
    return (f"p50 {1000 * common.pct(values, 50):.0f} ms  p95 {1000 * common.pct(values, 95):.0f} ms"
            f"  max {1000 * max(values):.0f} ms")


def _print_run(run, views):
    print(f"  {run.name}: {len(run.pictures)} pictures probed, {run.polls} polls ({run.late_polls} late),"
          f" {run.key_changes} new frame keys, {run.unreadable} unreadable"
          + (f", errors: {run.errors}" if run.errors else ""))
    for view in ("display", "consumer"):
        v = views[view]
        extra = (f"over 73 ms: {v['over_poll']}/{v['n']}" if view == "consumer"
                 else f"over 45 ms: {v['over_jitter']}/{v['n']}")
        print(f"    {view:8} switch  {_ms(v['gaps'])}  over 40 ms: {v['over']}/{v['n']}  {extra}")
        print(f"    {'':8} after   {_ms(v['afters'])}  over 40 ms: {v['after_over']}/{len(v['afters'])}")
        print(f"    {'':8} inside  {_ms(v['steady'])}  over 40 ms: {v['steady_over']}/{len(v['steady'])}")
        print(f"    {'':8} switches that lost A's last picture: {v['lost_end']}, B's first: {v['lost_start']},"
              f" B's second: {v['lost_second']}")
        print(f"    {'':8} each switch (ms): " + ", ".join(f"{1000 * g:.0f}" for g in v["gaps"]))


def run(args) -> list[str]:
    if shutil.which("ffmpeg") is None:
        print("  ffmpeg is not installed: skipped")
        return ["clip_gap: not run (no ffmpeg)"]
    try:
        import vlc  # noqa: F401
    except (ImportError, OSError) as exc:
        print(f"  python-vlc / libVLC not available ({exc}): skipped")
        return ["clip_gap: not run (no libVLC)"]
    n = args.switches
    results = {}
    with tempfile.TemporaryDirectory(prefix="court-kiosk-bench-clips-") as tmp:
        started = time.monotonic()
        paths = [make_clip(Path(tmp) / f"clip{c}.mp4", c) for c in CLIP_IDS]
        print(f"  clips: {len(paths)} x {CLIP_S:g} s, {SIZE[0]}x{SIZE[1]}, {FPS} fps, H.264 + silent AAC"
              f" (made in {time.monotonic() - started:.1f} s); {n} switches each; consumer polls at {POLL_HZ} Hz")
        for name, measure in (("ours", measure_ours), ("baseline", measure_baseline)):
            print(f"  load before {name}: {common.load()}")
            r = measure(paths, n)
            results[name] = analyse(r, n, last_frame=int(CLIP_S * FPS) - 1)
            _print_run(r, results[name])
    lines = []
    for view in ("display", "consumer"):
        o, b = results["ours"][view], results["baseline"][view]
        if o["gaps"] and b["gaps"]:
            over = "over 40 ms" + (f" ({o['over_jitter']} over 45 ms)" if view == "display" else "")
            line = (f"clip_gap {view} view, {o['n']}/{b['n']} switches: VlcPlayer {_ms(o['gaps'])},"
                    f" {o['over']} {over}; MediaListPlayer {_ms(b['gaps'])}, {b['over']} over 40 ms;"
                    f" ours/baseline p50 {common.pct(o['gaps'], 50) / common.pct(b['gaps'], 50):.2f}x"
                    f" p95 {common.pct(o['gaps'], 95) / common.pct(b['gaps'], 95):.2f}x")
        else:
            line = f"clip_gap {view} view: not enough switches seen (ours {o['n']}, baseline {b['n']})"
        print("  " + line)
        lines.append(line)
    return lines
