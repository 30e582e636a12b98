"""The playlist rules and the fake player (no libVLC, no Kivy window)."""

from kiosk.video import Playlist
from kiosk.video.fake import FakePlayer


def test_playlist_wraps_and_skips_bad_clips():
    playlist = Playlist(["a", "b", "c"])
    assert playlist.first_good(0) == 0
    assert playlist.after(2) == 0
    playlist.mark_bad(1)
    assert playlist.after(0) == 2
    assert playlist.first_good(1) == 2
    assert not playlist.exhausted
    playlist.mark_bad(0)
    playlist.mark_bad(2)
    assert playlist.exhausted
    assert playlist.after(0) is None
    playlist.reset(["x"])
    assert playlist.after(0) == 0 and not playlist.exhausted


def test_empty_playlist_is_exhausted():
    playlist = Playlist()
    assert playlist.exhausted
    assert playlist.first_good(0) is None
    assert playlist.after(0) is None


def test_fake_player_loops_and_reports_a_broken_clip():
    started, errors = [], []
    player = FakePlayer(broken={"b.mp4"})
    player.on_clip_started = lambda index, path: started.append(index)
    player.on_error = lambda path, reason: errors.append(path)
    player.load(["a.mp4", "b.mp4", "c.mp4"])
    assert player.frame() is None
    player.play()
    assert player.playing and player.frame() is not None
    for _ in range(4):
        player.finish_clip()
    assert started == [0, 2, 0, 2, 0]
    assert errors == ["b.mp4"]  # reported once, then skipped for good
    assert len(player.errors) == 1 and "b.mp4" in player.errors[0]
    player.stop()
    assert player.frame() is None and not player.playing


def test_fake_player_with_only_broken_clips_stops_quietly():
    player = FakePlayer(broken={"a.mp4"})
    player.load(["a.mp4"])
    player.play()
    assert player.frame() is None
    assert player.playlist.exhausted


def test_frames_differ_between_clips():
    player = FakePlayer()
    player.load(["a.mp4", "b.mp4"])
    player.play()
    first = player.frame()
    player.finish_clip()
    second = player.frame()
    assert first.key != second.key
    assert first.data != second.data
    assert len(first.data) == first.width * first.height * 4
