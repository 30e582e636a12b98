"""Outline: a rounded rectangle's outline, three pixels wide, drawn as three one-pixel lines.

GL draws a ``Line`` of width 1 as a line. A wider one Kivy builds from
hundreds of thin triangles, and Mesa's software renderer (llvmpipe, what a
lobby PC without a GPU driver runs) keeps memory for the most triangles it was
ever given in one frame. With the kiosk's buttons and cards outlined by
``Line(width=2)``, the renderer still held 31 MB after a visitor's screens
were dropped, most of it for those lines. With these, an in-process probe
(three visitors, libVLC playing) sat 6-28 MB lower in the attract loop
(BENCHMARKS.md, section 5, sixth round).

In kv, under ``canvas`` (after a ``Color``)::

    Outline:
        rounded_rectangle: self.x, self.y, self.width, self.height, self.radius
"""

from kivy.factory import Factory
from kivy.graphics import InstructionGroup, Line

WIDTH = 3  # px, inside the rectangle


class Outline(InstructionGroup):
    def __init__(self, **kwargs):
        super().__init__()
        self._lines = [Line() for _ in range(WIDTH)]
        for line in self._lines:
            self.add(line)
        self._rect = (0, 0, 0, 0, 0)
        if "rounded_rectangle" in kwargs:
            self.rounded_rectangle = kwargs["rounded_rectangle"]

    @property
    def rounded_rectangle(self):
        """(x, y, width, height, corner radius) of the outer edge."""
        return self._rect

    @rounded_rectangle.setter
    def rounded_rectangle(self, value):
        x, y, width, height, radius = value
        self._rect = tuple(value)
        for inset, line in enumerate(self._lines):
            # a 1 px line lights the pixels its path runs through: pixel centres, inset by one each
            line.rounded_rectangle = (x + inset + 0.5, y + inset + 0.5, max(0, width - 2 * inset - 1),
                                      max(0, height - 2 * inset - 1), max(0, radius - inset))


Factory.register("Outline", cls=Outline)
