"""VideoSurface: a Kivy widget that shows a player's frames.

While ``active``, the player wakes it (``Player.on_picture``) whenever a new picture
may be there, and it uploads that picture into a flipped RGBA texture, letterboxed to
the widget: the video sets the pace, and nothing is uploaded or drawn while the picture
stays the same. It takes every picture in turn (``Player.next_frame``): held up for a
frame or two (a whole-window redraw), it catches up instead of missing pictures. A slow check (``check_every_s``) covers players that do not wake it and
a player that stopped. A new picture of the same size is painted alone when it can be
(:mod:`kiosk.redraw`: only the picture's pixels, not the whole window).

``frames_shown`` counts the pictures uploaded; ``frames_dropped`` the player's pictures
it never uploaded (their numbers jumped: a picture replaced before it was pulled).
With no picture it shows its background colour, so a screen can put a caption on
top -- never a black hole.
"""

from kivy.clock import Clock
from kivy.graphics import Color, Rectangle
from kivy.graphics.texture import Texture
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty, ObjectProperty
from kivy.uix.widget import Widget

from kiosk import redraw


class VideoSurface(Widget):
    player = ObjectProperty(None, allownone=True)
    active = BooleanProperty(False)
    background = ColorProperty([0.08, 0.13, 0.24, 1])
    check_every_s = NumericProperty(0.5)
    has_picture = BooleanProperty(False)
    frames_shown = NumericProperty(0)
    frames_dropped = NumericProperty(0)

    def __init__(self, **kwargs):
        self._texture = None
        self._key = None
        self._aspect = 16 / 9
        self._check = self._due = None
        self._hooked = None  # the player whose on_picture wakes us
        self._seen = None  # (clip, number) of the last picture uploaded; None: do not count the next one
        self._solo = None
        self._wake = Clock.create_trigger(self.pull, 0)
        active = kwargs.pop("active", False)  # (set once the canvas is there)
        super().__init__(**kwargs)
        with self.canvas:
            self._bg_color = Color(*self.background)
            self._bg = Rectangle(pos=self.pos, size=self.size)
            self._pic_color = Color(1, 1, 1, 0)
            self._pic = Rectangle(pos=self.pos, size=(0, 0))
        self.bind(pos=self._layout, size=self._layout, background=self._recolour)
        self.active = active

    # --- being woken --------------------------------------------------------
    def on_active(self, _instance, active):
        for event in (self._check, self._due):
            if event is not None:
                event.cancel()
        self._check = self._due = None
        self._hook(self.player if active else None)
        if active:
            self._seen = None
            self._check = Clock.schedule_interval(self.pull, self.check_every_s)
            self.pull()
        else:
            self.clear()

    def on_player(self, _instance, player):
        if self.active:
            self._hook(player)
            self._wake()

    def _hook(self, player):
        old = self._hooked
        if old is not None and old is not player and old.on_picture == self._wake:
            old.on_picture = None
        self._hooked = player
        if player is not None:
            player.on_picture = self._wake  # a Kivy trigger: safe to call from libVLC's threads

    def clear(self):
        if self._key is None and not self.has_picture:
            return  # (setting the colour again would redraw the window)
        self._key = None
        self.has_picture = False
        self._pic_color.a = 0

    # --- pictures -------------------------------------------------------------------
    def pull(self, *_args):
        """Show the player's newest picture (on the Kivy clock, when woken or checking)."""
        player = self.player
        frame = player.next_frame() if player is not None else None
        self._pull_when_due(player)
        if frame is None:
            if player is None or not player.playing:
                self.clear()
            return
        if frame.key == self._key:
            return
        whole = not self.has_picture  # the picture appears: the window changes around it too
        if self._texture is None or self._texture.size != (frame.width, frame.height):
            self._texture = Texture.create(size=(frame.width, frame.height), colorfmt="rgba")
            self._texture.flip_vertical()
            self._pic.texture = self._texture
            whole = True
        self._texture.blit_buffer(frame.data, colorfmt="rgba", bufferfmt="ubyte")
        self._key = frame.key
        self._count(frame)
        if frame.aspect != self._aspect:
            self._aspect = frame.aspect
            self._layout()
            whole = True
        if whole:
            self._pic_color.a = 1  # (setting a colour marks the window for a whole redraw, even unchanged)
        self.has_picture = True
        self.frames_shown += 1
        drawer = redraw.current()
        if whole or drawer is None or not drawer.offer(self):
            self.canvas.ask_update()

    def _pull_when_due(self, player):
        """A picture the player holds back (at a switch between clips) is due later: pull then."""
        if self._due is not None:
            self._due.cancel()
            self._due = None
        delay = player.next_picture_in() if player is not None and self.active else None
        if delay is not None:
            self._due = Clock.schedule_once(self.pull, delay)

    def _count(self, frame):
        if frame.number is None:
            return
        seen = self._seen
        if seen is not None:
            missed = frame.number - seen[1] - 1 if frame.clip == seen[0] else frame.number - 1
            if missed > 0:
                self.frames_dropped += missed
        self._seen = (frame.clip, frame.number)

    # --- painting alone (kiosk.redraw) ------------------------------------------------
    def solo_rect(self):
        if not self.has_picture or self._texture is None or self._pic_color.a != 1:
            return None
        return redraw.window_rect(self, *self._pic.pos, *self._pic.size)

    def paint_solo(self, group):
        if self._solo is None:
            self._solo = Rectangle()
            group.add(Color(1, 1, 1, 1))
            group.add(self._solo)
        x, y, w, h = self.solo_rect()
        self._solo.texture = self._texture
        self._solo.pos, self._solo.size = (x, y), (w, h)

    def sync_tree(self):
        """(The canvas shares the texture: a picture painted alone is already in it.)"""

    # --- layout ----------------------------------------------------------------------------
    def _recolour(self, *_args):
        self._bg_color.rgba = self.background

    def _layout(self, *_args):
        self._bg.pos, self._bg.size = self.pos, self.size
        w, h = self.size
        if w <= 0 or h <= 0:
            return
        if w / h > self._aspect:
            pw, ph = h * self._aspect, h
        else:
            pw, ph = w, w / self._aspect
        self._pic.pos = (self.x + (w - pw) / 2, self.y + (h - ph) / 2)
        self._pic.size = (pw, ph)
