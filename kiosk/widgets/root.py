"""KioskRoot: the window's root widget, the screens scaled to the panel, touches through the app's gate."""

from kivy.app import App
from kivy.graphics import PopMatrix, PushMatrix, Scale
from kivy.graphics.transformation import Matrix
from kivy.properties import ListProperty, NumericProperty
from kivy.uix.floatlayout import FloatLayout


class KioskRoot(FloatLayout):
    """The window's root: touches pass the app's gate first (idle, attract, emergency, display).

    The screens are laid out in pixels for ``design`` (1080x1920 for the kiosk); on any other
    window they are scaled to fit it: ``scale`` is the factor, and the layout area is the
    window divided by it, so a 2160x3840 panel shows the same screens twice as big (text
    included) and a 1200x1920 one gets them 1200 wide. Drawing, touches and coordinates
    (``to_window``, ``to_local``) all go through the factor, as RelativeLayout does for an offset.
    """

    design = ListProperty([1080, 1920])
    scale = NumericProperty(1.0)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.canvas.before:
            PushMatrix()
            self._scale = Scale(1.0, 1.0, 1.0)
        with self.canvas.after:
            PopMatrix()
        self.bind(size=self._rescale, design=self._rescale)
        self._rescale()

    def _rescale(self, *_args):
        w, h = self.size
        dw, dh = self.design
        self.scale = max(0.1, min(w / dw, h / dh)) if w > 0 and h > 0 else 1.0

    def on_scale(self, _instance, scale):
        self._scale.xyz = (scale, scale, 1.0)
        self._trigger_layout()

    @property
    def area(self):
        """The layout area: the window in design pixels (what a full-screen child is given)."""
        return self.width / self.scale, self.height / self.scale

    def do_layout(self, *_args, **_kwargs):
        super().do_layout(pos=(0, 0), size=self.area)

    def to_parent(self, x, y, relative=False):
        return x * self.scale + self.x, y * self.scale + self.y

    def to_local(self, x, y, relative=False):
        return (x - self.x) / self.scale, (y - self.y) / self.scale

    def _apply_transform(self, m, pos=None):  # get_window_matrix, as Scatter does it
        m = Matrix().scale(self.scale, self.scale, 1.0).multiply(m)
        return super()._apply_transform(m, (0, 0))

    def _in_layout(self, touch, handler):
        touch.push()
        touch.apply_transform_2d(self.to_local)
        try:
            return handler(touch)
        finally:
            touch.pop()

    def on_touch_down(self, touch):
        app = App.get_running_app()
        if app is not None and app.gate_touch():
            return True
        return self._in_layout(touch, super().on_touch_down)

    def on_touch_move(self, touch):
        app = App.get_running_app()
        if app is not None and app.touch_blocked:
            return True
        return self._in_layout(touch, super().on_touch_move)

    def on_touch_up(self, touch):
        app = App.get_running_app()
        if app is not None and app.touch_blocked:
            return True
        return self._in_layout(touch, super().on_touch_up)
