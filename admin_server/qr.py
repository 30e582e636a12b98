"""QR codes for the server side (the only server module importing qrcode)."""
import io

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M


def _make(url: str, **kwargs):
    qr = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=4, **kwargs)
    qr.add_data(url)
    qr.make(fit=True)
    return qr


def qr_svg(url: str) -> bytes:
    image = _make(url).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    buf = io.BytesIO()
    image.save(buf)
    return buf.getvalue()


def qr_png(url: str, box_size: int = 10) -> bytes:
    image = _make(url, box_size=box_size).make_image(fill_color="black", back_color="white")
    buf = io.BytesIO()
    image.save(buf, format="PNG")
    return buf.getvalue()
