"""The overlays the app keeps built but detached (the idle warning, the emergency overlay) are
laid out at the size they will be shown at, so their labels hold textures of sensible size.

At a widget's default 100x100 their wrapping labels were a few pixels wide and drew their
texts into textures thousands of pixels tall: the emergency overlay's clock was a 380x3016
texture (4.6 MB), redrawn every second while no emergency was on.
"""

import pytest
from tests.support.ui import running_kiosk

DESIGN_W, DESIGN_H = 1080, 1920


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    yield from running_kiosk(tmp_path_factory.mktemp("overlays"))


def textures(widget):
    """(widget, texture size) for every label under ``widget`` that has drawn its text."""
    found = []
    if getattr(widget, "texture", None) is not None and hasattr(widget, "text"):
        found.append((widget, tuple(widget.texture.size)))
    for child in widget.children:
        found += textures(child)
    return found


@pytest.mark.parametrize("name", ["warning", "emergency"])
def test_a_detached_overlay_is_laid_out_at_the_window_size(kiosk, name):
    from kiosk.testing import pump

    overlay = kiosk.screens[name]
    pump(frames=3, seconds=1.1)  # the clock ticks: the overlay's clock label draws the new time
    assert overlay.parent is None
    assert tuple(overlay.size) == (DESIGN_W, DESIGN_H)
    drawn = textures(overlay)
    assert drawn, "the overlay has labels with text"
    for label, (w, h) in drawn:
        assert h <= DESIGN_H and w * h <= DESIGN_W * DESIGN_H // 4, (label.text[:30], (w, h))
        assert label.width == 0 or w >= min(label.width, 40), (label.text[:30], (w, h), label.width)
