"""VideosScreen: the playlist on screen, large, with the clip titles; a title
starts that clip, a button pauses and resumes it (moving content needs a way
to pause). The list is what the schedule plays now. Playback stops when the
visitor leaves."""

from kiosk.screens.base import KioskScreen
from kiosk.ui_text import t
from kiosk.video import surface  # noqa: F401  (VideoSurface for the kv)
from kiosk.widgets.common import KButton, with_icon


class VideosScreen(KioskScreen):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.title_buttons = []

    def videos(self):
        return list(self.app.playlist_videos)

    def pause_text(self, paused, lang, scale=1.0):
        return with_icon("play" if paused else "pause", t("resume" if paused else "pause", lang), 30 * scale)

    def refresh(self):
        app, lang = self.app, self.app.lang
        box = self.ids.titles
        box.clear_widgets()
        self.title_buttons = []
        videos = self.videos()
        self.ids.empty.text = "" if videos else t("no_videos", lang)
        for index, video in enumerate(videos):
            button = KButton(text=app.pick(video.get("title")), role="secondary", base_size=28, min_height=96)
            button.bind(on_release=lambda _b, i=index: app.play_clip(i))
            self.title_buttons.append(button)
            box.add_widget(button)
        self.mark()

    def mark(self, *_args):
        index = self.app.video_index
        for i, button in enumerate(self.title_buttons):
            button.selected = i == index
        videos = self.videos()
        if index is not None and 0 <= index < len(videos):
            self.ids.now.text = f"{t('now_playing', self.app.lang)}: {self.app.pick(videos[index].get('title'))}"
        else:
            self.ids.now.text = ""

    def on_enter(self, *_args):
        self.ids.surface.active = True
        self.app.start_video()
        self.app.bind(video_index=self.mark, playlist_videos=self._playlist_changed)

    def _playlist_changed(self, *_args):
        if self.visible:
            self.refresh()

    def on_leave(self, *_args):
        self.app.unbind(video_index=self.mark, playlist_videos=self._playlist_changed)
        self.ids.surface.active = False
        self.app.stop_video()
