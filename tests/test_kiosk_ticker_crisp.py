"""The ticker's text rendered at the panel's real size (kiosk/widgets/ticker.py, like the labels'
kiosk/widgets/crisp.py): on a panel drawn at twice the design size its texture has twice the
pixels, while it is drawn at its design size (the layout does not move) and its steps, in design
pixels, show the matching part of the texture. The idle-CPU tests (tests/test_kiosk_idle_cpu.py)
check that its steps are still painted alone and look like a whole frame."""

import pytest

from kiosk.widgets import crisp

LONG = ["Сот отырысына үйден немесе кеңседен онлайн қатысуға болады: «Сот кабинеті» арқылы өтініш беріңіз",
        "Құжаттарды қабылдау 1-қабатта, 9:00–18:00, үзіліс 13:00–14:00"]


@pytest.fixture
def factor(monkeypatch):
    """Sets the render scale the ticker reads (no app: the factor is set by hand)."""
    from kiosk.testing import window

    window()
    value = [1.0]
    monkeypatch.setattr(crisp, "render_scale", lambda: value[0])

    def set_factor(f):
        value[0] = f

    return set_factor


def ticker(items, width=600):
    from kiosk.widgets.ticker import Ticker

    widget = Ticker(items=items, font_size=30, size_hint=(None, None), size=(width, 60), pos=(0, 0), paused=True)
    widget._render()  # (the size came after the first rendering)
    return widget


def test_a_still_text_has_twice_the_pixels_at_its_design_size(factor):
    plain = ticker(["Қош келдіңіз"])
    factor(2.0)
    sharp = ticker(["Қош келдіңіз"])
    assert not plain.moving and not sharp.moving
    assert sharp._plain.height == pytest.approx(2 * plain._plain.height, abs=3)
    assert sharp._plain.width == pytest.approx(2 * plain._plain.width, rel=0.03)  # (hinting: not exactly)
    (px, py, pw, ph, _), (sx, sy, sw, sh, tex) = plain.pieces()[0], sharp.pieces()[0]
    assert (sx, sy, sh) == pytest.approx((px, py, ph), abs=2)  # drawn where and as big as before
    assert sw == pytest.approx(pw, rel=0.03)  # (within the glyphs' hinting at the bigger size)
    assert tex.height == pytest.approx(2 * sh, abs=1)  # 2 texture pixels to each design pixel


def test_moving_steps_in_design_pixels_show_the_same_part_of_the_texture(factor):
    from kiosk.widgets.ticker import INSET

    factor(2.0)
    sharp = ticker(LONG, width=400)
    assert sharp.moving
    loop = sharp._loop
    design_loop = loop.width / 2
    for offset in (0.0, 137.0, design_loop - 3):
        sharp.offset = offset
        pieces = sharp.pieces()
        assert sum(w for _x, _y, w, _h, _t in pieces) == pytest.approx(sharp.width, abs=0.01)  # the whole width
        for x, _y, w, h, region in pieces:
            assert region.width == pytest.approx(2 * w, abs=1) and region.height == loop.height
            assert h == pytest.approx(loop.height / 2)
        first = pieces[0][4]
        # the texture pixel at the ticker's left edge is twice the design pixels the text has moved past it
        start = INSET - int(offset)
        expected = 2 * (0 - start) if start <= 0 else 2 * (design_loop - start)
        assert first.uvpos[0] * loop.width == pytest.approx(expected, abs=1), offset


def test_a_moving_ticker_wraps_around_its_design_width(factor):
    factor(2.0)
    sharp = ticker(LONG, width=400)
    sharp.offset = sharp._loop.width / 2 - 1  # (in design pixels: the last one before it loops)
    sharp.paused = False
    sharp._step(0.05)  # (not on a window: it goes to rest; the offset is not moved)
    sharp.get_root_window = lambda: object()  # as if on the window
    sharp._step(0.05)
    assert 0 <= sharp.offset < sharp._loop.width / 2 and sharp.offset == pytest.approx(90 * 0.05 - 1, abs=0.01)


def test_a_new_factor_renders_it_again_and_keeps_its_place(factor):
    sharp = ticker(LONG, width=400)
    height = sharp._loop.height
    sharp.offset = 250.0
    sharp._rescaled()  # the same factor: nothing is made again
    assert sharp._loop.height == height and sharp.offset == 250.0
    factor(2.0)
    sharp._rescaled()
    assert sharp._loop.height == pytest.approx(2 * height, abs=3) and sharp.offset == 250.0
    assert sharp.pieces()[0][3] == pytest.approx(height, abs=2)  # drawn as high as before


@pytest.fixture(scope="module")
def display(tmp_path_factory):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer
    from tests.support.ui import NOW, make_cache

    cache, manifest = make_cache(tmp_path_factory.mktemp("ticker"))
    env = KioskEnv(mode="display", lang="kk", manifest=manifest, cache=cache, now=lambda: NOW,
                   make_player=lambda call_soon: FakePlayer(call_soon), lang_rotate_s=0, thumbnail_first_s=None,
                   thumbnail_every_s=None, watchdog=None)
    app = start_app(KioskApp(env), (1920, 1080))
    app.screens["display"].ids.ticker.paused = True
    pump(frames=3)
    yield app
    from kivy.core.window import Window

    Window.size = (1920, 1080)
    stop_app(app)


def test_on_a_4k_panel_the_ticker_is_rendered_again_at_twice_the_pixels(display):
    from kivy.core.window import Window

    from kiosk.testing import pump

    ticker = display.screens["display"].ids.ticker
    display.ticker_items = LONG
    pump(frames=3)
    assert display.root_widget.scale == 1.0
    hd = (tuple(ticker.size), ticker._loop.height, ticker.pieces()[0][3])
    Window.size = (3840, 2160)
    pump(frames=3)
    assert display.root_widget.scale == 2.0
    assert tuple(ticker.size) == pytest.approx(hd[0], abs=1)  # laid out as before
    assert ticker._loop.height == pytest.approx(2 * hd[1], abs=3)  # rendered with twice the pixels
    assert ticker.pieces()[0][3] == pytest.approx(hd[2], abs=1)  # drawn at the same design height
    # painted alone, the band lands 1:1 on the panel's pixels
    _x, _y, _w, band_h = ticker.solo_rect()
    assert band_h == pytest.approx(ticker._loop.height, abs=1)
    Window.size = (1920, 1080)
    pump(frames=3)
    assert ticker._loop.height == hd[1]  # and back
