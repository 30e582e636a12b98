"""A scripted player for unit tests: no decoding, no threads.

Each clip "shows" a small solid-colour picture. Tests move time on with
:meth:`FakePlayer.finish_clip` (the clip on screen ends) and mark paths as
broken with ``broken`` (their turn is skipped and reported, like libVLC
failing to decode them).
"""

import hashlib

from kiosk.video.base import Frame, Player


def _colour(path):
    digest = hashlib.sha256(path.encode("utf-8")).digest()
    return bytes((digest[0], digest[1], digest[2], 255))


class FakePlayer(Player):
    def __init__(self, call_soon=None, broken=()):
        super().__init__(call_soon)
        self.broken = set(str(p) for p in broken)
        self.index = None
        self._playing = False
        self._paused = False
        self.closed = False
        self.started = []  # (index, path) of every clip shown, in order
        self._serial = 0

    def load(self, paths):
        self._paused = False
        self.playlist.reset(paths)
        if self._playing:
            self.play(0)

    def play(self, index=0):
        self._playing = True
        self._paused = False
        self.index = None
        if self.playlist.paths:
            self._show(self.playlist.first_good(index % len(self.playlist)))

    def stop(self):
        self._playing = False
        self._paused = False
        self.index = None

    def pause(self):
        if self._playing and self.index is not None:
            self._paused = True

    def resume(self):
        self._paused = False

    @property
    def paused(self):
        return self._paused

    def close(self):
        self.stop()
        self.closed = True

    @property
    def playing(self):
        return self._playing

    @property
    def current_index(self):
        return self.index

    def frame(self):
        if self.index is None:
            return None
        path = self.playlist.paths[self.index]
        return Frame(("fake", self.index, self._serial), 16, 9, _colour(path) * (16 * 9), 16 / 9,
                     clip=("fake", self._serial), number=1)

    def finish_clip(self):
        """The clip on screen ends: the next playable one starts (a paused clip does not end)."""
        if self.index is not None and not self._paused:
            self._show(self.playlist.after(self.index))

    def _show(self, index):
        while index is not None and self.playlist.paths[index] in self.broken:
            self._clip_failed(index, self.playlist.paths[index], "it could not be decoded (fake)")
            index = self.playlist.first_good(index)
        self.index = index
        if index is None:
            return
        self._serial += 1
        self.started.append((index, self.playlist.paths[index]))
        self._clip_started(index, self.playlist.paths[index])
        self._picture_ready()
