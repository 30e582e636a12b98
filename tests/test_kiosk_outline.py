"""Outlines round buttons, tiles, cards and hearing rows are 1 px lines (kiosk/widgets/outline.py):
a wide kv Line is hundreds of thin triangles, and Mesa's software renderer keeps memory for them."""

import re
from pathlib import Path

import pytest

KIOSK = Path(__file__).resolve().parent.parent / "kiosk"


def drawn(widget):
    """The widget rendered alone, as rows of (r, g, b, a) bytes (in the texture's row order)."""
    image = widget.export_as_image()
    width, height = image.texture.size
    pixels = image.texture.pixels
    return [[tuple(pixels[(y * width + x) * 4:(y * width + x) * 4 + 4]) for x in range(width)] for y in range(height)]


@pytest.fixture
def window():
    from kiosk.testing import window

    return window()


@pytest.mark.usefixtures("window")
def test_an_outline_is_three_pixels_wide_inside_the_box_with_round_corners():
    from kivy.graphics import Color, Rectangle
    from kivy.uix.widget import Widget

    from kiosk.widgets.outline import WIDTH, Outline

    widget = Widget(size=(80, 50), pos=(0, 0))
    with widget.canvas:
        Color(1, 1, 1, 1)
        Rectangle(pos=widget.pos, size=widget.size)
        Color(1, 0, 0, 1)
        outline = Outline(rounded_rectangle=(0, 0, 80, 50, 12))
    assert outline.rounded_rectangle == (0, 0, 80, 50, 12)
    rows = drawn(widget)
    red, white = (255, 0, 0, 255), (255, 255, 255, 255)
    middle = rows[25]
    assert middle[:WIDTH] == [red] * WIDTH and middle[WIDTH] == white  # left edge
    assert middle[-WIDTH:] == [red] * WIDTH and middle[-WIDTH - 1] == white  # right edge
    column = [row[40] for row in rows]
    assert column[:WIDTH] == [red] * WIDTH and column[-WIDTH:] == [red] * WIDTH and column[WIDTH] == white
    assert rows[0][0] == white  # the corner is rounded: its very corner is not drawn
    # moved with its widget (kv binds the rectangle to the widget's pos and size)
    outline.rounded_rectangle = (0, 0, 40, 50, 12)
    middle = drawn(widget)[25]
    assert middle[39] == red and middle[41] == white


def test_no_kv_rule_draws_a_wide_line():
    wide = []
    for path in sorted(KIOSK.rglob("*.kv")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"^( *)Line:\n((?:\1 +.*\n)*)", text, flags=re.M):
            width = re.search(r"^\s*width:\s*(.+)$", match.group(2), flags=re.M)
            if width and width.group(1).strip() not in ("1", "1.0"):
                wide.append(f"{path.relative_to(KIOSK)}: Line with width {width.group(1).strip()}")
    assert wide == [], "use Outline (kiosk/widgets/outline.py) instead: " + "; ".join(wide)
