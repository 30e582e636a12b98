"""``court-kiosk --snapshot``: every screen in every language rendered to a PNG, then the app stops.

Drives the app through its public methods only, as a visitor's taps would.
"""

import logging
import threading
import time

from kivy.clock import Clock

from court_contract.text import LANGS
from kiosk.frames import save_window_png

log = logging.getLogger(__name__)

SNAPSHOT_SCREENS = ("home", "fees", "calculator", "reception", "templates", "search", "template", "links",
                    "videos", "attract", "idle", "home-large", "calculator-large", "hearings", "hearing")
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
            app.apply_manifest(manifest)
        feed = app.env.cache.load_hearings() if app.env.cache is not None else None
        if feed is not None:
            app.hearings.set_feed(feed)  # as snapshot_prepare fetched it
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
        show(self.app, name, lang)
        self._started = time.monotonic()
        Clock.schedule_once(lambda _dt: self._wait_and_capture(name, lang), 0)

    def _wait_and_capture(self, name, lang):
        surface = self._video_surface(name)
        # a second of video: past a clip's fade-in (a first picture is near black), with its caption set
        enough = 25
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
        if player is None or not app.playlist_paths:
            return None
        if player.playlist.paths and player.playlist.exhausted:
            return None  # every clip failed: nothing will come
        if name == "display" and getattr(app.screens[name], "door", None) is not None:
            return None  # a door sign plays no video (its video body is off the screen)
        if name in ("attract", "videos", "display"):
            return app.screens[name].ids.surface
        return None


def show(app, name, lang):
    """Put screen ``name`` (of SNAPSHOT_SCREENS, or "waiting", "display") on in ``lang`` as a visitor's taps
    would: the calculator with an example sum, the search with a word typed, a template and a hearing open.
    A name ending in "-large" turns large text on. The layout check (tests) shows its screens with it too."""
    app.hide_warning()
    if name != "display":
        app.stop_video()  # (the display's loop runs on across its languages)
    app.reset_visitor()
    app.lang = lang
    if name.endswith("-large"):
        name = name[:-len("-large")]
        app.set_large_text(True)
    if name == "waiting":
        app.show_outer("waiting")
    elif name == "display":
        app.show_outer("display")
        app.start_video()
    elif name == "attract":
        app.show_outer("attract")
    elif name == "idle":
        app.go_home()
        app.idle_left = int(app.idle.warning_s)
        app.show_warning()
    elif name == "calculator":
        _example_calculation(app)
        app.go_home()
        app.go("fees")
        app.go("calculator")
    elif name == "search":
        app.go_home()
        app.go("templates")
        app.keyboard_open = True
        app.search_text = {"kk": "неке", "ru": "брак", "en": "div"}[lang]
    elif name == "hearing":
        app.go_home()
        app.go("hearings")
        app.hearings.selected = _example_hearing(app)
        app.go("hearing")
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


def _example_hearing(app):
    """A public hearing whose room has a floor plan (the detail with the most to show), else the first."""
    state = app.hearings
    today, rooms = state.today(), state.rooms()
    with_plan = [h for h in today if not h["closed"] and (rooms.get(h["room_id"]) or {}).get("plan")]
    return (with_plan or today or [{"id": -1}])[0]["id"]


def _example_calculation(app):
    from court_contract import fees

    rules = fees.active_rules(app.manifest.get("fee_rules", []), app.today())
    app.calc_applicant = "individual"
    for rule in rules:
        if rule.get("applicant") in ("individual", "any") and fees.needs_amount(rule, rules):
            app.calc_rule = rule["code"]
            break
    app.calc_digits = EXAMPLE_AMOUNT
