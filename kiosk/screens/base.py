"""KioskScreen: what every screen shares.

A screen loads its ``.kv`` (next to its module) when it is first built,
registers with the app, and rebuilds its content in :meth:`refresh` -- when
it is about to be shown (:meth:`show`), and at once when the language or the
manifest changes while it is on screen. A screen whose content depends on
nothing else says so in :meth:`content_key`, and is not rebuilt when a
visitor comes back to it unchanged (a rebuild costs 100-250 ms here).
"""

import sys

from kivy.app import App
from kivy.uix.screenmanager import Screen

from kiosk.widgets import load_kv
from kiosk.widgets import common  # noqa: F401  (KLabel, KButton, Card for the kv files)


class KioskScreen(Screen):
    def __init__(self, **kwargs):
        self.app = App.get_running_app()
        self._shown_for = None  # content_key() of what the screen shows now (None: rebuild at the next show)
        load_kv(sys.modules[type(self).__module__].__file__)
        super().__init__(**kwargs)
        self.app.register_screen(self)
        self.app.bind(lang=self._changed, manifest=self._changed)

    @property
    def visible(self):
        return self.manager is not None and self.manager.current == self.name and self.app.current == self.name

    def _changed(self, *_args):
        if self.visible:
            self.refresh()
            self._shown_for = self.content_key()
        else:
            self._shown_for = None

    def content_key(self):
        """All the content shown depends on (compared between visits); None: rebuild at every visit."""
        return None

    def show(self):
        """Called before the screen is shown: rebuild its content unless nothing it depends on changed."""
        key = self.content_key()
        if key is None or key != self._shown_for:
            self.refresh()
        self._shown_for = key

    def refresh(self):
        """Rebuild what depends on the manifest, the language or the date."""

    def tr(self, key, **fmt):
        return self.app.tr(key, **fmt)

    def pick(self, text):
        return self.app.pick(text)
