"""A visitor's walk through the real Kivy UI (offscreen window, simulated touches).

One app for the whole module (running Kivy apps twice in one process is
fragile), so the tests run in order and each starts where the last one
left off: waiting -> content arrives -> attract -> home -> fees ->
calculator -> home -> templates -> search -> detail -> language switch ->
idle warning -> attract loop -> home.

Time is injected: ``now`` is frozen on a Tuesday, the idle timer reads a
fake monotonic clock the test moves by hand; Kivy's own Clock is driven
with Clock.tick(), so no test waits 90 seconds.
"""

import threading
import time

import pytest

from kiosk.testing import window

# (made here, at collection, by kiosk.testing: square, so the landscape apps of other modules fit in it)
Window = window((1080, 1920))

from kivy.clock import Clock  # noqa: E402
from kivy.tests.common import UnitTestTouch  # noqa: E402
from kivy.uix.behaviors import ButtonBehavior  # noqa: E402
from kivy.uix.label import Label  # noqa: E402
from kivy.uix.scrollview import ScrollView  # noqa: E402
from kivy.utils import escape_markup  # noqa: E402

from kiosk.app import KioskApp  # noqa: E402
from kiosk.env import KioskEnv  # noqa: E402
from kiosk.testing import stop_app  # noqa: E402
from kiosk.ui_text import t  # noqa: E402
from kiosk.video.fake import FakePlayer  # noqa: E402
from tests.support.ui import FEE_CASES, INJECTION, NOW, make_cache  # noqa: E402

H = 1920


class FakeMonotonic:
    def __init__(self):
        self.value = 1000.0

    def __call__(self):
        return self.value

    def advance(self, seconds):
        self.value += seconds


def settle(ticks=6):
    """Run Kivy's clock (layouts, scheduled callbacks) without drawing frames."""
    for _ in range(ticks):
        Clock.tick()
        Clock.tick_draw()  # layouts are "before the next frame" triggers


def run_for(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        Clock.tick()
        Clock.tick_draw()


def run_until(done, timeout=10.0):
    """Run Kivy's clock until ``done()`` holds: a busy CI machine may take longer than
    a fixed pause for the idle tick (every 0.25 s) and the screen change after it."""
    end = time.monotonic() + timeout
    while not done():
        assert time.monotonic() < end, f"still not done after {timeout} s"
        Clock.tick()
        Clock.tick_draw()


def tap(widget):
    x, y = widget.to_window(*widget.center)
    assert 0 <= x <= Window.width and 0 <= y <= Window.height, f"{widget} is off screen at {(x, y)}"
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    touch.touch_up()
    settle()


def tap_at(x, y):
    touch = UnitTestTouch(x, y)
    touch.touch_down()
    touch.touch_up()
    settle()


def plain(markup_text):
    """What a markup label shows, roughly: tags for the tenge font removed, spaces normalised."""
    return (markup_text.replace("[font=DejaVuSans]", "").replace("[/font]", "")
            .replace("\u00a0", " ").replace("\u202f", " "))


def rendered_text(label):
    """The words Kivy actually laid out for a label (after markup parsing)."""
    label.texture_update()
    core = label._label
    return "".join(word.text for line in core._cached_lines for word in line.words)


def buttons(widget):
    return [w for w in widget.walk(restrict=True) if isinstance(w, ButtonBehavior)]


def visible(widget):
    """False if a ScrollView ancestor clips the widget's centre away."""
    cx, cy = widget.to_window(*widget.center)
    parent = widget.parent
    while parent is not None and parent is not Window:
        if isinstance(parent, ScrollView):
            px, py = parent.to_window(parent.x, parent.y)
            if not (px <= cx <= px + parent.width and py <= cy <= py + parent.height):
                return False
        parent = parent.parent
    return True


def check_touch_targets_and_reach(app):
    """Every visible control is at least 60 px both ways and sits below the top 15 % of the screen."""
    screen = app.screens[app.current] if app.current in app.screens else app.root
    roots = [screen, app.screens["main"].ids.bottombar] if app.outer.current == "main" else [screen]
    seen = 0
    for root in roots:
        for button in buttons(root):
            if button.disabled or button.opacity == 0 or button.width == 0 or not visible(button):
                continue
            seen += 1
            assert button.width >= 60 and button.height >= 60, f"{button.text!r} is {button.size}"
            top = button.to_window(button.x, button.top)[1]
            assert top <= 0.85 * H, f"{button.text!r} reaches up to y={top}"
    return seen


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    cache, manifest = make_cache(tmp_path_factory.mktemp("walk"))
    clock = FakeMonotonic()
    players = []

    def make_player(call_soon):
        players.append(FakePlayer(call_soon))
        return players[0]

    gave_back = []  # the screen on show each time the app gave back memory
    env = KioskEnv(lang="kk", manifest=None, cache=cache, make_player=make_player, now=lambda: NOW,
                   monotonic=clock, server_url="http://127.0.0.1:9/", kiosk_id="lobby-1",
                   give_back_memory=lambda: gave_back.append(app.current))
    app = KioskApp(env)
    app.test_gave_back = gave_back
    Window.size = (1080, 1920)
    app._run_prepare()
    settle(10)
    app.test_clock = clock
    app.test_manifest = manifest
    app.screens["main"].ids.ticker.paused = True
    yield app
    stop_app(app)


def test_first_start_without_content_shows_waiting_then_content_arrives(kiosk):
    app = kiosk
    assert app.current == "waiting"
    title = app.screens["waiting"].ids.title.text
    assert t("waiting_title", "kk") in title and t("waiting_title", "ru") in title and t("waiting_title", "en") in title
    tap_at(540, 960)  # touches do nothing harmful while waiting
    assert app.current == "waiting"
    # the sync client calls on_update on its own thread
    worker = threading.Thread(target=app.on_sync_update, args=(app.test_manifest,))
    worker.start()
    worker.join()
    assert app.manifest is None  # not yet: it hops to the UI thread
    settle()
    assert app.manifest is app.test_manifest
    assert app.current == "attract"
    assert app.court_name == "Маңғыстау облыстық соты"


def test_attract_loop_plays_and_a_touch_opens_home(kiosk):
    app = kiosk
    surface = app.screens["attract"].ids.surface
    assert app.player.playing and surface.active
    assert len(app.player.playlist.paths) == 2
    surface.pull()
    assert surface.has_picture
    hints = [app.screens["attract"].hint(lang) for lang in ("kk", "ru", "en")]
    assert hints[0] == "Бастау үшін экранды түртіңіз" and len(set(hints)) == 3
    tap_at(540, 1000)
    assert app.current == "home"
    assert not app.player.playing  # the loop stops when a visitor takes over
    assert check_touch_targets_and_reach(app) >= 9


def test_home_to_fees_table(kiosk):
    app = kiosk
    home = app.screens["home"]
    tap(home.ids.tile_fees)
    assert app.current == "fees"
    fees = app.screens["fees"]
    rows = fees.ids.table.children[::-1]
    assert len(rows) == 10
    assert rows[0].ids.title.text == "Мүліктік талап"
    assert rows[0].ids.rate.text == "талап қою бағасының 1\u00a0%-ы\nең көбі 10\u00a0000\u00a0АЕК"  # a number keeps its unit
    assert "АЕК" in fees.ids.mrp.text and "4\u00a0325,00" in fees.ids.mrp.text  # money as Kazakh writes it
    assert check_touch_targets_and_reach(app) >= 5


def type_amount(calc, digits):
    keypad = calc.ids.keypad
    tap(keypad.keys["clear"])
    for digit in digits:
        tap(keypad.keys[digit])


def test_calculator_cases_typed_on_the_keypad(kiosk):
    app = kiosk
    tap(app.screens["fees"].ids.open_calculator)
    assert app.current == "calculator"
    calc = app.screens["calculator"]
    assert check_touch_targets_and_reach(app) >= 12
    for code, applicant, digits, expected in FEE_CASES:
        tap(calc.ids[applicant])
        assert app.calc_applicant == applicant
        tap(calc.kind_buttons[code])
        assert app.calc_rule == code and calc.kind_buttons[code].selected
        if digits:
            type_amount(calc, digits)
            assert plain(calc.ids.amount.text).replace(" ", "").startswith(digits)
        else:
            assert calc.ids.keypad.disabled  # a fixed fee needs no amount
        assert plain(calc.ids.fee.text) == f"{expected} ₸".replace("\u202f", " "), (code, digits)
        details = plain(calc.ids.details.text)
        assert "2026 жылғы АЕК: 4 325,00 ₸" in details
        assert "Салық кодексі 610-бап" in details
    # the last two cases were exempt; check the sentence, then a capped one
    assert calc.ids.message.text == t("exempt", "kk")
    tap(calc.ids.individual)
    tap(calc.kind_buttons["property-individual"])
    type_amount(calc, "5000000000")
    assert plain(calc.ids.fee.text) == "43 250 000,00 ₸"
    assert "Ең жоғары мөлшермен шектелді: 10 000 АЕК" in plain(calc.ids.details.text)
    # no amount yet: a sentence, not a number
    tap(calc.ids.keypad.keys["clear"])
    assert calc.ids.fee.text == "—"
    assert calc.ids.message.text == t("enter_amount", "kk")
    # a leading zero is ignored, the keypad stops at 13 digits
    type_amount(calc, "0" + "9" * 15)
    assert app.calc_digits == "9" * 13
    settle()
    assert calc.ids.amount.height < 80  # still one line


def test_home_then_templates_search_with_kazakh_letters(kiosk):
    app = kiosk
    tap(app.screens["main"].ids.bottombar.ids.home)
    assert app.current == "home" and not app.can_go_back
    tap(app.screens["home"].ids.tile_templates)
    assert app.current == "templates"
    screen = app.screens["templates"]
    assert sorted(screen.result_buttons) == ["alimony", "debt", "divorce"]
    assert not app.keyboard_open
    tap(screen.ids.search_box)
    assert app.keyboard_open and screen.ids.keyboard.height > 400
    keys = screen.ids.keyboard.keys
    assert all(ch in keys for ch in "әіңғүұқөһ")
    for ch in "қарыз":
        tap(keys[ch])
    assert app.search_text == "қарыз"
    assert list(screen.result_buttons) == ["debt"]
    tap(keys["clear"])
    for ch in "неке":
        tap(keys[ch])
    assert list(screen.result_buttons) == ["divorce"]
    assert check_touch_targets_and_reach(app) >= 40
    tap(keys["hide"])
    assert not app.keyboard_open


def test_markup_in_visitor_text_is_shown_as_typed(kiosk):
    app = kiosk
    screen = app.screens["templates"]
    app.search_text = ""
    settle()
    row = screen.result_buttons["debt"]
    assert row.markup and escape_markup(INJECTION) in row.text
    shown = rendered_text(row).replace(" ", "")  # (a wrapped line loses its space)
    assert INJECTION.replace(" ", "") in shown  # "[b]" and "[color=...]" appear literally, not as formatting
    # the ticker draws announcements without markup
    assert any("[b]тегін[/b]" in item for item in app.ticker_items)
    # no markup label anywhere shows a visitor text unescaped
    for widget in app.root.walk():
        if isinstance(widget, Label) and widget.markup:
            assert "[b]жоба[/b]" not in widget.text


def test_template_detail_and_language_switch(kiosk):
    app = kiosk
    screen = app.screens["templates"]
    for ch in "неке":
        app.search_key(ch)
    settle()
    tap(screen.result_buttons["divorce"])
    assert app.current == "template"
    detail = app.screens["template"]
    assert detail.ids.title.text == "Некені бұзу туралы талап қою"
    assert detail.ids.qr.data == "https://kiosk.mng.sud.kz/t/divorce"
    assert detail.ids.url.text == "https://kiosk.mng.sud.kz/t/divorce"
    assert detail.ids.scan.text == t("scan_qr", "kk")
    assert detail.ids.langs.text.endswith("Қазақша · Русский")
    assert detail.ids.qr.width >= 600
    bar = app.screens["main"].ids.bottombar
    tap(bar.ids.langs.buttons["en"])
    assert app.lang == "en"
    assert detail.ids.title.text == "Claim for divorce"
    assert detail.ids.scan.text == "Scan the QR code to download"
    assert bar.ids.back.text.endswith("]Back[/size]") and bar.ids.home.text.endswith("]Home[/size]")  # under a pictogram
    assert app.court_name == "Mangystau Regional Court"
    assert app.ticker_items[0] == "The mediation centre is free of charge"
    tap(bar.ids.langs.buttons["ru"])
    assert detail.ids.title.text == "Иск о расторжении брака"
    assert bar.ids.home.text.endswith("]Главная[/size]")
    tap(bar.ids.back)
    assert app.current == "templates"
    tap(bar.ids.back)
    assert app.current == "home"
    tap(app.screens["home"].ids.tile_templates)
    tap(app.screens["templates"].result_buttons["divorce"])
    assert app.current == "template"


def test_large_text_mode(kiosk):
    app = kiosk
    bar = app.screens["main"].ids.bottombar
    title = app.screens["template"].ids.title
    size = title.font_size
    tap(bar.ids.large)
    assert app.large_text and title.font_size > size
    assert title.color == app.theme["fg"] == [0, 0, 0, 1]
    assert check_touch_targets_and_reach(app) >= 6
    # the calculator still fits: the amount and keypad stay below the claim kinds, above the bottom bar
    app.go("calculator")
    settle()
    calc = app.screens["calculator"]
    assert calc.ids.amount_box.top <= calc.ids.kinds_scroll.y
    keypad = calc.ids.keypad
    assert keypad.to_window(keypad.x, keypad.y)[1] >= bar.to_window(bar.x, bar.top)[1]
    assert check_touch_targets_and_reach(app) >= 12
    tap(bar.ids.back)
    assert app.current == "template"
    tap(bar.ids.large)
    assert not app.large_text and title.font_size == size


def test_new_content_waits_until_the_visitor_is_back_home(kiosk):
    app = kiosk
    newer = dict(app.test_manifest, version=2)
    first = app.test_manifest["announcements"][0]
    newer["announcements"] = [dict(first, text={"kk": "Жаңа", "ru": "Новое", "en": "New"})]
    worker = threading.Thread(target=app.on_sync_update, args=(newer,))
    worker.start()
    worker.join()
    settle()
    assert app.current == "template"
    assert app.manifest is app.test_manifest and app.pending is newer  # not in the middle of a visit
    assert app.ticker_items == ["Новое"]  # the ticker may change at once
    tap(app.screens["main"].ids.bottombar.ids.home)
    assert app.manifest is newer and app.pending is None


def test_idle_warning_then_attract_loop_then_home(kiosk):
    app = kiosk
    clock = app.test_clock
    tap(app.screens["home"].ids.tile_fees)
    tap(app.screens["fees"].ids.open_calculator)
    type_amount(app.screens["calculator"], "123")
    app.search_text = "неке"
    assert app.current == "calculator"
    clock.advance(89)
    run_for(0.4)
    assert not app.warning_shown
    clock.advance(1)
    run_until(lambda: app.warning_shown)
    warning = app.screens["warning"]
    assert warning.ids.question.text == "Вы ещё здесь?"
    assert warning.ids.countdown.text == "30"  # settings.idle_warning_s
    clock.advance(10)
    run_until(lambda: warning.ids.countdown.text == "20")
    tap_at(540, 900)  # one touch extends
    assert not app.warning_shown and app.current == "calculator"
    assert app.calc_digits == "123"
    clock.advance(91)
    run_until(lambda: app.warning_shown)
    clock.advance(30)
    run_until(lambda: app.current == "attract" and app.player.playing)
    assert not app.warning_shown
    # the last visitor's input is gone
    assert (app.calc_digits, app.search_text, app.lang, app.large_text) == ("", "", "kk", False)
    # and the memory their screens used went back to the system, before the loop came up
    assert app.test_gave_back == ["calculator"]
    tap_at(540, 300)
    assert app.current == "home"
    assert app.screens["home"].ids.welcome.text == "Қош келдіңіз!"
    # the next visitor comes at once: no pause for them
    clock.advance(121)
    run_until(lambda: app.current == "attract")
    assert app.test_gave_back == ["calculator", "home"]
    tap_at(540, 300)
    run_for(1.5)
    assert app.current == "home" and app.test_gave_back == ["calculator", "home"]


def test_videos_screen_plays_the_playlist(kiosk):
    app = kiosk
    tap(app.screens["home"].ids.tile_videos)
    assert app.current == "videos"
    screen = app.screens["videos"]
    assert app.player.playing and screen.ids.surface.active
    settle()
    assert screen.title_buttons[0].selected
    app.player.finish_clip()
    settle()
    assert app.video_index == 1 and screen.title_buttons[1].selected
    tap(screen.title_buttons[0])
    assert app.video_index == 0
    # moving content can be paused (and resumed) by the visitor
    pause = screen.ids.pause
    assert pause.width >= 60 and pause.height >= 60 and "Кідірту" in pause.text
    tap(pause)
    assert app.player.paused and app.video_paused and "Жалғастыру" in pause.text
    app.player.finish_clip()  # a paused clip does not run on
    settle()
    assert app.video_index == 0
    tap(pause)
    assert not app.player.paused and not app.video_paused
    tap(app.screens["main"].ids.bottombar.ids.back)
    assert app.current == "home" and not app.player.playing


def test_heartbeat_status(kiosk):
    status = kiosk.status()
    assert status["screen"] == "home" and status["mode"] == "kiosk" and status["kiosk_id"] == "lobby-1"


def test_reception_this_week_today_and_next(kiosk):
    app = kiosk
    tap(app.screens["home"].ids.tile_reception)
    assert app.current == "reception"
    screen = app.screens["reception"]
    assert screen.ids.week.text == "Осы апта: 23 қараша – 27 қараша"
    cards = screen.ids.body.children[::-1]
    days = [c for c in cards if "day" in c.ids]
    assert [d.ids.day.text.split(",")[0] for d in days] == ["Дүйсенбі", "Сейсенбі", "Сәрсенбі", "Бейсенбі", "Жұма"]
    today = days[1]
    assert today.role == "highlight" and today.ids.badge.text == "Бүгін"
    assert all(d.role == "panel" for d in days if d is not today)
    slot_lines = today.ids.slots.children
    assert slot_lines[0].ids.time.text == "11:00–13:00" and "Ерлан Сапаров" in slot_lines[0].ids.who.text
    nexts = [c for c in cards if "person" in c.ids]
    assert [c.ids.person.text for c in nexts] == ["Ерлан Сапаров", "Бауыржан Қали", "Айгүл Нұрланқызы"]
    assert nexts[0].ids.when.text == "Сейсенбі, 24 қараша, 11:00–13:00"
    assert nexts[0].ids.note.text.startswith("Алдын ала жазылу")
    assert "Кабинет: 301" in nexts[0].ids.place.text


def test_e_services_and_social_links_as_qr_tiles(kiosk):
    app = kiosk
    tap(app.screens["main"].ids.bottombar.ids.home)
    tap(app.screens["home"].ids.tile_links)
    assert app.current == "links"
    screen = app.screens["links"]
    tiles = screen.ids.services.children[::-1] + screen.ids.social.children[::-1]
    assert [tile.ids.qr.data for tile in tiles] == [
        "https://office.sud.kz", "https://sud.gov.kz", "https://instagram.com/mng.sud", "https://t.me/mngsud"]
    assert all(tile.ids.url.text == tile.ids.qr.data for tile in tiles)
    assert tiles[0].ids.title.text == "Сот кабинеті"
    assert check_touch_targets_and_reach(app) >= 0


def test_a_screen_is_rebuilt_only_when_what_it_shows_has_changed(kiosk):
    import copy

    app = kiosk
    bar = app.screens["main"].ids.bottombar.ids
    tap(bar.home)
    tap(app.screens["home"].ids.tile_fees)
    table = app.screens["fees"].ids.table
    rows = list(table.children)
    tap(bar.home)
    tap(app.screens["home"].ids.tile_fees)
    assert list(table.children) == rows  # back to the same fees: kept, not built again
    app.set_lang("ru")  # on screen: rebuilt at once, in Russian
    settle()
    assert table.children[0] is not rows[0] and app.current == "fees"
    ru_rows = list(table.children)
    tap(bar.home)
    app.set_lang("kk")  # while another screen shows: rebuilt when the visitor comes back
    tap(app.screens["home"].ids.tile_fees)
    assert table.children[0] is not ru_rows[0]
    assert [r.ids.title.text for r in table.children] == [r.ids.title.text for r in rows]
    # a new manifest while another screen shows: the next visit shows what it says
    tap(bar.home)
    before = app.manifest
    changed = copy.deepcopy(before)
    changed["fee_rules"][0]["title"] = {"kk": "Жаңа атау", "ru": "Новое название", "en": "New title"}
    app.manifest = changed
    tap(app.screens["home"].ids.tile_fees)
    assert "Жаңа атау" in [r.ids.title.text for r in table.children]
    tap(bar.home)
    app.manifest = before
