"""The kiosk's heartbeat status, safe to read from the sync thread. No Kivy.

The UI thread writes plain values into a :class:`StatusBoard` (the screen
on show, the mode, clock_ok, the emergencies it has shown, ...); the sync
thread calls :meth:`StatusBoard.body` when it sends a heartbeat. Both sides
go through one lock and only ever exchange copies.

Thumbnails: the UI thread reads the window's pixels (it must: OpenGL), and
:func:`encode_thumbnail` scales and compresses them on another thread.
"""

import base64
import io
import logging
import shutil
import threading
import time
from pathlib import Path

from court_contract.heartbeat import MAX_THUMBNAIL_BYTES, THUMBNAIL_WIDTH

log = logging.getLogger(__name__)

MAX_SHOWN_IDS = 100


def free_disk_mb(path):
    """Free space in MiB on the file system holding ``path`` (its nearest existing parent), or None."""
    path = Path(path)
    for candidate in (path, *path.parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free // (1024 * 1024)
            except OSError as exc:
                log.warning("cannot read the free disk space of %s: %s", candidate, exc)
                return None
    return None


def encode_thumbnail(width, height, rgba, *, bottom_up=True, target_width=THUMBNAIL_WIDTH,
                     max_bytes=MAX_THUMBNAIL_BYTES):
    """Raw RGBA pixels (as OpenGL reads them: bottom row first) -> base64 JPEG of ``target_width`` px.

    The quality steps down until the JPEG fits in ``max_bytes``; None if it never does.
    """
    from PIL import Image

    image = Image.frombytes("RGBA", (width, height), rgba)
    if bottom_up:
        image = image.transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image = image.convert("RGB")
    if width > target_width:
        image = image.resize((target_width, max(1, round(height * target_width / width))), Image.Resampling.LANCZOS)
    for quality in (85, 70, 50, 30):
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=quality, optimize=True)
        data = out.getvalue()
        if len(data) <= max_bytes:
            return base64.b64encode(data).decode("ascii")
    log.warning("the screen thumbnail does not fit in %d bytes; not sending one", max_bytes)
    return None


class StatusBoard:
    """Plain status values shared between the UI thread (writes) and the sync thread (reads).

    ``usage``: a :class:`kiosk.usage.UsageCounter` (thread-safe itself) or None.
    ``disk_path``: where free disk space is measured (the cache folder).
    """

    def __init__(self, *, version, mode, usage=None, disk_path=None, monotonic=time.monotonic):
        self._lock = threading.Lock()
        self._monotonic = monotonic
        self._started = monotonic()
        self._fields = {"kiosk_version": version, "mode": mode, "clock_ok": True}
        self._shown = []
        self._thumbnail = None
        self._thumbnail_at = None
        self.usage = usage
        self.disk_path = disk_path

    def update(self, **fields):
        """Set status fields (called on the UI thread)."""
        with self._lock:
            self._fields.update(fields)

    def get(self, key, default=None):
        with self._lock:
            return self._fields.get(key, default)

    def emergency_shown(self, ids):
        """Remember that these emergency announcements were put on screen (order kept, no repeats)."""
        with self._lock:
            for i in ids:
                if isinstance(i, int) and not isinstance(i, bool) and i not in self._shown:
                    self._shown.append(i)
            self._shown = self._shown[-MAX_SHOWN_IDS:]

    @property
    def shown(self):
        with self._lock:
            return list(self._shown)

    def set_thumbnail(self, b64):
        with self._lock:
            self._thumbnail = b64
            self._thumbnail_at = self._monotonic()

    @property
    def has_thumbnail(self):
        with self._lock:
            return self._thumbnail is not None

    def body(self, take_thumbnail=True):
        """The heartbeat's status keys (docs/manifest.md, "Heartbeat body"); any thread.

        A thumbnail goes out once: ``take_thumbnail`` hands it over and forgets it,
        so the server's "last screenshot" time stays true.
        """
        with self._lock:
            body = dict(self._fields)
            body["errors"] = list(body.get("errors") or [])
            body["emergency_shown"] = list(self._shown)
            body["uptime_s"] = int(self._monotonic() - self._started)
            thumbnail = self._thumbnail
            if take_thumbnail:
                self._thumbnail = None
        if self.disk_path is not None:
            free = free_disk_mb(self.disk_path)
            if free is not None:
                body["free_disk_mb"] = free
        if self.usage is not None:
            body["usage"] = self.usage.snapshot()
        if thumbnail is not None:
            body["thumbnail"] = thumbnail
        return body
