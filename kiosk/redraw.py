"""Solo drawing: a widget whose change touches only its own pixels repaints just those.

Kivy draws the whole window again for any change. Without a GPU (Mesa llvmpipe, as on
the machines measured in BENCHMARKS.md) that is dear: clearing a 1080x1920 window costs
~14 ms of CPU and every full-window layer ~30 ms, so the attract loop's 25 video pictures
a second, drawn whole, took more CPU than the machine had. Most of those frames change one
rectangle: the video picture, or the ticker's line.

A *solo owner* (:class:`kiosk.video.surface.VideoSurface`, :class:`kiosk.widgets.ticker.Ticker`)
keeps a copy of its drawing in window pixels. When it changes, it calls :meth:`SoloDrawing.offer`:
if nothing is drawn over it and the back buffer still holds the last frame, the owner's copy is
painted alone onto that frame (in the next frame's ``tick_draw``) and the screen's widgets are not
drawn again; otherwise (or if anything else changed in that frame) the owner updates its own
canvas and Kivy draws the whole window as usual. Either way the window shows the same pixels
(``tests/test_kiosk_idle_cpu.py`` compares them).

The owner's side of it:

- ``solo_rect()``: the window rectangle ``(x, y, w, h)`` it paints, or None when it cannot paint
  alone now (nothing to show, see-through);
- ``paint_solo(group)``: fill ``group`` (an InstructionGroup drawn with window-pixel coordinates)
  with its current drawing, opaque over the whole rectangle: it is drawn without blending (what is
  under it is not read, which makes a paint ~40 % cheaper on llvmpipe);
- ``sync_tree()``: bring its own canvas up to date before a whole frame is drawn (a change painted
  alone did not touch it).

"Nothing drawn over it": no visible widget drawn after the owner (its own children, later siblings
of it and of its ancestors, overlays on the root) overlaps its rectangle, no ancestor is
see-through, and no ancestor draws in ``canvas.after``. This is worked out again after every whole
frame (any visual change elsewhere makes one). The back buffer's age comes from
:mod:`kiosk.buffer_age`; with age 2 or 3 the owners painted in the frames since are painted again.
``COURT_KIOSK_FULL_REDRAW=1`` turns solo drawing off.
"""

import logging
import os
import weakref
from collections import deque

from kivy.clock import Clock
from kivy.graphics import InstructionGroup, RenderContext
from kivy.graphics.instructions import VertexInstruction
from kivy.graphics.opengl import GL_BLEND, glDisable, glEnable, glIsEnabled
from kivy.graphics.transformation import Matrix
from kivy.uix.stencilview import StencilView

from kiosk.buffer_age import BufferAge, probe

log = logging.getLogger(__name__)

HISTORY = 4  # frames remembered for back buffers 2-4 frames old
_current = None


def current():
    """The installed :class:`SoloDrawing`, or None (snapshots, tests without an app, the baseline app)."""
    return _current


def window_rect(widget, x, y, w, h):
    """``(x, y, w, h)`` in ``widget``'s drawing coordinates -> window pixels (through KioskRoot's scale)."""
    x0, y0 = widget.to_window(x, y)
    x1, y1 = widget.to_window(x + w, y + h)
    return min(x0, x1), min(y0, y1), abs(x1 - x0), abs(y1 - y0)


def _overlap(a, b):
    return (min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 0.5
            and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 0.5)


def _draws_after(canvas):
    """Whether a widget's ``canvas.after`` draws anything. PopMatrix and the like do not, nor the mask
    a StencilView redraws between StencilUnUse and StencilPop (it only writes the stencil)."""
    if not canvas.has_after:
        return False  # (reading canvas.after would add one, and mark the window for a redraw)
    masking = False
    stack = [iter(canvas.after.children)]
    while stack:
        item = next(stack[-1], None)
        if item is None:
            stack.pop()
            continue
        name = type(item).__name__
        if name == "StencilUnUse":
            masking = True
        elif name == "StencilPop":
            masking = False
        elif isinstance(item, VertexInstruction) and not masking:
            return True
        elif hasattr(item, "children"):
            stack.append(iter(item.children))
    return False


def _inside(rect, box):
    return (rect[0] >= box[0] - 0.5 and rect[1] >= box[1] - 0.5
            and rect[0] + rect[2] <= box[0] + box[2] + 0.5 and rect[1] + rect[3] <= box[1] + box[3] + 0.5)


def _covers(widget, rect):
    """Whether ``widget`` (or a visible descendant) may draw over ``rect`` (window pixels)."""
    if widget.opacity == 0:
        return False
    if _overlap(window_rect(widget, *widget.pos, *widget.size), rect):
        return True
    if isinstance(widget, StencilView):
        return False  # (a ScrollView's content draws only inside it)
    return any(_covers(child, rect) for child in widget.children)


def covered(owner, rect, window=None):
    """Whether anything is drawn over (or shows through) ``owner``'s ``rect``: see the module docstring."""
    window = window or _window()
    if any(_covers(child, rect) for child in owner.children) or _draws_after(owner.canvas):
        return True
    node = owner
    while True:
        if node.opacity != 1:
            return True
        parent = node.parent
        if parent is None or node not in parent.children:
            return True  # not on the window
        siblings = parent.children  # the first is drawn last, on top
        if any(_covers(s, rect) for s in siblings[:siblings.index(node)]):
            return True
        if parent is window:
            return False
        if _draws_after(parent.canvas):
            return True
        if isinstance(parent, StencilView) and not _inside(rect, window_rect(parent, *parent.pos, *parent.size)):
            return True  # the whole frame clips it there; a solo paint would not
        node = parent


def _window():
    from kivy.core.window import Window

    return Window


class SoloDrawing:
    """Paints owners' changes alone when it can (see the module docstring). ``stats`` counts frames:
    ``solo`` (owners painted alone), ``full`` (whole window), ``refused`` (an owner's offer turned down)."""

    def __init__(self, window=None, age=None):
        self.window = window or _window()
        self.age = age
        self.enabled = os.environ.get("COURT_KIOSK_FULL_REDRAW", "") not in ("1", "yes", "true")
        self.stats = {"solo": 0, "full": 0, "refused": 0}
        self._owners = weakref.WeakSet()
        self._pending = []
        self._layers = weakref.WeakKeyDictionary()  # owner -> (RenderContext, its group)
        self._checked = weakref.WeakKeyDictionary()  # owner -> (generation, rect, covered)
        self._generation = 0
        self._history = deque(maxlen=HISTORY)  # per frame: the owners painted alone, or None (whole frame)
        self._flush = Clock.create_trigger(self._paint, -1)
        self._installed = False

    # --- the app's side ---------------------------------------------------------
    def install(self):
        """Start (the kiosk app's on_start, with the window's GL context current)."""
        global _current
        if self.age is None:
            self.age = probe() if self.enabled else BufferAge("turned off (COURT_KIOSK_FULL_REDRAW)")
        log.info("solo drawing: %s", "on" if self.age.kind != "unknown" and self.enabled else "off")
        self.window.fbind("on_draw", self._whole_frame)
        self._installed = True
        _current = self

    def uninstall(self):
        global _current
        if not self._installed:
            return
        self._installed = False
        self.window.funbind("on_draw", self._whole_frame)
        self._flush.cancel()
        for owner in list(self._owners):
            owner.sync_tree()
        self._pending = []
        if _current is self:
            _current = None
        self.window.canvas.ask_update()

    # --- the owners' side -------------------------------------------------------------
    def offer(self, owner):
        """``owner`` changed: True if it will be painted alone (then it leaves its canvas as it is);
        False if it must update its canvas for a whole frame."""
        self._owners.add(owner)
        if not (self._installed and self.enabled) or self.age() < 1 or not self._clear(owner):
            self.stats["refused"] += 1
            return False
        if owner not in self._pending:
            self._pending.append(owner)
        self._flush()
        return True

    def _clear(self, owner):
        """Whether ``owner`` can paint alone now (nothing over it); kept until the next whole frame."""
        rect = owner.solo_rect()
        if rect is None or rect[2] <= 0 or rect[3] <= 0:
            return False
        checked = self._checked.get(owner)
        if checked is None or checked[0] != self._generation or checked[1] != rect:
            checked = (self._generation, rect, covered(owner, rect, self.window))
            self._checked[owner] = checked
        return not checked[2]

    # --- frames ------------------------------------------------------------------------
    def _whole_frame(self, *_args):
        """Kivy is about to draw the whole window: owners' canvases first catch up."""
        for owner in list(self._owners):
            owner.sync_tree()
        self._pending = []
        self._generation += 1
        self._history.append(None)
        self.stats["full"] += 1

    def _paint(self, *_args):
        owners, self._pending = self._pending, []
        if not owners or not self._installed:
            return
        window = self.window
        if window.canvas.needs_redraw:
            return  # a whole frame comes anyway (and syncs the owners first)
        again = self._painted_since(self.age())
        if again is None or any(not self._clear(o) for o in owners):
            for owner in owners:  # whole frame after all
                owner.sync_tree()
            window.canvas.ask_update()
            return
        for owner in list(dict.fromkeys(owners + [o for o in again if o in self._owners])):
            self._draw(owner)
        self._history.append(tuple(owners))
        self.stats["solo"] += 1
        window.dispatch("on_flip")  # the swap (no-op for a pbuffer), and the app's on_flip hooks

    def _painted_since(self, age):
        """Owners painted alone in the frames the back buffer lacks (age 1: none); None: it lacks a whole frame."""
        if age < 1 or age - 1 > len(self._history):
            return None
        again = []
        for frame in list(self._history)[len(self._history) - (age - 1):] if age > 1 else []:
            if frame is None:
                return None
            again.extend(frame)
        return again

    def _draw(self, owner):
        layer = self._layers.get(owner)
        if layer is None:
            context = RenderContext()
            group = InstructionGroup()
            context.add(group)
            layer = self._layers[owner] = (context, group)
        context, group = layer
        owner.paint_solo(group)
        context["projection_mat"] = self.window.render_context["projection_mat"]
        context["modelview_mat"] = Matrix()
        blending = glIsEnabled(GL_BLEND)
        if blending:
            glDisable(GL_BLEND)
        try:
            context.draw()
        finally:
            if blending:
                glEnable(GL_BLEND)
