"""What the kiosk changes in Kivy's core text label (SDL2 provider): no CPU copy kept; text of one
colour kept in textures of 2 bytes a pixel instead of 4, the colour added when drawn, and only as big
as its ink; one font opened per size SDL_ttf renders.

A core label renders into an SDL surface, copies its pixels into the texture, and keeps the surface
until the next render: a second, CPU-side copy of every text (36.5 MB with every screen of the kiosk
built in one language, heaptrack, no video). The surface is never read again (a new render makes a
new one): it is let go once its pixels are copied out.

Kivy's SDL2 text provider draws a label's text in the label's colour into an RGBA texture. A text
of one colour needs only its glyphs' coverage: drawn in white, the red channel (the coverage as SDL
blends it) and the alpha go into a luminance + alpha texture, and the canvas's ``Color``, white in
Kivy's own Label rule, multiplies it by the label's colour when it is drawn: the same pixels, in half
the memory. Mesa llvmpipe keeps textures in process memory (a GPU's driver keeps them in its own): the
text textures of every screen built were 38 MB (BENCHMARKS.md section 5).

A label's texture is as big as its text box, and the box is often much bigger than the text: a
heading in a box as wide as the screen, a tile's label as tall as the tile (the text textures of the
test court's screens: 13.1 MiB, the ink in them 6.0). A tinted text is rendered at once, and its
texture holds only the part with ink (:func:`inked_texture`), its texture coordinates stretched so the
canvas still draws it over the whole box, in the same place.

Kivy keeps up to 64 SDL_ttf fonts open, each with the glyphs it rendered (~0.7 MiB for a font that
rendered 50 glyphs), under an id made of the font size as it is given: 24, 24.0 and 24.5 are three
fonts, though SDL_ttf opens all three at size 24 (it truncates). The kiosk's screens asked for 114 ids
in three languages, so fonts were closed and opened again at every change of language or text size.
The id is made of the size SDL_ttf uses (99 ids).

:func:`install` (the app calls it when it builds) makes Kivy's core label do all this, the tinted
rendering when its options ask (``tint``); :class:`kiosk.widgets.crisp.CrispText` asks for every label
whose text has one colour (no ``[color]`` in its markup, no outline) and sets the canvas colour (:func:`tint`).
"""

from kivy.graphics import Color

TINT = "tint"  # the core label option: render in white into a luminance + alpha texture
WHITE = (1.0, 1.0, 1.0, 1.0)
FORMAT = "luminance_alpha"
FONT_ID_KEYS = ("font_name_r", "bold", "italic", "underline", "strikethrough")  # after the size, as in Kivy


def one_colour(text, markup, outline_width):
    """Whether a label's text is drawn in its colour alone (and so can be tinted)."""
    return not outline_width and not (markup and "[color" in text)


def luminance_alpha(rgba):
    """The red and alpha bytes of RGBA pixels (a white text's coverage and alpha), interleaved."""
    out = bytearray(len(rgba) // 2)
    out[0::2] = rgba[0::4]
    out[1::2] = rgba[3::4]
    return bytes(out)


def box_size(core):
    """The size of a core label's text box in pixels, as Kivy sizes its texture (whole pixels, cut down)."""
    return int(core._size[0]), int(core._size[1])


class _Pixels:
    """Stands in for a core label's texture while it renders: keeps the pixels it is given."""

    data = None

    def blit_data(self, data):
        self.data = data


def ink_box(alpha, width, height):
    """(left, top, right, bottom) of the pixels whose ``alpha`` (one byte each, rows from the top) is
    not 0, with a blank pixel kept around them where there is one; None if there are none."""
    first = len(alpha) - len(alpha.lstrip(b"\0"))
    if first == len(alpha):
        return None
    top, bottom = first // width, (len(alpha.rstrip(b"\0")) - 1) // width + 1
    left, right = width, 0
    for row in range(top, bottom):
        line = alpha[row * width:(row + 1) * width]
        inked = line.lstrip(b"\0")
        if inked:
            left = min(left, width - len(inked))
            right = max(right, len(line.rstrip(b"\0")))
    return max(0, left - 1), max(0, top - 1), min(width, right + 1), min(height, bottom + 1)


def inked_texture(data, width, height, texture=None, mipmap=False):
    """A texture of the part of a rendered text (``data``, luminance + alpha, ``width`` x ``height``)
    that has ink in it, drawn where it was: its texture coordinates span the whole ``width`` x
    ``height``, and what lies outside is the blank pixel kept at its edges (textures clamp to their
    edge). A text's box is often much wider or taller than its text (a heading in a 1000 px box, a
    tile's label as tall as the tile); the canvas still draws it in a rectangle of the box's size.
    ``texture`` is used again if it has the size needed."""
    from kivy.core.image import ImageData
    from kivy.graphics.texture import Texture

    pixels = data.data if data is not None and data.fmt == FORMAT else None
    box = ink_box(pixels[1::2], width, height) if pixels is not None else None
    left, top, right, bottom = box or (0, 0, 1, 1)
    crop_w, crop_h = right - left, bottom - top
    if pixels is None:
        pixels = bytes(2 * crop_w * crop_h)  # (nothing was rendered: blank)
    elif (crop_w, crop_h) != (width, height):
        pixels = b"".join(pixels[2 * (row * width + left):2 * (row * width + right)] for row in range(top, bottom))
    if texture is None or texture.size != (crop_w, crop_h) or texture.colorfmt != FORMAT:
        texture = Texture.create(size=(crop_w, crop_h), colorfmt=FORMAT, mipmap=mipmap)
    image = ImageData(crop_w, crop_h, "rgba", pixels)
    image.fmt = FORMAT  # (ImageData's check knows no luminance_alpha; Texture.blit_data does)
    texture.blit_data(image)
    # rows go from the top (flipped, as Kivy's text textures are); u and v reach past the ink to the box
    texture.uvpos = (-left / crop_w, (height - top) / crop_h)
    texture.uvsize = (width / crop_w, -height / crop_h)
    return texture


def install():
    """Patch Kivy's core label class (SDL2 provider) once; returns True if the provider is covered."""
    from kivy.core.image import ImageData
    from kivy.core.text import Label as CoreLabel

    if getattr(CoreLabel.refresh, "kivy_original", None):
        return True
    if not CoreLabel.__module__.endswith("text_sdl2"):
        return False  # (other providers, PIL and Pango, keep no surface; their textures stay RGBA)
    kivy_refresh, kivy_render_end = CoreLabel.refresh, CoreLabel._render_end

    def refresh(self):
        if not self.options.get(TINT):
            if self.texture is not None and self.texture.colorfmt == FORMAT:
                self.texture = None  # (tinted before: Kivy would draw colours into it)
            return kivy_refresh(self)
        # Kivy 2.3's LabelBase.refresh, rendered at once (not when first drawn) so that the texture
        # can be made as big as the ink
        self.resolve_font_name()
        self._size_texture = size = self.render()
        self._size = size[0], size[1]
        width, height = box_size(self)
        if width <= 1 or height <= 1:
            self.texture = self.texture_1px
            return
        shown, self.texture = self.texture, _Pixels()
        try:
            self.render(real=True)  # (Kivy's rendering ends in self.texture.blit_data)
            data = self.texture.data
        finally:
            self.texture = shown
        texture = inked_texture(data, width, height, shown, self.options["mipmap"])
        if texture is not shown:
            texture.add_reload_observer(self._texture_refresh)  # (a lost GL context: rendered again)
        self.texture = texture

    def _render_end(self):  # the pixels, copied out of the surface
        try:
            data = kivy_render_end(self)
        finally:
            self._surface = None
        if not self.options.get(TINT) or data is None or data.fmt != "rgba":
            return data
        image = ImageData(data.width, data.height, "rgba", luminance_alpha(data.data))
        image.fmt = FORMAT  # (ImageData's check knows no luminance_alpha; Texture.blit_data does)
        return image

    def _get_font_id(self):  # Kivy's, with the size SDL_ttf opens the font at (it truncates it)
        options = self.options
        return "|".join([str(int(options["font_size"]))] + [str(options[key]) for key in FONT_ID_KEYS])

    for name, patched, original in (("refresh", refresh, kivy_refresh), ("_render_end", _render_end, kivy_render_end),
                                    ("_get_font_id", _get_font_id, CoreLabel._get_font_id)):
        patched.kivy_original = original  # (lets a test start from Kivy as it comes)
        setattr(CoreLabel, name, patched)
    return True


def canvas_colour(label):
    """The ``Color`` of Kivy's Label rule (white: the texture carries the colour), found once."""
    found = label.__dict__.get("_text_colour")
    if found is None:
        for instruction in label.canvas.children:
            if isinstance(instruction, Color):
                found = instruction
                break
        label._text_colour = found
    return found


def tint(label, on):
    """Draw ``label``'s texture in its colour (``on``) or as it is (a texture in colour)."""
    colour = canvas_colour(label)
    if colour is not None:
        colour.rgba = (label.disabled_color if label.disabled else label.color) if on else WHITE
