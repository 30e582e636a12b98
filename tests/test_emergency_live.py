"""The emergency override on a running kiosk, against the REAL server.

`court-kiosk-server serve` runs over the demo court; the kiosk (a real Kivy
window, offscreen, with its real SyncClient polling every second) starts
with an empty cache. The test adds emergency announcements to the server's
database with admin_server's storage, publishes them with
`court-kiosk-server publish`, and drives the Kivy clock until the overlay
is on screen: within 5 s of publishing, over a visitor's half-done task,
over the idle warning and the attract loop; touches do not dismiss it; it
goes at its end time (the kiosk's own timer) or when a new version drops
it; and the server records that this kiosk showed it.

One app for the module (Kivy apps are not meant to run twice in a process);
the tests run in order.
"""

import datetime as dt
import time
from pathlib import Path

import pytest

from admin_server.testing import run_cli
from tests.support.live_kiosk import KIOSK_ID, db_of, running_kiosk

EMERGENCY_RED = (0xA3, 0x16, 0x1B)


def add_emergency(server, texts, ends_in_s=None):
    """Insert an emergency announcement the way the admin stores one; returns its id."""
    from admin_server.content import tri

    db = db_of(server)
    ends_at = None
    if ends_in_s is not None:
        ends_at = (dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=ends_in_s)).astimezone(
            dt.timezone(dt.timedelta(hours=5))).isoformat(timespec="seconds")
    with db.atomic():
        ident = db["announcements"].insert({"text": tri(dict(zip(("kk", "ru", "en"), texts))), "emergency": 1,
                                            "priority": 10, "ends_at": ends_at}).last_pk
    db.conn.close()
    return ident, ends_at


def publish(server):
    assert run_cli(server.data_dir, "publish") == 0


def window_rgb_at(app, x, y):
    """The colour the window shows at (x, y) (window coordinates, y up), after the next frame."""
    from kiosk.frames import read_window_pixels
    from kiosk.testing import pump

    got = []

    def grab():
        width, height, pixels = read_window_pixels()
        i = (int(y) * width + int(x)) * 4
        got.append(tuple(pixels[i:i + 3]))

    app.after_next_frame(grab)
    assert pump(3, until=lambda: got)
    return got[0]


def save_screen(app, name):
    """The window as test-artifacts/kiosk/<name>.png, for people to look at (git-ignored)."""
    from kiosk.frames import save_window_png
    from kiosk.testing import pump

    folder = Path(__file__).resolve().parent.parent / "test-artifacts" / "kiosk"
    folder.mkdir(parents=True, exist_ok=True)
    done = []
    app.after_next_frame(lambda: done.append(save_window_png(folder / f"{name}.png")))
    assert pump(3, until=lambda: done)


def tap_at(x, y):
    from kivy.tests.common import UnitTestTouch

    from kiosk.testing import pump

    touch = UnitTestTouch(x, y)
    touch.touch_down()
    touch.touch_up()
    pump(frames=2)


@pytest.fixture(scope="module")
def live(demo_template_dir, tmp_path_factory):
    with running_kiosk(demo_template_dir, tmp_path_factory.mktemp("emergency")) as (app, server):
        app.screens["main"].ids.ticker.paused = True  # a moving ticker redraws every frame: slow offscreen
        yield app, server


FIRE = ("Ғимаратта өрт дабылы. Ең жақын шығу есігі арқылы шығыңыз.",
        "Пожарная тревога. Покиньте здание через ближайший выход.",
        "Fire alarm. Leave the building by the nearest exit.")
WATER = ("Бүгін 14:00-ден бастап ғимаратта су болмайды.",
         "Сегодня с 14:00 в здании не будет воды.",
         "There will be no water in the building from 14:00 today.")


def test_an_emergency_covers_a_visitor_task_within_5_s_and_goes_at_its_end(live):
    from kiosk.testing import pump

    app, server = live
    assert app.current == "attract" and not app.emergency_visible
    # a visitor is in the middle of a fee calculation
    tap_at(540, 960)
    app.go("fees")
    app.go("calculator")
    for key in "1500000":
        app.calc_key(key)
    pump(frames=3)
    assert app.current == "calculator" and app.screens["calculator"].result is not None

    published = time.monotonic()
    ident, ends_at = add_emergency(server, FIRE, ends_in_s=12)
    publish(server)
    assert pump(10, until=lambda: ident in app.emergency_shown), "the emergency never showed"
    elapsed = time.monotonic() - published
    assert elapsed < 5, f"the emergency took {elapsed:.1f} s to show"

    overlay = app.screens["emergency"]
    assert app.root.children[0] is overlay  # on top of everything
    assert [label.text for label in overlay.lines] == list(FIRE)  # kk, ru, en at once
    assert overlay.ids.court.text.splitlines() == ["Маңғыстау облыстық соты", "Мангистауский областной суд",
                                                   "Mangystau Regional Court"]
    assert overlay.ids.time.text == app.clock_time and overlay.font_size >= 56
    assert window_rgb_at(app, 540, 300) == EMERGENCY_RED  # really on screen, full screen
    assert window_rgb_at(app, 20, 1900) == EMERGENCY_RED
    save_screen(app, "emergency-kiosk")
    # touches do not dismiss it, nor reach the keypad under it
    keypad = app.screens["calculator"].ids.keypad
    tap_at(*keypad.keys["9"].to_window(*keypad.keys["9"].center))
    tap_at(540, 960)
    assert app.emergency_visible and app.calc_digits == "1500000"
    # the idle timer runs on: its warning comes up under the overlay, never over it
    app.idle.last_touch -= app.idle.timeout_s + 1
    assert pump(2, until=lambda: app.warning_shown)
    assert app.root.children[0] is overlay and app.root.children[1] is app.warning
    app.idle.touch()  # (the test's doing: a visitor could not touch through the overlay)
    assert pump(2, until=lambda: not app.warning_shown)

    end = dt.datetime.fromisoformat(ends_at)
    assert pump(20, until=lambda: not app.emergency_visible), "the emergency never went"
    gone = dt.datetime.now(dt.timezone.utc)
    assert end - dt.timedelta(seconds=0.5) <= gone <= end + dt.timedelta(seconds=2.5), (gone, end)
    # the visitor carries on where they were
    assert overlay.parent is None and app.current == "calculator" and app.calc_digits == "1500000"
    assert window_rgb_at(app, 540, 300) != EMERGENCY_RED


def test_a_withdrawn_emergency_goes_with_the_next_version_also_over_the_attract_loop(live):
    from kiosk.testing import pump

    app, server = live
    app.show_attract()
    pump(frames=3)
    assert app.current == "attract" and app.player.playing
    published = time.monotonic()
    ident, _ = add_emergency(server, WATER)  # no end time: until withdrawn
    publish(server)
    assert pump(10, until=lambda: ident in app.emergency_shown)
    assert time.monotonic() - published < 5
    assert app.root.children[0] is app.screens["emergency"]
    assert [label.text for label in app.screens["emergency"].lines] == list(WATER)
    assert not app.player.playing  # no video plays unseen under it
    tap_at(540, 960)  # a touch would normally leave the attract loop
    assert app.current == "attract" and app.emergency_visible

    db = db_of(server)
    with db.atomic():
        db["announcements"].update(ident, {"enabled": 0})
    db.conn.close()
    withdrawn = time.monotonic()
    publish(server)
    assert pump(10, until=lambda: not app.emergency_visible)
    assert time.monotonic() - withdrawn < 5
    assert app.current == "attract" and app.player.playing  # the loop carries on


def test_the_server_knows_which_emergencies_this_kiosk_showed(live):
    from admin_server.fleet import emergency_acks

    from kiosk.testing import pump

    app, server = live
    shown = list(app.emergency_shown)
    assert len(shown) == 2

    def acked():
        db = db_of(server)
        try:
            return all(KIOSK_ID in emergency_acks(db, ident) for ident in shown)
        finally:
            db.conn.close()

    assert pump(10, until=acked), "the heartbeat never reported the emergencies"
    db = db_of(server)
    other = db["announcements"].insert({"text": '{"kk": "x", "ru": "x", "en": "x"}', "emergency": 1}).last_pk
    assert emergency_acks(db, other) == {}  # never published, never shown
    db.conn.close()
