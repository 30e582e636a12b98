"""ctypes glue for libVLC's picture callbacks that python-vlc lacks or declares wrongly.

python-vlc declares the format callback's chroma as c_char_p, which hands
Python a copy we could not write into: the format callbacks are declared here.
``same_pixels`` compares two pictures in place (no copy into Python).
"""

import ctypes

import vlc

# libvlc_video_format_cb with a writable chroma
FormatCb = ctypes.CFUNCTYPE(
    ctypes.c_uint,
    ctypes.POINTER(ctypes.c_void_p),
    ctypes.POINTER(ctypes.c_char),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
    ctypes.POINTER(ctypes.c_uint),
)
CleanupCb = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
_set_format_callbacks = None
_memcmp = ctypes.CDLL(None).memcmp
_memcmp.argtypes = (ctypes.c_void_p, ctypes.c_void_p, ctypes.c_size_t)
_memcmp.restype = ctypes.c_int


def set_format_callbacks(mp, fmt, cleanup):
    """libvlc_video_set_format_callbacks(mp, fmt, cleanup), declared with the writable chroma."""
    global _set_format_callbacks
    if _set_format_callbacks is None:
        proto = ctypes.CFUNCTYPE(None, ctypes.c_void_p, FormatCb, CleanupCb)
        _set_format_callbacks = proto(("libvlc_video_set_format_callbacks", vlc.dll))
    _set_format_callbacks(mp, fmt, cleanup)


def same_pixels(a, b, size):
    """Whether the ``size`` bytes at addresses ``a`` and ``b`` are equal."""
    return _memcmp(a, b, size) == 0
