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
