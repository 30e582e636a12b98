"""QRCode: a widget that draws a QR code for ``data`` (the only module importing qrcode).

Modules are drawn as whole screen pixels (nearest filtering, size rounded
down to a multiple of the module count) on a white quiet zone, so a phone --
or zxing-cpp on a screenshot -- reads it reliably at any widget size.
"""

import qrcode
from kivy.graphics import Color, Rectangle
from kivy.graphics.texture import Texture
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.widget import Widget

QUIET_ZONE = 4  # modules, as the QR standard asks


def qr_matrix(data):
    """The QR modules for ``data`` as rows of booleans (True = dark), no border."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


class QRCode(Widget):
    data = StringProperty("")
    modules = NumericProperty(0)  # side length in modules, quiet zone included

    def __init__(self, **kwargs):
        self._texture = None
        super().__init__(**kwargs)
        with self.canvas:
            self._color = Color(1, 1, 1, 1)
            self._rect = Rectangle()
        self.bind(pos=self._layout, size=self._layout)
        self.on_data(self, self.data)

    def on_data(self, _instance, data):
        if not data:
            self._texture = None
            self.modules = 0
            self._rect.texture = None
            self._layout()
            return
        matrix = qr_matrix(data)
        side = len(matrix) + 2 * QUIET_ZONE
        pixels = bytearray(b"\xff" * (side * side * 4))
        for y, row in enumerate(matrix):
            for x, dark in enumerate(row):
                if dark:
                    i = ((y + QUIET_ZONE) * side + x + QUIET_ZONE) * 4
                    pixels[i:i + 3] = b"\x00\x00\x00"
        texture = Texture.create(size=(side, side), colorfmt="rgba")
        texture.mag_filter = "nearest"
        texture.min_filter = "nearest"
        texture.blit_buffer(bytes(pixels), colorfmt="rgba", bufferfmt="ubyte")
        texture.flip_vertical()
        self._texture = texture
        self.modules = side
        self._rect.texture = texture
        self._layout()

    def _layout(self, *_args):
        w, h = self.size
        side = min(w, h)
        if self.modules:
            side = int(side // self.modules) * self.modules or side
        self._rect.size = (side, side)
        self._rect.pos = (int(self.x + (w - side) / 2), int(self.y + (h - side) / 2))
