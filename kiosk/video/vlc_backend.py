"""libVLC backend: decodes into memory, the UI uploads frames into a texture.

The only module of the project that imports ``vlc``.

Two libVLC media players ("slots") take turns: while one is on screen, the
next clip is opened in the other and paused on its first picture, so at the
end of a clip the switch shows the next picture at once (a single
MediaListPlayer holds 1-3 frames at every switch). A clip that reports an
error, ends without a picture, or gives no picture for ``frame_timeout_s``
is skipped and reported through ``on_error``.

Threads: libVLC calls the picture callbacks on its own threads; they only
touch the slot's buffer (under a lock) and post to a queue. Every libVLC
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

import vlc

from kiosk.video.base import Frame, Player

log = logging.getLogger(__name__)

DEFAULT_ARGS = ("--aout=dummy", "--no-video-title-show", "--quiet", "--no-xlib", "--no-osd")

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


def _format_setter():
    global _set_format_callbacks
    if _set_format_callbacks is None:
        proto = ctypes.CFUNCTYPE(None, ctypes.c_void_p, _FormatCb, _CleanupCb)
        _set_format_callbacks = proto(("libvlc_video_set_format_callbacks", vlc.dll))
    return _set_format_callbacks


class _Slot:
    """One libVLC media player with its own picture buffer."""

    def __init__(self, player, name, instance, max_size):
        self.player = player
        self.name = name
        self.max_w, self.max_h = max_size
        self.mp = instance.media_player_new()
        self.media = None
        self.lock = threading.Lock()
        self.raw = None
        self.ptr = None
        self.width = self.height = 0
        self.aspect = 16 / 9
        self.serial = 0
        self.token = 0
        self.state = "idle"  # idle | starting | preroll | ready | playing | paused | ended
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
            raw = ctypes.create_string_buffer(w * h * 4 + 32)
            address = ctypes.addressof(raw)
            self.raw, self.ptr = raw, address + (-address) % 32
            self.width, self.height = w, h
        return 1

    def _cleanup(self, opaque):
        return None

    def _lock(self, opaque, planes):
        self.lock.acquire()
        planes[0] = self.ptr
        return None

    def _unlock(self, opaque, picture, planes):
        self.lock.release()

    def _display(self, opaque, picture):
        self.serial += 1
        self.last_frame_at = self.player.clock()
        if self.serial == 1:
            self.player._post(("first", self, self.token))

    def _on_event(self, event, kind):
        self.player._post((kind, self, self.token))

    # --- Kivy thread ------------------------------------------------------
    def snapshot(self):
        serial = self.serial
        if not serial:
            return None
        with self.lock:
            if self.ptr is None:
                return None
            data = ctypes.string_at(self.ptr, self.width * self.height * 4)
            return Frame((self.name, self.token, serial), self.width, self.height, data, self.aspect)

    # --- control thread ---------------------------------------------------
    def open(self, instance, index, path, state, now):
        self.stop()
        self.token += 1
        self.serial = 0
        self.index, self.path = index, path
        self.media = instance.media_new_path(path)
        self.mp.set_media(self.media)
        self.state = state
        self.opened_at = now
        self.last_frame_at = now
        return self.mp.play() == 0

    def stop(self):
        if self.state != "idle":
            self.mp.stop()
            self.state = "idle"
        self.token += 1

    def release(self):
        self.stop()
        self.mp.release()
        self.mp = None


class VlcPlayer(Player):
    """A looping playlist through libVLC (see the module docstring).

    ``frame_timeout_s``: how long a clip may take to show its first picture,
    or keep the same picture while playing, before it is skipped.
    ``max_size``: larger videos are scaled down to fit (saves copying).
    """

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
        self._stalled = False
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
        return slot.snapshot() if slot is not None else None

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
                item = self._queue.get(timeout=0.1)
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
            slot.release()
        self._slots = []
        if self._instance is not None:
            self._instance.release()
            self._instance = None

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
            self._show = None
            for slot in self._slots:
                slot.stop()
        else:
            slot, token = item[1], item[2]
            if token != slot.token:
                return  # an event of a clip this slot no longer plays
            if kind == "first":
                self._on_first_frame(slot)
            elif kind == "end":
                if slot.state == "playing":
                    slot.state = "ended"
                    self._advance(slot)
                elif slot.state in ("starting", "preroll"):
                    self._fail(slot, "it ended before showing a picture (not a playable video)")
            elif kind == "error":
                if slot.state in ("starting", "preroll", "playing", "ready"):
                    self._fail(slot, "libVLC could not play it")

    def _other(self, slot):
        return self._slots[1] if slot is self._slots[0] else self._slots[0]

    def _restart(self, index):
        self._switch_pending = False
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
        if slot.state == "starting":
            slot.state = "playing"
            self._show = slot
            self._clip_started(slot.index, slot.path)
            self._preroll_after(slot.index, self._other(slot))
        elif slot.state == "preroll":
            slot.mp.set_pause(1)
            slot.state = "ready"
            if self._switch_pending:
                self._switch_to(slot)

    def _switch_to(self, slot):
        old = self._show
        slot.mp.set_pause(0)
        slot.state = "playing"
        slot.last_frame_at = self.clock()
        self._show = slot
        self._switch_pending = False
        self._clip_started(slot.index, slot.path)
        if old is not None and old is not slot:
            old.stop()
            self._preroll_after(slot.index, old)

    def _advance(self, slot):
        """The clip on screen has ended (or failed): show the next one."""
        other = self._other(slot)
        if other.state == "ready":
            self._switch_to(other)
        elif other.state == "preroll":
            self._switch_pending = True  # keep the last picture until it is ready
        else:
            index = self.playlist.after(slot.index) if slot.index is not None else None
            if index is None:
                index = self.playlist.first_good(0)
            self._start_visible(index, other)

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
        for slot in self._slots:
            slot.stop()
        if self.playlist.paths:
            self._record("no video in the playlist can be played")

    def _check_timers(self):
        now = self.clock()
        limit = self.frame_timeout_s
        for slot in list(self._slots):
            if slot.state in ("starting", "preroll") and now - slot.opened_at > limit:
                self._fail(slot, f"it showed no picture within {limit:g} s")
            elif slot.state == "playing" and now - slot.last_frame_at > limit:
                self._fail(slot, f"its picture stopped for {limit:g} s")
