"""A kv rule of a widget that is freed while the rule runs is skipped, not raised (kiosk.widgets.kv_guard).

A screen rebuilt (language, large text, new content) drops its old rows; they are garbage, but until
Python's collector frees them their kv rules stay bound to the app's theme, font scale and language. If
a collection frees one in the middle of its own rule (the rule's code allocates, and any allocation may
start a collection), the rule reads ``self`` through a dead weak proxy: Kivy raised ReferenceError out
of the property change, which failed a layout check test now and then (``set_large_text(False)`` when a
visitor leaves) and would stop a kiosk. Here the collection is made to happen at that moment.
"""

import gc
import weakref

import pytest


@pytest.fixture
def themed_app():
    """A small app with what the themed widgets read (theme, font scale); it collects Python's garbage
    when its theme is read while ``collect_on_read`` is set -- as if an allocation there started one."""
    from kivy.app import App
    from kivy.properties import DictProperty, NumericProperty, ObjectProperty

    from kiosk.widgets import theme as themes
    from kiosk.testing import window

    window((1080, 1920))

    class ThemedApp(App):
        theme = DictProperty(themes.palette(False))
        font_scale = NumericProperty(1.0)
        collect_on_read = False
        other = ObjectProperty(None, allownone=True)

        def __getattribute__(self, name):
            if name == "theme" and object.__getattribute__(self, "collect_on_read"):
                gc.collect()
            return super().__getattribute__(name)

    app = ThemedApp()
    yield app
    app.collect_on_read = False
    app.dispatch("on_stop")  # kv's `app` lets go of it (kivy.lang.parser.ProxyApp) for the next test's


def dropped_labels(n):
    """``n`` themed labels in a box, dropped: a cycle (box <-> children) nothing refers to, not yet freed."""
    from kivy.uix.boxlayout import BoxLayout

    from kiosk.widgets.common import KLabel

    box = BoxLayout()
    for i in range(n):
        box.add_widget(KLabel(text=f"row {i}"))
    return weakref.ref(box.children[0])


def test_a_label_freed_while_its_theme_rule_runs_is_skipped(themed_app):
    from kiosk.widgets import theme as themes
    from kiosk.widgets.common import KLabel

    gc.collect()
    gc.disable()  # (so the labels are still there when the theme changes)
    try:
        dropped = dropped_labels(5)
        kept = KLabel(text="on screen")  # bound after them: its rule runs once theirs have
        assert dropped() is not None
        themed_app.collect_on_read = True
        themed_app.theme = themes.palette(True)  # the first dropped label's rule frees them all
    finally:
        gc.enable()
    assert dropped() is None, "the dropped labels were freed during the change (else this tests nothing)"
    large = themes.palette(True)
    assert list(kept.color) == list(large[kept.role]), "a live label still follows the theme"


def test_errors_of_a_live_widget_are_still_raised(themed_app):
    """Only a rule whose own widget is gone is skipped: a rule that fails while its widget lives still
    fails, with a dead weak proxy it reads too."""
    from kivy.lang import Builder
    from kivy.uix.label import Label

    from kiosk.widgets.common import KLabel

    label = KLabel(text="on screen")
    with pytest.raises(KeyError):
        themed_app.theme = {role: rgba for role, rgba in themed_app.theme.items() if role != label.role}
    del label
    gc.collect()

    class ReadsAnotherWidget(Label):
        pass

    Builder.load_string("<ReadsAnotherWidget>:\n    text: str(len(app.theme)) + app.other.text\n",
                        filename="reads-another-widget.kv")
    try:
        other = Label(text="!")
        themed_app.other = other.proxy_ref
        reader = ReadsAnotherWidget()
        assert reader.text.endswith("!")
        gone = weakref.ref(other)
        del other
        gc.collect()
        assert gone() is None
        with pytest.raises(ReferenceError):
            themed_app.theme = {**themed_app.theme, "new": (0, 0, 0, 1)}
        assert reader.parent is None  # (alive all along)
    finally:
        Builder.unload_file("reads-another-widget.kv")
