"""VideoSurface: a Kivy widget that shows a player's frames.

It pulls :meth:`kiosk.video.base.Player.frame` on the Kivy clock while
``active`` is true and uploads a new picture into a flipped RGBA texture,
letterboxed to the widget. With no picture it shows its background colour,
so a screen can put a caption on top -- never a black hole.
"""

from kivy.clock import Clock
from kivy.graphics import Color, Rectangle
from kivy.graphics.texture import Texture
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty, ObjectProperty
from kivy.uix.widget import Widget


class VideoSurface(Widget):
    player = ObjectProperty(None, allownone=True)
    active = BooleanProperty(False)
    background = ColorProperty([0.08, 0.13, 0.24, 1])
    fps = NumericProperty(30)
    has_picture = BooleanProperty(False)
    frames_shown = NumericProperty(0)

    def __init__(self, **kwargs):
        self._texture = None
        self._key = None
        self._aspect = 16 / 9
        self._event = None
        super().__init__(**kwargs)
        with self.canvas:
            self._bg_color = Color(*self.background)
            self._bg = Rectangle(pos=self.pos, size=self.size)
            self._pic_color = Color(1, 1, 1, 0)
            self._pic = Rectangle(pos=self.pos, size=(0, 0))
        self.bind(pos=self._layout, size=self._layout, background=self._recolour)

    def on_active(self, _instance, active):
        if self._event is not None:
            self._event.cancel()
            self._event = None
        if active:
            self._event = Clock.schedule_interval(self.pull, 1.0 / max(1, self.fps))
            self.pull()
        else:
            self.clear()

    def clear(self):
        self._key = None
        self.has_picture = False
        self._pic_color.a = 0

    def pull(self, *_args):
        """Show the player's newest picture (called on the Kivy clock)."""
        player = self.player
        frame = player.frame() if player is not None else None
        if frame is None:
            if player is None or not player.playing:
                self.clear()
            return
        if frame.key == self._key:
            return
        if self._texture is None or self._texture.size != (frame.width, frame.height):
            self._texture = Texture.create(size=(frame.width, frame.height), colorfmt="rgba")
            self._texture.flip_vertical()
            self._pic.texture = self._texture
        self._texture.blit_buffer(frame.data, colorfmt="rgba", bufferfmt="ubyte")
        self._key = frame.key
        if frame.aspect != self._aspect:
            self._aspect = frame.aspect
            self._layout()
        self._pic_color.a = 1
        self.has_picture = True
        self.frames_shown += 1
        self.canvas.ask_update()

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
