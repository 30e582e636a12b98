"""Widgets that come and go leave nothing on the app or the root (kiosk.widgets.follow).

A screen rebuilds its rows at every change of language or content; each label used to
fbind a Clock trigger to the root's scale, left there when the label went (one more per
label per rebuild, for the life of the kiosk), and an on-screen keyboard fbound a method
to the app's font scale, which kept the keyboard itself alive.
"""

import gc
import weakref

import pytest
from tests.support.ui import running_kiosk


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    yield from running_kiosk(tmp_path_factory.mktemp("follow"))


def observers(app):
    return (len(app.root_widget.get_property_observers("scale")), len(app.get_property_observers("font_scale")))


def test_rebuilt_rows_leave_no_callbacks_on_the_root_or_the_app(kiosk):
    from kiosk.testing import pump

    kiosk.go("fees")
    pump(frames=3)
    rows = weakref.ref(kiosk.screens["fees"].ids.table.children[0])
    before = observers(kiosk)
    for lang in ("ru", "en", "kk", "ru", "kk"):  # each change rebuilds the fee rows, their labels new
        kiosk.set_lang(lang)
        pump(frames=3)
    gc.collect()
    assert rows() is None, "the first rows were rebuilt (or this test no longer tests anything)"
    assert observers(kiosk) == before


def test_a_keyboard_that_goes_is_not_kept_by_the_app(kiosk):
    from kiosk.testing import pump
    from kiosk.widgets.keyboard import OnScreenKeyboard

    keyboard = OnScreenKeyboard()
    pump(frames=2)
    gone = weakref.ref(keyboard)
    del keyboard
    gc.collect()
    assert gone() is None


# what the visitor's screens watch on the app and on the hearings state, which outlive them
APP_PROPERTIES = ("lang", "manifest", "calc_applicant", "calc_rule", "calc_digits", "search_text", "search_category",
                  "font_scale", "keyboard_open")
HEARINGS_PROPERTIES = ("feed", "day", "query", "selected", "keyboard_open")


def watchers(app):
    return ({name: len(app.get_property_observers(name)) for name in APP_PROPERTIES},
            {name: len(app.hearings.get_property_observers(name)) for name in HEARINGS_PROPERTIES})


def visit_and_leave(app):
    """A visitor opens every screen, then leaves: their screens are dropped (as between visitors)."""
    from kiosk.testing import pump

    for name in ("fees", "calculator", "reception", "templates", "links", "hearings"):
        app.go(name)
        pump(frames=2)
    app.go_home()
    pump(frames=2)
    app.drop_visitor_screens()
    # a scroll view laid out in the last frames fades its bar in 0.5 s, after another 0.5 s (Kivy's
    # ScrollView): its Animation holds it, and its screen, until then
    pump(seconds=1.2)
    gc.collect()


def test_screens_dropped_between_visitors_leave_no_callbacks_on_the_app_or_the_hearings(kiosk):
    # No screens built ahead while this counts (the Prebuilder builds once the visitor is idle for 0.6 s):
    # whether it built one before a count would change it, callbacks of live screens.
    kiosk.services.prebuilder.stop()
    try:
        visit_and_leave(kiosk)  # (the first visitor: what is bound once for good is bound now)
        before = watchers(kiosk)
        fees = weakref.ref(kiosk.screen("fees"))
        for _ in range(3):
            visit_and_leave(kiosk)
        assert fees() is None and "fees" not in kiosk.screens  # (dropped, and gone: or this tests nothing)
        assert watchers(kiosk) == before
    finally:
        kiosk.services.prebuilder.start()
