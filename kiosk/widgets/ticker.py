"""Ticker: the announcements, scrolling right to left in one line.

Text that fits stands still. A touch pauses or resumes the movement
(moving content needs a way to pause on interactive screens). Texts are
drawn without markup, so announcements show exactly as typed.
"""

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics import Color, Rectangle, StencilPop, StencilPush, StencilUnUse, StencilUse
from kivy.properties import BooleanProperty, ColorProperty, ListProperty, NumericProperty
from kivy.uix.widget import Widget

SEPARATOR = "     •     "


class Ticker(Widget):
    items = ListProperty([])
    speed = NumericProperty(90)  # px per second
    paused = BooleanProperty(False)
    font_size = NumericProperty(30)
    color = ColorProperty([0, 0, 0, 1])
    background = ColorProperty([1, 1, 1, 1])
    offset = NumericProperty(0)

    def __init__(self, **kwargs):
        self._plain = self._loop = None
        self._event = None
        super().__init__(**kwargs)
        with self.canvas:
            self._bg_color = Color(*self.background)
            self._bg = Rectangle()
            StencilPush()
            self._mask = Rectangle()
            StencilUse()
            self._text_color = Color(1, 1, 1, 1)
            self._text = Rectangle()
            self._text2 = Rectangle()
            StencilUnUse()
            self._mask2 = Rectangle()
            StencilPop()
        self.bind(pos=self._layout, size=self._layout, items=self._render, font_size=self._render,
                  color=self._render, background=self._recolour, offset=self._layout)
        self._render()

    @property
    def text(self):
        return SEPARATOR.join(i for i in self.items if i)

    def _recolour(self, *_args):
        self._bg_color.rgba = self.background

    def _render(self, *_args):
        text = self.text
        self._plain = self._loop = None
        if text:
            self._plain = self._make(text)
            self._loop = self._make(text + SEPARATOR)
        self.offset = 0
        self._schedule()
        self._layout()

    def _make(self, text):
        label = CoreLabel(text=text, font_size=self.font_size, color=list(self.color))
        label.refresh()
        return label.texture

    @property
    def moving(self):
        return self._plain is not None and self.width > 0 and self._plain.width > self.width - 40

    def _schedule(self):
        want = self._plain is not None and not self.paused
        if want and self._event is None:
            self._event = Clock.schedule_interval(self._step, 1 / 30)
        elif not want and self._event is not None:
            self._event.cancel()
            self._event = None

    def on_paused(self, *_args):
        self._schedule()

    def _step(self, dt):
        if not self.moving:
            if self.offset:
                self.offset = 0
            return
        self.offset = (self.offset + self.speed * dt) % self._loop.width

    def _layout(self, *_args):
        self._bg.pos, self._bg.size = self.pos, self.size
        self._mask.pos, self._mask.size = self.pos, self.size
        self._mask2.pos, self._mask2.size = self.pos, self.size
        if self._plain is None:
            self._text.size = self._text2.size = (0, 0)
            return
        if self.moving:
            tex = self._loop
            y = self.y + (self.height - tex.height) / 2
            x = self.x + 20 - self.offset
            self._text.texture = self._text2.texture = tex
            self._text.pos, self._text.size = (x, y), tex.size
            self._text2.pos, self._text2.size = (x + tex.width, y), tex.size
        else:
            tex = self._plain
            y = self.y + (self.height - tex.height) / 2
            self._text.texture = tex
            self._text.pos, self._text.size = (self.x + 20, y), tex.size
            self._text2.size = (0, 0)

    def on_touch_down(self, touch):
        if self.collide_point(*touch.pos):
            self.paused = not self.paused
            return True
        return super().on_touch_down(touch)
