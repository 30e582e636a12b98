"""LoopPace: how many times a second Kivy's loop turns -- 60 while video plays or a visitor is touching, 30 otherwise.

Kivy's loop turns ``maxfps`` times a second whatever happens: it reads input, runs the
clock and draws a frame if something changed. With nothing to draw a turn still costs
~0.2 ms of Python here, ~1.5 % of a core at 60 (Kivy overshoots to ~80 turns). A
screen a visitor reads, or the ticker's 20 steps a second, need no more than 30 turns;
a 25 fps video does (a picture waits for the next turn) and so does a finger on the
glass (a touch is read at a turn). So: 60 on the screens that play video and for
``TOUCH_HOLD_S`` after every touch, 30 otherwise.

Kivy keeps the figure in its clock (``Clock._max_fps``, read at every turn; set from
``Config graphics maxfps`` at start); :meth:`LoopPace.stop` puts back what it found.
"""

from kivy.clock import Clock

from kiosk.video_loop import VIDEO_SCREENS

FAST = 60
CALM = 30
TOUCH_HOLD_S = 3.0


class LoopPace:
    def __init__(self, app, window=None, clock=Clock):
        from kivy.core.window import Window

        self.app = app
        self.window = window or Window
        self.clock = clock
        self._found = None
        self._touching = False
        self._calm_later = None

    @property
    def fps(self):
        return self.clock._max_fps

    def start(self):
        self._found = self.clock._max_fps
        self.window.fbind("on_touch_down", self._touched)
        self.app.fbind("current", self._update)
        self._update()

    def stop(self):
        if self._found is None:
            return
        self.window.funbind("on_touch_down", self._touched)
        self.app.funbind("current", self._update)
        if self._calm_later is not None:
            self._calm_later.cancel()
            self._calm_later = None
        self.clock._max_fps = self._found
        self._found = None

    def _touched(self, *_args):
        self._touching = True
        if self._calm_later is not None:
            self._calm_later.cancel()
        self._calm_later = self.clock.schedule_once(self._untouched, TOUCH_HOLD_S)
        self._update()

    def _untouched(self, *_args):
        self._calm_later = None
        self._touching = False
        self._update()

    def _update(self, *_args):
        fast = self._touching or self.app.current in VIDEO_SCREENS
        limit = self._found or FAST
        self.clock._max_fps = float(min(limit, FAST if fast else CALM)) if limit > 0 else limit
