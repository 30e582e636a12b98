"""Text rendered at the panel's real size (kiosk/widgets/crisp.py): on a panel drawn at twice the
design size a label's texture has twice the pixels, while its layout size stays the design size."""

import pytest

from kiosk.widgets import crisp
from kiosk.widgets.core_text import box_size


@pytest.fixture
def twice(monkeypatch):
    from kiosk.testing import window

    window()
    monkeypatch.setattr(crisp, "render_scale", lambda: 2.0)


def pair(**kwargs):
    from kivy.uix.label import Label

    plain, sharp = Label(**kwargs), crisp.CrispLabel(**kwargs)
    for label in (plain, sharp):
        label.texture_update()
    return plain, sharp


def test_a_plain_text_is_rendered_with_twice_the_pixels_at_its_design_size(twice):
    plain, sharp = pair(text="Қош келдіңіз! Тақырыпты таңдаңыз", font_size=40, text_size=(300, None))
    # (the box rendered: the texture itself may hold only the ink, kiosk.widgets.core_text)
    assert box_size(sharp._label)[1] == pytest.approx(2 * plain.texture.size[1], abs=3)
    assert sharp.texture_size == pytest.approx(plain.texture_size, abs=2)  # the layout does not move
    assert sharp._label.options["font_size"] == 40 and tuple(sharp._label.text_size) == (300, None)  # put back


def test_markup_sizes_are_scaled_too(twice):
    text = "[size=60]Басты бет[/size]\n[size=24]Главная[/size]"
    plain, sharp = pair(text=text, markup=True, font_size=20)
    assert "[size=120]" in sharp._label.text and "[size=48]" in sharp._label.text
    assert sharp.texture_size == pytest.approx(plain.texture_size, abs=2)
    assert crisp.measure(sharp)[1] == pytest.approx(plain.texture_size[1], abs=2)  # measured as rendered


def test_without_a_scale_it_is_a_plain_label():
    from kiosk.testing import window

    window()
    plain, sharp = pair(text="Сот отырыстары", font_size=40)
    assert crisp.render_scale() == 1.0  # no running app
    assert box_size(sharp._label) == tuple(plain.texture.size) and sharp.texture_size == plain.texture_size


def test_scale_markup_sizes():
    assert crisp.scale_markup_sizes("[b][size=40]A[/size][/b] [size=27]b[/size]", 1.5) == \
        "[b][size=60]A[/size][/b] [size=40]b[/size]"
