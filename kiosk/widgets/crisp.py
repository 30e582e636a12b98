"""CrispText: a label's text rendered at the panel's real pixel size, not scaled up from the design size.

The screens are laid out for 1080x1920 (the display for 1920x1080) and KioskRoot draws them through
one scale factor (:mod:`kiosk.widgets.root`): geometry is drawn at the panel's resolution, but a text
texture rendered at design size and then scaled twice as big is soft on a 4K panel. A label with
this mixin renders its texture at ``font_size x factor`` (its text box, padding and markup sizes too)
and reports ``texture_size`` in design pixels, so layouts do not change and the texture lands 1:1 on
the panel's pixels. It follows the factor when the window changes size.

Only labels: the ticker renders its own text (kiosk/widgets/ticker.py) and pictures are what they are.

A label whose text has one colour is rendered in white into a texture of 2 bytes a pixel, its colour
put on by the canvas, and the texture holds only the text's ink (:mod:`kiosk.widgets.core_text`):
``texture_size`` is the text box's, not the texture's.
"""

import re

from kivy.core.text.markup import MarkupLabel as CoreMarkupLabel
from kivy.uix.label import Label
from kivy.utils import get_hex_from_color

from kiosk.widgets.core_text import FORMAT, TINT, WHITE, box_size, one_colour, tint
from kiosk.widgets.follow import follow

MARKUP_SIZE = re.compile(r"\[size=(\d+(?:\.\d+)?)\]")


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
        core = self._label
        options = core.options
        tinted = one_colour(self.text, self.markup, self.outline_width)
        options[TINT] = tinted
        options["color"] = WHITE if tinted else (self.disabled_color if self.disabled else self.color)
        tint(self, tinted)
        if abs(factor - 1.0) < 1e-6:
            factor = 1.0
        if not core.text or (factor == 1.0 and not tinted):
            super().texture_update(*largs)
            return
        saved = (options["font_size"], list(options["padding"]), options["outline_width"], core.text_size)
        options["font_size"] = saved[0] * factor
        options["padding"] = [p * factor for p in saved[1]]
        if saved[2]:
            options["outline_width"] = saved[2] * factor
        width, height = saved[3]
        core.text_size = (None if width is None else width * factor, None if height is None else height * factor)
        try:
            self._render(core, factor)
        finally:
            options = core.options  # (markup rendering may have put another dict there)
            options["font_size"], options["padding"], options["outline_width"] = saved[0], saved[1], saved[2]
            core.text_size = saved[3]
        texture = self.texture
        if texture is not None:  # the text's box (a tinted texture holds only its ink, drawn over the box)
            width, height = box_size(core) if texture.colorfmt == FORMAT else texture.size
            self.texture_size = [width / factor, height / factor]

    def _render(self, core, factor):
        """Label.texture_update's rendering (Kivy 2.3), with markup sizes scaled and the text in white
        if it is tinted (its colour is in ``core.options``)."""
        self.texture = None
        markup = isinstance(core, CoreMarkupLabel)
        if markup:
            text = self.text.strip() if self.halign == "justify" or self.strip else self.text
            colour = get_hex_from_color(core.options["color"])
            core.text = f"[color={colour}]{scale_markup_sizes(text, render_scale())}[/color]"
        core.refresh()
        if core.texture is not None:
            if markup or factor != 1.0:
                # drawn now (Kivy defers it to first use): markup's references come from drawing, as in
                # Kivy, and a scaled size is put back once this returns
                core.texture.bind()
            self.texture = core.texture
        if markup:
            self.refs, self.anchors = core.refs, core.anchors
        self.is_shortened = core.is_shortened


class CrispLabel(CrispText, Label):
    """A plain Label whose text is crisp on any panel."""
