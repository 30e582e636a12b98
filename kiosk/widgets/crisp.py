"""CrispText: a label's text rendered at the panel's real pixel size, not scaled up from the design size.

The screens are laid out for 1080x1920 (the display for 1920x1080) and KioskRoot draws them through
one scale factor (:mod:`kiosk.widgets.root`): geometry is drawn at the panel's resolution, but a text
texture rendered at design size and then scaled twice as big is soft on a 4K panel. A label with
this mixin renders its texture at ``font_size x factor`` (its text box, padding and markup sizes too)
and reports ``texture_size`` in design pixels, so layouts do not change and the texture lands 1:1 on
the panel's pixels. It follows the factor when the window changes size.

Only labels: the ticker renders its own text (kiosk/widgets/ticker.py) and pictures are what they are.

:func:`release_text_surfaces` (the app calls it when it builds) stops every label from keeping a second,
CPU-side copy of its text after it is drawn: Kivy's SDL2 text provider renders into an SDL surface,
copies its pixels into the texture, and keeps the surface on the label until the next render. With
every screen of the kiosk built in one language that was 36.5 MB of surfaces (heaptrack, no video,
all eight content screens built; the GL textures themselves were 38 MB).
"""

import re

from kivy.core.text.markup import MarkupLabel as CoreMarkupLabel
from kivy.uix.label import Label
from kivy.utils import get_hex_from_color

from kiosk.widgets.follow import follow

MARKUP_SIZE = re.compile(r"\[size=(\d+(?:\.\d+)?)\]")


def release_text_surfaces():
    """Make Kivy's core text labels free their rendering surface once its pixels are copied out.

    ``_render_end`` (SDL2 provider) returns a copy of the surface's pixels (``ImageData`` of ``bytes``)
    and the texture is filled from that copy; the surface itself is never read again (a new render
    makes a new one). Idempotent; other providers (PIL, Pango) are left as they are.
    Returns True if the provider is covered.
    """
    from kivy.core.text import Label as CoreLabel

    render_end = CoreLabel._render_end
    if getattr(render_end, "releases_surface", False):
        return True
    if not CoreLabel.__module__.endswith("text_sdl2"):
        return False  # (only the SDL2 provider keeps a ``_surface``)

    def _render_end(self):
        try:
            return render_end(self)
        finally:
            self._surface = None

    _render_end.releases_surface = True
    _render_end.kivy_original = render_end  # (lets a test start from Kivy as it comes)
    CoreLabel._render_end = _render_end
    return True


def render_scale():
    """The factor the running app's root draws by (1 without an app, or before its root is built)."""
    from kivy.app import App

    root = getattr(App.get_running_app(), "root_widget", None)
    scale = getattr(root, "scale", 1.0)
    return scale if scale and scale > 0 else 1.0


def scale_markup_sizes(text, factor):
    """``[size=40]`` -> ``[size=80]`` at factor 2 (markup sizes are pixels too)."""
    return MARKUP_SIZE.sub(lambda m: f"[size={round(float(m.group(1)) * factor)}]", text)


def measure(label, font_size=None, width=None):
    """(width, height, lines) ``label``'s text takes with no line limit, at ``font_size`` (default: its
    own) in ``width`` px (default: its text box's width), in design pixels -- measured the way it is
    rendered (at the render scale for a CrispText label), nothing drawn. ``lines`` are the words of each line."""
    factor = render_scale() if isinstance(label, CrispText) else 1.0
    core = label._label
    options = dict(core.options)
    size = options["font_size"] if font_size is None else font_size
    box = label.text_size[0] if width is None else width
    options.update(font_size=size * factor, text_size=(None if box is None else box * factor, None), max_lines=0,
                   shorten=False, padding=[p * factor for p in options["padding"]])
    measuring = type(core)(**options)
    measuring.text = core.text
    measuring.resolve_font_name()
    measuring.render()
    lines = ["".join(word.text for word in line.words) for line in measuring._cached_lines]
    need_w, need_h = getattr(measuring, "_internal_size", (0, 0))
    return need_w / factor, need_h / factor, lines


class CrispText:
    """Mixin for Label subclasses (put it first): see the module's docstring."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        from kivy.app import App

        root = getattr(App.get_running_app(), "root_widget", None)
        if root is not None:
            follow(root, "scale", self, "_trigger_texture")  # (held weakly: see kiosk.widgets.follow)

    @property
    def render_scale(self):
        return render_scale()

    def texture_update(self, *largs):
        factor = render_scale()
        if abs(factor - 1.0) < 1e-6 or not self._label.text:
            super().texture_update(*largs)
            return
        core = self._label
        options = core.options
        saved = (options["font_size"], list(options["padding"]), options["outline_width"], core.text_size)
        options["font_size"] = saved[0] * factor
        options["padding"] = [p * factor for p in saved[1]]
        if saved[2]:
            options["outline_width"] = saved[2] * factor
        width, height = saved[3]
        core.text_size = (None if width is None else width * factor, None if height is None else height * factor)
        try:
            self._render(core)
        finally:
            options = core.options  # (markup rendering may have put another dict there)
            options["font_size"], options["padding"], options["outline_width"] = saved[0], saved[1], saved[2]
            core.text_size = saved[3]
        texture = self.texture
        if texture is not None:
            self.texture_size = [texture.width / factor, texture.height / factor]

    def _render(self, core):
        """Label.texture_update's rendering (Kivy 2.3), with markup sizes scaled."""
        self.texture = None
        if isinstance(core, CoreMarkupLabel):
            text = self.text.strip() if self.halign == "justify" or self.strip else self.text
            colour = get_hex_from_color(self.disabled_color if self.disabled else self.color)
            core.text = f"[color={colour}]{scale_markup_sizes(text, render_scale())}[/color]"
            core.refresh()
            self.refs = core.refs
            self.anchors = core.anchors
        else:
            core.refresh()
        if core.texture is not None:
            core.texture.bind()  # the glyphs are drawn now, at the scaled size (Kivy defers it to first use)
            self.texture = core.texture
        self.is_shortened = core.is_shortened


class CrispLabel(CrispText, Label):
    """A plain Label whose text is crisp on any panel."""
