"""Pictograms: Font Awesome Free names resolved to glyphs of its fonts, as Kivy label markup.

The only module that knows about the ``fontawesomefree`` package (the kiosk extra's
dependency). A name is looked up in the package's own metadata
(``metadata/icons.json``: each icon's code point and the free styles it comes in), read
once at the first use, so no code point is typed by hand here; a name the metadata does
not have, or has in no free solid or brands font, raises :class:`UnknownIcon`.
The fonts are registered with Kivy's LabelBase at the first use too.

:data:`PICTOGRAMS` says which icon stands for what on the kiosk, in one place.

Font Awesome Free by Fonticons, Inc. (https://fontawesome.com): icons CC BY 4.0,
fonts SIL OFL 1.1 (see NOTICE).
"""

import json
from functools import lru_cache
from importlib import resources

SOLID_FONT = "FontAwesomeSolid"
BRANDS_FONT = "FontAwesomeBrands"
_FILES = {SOLID_FONT: "fa-solid-900.ttf", BRANDS_FONT: "fa-brands-400.ttf"}
_STYLE_FONT = (("solid", SOLID_FONT), ("brands", BRANDS_FONT))  # the first free style an icon has

# what each pictogram on the kiosk means -> the Font Awesome name
PICTOGRAMS = {
    "back": "arrow-left", "home": "house", "language": "globe", "large_text": "text-height",
    "search": "magnifying-glass", "clear": "xmark", "delete": "delete-left", "hide_keyboard": "keyboard",
    "space": "arrows-left-right", "qr": "qrcode", "scan_with_phone": "mobile-screen-button", "download": "download",
    "print": "print",
    "calculator": "calculator", "fees": "coins", "reception": "user-tie", "templates": "file-lines",
    "e_services": "laptop", "video": "circle-play", "hearings": "gavel", "contacts": "address-book",
    "phone": "phone", "address": "location-dot", "email": "envelope", "website": "globe",
    "touch": "hand-pointer", "pause": "pause", "play": "play", "court": "building-columns",
    "fill_in": "pen-to-square", "attach": "paperclip", "pay": "wallet", "file_at_office": "inbox",
    "file_online": "laptop", "courtroom": "door-open", "way_there": "person-walking", "floor": "stairs",
    "clock": "clock",
    "calendar": "calendar-days", "info": "circle-info", "social": "share-nodes", "warning": "triangle-exclamation",
}
# a link's ``icon`` in the manifest -> the Font Awesome name (anything else: the generic link icon)
LINK_ICONS = {"office": "laptop", "web": "globe", "gov": "building-columns", "supreme_court": "landmark-dome",
              "court": "scale-balanced", "eotinish": "envelope-open-text", "phone": "phone", "email": "envelope",
              "facebook": "facebook", "instagram": "instagram", "telegram": "telegram", "youtube": "youtube",
              "whatsapp": "whatsapp", "vk": "vk", "tiktok": "tiktok", "x": "x-twitter", "twitter": "x-twitter"}
LINK_FALLBACK = "link"


class UnknownIcon(KeyError):
    """An icon name Font Awesome Free does not have (a typo, or a Pro-only icon)."""

    def __str__(self):
        return self.args[0]


def _package_dir():
    try:
        return resources.files("fontawesomefree") / "static" / "fontawesomefree"
    except ModuleNotFoundError:
        raise UnknownIcon("The pictograms need the fontawesomefree package (the kiosk extra): "
                          "install court-kiosk[kiosk].") from None


@lru_cache(maxsize=1)
def _metadata():
    """{name: (code point, free styles)} from the package's metadata/icons.json."""
    with (_package_dir() / "metadata" / "icons.json").open(encoding="utf-8") as f:
        icons = json.load(f)
    return {name: (int(item["unicode"], 16), tuple(item.get("free") or ())) for name, item in icons.items()}


@lru_cache(maxsize=None)
def resolve(name):
    """(font name, character) of pictogram or Font Awesome icon ``name``; UnknownIcon if there is none."""
    fa_name = PICTOGRAMS.get(name, name)
    found = _metadata().get(fa_name)
    if found is None:
        raise UnknownIcon(f"Font Awesome Free has no icon named {fa_name!r}"
                          + (f" (the pictogram {name!r})" if fa_name != name else "") + ".")
    code, styles = found
    for style, font in _STYLE_FONT:
        if style in styles:
            register(font)
            return font, chr(code)
    raise UnknownIcon(f"The icon {fa_name!r} is not in Font Awesome Free's solid or brands font "
                      f"(it has {', '.join(styles) or 'no free style'}).")


def glyph(name):
    """The character of ``name`` (its font: :func:`resolve`)."""
    return resolve(name)[1]


def icon(name, size=None):
    """Label markup that draws pictogram ``name`` (optionally ``size`` px) inside a markup label's text."""
    font, text = resolve(name)  # a private-use character: nothing in it to escape
    if size:
        text = f"[size={int(size)}]{text}[/size]"
    return f"[font={font}]{text}[/font]"


def link_icon(kind, size=None):
    """The markup pictogram for a manifest link's ``icon`` value (a generic link icon when unknown)."""
    return icon(LINK_ICONS.get((kind or "").strip().lower(), LINK_FALLBACK), size)


_registered = set()


def register(font=SOLID_FONT):
    """Register a Font Awesome font with Kivy (once), so labels and markup can name it."""
    if font in _registered:
        return
    from kivy.core.text import LabelBase

    path = _package_dir() / "webfonts" / _FILES[font]
    LabelBase.register(name=font, fn_regular=str(path))
    _registered.add(font)
