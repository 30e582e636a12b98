"""The door sign (``court-kiosk --room 305``) on the fixture court's busy day: a hearing running, one
moved in next, a postponed one, one moved away and ten more later than fit (tests/support/ui.py).

"Later today" shows the rows that fit and a "+N more" line; every text is crisp (CrispText); a
postponed row says when it is now. The Kazakh sign is saved to test-artifacts/kiosk/door-busy-kk.png.
The layout check over languages, text sizes and panels is in tests/test_kiosk_layout_check.py.
"""

import gc
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from kiosk import hearings_text as ht
from kiosk.ui_text import t
from tests.support.ui import NOW, FrozenClock, make_cache

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "kiosk"


@pytest.fixture(scope="module")
def door(tmp_path_factory):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer

    cache, manifest = make_cache(tmp_path_factory.mktemp("door-busy"))
    clock = FrozenClock(NOW)
    env = KioskEnv(mode="display", room="305", lang="kk", manifest=manifest, cache=cache, now=clock,
                   hearings=cache.load_hearings(), make_player=lambda call_soon: FakePlayer(call_soon),
                   lang_rotate_s=0, thumbnail_first_s=None, thumbnail_every_s=None, watchdog=None)
    app = start_app(KioskApp(env), (1920, 1080))
    app.screens["display"].ids.ticker.paused = True
    app.test_clock = clock
    pump(frames=3)
    yield app
    stop_app(app)


def show(app, lang, large=False):
    from kiosk.testing import pump

    app.lang = lang
    app.set_large_text(large)
    pump(frames=4)
    return app.screens["display"].door


def later_rows(sign):
    from kiosk.screens.hearing_door import DoorRow

    return [w for w in sign.ids.later.children[::-1] if isinstance(w, DoorRow)]


def later_line(sign):
    from kiosk.screens.hearing_door import DoorRow

    return [w.text for w in sign.ids.later.children[::-1] if not isinstance(w, DoorRow)]


def plan(app, room_id=3):
    return ht.door_plan(app.hearings.today(), room_id, app.local_now().time())


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_later_today_shows_what_fits_and_says_how_many_more(door, lang, large):
    sign = show(door, lang, large)
    later = plan(door)["later"]
    rows = later_rows(sign)
    assert len(later) >= 10 and 1 <= len(rows) < len(later)
    assert [r.ids.time.text for r in rows] == [h["time"] for h in later[:len(rows)]]  # the first ones, in order
    assert sign.hidden == len(later) - len(rows)
    assert later_line(sign) == [t("hearings_more", lang, n=sign.hidden)]
    ids = sign.ids
    assert ids.later.y >= ids.ahead.y - 1  # inside its column: nothing cut off at the bottom
    assert sign.rows_that_fit(len(later)) == len(rows)  # one more would not fit with its "+N more" line


def test_large_text_fits_no_more_rows_than_normal_text(door):
    normal = len(later_rows(show(door, "kk")))
    assert len(later_rows(show(door, "kk", large=True))) <= normal


def test_all_later_hearings_shown_when_they_fit_and_no_more_line(door):
    from kiosk.testing import pump

    door.test_clock.moment = NOW.replace(hour=17, minute=30)  # the last hearings of the day are left
    try:
        assert pump(3, until=lambda: door.clock_time == "17:30")
        sign = show(door, "en")
        later = plan(door)["later"]
        assert later and sign.rows_that_fit(len(later)) == len(later)
        assert [r.ids.time.text for r in later_rows(sign)] == [h["time"] for h in later]
        assert later_line(sign) == [] and sign.hidden == 0
    finally:
        door.test_clock.moment = NOW
        assert pump(3, until=lambda: door.clock_time == "10:00")


def test_a_column_with_no_room_shows_only_how_many_there_are(door):
    sign = show(door, "en")
    assert sign.rows_that_fit(0) == 0
    assert 0 < sign.rows_that_fit(40) < 40
    ahead = sign.ids.ahead
    height = ahead.height
    try:
        ahead.height = sign.ids.next_title.height + sign.ids.next.height  # (no layout runs in between)
        count = len(plan(door)["later"])
        assert sign.rows_that_fit(count) == 0
        sign._fit_later()
        assert later_rows(sign) == [] and later_line(sign) == [f"+{count} more"]
    finally:
        ahead.height = height
        sign._fit_later()


def test_a_postponed_row_says_when_and_a_row_moved_here_is_to_be_heard(door):
    sign = show(door, "en")
    rows = {r.ids.time.text + r.ids.badge.text: r.ids.case.text for r in later_rows(sign)}
    assert rows["10:30Postponed"] == "7 December, 10:00"  # the badge says postponed; the line says to when
    nxt = sign.ids.next.children[0].ids
    assert (nxt.time.text, nxt.badge.text) == ("11:00", "Scheduled")  # moved in from room 214


def test_every_text_on_the_sign_is_crisp(door):
    from kivy.uix.label import Label

    from kiosk.widgets.crisp import CrispText

    sign = show(door, "kk")
    labels = [w for w in sign.walk(restrict=True) if isinstance(w, Label)]
    assert len(labels) > 15
    assert [type(w).__name__ for w in labels if not isinstance(w, CrispText)] == []


def test_the_video_part_the_sign_replaced_stays_alive(door):
    screen = door.screens["display"]
    gc.collect()
    assert screen.ids.surface.active in (True, False)  # (a dead weak proxy raises ReferenceError here)
    screen.on_leave()  # leaving the screen reads it too


def test_the_kazakh_sign_rendered(door):
    from kiosk.frames import save_window_png
    from kiosk.testing import pump

    sign = show(door, "kk")
    # (the crop below is where the rows are once laid out: wait for that, not for a count of frames)
    assert pump(3, until=lambda: laid_out(sign)), [(r.x, r.y) for r in later_rows(sign)]
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / "door-busy-kk.png"
    done = []
    door.after_next_frame(lambda: done.append((save_window_png(path), laid_out(sign))))
    assert pump(3, until=lambda: done)
    assert done[0][1], "the later rows moved while the picture was taken"
    image = Image.open(path)
    assert image.size == (1920, 1080)
    gray = image.convert("L")
    later = ImageStat.Stat(gray.crop((1100, 500, 1880, 900))).stddev[0]
    assert later > 20, f"the later rows are not in the picture (the whole window's spread: {ImageStat.Stat(gray).stddev[0]:.1f})"


def laid_out(sign):
    """Whether the later rows are built and stand in the later column (1920x1080: its x 1100-1880, rows
    from y 500 down in the picture), one under the other."""
    rows = later_rows(sign)
    return len(rows) >= 2 and all(r.x > 1100 and 180 < r.y < 580 for r in rows) and rows[0].y > rows[1].y
