"""Screens are reused, not rebuilt, when what they show has not changed; and built ahead of the visitor.

Behaviour, never timings (bench/screens.py has the figures): a return visit keeps the very
same widgets; a change of language, input or minute (where the screen shows the time) builds
them again; a visitor's search or applicant followed on screen is no reason to rebuild; the
Prebuilder builds the likely screens while the visitor reads home without touching, one at a
time, never in the attract loop and never while the visitor is touching.
"""

import pytest
from kiosk.screens import base
from tests.support.ui import NOW, make_cache


class FakeMonotonic:
    def __init__(self):
        self.value = 1000.0

    def __call__(self):
        return self.value


class Clock:
    """The court's wall clock, moved by hand."""

    def __init__(self):
        self.now = NOW

    def __call__(self):
        return self.now


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer

    cache, manifest = make_cache(tmp_path_factory.mktemp("reuse"))
    monotonic, wall = FakeMonotonic(), Clock()
    asides = []  # the screens built each time what was built was set aside (court-kiosk: kiosk.memory.set_aside)
    env = KioskEnv(lang="kk", manifest=manifest, cache=cache, make_player=lambda call_soon: FakePlayer(call_soon),
                   now=wall, monotonic=monotonic, thumbnail_every_s=None, watchdog=None, usage_path=None,
                   set_aside=lambda: asides.append(set(app.screens)))
    app = KioskApp(env)
    app.asides = asides
    start_app(app)
    app.monotonic, app.wall = monotonic, wall
    app.screens["main"].ids.ticker.paused = True
    yield app
    stop_app(app)


def pump(seconds=0.0, frames=2):
    from kiosk.testing import pump as run

    run(frames=frames, seconds=seconds)


def touch(app):
    """A visitor's touch as far as the idle timer knows (the fake clock does not move by itself)."""
    app.idle.touch()


def visit(app, name):
    app.go(name)
    pump()


def leave(app):
    app.go_home()
    pump()


def counting_refreshes(monkeypatch, screen):
    calls = []
    original = screen.refresh

    def refresh():
        calls.append(1)
        original()

    monkeypatch.setattr(screen, "refresh", refresh)
    return calls


def test_nothing_is_built_ahead_in_the_attract_loop(kiosk):
    assert kiosk.current == "attract"
    kiosk.monotonic.value += 60  # long untouched
    pump(seconds=base.IDLE_S + 0.3)
    assert not {"fees", "calculator", "reception", "templates"} & set(kiosk.screens)
    assert kiosk.services.prebuilt == 0
    assert len(kiosk.asides) == 1 and "attract" in kiosk.asides[0]  # once, at the first frame


def test_nothing_is_built_while_the_visitor_touches(kiosk):
    kiosk.leave_attract()
    touch(kiosk)  # (the clock stands still: the visitor "just touched" for as long as this test runs)
    pump(seconds=base.IDLE_S + 0.5)
    assert kiosk.current == "home" and kiosk.services.prebuilt == 0


def test_screens_are_built_ahead_one_at_a_time_while_home_is_read(kiosk):
    prebuilder = kiosk.services.prebuilder
    kiosk.monotonic.value += base.IDLE_S + 1  # no touch since
    prebuilder._step(0)  # (what the clock calls once the visitor has not touched for IDLE_S)
    assert kiosk.services.prebuilt == 1 and "fees" in kiosk.screens and "calculator" not in kiosk.screens
    assert len(kiosk.asides) == 1  # (not before all are built)
    pump(seconds=base.GAP_S * 8 + 1.0)  # then one every GAP_S by itself
    assert {"fees", "calculator", "reception", "templates", "links", "videos"} <= set(kiosk.screens)
    assert {"fees", "calculator", "reception", "templates", "links", "videos"} <= kiosk.asides[-1]  # then set aside
    ready = [name for name in ("fees", "calculator", "reception", "templates", "links")
             if not kiosk.screens[name].stale()]
    assert ready == ["fees", "calculator", "reception", "templates", "links"]
    assert prebuilder.next_name() is None  # all ready: it stops
    # built at the size they will be shown at
    assert tuple(kiosk.screens["fees"].size) == tuple(kiosk.inner.size)


def test_with_nothing_new_built_nothing_is_set_aside_again(kiosk):
    asides = len(kiosk.asides)
    kiosk.monotonic.value += base.IDLE_S + 1
    kiosk.services.prebuilder._step(0)  # (a screen change asks it again: all is built)
    assert kiosk.services.prebuilder.next_name() is None and len(kiosk.asides) == asides  # (no full collection)


def test_a_first_visit_to_a_screen_built_ahead_does_not_build_it_again(kiosk, monkeypatch):
    fees = kiosk.screens["fees"]
    rows = list(fees.ids.table.children)
    calls = counting_refreshes(monkeypatch, fees)
    visit(kiosk, "fees")
    assert calls == [] and list(fees.ids.table.children) == rows


@pytest.mark.parametrize("name", ["fees", "calculator", "reception", "templates", "links"])
def test_a_return_visit_keeps_the_same_widgets(kiosk, monkeypatch, name):
    visit(kiosk, name)
    leave(kiosk)
    screen = kiosk.screens[name]
    widgets = list(screen.walk(restrict=True))
    calls = counting_refreshes(monkeypatch, screen)
    visit(kiosk, name)
    assert calls == [] and list(screen.walk(restrict=True)) == widgets
    leave(kiosk)


def test_a_language_change_builds_the_screen_again(kiosk, monkeypatch):
    reception = kiosk.screens["reception"]
    visit(kiosk, "reception")
    leave(kiosk)
    week = reception.ids.week.text
    calls = counting_refreshes(monkeypatch, reception)
    kiosk.set_lang("ru")
    visit(kiosk, "reception")
    assert calls == [1] and reception.ids.week.text != week
    leave(kiosk)
    kiosk.set_lang("kk")
    pump()


def test_reception_is_built_again_when_the_minute_changes(kiosk, monkeypatch):
    visit(kiosk, "reception")
    leave(kiosk)
    calls = counting_refreshes(monkeypatch, kiosk.screens["reception"])
    kiosk.wall.now = NOW.replace(minute=NOW.minute + 1)
    kiosk._tick_clock()
    visit(kiosk, "reception")
    assert calls == [1]
    leave(kiosk)


def test_a_search_followed_on_screen_is_kept_for_the_return(kiosk, monkeypatch):
    templates = kiosk.screens["templates"]
    visit(kiosk, "templates")
    kiosk.search_text = "брак"[:2]
    pump()
    rows = dict(templates.result_buttons)
    assert rows
    slug = next(iter(rows))
    calls = counting_refreshes(monkeypatch, templates)
    kiosk.open_template(slug)
    pump()
    kiosk.go_back()
    pump()
    assert kiosk.current == "templates" and calls == [] and templates.result_buttons == rows


def test_the_calculator_keeps_its_buttons_but_not_the_last_visitors_amount(kiosk, monkeypatch):
    from kiosk.visitor_gate import VisitorGate

    calc = kiosk.screens["calculator"]
    visit(kiosk, "calculator")
    code = next(iter(calc.kind_buttons))
    kiosk.set_calc_rule(code)
    kiosk.calc_digits = "1000000"
    pump()
    leave(kiosk)
    buttons = dict(calc.kind_buttons)
    VisitorGate.show_attract(kiosk)  # the visitor left: input reset, attract loop
    pump()
    kiosk.leave_attract()
    pump()
    calls = counting_refreshes(monkeypatch, calc)
    visit(kiosk, "calculator")
    assert calls == [] and calc.kind_buttons == buttons
    assert "1" not in calc.ids.amount.text  # the new visitor sees 0, not 1 000 000
    leave(kiosk)


def test_between_visitors_their_screens_are_dropped_and_built_again_for_the_next(kiosk):
    """When the visitor has gone, the kiosk lets go of every inner screen but home (their widgets and
    textures are freed) before the attract loop plays, and the next visitor finds them built again."""
    import gc
    import weakref

    given = []
    kiosk.env.give_back_memory = lambda: given.append((sorted(kiosk.screens), kiosk.outer.current, kiosk.player.playing))
    try:
        leave(kiosk)  # home, where a visitor starts
        for name in ("fees", "templates", "hearings", "reception"):
            visit(kiosk, name)
        gone = {name: weakref.ref(kiosk.screens[name]) for name in ("fees", "templates", "hearings", "reception")}
        kiosk.show_attract()
        assert len(given) == 1, "the memory was given back"
        screens, outer, playing = given[0]
        assert "home" in screens and not {"fees", "templates", "hearings", "reception"} & set(screens)
        assert (outer, playing) == ("main", False), "before the loop plays"
        gc.collect()  # (what the give-back did; the fake one here did not)
        assert {name for name, ref in gone.items() if ref() is not None} == set(), "nothing holds a dropped screen"
        pump()
        assert kiosk.current == "attract" and kiosk.player.playing and kiosk.inner.current == "home"
        kiosk.gate_touch()  # the next visitor
        pump()
        assert kiosk.current == "home"
        visit(kiosk, "fees")
        fees = kiosk.screens["fees"]
        assert fees.ids.get("open_calculator") is not None and kiosk.inner.current == "fees"
        assert fees.ids.open_calculator.text  # filled for the new visitor
        kiosk.show_attract()  # and again, from the screen it was built on
        assert len(given) == 2 and "fees" not in given[1][0]
    finally:
        kiosk.env.give_back_memory = None
        leave(kiosk)


def test_the_dropped_screens_textures_are_freed_before_the_memory_is_given_back(kiosk):
    """Kivy deletes a freed widget's GL texture only at its next clock tick; the trim must come after
    it (Mesa llvmpipe keeps textures in the process's memory: trimmed before, ~45 MB fewer came back)."""
    from kivy.graphics.opengl import glIsTexture

    def textures(*screens):
        return {w.texture.id for screen in screens for w in screen.walk() if getattr(w, "texture", None) is not None}

    def at_trim():  # (GL reuses a freed name: one a kept widget shows now is not the dropped one's)
        kept = textures(*kiosk.screens.values())
        still_textures.extend(i for i in ids - kept if glIsTexture(i))

    still_textures = []
    kiosk.env.give_back_memory = at_trim
    try:
        leave(kiosk)
        visit(kiosk, "reception")
        pump(frames=4)
        ids = textures(kiosk.screens["reception"])
        assert len(ids) >= 5 and all(glIsTexture(i) for i in ids)
        kiosk.show_attract()
        assert "reception" not in kiosk.screens
        assert still_textures == [], f"{len(still_textures)} of {len(ids)} textures were still there at the trim"
    finally:
        kiosk.env.give_back_memory = None
        leave(kiosk)


def test_without_a_give_back_the_screens_stay_built(kiosk):
    """A kiosk made without ``give_back_memory`` (a test's, a snapshot's) keeps every screen."""
    visit(kiosk, "fees")
    fees = kiosk.screens["fees"]
    kiosk.show_attract()
    pump()
    assert kiosk.current == "attract" and kiosk.screens.get("fees") is fees
    leave(kiosk)
