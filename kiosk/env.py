"""KioskEnv: everything the kiosk app needs from outside, so tests swap in fakes.

Kivy-free: kiosk.cli builds one before the Kivy environment is set.
"""

import datetime as dt
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from kiosk import watchdog as systemd_watchdog


def _utc_now():
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class KioskEnv:
    """What the app gets from outside; tests override fields instead of patching.

    ``manifest``: the manifest to start with (kiosk.cli reads the cache before
    the UI starts). ``make_sync(on_update, status_fn)`` returns an object with
    ``start()``/``stop()`` (or None for no server). ``make_player(call_soon)``
    returns a :class:`kiosk.video.base.Player`. ``now`` gives an aware
    datetime, ``monotonic`` seconds for the idle timer.

    ``usage_path``: where usage counts are kept (None: not counted).
    ``lang_rotate_s``: display mode shows each language this long.
    ``thumbnail_first_s`` / ``thumbnail_every_s``: when the heartbeat's screen
    thumbnail is taken (0 or None: never). ``usage_save_s``: how often the
    counts are written to disk. ``watchdog``: an object with ``ready()``,
    ``ping()`` and ``ping_interval_s()`` (:mod:`kiosk.watchdog`).
    ``give_back_memory()``: called when a visitor has left, once the app has
    dropped their screens, before the attract loop plays (:func:`kiosk.memory.give_back`;
    None: never, and the screens stay built). ``set_aside()``: called when what is built now will
    stay a while (the first frame is drawn, the Prebuilder has built what it had to): one full
    collection, then the objects left out of Python's automatic full collections
    (:func:`kiosk.memory.set_aside`; None: never). ``trim_memory()``: called every ``trim_every_s``
    to hand the free memory kept by malloc back to the system (:func:`kiosk.memory.trim`; None: never).
    """

    lang: str = "kk"
    mode: str = "kiosk"
    layout: str = "normal"
    manifest: dict | None = None
    hearings: dict | None = None  # the hearings feed to start with (the last one kept in the cache)
    room: str = ""  # display mode: the door sign of this courtroom (its number on the door)
    cache: Any = None
    make_sync: Callable | None = None
    make_player: Callable | None = None
    now: Callable[[], dt.datetime] = _utc_now
    monotonic: Callable[[], float] = time.monotonic
    server_url: str = ""
    kiosk_id: str = ""
    snapshot_dir: Path | None = None
    snapshot_prepare: Callable | None = None  # () -> manifest or None; runs off the UI thread
    errors: list = field(default_factory=list)
    usage_path: Path | None = None
    lang_rotate_s: float = 15.0
    thumbnail_first_s: float | None = 20.0
    thumbnail_every_s: float | None = 300.0
    usage_save_s: float = 60.0
    watchdog: Any = systemd_watchdog
    give_back_memory: Callable | None = None
    set_aside: Callable | None = None
    trim_memory: Callable | None = None
    trim_every_s: float | None = 15.0
