"""The kiosk's Kivy application: app state, navigation, idle reset, content updates.

Import this module only after the Kivy environment is set (kiosk.cli does
that in main()); importing it starts nothing.

State lives on :class:`KioskApp` as Kivy properties (language, manifest,
large-text mode, the calculator's input, the search text, ...). Screens read
it and call the app's methods; they never reach into each other's ids.

Everything the app needs from outside comes in a :class:`KioskEnv` (cache,
sync client factory, player factory, clocks), so tests swap in fakes.
"""

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import (BooleanProperty, DictProperty, ListProperty, NumericProperty, ObjectProperty,
                             OptionProperty, StringProperty)
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.screenmanager import NoTransition, ScreenManager

from kiosk import ui_text
from kiosk.cache import MediaError
from kiosk.idle import IdleTimer
from kiosk.text import LANGS, pick
from kiosk.widgets import theme as themes

log = logging.getLogger(__name__)

CALM_SCREENS = ("home", "attract", "waiting")  # where a new manifest may replace the old one at once


def _utc_now():
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class KioskEnv:
    """What the app gets from outside; tests override fields instead of patching.

    ``manifest``: the manifest to start with (kiosk.cli reads the cache before
    the UI starts). ``make_sync(on_update, status_fn)`` returns an object with
    ``start()``/``stop()`` (or None for no server). ``make_player(call_soon)``
    returns a :class:`kiosk.video.base.Player`. ``now`` gives an aware
    datetime, ``monotonic`` seconds for the idle timer.
    """

    lang: str = "kk"
    mode: str = "kiosk"
    manifest: dict | None = None
    cache: Any = None
    make_sync: Callable | None = None
    make_player: Callable | None = None
    now: Callable[[], dt.datetime] = _utc_now
    monotonic: Callable[[], float] = time.monotonic
    server_url: str = ""
    kiosk_id: str = ""
    snapshot_dir: Path | None = None
    snapshot_prepare: Callable | None = None  # () -> manifest or None; runs off the UI thread
    errors: list = field(default_factory=list)


def media_paths(manifest, cache, today):
    """The playlist: files of the videos valid on ``today``, in manifest order."""
    if not manifest or cache is None:
        return []
    paths = []
    for video in manifest.get("videos", []):
        start, end = video.get("valid_from"), video.get("valid_to")
        if start and dt.date.fromisoformat(start) > today:
            continue
        if end and dt.date.fromisoformat(end) < today:
            continue
        try:
            paths.append(str(cache.media_path(video["file"]["sha256"])))
        except (KeyError, TypeError, ValueError, MediaError) as exc:  # a bad entry must not stop the loop
            log.warning("video %s has no usable file: %s", video.get("id"), exc)
    return paths


def active_announcements(manifest, now):
    """``[announcement]`` in force at ``now``: emergencies first, then by priority."""
    if not manifest:
        return []
    result = []
    for item in manifest.get("announcements", []):
        try:
            start = dt.datetime.fromisoformat(item["starts_at"]) if item.get("starts_at") else None
            end = dt.datetime.fromisoformat(item["ends_at"]) if item.get("ends_at") else None
        except (TypeError, ValueError):
            continue
        if (start is None or start <= now) and (end is None or now <= end):
            result.append(item)
    return sorted(result, key=lambda a: (not a.get("emergency"), -int(a.get("priority") or 0)))


class KioskRoot(FloatLayout):
    """The window's root: touches pass the idle gate first."""

    def on_touch_down(self, touch):
        app = App.get_running_app()
        if app is not None and app.gate_touch():
            return True
        return super().on_touch_down(touch)


class KioskApp(App):
    title = "court-kiosk"

    lang = OptionProperty("kk", options=LANGS)
    manifest = ObjectProperty(None, allownone=True)
    pending = ObjectProperty(None, allownone=True)
    large_text = BooleanProperty(False)
    font_scale = NumericProperty(1.0)
    theme = DictProperty(themes.NORMAL)
    current = StringProperty("")
    can_go_back = BooleanProperty(False)
    court_name = StringProperty("")
    court_address = StringProperty("")
    clock_time = StringProperty("")
    clock_date = StringProperty("")
    ticker_items = ListProperty([])
    ticker_emergency = BooleanProperty(False)
    idle_left = NumericProperty(0)
    warning_shown = BooleanProperty(False)
    # the visitor's input, cleared on reset
    calc_applicant = StringProperty("individual")
    calc_rule = StringProperty("")
    calc_digits = StringProperty("")
    search_text = StringProperty("")
    search_category = StringProperty("")
    template_slug = StringProperty("")
    keyboard_open = BooleanProperty(False)
    player = ObjectProperty(None, allownone=True)
    video_index = NumericProperty(-1)

    def __init__(self, env=None, **kwargs):
        super().__init__(**kwargs)
        self.env = env or KioskEnv()
        self.idle = IdleTimer(now=self.env.monotonic)
        self.history = []
        self.screens = {}
        self.sync = None
        self.snapshotter = None
        self.exit_code = 0
        self._events = []
        self._tz = dt.timezone.utc
        self._ticker_source = []
        self.start_lang = self.env.lang if self.env.lang in LANGS else "kk"
        self.lang = self.start_lang

    # --- wording -------------------------------------------------------------
    def tr(self, key, lang=None, **fmt):
        """UI wording; kv passes ``app.lang`` so the text follows the language."""
        return ui_text.t(key, lang or self.lang, **fmt)

    def pick(self, text, lang=None):
        return pick(text, lang or self.lang)

    # --- time ----------------------------------------------------------------
    def local_now(self):
        return self.env.now().astimezone(self._tz)

    def today(self):
        return self.local_now().date()

    def _tick_clock(self, *_args):
        now = self.local_now()
        self.clock_time = now.strftime("%H:%M")
        day = ui_text.weekday_name(now.isoweekday(), self.lang)
        self.clock_date = f"{day}, {ui_text.format_date(now.date(), self.lang, year=False)}"

    # --- building --------------------------------------------------------------
    def build(self):
        from kiosk.screens import make_screen

        if self.env.mode == "display":
            log.info("display mode is not built yet (a later issue); showing the kiosk UI")
        self.root_widget = KioskRoot()
        self.outer = ScreenManager(transition=NoTransition())
        for name in ("waiting", "attract", "main"):
            self.outer.add_widget(make_screen(name))
        self.root_widget.add_widget(self.outer)
        self.inner = self.screens["main"].ids.inner
        self.warning = make_screen("warning")
        self.player = self._make_player()
        self._apply(self.env.manifest)
        self._tick_clock()
        self._events = [
            Clock.schedule_interval(self._tick_clock, 1.0),
            Clock.schedule_interval(self._idle_tick, 0.25),
            Clock.schedule_interval(self._refresh_ticker, 60.0),
        ]
        return self.root_widget

    def _make_player(self):
        factory = self.env.make_player
        if factory is None:
            return None
        try:
            player = factory(lambda func, *args: Clock.schedule_once(lambda _dt: func(*args)))
        except Exception as exc:  # no video must not mean no kiosk
            log.error("the video player could not start: %s", exc)
            return None
        player.on_error = self._on_video_error
        player.on_clip_started = self._on_clip_started
        return player

    def on_start(self):
        if self.env.snapshot_dir is not None:
            self.snapshotter = Snapshotter(self, Path(self.env.snapshot_dir))
            self.snapshotter.start()
            return
        if self.env.make_sync is not None:
            try:
                self.sync = self.env.make_sync(self.on_sync_update, self.status)
                if self.sync is not None:
                    self.sync.start()
            except Exception as exc:  # a broken server address must not stop the kiosk
                log.error("content sync could not start: %s", exc)
                self.sync = None

    def on_stop(self):
        for event in self._events:
            event.cancel()
        if self.sync is not None:
            self.sync.stop()
        if self.player is not None:
            self.player.close()

    # --- screens ------------------------------------------------------------
    def screen(self, name):
        """The inner screen ``name``, built (and its kv loaded) on first use."""
        from kiosk.screens import make_screen

        if name not in self.screens:
            screen = make_screen(name)
            self.inner.add_widget(screen)
        return self.screens[name]

    def register_screen(self, screen):
        self.screens[screen.name] = screen

    def _show_inner(self, name):
        screen = self.screen(name)
        screen.refresh()
        self.inner.current = name
        if self.outer.current != "main":
            self.outer.current = "main"
        self.current = name
        self.can_go_back = bool(self.history)

    def go(self, name):
        """Open an inner screen, remembering where the visitor came from."""
        if name == "home":
            self.go_home()
            return
        if self.current and self.current not in ("attract", "waiting") and self.current != name:
            self.history.append(self.current)
        self._show_inner(name)

    def go_back(self):
        if not self.history:
            self.go_home()
            return
        self._show_inner(self.history.pop())

    def go_home(self):
        self.history = []
        if self.pending is not None:
            self._apply(self.pending)
        if self.manifest is None:
            self._show_outer("waiting")
            return
        self._show_inner("home")

    def _show_outer(self, name):
        self.hide_warning()
        self.outer.current = name
        self.current = name
        self.can_go_back = False

    def open_template(self, slug):
        self.template_slug = slug
        self.go("template")

    # --- visitor settings ------------------------------------------------------
    def set_lang(self, lang):
        if lang in LANGS:
            self.lang = lang

    def toggle_large_text(self):
        self.set_large_text(not self.large_text)

    def set_large_text(self, on):
        self.large_text = bool(on)
        self.font_scale = themes.FONT_SCALE[self.large_text]
        self.theme = themes.palette(self.large_text)

    def set_calc_applicant(self, applicant):
        self.calc_applicant = applicant

    def set_calc_rule(self, code):
        self.calc_rule = code

    def calc_key(self, key):
        from kiosk.widgets.keypad import apply_key

        self.calc_digits = apply_key(self.calc_digits, key)

    def search_key(self, key):
        from kiosk.widgets.keyboard import apply_key

        if key == "hide":
            self.keyboard_open = False
            return
        self.search_text = apply_key(self.search_text, key)

    def set_search_category(self, code):
        self.search_category = code

    def reset_visitor(self):
        """Forget what the last visitor did: input, search, language, text size."""
        self.calc_applicant = "individual"
        self.calc_rule = ""
        self.calc_digits = ""
        self.search_text = ""
        self.search_category = ""
        self.template_slug = ""
        self.keyboard_open = False
        self.history = []
        self.set_large_text(False)
        self.lang = self.start_lang

    # --- idle and the attract loop ------------------------------------------------
    def gate_touch(self):
        """Called for every touch before widgets see it; True swallows the touch."""
        self.idle.touch()
        if self.warning_shown:
            self.hide_warning()
            return True
        if self.outer.current == "attract":
            self.leave_attract()
            return True
        return False

    def _idle_tick(self, *_args):
        if self.outer.current != "main" or self.snapshotter is not None:
            return
        state, left = self.idle.state()
        if state == "active":
            if self.warning_shown:
                self.hide_warning()
        elif state == "warning":
            self.idle_left = left
            if not self.warning_shown:
                self.show_warning()
        else:
            self.show_attract()

    def show_warning(self):
        if not self.warning_shown:
            self.root_widget.add_widget(self.warning)
            self.warning_shown = True

    def hide_warning(self):
        if self.warning_shown:
            self.root_widget.remove_widget(self.warning)
            self.warning_shown = False

    def show_attract(self):
        """Reset for the next visitor and loop the videos full screen."""
        self.reset_visitor()
        if self.pending is not None:
            self._apply(self.pending)
        if self.manifest is None:
            self._show_outer("waiting")
            return
        self._show_outer("attract")

    def leave_attract(self):
        self.idle.touch()
        self.go_home()

    # --- video -------------------------------------------------------------------
    def start_video(self):
        if self.player is not None and not self.player.playing:
            self.player.play()

    def stop_video(self):
        if self.player is not None and self.player.playing:
            self.player.stop()
        self.video_index = -1

    def play_clip(self, index):
        if self.player is not None:
            self.player.play(index)

    def _on_clip_started(self, index, _path):
        self.video_index = index

    def _on_video_error(self, path, reason):
        log.warning("video %s skipped: %s", path, reason)

    # --- content --------------------------------------------------------------------
    def on_sync_update(self, manifest):
        """SyncClient's on_update: runs on the sync thread, so hop to the UI thread."""
        Clock.schedule_once(lambda _dt: self.offer_manifest(manifest))

    def offer_manifest(self, manifest):
        """A new version arrived: show it now if the visitor is not in the middle of something."""
        self._refresh_ticker(manifest=manifest)
        if self.manifest is None or self.current in CALM_SCREENS or self.warning_shown:
            self._apply(manifest)
        else:
            self.pending = manifest

    def _apply(self, manifest):
        self.pending = None
        self.manifest = manifest
        settings = (manifest or {}).get("settings", {})
        self.idle.configure(settings.get("idle_timeout_s"), settings.get("idle_warning_s"))
        tz_name = (manifest or {}).get("court", {}).get("timezone")
        try:
            self._tz = ZoneInfo(tz_name) if tz_name else dt.timezone.utc
        except (ZoneInfoNotFoundError, ValueError):
            log.warning("unknown time zone %r; showing UTC", tz_name)
            self._tz = dt.timezone.utc
        self._update_court()
        self._refresh_ticker()
        self._tick_clock()
        if self.player is not None:
            self.player.load(media_paths(manifest, self.env.cache, self.today()))
        if manifest is None:
            self._show_outer("waiting")
        elif self.current in ("", "waiting"):
            self.show_attract()

    def _update_court(self):
        court = (self.manifest or {}).get("court", {})
        self.court_name = pick(court.get("name"), self.lang) if court else ""
        self.court_address = pick(court.get("address"), self.lang) if court else ""

    def _refresh_ticker(self, *_args, manifest=None):
        items = active_announcements(manifest or self.manifest, self.env.now())
        self._ticker_source = items
        self.ticker_emergency = any(a.get("emergency") for a in items)
        self.ticker_items = [pick(a.get("text"), self.lang) for a in items]

    def on_lang(self, *_args):
        self._update_court()
        self._tick_clock()
        self.ticker_items = [pick(a.get("text"), self.lang) for a in self._ticker_source]

    # --- heartbeat ---------------------------------------------------------------------
    def status(self):
        """The kiosk's status for the heartbeat (called on the sync thread; reads only)."""
        errors = list(self.player.errors) if self.player is not None else []
        return {"screen": self.current, "mode": self.env.mode, "errors": errors + list(self.env.errors),
                "kiosk_id": self.env.kiosk_id or None}


# --- snapshot mode ---------------------------------------------------------------------

SNAPSHOT_SCREENS = ("home", "fees", "calculator", "reception", "templates", "search", "template", "links",
                    "videos", "attract", "idle", "home-large", "calculator-large")
EXAMPLE_AMOUNT = "5000000"


class Snapshotter:
    """Renders every screen in every language to ``<screen>-<lang>.png``, then stops the app."""

    def __init__(self, app, out_dir, frame_wait_s=4.0):
        self.app = app
        self.out_dir = out_dir
        self.frame_wait_s = frame_wait_s
        self.written = []
        self.plan = []

    def start(self):
        self.out_dir.mkdir(parents=True, exist_ok=True)
        prepare = self.app.env.snapshot_prepare
        if prepare is None:
            Clock.schedule_once(lambda _dt: self._begin(self.app.manifest), 0.1)
            return

        def work():
            try:
                manifest = prepare()
            except Exception as exc:  # report and render what there is
                log.error("snapshot: could not fetch content: %s", exc)
                manifest = None
            Clock.schedule_once(lambda _dt: self._begin(manifest or self.app.manifest))

        threading.Thread(target=work, name="kiosk-snapshot-prepare", daemon=True).start()

    def _begin(self, manifest):
        app = self.app
        app.screens["main"].ids.ticker.paused = True  # a still frame, and far less drawing
        if manifest is not app.manifest:
            app._apply(manifest)
        if app.manifest is None:
            self.plan = [("waiting", lang) for lang in LANGS]
            app.exit_code = 1
        else:
            self.plan = [(name, lang) for lang in LANGS for name in SNAPSHOT_SCREENS]
        self._next()

    def _next(self, *_args):
        if not self.plan:
            Clock.schedule_once(lambda _dt: self.app.stop(), 0.05)
            return
        name, lang = self.plan.pop(0)
        self._setup(name, lang)
        self._started = time.monotonic()
        Clock.schedule_once(lambda _dt: self._wait_and_capture(name, lang), 0)

    def _setup(self, name, lang):
        app = self.app
        app.hide_warning()
        app.stop_video()
        app.reset_visitor()
        app.lang = lang
        if name.endswith("-large"):
            name = name[:-len("-large")]
            app.set_large_text(True)
        if name == "waiting":
            app._show_outer("waiting")
        elif name == "attract":
            app._show_outer("attract")
        elif name == "idle":
            app.go_home()
            app.idle_left = int(app.idle.warning_s)
            app.show_warning()
        elif name == "calculator":
            self._example_calculation()
            app.go_home()
            app.go("fees")
            app.go("calculator")
        elif name == "search":
            app.go_home()
            app.go("templates")
            app.keyboard_open = True
            app.search_text = {"kk": "неке", "ru": "брак", "en": "div"}[lang]
        elif name == "template":
            templates = app.manifest.get("templates") or []
            app.go_home()
            app.go("templates")
            if templates:
                app.open_template(templates[0]["slug"])
        else:
            app.go_home()
            if name != "home":
                app.go(name)

    def _example_calculation(self):
        from kiosk import fees

        app = self.app
        rules = fees.active_rules(app.manifest.get("fee_rules", []), app.today())
        app.calc_applicant = "individual"
        for rule in rules:
            if rule.get("applicant") in ("individual", "any") and fees.needs_amount(rule, rules):
                app.calc_rule = rule["code"]
                break
        app.calc_digits = EXAMPLE_AMOUNT

    def _wait_and_capture(self, name, lang):
        surface = self._video_surface(name)
        if surface is not None and not surface.has_picture and time.monotonic() - self._started < self.frame_wait_s:
            Clock.schedule_once(lambda _dt: self._wait_and_capture(name, lang), 0.1)
            return
        from kivy.core.window import Window

        path = self.out_dir / f"{name}-{lang}.png"

        def grab(*_args):
            Window.unbind(on_flip=grab)
            save_window_png(path)
            self.written.append(path)
            log.info("snapshot: wrote %s", path)
            Clock.schedule_once(self._next, 0)

        Window.bind(on_flip=grab)
        Window.canvas.ask_update()

    def _video_surface(self, name):
        app = self.app
        if app.player is None or not app.player.playlist.paths or app.player.playlist.exhausted:
            return None
        if name == "attract":
            return app.screens["attract"].ids.surface
        if name == "videos":
            return app.screens["videos"].ids.surface
        return None


def save_window_png(path):
    """Write what the window shows now (call from an ``on_flip`` handler) to ``path``."""
    from kivy.core.window import Window
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
    from PIL import Image

    width, height = Window.size
    data = glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)
    image = Image.frombytes("RGBA", (width, height), data).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image.convert("RGB").save(path)
