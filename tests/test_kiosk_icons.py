"""Pictograms (kiosk/icons.py): every name the kiosk uses is a free Font Awesome glyph that Kivy draws;
a name Font Awesome does not have fails loudly."""

import subprocess
import sys

import pytest

from kiosk import icons


@pytest.mark.parametrize("name", sorted(icons.PICTOGRAMS))
def test_every_pictogram_is_a_free_solid_glyph(name):
    font, char = icons.resolve(name)
    assert font == icons.SOLID_FONT
    assert 0xE000 <= ord(char) <= 0xF8FF  # the private use area, where Font Awesome puts its glyphs


@pytest.mark.parametrize("kind", sorted(icons.LINK_ICONS))
def test_every_link_icon_resolves(kind):
    assert icons.link_icon(kind).startswith("[font=FontAwesome")


def test_social_networks_use_the_brands_font_and_an_unknown_link_kind_the_link_icon():
    assert icons.resolve("telegram")[0] == icons.BRANDS_FONT
    assert icons.link_icon("Instagram") == icons.icon("instagram")
    assert icons.link_icon("no-such-kind") == icons.icon(icons.LINK_FALLBACK)
    assert icons.link_icon(None) == icons.icon(icons.LINK_FALLBACK)


def test_the_code_points_come_from_the_packages_metadata():
    import json

    metadata = icons._package_dir() / "metadata" / "icons.json"
    house = json.loads(metadata.read_text(encoding="utf-8"))["house"]
    assert icons.glyph("home") == chr(int(house["unicode"], 16))
    assert icons.icon("home", 40) == f"[font={icons.SOLID_FONT}][size=40]{icons.glyph('home')}[/size][/font]"


def test_a_name_font_awesome_does_not_have_fails_loudly():
    with pytest.raises(icons.UnknownIcon, match="Font Awesome Free has no icon named 'hosue'"):
        icons.resolve("hosue")
    with pytest.raises(icons.UnknownIcon, match="no icon named 'no-such-icon' \\(the pictogram 'broken'\\)"):
        icons.PICTOGRAMS["broken"] = "no-such-icon"
        try:
            icons.resolve("broken")
        finally:
            del icons.PICTOGRAMS["broken"]


def test_an_icon_in_no_free_font_of_ours_fails_loudly(monkeypatch):
    monkeypatch.setattr(icons, "_metadata", lambda: {"light-only": (0xF000, ("regular",))})
    icons.resolve.cache_clear()
    try:
        with pytest.raises(icons.UnknownIcon, match="not in Font Awesome Free's solid or brands font"):
            icons.resolve("light-only")
    finally:
        icons.resolve.cache_clear()


def test_without_the_package_the_message_says_what_to_install(monkeypatch):
    def missing(_name):
        raise ModuleNotFoundError("No module named 'fontawesomefree'")

    monkeypatch.setattr(icons.resources, "files", missing)
    icons._metadata.cache_clear()
    icons.resolve.cache_clear()
    try:
        with pytest.raises(icons.UnknownIcon, match="install court-kiosk\\[kiosk\\]"):
            icons.resolve("home")
    finally:
        monkeypatch.undo()
        icons._metadata.cache_clear()
        icons.resolve.cache_clear()


def test_importing_it_imports_no_kivy():
    code = "import sys, kiosk.icons; assert 'kivy' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_kivy_draws_the_glyphs_in_markup():
    from kivy.core.text.markup import MarkupLabel

    from kiosk.testing import window

    window()
    drawn = MarkupLabel(text=icons.icon("home", 48) + " " + icons.icon("telegram", 48), font_size=20)
    drawn.refresh()
    width, height = drawn.texture.size
    assert height >= 48 and width >= 2 * 40  # two glyphs of 48 px, not two empty boxes
    blank = MarkupLabel(text=f"[font={icons.SOLID_FONT}][size=48]A[/size][/font]", font_size=20)
    blank.refresh()  # a letter is no glyph of the icon font: drawn as nothing
    assert blank.texture.size[0] < width / 2
