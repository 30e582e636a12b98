"""The search the hearings and templates screens share (kiosk/screens/searchable.py), on a real kiosk app
(offscreen Kivy) in the 'low' layout: the search box just above the keyboard, each screen's own hint,
the keyboard's keys in the language, and each screen's keyboard opened on its own model.
"""

import pytest

from tests.support.ui import NOW, FrozenClock, make_cache

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
SCREENS = ("hearings", "templates")


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer

    cache, manifest = make_cache(tmp_path_factory.mktemp("search"))
    env = KioskEnv(lang="kk", layout="low", manifest=manifest, cache=cache, hearings=cache.load_hearings(),
                   now=FrozenClock(NOW), make_player=lambda call_soon: FakePlayer(call_soon),
                   thumbnail_every_s=None, watchdog=None)
    app = KioskApp(env)
    start_app(app)
    app.screens["main"].ids.ticker.paused = True
    pump(frames=3)
    yield app
    stop_app(app)


def open_screen(app, name, lang):
    from kiosk.snapshot import show
    from kiosk.testing import pump

    show(app, name, lang)
    pump(frames=4)
    assert app.current == name
    return app.screens[name]


@pytest.mark.parametrize("name", SCREENS)
def test_the_low_layout_puts_the_search_box_just_above_the_keyboard(kiosk, name):
    screen = open_screen(kiosk, name, "kk")
    column = screen.ids.column.children[::-1]  # top to bottom
    assert column[-1] == screen.ids.keyboard and column[-2] == screen.ids.search_row  # (ids are weak proxies)
    box, keyboard = screen.ids.search_box, screen.ids.keyboard
    keyboard.shown = True  # (laid out for the check only)
    from kiosk.testing import pump

    pump(frames=3)
    assert box.to_window(*box.pos)[1] >= keyboard.to_window(*keyboard.pos)[1] + keyboard.height - 1


@pytest.mark.parametrize("name, hint", [("hearings", "hearings_search_hint"), ("templates", "search_hint")])
def test_each_screen_shows_its_own_hint_and_the_typed_text(kiosk, name, hint):
    from kiosk.ui_text import t

    screen = open_screen(kiosk, name, "en")
    empty = screen.search_label("", "en", False, kiosk.theme)
    assert t(hint, "en") in empty and "|" not in empty
    assert t("hearings_search_hint", "en") != t("search_hint", "en")
    assert screen.search_label("", "en", True, kiosk.theme).count("|") == 1  # the cursor before the hint
    typed = screen.search_label("a[b]", "en", True, kiosk.theme)
    assert typed.endswith("a&bl;b&br;|") and t(hint, "en") not in typed  # markup escaped, then the cursor


@pytest.mark.parametrize("name", SCREENS)
def test_the_keyboard_follows_the_language(kiosk, name):
    from kiosk.ui_text import t

    for lang, letters in (("en", "lat"), ("kk", "cyr"), ("ru", "cyr")):
        keyboard = open_screen(kiosk, name, lang).ids.keyboard
        assert keyboard.layout == letters
        assert keyboard.labels == {"space": t("space", lang), "back": t("delete", lang), "clear": t("clear", lang),
                                   "hide": t("hide_keyboard", lang)}


def test_each_screen_opens_the_keyboard_of_its_own_search(kiosk):
    from kiosk.testing import pump

    app = kiosk
    hearings = open_screen(app, "hearings", "ru")
    assert not app.hearings.keyboard_open and not app.keyboard_open
    assert not hearings.ids.keyboard.shown
    hearings.ids.search_box.dispatch("on_release")
    pump(frames=3)
    assert app.hearings.keyboard_open and not app.keyboard_open and hearings.ids.keyboard.shown
    app.hearings.keyboard_open = False
    assert not hearings.ids.keyboard.shown
    templates = open_screen(app, "templates", "ru")
    assert not templates.ids.keyboard.shown
    templates.ids.search_box.dispatch("on_release")
    pump(frames=3)
    assert app.keyboard_open and not app.hearings.keyboard_open and templates.ids.keyboard.shown
    app.keyboard_open = False
    assert not templates.ids.keyboard.shown
