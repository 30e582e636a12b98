"""How old the window's back buffer is when a frame begins: can a frame paint over the last one?

A frame that redraws only part of the window (kiosk.redraw) paints over what the
back buffer holds, so that must be a known earlier frame. The GL platform tells:

- an EGL pbuffer (SDL's offscreen driver) is never swapped: it always holds the last frame (age 1);
- EGL or GLX with the buffer-age extension (``EGL_EXT_buffer_age``, ``GLX_EXT_buffer_age``) says
  how many frames old the back buffer is (1, or 2-3 with double or triple buffering; 0: undefined);
- anything else is unknown (age 0): every frame must be drawn whole.

:func:`probe` looks once, with the window's GL context current (after the window exists); the
:class:`BufferAge` it returns is called at the start of every frame. Pure ctypes, no Kivy.
"""

import ctypes
import ctypes.util
import functools
import logging

log = logging.getLogger(__name__)

EGL_DRAW = 0x3059
EGL_EXTENSIONS = 0x3055
EGL_LARGEST_PBUFFER = 0x3058
EGL_HEIGHT = 0x3056
EGL_WIDTH = 0x3057
EGL_BUFFER_AGE_EXT = 0x313D
GLX_BACK_BUFFER_AGE_EXT = 0x20F4
_UNSET = -12345  # EGL leaves the value alone when the surface is not a pbuffer


class BufferAge:
    """``age()`` -> frames since the back buffer was last drawn (0: unknown). ``kind`` says how it is known."""

    def __init__(self, kind="unknown", query=None):
        self.kind = kind
        self._query = query

    def __call__(self):
        if self._query is None:
            return 0
        try:
            return max(0, int(self._query()))
        except Exception:  # a driver that fails here is not trusted again
            log.exception("the back buffer's age cannot be read; drawing whole frames")
            self._query = None
            self.kind = "unknown"
            return 0


def _load(name):
    path = ctypes.util.find_library(name)
    try:
        return ctypes.CDLL(path or f"lib{name}.so.1")
    except OSError:
        return None


@functools.cache
def _egl_library():
    """libEGL with the signatures used here, loaded once (finding it runs ``ldconfig``); None without it."""
    egl = _load("EGL")
    if egl is None:
        return None
    egl.eglGetCurrentContext.restype = ctypes.c_void_p
    egl.eglGetCurrentDisplay.restype = ctypes.c_void_p
    egl.eglGetCurrentSurface.restype = ctypes.c_void_p
    egl.eglGetCurrentSurface.argtypes = [ctypes.c_int]
    egl.eglQuerySurface.argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    egl.eglQueryString.restype = ctypes.c_char_p
    egl.eglQueryString.argtypes = [ctypes.c_void_p, ctypes.c_int]
    return egl


def _egl_current():
    """``(libEGL, display, draw surface)`` of the current GL context, or None when it is not EGL's."""
    egl = _egl_library()
    if egl is None or not egl.eglGetCurrentContext():
        return None
    display, surface = egl.eglGetCurrentDisplay(), egl.eglGetCurrentSurface(EGL_DRAW)
    if not display or not surface:
        return None
    return egl, display, surface


def _egl():
    current = _egl_current()
    if current is None:
        return None
    egl, display, surface = current
    value = ctypes.c_int(_UNSET)
    if egl.eglQuerySurface(display, surface, EGL_LARGEST_PBUFFER, ctypes.byref(value)) and value.value != _UNSET:
        return BufferAge("EGL pbuffer (never swapped)", lambda: 1)
    extensions = (egl.eglQueryString(display, EGL_EXTENSIONS) or b"").split()
    if b"EGL_EXT_buffer_age" not in extensions:
        return BufferAge("EGL without buffer age")

    def age():
        out = ctypes.c_int(0)
        surf = egl.eglGetCurrentSurface(EGL_DRAW)
        if not surf or not egl.eglQuerySurface(egl.eglGetCurrentDisplay(), surf, EGL_BUFFER_AGE_EXT, ctypes.byref(out)):
            return 0
        return out.value

    return BufferAge("EGL buffer age", age)


def _glx():
    gl = _load("GL")
    if gl is None or not hasattr(gl, "glXGetCurrentContext"):
        return None
    gl.glXGetCurrentContext.restype = ctypes.c_void_p
    gl.glXGetCurrentDisplay.restype = ctypes.c_void_p
    gl.glXGetCurrentDrawable.restype = ctypes.c_ulong
    gl.glXQueryExtensionsString.restype = ctypes.c_char_p
    gl.glXQueryExtensionsString.argtypes = [ctypes.c_void_p, ctypes.c_int]
    gl.glXQueryDrawable.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.POINTER(ctypes.c_uint)]
    if not gl.glXGetCurrentContext():
        return None
    display = gl.glXGetCurrentDisplay()
    # (asking for an attribute the server does not know is an X error that ends the process: check first)
    if not display or b"GLX_EXT_buffer_age" not in (gl.glXQueryExtensionsString(display, 0) or b"").split():
        return BufferAge("GLX without buffer age")

    def age():
        out = ctypes.c_uint(0)
        drawable = gl.glXGetCurrentDrawable()
        if not drawable:
            return 0
        gl.glXQueryDrawable(gl.glXGetCurrentDisplay(), drawable, GLX_BACK_BUFFER_AGE_EXT, ctypes.byref(out))
        return out.value

    return BufferAge("GLX buffer age", age)


def surface_size():
    """``(width, height)`` of the EGL surface the current GL context draws on; None when that is not
    known (GLX, no EGL). An offscreen window (SDL's EGL pbuffer) keeps the size it was made with:
    what lies beyond it is never drawn, whatever size the window says it has."""
    try:
        current = _egl_current()
    except (OSError, AttributeError):
        return None
    if current is None:
        return None
    egl, display, surface = current
    width, height = ctypes.c_int(0), ctypes.c_int(0)
    if not (egl.eglQuerySurface(display, surface, EGL_WIDTH, ctypes.byref(width))
            and egl.eglQuerySurface(display, surface, EGL_HEIGHT, ctypes.byref(height))):
        return None
    return width.value, height.value


def probe() -> BufferAge:
    """The current GL context's back-buffer age (call with the window's context current)."""
    for find in (_egl, _glx):
        try:
            found = find()
        except (OSError, AttributeError) as exc:
            log.info("buffer age: %s", exc)
            found = None
        if found is not None:
            log.info("back buffer: %s", found.kind)
            return found
    return BufferAge()
