"""Kivy's core text label as the kiosk changes it (kiosk/widgets/core_text.py): it keeps no CPU copy of a
drawn text, and a text of one colour is kept in white in a luminance + alpha texture (2 bytes a pixel),
its colour put on by the canvas -- drawn, the same pixels as Kivy's own label in that colour."""

import pytest

from kiosk.widgets import core_text, crisp

DARK, LIGHT = (0.10, 0.20, 0.40, 1), (1, 1, 1, 1)


@pytest.fixture
def kivy_as_it_comes(monkeypatch):
    """Kivy's core label without the kiosk's changes, whether or not an app built earlier in this process
    installed them (put back after the test)."""
    from kivy.core.text import Label as CoreLabel

    patched = {name: method.kivy_original for name, method in vars(CoreLabel).items()
               if hasattr(method, "kivy_original")}  # (whatever core_text.install() replaced)
    for name, original in patched.items():
        monkeypatch.setattr(CoreLabel, name, original)
    return CoreLabel


@pytest.fixture
def stage(kivy_as_it_comes):
    """A window with a backdrop of ``colour`` to put labels on; ``shot()`` draws it and returns its pixels."""
    from kiosk.testing import frame, window

    Window = window((1080, 1920))  # (first: importing Kivy's window makes it, at the size Config says)
    from kivy.graphics import Color, Rectangle
    from kivy.uix.floatlayout import FloatLayout

    from kiosk.frames import read_window_pixels

    core_text.install()
    root = FloatLayout(size=(1080, 1920))

    def backdrop(colour):
        root.canvas.before.clear()
        with root.canvas.before:
            Color(*colour)
            Rectangle(pos=(0, 0), size=(1080, 1920))

    def shot():
        frame()
        return read_window_pixels()

    Window.add_widget(root)
    yield root, backdrop, shot
    Window.remove_widget(root)


def region(pixels, x, y, w, h):
    width, _height, data = pixels
    return [data[((y + row) * width + x) * 4:((y + row) * width + x + w) * 4] for row in range(h)]


def differs_most(a, b):
    return max(abs(p - q) for ra, rb in zip(a, b) for p, q in zip(ra, rb))


def side_by_side(root, **kwargs):
    """Kivy's own Label at x=0 and the kiosk's (CrispLabel, tinted) at x=540, same text and box."""
    from kivy.uix.label import Label

    kivy_label = Label(pos=(0, 0), size=(540, 300), size_hint=(None, None), **kwargs)
    kiosk_label = crisp.CrispLabel(pos=(540, 0), size=(540, 300), size_hint=(None, None), **kwargs)
    for label in (kivy_label, kiosk_label):
        root.add_widget(label)
    return kivy_label, kiosk_label


@pytest.mark.parametrize("backdrop_colour, kwargs", [
    (LIGHT, dict(text="Сот отырыстары", font_size=40, color=(0, 0, 0, 1))),
    (DARK, dict(text="Мемлекеттік баж · 50 000,00 ₸", font_size=33, color=(1, 0.8, 0.2, 1))),
    (LIGHT, dict(text="Қосымша\nақпарат", font_size=27, color=(0.2, 0.3, 0.35, 0.6))),  # muted: alpha below 1
    (DARK, dict(text="[b]Басты бет[/b]\n[size=21]Главная · Home[/size]", markup=True, font_size=37,
                color=(0.95, 0.95, 1, 1))),
    # a text in a box bigger than itself, placed by halign/valign (a heading, a tile's label)
    (LIGHT, dict(text="Сот отырыстары", font_size=40, color=(0, 0, 0, 1), text_size=(520, 280),
                 halign="right", valign="bottom")),
    (DARK, dict(text="Шаблондар\nTemplates", font_size=33, color=(1, 0.8, 0.2, 1), text_size=(500, 260),
                halign="center", valign="top")),
    (LIGHT, dict(text="Қабылдау", font_size=29, color=(0.1, 0.2, 0.5, 1), text_size=(540, None),
                 halign="left", valign="middle", padding=(12, 6))),
])
def test_a_tinted_text_draws_the_pixels_kivy_draws(stage, backdrop_colour, kwargs):
    root, backdrop, shot = stage
    backdrop(backdrop_colour)
    kivy_label, kiosk_label = side_by_side(root, **kwargs)
    pixels = shot()
    assert kivy_label.texture.colorfmt == "rgba" and kiosk_label.texture.colorfmt == "luminance_alpha"
    # the same box; the texture only as big as the ink in it (a blank pixel around it)
    assert kiosk_label.texture_size == kivy_label.texture_size == list(kivy_label.texture.size)
    inked_w, inked_h = kiosk_label.texture.size
    assert inked_w <= kivy_label.texture.width and inked_h <= kivy_label.texture.height
    ours, theirs = region(pixels, 540, 0, 540, 300), region(pixels, 0, 0, 540, 300)
    assert differs_most(ours, theirs) <= 2  # (the colour multiplied in 8 bits or in floats)
    assert ours != region(pixels, 540, 310, 540, 300), "the text was drawn (or this compares backdrops)"


def test_a_text_of_several_colours_stays_in_colour_and_switches_back(stage):
    """The search box: its hint has a [color] span (several colours: not tinted); what is typed is
    tinted; the hint again is drawn in its colours, not in the texture kept for the tinted text."""
    root, backdrop, shot = stage
    backdrop(LIGHT)
    hint = "[color=ff0000]Іздеу[/color] сөзі"
    kivy_label, kiosk_label = side_by_side(root, text=hint, markup=True, font_size=40, color=(0, 0, 0, 1))
    shot()
    assert kiosk_label.texture.colorfmt == "rgba"
    kiosk_label.text = "Іздеу сөзі"
    shot()
    assert kiosk_label.texture.colorfmt == "luminance_alpha"
    kiosk_label.text = hint
    pixels = shot()
    assert kiosk_label.texture.colorfmt == "rgba"
    assert differs_most(region(pixels, 540, 0, 540, 300), region(pixels, 0, 0, 540, 300)) <= 2


def test_a_new_colour_is_drawn(stage):
    """The theme changes (large text's palette): the canvas draws the text in the new colour."""
    root, backdrop, shot = stage
    backdrop(LIGHT)
    kivy_label, kiosk_label = side_by_side(root, text="Қабылдау күндері", font_size=40, color=(0, 0, 0, 1))
    shot()
    for label in (kivy_label, kiosk_label):
        label.color = (0.6, 0, 0.1, 1)
    pixels = shot()
    assert differs_most(region(pixels, 540, 0, 540, 300), region(pixels, 0, 0, 540, 300)) <= 2
    assert any(row[i] > 100 and row[i + 1] < 50 for row in region(pixels, 540, 0, 540, 300)
               for i in range(0, len(row), 4)), "red text drawn"


def test_a_drawn_label_keeps_no_copy_of_its_text(kivy_as_it_comes):
    """Kivy's SDL2 labels keep the surface they render into until the next render (a CPU copy of every
    text texture: 36.5 MB with the kiosk's screens built); released, the texture still shows the text."""
    from kivy.uix.label import Label

    from kiosk.testing import window

    window()

    def drawn(text):
        label = Label(text=text, font_size=40)
        label.texture_update()
        label.texture.bind()  # the text is rendered when its texture is first used (drawn)
        return label

    kept = drawn("Сот отырыстары")
    assert kept._label._surface is not None  # Kivy as it comes: the surface stays
    assert core_text.install() and core_text.install()  # (idempotent)
    label = drawn("Сот отырыстары")
    assert label._label._surface is None
    assert label.texture.pixels == kept.texture.pixels and any(label.texture.pixels[3::4])  # same text drawn
    label.text = "Судебные заседания"  # a new render: a new surface, released too
    label.texture_update()
    label.texture.bind()
    assert label._label._surface is None and label.texture.pixels != kept.texture.pixels


def test_luminance_alpha_keeps_red_and_alpha():
    assert core_text.luminance_alpha(bytes([10, 20, 30, 40, 50, 60, 70, 80])) == bytes([10, 40, 50, 80])
    assert core_text.one_colour("a [b]b[/b]", True, 0) and core_text.one_colour("[color=ff0000]a", False, 0)
    assert not core_text.one_colour("[color=ff0000]a[/color]", True, 0) and not core_text.one_colour("a", False, 2)


def test_the_ink_box_keeps_a_blank_pixel_around_the_ink():
    blank = bytes(6 * 4)
    assert core_text.ink_box(blank, 6, 4) is None
    one = bytearray(blank)
    one[2 * 6 + 3] = 200  # row 2, column 3
    assert core_text.ink_box(bytes(one), 6, 4) == (2, 1, 5, 4)  # a blank pixel left, above, right; below: the edge
    corners = bytearray(blank)
    corners[0] = corners[-1] = 1  # the top left and bottom right pixels
    assert core_text.ink_box(bytes(corners), 6, 4) == (0, 0, 6, 4)  # the whole box (no blank outside it)
    rows = bytearray(blank)
    rows[1 * 6 + 4] = rows[3 * 6 + 1] = 9  # the widest row need not be the first or the last
    assert core_text.ink_box(bytes(rows), 6, 4) == (0, 0, 6, 4)
    assert core_text.ink_box(bytes(rows[:18]), 6, 3) == (3, 0, 6, 3)


def test_a_heading_in_a_wide_box_keeps_a_texture_as_big_as_its_ink(stage):
    """A short heading in a box as wide as the screen (KLabel's text_size is its width), centred: the
    texture holds the ink, a small part of the box, and it is drawn where Kivy draws it."""
    root, backdrop, shot = stage
    backdrop(LIGHT)
    kwargs = dict(text="Баж", font_size=40, color=(0, 0, 0, 1), text_size=(540, 200), halign="center",
                  valign="middle")
    kivy_label, kiosk_label = side_by_side(root, **kwargs)
    pixels = shot()
    assert kiosk_label.texture_size == [540, 200]
    width, height = kiosk_label.texture.size
    assert width * height * 8 < 540 * 200, "the ink is a small part of the box"
    ours, theirs = region(pixels, 540, 0, 540, 300), region(pixels, 0, 0, 540, 300)
    assert differs_most(ours, theirs) <= 2 and ours != region(pixels, 540, 310, 540, 300)


def test_a_text_with_no_ink_draws_nothing(stage):
    """Spaces (or an empty line kept by markup) render no ink: a blank texture, nothing drawn over the box."""
    root, backdrop, shot = stage
    backdrop(DARK)
    before = region(shot(), 540, 0, 540, 300)
    kivy_label, kiosk_label = side_by_side(root, text="   ", font_size=40, color=(1, 1, 1, 1), text_size=(540, 300))
    pixels = shot()
    assert kiosk_label.texture.colorfmt == "luminance_alpha" and not any(kiosk_label.texture.pixels)
    assert region(pixels, 540, 0, 540, 300) == before


def test_a_new_text_of_the_same_ink_size_is_drawn_into_the_same_texture(stage):
    """A clock changing an inner digit (its ink as big as before): the texture is used again, the new text
    drawn into it."""
    root, backdrop, shot = stage
    backdrop(LIGHT)
    kivy_label, kiosk_label = side_by_side(root, text="08:00", font_size=40, color=(0, 0, 0, 1),
                                           text_size=(540, 300), halign="center", valign="middle")
    shot()
    texture = kiosk_label.texture
    for label in (kivy_label, kiosk_label):
        label.text = "09:00"
    pixels = shot()
    assert kiosk_label.texture is texture
    assert differs_most(region(pixels, 540, 0, 540, 300), region(pixels, 0, 0, 540, 300)) <= 2


def test_sizes_that_open_the_same_font_share_it(kivy_as_it_comes):
    """SDL_ttf opens a font at its size cut down to a whole number: 24, 24.0 and 24.9 are one font."""
    ids = lambda: {kivy_as_it_comes(text="a", font_size=size)._get_font_id() for size in (24, 24.0, 24.9)}
    assert len(ids()) == 3  # Kivy as it comes
    core_text.install()
    assert len(ids()) == 1
    bold, larger = (kivy_as_it_comes(text="a", font_size=24, bold=True), kivy_as_it_comes(text="a", font_size=25))
    assert len({label._get_font_id() for label in (bold, larger)} | ids()) == 3
