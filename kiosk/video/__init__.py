"""Video playback behind a small interface.

A player has four verbs -- :meth:`load` a playlist of file paths,
:meth:`play`, :meth:`stop`, :meth:`close` -- plus :meth:`frame` for the
newest decoded picture, :meth:`pause`/:meth:`resume` for a visitor who wants
the picture to hold still, and two callbacks, ``on_clip_started(index, path)``
and ``on_error(path, reason)``. Backends:

- :mod:`kiosk.video.vlc_backend` -- libVLC decoding into memory (it and the
  other ``vlc_*`` modules it is split into are the only ones that import ``vlc``);
- :mod:`kiosk.video.fake` -- a scripted player for unit tests.

:class:`kiosk.video.surface.VideoSurface` is the Kivy widget that shows any
player's frames. Importing this package imports neither Kivy nor libVLC.
"""

from kiosk.video.base import Frame, Player, Playlist

__all__ = ["Frame", "Player", "Playlist"]
