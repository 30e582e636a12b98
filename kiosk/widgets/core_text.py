"""What the kiosk changes in Kivy's core text label (SDL2 provider): no CPU copy kept, and text of one
colour kept in textures of 2 bytes a pixel instead of 4, the colour added when drawn.

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

:func:`install` (the app calls it when it builds) makes Kivy's core label do both, the second when its
options ask (``tint``); :class:`kiosk.widgets.crisp.CrispText` asks for every label whose text has one colour
(no ``[color]`` in its markup, no outline) and sets the canvas colour (:func:`tint`).
"""

from kivy.graphics import Color

TINT = "tint"  # the core label option: render in white into a luminance + alpha texture
WHITE = (1.0, 1.0, 1.0, 1.0)
FORMAT = "luminance_alpha"


def one_colour(text, markup, outline_width):
    """Whether a label's text is drawn in its colour alone (and so can be tinted)."""
    return not outline_width and not (markup and "[color" in text)


def luminance_alpha(rgba):
    """The red and alpha bytes of RGBA pixels (a white text's coverage and alpha), interleaved."""
    out = bytearray(len(rgba) // 2)
    out[0::2] = rgba[0::4]
    out[1::2] = rgba[3::4]
    return bytes(out)


def install():
    """Patch Kivy's core label class (SDL2 provider) once; returns True if the provider is covered."""
    from kivy.core.image import ImageData
    from kivy.core.text import Label as CoreLabel
    from kivy.graphics.texture import Texture

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
        # Kivy 2.3's LabelBase.refresh, with the texture made in luminance + alpha
        self.resolve_font_name()
        self._size_texture = size = self.render()
        self._size = width, height = size[0], size[1]
        if width <= 1 or height <= 1:
            self.texture = self.texture_1px
            return
        texture = self.texture
        if texture is None or texture.size != (width, height) or texture.colorfmt != FORMAT:
            texture = Texture.create(size=(width, height), colorfmt=FORMAT, mipmap=self.options["mipmap"],
                                     callback=self._texture_fill)
            texture.flip_vertical()
            texture.add_reload_observer(self._texture_refresh)
            self.texture = texture
        else:
            texture.ask_update(self._texture_fill)

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

    for name, patched, original in (("refresh", refresh, kivy_refresh), ("_render_end", _render_end, kivy_render_end)):
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
