"""LoopPace: how many times a second Kivy's loop turns -- 60 while video plays or a visitor is touching, 20 otherwise.

Kivy's loop turns ``maxfps`` times a second whatever happens: it reads input, runs the
clock and draws a frame if something changed. With nothing to draw a turn still costs
~0.2 ms of Python here. A 25 fps video needs 60 (a picture waits for the next turn), and
so does a finger on the glass (a touch is read at a turn). A screen a visitor reads moves
at most by the ticker's steps, 20 a second (:class:`kiosk.widgets.ticker.Ticker`): 20 turns
give each step its own turn, and a turn with nothing to do is not paid for. (At 30 the
steps fall on every other turn or the next one, 15 a second, and jerk.) So: 60 on the
screens that play video and for ``TOUCH_HOLD_S`` after every touch, 20 otherwise.

Kivy keeps the figure in its clock (``Clock._max_fps``, read at every turn; set from
``Config graphics maxfps`` at start). Its clock also ends each wait early, by ~0.27 of a
turn (its margin is a fraction of ``get_resolution()``, a third of a turn unless
``clock_resolution`` is set), so it turned ~81 times a second for 60 and ~41 for 30.
``PRECISE_S`` makes it wake within ~2 ms of the turn: the rates above are what it does. :meth:`LoopPace.stop`
puts back both figures it found.
"""

from kivy.clock import Clock

from kiosk.video_loop import VIDEO_SCREENS

FAST = 60
CALM = 20  # the ticker's steps a second
TOUCH_HOLD_S = 3.0
PRECISE_S = 0.001  # how early Kivy's clock may wake before a turn (usleep is good to ~0.1 ms)


class LoopPace:
    def __init__(self, app, window=None, clock=Clock):
        from kivy.core.window import Window

        self.app = app
        self.window = window or Window
        self.clock = clock
        self._found = None
        self._found_resolution = None
        self._touching = False
        self._calm_later = None

    @property
    def fps(self):
        return self.clock._max_fps

    def start(self):
        self._found = self.clock._max_fps
        self._found_resolution = self.clock.clock_resolution
        self.clock.clock_resolution = PRECISE_S
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
        self.clock.clock_resolution = self._found_resolution
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
