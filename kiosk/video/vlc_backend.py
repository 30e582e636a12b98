"""libVLC backend: decodes into memory, the UI uploads frames into a texture.

:class:`VlcPlayer` is the entry point; its parts are in the other ``vlc_*``
modules of this package (the only ones of the project that import ``vlc``):
``vlc_instance`` (libVLC's options), ``vlc_slot`` (a media player's picture
buffers and callbacks), ``vlc_callbacks`` (ctypes glue), ``vlc_probe`` (a
clip's size, frame rate, length), ``vlc_switch`` (the switch between clips),
``vlc_stats`` (libVLC's picture counts).

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

import logging
import os
import queue
import threading
import time

from kiosk.video.base import Player
from kiosk.video.vlc_instance import DEFAULT_ARGS, new_instance
from kiosk.video.vlc_probe import clip_timing
from kiosk.video.vlc_slot import Slot
from kiosk.video.vlc_stats import PictureCounts
from kiosk.video.vlc_switch import RESUME_GUESS_S, ClipSwitching

log = logging.getLogger(__name__)


class VlcPlayer(ClipSwitching, Player):
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
        self._cue = None  # a switch under way (vlc_switch.Cue)
        self._resume_at = None  # when to resume the next clip, foreseen from the end of this one
        self._planned = None  # (clip on show, next slot, switch time, whether its last picture is known)
        self.resume_delay_s = RESUME_GUESS_S  # libVLC's resume delay, learnt
        self.switched_at = 0.0  # when frame() began to return the clip on show (read by bench/clip_gap.py)
        self._stalled = False
        self._queueing = False  # a viewer takes pictures with next_frame(): keep the ones it has not taken
        self._counts = PictureCounts()  # libVLC's picture counts, for picture_stats
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
        return self._counts.totals(self._slots)

    def _count_clip(self, slot):
        """``slot``'s clip stops: add its counts to the totals and mark it idle, in one step for picture_stats."""
        self._counts.clip_stopped(slot)

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
            self._instance = new_instance(self.args)
            self._slots = [Slot(self, name, self._instance, self.max_size) for name in ("a", "b")]
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
        aspect, slot.frame_s, slot.frames = clip_timing(slot.mp)
        if aspect is not None:
            slot.aspect = aspect
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
