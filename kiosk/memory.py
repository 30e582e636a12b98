"""Keep the kiosk's memory from creeping up: big buffers go back to the system when freed.

The kiosk allocates and frees big buffers all day: every clip opens a new
libVLC decoder (its pictures are 1.4 MB in YUV, 3.7 MB in RGBA at 720p) on
threads of its own, and the screens' text textures are redrawn at every
visit and language change. glibc's malloc serves a buffer from 128 KB up
with its own mmap, returned when freed -- but after the first such buffer is
freed it raises that threshold to the buffer's size (up to 32 MB), and from
then on serves them from its arenas (up to 8 per core, one per thread that
allocates), which keep what is freed. bench/memory.py (10 minutes of video
and screen changes) measured the kiosk's RSS going from 384 MB at its first
frame to 712 MB (peak 850 MB) while malloc's bytes in use stayed level
(240-410 MB, by screen): the free bytes malloc held grew from 21 to 327 MB.
Tuned, the same run ended at 551 MB (peak 646 MB), with under 130 MB held.

:func:`tune_allocator` fixes the threshold at :data:`MMAP_THRESHOLD` (1 MiB)
before libVLC and Kivy start (``court-kiosk``'s main does it), so buffers of
1 MiB and more are always mmapped and go back to the system when freed. The
cost: each such buffer is fresh memory the kernel must map and zero, about
0.4 ms of CPU per MB on the thread that allocates it (a 3.7 MB copy of a
720p picture: 1.4 ms instead of 0.06 ms).

When a visitor leaves, the kiosk drops the screens they opened
(:meth:`kiosk.visitor_gate.VisitorGate.give_back_memory`) and their memory is
freed into the heap, which malloc keeps: :func:`give_back` collects Python's
cycles and hands the free pages back with ``malloc_trim`` (~100 MB after a
walk through every screen), before the attract loop plays.

Python's own small-object allocator (pymalloc) takes memory from the system
in arenas of 1 MiB and gives an arena back only once every object in it is
gone. A visitor's screens are ~300k small objects; the few that outlive the
visit (caches, compiled rules, locale data) are spread over the arenas and
pin them: after three visitors pymalloc held 81 arenas with ~40 MB of live
objects. :data:`PYTHON_ALLOCATOR` makes Python use malloc for them as well, so
``malloc_trim`` gives back every free 4 KiB page instead (~23 MB less in the
attract loop, BENCHMARKS.md section 5, seventh round). It is read only when Python starts:
``court-kiosk`` starts itself again with it set (:func:`python_allocator_env`).

What is freed while the kiosk runs goes back into the heap, where malloc keeps it, and only
``malloc_trim`` hands its pages to the system: the screens rebuilt in another language or text size,
the clip's pictures, the texts redrawn. With a visitor's screens built on the demo court, 27 MB of
them were free and still in RAM, given back by one ``malloc_trim`` in 2 ms; in bench/memory.py's run
the kiosk's RSS rose from 355 to ~420 MB after the first visitors though malloc's bytes in use grew
by 14 MB. :func:`trim` gives them back; the app calls it every ``trim_every_s`` (kiosk/services.py).

Python's collector makes a full pass over every object now and then (when the objects that
survived younger passes reach a quarter of those in the oldest generation). With a visitor's screens
built that is ~500k objects: 150-275 ms here, and a tap or a screen build that meets one waits for it
(BENCHMARKS.md section 9). :func:`set_aside` makes one full collection of its own (everything
set aside before is taken back in: some of it may be garbage by then, a screen rebuilt in another
language) and moves every object still alive out of those passes (``gc.freeze``). The app calls it
once its first frame is drawn and when the Prebuilder has built what it had to, at a moment the
visitor is reading; :func:`give_back` calls it when a visitor has left. A pass during a visit then
looks only at what was made since. (Set aside without collecting first, the screens rebuilt during a
visit stayed until the visitor left: 600 MB at the end of section 5's run instead of ~460.)

Pure Python, no Kivy. Outside glibc (musl, macOS) the allocator functions do nothing (and
say so in what they return); :func:`give_back` only collects.
"""

import ctypes
import ctypes.util
import gc
import logging
import os
import time

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # glibc's malloc.h
MMAP_THRESHOLD = 1024 * 1024

PYTHON_ALLOCATOR = "malloc"  # PYTHONMALLOC's value for the kiosk

_libc = None
_looked_up = False


def _glibc():
    global _libc, _looked_up
    if not _looked_up:
        _looked_up = True
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
            libc.mallopt.restype = ctypes.c_int
        except (OSError, AttributeError):
            log.info("not glibc: the allocator keeps its own settings")
            return None
        _libc = libc
    return _libc


def tune_allocator(threshold=MMAP_THRESHOLD) -> bool:
    """Serve (and return on free) every buffer of ``threshold`` bytes or more with its own mmap.

    Call once, early, before other threads start. True if glibc took the setting.
    """
    libc = _glibc()
    if libc is None:
        return False
    ok = libc.mallopt(M_MMAP_THRESHOLD, int(threshold)) == 1
    if not ok:
        log.warning("malloc did not take the mmap threshold %d", threshold)
    return ok


def python_allocator_env(environ):
    """The environment to start the kiosk again with, Python's allocator set; None if it needs no restart.

    A PYTHONMALLOC already set (pymalloc_debug to find a bug, say) is kept as it is.
    """
    if _glibc() is None or "PYTHONMALLOC" in environ:
        return None
    return {**environ, "PYTHONMALLOC": PYTHON_ALLOCATOR}


def _rss_bytes():
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, IndexError, ValueError):
        return None


def collect_all():
    """A full collection over every object, those set aside included (they are taken back in)."""
    gc.unfreeze()
    gc.collect()


def set_aside():
    """:func:`collect_all`, then leave every object still alive out of the collector's automatic passes
    until the next one. (Collected first: garbage set aside would stay until then.)"""
    collect_all()
    gc.freeze()


def trim():
    """Hand malloc's free pages back to the system (no collection: ~2 ms with a visitor's screens built).
    False outside glibc."""
    libc = _glibc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True


def give_back():
    """Collect Python's garbage cycles (every object, those set aside too; the survivors are set aside
    again) and return malloc's free pages to the system.

    Returns (bytes of RSS given back or None if unknown, seconds it took); outside glibc only collects.
    """
    started, before = time.monotonic(), _rss_bytes()
    set_aside()
    if not trim():
        return None, time.monotonic() - started
    after = _rss_bytes()
    took = time.monotonic() - started
    freed = before - after if before is not None and after is not None else None
    log.debug("gave back %s bytes of memory in %.0f ms", freed, took * 1000)
    return freed, took
