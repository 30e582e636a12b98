"""KioskScreen: what every screen shares; Prebuilder: screens built before the visitor opens them.

A screen loads its ``.kv`` (next to its module) when it is first built,
registers with the app, and rebuilds its content in :meth:`refresh` -- when
it is about to be shown (:meth:`show`), and at once when the language or the
manifest changes while it is on screen. A screen says what its content
depends on in :meth:`content_key`, and is not rebuilt when a visitor comes
back to it unchanged (a rebuild costs 100-250 ms here); without a key it is
rebuilt at every visit.

The :class:`Prebuilder` builds (and lays out, and fills) the screens a visitor
may open next while the visitor reads a screen without touching it, one at a
time, so a first visit finds its screen ready -- built for the language and
text size on show. It never works while video plays (a build holds the UI
thread for 50-250 ms: pictures would be missed).
"""

import sys

from kivy.app import App
from kivy.clock import Clock
from kivy.uix.screenmanager import Screen

from kiosk.widgets import load_kv
from kiosk.widgets.follow import follow_all
from kiosk.widgets import common  # noqa: F401  (KLabel, KButton, Card for the kv files)


class KioskScreen(Screen):
    follows_on_screen = False  # True: while shown, it keeps up with every change its content_key() covers

    def __init__(self, **kwargs):
        self.app = App.get_running_app()
        self._shown_for = None  # content_key() of what the screen shows now (None: rebuild at the next show)
        load_kv(sys.modules[type(self).__module__].__file__)
        super().__init__(**kwargs)
        self.app.register_screen(self)
        follow_all(self.app, self, lang="_changed", manifest="_changed")  # (dropped between visitors: held weakly)
        self.fbind("on_leave", self._left)

    @property
    def visible(self):
        return self.manager is not None and self.manager.current == self.name and self.app.current == self.name

    def _changed(self, *_args):
        if self.visible:
            self.refresh()
            self._shown_for = self.content_key()
        else:
            self._shown_for = None

    def _left(self, *_args):
        if self.follows_on_screen:  # it shows what holds now: a visitor coming back needs no rebuild
            self._shown_for = self.content_key()

    def content_key(self):
        """All the content shown depends on (compared between visits); None: rebuild at every visit."""
        return None

    def stale(self):
        """Whether :meth:`show` would rebuild the content (it depends on something that changed)."""
        key = self.content_key()
        return key is None or key != self._shown_for

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


# home's tiles in their order (hearings first when there is a feed), the calculator (from fees) and a
# template's detail (its widgets and QR code; the template chosen later fills it quickly)
PREBUILD = ("hearings", "fees", "reception", "templates", "calculator", "links", "videos", "template")
IDLE_S = 0.6  # no touch for this long: the visitor is reading, a build may take the UI thread
GAP_S = 0.3  # between two builds, so a touch waits for one build at most
NO_PREBUILD_ON = ("", "waiting", "attract", "videos", "display")  # video plays there (or nothing to open)


class Prebuilder:
    """Builds the screens of ``names`` ahead of the visitor (see the module docstring). ``built`` counts them."""

    def __init__(self, app, names=PREBUILD):
        self.app = app
        self.names = names
        self.built = 0
        self._built_when_set_aside = 0  # ``built`` when what was built was last set aside
        self._event = None

    def start(self):
        self.app.bind(current=self._soon, lang=self._soon, font_scale=self._soon, manifest=self._soon)
        self._soon()

    def stop(self):
        self.app.unbind(current=self._soon, lang=self._soon, font_scale=self._soon, manifest=self._soon)
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def _soon(self, *_args, delay=IDLE_S):
        if self._event is not None:
            self._event.cancel()
        self._event = Clock.schedule_once(self._step, delay)

    def next_name(self):
        """The first screen of ``names`` that is not built, or built for what no longer holds; None: all ready."""
        app = self.app
        for name in self.names:
            if name == "hearings" and app.hearings.feed is None:
                continue  # (no tile for it on home)
            screen = app.screens.get(name)
            if screen is None or (screen.content_key() is not None and screen.stale()):
                return name
        return None

    def _step(self, _dt):
        self._event = None
        app = self.app
        if app.current in NO_PREBUILD_ON or app.warning_shown or app.emergency_visible or app.inner is None:
            return  # (a change of screen asks again)
        idle_for = app.env.monotonic() - app.idle.last_touch
        if idle_for < IDLE_S:
            self._soon(delay=IDLE_S - idle_for)
            return
        name = self.next_name()
        if name is None:
            if self.built != self._built_when_set_aside and app.env.set_aside is not None:
                app.env.set_aside()  # built: out of the collector's automatic full passes (kiosk/memory.py)
            self._built_when_set_aside = self.built
            return
        prepare(app, name)
        self.built += 1
        self._soon(delay=GAP_S)


def prepare(app, name):
    """Build screen ``name`` (if it is not), give it the size it will be shown at, and fill it for what
    the app shows now, as :meth:`KioskScreen.show` would; its layouts and texts follow in the next frames."""
    screen = app.screen(name)
    inner = app.inner
    screen.size, screen.pos = inner.size, inner.pos
    if screen.content_key() is not None:
        screen.show()
    return screen
