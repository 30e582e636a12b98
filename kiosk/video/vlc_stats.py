"""libVLC's picture counts (decoded, displayed, lost as too late), per clip and over a player's life.

For measurements (bench). A clip's counts join the totals when it stops, in
one step with marking its slot idle, so a total never counts a clip twice or
misses one that is stopping.
"""

import threading

import vlc


def media_counts(mp):
    """libVLC's counts for the clip open in media player ``mp`` (None: no player): (decoded, displayed, lost)."""
    media = mp.get_media() if mp is not None else None
    if media is None:
        return (0, 0, 0)
    try:
        raw = vlc.MediaStats()
        if not media.get_stats(raw):
            return (0, 0, 0)
        return (raw.decoded_video, raw.displayed_pictures, raw.lost_pictures)
    finally:
        media.release()


class PictureCounts:
    """The totals of a player's slots: clips stopped so far, plus the ones still open."""

    def __init__(self):
        self._lock = threading.Lock()
        self._done = (0, 0, 0)  # libVLC's counts of the clips stopped so far

    def clip_stopped(self, slot):
        """``slot``'s clip stops: add its counts to the totals and mark it idle, in one step."""
        counts = slot.stats()
        with self._lock:
            self._done = tuple(a + b for a, b in zip(self._done, counts))
            slot.state = "idle"

    def totals(self, slots):
        """``{"decoded", "displayed", "lost"}`` so far; clips still open in ``slots`` count so far."""
        with self._lock:
            totals = list(self._done)
            for slot in list(slots):
                if slot.state != "idle" and slot.mp is not None:
                    for i, n in enumerate(slot.stats()):
                        totals[i] += n
        return dict(zip(("decoded", "displayed", "lost"), totals))
