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
    """Stop ``app`` (on_stop: timers, sync thread, player) and clear the window."""
    from kivy.core.window import Window

    root = app.root
    app.stop()
    for _ in range(2):
        frame()
    if root is not None and root.parent is Window:
        Window.remove_widget(root)
