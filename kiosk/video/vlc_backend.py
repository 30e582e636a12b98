"""libVLC backend: decodes into memory, the UI uploads frames into a texture.

The only module of the project that imports ``vlc``.

Two libVLC media players ("slots") take turns: while one is on screen, the
next clip is opened in the other and paused on its first picture. Near the
end of the clip on screen (known from its length, frame rate and the pictures
counted so far) the next clip is resumed, early enough to cover libVLC's
resume delay (40-200 ms, learnt as it goes), but its pictures are held back:
its first picture goes on screen one frame interval after the last picture
of the clip that ends, and the ones that follow keep its pace. Where the end
cannot be foreseen (unknown length, dropped pictures) libVLC's end event
starts the same switch a little later. (A single MediaListPlayer holds 1-3
frames at every switch.) A clip that reports an error, ends without a
picture, or gives no picture for ``frame_timeout_s`` is skipped and reported
through ``on_error``.

Each slot decodes into a small ring of buffers: libVLC writes a picture into
one buffer ahead of its display time, and the display callback makes that
buffer the slot's picture, so :meth:`VlcPlayer.frame` returns exactly the
picture libVLC has displayed. A picture equal to the one before (libVLC
redisplays a paused or stalled picture) is not a new picture.

Threads: libVLC calls the picture callbacks on its own threads; they only
touch the slot's buffers (under a lock) and post to a queue. Every libVLC
control call (play, pause, stop) runs on this player's own control thread,
so the Kivy thread never waits for libVLC. The Kivy side only calls
:meth:`VlcPlayer.frame`, which copies the newest picture.
"""

import ctypes
import logging
import os
import queue
import threading
import time
from collections import deque

import vlc

from kiosk.video.base import Frame, Player

log = logging.getLogger(__name__)

# One decoding thread per clip: by default ffmpeg starts a frame thread per core, plus one, each
# with its own pictures -- ~50 MB more with the two clips the player keeps open, on two cores
# (more on more). One thread decodes 1080p H.264 at ~11x real time here (BENCHMARKS.md, memory).
DEFAULT_ARGS = ("--aout=dummy", "--no-video-title-show", "--quiet", "--no-xlib", "--no-osd", "--avcodec-threads=1")
BUFFERS = 3  # per slot: on show, being written, and one more (the newest, held back at a switch)
UNSEEN = BUFFERS - 1  # pictures kept for a viewer that is behind (next_frame); one buffer stays free for libVLC
DEFAULT_FPS = 25.0
PACE = 0.8  # held-back pictures are shown at least PACE frame intervals apart
NEAR_END_S = 0.5  # the last pictures of a clip (by its length) are reported to the control thread
RESUME_GUESS_S = 0.06  # libVLC's delay from resume to the next picture, until measured
LATE_PICTURE_S = 0.25  # after a clip's end event, how long a last picture of it may still come

# libvlc_video_format_cb with a writable chroma (python-vlc declares it as
# c_char_p, which hands Python a copy we could not write into).
_FormatCb = ctypes.CFUNCTYPE(
    ctypes.c_uint,
    ctypes.POINTER(ctypes.c_void_p),
    ctypes.POINTER(ctypes.c_char),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
)
_CleanupCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_set_format_callbacks = None
_memcmp = ctypes.CDLL(None).memcmp
_memcmp.argtypes = (ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)
_memcmp.restype = ctypes.c_int


def _format_setter():
    global _set_format_callbacks
    if _set_format_callbacks is None:
        proto = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _FormatCb, _CleanupCb)
        _set_format_callbacks = proto(("libvlc_video_set_format_callbacks", vlc.dll))
    return _set_format_callbacks


class _Slot:
    """One libVLC media player with its own ring of picture buffers.

    ``gate`` decides what a new picture does: ``"free"`` -- it is shown (at
    once, or when it is due); ``"first"`` -- only the clip's first picture is
    shown (prerolling: the slot is being paused on it); ``"hold"`` -- it waits
    in ``pending`` until the player releases the slot at a switch.
    """

    def __init__(self, player, name, instance, max_size):
        self.player = player
        self.name = name
        self.max_w, self.max_h = max_size
        self.mp = instance.media_player_new()
        self.lock = threading.Lock()
        self.buffers = []  # (ctypes buffer, 32-byte aligned address)
        self.width = self.height = 0
        self.aspect = 16 / 9
        self.frame_s = 1 / DEFAULT_FPS
        self.frames = 0  # pictures in the clip, from its length and frame rate (0: unknown)
        self._reset_pictures()
        self.token = 0
        self.state = "idle"  # idle | starting | preroll | ready | cued | playing | paused | ended
        self.ended_early = False
        self.needs_resume = False
        self.index = None
        self.path = None
        self.opened_at = 0.0
        self.last_frame_at = 0.0
        # ctypes callbacks must outlive the player: keep them on the slot.
        self._callbacks = (
            _FormatCb(self._format),
            _CleanupCb(self._cleanup),
            vlc.CallbackDecorators.VideoLockCb(self._lock),
            vlc.CallbackDecorators.VideoUnlockCb(self._unlock),
            vlc.CallbackDecorators.VideoDisplayCb(self._display),
        )
        fmt, cleanup, lock, unlock, display = self._callbacks
        self.mp.video_set_callbacks(lock, unlock, display, None)
        _format_setter()(self.mp, fmt, cleanup)
        events = self.mp.event_manager()
        events.event_attach(vlc.EventType.MediaPlayerEndReached, self._on_event, "end")
        events.event_attach(vlc.EventType.MediaPlayerEncounteredError, self._on_event, "error")

    def _reset_pictures(self):
        """No picture yet (under the lock, or before libVLC can call back)."""
        self.front = None  # buffer frame() returns
        self.serial = 0  # pictures shown so far (part of the frame key)
        self._last = None  # the Frame last returned, handed out again while its picture is on show
        self.newest = None  # buffer of the newest new picture (what the next one is compared with)
        self.newest_at = 0.0
        self.picture_no = -1  # number of the newest new picture in the clip (0 = first)
        self.pending = deque()  # (buffer, display time): held back or not yet due
        self.unseen = deque()  # (buffer, serial) shown but not yet taken by next_frame(), oldest first
        self._taken = None  # the Frame next_frame() last returned
        self.displayed = 0  # display callbacks since the clip was opened
        self.gate = "free"
        self.release_at = 0.0  # a held-back picture is shown no earlier than this
        self.resumed_at = 0.0  # when a paused clip was resumed, until its next new picture
        self.resume_delay = None  # how long that took

    # --- libVLC threads ---------------------------------------------------
    def _format(self, opaque, chroma, width, height, pitches, lines):
        w, h = width[0], height[0]
        if not w or not h:
            return 0
        scale = min(1.0, self.max_w / w, self.max_h / h)
        if scale < 1.0:
            w, h = max(2, int(w * scale) & ~1), max(2, int(h * scale) & ~1)
        ctypes.memmove(chroma, b"RGBA", 4)
        width[0], height[0] = w, h
        pitches[0], lines[0] = w * 4, h
        with self.lock:
            if (w, h) != (self.width, self.height) or not self.buffers:
                self.front = self.newest = None
                self.pending.clear()
                self.buffers = []
                for _ in range(BUFFERS):
                    raw = ctypes.create_string_buffer(w * h * 4 + 32)
                    address = ctypes.addressof(raw)
                    self.buffers.append((raw, address + (-address) % 32))
                self.width, self.height = w, h
        return 1

    def _cleanup(self, opaque):
        return None

    def _lock(self, opaque, planes):
        with self.lock:
            busy = {self.front, self.newest}.union(index for index, _t in self.pending)
            busy.update(index for index, _serial in self.unseen)
            index = next((i for i in range(len(self.buffers)) if i not in busy), None)
            if index is None and len(self.unseen) > 1:  # the viewer is behind: its oldest picture goes
                index = self.unseen.popleft()[0]
            if index is None:  # too many held back: drop the oldest
                index = self.pending.popleft()[0]
            planes[0] = self.buffers[index][1]
        return index + 1  # the picture's id for display (never NULL)

    def _unlock(self, opaque, picture, planes):
        return None

    def _display(self, opaque, picture):
        now = self.player.clock()
        self.last_frame_at = now
        tick = None
        with self.lock:
            index = (picture or 0) - 1
            if not 0 <= index < len(self.buffers):
                return
            self.displayed += 1
            first = self.displayed == 1
            if self.newest is not None and _memcmp(
                    self.buffers[index][1], self.buffers[self.newest][1], self.width * self.height * 4) == 0:
                # the same picture again: a still clip, or libVLC redisplaying a paused or stalled
                # picture. Shown again while playing (as before), never held back or counted; not
                # while paused (~12 a second: the viewer would upload and draw the same pixels).
                if self.gate == "free" and not self.pending and now >= self.release_at and self.state != "paused":
                    self._show(index, now)
                return
            self.newest, self.newest_at = index, now
            self.picture_no += 1
            if self.resumed_at:
                self.resume_delay, self.resumed_at = now - self.resumed_at, 0.0
            if self.gate == "first":
                if first:
                    self._show(index, now)
                # else: prerolling, the first picture stays on show
            elif self.gate == "free" and not self.pending and now >= self.release_at:
                self._show(index, now)
            else:
                self.pending.append((index, now))
                self._release_due(now)
            if self.frames and (self.frames - 1 - self.picture_no) * self.frame_s <= NEAR_END_S:
                tick = ("tick", self, self.token, self.picture_no, now)
        if first:
            self.player._post(("first", self, self.token))
        if tick is not None:
            self.player._post(tick)

    def _show(self, index, when):
        """Make buffer ``index`` the slot's picture (under the lock)."""
        self.front = index
        self.serial += 1
        if self.player._queueing:
            self.unseen.append((index, self.serial))
            while len(self.unseen) > UNSEEN:
                self.unseen.popleft()
        probe = self.player.picture_probe
        if probe is not None:
            probe(self, self.buffers[index][1], when)
        self.player._picture_ready()

    def _release_due(self, now):
        """Show the held-back pictures that are due (under the lock)."""
        while self.pending and self.gate == "free":
            index, displayed_at = self.pending[0]
            due = max(displayed_at, self.release_at)
            if due > now:
                return
            self.pending.popleft()
            self._show(index, due)
            self.release_at = due + PACE * self.frame_s  # the next held-back one keeps the pace

    def _on_event(self, event, kind):
        self.player._post((kind, self, self.token))

    # --- Kivy thread ------------------------------------------------------
    def snapshot(self):
        with self.lock:
            self._release_due(self.player.clock())
            if self.front is None:
                return None
            key = (self.name, self.token, self.serial)
            if self._last is not None and self._last.key == key:
                return self._last  # the same picture: no 3.7 MB copy at every pull of the surface
            data = ctypes.string_at(self.buffers[self.front][1], self.width * self.height * 4)
            self._last = Frame(key, self.width, self.height, data, self.aspect, clip=key[:2], number=self.serial)
            return self._last

    def take(self):
        """The oldest picture shown but not yet taken (for a viewer that was behind: each in turn),
        else the one on show (the same Frame again while it stays)."""
        with self.lock:
            self._release_due(self.player.clock())
            if self.unseen:
                index, serial = self.unseen.popleft()
            elif self.front is None:
                return None
            else:
                index, serial = self.front, self.serial
            key = (self.name, self.token, serial)
            if self._taken is not None and self._taken.key == key:
                return self._taken
            data = ctypes.string_at(self.buffers[index][1], self.width * self.height * 4)
            self._taken = Frame(key, self.width, self.height, data, self.aspect, clip=key[:2], number=serial)
            return self._taken

    def behind(self):
        with self.lock:
            return bool(self.unseen)

    def next_due(self):
        """When the first held-back picture is due (player clock), or None."""
        with self.lock:
            if not self.pending or self.gate != "free":
                return None
            return max(self.pending[0][1], self.release_at)

    def stats(self):
        """libVLC's counts for the clip open in this slot: pictures decoded, displayed, lost (late)."""
        media = self.mp.get_media() if self.mp is not None else None
        if media is None:
            return (0, 0, 0)
        try:
            raw = vlc.MediaStats()
            if not media.get_stats(raw):
                return (0, 0, 0)
            return (raw.decoded_video, raw.displayed_pictures, raw.lost_pictures)
        finally:
            media.release()

    # --- control thread ---------------------------------------------------
    def newest_picture_at(self):
        with self.lock:
            return self.newest_at

    def hold(self):
        """From now on new pictures wait for :meth:`release`."""
        with self.lock:
            self.gate = "hold"
            if self.newest is not None and self.newest != self.front:
                # libVLC showed a second picture before the pause took: it comes next
                self.pending.append((self.newest, self.newest_at))

    def resume(self, now):
        """Resume the clip paused on its first picture (and time how long libVLC takes)."""
        with self.lock:
            self.resumed_at, self.resume_delay = now, None
        self.mp.set_pause(0)

    def release(self, at):
        """Show held-back pictures from ``at`` on, at the clip's pace."""
        with self.lock:
            self.gate = "free"
            self.release_at = at
            self._release_due(self.player.clock())

    def open(self, instance, index, path, state, now):
        self.stop()
        self.token += 1
        with self.lock:
            self._reset_pictures()
            self.gate = "first" if state == "preroll" else "free"
        self.frames = 0
        self.ended_early = self.needs_resume = False
        self.index, self.path = index, path
        media = instance.media_new_path(path)
        self.mp.set_media(media)
        media.release()  # the player keeps its own reference; python-vlc never drops ours (~2 KB per clip)
        self.state = state
        self.opened_at = now
        self.last_frame_at = now
        return self.mp.play() == 0

    def stop(self):
        if self.state != "idle":
            self.player._count_clip(self)
            self.mp.stop()
        self.token += 1
        with self.lock:
            self._reset_pictures()

    def close(self):
        self.stop()
        self.mp.release()
        self.mp = None


class _Cue:
    """A switch under way: ``slot`` was resumed to follow ``old``; it goes on show at ``at``."""

    def __init__(self, slot, old, at, latest, now):
        self.slot, self.old, self.at, self.latest = slot, old, at, latest
        self.made_at = now

    def due(self):
        """When the switch is due (None: not known yet): ``at``, or one frame after a picture of the
        old clip that came before ``at`` and later than planned. Any thread may ask."""
        at = self.at
        if at is None:
            return None
        newest = self.old.newest_at
        return max(at, newest + self.old.frame_s) if newest < at else at


class VlcPlayer(Player):
    """A looping playlist through libVLC (see the module docstring).

    ``frame_timeout_s``: how long a clip may take to show its first picture,
    or keep the same picture while playing, before it is skipped.
    ``max_size``: larger videos are scaled down to fit (saves copying).
    ``picture_probe``: if set, ``picture_probe(slot, address, when)`` is called
    (on a libVLC thread or in :meth:`frame`, with the slot's lock held) each time
    a slot's picture changes: ``address`` of its RGBA pixels, ``when`` it was
    displayed or, if it was held back, due. For measurements (bench/clip_gap.py).
    """

    picture_probe = None

    def __init__(self, call_soon=None, *, frame_timeout_s=5.0, max_size=(1920, 1080), args=DEFAULT_ARGS,
                 clock=time.monotonic):
        super().__init__(call_soon)
        self.frame_timeout_s = frame_timeout_s
        self.max_size = max_size
        self.args = list(args)
        self.clock = clock
        self._queue = queue.Queue()
        self._instance = None
        self._slots = []
        self._show = None
        self._playing = False
        self._paused = False
        self._switch_pending = False
        self._cue = None  # a switch under way (_Cue)
        self._resume_at = None  # when to resume the next clip, foreseen from the end of this one
        self._planned = None  # (clip on show, next slot, switch time, whether its last picture is known)
        self.resume_delay_s = RESUME_GUESS_S  # libVLC's resume delay, learnt
        self.switched_at = 0.0  # when frame() began to return the clip on show (read by bench/clip_gap.py)
        self._stalled = False
        self._queueing = False  # a viewer takes pictures with next_frame(): keep the ones it has not taken
        self._stats_lock = threading.Lock()
        self._stats_done = (0, 0, 0)  # libVLC's counts of the clips stopped so far
        self._thread = threading.Thread(target=self._run, name="kiosk-video", daemon=True)
        self._thread.start()

    # --- interface (any thread) -------------------------------------------
    def load(self, paths):
        self._paused = False
        self._post(("load", [str(p) for p in paths]))

    def play(self, index=0):
        self._playing = True
        self._paused = False
        self._post(("play", index))

    def stop(self):
        self._playing = False
        self._paused = False
        self._post(("stop",))

    def pause(self):
        if self._playing:
            self._paused = True
            self._post(("pause",))

    def resume(self):
        if self._paused:
            self._paused = False
            self._post(("resume",))

    @property
    def paused(self):
        return self._paused

    def close(self):
        self._playing = False
        if self._thread.is_alive():
            self._post(("close",))
            self._thread.join(10)

    def frame(self):
        slot = self._show
        cue = self._cue
        if cue is not None:
            due = cue.due()
            if due is not None and self.clock() >= due:
                slot = cue.slot  # the switch is due: it shows now, the control thread catches up
        return slot.snapshot() if slot is not None else None

    def next_frame(self):
        """Every picture in turn: the oldest one shown that this has not returned yet (a viewer that was
        held up for a frame or two catches up instead of missing pictures), else the one on show.
        At a switch the clip that ends is finished first. Use it or :meth:`frame`, not both."""
        self._queueing = True
        slot = self._show
        cue = self._cue
        if cue is not None and (slot is None or not slot.behind()):
            due = cue.due()
            if due is not None and self.clock() >= due:
                slot = cue.slot
        return slot.take() if slot is not None else None

    def next_picture_in(self):
        slot = self._show
        if slot is not None and slot.behind():
            return 0.0  # the viewer is behind: at once
        times = []
        cue = self._cue
        if cue is not None:
            due = cue.due()
            if due is not None:
                times.append(due)
        slot = self._show
        if slot is not None:
            due = slot.next_due()
            if due is not None:
                times.append(due)
        return max(0.0, min(times) - self.clock()) if times else None

    def picture_stats(self):
        """libVLC's counts since the player started, for measurements: ``{"decoded", "displayed",
        "lost"}`` (lost: pictures libVLC dropped as too late). Clips still open count so far."""
        with self._stats_lock:
            totals = list(self._stats_done)
            for slot in list(self._slots):
                if slot.state != "idle" and slot.mp is not None:
                    for i, n in enumerate(slot.stats()):
                        totals[i] += n
        return dict(zip(("decoded", "displayed", "lost"), totals))

    def _count_clip(self, slot):
        """``slot``'s clip stops: add its counts to the totals and mark it idle, in one step for picture_stats."""
        counts = slot.stats()
        with self._stats_lock:
            self._stats_done = tuple(a + b for a, b in zip(self._stats_done, counts))
            slot.state = "idle"

    @property
    def playing(self):
        return self._playing

    @property
    def current_index(self):
        slot = self._show
        return slot.index if slot is not None else None

    def _post(self, item):
        self._queue.put(item)

    # --- control thread ---------------------------------------------------
    def _run(self):
        try:
            self._instance = vlc.Instance(self.args)
            if self._instance is None:
                raise RuntimeError("libVLC could not start (is libvlc5 with vlc-plugin-base installed?)")
            self._slots = [_Slot(self, name, self._instance, self.max_size) for name in ("a", "b")]
        except Exception as exc:  # no libVLC: the player stays inert, the kiosk keeps running
            self._instance = None
            self._record(f"libVLC is not available: {exc}")
        while True:
            try:
                item = self._queue.get(timeout=self._wait())
            except queue.Empty:
                item = None
            if item is not None and item[0] == "close":
                break
            if not self._slots:
                continue
            try:
                if item is not None:
                    self._handle(item)
                self._check_timers()
            except Exception:  # a bug must not end the video thread
                log.exception("video: unexpected failure in the libVLC control thread")
        self._show = None
        for slot in self._slots:
            slot.close()
        self._slots = []
        if self._instance is not None:
            self._instance.release()
            self._instance = None

    def _wait(self):
        """How long the control thread may sleep: until the next timer of a switch, at most 0.1 s."""
        times = [self.clock() + 0.1]
        if self._resume_at is not None:
            times.append(self._resume_at)
        if self._cue is not None:
            times.append(self._cue.at if self._cue.at is not None else self._cue.latest)
        return max(0.0, min(times) - self.clock())

    def _record(self, sentence):
        log.warning("video: %s", sentence)
        self.errors = (self.errors + [sentence])[-20:]
        if self.on_error is not None:
            self.call_soon(self.on_error, "", sentence)

    def _handle(self, item):
        kind = item[0]
        if kind == "load":
            self.playlist.reset(item[1])
            self._stalled = False
            if self._playing:
                self._restart(0)
        elif kind == "play":
            self._restart(item[1])
        elif kind == "pause":
            self._resume_at = None
            if self._cue is not None:
                self._switch(self._cue.slot)
            slot = self._show
            if slot is not None and slot.state == "playing":
                slot.mp.set_pause(1)
                slot.state = "paused"  # the frame timers leave a paused clip alone
        elif kind == "resume":
            slot = self._show
            if slot is not None and slot.state == "paused":
                slot.state = "playing"
                slot.last_frame_at = self.clock()
                slot.mp.set_pause(0)
        elif kind == "stop":
            self._switch_pending = False
            self._cue = self._resume_at = None
            self._show = None
            for slot in self._slots:
                slot.stop()
        else:
            slot, token = item[1], item[2]
            if token != slot.token:
                return  # an event of a clip this slot no longer plays
            if kind == "first":
                self._on_first_frame(slot)
            elif kind == "tick":
                self._near_end(slot, item[3], item[4])
            elif kind == "end":
                if slot.state == "playing":
                    slot.state = "ended"
                    self._advance(slot)
                elif slot.state == "cued":
                    slot.ended_early = True  # a clip shorter than the switch: it ends once shown
                elif slot.state in ("starting", "preroll"):
                    self._fail(slot, "it ended before showing a picture (not a playable video)")
            elif kind == "error":
                if slot.state in ("starting", "preroll", "playing", "ready", "cued"):
                    self._fail(slot, "libVLC could not play it")

    def _other(self, slot):
        return self._slots[1] if slot is self._slots[0] else self._slots[0]

    def _restart(self, index):
        self._switch_pending = False
        self._cue = self._resume_at = None
        self._show = None
        for slot in self._slots:
            slot.stop()
        if not self.playlist.paths or not self._playing:
            return
        self._start_visible(self.playlist.first_good(index % len(self.playlist)), self._slots[0])

    def _open(self, slot, index, state):
        path = self.playlist.paths[index]
        if not os.path.isfile(path):
            slot.stop()
            slot.index, slot.path, slot.state = index, path, state
            self._fail(slot, "the file is missing")
            return
        if not slot.open(self._instance, index, path, state, self.clock()):
            self._fail(slot, "libVLC refused to start it")

    def _start_visible(self, index, slot):
        if index is None:
            self._stall()
            return
        self._open(slot, index, "starting")

    def _preroll_after(self, index, slot):
        nxt = self.playlist.after(index)
        if nxt is None:
            return
        self._open(slot, nxt, "preroll")

    def _on_first_frame(self, slot):
        w, h = slot.mp.video_get_size(0) or (0, 0)
        if w and h:
            slot.aspect = w / h
        fps = slot.mp.get_fps() or 0.0
        slot.frame_s = 1 / fps if 1.0 <= fps <= 240.0 else 1 / DEFAULT_FPS
        length_s = max(0, slot.mp.get_length() or 0) / 1000
        slot.frames = round(length_s / slot.frame_s) if 1.0 <= fps <= 240.0 else 0
        if slot.state == "starting":
            slot.state = "playing"
            self._show = slot
            self.switched_at = self.clock()
            self._clip_started(slot.index, slot.path)
            self._preroll_after(slot.index, self._other(slot))
        elif slot.state == "preroll":
            if self._switch_pending:  # the clip on screen has already ended
                self._switch_pending = False
                self._cue_next(slot, self._show, at=0.0)
            else:
                slot.mp.set_pause(1)
                slot.state = "ready"

    # --- switching between clips --------------------------------------------
    def _near_end(self, slot, picture_no, displayed_at):
        """A picture near the end of the clip on screen: plan when to resume the next clip and when to show it."""
        if slot is not self._show or slot.state != "playing":
            return
        last_at = displayed_at + (slot.frames - 1 - picture_no) * slot.frame_s  # its last picture
        switch_at = last_at + slot.frame_s
        cue = self._cue
        if cue is not None:
            if cue.old is slot and picture_no >= slot.frames - 1:
                cue.at = switch_at
            return
        nxt = self._other(slot)
        if nxt.state != "ready":
            return
        # picture k of the next clip is due k frames after the switch; the first one it shows once
        # resumed follows the ones it has (it was paused on picture 0 or 1): aim half a frame early
        # (and no later than the switch, which must not wait for libVLC's end event)
        first_new = nxt.picture_no + 1
        self._resume_at = min(switch_at, switch_at + (first_new - 0.5) * nxt.frame_s - self.resume_delay_s)
        self._planned = (slot, nxt, switch_at, picture_no >= slot.frames - 1)
        self._check_resume(self.clock())

    def _check_resume(self, now):
        if self._resume_at is None or now < self._resume_at:
            return
        self._resume_at = None
        slot, nxt, switch_at, last_known = self._planned
        if slot is self._show and slot.state == "playing" and nxt.state == "ready" and self._cue is None:
            self._cue_next(nxt, slot, at=switch_at if last_known else None, latest=switch_at + 1.0)

    def _cue_next(self, slot, old, at=None, latest=None):
        """Resume ``slot`` to follow ``old``; it goes on show at ``at`` (None: when old's last picture is known)."""
        now = self.clock()
        self._resume_at = None
        slot.needs_resume = slot.state == "ready"  # (a slot still prerolling was never paused)
        slot.hold()
        slot.state = "cued"
        if old is None or old is slot:
            self._switch(slot)
            return
        self._cue = _Cue(slot, old, at, latest if latest is not None else now + LATE_PICTURE_S, now)
        self._check_cue(now)  # may switch at once: showing the first picture goes before resuming
        self._resume(slot)

    def _resume(self, slot):
        if slot.needs_resume:
            slot.needs_resume = False
            slot.resume(self.clock())

    def _check_cue(self, now):
        cue = self._cue
        due = cue.due()
        if due is not None and due > cue.at:
            cue.at = due  # a late picture of the old clip: the switch follows it
        if due is None or now < due:
            if now >= cue.latest:
                self._switch(cue.slot)
            return
        self._switch(cue.slot, at=max(due, cue.made_at))  # frame() could not show it before the cue

    def _switch(self, slot, at=None):
        """Put ``slot`` on show; ``at``: when frame() began to return it (see frame()), if already due."""
        old = self._show
        now = self.clock()
        now = min(now, at) if at is not None else now
        self._cue = self._resume_at = None
        for measured in (old, slot):
            self._learn_resume_delay(measured)
        slot.state = "playing"
        slot.last_frame_at = now
        self._show = slot
        self.switched_at = now
        self._picture_ready()
        slot.release(now + slot.frame_s)
        self._switch_pending = False
        self._clip_started(slot.index, slot.path)
        self._resume(slot)
        if old is not None and old is not slot:
            old.stop()
            self._preroll_after(slot.index, old)
        if slot.ended_early:
            slot.state = "ended"
            self._advance(slot)

    def _learn_resume_delay(self, slot):
        """libVLC's delay from resume to the next picture, as it was for ``slot`` (once measured)."""
        if slot is not None and slot.resume_delay is not None:
            self.resume_delay_s = min(0.3, 0.7 * self.resume_delay_s + 0.3 * slot.resume_delay)
            slot.resume_delay = None

    def _advance(self, slot):
        """The clip on screen has ended (or failed): show the next one."""
        other = self._other(slot)
        cue = self._cue
        at = self._after_last(slot)
        if cue is not None and cue.slot is other:  # already resumed: switch one frame after the last picture
            cue.at = at if cue.at is None else max(cue.at, at)  # (a set cue.at came from the last picture)
            cue.latest = min(cue.latest, self.clock() + LATE_PICTURE_S)
            self._check_cue(self.clock())
        elif other.state == "ready":
            self._cue_next(other, slot, at=at)
        elif other.state == "preroll":
            self._switch_pending = True  # keep the last picture until it is ready
        else:
            index = self.playlist.after(slot.index) if slot.index is not None else None
            if index is None:
                index = self.playlist.first_good(0)
            self._start_visible(index, other)

    def _after_last(self, slot):
        """When to switch after ``slot`` ended: one frame after its newest picture. (libVLC's end event
        may come just before the last picture: if it comes before then, the switch follows it.)"""
        return slot.newest_picture_at() + slot.frame_s

    def _fail(self, slot, reason):
        was, index, path = slot.state, slot.index, slot.path
        slot.stop()
        if index is not None:
            self._clip_failed(index, path, reason)
        if not self._playing:
            return
        if was == "starting":
            self._start_visible(self.playlist.first_good(index), slot)
        elif was == "preroll":
            shown = self._show
            if self.playlist.exhausted:
                self._stall()
            elif shown is not None:
                self._preroll_after(index, slot)
            else:
                self._start_visible(self.playlist.first_good(index), slot)
        elif was == "cued":  # it was to follow the clip on screen
            self._cue = None
            shown = self._show
            if shown is not None and shown is not slot and shown.state == "ended":
                self._advance(shown)
            elif shown is not None and shown is not slot:
                self._preroll_after(index, slot)
            else:
                self._start_visible(self.playlist.first_good(index), slot)
        elif was in ("playing", "ready"):
            if slot is self._show:
                self._advance(slot)
            else:
                self._preroll_after(index, slot)

    def _stall(self):
        if self._stalled:
            return
        self._stalled = True
        self._show = None
        self._cue = self._resume_at = None
        for slot in self._slots:
            slot.stop()
        if self.playlist.paths:
            self._record("no video in the playlist can be played")

    def _check_timers(self):
        now = self.clock()
        if self._resume_at is not None:
            self._check_resume(now)
        if self._cue is not None:
            self._check_cue(now)
        limit = self.frame_timeout_s
        for slot in list(self._slots):
            if slot.state in ("starting", "preroll") and now - slot.opened_at > limit:
                self._fail(slot, f"it showed no picture within {limit:g} s")
            elif slot.state == "playing" and now - slot.last_frame_at > limit:
                self._fail(slot, f"its picture stopped for {limit:g} s")
