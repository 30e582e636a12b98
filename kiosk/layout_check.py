"""Layout check: what a visitor would see wrong on a built screen, found from Kivy's widget tree.

:func:`check` walks the widgets the visitor sees and their canvases in drawing order, with
every box in window pixels (so the panel's scale is included), and reports:

- ``overflow``: a text needs more room than its box has (its lines are cut off, drawn outside
  the box, or a word is broken in the middle because no line is wide enough for it);
- ``spill``: a widget lies (partly) outside the box of the layout that holds it -- what a
  heading that no longer fits its card does; a scroll view's content is exempt, that is what
  scrolling is for, but nothing inside it is;
- ``overlap``: two visible widgets that draw something (text, a button, a panel, a picture)
  cover each other, unless one holds the other or a widget on the way says ``may_overlap``
  (a caption laid over a video on purpose);
- ``touch``: an enabled button smaller than ``min_touch_px`` on either side;
- ``contrast``: text colour against the colour under it below ``min_contrast`` (WCAG 2).

How the background is found: the solid rectangles drawn before the text (Color + Rectangle /
RoundedRectangle / BorderImage in canvas.before, canvas and canvas.after of every widget,
children included, in Kivy's drawing order) are blended, with their alpha and the widgets'
opacity, over the window's clear colour at points along each line of the text.

Limits (what the check cannot see):
- pictures: over an image or a video frame the colour is unknown; such texts are counted in
  :attr:`Report.unknown_background` and not judged;
- rounded corners, lines and ellipses are not backgrounds (a rounded rectangle counts as its
  bounding box); a text's colour from markup (``[color=...]``) is judged against every point of
  the label, not only the words it colours;
- only the top layer of the root is judged: an overlay (the idle warning, an emergency) covers
  what is under it, so only the overlay is checked while it is shown;
- a label with ``shorten`` shows an ellipsis on purpose: it is not an overflow;
- disabled controls are exempt from the contrast and touch rules (WCAG exempts inactive
  components), but not from overflow and overlap;
- touch targets are the widgets with ButtonBehavior; other touchable widgets are not measured.
"""

import re
from dataclasses import dataclass, field

from kivy.graphics import (BorderImage, Color, InstructionGroup, Rectangle, RoundedRectangle, StencilPop,
                           StencilPush, StencilUnUse, StencilUse)
from kivy.properties import StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.scrollview import ScrollView
from kivy.uix.stencilview import StencilView
from kivy.utils import get_color_from_hex

from kiosk.widgets.crisp import measure
from kiosk.widgets.theme import contrast_ratio

MIN_TOUCH_PX = 48  # domain notes: 44-48 px equivalent; measured in the panel's own pixels
MIN_CONTRAST = {False: 4.5, True: 7.0}  # normal text; the large-text (high-contrast) mode
TOLERANCE_PX = 1.0  # layouts place boxes at fractional pixels: touching is not overlapping
MARKUP_TAG = re.compile(r"\[/?[a-z_]+(?:=[^\]]*)?\]")
MARKUP_COLOUR = re.compile(r"\[color=([^\]]+)\]")


@dataclass(frozen=True)
class Problem:
    kind: str  # overflow | spill | overlap | touch | contrast
    where: str
    detail: str
    other: str = ""  # the other widget of an overlap

    def __str__(self):
        return f"{self.kind}: {self.where}: {self.detail}"


@dataclass
class Report:
    problems: list = field(default_factory=list)
    texts: int = 0  # texts judged for contrast
    unknown_background: int = 0  # texts over a picture (not judged)
    targets: int = 0  # touch targets measured

    def __bool__(self):
        return not self.problems


@dataclass
class _Node:
    widget: object
    rect: tuple  # x, y, w, h in window pixels
    visible: tuple | None  # the part not clipped by a scroll view (None: all clipped)
    opacity: float
    parent: "_Node | None"
    in_scroll: bool
    name: str = ""
    paints: int = 0  # solid or textured paints of its own
    text_paint: int = -1  # index of its text's paint in drawing order


@dataclass
class _Paint:
    rect: tuple  # window pixels, clipped
    rgba: tuple  # alpha includes the widgets' opacity
    textured: bool
    owner: _Node


def check(root, large_text=False, min_touch_px=MIN_TOUCH_PX, min_contrast=None, window_size=None):
    """Everything wrong with what ``root``'s top layer shows now, as a :class:`Report`."""
    from kivy.core.window import Window

    size = window_size or tuple(Window.size)
    scene = _Scene(root, tuple(Window.clearcolor), size)
    report = Report()
    report.problems += _overflows(scene)
    report.problems += _spills(scene, size)
    report.problems += _overlaps(scene)
    report.problems += _touch_targets(scene, min_touch_px, report)
    ratio = min_contrast if min_contrast is not None else MIN_CONTRAST[bool(large_text)]
    report.problems += _contrast(scene, ratio, report)
    return report


# --- the scene: visible widgets and what is painted, in drawing order -------------------------------------
class _Scene:
    def __init__(self, root, clear_colour, window_size):
        self.nodes = []
        self.paints = []
        self.clear = tuple(clear_colour[:3])
        self._colour = (1.0, 1.0, 1.0, 1.0)
        self._masking = False
        self._names = {}
        layers = [child for child in root.children if child.opacity > 0]
        top = layers[0] if layers else None  # children[0] is drawn last: the top layer
        if top is not None:
            self._name_ids(top)
            self._visit(top, None, 1.0, (0, 0, window_size[0], window_size[1]), False)

    def _name_ids(self, top):
        for widget in top.walk(restrict=True):
            for key, value in getattr(widget, "ids", {}).items():
                self._names.setdefault(id(getattr(value, "__self__", value)), key)

    def _visit(self, widget, parent, opacity, clip, in_scroll):
        opacity *= widget.opacity
        if opacity <= 0.01:
            return
        rect = _window_rect(widget)
        node = _Node(widget, rect, _intersect(rect, clip), opacity, parent, in_scroll, self._describe(widget))
        if node.visible is None or rect[2] <= 0 or rect[3] <= 0:
            return
        self.nodes.append(node)
        children = {id(child.canvas): child for child in widget.children}
        child_clip = _intersect(clip, rect) if isinstance(widget, StencilView) else clip
        child_scroll = in_scroll or isinstance(widget, ScrollView)
        self._instructions(widget.canvas, widget, node, clip, children, child_clip, child_scroll)

    def _instructions(self, group, widget, node, clip, children, child_clip, child_scroll):
        for ins in group.children:
            child = children.get(id(ins))
            if child is not None:
                if child_clip is not None:
                    self._visit(child, node, node.opacity, child_clip, child_scroll)
            elif isinstance(ins, Color):
                self._colour = tuple(ins.rgba)
            elif isinstance(ins, (StencilPush, StencilUnUse)):
                self._masking = True  # the shapes that follow draw the stencil mask, not pixels
            elif isinstance(ins, (StencilUse, StencilPop)):
                self._masking = False
            elif isinstance(ins, (Rectangle, RoundedRectangle, BorderImage)) and not self._masking:
                self._paint(ins, widget, node, clip)
            elif isinstance(ins, InstructionGroup):
                self._instructions(ins, widget, node, clip, children, child_clip, child_scroll)

    def _paint(self, ins, widget, node, clip):
        alpha = self._colour[3] * node.opacity
        (x, y), (w, h) = ins.pos, ins.size
        if alpha <= 0.01 or w <= 0 or h <= 0:
            return
        x0, y0 = widget.to_window(x, y)
        x1, y1 = widget.to_window(x + w, y + h)
        visible = _intersect((x0, y0, x1 - x0, y1 - y0), clip)
        if visible is None:
            return
        texture = ins.texture
        if texture is not None and texture.id == _plain_texture().id:
            texture = None  # a shape without a picture of its own: a solid colour
        is_text = texture is not None and (
            (isinstance(widget, Label) and texture is widget.texture) or
            (not isinstance(widget, Label) and isinstance(getattr(widget, "text", None), str)))
        if is_text:
            if node.text_paint < 0:
                node.text_paint = len(self.paints)
            return  # glyphs are no background for what comes after them
        node.paints += 1
        self.paints.append(_Paint(visible, (*self._colour[:3], alpha), texture is not None, node))

    def _describe(self, widget):
        name = type(widget).__name__
        ident = self._names.get(id(widget))
        if ident:
            name += f"#{ident}"
        text = _plain_text(widget)
        if text:
            short = " ".join(text.split())
            name += f" «{short[:40]}{'…' if len(short) > 40 else ''}»"
        return name

    def background(self, point, before):
        """The colour under ``point`` from the paints drawn before index ``before``; None over a picture."""
        colour = self.clear
        for paint in self.paints[:before]:
            if not _contains(paint.rect, point):
                continue
            r, g, b, a = paint.rgba
            if paint.textured:
                if a >= 0.5:
                    colour = None
                continue
            if colour is None:
                colour = (r, g, b) if a >= 0.99 else None
                continue
            colour = tuple(c * (1 - a) + p * a for c, p in zip(colour, (r, g, b)))
        return colour


def where(node):
    """A readable path: the screen, the node's parent and the node."""
    screen = node
    while screen is not None and not _is_screen(screen.widget):
        screen = screen.parent
    parts = [node.name]
    if node.parent is not None and node.parent is not screen:
        parts.insert(0, node.parent.name)
    if screen is not None:
        parts.insert(0, screen.widget.name)
    return " > ".join(parts)


def _is_screen(widget):
    """A screen or an overlay (the idle warning, an emergency): a widget with a ``name`` property."""
    return isinstance(widget.property("name", quiet=True), StringProperty)


# --- the rules --------------------------------------------------------------------------------------------
def _overflows(scene):
    problems = []
    for node in scene.nodes:
        widget = node.widget
        if not isinstance(widget, Label) or not _plain_text(widget).strip() or widget.texture is None:
            continue
        need_w, need_h, lines = _natural_size(widget)
        box_w, box_h = widget.width, widget.height
        if widget.text_size[1] is not None:
            box_h = min(box_h, widget.text_size[1])
        scale = node.rect[2] / widget.width if widget.width else 1.0
        cut = widget.max_lines and lines > widget.max_lines and not widget.shorten
        if widget.shorten and widget.is_shortened:
            continue  # an ellipsis shows the cut
        if need_h > box_h + TOLERANCE_PX or cut:
            problems.append(Problem("overflow", where(node),
                                    f"the text needs {need_h * scale:.0f} px of height, its box has "
                                    f"{min(box_h, widget.texture_size[1]) * scale if cut else box_h * scale:.0f}"))
        elif need_w > box_w + TOLERANCE_PX:
            problems.append(Problem("overflow", where(node), f"the text needs {need_w * scale:.0f} px of width, "
                                                             f"its box has {box_w * scale:.0f}"))
        elif _broken_word(widget):
            problems.append(Problem("overflow", where(node),
                                    f"a word is broken in the middle: {_broken_word(widget)!r} does not fit "
                                    f"{(widget.text_size[0] or box_w) * scale:.0f} px"))
    return problems


def _natural_size(label):
    """(width, height, lines) the label's text takes at its width with no line limit: what it needs."""
    width, height, lines = measure(label)
    return width, height, len(lines)


def _broken_word(label):
    """A word Kivy had to split over two lines (no line was wide enough for it), or ""."""
    if label.text_size[0] is None:
        return ""
    lines = ["".join(word.text for word in line.words) for line in label._label._cached_lines]
    if sum(len(line.split()) for line in lines) <= len(_plain_text(label).split()):
        return ""
    words = set(_plain_text(label).split())
    for line in lines:
        for part in line.split():
            if part not in words:
                return next((w for w in words if part in w), part)
    return lines[0] if lines else ""


def _spills(scene, window_size):
    problems = []
    window = (0, 0, window_size[0], window_size[1])
    for node in scene.nodes:
        parent = node.parent
        if parent is not None and isinstance(parent.widget, ScrollView):
            continue  # a scroll view's content is as long as it needs
        box = parent.rect if parent is not None else window
        if not _inside(node.rect, box):
            container = parent.name if parent else "the window"
            problems.append(Problem("spill", where(node),
                                    f"{_fmt(node.rect)} lies outside its container {container} {_fmt(box)}"))
    return problems


def _overlaps(scene):
    drawn = [n for n in scene.nodes if n.paints or n.text_paint >= 0 or isinstance(n.widget, ButtonBehavior)]
    chains = {id(n): _chain(n) for n in drawn}
    problems = []
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            shared = _overlap(a.visible, b.visible)
            if shared is None:
                continue
            chain_a, chain_b = chains[id(a)], chains[id(b)]
            if a in chain_b or b in chain_a or _meant_to_overlap(chain_a, chain_b):
                continue
            problems.append(Problem("overlap", where(a), f"overlaps {where(b)} by {shared[0]:.0f}x{shared[1]:.0f} px",
                                    other=where(b)))
    return problems


def _chain(node):
    chain = []
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain


def _meant_to_overlap(chain_a, chain_b):
    common = next((n for n in chain_a if n in chain_b), None)
    for chain in (chain_a, chain_b):
        for node in chain:
            if node is common:
                break
            if getattr(node.widget, "may_overlap", False):
                return True
    return False


def _touch_targets(scene, min_px, report):
    problems = []
    for node in scene.nodes:
        if not isinstance(node.widget, ButtonBehavior) or node.widget.disabled:
            continue
        report.targets += 1
        w, h = node.rect[2], node.rect[3]
        if min(w, h) < min_px - 0.5:
            problems.append(Problem("touch", where(node),
                                    f"{w:.0f}x{h:.0f} px is smaller than {min_px}x{min_px} px"))
    return problems


def _contrast(scene, minimum, report):
    problems = []
    for node in scene.nodes:
        widget = node.widget
        if node.text_paint < 0 or widget.disabled or not _plain_text(widget).strip():
            continue
        colours = [tuple(widget.color)] + _markup_colours(widget)
        points = [p for p in _text_points(node) if _contains(node.visible, p)]
        if not points:
            continue  # scrolled out of sight: judged where the visitor scrolls to it
        worst = None
        for point in points:
            bg = scene.background(point, node.text_paint)
            if bg is None:
                continue
            for colour in colours:
                alpha = colour[3] * node.opacity
                fg = tuple(c * alpha + b * (1 - alpha) for c, b in zip(colour[:3], bg))
                ratio = contrast_ratio(fg, bg)
                if worst is None or ratio < worst[0]:
                    worst = (ratio, fg, bg)
        if worst is None:
            report.unknown_background += 1
            continue
        report.texts += 1
        if worst[0] < minimum:
            problems.append(Problem("contrast", where(node),
                                    f"{worst[0]:.2f}:1 ({_hex(worst[1])} on {_hex(worst[2])}), "
                                    f"needs {minimum:g}:1"))
    return problems


def _text_points(node):
    """Points along each line of the node's text, in window pixels (first and last lines)."""
    widget = node.widget
    x0, y0, w, h = node.rect
    if not isinstance(widget, Label):
        return [(x0 + w / 2, y0 + h / 2)]
    scale = w / widget.width if widget.width else 1.0
    tw, th = widget.texture_size
    left = x0 + (w / scale - tw) / 2 * scale
    top = y0 + (h / scale + th) / 2 * scale
    core = widget._label
    pad_l, pad_t, pad_r, _pad_b = _padding(widget)
    lines = list(core._cached_lines)
    inner_h = getattr(core, "_internal_size", (tw, th))[1]
    if widget.valign in ("middle", "center"):
        y = (th - inner_h) / 2 + pad_t
    elif widget.valign == "bottom":
        y = th - inner_h + pad_t
    else:
        y = pad_t
    points = []
    for index, line in enumerate(lines):
        if line.w > 0 and (index < 4 or index >= len(lines) - 4):
            if widget.halign == "center":
                lx = (tw - line.w) / 2
            elif widget.halign == "right":
                lx = tw - line.w - pad_r
            else:
                lx = pad_l
            mid = top - (y + line.h / 2) * scale
            for fx in (0.1, 0.5, 0.9):
                points.append((left + (lx + fx * line.w) * scale, mid))
        y += line.h
    return points or [(x0 + w / 2, y0 + h / 2)]


def _padding(label):
    pad = list(label.padding)
    if len(pad) == 2:
        pad = [pad[0], pad[1], pad[0], pad[1]]
    return pad


def _markup_colours(widget):
    if not getattr(widget, "markup", False):
        return []
    colours = []
    for code in MARKUP_COLOUR.findall(widget.text):
        try:
            colours.append(tuple(get_color_from_hex(code)))
        except (ValueError, IndexError):
            continue
    return [c if len(c) == 4 else (*c, 1.0) for c in colours]


# --- small helpers ----------------------------------------------------------------------------------------
def _plain_texture():
    """The white texture Kivy gives a shape without a picture (kivy/data/glsl/default.png)."""
    global _PLAIN
    if _PLAIN is None:
        _PLAIN = Rectangle().texture
    return _PLAIN


_PLAIN = None


def _plain_text(widget):
    text = getattr(widget, "text", "")
    if not isinstance(text, str):
        return ""
    if getattr(widget, "markup", False):
        text = MARKUP_TAG.sub("", text).replace("&bl;", "[").replace("&br;", "]").replace("&amp;", "&")
    return text


def _window_rect(widget):
    x0, y0 = widget.to_window(widget.x, widget.y)
    x1, y1 = widget.to_window(widget.right, widget.top)
    return (x0, y0, x1 - x0, y1 - y0)


def _intersect(a, b):
    if a is None or b is None:
        return None
    x0, y0 = max(a[0], b[0]), max(a[1], b[1])
    x1, y1 = min(a[0] + a[2], b[0] + b[2]), min(a[1] + a[3], b[1] + b[3])
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        return None
    return (x0, y0, x1 - x0, y1 - y0)


def _contains(rect, point):
    x, y, w, h = rect
    return x <= point[0] <= x + w and y <= point[1] <= y + h


def _overlap(a, b):
    shared = _intersect(a, b)
    if shared is None or shared[2] <= TOLERANCE_PX or shared[3] <= TOLERANCE_PX:
        return None
    return shared[2], shared[3]


def _inside(rect, box):
    x, y, w, h = rect
    bx, by, bw, bh = box
    t = TOLERANCE_PX
    return x >= bx - t and y >= by - t and x + w <= bx + bw + t and y + h <= by + bh + t


def _fmt(rect):
    x, y, w, h = rect
    return f"{w:.0f}x{h:.0f} at ({x:.0f}, {y:.0f})"


def _hex(rgb):
    return "#" + "".join(f"{round(c * 255):02X}" for c in rgb[:3])
