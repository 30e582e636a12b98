"""A kiosk started in Russian or English (``court-kiosk --lang ru``) starts and shows that language.

The start language used to be set before the app had its status board, so any language
but Kazakh stopped KioskApp.__init__ with an AttributeError. One app at a time, offscreen.
"""

import pytest

from tests.support.ui import NOW, make_cache

COURT = {"ru": "Мангистауский областной суд", "en": "Mangystau Regional Court"}
HEARINGS_TILE = {"ru": "Судебные заседания", "en": "Hearings today"}
TUESDAY = {"ru": "Вторник, 24 ноября", "en": "Tuesday, 24 November"}


@pytest.fixture(params=["ru", "en"])
def kiosk(request, tmp_path):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import start_app, stop_app
    from kiosk.video.fake import FakePlayer

    cache, manifest = make_cache(tmp_path)
    env = KioskEnv(lang=request.param, manifest=manifest, cache=cache, hearings=cache.load_hearings(),
                   now=lambda: NOW, make_player=lambda call_soon: FakePlayer(call_soon), thumbnail_every_s=None,
                   watchdog=None)
    app = KioskApp(env)
    start_app(app)
    app.screens["main"].ids.ticker.paused = True
    yield app, request.param
    stop_app(app)


def test_the_kiosk_shows_its_start_language_and_comes_back_to_it(kiosk):
    from kiosk.testing import pump

    app, lang = kiosk
    assert app.current == "attract" and app.lang == lang and app.status()["lang"] == lang
    assert app.court_name == COURT[lang] and app.clock_date == TUESDAY[lang]
    app.go_home()
    pump(frames=3)
    assert HEARINGS_TILE[lang] in app.screens["home"].ids.tile_hearings.text
    app.set_lang("kk")  # a visitor changes it ...
    pump(frames=2)
    assert "Сот отырыстары" in app.screens["home"].ids.tile_hearings.text
    app.reset_visitor()  # ... and the next visitor finds the kiosk's own language again
    app.show_attract()
    pump(frames=2)
    assert app.lang == lang and app.status()["lang"] == lang and app.court_name == COURT[lang]
