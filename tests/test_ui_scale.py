"""The screens on panels other than the 1080x1920 they are drawn for: scaled to fit (KioskRoot).

A 55" 4K portrait panel (2160x3840) must show the same screens twice as big, text included, and
take touches where the visitor sees the buttons; a 16:10 panel (1200x1920) gets them wider; a small
720x1280 one gets them smaller, not cut off. The real app in an offscreen window, resized.
"""
import pytest
from PIL import Image, ImageChops, ImageStat

from kiosk.app import KioskApp
from kiosk.env import KioskEnv
from kiosk.frames import read_window_pixels
from kiosk.widgets.root import KioskRoot
from kiosk.testing import frame, pump, start_app, stop_app
from kiosk.video.fake import FakePlayer
from tests.support.ui import NOW, make_cache


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    cache, manifest = make_cache(tmp_path_factory.mktemp("scale"))
    env = KioskEnv(lang="kk", manifest=manifest, cache=cache, make_player=lambda call_soon: FakePlayer(call_soon),
                   now=lambda: NOW, watchdog=None, thumbnail_first_s=None, thumbnail_every_s=None)
    app = start_app(KioskApp(env), size=(1080, 1920))
    app.screens["main"].ids.ticker.paused = True  # the same picture at every size
    app.leave_attract()
    pump(frames=5)
    yield app
    stop_app(app)


def resize(app, size):
    from kivy.core.window import Window

    Window.size = size
    pump(frames=5)
    assert tuple(app.root.size) == size


def screenshot(app) -> Image.Image:
    out = []

    def grab():
        width, height, pixels = read_window_pixels()
        out.append(Image.frombytes("RGBA", (width, height), pixels).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
                   .convert("RGB"))

    app.after_next_frame(grab)
    assert pump(3, until=lambda: out)
    return out[0]


def tap_window(x, y):
    from kivy.tests.common import UnitTestTouch

    touch = UnitTestTouch(x, y)
    touch.touch_down()
    touch.touch_up()
    for _ in range(3):
        frame()


def window_rect(widget):
    x0, y0 = widget.to_window(widget.x, widget.y)
    x1, y1 = widget.to_window(widget.right, widget.top)
    return x0, y0, x1 - x0, y1 - y0


def test_a_4k_portrait_panel_shows_the_same_screen_twice_as_big_and_takes_touches_there(app):
    resize(app, (1080, 1920))
    assert app.root.scale == 1.0
    tile = app.screens["home"].ids.tile_fees
    rect_hd, size_hd = window_rect(tile), tuple(tile.size)

    resize(app, (2160, 3840))
    assert app.root.scale == 2.0
    # laid out as on the panel it is drawn for (within a pixel: text is rendered at the panel's own size,
    # kiosk/widgets/crisp.py, so a label's height may differ by a fraction of a design pixel)...
    assert tuple(tile.size) == pytest.approx(size_hd, abs=1)
    assert window_rect(tile) == pytest.approx(tuple(2 * v for v in rect_hd), abs=2)  # ...and shown twice as big
    x, y, w, h = window_rect(tile)
    tap_window(x + w / 2, y + h / 2)  # where the visitor sees the fees tile on the 4K panel
    assert app.current == "fees"
    app.go_home()
    pump(frames=3)


def test_the_picture_is_the_same_only_smaller_on_a_smaller_panel(app):
    # (The test window cannot grow past the size it was created with, so pixels are compared on a
    # panel half the size; the drawing goes through the same scale either way.)
    resize(app, (1080, 1920))
    picture_hd = screenshot(app)
    resize(app, (540, 960))
    assert app.root.scale == 0.5
    picture_small = screenshot(app)
    assert picture_small.size == (540, 960)
    diff = ImageChops.difference(picture_hd.resize(picture_small.size, Image.Resampling.BOX), picture_small)
    # text edges differ a little: the small panel's text is rendered at its own size, not scaled down
    assert max(ImageStat.Stat(diff).mean) < 8, ImageStat.Stat(diff).mean
    resize(app, (1080, 1920))


def test_a_wider_panel_gets_wider_screens_and_a_small_one_smaller_screens(app):
    resize(app, (1200, 1920))  # 16:10
    assert app.root.scale == 1.0 and tuple(app.outer.size) == (1200, 1920)
    resize(app, (720, 1280))
    assert app.root.scale == pytest.approx(2 / 3)
    assert tuple(app.outer.size) == pytest.approx((1080, 1920))  # the screens as drawn, shown at 2/3
    tile = app.screens["home"].ids.tile_templates
    x, y, w, h = window_rect(tile)
    assert x + w <= 720 and y + h <= 1280  # on the panel, not cut off
    tap_window(x + w / 2, y + h / 2)
    assert app.current == "templates"
    app.go_home()
    resize(app, (1080, 1920))


def test_the_waiting_room_tv_is_scaled_from_1920x1080():
    root = KioskRoot(design=[1920, 1080], size=(3840, 2160))
    assert root.scale == 2.0
    root.size = (1280, 720)
    assert root.scale == pytest.approx(2 / 3)
    assert root.to_local(*root.to_parent(300, 200)) == pytest.approx((300, 200))
    assert root.to_parent(300, 200) == pytest.approx((200, 400 / 3))
