"""Drawn frames: code that runs once the next frame is drawn, the window's pixels, the heartbeat thumbnail.

Kivy is imported only inside the functions (kiosk.app imports this module).
"""

import logging
import threading

from kiosk.status import encode_thumbnail

log = logging.getLogger(__name__)


class FrameHooks:
    """Callbacks for the next ``on_flip`` (the frame is drawn, not yet swapped): the watchdog's
    first frame, thumbnails, emergency acks. :meth:`unbind_all` drops those still waiting (on stop)."""

    def __init__(self):
        self._waiting = []

    def after_next_frame(self, callback):
        """Call ``callback()`` from the next ``on_flip``."""
        from kivy.core.window import Window

        def once(*_args):
            Window.unbind(on_flip=once)
            if once in self._waiting:
                self._waiting.remove(once)
            callback()

        self._waiting.append(once)
        Window.bind(on_flip=once)
        Window.canvas.ask_update()

    def unbind_all(self):
        from kivy.core.window import Window

        for callback in self._waiting:
            Window.unbind(on_flip=callback)
        self._waiting = []


class Thumbnailer:
    """The heartbeat's screen thumbnail: the window's pixels read after the next frame (UI thread),
    scaled and encoded off it, then put on the status board. One at a time (``busy``)."""

    def __init__(self, frames, board):
        self.frames = frames
        self.board = board
        self.busy = False

    def take(self, *_args):
        if self.busy:
            return
        self.busy = True

        def grab():
            try:
                width, height, pixels = read_window_pixels()
            except Exception as exc:  # a failed screenshot must not stop the kiosk
                log.warning("cannot read the screen for the thumbnail: %s", exc)
                self.busy = False
                return
            threading.Thread(target=self._encode, args=(width, height, pixels),
                             name="kiosk-thumbnail", daemon=True).start()

        self.frames.after_next_frame(grab)

    def _encode(self, width, height, pixels):
        try:
            encoded = encode_thumbnail(width, height, pixels)
            if encoded is not None:
                self.board.set_thumbnail(encoded)
        except Exception:  # Pillow trouble: log it, keep going
            log.exception("cannot encode the screen thumbnail")
        finally:
            self.busy = False


def read_window_pixels():
    """``(width, height, RGBA bytes bottom row first)`` of what the window shows.

    Call from an ``on_flip`` handler (see :meth:`FrameHooks.after_next_frame`), on the UI thread.
    """
    from kivy.core.window import Window
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels

    from kiosk.buffer_age import surface_size

    width, height = Window.size
    surface = surface_size()
    if surface is not None and (width > surface[0] or height > surface[1]):
        raise RuntimeError(f"the window is {width}x{height} but the surface it draws on is {surface[0]}x{surface[1]}: "
                           "what lies beyond it is never drawn (an offscreen window keeps the size it was made "
                           "with; tests make it with kiosk.testing.window())")
    return width, height, glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)


def save_window_png(path):
    """Write what the window shows now (call from an ``on_flip`` handler) to ``path``."""
    from PIL import Image

    width, height, data = read_window_pixels()
    image = Image.frombytes("RGBA", (width, height), data).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image.convert("RGB").save(path)
