"""The player interface and the playlist rules every backend shares.

Pure Python: no Kivy, no libVLC.
"""

import logging
from dataclasses import dataclass

log = logging.getLogger(__name__)

MAX_ERRORS = 20


@dataclass(frozen=True)
class Frame:
    """One decoded picture, RGBA, top row first.

    ``key`` changes whenever the picture does, so a viewer can skip uploads
    of a picture it already shows. ``aspect`` is the display aspect ratio
    (the buffer may have padding rows that the aspect corrects for).
    ``clip`` and ``number`` (optional) say which run of a clip the picture
    belongs to and its number in it (1 = the first): a viewer that sees
    the numbers jump has missed pictures.
    """

    key: tuple
    width: int
    height: int
    data: bytes
    aspect: float
    clip: tuple | None = None
    number: int | None = None


class Playlist:
    """Which clip comes next, skipping clips that failed.

    A clip that failed once is skipped until the next :meth:`reset` (files
    are content-addressed, so a broken file stays broken). ``exhausted`` is
    true when every clip has failed.
    """

    def __init__(self, paths=()):
        self.paths = [str(p) for p in paths]
        self.bad = set()

    def __len__(self):
        return len(self.paths)

    def reset(self, paths):
        self.paths = [str(p) for p in paths]
        self.bad = set()

    @property
    def exhausted(self):
        return not self.paths or len(self.bad) >= len(self.paths)

    def first_good(self, start):
        """The first playable index at or after ``start`` (wrapping), or None."""
        n = len(self.paths)
        if not n:
            return None
        for step in range(n):
            index = (start + step) % n
            if index not in self.bad:
                return index
        return None

    def after(self, index):
        """The playable index that follows ``index`` (may be ``index`` itself), or None."""
        if not self.paths:
            return None
        return self.first_good((index + 1) % len(self.paths))

    def mark_bad(self, index):
        self.bad.add(index)


def _call_now(func, *args):
    func(*args)


class Player:
    """Base class of the backends: callbacks, error log, the four verbs.

    ``call_soon(func, *args)`` decides on which thread callbacks run; the
    Kivy app passes a function that hops to the UI thread. The default
    calls at once, on whatever thread noticed the event.

    ``on_picture()``, if set, is called (on any thread, so it must only wake
    the viewer, e.g. a Kivy trigger) whenever :meth:`frame` may have a new
    picture: the viewer pulls at the video's own pace instead of polling.
    """

    def __init__(self, call_soon=None):
        self.call_soon = call_soon or _call_now
        self.on_clip_started = None
        self.on_error = None
        self.on_picture = None
        self.errors = []
        self.playlist = Playlist()

    # --- the interface ----------------------------------------------------
    def load(self, paths):
        """Replace the playlist; a playing player restarts with the new first clip."""
        raise NotImplementedError

    def play(self, index=0):
        """Start (or restart) the loop at clip ``index``."""
        raise NotImplementedError

    def stop(self):
        """Stop playing; :meth:`frame` gives None until the next play."""
        raise NotImplementedError

    def frame(self):
        """The newest picture of the clip on screen, or None."""
        raise NotImplementedError

    def next_frame(self):
        """Every picture in turn, for a viewer that may be held up now and then: the oldest one not
        yet returned, else the one on show. A backend that keeps no pictures gives :meth:`frame`."""
        return self.frame()

    def pause(self):
        """Hold the clip on screen at its current picture (a visitor asked to pause)."""
        raise NotImplementedError

    def resume(self):
        """Carry on from where :meth:`pause` held the clip."""
        raise NotImplementedError

    @property
    def paused(self):
        return False

    def next_picture_in(self):
        """Seconds until a picture held back is due (the viewer pulls then: nothing wakes it for
        that one); None: none is waiting (new pictures come with ``on_picture``)."""
        return None

    def close(self):
        """Release everything; the player cannot be used afterwards."""
        self.stop()

    @property
    def playing(self):
        raise NotImplementedError

    # --- helpers for backends ---------------------------------------------
    def _picture_ready(self):
        wake = self.on_picture
        if wake is not None:
            wake()

    def _clip_started(self, index, path):
        log.debug("video: clip %s started (%s)", index, path)
        if self.on_clip_started is not None:
            self.call_soon(self.on_clip_started, index, path)

    def _clip_failed(self, index, path, reason):
        self.playlist.mark_bad(index)
        sentence = f"the video {path} was skipped: {reason}"
        log.warning("video: %s", sentence)
        self.errors = (self.errors + [sentence])[-MAX_ERRORS:]
        if self.on_error is not None:
            self.call_soon(self.on_error, path, reason)
