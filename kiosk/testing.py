"""Drive a :class:`kiosk.app.KioskApp` without its event loop: for tests and benchmarks.

Kivy's own loop (``App.run``) never returns until the app stops; tests want
to step it. :func:`start_app` builds the app into the (offscreen) window and
dispatches ``on_start``; :func:`pump` runs frames -- clock callbacks, layout
and drawing, so ``on_flip`` handlers (the watchdog's first frame, thumbnails,
emergency acks) run as they would on a screen; :func:`stop_app` stops it and
clears the window for the next app in the same process.

Import only after the Kivy environment is set (tests/conftest.py does it).
"""

import sys
import time

DEFAULT_SIZE = (1080, 1920)


def window(size=DEFAULT_SIZE):
    """The Kivy window at ``size``.

    If it does not exist yet it is created square, big enough for either
    orientation: an offscreen window draws nothing beyond the size it was
    created with, so later apps (portrait kiosk, landscape display) fit in it.
    """
    from kivy.config import Config

    if "kivy.core.window" not in sys.modules:
        side = str(max(size))
        Config.set("graphics", "width", side)
        Config.set("graphics", "height", side)
    from kivy.core.window import Window

    Window.size = size
    return Window


def start_app(app, size=DEFAULT_SIZE, frames=10):
    """Build ``app`` into the window at ``size`` and run ``on_start``; returns the app."""
    window(size)
    app._run_prepare()
    pump(frames=frames)
    return app


def frame():
    """One turn of Kivy's loop: clock, layout, and a drawn frame if anything changed.

    ``glFinish`` waits for the frame to be drawn, as a real screen's buffer swap
    would: an offscreen (Mesa llvmpipe) window otherwise queues frames without
    limit and the next texture upload waits for all of them at once.
    """
    from kivy.base import EventLoop
    from kivy.graphics.opengl import glFinish

    EventLoop.idle()
    glFinish()


def pump(seconds=0.0, frames=0, until=None, step_s=0.01):
    """Run frames for ``seconds`` (real time) and at least ``frames`` times, or until ``until()`` is true.

    Returns True if ``until`` became true (or was not given), False on time-out.
    """
    end = time.monotonic() + seconds
    n = 0
    while True:
        frame()
        n += 1
        if until is not None and until():
            return True
        if n >= frames and time.monotonic() >= end:
            return until is None
        time.sleep(step_s)


def stop_app(app):
    """Stop ``app`` (on_stop: timers, sync thread, player) and clear the window for the next app.

    What the stopped app's widgets still had to redraw is dropped, not drawn: a kv expression that
    reads ``app`` finds no running app once it stopped (kivy.lang.parser.ProxyApp) and raises inside
    ``Builder.sync``, which then fails on every later frame of the process (its list of pending updates
    is left broken), so one failed test would fail every app after it.
    """
    from kivy.clock import Clock
    from kivy.core.window import Window

    root = app.root
    try:
        frame()  # what the test left changed, drawn while the app still runs
    finally:  # (and stopped even if that frame fails)
        app.stop()
        for _ in range(2):
            Clock.tick()  # the callbacks on_stop left (the player's last events)
        if root is not None and root.parent is Window:
            Window.remove_widget(root)
        drop_pending_kv_updates()


def drop_pending_kv_updates():
    """Forget the canvas updates kv queued for the next frame (kivy.lang.builder keeps them in a list
    linked through each entry's last item, None when it is not queued): the widgets are an ended app's."""
    from kivy.lang import builder

    entry, builder._delayed_start = builder._delayed_start, None
    while isinstance(entry, list):
        entry[-1], entry = None, entry[-1]
