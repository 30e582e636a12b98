"""Ticker: the announcements, scrolling right to left in one line.

Text that fits stands still. A touch pauses or resumes the movement
(moving content needs a way to pause on interactive screens). Texts are
drawn without markup, so announcements show exactly as typed.

The text is rendered once into a texture, on the ticker's colour (again only
when the items, the font, the colours or the panel's scale change). Like the labels
(:mod:`kiosk.widgets.crisp`) it is rendered at ``font_size x`` the factor the screens are
drawn by, so it is crisp on a 4K panel, and drawn at its design size, so the layout is the
same: offsets and sizes here are design pixels, the texture's are ``factor`` times as many.
Moving it re-lays nothing out: each step (``fps`` a second, only while the ticker
is on the window) shows another part of that texture in the same place -- the
pieces of it that fall inside the ticker, so no stencil is needed -- and is painted
alone (:mod:`kiosk.redraw`): only the rows of the text, one opaque layer, not the window.
"""

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.graphics import ClearBuffers, ClearColor, Color, Fbo, Rectangle
from kivy.properties import BooleanProperty, ColorProperty, ListProperty, NumericProperty
from kivy.uix.widget import Widget

from kiosk import redraw
from kiosk.widgets import crisp
from kiosk.widgets.follow import follow

SEPARATOR = "     •     "
INSET = 20  # px of the ticker's colour before the text
PIECES = 3  # at most this many copies of the looping text are in view at once
OFF_WINDOW_CHECK_S = 1.0  # how often a ticker that is not on the window looks whether it is again


class Ticker(Widget):
    items = ListProperty([])
    speed = NumericProperty(90)  # px per second
    fps = NumericProperty(20)  # steps per second while moving (4.5 px at 90 px/s)
    paused = BooleanProperty(False)
    font_size = NumericProperty(30)
    color = ColorProperty([0, 0, 0, 1])
    background = ColorProperty([1, 1, 1, 1])

    def __init__(self, **kwargs):
        self._plain = self._loop = None
        self._fbo = None  # (keeps the baked texture's framebuffer)
        self._factor = 1.0  # texture pixels per design pixel of the texture made last
        self._event = None
        self.offset = 0.0  # design px the looping text has moved
        self._drawn = None  # offset the canvas shows (it lags while the ticker is painted alone)
        self._solo = None
        super().__init__(**kwargs)
        with self.canvas:
            self._bg_color = Color(*self.background)
            self._bg = Rectangle()
            self._text_color = Color(1, 1, 1, 1)
            self._pieces = [Rectangle(size=(0, 0)) for _ in range(PIECES)]
        self.bind(pos=self._layout, size=self._resized, items=self._render, font_size=self._render,
                  color=self._render, background=self._render)
        from kivy.app import App

        root = getattr(App.get_running_app(), "root_widget", None)
        if root is not None:
            follow(root, "scale", self, "_rescaled")  # (held weakly, as CrispText's: kiosk.widgets.follow)
        self._render()

    @property
    def text(self):
        return SEPARATOR.join(i for i in self.items if i)

    # --- text ---------------------------------------------------------------------------
    def _render(self, *_args):
        text = self.text
        self._bg_color.rgba = self.background
        self._plain = self._loop = self._fbo = None
        self._factor = crisp.render_scale()
        if text:
            self._plain = self._make(text)
            self._loop = self._bake(self._make(text + SEPARATOR))
        self.offset = 0.0
        self._schedule()
        self._layout()

    def _make(self, text):
        label = CoreLabel(text=text, font_size=self.font_size * self._factor, color=list(self.color))
        label.refresh()
        return label.texture

    def _rescaled(self, *_args):
        if abs(crisp.render_scale() - self._factor) > 1e-6:
            offset = self.offset
            self._render()
            self.offset = offset % self._loop_width() if self._loop is not None else 0.0  # (keeps its place)
            self._layout()

    def _size(self, texture):
        """``texture``'s size in design pixels."""
        return texture.width / self._factor, texture.height / self._factor

    def _loop_width(self):
        return self._loop.width / self._factor

    def _bake(self, texture):
        """``texture`` (text on nothing) drawn on the ticker's colour: one opaque layer to paint, not two."""
        if self.background[3] != 1:
            return texture  # a see-through ticker shows what is under it: never painted alone anyway
        fbo = Fbo(size=texture.size)
        with fbo:
            ClearColor(*self.background)
            ClearBuffers()
            Color(1, 1, 1, 1)
            Rectangle(size=texture.size, texture=texture)
        fbo.draw()
        self._fbo = fbo
        return fbo.texture

    @property
    def moving(self):
        return self._plain is not None and self.width > 0 and self._size(self._plain)[0] > self.width - 2 * INSET

    # --- moving ---------------------------------------------------------------------------
    def _schedule(self, *_args):
        want = self.moving and not self.paused
        if self._event is not None:
            self._event.cancel()
            self._event = None
        if want:
            self._event = Clock.schedule_interval(self._step, 1 / max(1, self.fps))

    def on_paused(self, *_args):
        self._schedule()

    def on_fps(self, *_args):
        self._schedule()

    def _step(self, dt):
        if self.get_root_window() is None:  # its screen is not shown: rest, look again now and then
            self._event.cancel()
            self._event = Clock.schedule_interval(self._back_on_window, OFF_WINDOW_CHECK_S)
            return
        self.offset = (self.offset + self.speed * min(dt, 0.25)) % self._loop_width()
        drawer = redraw.current()
        if drawer is None or not drawer.offer(self):
            self._layout()

    def _back_on_window(self, _dt):
        if self.get_root_window() is not None:
            self._schedule()

    def pieces(self):
        """What is drawn of the text: ``[(x, y, w, h, texture region)]`` in the ticker's coordinates
        (design pixels), each inside the ticker's width; the regions are in texture pixels."""
        if self._plain is None or self.width <= 0:
            return []
        if not self.moving:
            tex = self._plain
            width, height = self._size(tex)
            return [(self.x + INSET, self.y + (self.height - height) / 2, width, height, tex)]
        tex, factor = self._loop, self._factor
        width, height = self._size(tex)
        y = self.y + (self.height - height) / 2
        start = self.x + INSET - int(self.offset)
        if start > self.x:
            start -= width
        end = self.x + self.width  # (not self.right: while the size changes it may still be the old one)
        out = []
        while start < end and len(out) < PIECES:
            left, right = max(start, self.x), min(start + width, end)
            if right > left:
                # the same part of the texture, in its own pixels (at most its width: rounding)
                tx = min(round((left - start) * factor), tex.width - 1)
                tw = max(1, min(round((right - left) * factor), tex.width - tx))
                out.append((left, y, right - left, height, tex.get_region(tx, 0, tw, tex.height)))
            start += width
        return out

    def _layout(self, *_args):
        self._bg.pos, self._bg.size = self.pos, self.size
        pieces = self.pieces()
        for i, rect in enumerate(self._pieces):
            if i < len(pieces):
                x, y, w, h, tex = pieces[i]
                rect.texture, rect.pos, rect.size = tex, (x, y), (w, h)
            else:
                rect.size = (0, 0)
        self._drawn = self.offset

    def _resized(self, *_args):
        self._schedule()
        self._layout()

    # --- painting alone (kiosk.redraw) --------------------------------------------------------
    def _band(self):
        """The rows the moving text takes (the rest of the ticker never changes), in its coordinates."""
        height = self._size(self._loop)[1]
        return self.x, self.y + (self.height - height) / 2, self.width, height

    def solo_rect(self):
        if not self.moving or self._fbo is None or self._size(self._loop)[1] > self.height:
            return None  # see-through, or text over the ticker's edges: what is under it would be needed
        return redraw.window_rect(self, *self._band())

    def paint_solo(self, group):
        if self._solo is None:
            self._solo = [Rectangle(size=(0, 0)) for _ in range(PIECES)]
            group.add(Color(1, 1, 1, 1))
            for rect in self._solo:
                group.add(rect)
        pieces = self.pieces()  # (moving: they cover the band's whole width, each on the ticker's colour)
        for i, rect in enumerate(self._solo):
            if i < len(pieces):
                px, py, pw, ph, tex = pieces[i]
                x, y, w, h = redraw.window_rect(self, px, py, pw, ph)
                rect.texture, rect.pos, rect.size = tex, (x, y), (w, h)
            else:
                rect.size = (0, 0)

    def sync_tree(self):
        if self._drawn != self.offset:
            self._layout()

    def on_touch_down(self, touch):
        if self.collide_point(*touch.pos):
            self.paused = not self.paused
            return True
        return super().on_touch_down(touch)
