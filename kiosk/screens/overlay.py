"""Overlay: a layer the app adds over every screen now and then (the idle warning, an emergency).

It is built once, up front, and spends most of its life detached from the window. While
detached it keeps the size it will be shown at (the root's layout area): at a widget's
default 100x100 its wrapping labels would be laid out a few pixels wide and their texts
drawn into textures thousands of pixels tall -- several MB each, redrawn whenever their
text changes (the emergency overlay's clock, every second).
"""

from kivy.app import App
from kivy.uix.floatlayout import FloatLayout


class Overlay(FloatLayout):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.app = App.get_running_app()
        self.app.register_screen(self)
        root = self.app.root_widget
        root.bind(size=self._follow_root, scale=self._follow_root)
        self._follow_root()

    def _follow_root(self, *_args):
        if self.parent is None:
            self.size = self.app.root_widget.area
