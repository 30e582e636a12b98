"""A frame slot: one libVLC media player decoding into its own small ring of picture buffers.

Its video callbacks (format, lock, unlock, display) run on libVLC's threads
and only touch the buffers under the slot's lock; the viewer takes pictures
with :meth:`Slot.snapshot` / :meth:`Slot.take`. Apart from the player so the
picture hand-off (what is shown, held back, kept for a viewer that is behind)
is in one place; the player (kiosk.video.vlc_backend) decides when a slot shows.
"""

import ctypes
import threading
from collections import deque

import vlc

from kiosk.video.base import Frame
from kiosk.video.vlc_callbacks import CleanupCb, FormatCb, same_pixels, set_format_callbacks
from kiosk.video.vlc_probe import DEFAULT_FPS
from kiosk.video.vlc_stats import media_counts

BUFFERS = 3  # per slot at first: on show, being written, and one more (the newest, held back at a switch)
# A viewer held up (the UI thread busy ~150 ms with a language change on a display) grows the ring
# rather than miss pictures: up to MAX_BUFFERS (~250 ms of a 25 fps clip), given back when the
# clip stops (3.7 MB each at 720p).
MAX_BUFFERS = 8
UNSEEN = MAX_BUFFERS - 1  # pictures kept for a viewer that is behind (next_frame); one buffer stays free for libVLC
PACE = 0.8  # held-back pictures are shown at least PACE frame intervals apart
NEAR_END_S = 0.5  # the last pictures of a clip (by its length) are reported to the control thread


class Slot:
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
            FormatCb(self._format),
            CleanupCb(self._cleanup),
            vlc.CallbackDecorators.VideoLockCb(self._lock),
            vlc.CallbackDecorators.VideoUnlockCb(self._unlock),
            vlc.CallbackDecorators.VideoDisplayCb(self._display),
        )
        fmt, cleanup, lock, unlock, display = self._callbacks
        self.mp.video_set_callbacks(lock, unlock, display, None)
        set_format_callbacks(self.mp, fmt, cleanup)
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
                self.width, self.height = w, h
                for _ in range(BUFFERS):
                    self._add_buffer()
        return 1

    def _add_buffer(self):
        """One more picture buffer (under the lock); returns its index."""
        raw = ctypes.create_string_buffer(self.width * self.height * 4 + 32)
        address = ctypes.addressof(raw)
        self.buffers.append((raw, address + (-address) % 32))
        return len(self.buffers) - 1

    def _cleanup(self, opaque):
        return None

    def _lock(self, opaque, planes):
        with self.lock:
            busy = {self.front, self.newest}.union(index for index, _t in self.pending)
            busy.update(index for index, _serial in self.unseen)
            index = next((i for i in range(len(self.buffers)) if i not in busy), None)
            if index is None and self.unseen and len(self.buffers) < MAX_BUFFERS:
                index = self._add_buffer()  # the viewer is behind: it will take this one in turn too
            if index is None and len(self.unseen) > 1:  # far behind: its oldest picture goes
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
            if self.newest is not None and same_pixels(
                    self.buffers[index][1], self.buffers[self.newest][1], self.width * self.height * 4):
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
        return media_counts(self.mp)

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
            del self.buffers[BUFFERS:]  # (libVLC has stopped writing: the ring grown for a late viewer goes)

    def close(self):
        self.stop()
        self.mp.release()
        self.mp = None
