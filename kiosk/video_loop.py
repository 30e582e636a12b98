"""VideoLoop: the app's part that drives the video player (mixed into :class:`kiosk.app.KioskApp`).

The loop plays on the screens that show video, pauses at a visitor's touch, stops
under an emergency and resumes after it, counts each clip shown (proof of play) and
puts the player's errors on the status board. The app's Kivy properties
(``player``, ``video_index``, ``video_paused``, ``current``, ``emergency_visible``)
are the state it works on; ``_playlist_paths`` is set when the programme loads a playlist.
"""

import logging

from kivy.clock import Clock

log = logging.getLogger(__name__)

VIDEO_SCREENS = ("attract", "videos", "display")  # screens that play the playlist


class VideoLoop:
    """Video methods of :class:`kiosk.app.KioskApp` (kv files call ``app.start_video()`` and so on)."""

    def _make_player(self):
        factory = self.env.make_player
        if factory is None:
            return None
        try:
            player = factory(lambda func, *args: Clock.schedule_once(lambda _dt: func(*args)))
        except Exception as exc:  # no video must not mean no kiosk
            log.error("the video player could not start: %s", exc)
            return None
        player.on_error = self._on_video_error
        player.on_clip_started = self._on_clip_started
        return player

    def start_video(self):
        """Play the loop (a screen that shows video calls this when it opens)."""
        if self.emergency_visible:
            self._resume_video = True  # after the emergency
            return
        self.video_paused = False
        if self.player is not None and not self.player.playing:
            self.player.play()

    def stop_video(self):
        self._resume_video = False
        self.video_paused = False
        if self.player is not None and self.player.playing:
            self.player.stop()
        self.video_index = -1

    def play_clip(self, index):
        if self.player is not None and not self.emergency_visible:
            self.video_paused = False
            self.player.play(index)

    def toggle_video_pause(self):
        """Pause or resume the clip on screen (moving content needs a way to pause)."""
        if self.player is None or not self.player.playing:
            return
        if self.video_paused:
            self.player.resume()
        else:
            self.player.pause()
        self.video_paused = self.player.paused

    def _on_clip_started(self, index, path):
        self.video_index = index
        videos = self.playlist_videos
        if 0 <= index < len(videos) and self._playlist_paths and index < len(self._playlist_paths) \
                and self._playlist_paths[index] == str(path):
            self.count(f"video:{videos[index].get('id')}")  # proof of play

    def _on_video_error(self, path, reason):
        log.warning("video %s skipped: %s", path, reason)
        self._publish_errors()

    def _publish_errors(self):
        errors = list(self.player.errors) if self.player is not None else []
        self.board.update(errors=errors + list(self.env.errors))

    def hold_video(self):
        """An emergency covers the screen: stop the loop, and resume it after (:meth:`release_video`)."""
        playing = self.player is not None and self.player.playing
        if playing:
            self.player.stop()
            self.video_index = -1
        self._resume_video = playing

    def release_video(self):
        """The emergency is over: the loop held for it plays on if the visitor is on a video screen."""
        resume = self._resume_video
        self._resume_video = False
        if resume and self.current in VIDEO_SCREENS:
            self.start_video()

    @property
    def playlist_paths(self):
        """The files the player was given to loop (None before the first programme)."""
        return self._playlist_paths
