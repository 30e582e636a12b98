"""What libVLC knows of a clip once it shows its first picture: aspect, frame interval, length.

Read in one place because the player times its switches from it; a frame
rate outside 1-240 fps is not trusted (the length in pictures is then unknown).
"""

DEFAULT_FPS = 25.0


def clip_timing(mp):
    """(aspect or None, seconds per picture, pictures in the clip or 0 if unknown) of the clip open in ``mp``."""
    w, h = mp.video_get_size(0) or (0, 0)
    aspect = w / h if w and h else None
    fps = mp.get_fps() or 0.0
    known = 1.0 <= fps <= 240.0
    frame_s = 1 / fps if known else 1 / DEFAULT_FPS
    length_s = max(0, mp.get_length() or 0) / 1000
    frames = round(length_s / frame_s) if known else 0
    return aspect, frame_s, frames
