"""kiosk.testing runs apps one after another in one process (the tests' fixtures do): an app stopped with
canvas updates still pending must leave Kivy able to draw the next one."""

from tests.support.ui import running_kiosk


def finish(kiosk):
    """Run running_kiosk's generator to its end: stop_app."""
    assert next(kiosk, None) is None


def home_tiles(app):
    return [w for w in app.screen("home").walk() if type(w).__name__ == "HomeTile"]


def test_an_app_stopped_with_pending_redraws_leaves_the_next_app_drawing(tmp_path):
    from kivy.lang import builder

    from kiosk.testing import pump

    first = running_kiosk(tmp_path / "first")
    app = next(first)
    pump(frames=3)
    # as a test that failed half-way leaves it: a change whose kv canvas rule reads `app` (its colours),
    # not drawn yet when the app stops
    tiles = home_tiles(app)
    tiles[0].selected = True
    assert builder._delayed_start is not None
    app.bind(on_stop=lambda _app: setattr(tiles[1], "selected", True))  # and one its stopping makes
    finish(first)  # stop_app: before the fix, AttributeError from that rule with no app running
    assert builder._delayed_start is None  # dropped: the next app's first frame would draw it
    assert tiles[1].selected

    second = running_kiosk(tmp_path / "second")
    app = next(second)
    try:
        pump(frames=2)  # before the fix: TypeError here and on every later frame (Builder's list broken)
        tile = home_tiles(app)[0]
        colour = next(i for i in tile.canvas.before.children if type(i).__name__ == "Color")
        tile.selected = True
        pump(frames=2)
        assert tuple(colour.rgba) == tuple(app.theme["selected"])  # its canvas rules are drawn again
    finally:
        finish(second)
