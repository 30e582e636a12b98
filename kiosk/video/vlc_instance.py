"""The libVLC instance a player runs on: its options, and starting it.

One place for the options (tuned for memory, see BENCHMARKS.md) so the player
and the benchmarks that drive libVLC themselves (bench/clip_gap.py) start it alike.
"""

import vlc

# One decoding thread per clip: by default ffmpeg starts a frame thread per core, plus one, each
# with its own pictures -- ~50 MB more with the two clips the player keeps open, on two cores
# (more on more). One thread decodes 1080p H.264 at ~11x real time here (BENCHMARKS.md, memory).
# Late pictures are shown late, not thrown away: the video callbacks wait for the GIL while the UI
# thread is busy (a display's language change), which made libVLC drop 5-60 pictures a minute
# (BENCHMARKS.md, CPU); the player's ring (kiosk.video.vlc_slot) lets the viewer catch up on them.
DEFAULT_ARGS = ("--aout=dummy", "--no-video-title-show", "--quiet", "--no-xlib", "--no-osd", "--avcodec-threads=1",
                "--no-drop-late-frames")


def new_instance(args=DEFAULT_ARGS):
    """A libVLC instance with ``args``; RuntimeError if libVLC cannot start."""
    instance = vlc.Instance(list(args))
    if instance is None:
        raise RuntimeError("libVLC could not start (is libvlc5 with vlc-plugin-base installed?)")
    return instance
