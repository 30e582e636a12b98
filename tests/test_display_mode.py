"""Display mode (``court-kiosk --mode display``) in a real Kivy window (offscreen), one app per module.

The court's clock is injected (a real clock shifted to a Tuesday morning of
the fixture court), so "today's reception", the schedule and the emergency
deadline move with real time and the tests stay deterministic.
"""

import copy
import datetime as dt
import time

import pytest

from tests.support.ui import NOW, make_cache, tri

LANG_CYCLE = ("kk", "ru", "en")


class ShiftedClock:
    """Real time, shifted: starts at ``start`` and runs on; ``set`` jumps it (like NTP or staff would)."""

    def __init__(self, start):
        self.set(start)

    def set(self, moment):
        self.start, self.t0 = moment, time.monotonic()

    def __call__(self):
        return self.start + dt.timedelta(seconds=time.monotonic() - self.t0)


@pytest.fixture(scope="module")
def display(tmp_path_factory):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import start_app, stop_app
    from kiosk.video.fake import FakePlayer

    root = tmp_path_factory.mktemp("display")
    cache, manifest = make_cache(root)
    clock = ShiftedClock(NOW)
    env = KioskEnv(mode="display", lang="kk", manifest=manifest, cache=cache, now=clock,
                   make_player=lambda call_soon: FakePlayer(call_soon), usage_path=root / "usage.json",
                   lang_rotate_s=600, thumbnail_every_s=None, watchdog=None)
    app = KioskApp(env)
    start_app(app, (1920, 1080))
    app.screens["display"].ids.ticker.paused = True  # a moving ticker redraws every frame: slow offscreen
    app.test_clock = clock
    app.test_manifest = manifest
    yield app
    stop_app(app)


def labels(widget):
    from kivy.uix.label import Label

    return [w for w in widget.walk(restrict=True) if isinstance(w, Label) and w.text and w.opacity > 0]


def test_display_shows_video_reception_ticker_court_and_clock(display):
    from kivy.core.window import Window
    from kivy.uix.behaviors import ButtonBehavior

    from kiosk.testing import pump

    app = display
    pump(frames=5)
    assert Window.size == (1920, 1080)
    assert app.current == "display" and app.outer.current == "display"
    screen = app.screens["display"]
    ids = screen.ids
    assert ids.court_name.text == "Маңғыстау облыстық соты"
    assert ids.time.text == "10:00" and ids.date.text == "Сейсенбі, 24 қараша"
    # video zone: the scheduled playlist loops through the player
    assert ids.surface.active and app.player.playing
    assert len(app.player.playlist.paths) == 2 and [v["id"] for v in app.playlist_videos] == [1, 2]
    assert ids.surface.width >= 1000 and ids.surface.height == pytest.approx(ids.surface.width * 9 / 16)
    assert ids.now_playing.text == "Татуласу — жылдам әрі арзан"
    # today's reception (Tuesday): who, when, where
    assert ids.reception_title.text == "Бүгінгі жеке қабылдау"
    cards = [c for c in ids.reception.children[::-1] if type(c).__name__ == "DisplaySlot"]
    assert len(cards) == 1
    assert cards[0].ids.when.text == "11:00–13:00"
    assert cards[0].ids.person.text == "Ерлан Сапаров" and cards[0].ids.position.text == "Төраға"
    assert "Кабинет 301" in cards[0].ids.place.text and cards[0].role == "panel" and not cards[0].ids.badge.text
    # announcements ticker, most important first
    assert list(ids.ticker.items) == ["Татуласу орталығы [b]тегін[/b] жұмыс істейді",
                                      "Құжаттарды қабылдау 1-қабатта, 9:00–18:00"]
    # a TV seen from 3-5 m: every text at least 32 px, the key lines much larger, no touch targets
    for label in labels(screen):
        assert label.font_size >= 32, (label.text, label.font_size)
    assert ids.court_name.font_size >= 56 and ids.time.font_size >= 90 and ids.ticker.font_size >= 48
    assert cards[0].ids.when.font_size >= 48 and cards[0].ids.person.font_size >= 44
    assert not [w for w in app.root.walk() if isinstance(w, ButtonBehavior)]
    # everything sits inside the 1920x1080 frame
    for widget in (ids.court_name, ids.time, ids.surface, ids.reception, ids.ticker):
        x, y = widget.to_window(widget.x, widget.y)
        assert x >= 0 and y >= 0 and x + widget.width <= 1920 and y + widget.height <= 1080, widget


def test_a_reception_in_progress_is_highlighted(display):
    from kiosk.testing import pump

    app = display
    app.test_clock.set(NOW.replace(hour=11, minute=30))
    pump(1.3)  # the clock notices the jump, the screen follows the minute
    card = [c for c in app.screens["display"].ids.reception.children if type(c).__name__ == "DisplaySlot"][0]
    assert card.role == "highlight" and card.ids.badge.text == "Қазір жүріп жатыр"
    # Saturday: nobody receives today; the next receptions are shown instead
    app.test_clock.set(NOW + dt.timedelta(days=4))
    pump(1.3)
    ids = app.screens["display"].ids
    assert ids.reception_title.text == "Бүгін жеке қабылдау жоқ"
    cards = [c for c in ids.reception.children[::-1] if type(c).__name__ == "DisplaySlot"]
    assert [c.ids.person.text for c in cards] == ["Бауыржан Қали", "Ерлан Сапаров"]
    assert cards[0].ids.when.text == "Дүйсенбі, 30 қараша, 09:00–11:00"
    app.test_clock.set(NOW)
    pump(1.3)


def test_what_does_not_fit_beside_the_video_is_dropped(display):
    from kiosk.testing import pump

    app = display
    busy = copy.deepcopy(app.test_manifest)
    busy["version"] = 3
    long_name = tri("Әбдірахманова Гүлнар Сапарқызы Нұрланқызы", "Абдрахманова Гульнар Сапаровна Нурлановна",
                    "Gulnar Saparovna Abdirakhmanova-Nurlanovna")
    for n, start in enumerate(("14:00", "15:00", "16:00")):
        slot = copy.deepcopy(busy["reception"][0])
        slot.update(id=50 + n, person=long_name, start=start, end=start[:2] + ":45")
        busy["reception"].append(slot)
    app.offer_manifest(busy)
    screen = app.screens["display"]
    assert pump(3, until=lambda: screen.dropped >= 1 and screen._trim_event is None)
    ids = screen.ids
    cards = [c for c in ids.reception.children if type(c).__name__ == "DisplaySlot"]
    assert 1 <= len(cards) < 3
    panel_top = ids.reception_title.y
    assert all(c.top <= panel_top + 1 and c.y >= ids.reception_panel.y - 1 for c in cards)
    app.offer_manifest(app.test_manifest)
    pump(frames=3)


def test_the_language_rotates_on_a_timer(display):
    from kiosk.testing import pump

    app = display
    ids = app.screens["display"].ids
    seen = {}

    def note():
        if app.lang not in seen:
            seen[app.lang] = (ids.court_name.text, ids.reception_title.text, ids.ticker.items[0], ids.date.text,
                              ids.now_playing.text, [m.selected for m in ids.langs.children[::-1]])
        return len(seen) == 3 and app.lang == "kk"

    assert app.lang == "kk"
    note()
    app.start_rotation(0.4)
    started = time.monotonic()
    assert pump(3, until=note)
    assert 0.7 < time.monotonic() - started < 3
    assert list(seen) == list(LANG_CYCLE)
    assert seen["ru"][:4] == ("Мангистауский областной суд", "Личный приём сегодня",
                              "Центр примирения работает бесплатно", "Вторник, 24 ноября")
    assert seen["en"][:4] == ("Mangystau Regional Court", "Personal reception today",
                              "The mediation centre is free of charge", "Tuesday, 24 November")
    assert seen["en"][4] == "Settle faster"
    assert [s[5] for s in seen.values()] == [[True, False, False], [False, True, False], [False, False, True]]
    app.start_rotation(600)
    app.lang = "kk"


def test_touches_do_nothing(display):
    from kivy.tests.common import UnitTestTouch

    from kiosk.testing import pump

    app = display
    touch = UnitTestTouch(960, 540)
    touch.touch_down()
    touch.touch_up()
    pump(frames=3)
    assert app.current == "display" and app.player.playing


def test_proof_of_play_counts_each_clip_start(display):
    from kiosk.testing import pump

    app = display
    before = app.usage.snapshot()[NOW.date().isoformat()]
    app.player.finish_clip()
    pump(frames=3)
    app.player.finish_clip()
    pump(frames=3)
    after = app.usage.snapshot()[NOW.date().isoformat()]
    assert after.get("video:2", 0) == before.get("video:2", 0) + 1
    assert after["video:1"] == before["video:1"] + 1
    assert after.get("screen:display", 0) >= 1


def with_emergency(manifest, version, ends_at=None, starts_at=None, ident=90):
    newer = copy.deepcopy(manifest)
    newer["version"] = version
    newer["announcements"].append({
        "id": ident, "priority": 9, "emergency": True, "starts_at": starts_at, "ends_at": ends_at,
        "weekdays": None, "day_start": None, "day_end": None,
        "text": tri("Ғимараттан шығыңыз: өрт дабылы.", "Покиньте здание: пожарная тревога.",
                    "Leave the building: fire alarm.")})
    return newer


def test_an_emergency_covers_the_display_until_it_expires(display):
    from kiosk.testing import pump

    app = display
    ends = (app.env.now() + dt.timedelta(seconds=2.5)).isoformat()
    app.offer_manifest(with_emergency(app.test_manifest, 5, ends_at=ends))
    assert pump(1, until=lambda: 90 in app.emergency_shown)
    overlay = app.screens["emergency"]
    assert app.root.children[0] is overlay and overlay.landscape
    shown = [label.text for label in overlay.lines]
    assert shown == ["Ғимараттан шығыңыз: өрт дабылы.", "Покиньте здание: пожарная тревога.",
                     "Leave the building: fire alarm."]
    assert overlay.ids.court.text.splitlines() == ["Маңғыстау облыстық соты", "Мангистауский областной суд",
                                                   "Mangystau Regional Court"]
    assert overlay.ids.time.text == app.clock_time
    assert overlay.font_size >= 56  # three short sentences on a TV: big
    assert not app.player.playing  # nothing plays unseen under the overlay
    assert app.ticker_items == ["Татуласу орталығы [b]тегін[/b] жұмыс істейді",
                                "Құжаттарды қабылдау 1-қабатта, 9:00–18:00"]  # emergencies are not ticker items
    assert pump(4, until=lambda: not app.emergency_visible)  # the deadline timer, no new manifest
    assert overlay.parent is None and app.player.playing and app.current == "display"


def test_clock_wrong_shows_undated_content_only(display):
    from kiosk.testing import pump

    app = display
    manifest = copy.deepcopy(app.test_manifest)
    manifest["version"] = 6
    dated = copy.deepcopy(manifest["videos"][1])
    dated.update(id=3, valid_from="2026-01-01")
    manifest["videos"].append(dated)
    manifest["announcements"][0]["weekdays"] = [1, 2, 3, 4, 5, 6, 7]  # dated, though always on
    app.offer_manifest(manifest)
    pump(frames=3)
    assert app.clock_ok and [v["id"] for v in app.playlist_videos] == [1, 2, 3]
    assert len(app.ticker_items) == 2
    # the machine's clock falls back before the publish time (a dead RTC battery, say)
    app.test_clock.set(dt.datetime(2025, 1, 1, 10, 0, tzinfo=NOW.tzinfo))
    assert pump(2, until=lambda: not app.clock_ok)  # noticed by the clock tick, no manifest needed
    assert [v["id"] for v in app.playlist_videos] == [1, 2]
    assert app.player.playlist.paths == app.playlist_paths and len(app.player.playlist.paths) == 2
    assert app.ticker_items == []  # both announcements carry a date or weekday condition
    assert app.status()["clock_ok"] is False
    # an emergency with an end time is dated too: a kiosk that cannot tell the time shows only undated ones
    app.offer_manifest(with_emergency(manifest, 7, ends_at="2026-11-24T12:00:00+05:00", ident=91))
    pump(frames=3)
    assert not app.emergency_visible
    app.offer_manifest(with_emergency(manifest, 8, ident=92))
    assert pump(1, until=lambda: app.emergency_visible)
    app.offer_manifest(manifest)
    assert pump(1, until=lambda: not app.emergency_visible)
    app.test_clock.set(NOW)
    assert pump(2, until=lambda: app.clock_ok)
    assert [v["id"] for v in app.playlist_videos] == [1, 2, 3] and len(app.ticker_items) == 2
    assert app.status()["clock_ok"] is True
