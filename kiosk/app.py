"""The kiosk's Kivy application: app state, navigation, idle reset, content updates.

Import this module only after the Kivy environment is set (kiosk.cli does
that in main()); importing it starts nothing.

State lives on :class:`KioskApp` as Kivy properties (language, manifest,
large-text mode, the calculator's input, the search text, ...). Screens read
it and call the app's methods; they never reach into each other's ids.

Two modes share the app: ``kiosk`` (the touch UI: attract loop, home,
content screens, idle reset) and ``display`` (a waiting-room TV: one
screen, no touch, the language rotating on a timer). In both, what plays
and what the ticker says come from :mod:`court_contract.schedule` (through
:mod:`kiosk.programme`), re-evaluated at the moment it can next change
(one Clock timer) and on every new manifest; an emergency announcement
covers everything with :class:`kiosk.screens.emergency.EmergencyOverlay`.

Everything the app needs from outside comes in a :class:`KioskEnv` (cache,
sync client factory, player factory, clocks, watchdog), so tests swap in fakes.
"""

import datetime as dt
import logging
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from kivy.app import App
from kivy.clock import Clock
from kivy.properties import (BooleanProperty, DictProperty, ListProperty, NumericProperty, ObjectProperty,
                             OptionProperty, StringProperty)
from kivy.graphics import PopMatrix, PushMatrix, Scale
from kivy.graphics.transformation import Matrix
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.screenmanager import NoTransition, ScreenManager

import kiosk
from court_contract import schedule
from court_contract.text import LANGS, pick
from court_contract.zone import court_zone, load_zone
from kiosk import programme, ui_text
from kiosk import watchdog as systemd_watchdog
from kiosk.config import DESIGN_SIZE
from kiosk.idle import IdleTimer
from kiosk.status import StatusBoard, encode_thumbnail
from kiosk.widgets import theme as themes

log = logging.getLogger(__name__)

CALM_SCREENS = ("home", "attract", "waiting", "display")  # where a new manifest may replace the old one at once
VIDEO_SCREENS = ("attract", "videos", "display")  # screens that play the playlist
LAYOUTS = ("normal", "low")
CLOCK_JUMP_S = 5.0  # a wall-clock change bigger than this (NTP, staff) re-evaluates the schedule
GIVE_BACK_AFTER_S = 1.0  # memory is given back this long after the attract loop came up


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

    ``usage_path``: where usage counts are kept (None: not counted).
    ``lang_rotate_s``: display mode shows each language this long.
    ``thumbnail_first_s`` / ``thumbnail_every_s``: when the heartbeat's screen
    thumbnail is taken (0 or None: never). ``usage_save_s``: how often the
    counts are written to disk. ``watchdog``: an object with ``ready()``,
    ``ping()`` and ``ping_interval_s()`` (:mod:`kiosk.watchdog`).
    ``give_back_memory()``: called a moment after a visitor's screens give way
    to the attract loop (:func:`kiosk.memory.give_back`; None: never).
    """

    lang: str = "kk"
    mode: str = "kiosk"
    layout: str = "normal"
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
    usage_path: Path | None = None
    lang_rotate_s: float = 15.0
    thumbnail_first_s: float | None = 20.0
    thumbnail_every_s: float | None = 300.0
    usage_save_s: float = 60.0
    watchdog: Any = systemd_watchdog
    give_back_memory: Callable | None = None


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

    def do_layout(self, *_args, **_kwargs):
        s = self.scale
        super().do_layout(pos=(0, 0), size=(self.width / s, self.height / s))

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


class KioskApp(App):
    title = "court-kiosk"

    lang = OptionProperty("kk", options=LANGS)
    mode = OptionProperty("kiosk", options=("kiosk", "display"))
    layout = OptionProperty("normal", options=LAYOUTS)
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
    idle_left = NumericProperty(0)
    warning_shown = BooleanProperty(False)
    # what the schedule says now
    playlist_videos = ListProperty([])
    emergencies = ListProperty([])
    emergency_visible = BooleanProperty(False)
    clock_ok = BooleanProperty(True)
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
    video_paused = BooleanProperty(False)

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
        self._tz = court_zone(None)
        self._ticker_source = []
        self._newest = None  # the newest manifest known (on screen, or pending until the visitor is done)
        self._playlist_paths = None
        self._deadline_event = None
        self._clock_offset = None
        self._flip_callbacks = []
        self._thumbnail_busy = False
        self._resume_video = False
        self._calc_event = None
        self._rotation = None
        self.mode = self.env.mode if self.env.mode in ("kiosk", "display") else "kiosk"
        self.layout = self.env.layout if self.env.layout in LAYOUTS else "normal"
        self.start_lang = self.env.lang if self.env.lang in LANGS else "kk"
        self.lang = self.start_lang
        self.usage = None
        if self.env.usage_path is not None and self.env.snapshot_dir is None:
            from kiosk.usage import UsageCounter

            self.usage = UsageCounter(self.env.usage_path, today=self.today)
        cache_root = getattr(self.env.cache, "root", None)
        self.board = StatusBoard(version=kiosk.__version__, mode=self.mode, usage=self.usage, disk_path=cache_root)
        self.board.update(kiosk_id=self.env.kiosk_id or None, layout=self.layout, errors=list(self.env.errors))

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
        offset = self.env.now().timestamp() - self.env.monotonic()
        if self._clock_offset is not None and abs(offset - self._clock_offset) > CLOCK_JUMP_S:
            log.info("the wall clock moved by %.0f s; checking the schedule again", offset - self._clock_offset)
            self._clock_offset = offset
            self.reschedule()
        self._clock_offset = offset

    # --- building --------------------------------------------------------------
    def build(self):
        from kiosk.screens import make_screen

        self.root_widget = KioskRoot(design=DESIGN_SIZE[self.mode])
        self.outer = ScreenManager(transition=NoTransition())
        names = ("waiting", "display") if self.mode == "display" else ("waiting", "attract", "main")
        for name in names:
            self.outer.add_widget(make_screen(name))
        self.root_widget.add_widget(self.outer)
        self.inner = self.screens["main"].ids.inner if "main" in self.screens else None
        self.warning = make_screen("warning") if self.mode == "kiosk" else None
        self.emergency_overlay = make_screen("emergency")
        self.player = self._make_player()
        self._apply(self.env.manifest)
        self._tick_clock()
        self._events = [
            Clock.schedule_interval(self._tick_clock, 1.0),
            Clock.schedule_interval(self._idle_tick, 0.25),
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
        self._start_watchdog()
        env = self.env
        if self.mode == "display":
            self.start_rotation(env.lang_rotate_s)
        if env.thumbnail_every_s and env.thumbnail_every_s > 0:
            self._events.append(Clock.schedule_once(self._start_thumbnails, max(0.0, env.thumbnail_first_s or 0.0)))
        if self.usage is not None and env.usage_save_s and env.usage_save_s > 0:
            self._events.append(Clock.schedule_interval(self._save_usage_later, env.usage_save_s))
        if env.make_sync is not None:
            try:
                self.sync = env.make_sync(self.on_sync_update, self.status)
                if self.sync is not None:
                    self.sync.start()
            except Exception as exc:  # a broken server address must not stop the kiosk
                log.error("content sync could not start: %s", exc)
                self.sync = None

    def on_stop(self):
        for event in self._events:
            event.cancel()
        self._events = []
        self.start_rotation(None)
        if self._deadline_event is not None:
            self._deadline_event.cancel()
            self._deadline_event = None
        self.flush_calculation()
        self._unbind_flips()
        if self.sync is not None:
            self.sync.stop()
        if self.player is not None:
            self.player.close()
        if self.usage is not None:
            self.usage.save()

    # --- frames: the watchdog, thumbnails, emergency acks --------------------------
    def after_next_frame(self, callback):
        """Call ``callback()`` from the next ``on_flip`` (the frame is drawn, not yet swapped)."""
        from kivy.core.window import Window

        def once(*_args):
            Window.unbind(on_flip=once)
            if once in self._flip_callbacks:
                self._flip_callbacks.remove(once)
            callback()

        self._flip_callbacks.append(once)
        Window.bind(on_flip=once)
        Window.canvas.ask_update()

    def _unbind_flips(self):
        from kivy.core.window import Window

        for callback in self._flip_callbacks:
            Window.unbind(on_flip=callback)
        self._flip_callbacks = []

    def _start_watchdog(self):
        """READY=1 once the first frame is drawn, then WATCHDOG=1 from the Kivy clock:
        a frozen UI thread stops the pings and systemd restarts the kiosk."""
        dog = self.env.watchdog
        if dog is None:
            return

        def first_frame():
            dog.ready()
            interval = dog.ping_interval_s()
            if interval:
                log.info("systemd watchdog: pinging every %.1f s", interval)
                self._events.append(Clock.schedule_interval(lambda _dt: dog.ping(), interval))

        self.after_next_frame(first_frame)

    def _start_thumbnails(self, *_args):
        self.take_thumbnail()
        self._events.append(Clock.schedule_interval(self.take_thumbnail, self.env.thumbnail_every_s))

    def take_thumbnail(self, *_args):
        """Read the window's pixels after the next frame (UI thread), scale and encode them off it."""
        if self._thumbnail_busy:
            return
        self._thumbnail_busy = True

        def grab():
            try:
                width, height, pixels = read_window_pixels()
            except Exception as exc:  # a failed screenshot must not stop the kiosk
                log.warning("cannot read the screen for the thumbnail: %s", exc)
                self._thumbnail_busy = False
                return
            threading.Thread(target=self._encode_thumbnail, args=(width, height, pixels),
                             name="kiosk-thumbnail", daemon=True).start()

        self.after_next_frame(grab)

    def _encode_thumbnail(self, width, height, pixels):
        try:
            encoded = encode_thumbnail(width, height, pixels)
            if encoded is not None:
                self.board.set_thumbnail(encoded)
        except Exception:  # Pillow trouble: log it, keep going
            log.exception("cannot encode the screen thumbnail")
        finally:
            self._thumbnail_busy = False

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
        screen.show()
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
        if self.mode == "display":
            self._show_outer("display")
            return
        self._show_inner("home")

    def _show_outer(self, name):
        self.hide_warning()
        self.outer.current = name
        self.current = name
        self.can_go_back = False

    def on_current(self, _instance, name):
        self.count(f"screen:{name}")
        self.board.update(screen=name)

    def open_template(self, slug):
        self.template_slug = slug
        self.count(f"template:{slug}")
        self.go("template")

    # --- usage counts ------------------------------------------------------------
    def count(self, event):
        """Count a visitor event (no personal data); nothing is counted while rendering snapshots."""
        if self.usage is not None and self.snapshotter is None and event:
            self.usage.count(event)

    def calculated(self):
        """A fee is on screen for the visitor's input: counted once the input rests for 2 s
        (typing 1 250 000 is one calculation, not seven)."""
        if self._calc_event is not None:
            self._calc_event.cancel()
        self._calc_event = Clock.schedule_once(lambda _dt: self.flush_calculation(), 2.0)

    def flush_calculation(self):
        """Count a calculation still waiting for its 2 s (the visitor leaves the calculator)."""
        if self._calc_event is not None:
            self._calc_event.cancel()
            self._calc_event = None
            self.count("calculator")

    def input_abandoned(self):
        """The calculator's input changed to no result: a pending count is dropped."""
        if self._calc_event is not None:
            self._calc_event.cancel()
            self._calc_event = None

    def _save_usage_later(self, *_args):
        threading.Thread(target=self.usage.save, name="kiosk-usage-save", daemon=True).start()

    # --- visitor settings ------------------------------------------------------
    def set_lang(self, lang):
        if lang in LANGS:
            self.lang = lang

    def rotate_lang(self, *_args):
        """Display mode: the next language (kk -> ru -> en -> kk)."""
        self.lang = LANGS[(LANGS.index(self.lang) + 1) % len(LANGS)]

    def start_rotation(self, period_s):
        """Display mode: change the language every ``period_s`` seconds (0 or None: stay)."""
        if self._rotation is not None:
            self._rotation.cancel()
            self._rotation = None
        if period_s and period_s > 0:
            self._rotation = Clock.schedule_interval(self.rotate_lang, period_s)

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

    # --- touches: idle, the attract loop, emergencies ----------------------------------
    @property
    def touch_blocked(self):
        """No widget gets touches: an emergency covers the screen, or this is a display."""
        return self.emergency_visible or self.mode == "display"

    def gate_touch(self):
        """Called for every touch before widgets see it; True swallows the touch."""
        if self.touch_blocked:
            return True  # an emergency is not dismissed by a touch; a display has nothing to touch
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
        if not self.warning_shown and self.warning is not None:
            # below an emergency overlay, if one is up (index 0 is the top)
            self.root_widget.add_widget(self.warning, index=1 if self.emergency_visible else 0)
            self.warning_shown = True

    def hide_warning(self):
        if self.warning_shown:
            self.root_widget.remove_widget(self.warning)
            self.warning_shown = False

    def show_attract(self):
        """Reset for the next visitor and loop the videos full screen."""
        visitor_left = self.outer.current == "main"
        self.reset_visitor()
        if self.pending is not None:
            self._apply(self.pending)
        if self.manifest is None:
            self._show_outer("waiting")
            return
        self._show_outer("attract")
        if visitor_left and self.env.give_back_memory is not None:
            # once the loop is on screen: no one waits for the frame this takes
            Clock.schedule_once(self._give_back_memory, GIVE_BACK_AFTER_S)

    def _give_back_memory(self, *_args):
        if self.outer.current == "attract":  # (not if the next visitor came in the meantime)
            self.env.give_back_memory()

    def leave_attract(self):
        self.idle.touch()
        self.go_home()

    # --- video -------------------------------------------------------------------
    def start_video(self):
        """Play the loop (a screen that shows video calls this when it opens)."""
        if self.emergency_visible:
            self._resume_video = True  # after the emergency
            return
        self.video_paused = False
        if self.player is not None and not self.player.playing:
            self.player.play()

    def stop_video(self):
        self._resume_video = False
        self.video_paused = False
        if self.player is not None and self.player.playing:
            self.player.stop()
        self.video_index = -1

    def play_clip(self, index):
        if self.player is not None and not self.emergency_visible:
            self.video_paused = False
            self.player.play(index)

    def toggle_video_pause(self):
        """Pause or resume the clip on screen (moving content needs a way to pause)."""
        if self.player is None or not self.player.playing:
            return
        if self.video_paused:
            self.player.resume()
        else:
            self.player.pause()
        self.video_paused = self.player.paused

    def _on_clip_started(self, index, path):
        self.video_index = index
        videos = self.playlist_videos
        if 0 <= index < len(videos) and self._playlist_paths and index < len(self._playlist_paths) \
                and self._playlist_paths[index] == str(path):
            self.count(f"video:{videos[index].get('id')}")  # proof of play

    def _on_video_error(self, path, reason):
        log.warning("video %s skipped: %s", path, reason)
        self._publish_errors()

    def _publish_errors(self):
        errors = list(self.player.errors) if self.player is not None else []
        self.board.update(errors=errors + list(self.env.errors))

    # --- content --------------------------------------------------------------------
    def on_sync_update(self, manifest):
        """SyncClient's on_update: runs on the sync thread, so hop to the UI thread."""
        Clock.schedule_once(lambda _dt: self.offer_manifest(manifest))

    def offer_manifest(self, manifest):
        """A new version arrived: show it now if the visitor is not in the middle of something.

        Its ticker and emergencies apply at once either way.
        """
        self._newest = manifest
        if self.manifest is None or self.current in CALM_SCREENS or self.warning_shown or self.mode == "display":
            self._apply(manifest)
        else:
            self.pending = manifest
            self.reschedule()

    def _apply(self, manifest):
        self.pending = None
        self.manifest = manifest
        self._newest = manifest
        settings = (manifest or {}).get("settings", {})
        self.idle.configure(settings.get("idle_timeout_s"), settings.get("idle_warning_s"))
        tz_name = ((manifest or {}).get("court") or {}).get("timezone")
        self._tz = court_zone(tz_name)  # the schedule's zone, so the clock agrees with it
        if manifest is not None and load_zone(tz_name) is None:
            log.warning("unknown time zone %r; showing %s", tz_name, self._tz)
        self._update_court()
        self._tick_clock()
        self.reschedule()
        if manifest is None:
            self._show_outer("waiting")
        elif self.current in ("", "waiting"):
            if self.mode == "display":
                self._show_outer("display")
            else:
                self.show_attract()

    def _update_court(self):
        court = (self.manifest or {}).get("court", {})
        self.court_name = pick(court.get("name"), self.lang) if court else ""
        self.court_address = pick(court.get("address"), self.lang) if court else ""

    # --- the schedule -----------------------------------------------------------------
    def reschedule(self, *_args):
        """Work out what plays and shows now, and set the one timer for the next change."""
        if self._deadline_event is not None:
            self._deadline_event.cancel()
            self._deadline_event = None
        now = self.env.now()
        showing = programme.now_showing(self.manifest, self.env.cache, now, announcements_from=self._newest)
        self._show_programme(showing)
        if showing.deadline is not None:
            delay = max(0.0, (showing.deadline - now).total_seconds()) + 0.05
            self._deadline_event = Clock.schedule_once(self.reschedule, delay)
        return showing

    def _show_programme(self, showing):
        if showing.clock_ok != self.clock_ok:
            if not showing.clock_ok:
                log.warning("the clock looks wrong (before the content was published); showing undated content only")
            self.clock_ok = showing.clock_ok
        self.board.update(clock_ok=showing.clock_ok)
        self._ticker_source = showing.ticker
        items = [pick(a.get("text"), self.lang) for a in showing.ticker]
        if items != list(self.ticker_items):
            self.ticker_items = items
        if showing.paths != self._playlist_paths:
            self._playlist_paths = list(showing.paths)
            self.playlist_videos = showing.videos
            if self.player is not None:
                self.player.load(showing.paths)
        elif showing.videos != list(self.playlist_videos):
            self.playlist_videos = showing.videos  # same files, new titles
        self._set_emergencies(showing.emergencies)

    def _set_emergencies(self, items):
        if [(a.get("id"), a.get("text")) for a in items] == [(a.get("id"), a.get("text")) for a in self.emergencies]:
            return
        self.emergencies = items
        if items and not self.emergency_visible:
            self._show_emergency()
        elif not items and self.emergency_visible:
            self._hide_emergency()
        elif items:
            self._ack_emergencies()

    def _show_emergency(self):
        log.warning("emergency announcement(s) %s on screen", [a.get("id") for a in self.emergencies])
        playing = self.player is not None and self.player.playing
        if playing:
            self.player.stop()
            self.video_index = -1
        self._resume_video = playing
        if self.emergency_overlay.parent is None:
            self.root_widget.add_widget(self.emergency_overlay)  # on top of everything, the idle warning too
        self.emergency_visible = True
        self.board.update(emergency_on_screen=[a.get("id") for a in self.emergencies])
        self._ack_emergencies()

    def _hide_emergency(self):
        log.info("emergency over")
        if self.emergency_overlay.parent is not None:
            self.root_widget.remove_widget(self.emergency_overlay)
        self.emergency_visible = False
        self.board.update(emergency_on_screen=[])
        resume = self._resume_video
        self._resume_video = False
        if resume and self.current in VIDEO_SCREENS:
            self.start_video()

    def _ack_emergencies(self):
        """Once the overlay is drawn, report these announcements as shown (heartbeat ``emergency_shown``)."""
        ids = [a.get("id") for a in self.emergencies]

        def drawn():
            if self.emergency_visible:
                self.board.emergency_shown(ids)
                self.board.update(emergency_on_screen=[a.get("id") for a in self.emergencies])

        self.after_next_frame(drawn)

    @property
    def emergency_shown(self):
        return self.board.shown

    def on_lang(self, *_args):
        self._update_court()
        self._tick_clock()
        self.ticker_items = [pick(a.get("text"), self.lang) for a in getattr(self, "_ticker_source", [])]
        self.board.update(lang=self.lang)

    # --- heartbeat ---------------------------------------------------------------------
    def status(self):
        """The kiosk's status for the heartbeat. Runs on the sync thread: it reads only the
        status board, which the UI thread keeps up to date."""
        return self.board.body()


def read_window_pixels():
    """``(width, height, RGBA bytes bottom row first)`` of what the window shows.

    Call from an ``on_flip`` handler (see :meth:`KioskApp.after_next_frame`), on the UI thread.
    """
    from kivy.core.window import Window
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels

    width, height = Window.size
    return width, height, glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)


# --- snapshot mode ---------------------------------------------------------------------

SNAPSHOT_SCREENS = ("home", "fees", "calculator", "reception", "templates", "search", "template", "links",
                    "videos", "attract", "idle", "home-large", "calculator-large")
DISPLAY_SNAPSHOT_SCREENS = ("display",)
EXAMPLE_AMOUNT = "5000000"


class Snapshotter:
    """Renders every screen in every language to ``<screen>-<lang>.png``, then stops the app.

    In display mode that is the one display screen: ``display-kk.png`` and so on.
    """

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
        for screen in ("main", "display"):
            if screen in app.screens:
                app.screens[screen].ids.ticker.paused = True  # a still frame, and far less drawing
        if manifest is not app.manifest:
            app._apply(manifest)
        if app.manifest is None:
            self.plan = [("waiting", lang) for lang in LANGS]
            app.exit_code = 1
        else:
            names = DISPLAY_SNAPSHOT_SCREENS if app.mode == "display" else SNAPSHOT_SCREENS
            self.plan = [(name, lang) for lang in LANGS for name in names]
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
        if name != "display":
            app.stop_video()  # (the display's loop runs on across its languages)
        app.reset_visitor()
        app.lang = lang
        if name.endswith("-large"):
            name = name[:-len("-large")]
            app.set_large_text(True)
        if name == "waiting":
            app._show_outer("waiting")
        elif name == "display":
            app._show_outer("display")
            app.start_video()
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
        from court_contract import fees

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
        # the display waits for a second of video: past a clip's fade-in, with its caption set
        enough = 25 if name == "display" else 1
        if surface is not None and (not surface.has_picture or surface.frames_shown < enough
                                    or self.app.video_index < 0) \
                and time.monotonic() - self._started < self.frame_wait_s:
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
        player = app.player
        if player is None or not app._playlist_paths:
            return None
        if player.playlist.paths and player.playlist.exhausted:
            return None  # every clip failed: nothing will come
        if name in ("attract", "videos", "display"):
            return app.screens[name].ids.surface
        return None


def save_window_png(path):
    """Write what the window shows now (call from an ``on_flip`` handler) to ``path``."""
    from PIL import Image

    width, height, data = read_window_pixels()
    image = Image.frombytes("RGBA", (width, height), data).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image.convert("RGB").save(path)
