"""The hearing screens on a real kiosk app (offscreen Kivy), with a frozen court clock.

One app for the module; the tests run in order: the home tile, the list (time
order, statuses in colour and words, closed and finished hearings), the search
on the on-screen keyboard, the detail with the way and the floor plan, a live
status change, the layout with 40 long Kazakh names, and midnight.
"""

import datetime as dt
import threading

import pytest

from court_contract.hearings import on_day
from tests.support.ui import NOW, FrozenClock, make_cache

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer

    cache, manifest = make_cache(tmp_path_factory.mktemp("hearings"))
    clock = FrozenClock(NOW)
    env = KioskEnv(lang="ru", manifest=manifest, cache=cache, hearings=cache.load_hearings(), now=clock,
                   make_player=lambda call_soon: FakePlayer(call_soon), thumbnail_every_s=None, watchdog=None)
    app = KioskApp(env)
    start_app(app)
    app.screens["main"].ids.ticker.paused = True
    app.test_clock = clock
    app.go_home()
    pump(frames=3)
    yield app
    stop_app(app)


def settle(frames=4):
    from kiosk.testing import pump

    pump(frames=frames)


def rows(app):
    from kiosk.screens.hearing_parts import HearingRow

    return [w for w in app.screens["hearings"].ids.results.children[::-1] if isinstance(w, HearingRow)]


def test_the_home_tile_opens_todays_hearings_in_time_order(kiosk):
    app = kiosk
    tile = app.screens["home"].ids.tile_hearings
    assert "Судебные заседания" in tile.text and tile.height > 100 and tile.opacity == 1
    tile.dispatch("on_release")
    settle()
    assert app.current == "hearings"
    shown = rows(app)
    assert len(shown) == 40
    times = [r.ids.time.text for r in shown]
    assert times == sorted(times)
    assert app.screens["hearings"].ids.day.text == "Вторник, 24 ноября"


def test_a_rows_room_stays_level_with_its_status(kiosk):
    """The room sits at the row's top, level with the status badge beside it, which is taller (and
    takes two lines for some Kazakh statuses): the room used to sink to the middle of the header."""
    app = kiosk
    app.go("hearings")
    settle()
    shown = rows(app)
    assert len(shown) == 40
    for row in shown:
        assert abs(row.ids.room.top - row.ids.badge.top) <= 1, (row.ids.room.text, row.ids.room.top, row.ids.badge.top)


def test_statuses_in_colour_and_words_closed_and_finished(kiosk):
    from kiosk import hearings_style

    app = kiosk
    by_id = {r.hearing_id: r for r in rows(app)}
    running = by_id[5]
    assert running.ids.badge.text == "Идёт заседание"
    assert list(running.ids.badge.background) == hearings_style.badge("in_progress")[0]
    assert by_id[1].greyed and by_id[4].greyed  # finished, cancelled: greyed (by their background, not faded)
    assert not running.greyed and running.opacity == 1
    closed = by_id[3]
    assert closed.ids.case.text == "Закрытое судебное заседание"
    assert closed.ids.judge.text == "" and closed.ids.parties.text == ""
    assert by_id[8].ids.where.text == "Отложено на 7 декабря, 10:00"
    assert by_id[10].ids.where.text == "Перенесено в зал 305"
    assert by_id[5].ids.room.text == "Зал 305"


def test_search_on_the_keyboard_with_kazakh_letters(kiosk):
    app = kiosk
    screen = app.screens["hearings"]
    screen.ids.search_box.dispatch("on_release")
    settle()
    keyboard = screen.ids.keyboard
    assert keyboard.shown and keyboard.layout == "cyr"
    assert set("әғқңөұүһі") <= set(keyboard.keys)
    for ch in "қаспий":
        keyboard.keys[ch].dispatch("on_release")
    settle()
    assert app.hearings.query == "қаспий"
    found = rows(app)
    assert found and all("Каспий" in r.ids.parties.text for r in found)
    app.hearings.key("clear")
    for ch in "1105":
        app.hearings.key(ch)
    settle()
    assert [r.ids.case.text.split()[0] for r in rows(app)] == ["7594-26-00-2/1105"]
    app.hearings.key("clear")
    for ch in "төлеубаева":
        app.hearings.key(ch)
    settle()
    assert rows(app) and all("Төлеубаева" in r.ids.judge.text for r in rows(app))
    app.hearings.key("clear")
    for ch in "жоқ":
        app.hearings.key(ch)
    settle()
    assert rows(app) == []
    assert app.screens["hearings"].ids.results.children[0].text == "Ничего не найдено"
    app.hearings.key("clear")
    app.hearings.key("hide")
    settle()
    assert len(rows(app)) == 40


def test_detail_shows_the_way_and_the_plan_with_the_room_marked(kiosk):
    app = kiosk
    row = next(r for r in rows(app) if r.hearing_id == 5)
    row.dispatch("on_release")
    settle(6)
    assert app.current == "hearing"
    ids = app.screens["hearing"].ids
    assert ids.when.text.startswith("10:00")
    assert ids.badge.text == "Идёт заседание"
    assert ids.case.text == "Номер дела: 7594-26-00-2/1104"
    assert ids.room.text == "Зал 305 · Зал судебных заседаний №1 по гражданским делам"
    assert ids.floor.text == "3 этаж, Восточное крыло"
    assert ids.way.text.startswith("От главного входа")
    plan = ids.plan
    assert plan.source.endswith(app.manifest["rooms"][0]["plan"]["file"]["sha256"])
    x, y = plan.marker_pos()
    width, height = plan.norm_image_size
    left, top = plan.center_x - width / 2, plan.center_y + height / 2
    assert x == pytest.approx(left + 0.78 * width) and y == pytest.approx(top - 0.3 * height)
    assert plan.height > 200


def test_a_moved_hearing_shows_the_way_to_its_new_room_and_a_closed_one_only_time_and_room(kiosk):
    app = kiosk
    app.hearings.selected = 10  # moved from 214 to 305
    settle()
    ids = app.screens["hearing"].ids
    assert ids.where.text == "Перенесено в зал 305"
    assert ids.room.text.startswith("Зал 305")
    app.hearings.selected = 11  # closed, moved to 101 (no plan)
    settle()
    assert ids.case.text == "Закрытое судебное заседание"
    assert ids.judge.text == ids.parties.text == ids.kind.text == ""
    assert ids.room.text == "Зал 101" and ids.plan.source == ""


def test_a_status_change_from_the_sync_thread_shows_on_the_open_screen(kiosk):
    import copy

    app = kiosk
    app.hearings.selected = 6
    settle()
    feed = copy.deepcopy(app.hearings.feed)
    next(h for h in feed["hearings"] if h["id"] == 6)["status"] = "finished"
    worker = threading.Thread(target=app.hearings.offer, args=(feed,))
    worker.start()
    worker.join()
    settle()
    assert app.screens["hearing"].ids.badge.text == "Завершено"


@pytest.mark.parametrize("lang, large", [("kk", False), ("ru", False), ("en", False), ("kk", True)])
def test_the_list_holds_40_long_kazakh_names(kiosk, lang, large):
    from kivy.uix.label import Label

    app = kiosk
    app.set_large_text(large)
    app.lang = lang
    app.go_home()
    app.go("hearings")
    settle(8)
    shown = rows(app)
    assert len(shown) == 40
    checked = 0
    for row in shown:
        for label in row.walk(restrict=True):
            if not isinstance(label, Label) or not label.text or label is row:
                continue
            tw, th = label.texture_size
            assert th <= label.height + 1, f"{label.text!r}: {label.texture_size} in {label.size}"
            assert tw <= label.width + 1, f"{label.text!r}: {label.texture_size} in {label.size}"
            assert label.x >= row.x - 1 and label.right <= row.right + 1, f"{label.text!r} leaves its row"
            checked += 1
    assert checked > 200
    app.set_large_text(False)


def test_the_visitor_leaving_clears_the_search(kiosk):
    app = kiosk
    app.go_home()
    app.go("hearings")
    app.hearings.key("а")
    app.hearings.keyboard_open = True
    app.show_attract()
    settle()
    assert app.hearings.query == "" and not app.hearings.keyboard_open and app.hearings.selected == -1


def test_at_midnight_yesterdays_hearings_vanish_with_no_server_action(kiosk):
    app = kiosk
    app.lang = "ru"
    app.test_clock.moment = NOW.replace(hour=23, minute=59, second=58)
    app.leave_attract()
    app.go("hearings")
    settle(3)
    assert len(rows(app)) == 40
    app.hearings.selected = 5
    app.go("hearing")
    settle()
    app.test_clock.moment = NOW.replace(hour=0, minute=0, second=2) + dt.timedelta(days=1)
    settle(3)
    from kiosk.testing import pump

    assert pump(3, until=lambda: app.hearings.day == "2026-11-25")
    settle()
    # the open detail does not keep showing yesterday's hearing
    assert app.screens["hearing"].ids.badge.opacity == 0
    app.go_back()
    settle()
    tomorrow = on_day(app.hearings.feed, dt.date(2026, 11, 25))
    assert [r.hearing_id for r in rows(app)] == [h["id"] for h in tomorrow] == [100, 101, 102]
