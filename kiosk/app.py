"""The kiosk's Kivy application: app state and navigation, content updates, the schedule.

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

Its parts: :mod:`kiosk.visitor_gate` (touches, idle warning, attract loop) and
:mod:`kiosk.video_loop` (the player) are mixed into the class;
:mod:`kiosk.frames` (next-frame hooks, thumbnails), :mod:`kiosk.services` (watchdog,
thumbnails, saving usage counts), :mod:`kiosk.widgets.root` (the scaled root widget)
and :mod:`kiosk.snapshot` (``--snapshot``) are used by it.
Everything the app needs from outside comes in a :class:`kiosk.env.KioskEnv`
(cache, sync client factory, player factory, clocks, watchdog), so tests swap in fakes.
"""

import logging
from pathlib import Path

from kivy.animation import Animation
from kivy.app import App
from kivy.clock import Clock
from kivy.properties import (BooleanProperty, DictProperty, ListProperty, NumericProperty, ObjectProperty,
                             OptionProperty, StringProperty)
from kivy.uix.screenmanager import NoTransition, ScreenManager

import kiosk
from court_contract.text import LANGS, pick
from court_contract.zone import court_zone, load_zone, offset_problem
from kiosk import programme, ui_text
from kiosk.config import DESIGN_SIZE
from kiosk.env import KioskEnv
from kiosk.frames import FrameHooks, Thumbnailer
from kiosk.hearings_state import HearingsState
from kiosk.idle import IdleTimer
from kiosk.services import BackgroundServices
from kiosk.status import StatusBoard
from kiosk.video_loop import VideoLoop
from kiosk.visitor_gate import VisitorGate
from kiosk.widgets import theme as themes
from kiosk.widgets.root import KioskRoot

log = logging.getLogger(__name__)

CALM_SCREENS = ("home", "attract", "waiting", "display")  # where a new manifest may replace the old one at once
LAYOUTS = ("normal", "low")
CLOCK_JUMP_S = 5.0  # a wall-clock change bigger than this (NTP, staff) re-evaluates the schedule


class KioskApp(VideoLoop, VisitorGate, App):
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
        self.frames = FrameHooks()
        self._resume_video = False
        self._calc_event = None
        self._rotation = None
        self.mode = self.env.mode if self.env.mode in ("kiosk", "display") else "kiosk"
        self.layout = self.env.layout if self.env.layout in LAYOUTS else "normal"
        self.start_lang = self.env.lang if self.env.lang in LANGS else "kk"
        self.usage = None
        if self.env.usage_path is not None and self.env.snapshot_dir is None:
            from kiosk.usage import UsageCounter

            self.usage = UsageCounter(self.env.usage_path, today=self.today)
        cache_root = getattr(self.env.cache, "root", None)
        self.board = StatusBoard(version=kiosk.__version__, mode=self.mode, usage=self.usage, disk_path=cache_root)
        self.board.update(kiosk_id=self.env.kiosk_id or None, layout=self.layout, errors=list(self.env.errors))
        self.hearings = HearingsState(self, feed=self.env.hearings)  # the live hearings feed (kiosk.hearings_state)
        self.services = BackgroundServices(self.env, self.frames, Thumbnailer(self.frames, self.board), self.usage)
        self.lang = self.start_lang  # last: on_lang (any language but kk) reaches the board and the clock

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
        from kiosk.widgets import core_text

        core_text.install()  # no CPU copy of a drawn text; text of one colour in 2 bytes a pixel
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
        self.apply_manifest(self.env.manifest)
        self._tick_clock()
        self._events = [
            Clock.schedule_interval(self._tick_clock, 1.0),
            Clock.schedule_interval(self._idle_tick, 0.25),
        ]
        return self.root_widget

    def on_start(self):
        if self.env.snapshot_dir is not None:
            from kiosk.snapshot import Snapshotter

            self.snapshotter = Snapshotter(self, Path(self.env.snapshot_dir))
            self.snapshotter.start()
            return
        self.services.start()
        env = self.env
        if self.mode == "display":
            self.start_rotation(env.lang_rotate_s)
        if env.make_sync is not None:
            try:
                self.sync = env.make_sync(self.on_sync_update, self.status)
                if self.sync is not None:
                    self.sync.on_hearings = self.hearings.offer
                    self.sync.start()
            except Exception as exc:  # a broken server address must not stop the kiosk
                log.error("content sync could not start: %s", exc)
                self.sync = None

    def on_stop(self):
        for event in self._events:
            event.cancel()
        self._events = []
        self.services.stop()
        self.start_rotation(None)
        if self._deadline_event is not None:
            self._deadline_event.cancel()
            self._deadline_event = None
        self.flush_calculation()
        self.frames.unbind_all()
        if self.sync is not None:
            self.sync.stop()
        if self.player is not None:
            self.player.close()
        if self.usage is not None:
            self.usage.save()

    # --- frames: emergency acks, tests -----------------------------------------------
    def after_next_frame(self, callback):
        """Call ``callback()`` from the next ``on_flip`` (the frame is drawn, not yet swapped)."""
        self.frames.after_next_frame(callback)

    # --- screens ------------------------------------------------------------
    def screen(self, name):
        """The inner screen ``name``, built (and its kv loaded) on first use."""
        from kiosk.screens import make_screen

        if name not in self.screens:
            screen = make_screen(name)
            self.inner.add_widget(screen)
        return self.screens[name]

    def drop_visitor_screens(self):
        """Between visitors: let go of the inner screens the last one opened (home stays), their widgets
        and text textures with them: built, they hold ~90 MB here (bench/memory.py, section 5). The next
        visitor's are built again while they read home (the Prebuilder)."""
        if self.inner is None:
            return
        if "home" in self.screens and self.inner.current != "home":
            self.inner.current = "home"
            self.inner.transition.stop()  # (the switch would complete in the next frame)
        for name in [name for name, screen in self.screens.items() if screen in self.inner.screens and name != "home"]:
            screen = self.screens.pop(name)
            self.inner.remove_widget(screen)
            for widget in screen.walk(restrict=True):
                Animation.cancel_all(widget)  # (a scroll bar's fade holds its ScrollView, and so the screen)
        transition = self.inner.transition
        if transition.screen_in is not None:
            transition.screen_out = transition.screen_in  # it kept the last screen it took away

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
            self.apply_manifest(self.pending)
        if self.manifest is None:
            self.show_outer("waiting")
            return
        if self.mode == "display":
            self.show_outer("display")
            return
        self._show_inner("home")

    def show_outer(self, name):
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
            self.apply_manifest(manifest)
        else:
            self.pending = manifest
            self.reschedule()

    def apply_manifest(self, manifest):
        self.pending = None
        self.manifest = manifest
        self._newest = manifest
        settings = (manifest or {}).get("settings", {})
        self.idle.configure(settings.get("idle_timeout_s"), settings.get("idle_warning_s"))
        tz_name = ((manifest or {}).get("court") or {}).get("timezone")
        self._tz = court_zone(tz_name)  # the schedule's zone, so the clock agrees with it
        if manifest is not None and load_zone(tz_name) is None:
            log.warning("unknown time zone %r; showing %s", tz_name, self._tz)
        elif manifest is not None:
            problem = offset_problem(tz_name, manifest["court"].get("utc_offset"), self.env.now())
            if problem:  # the clock, the schedule and reception days would be off
                log.error("time zone data: %s", problem)
        self._update_court()
        self._tick_clock()
        self.reschedule()
        if manifest is None:
            self.show_outer("waiting")
        elif self.current in ("", "waiting"):
            if self.mode == "display":
                self.show_outer("display")
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
        self.emergency_overlay.announce(showing.emergencies)

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
