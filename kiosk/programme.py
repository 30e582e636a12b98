"""What the screen shows now: the scheduled playlist, the ticker and any emergency. Pure; no Kivy.

:func:`now_showing` wraps :mod:`court_contract.schedule` for the app: the videos of
:func:`court_contract.schedule.playlist` that have a file in the cache, the ticker
announcements (most important first), the active emergencies, whether the
clock looks right, and the next moment any of this can change -- so the UI
sets one timer for that moment instead of polling.
"""

import datetime as dt
import logging
from dataclasses import dataclass, field

from court_contract import schedule
from kiosk.cache import MediaError

log = logging.getLogger(__name__)


@dataclass
class NowShowing:
    videos: list = field(default_factory=list)       # scheduled video entries that have a file
    paths: list = field(default_factory=list)        # their files, same order
    ticker: list = field(default_factory=list)       # announcements for the ticker
    emergencies: list = field(default_factory=list)  # emergency announcements in force
    clock_ok: bool = True
    deadline: dt.datetime | None = None              # next moment the answer may change


def _earliest(*moments):
    moments = [m for m in moments if m is not None]
    return min(moments) if moments else None


def video_paths(videos, cache):
    """``(videos, paths)`` for the entries whose file the cache can name, in order."""
    kept, paths = [], []
    if cache is None:
        return kept, paths
    for video in videos:
        try:
            paths.append(str(cache.media_path(video["file"]["sha256"])))
        except (KeyError, TypeError, ValueError, MediaError) as exc:  # a bad entry must not stop the loop
            log.warning("video %s has no usable file: %s", video.get("id") if isinstance(video, dict) else "?", exc)
            continue
        kept.append(video)
    return kept, paths


def playlist_part(manifest, cache, now_utc):
    """``(videos, paths, deadline)`` of the playlist at ``now_utc`` (an aware datetime)."""
    if not manifest:
        return [], [], None
    now = schedule.court_now(manifest, now_utc)
    try:
        videos, deadline = schedule.playlist(manifest, now)
    except (KeyError, TypeError, ValueError) as exc:  # a malformed schedule shows nothing rather than crash
        log.error("the video schedule cannot be read: %s", exc)
        return [], [], None
    videos, paths = video_paths(videos, cache)
    return videos, paths, deadline


def announcement_part(manifest, now_utc):
    """``(ticker, emergencies, deadline)`` at ``now_utc``; the ticker by priority, highest first."""
    if not manifest:
        return [], [], None
    now = schedule.court_now(manifest, now_utc)
    try:
        ticker, emergencies, deadline = schedule.announcements(manifest, now)
    except (KeyError, TypeError, ValueError) as exc:
        log.error("the announcement schedule cannot be read: %s", exc)
        return [], [], None
    ticker = sorted(ticker, key=lambda a: -int(a.get("priority") or 0))  # stable: manifest order otherwise
    emergencies = sorted(emergencies, key=lambda a: -int(a.get("priority") or 0))
    return ticker, emergencies, deadline


def clock_ok(manifest, now_utc):
    if not manifest:
        return True
    try:
        return not schedule.clock_is_wrong(manifest, now_utc)
    except (TypeError, ValueError):
        return True


def now_showing(manifest, cache, now_utc, announcements_from=None):
    """Everything scheduled at ``now_utc``.

    ``announcements_from``: the manifest whose announcements count, when it
    is newer than the one on screen (a visitor is mid-task, so the new
    version waits, but its ticker and emergencies apply at once).
    """
    source = announcements_from or manifest
    videos, paths, video_deadline = playlist_part(manifest, cache, now_utc)
    ticker, emergencies, note_deadline = announcement_part(source, now_utc)
    return NowShowing(videos=videos, paths=paths, ticker=ticker, emergencies=emergencies,
                      clock_ok=clock_ok(source, now_utc), deadline=_earliest(video_deadline, note_deadline))
