"""Real clips through real libVLC (dummy audio, no window): frames arrive in
memory, the playlist loops, a corrupt clip is skipped and reported.

The clips are made here with ffmpeg; libVLC comes from Debian's libvlc5 +
vlc-plugin-base.
"""

import os
import shutil
import subprocess
import threading
import time

import pytest

vlc_backend = pytest.importorskip("kiosk.video.vlc_backend", reason="python-vlc / libVLC not available")

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is needed to make test clips")


def make_clip(path, source="testsrc", seconds=1):
    subprocess.run(
        ["ffmpeg", "-loglevel", "error", "-y", "-f", "lavfi", "-i", f"{source}=size=320x240:rate=25",
         "-t", str(seconds), "-pix_fmt", "yuv420p", str(path)], check=True)
    return path


class Recorder:
    """Collects callbacks (they run on the player's control thread here)."""

    def __init__(self, player):
        self.lock = threading.Lock()
        self.started = []
        self.errors = []
        player.on_clip_started = self._started
        player.on_error = self._error

    def _started(self, index, path):
        with self.lock:
            self.started.append((index, os.path.basename(path)))

    def _error(self, path, reason):
        with self.lock:
            self.errors.append((os.path.basename(path), reason))


def watch(player, until, timeout=30.0):
    """Poll frames like the Kivy surface does; return (frames seen, largest gap between new frames)."""
    deadline = time.monotonic() + timeout
    keys, gaps, last_key, last_time = 0, [], None, None
    while time.monotonic() < deadline and not until():
        frame = player.frame()
        if frame is not None and frame.key != last_key:
            now = time.monotonic()
            if last_time is not None:
                gaps.append(now - last_time)
            keys, last_key, last_time = keys + 1, frame.key, now
            assert len(frame.data) == frame.width * frame.height * 4
            assert abs(frame.aspect - 320 / 240) < 0.01
        time.sleep(0.005)
    return keys, max(gaps) if gaps else None


@pytest.fixture
def player():
    p = vlc_backend.VlcPlayer(frame_timeout_s=4.0)
    yield p
    p.close()


def test_two_clips_loop_with_frames(tmp_path, player):
    a = make_clip(tmp_path / "a.mp4", "testsrc")
    b = make_clip(tmp_path / "b.mp4", "smptebars")
    rec = Recorder(player)
    player.load([a, b])
    player.play()
    frames, max_gap = watch(player, lambda: len(rec.started) >= 5)
    assert [name for _i, name in rec.started[:5]] == ["a.mp4", "b.mp4", "a.mp4", "b.mp4", "a.mp4"]
    assert rec.errors == []
    assert frames >= 50  # 4 one-second clips at 25 fps, give or take
    # the next clip is prerolled in the second player: the switch holds at most a few frames
    assert max_gap < 0.5, max_gap
    frame = player.frame()
    assert frame is not None and frame.data.count(0) < len(frame.data)  # not a black picture
    player.stop()
    time.sleep(0.3)
    assert player.frame() is None


def test_a_paused_picture_is_handed_out_again_not_copied_again(tmp_path, player):
    player.load([make_clip(tmp_path / "a.mp4", seconds=3)])
    player.play()
    watch(player, lambda: player.frame() is not None)
    player.pause()
    time.sleep(0.3)  # libVLC redisplays the paused picture; that is no new picture
    first = player.frame()
    assert first is not None and player.frame() is first
    player.resume()
    watch(player, lambda: player.frame().key != first.key, timeout=5)
    assert player.frame() is not first


def test_corrupt_clip_in_the_middle_is_skipped(tmp_path, player):
    a = make_clip(tmp_path / "a.mp4", "testsrc")
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(os.urandom(8 * 1024))
    c = make_clip(tmp_path / "c.mp4", "smptebars")
    rec = Recorder(player)
    player.load([a, bad, c])
    player.play()
    frames, _gap = watch(player, lambda: len(rec.started) >= 4)
    assert [name for _i, name in rec.started[:4]] == ["a.mp4", "c.mp4", "a.mp4", "c.mp4"]
    assert [name for name, _reason in rec.errors] == ["bad.mp4"]  # reported once
    assert frames > 20
    assert any("bad.mp4" in e for e in player.errors)


def test_missing_file_and_all_bad_playlist(tmp_path, player):
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(os.urandom(4096))
    rec = Recorder(player)
    player.load([tmp_path / "missing.mp4", bad])
    player.play()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and len(rec.errors) < 3:
        time.sleep(0.05)
    names = [name for name, _reason in rec.errors]
    assert names[:2] == ["missing.mp4", "bad.mp4"]
    assert rec.errors[2][1] == "no video in the playlist can be played"
    assert rec.started == []
    assert player.frame() is None


def _threads():
    return len(os.listdir("/proc/self/task"))


def _decoding_threads(tmp_path, args):
    """Threads the player adds while it plays one clip and holds the next one ready."""
    clips = [make_clip(tmp_path / f"t{i}.mp4", seconds=3) for i in range(2)]
    before = _threads()
    player = vlc_backend.VlcPlayer(frame_timeout_s=5.0, args=args)
    try:
        player.load([str(c) for c in clips])
        player.play()
        watch(player, until=lambda: all(s.state in ("ready", "cued") for s in player._slots if s is not player._show),
              timeout=10)
        time.sleep(0.3)
        return _threads() - before
    finally:
        player.close()


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="ffmpeg starts one decoding thread on a single core anyway")
def test_each_clip_is_decoded_by_one_thread_not_one_per_core(tmp_path):
    ours = _decoding_threads(tmp_path, vlc_backend.DEFAULT_ARGS)
    untuned = _decoding_threads(tmp_path, [a for a in vlc_backend.DEFAULT_ARGS if not a.startswith("--avcodec-threads")])
    # two open clips; untuned, each has a frame thread per core plus one (2 cores: 3 each, 6 in all)
    assert untuned - ours >= 2 * 2, (ours, untuned)


def test_a_video_larger_than_the_window_is_scaled_down_keeping_its_shape(tmp_path):
    clip = make_clip(tmp_path / "big.mp4")  # 320x240
    player = vlc_backend.VlcPlayer(frame_timeout_s=5.0, max_size=(200, 400))  # a narrow portrait window
    try:
        player.load([str(clip)])
        player.play()
        deadline = time.monotonic() + 10
        while player.frame() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        frame = player.frame()
    finally:
        player.close()
    assert frame is not None
    # libVLC may ask for a few more rows than the clip has (258 for 240 here): the surface draws
    # the picture at the clip's own shape, `aspect`, whatever its rows
    assert frame.width == 200 and frame.height <= 180 and len(frame.data) == frame.width * frame.height * 4
    assert abs(frame.aspect - 320 / 240) < 0.01


def test_the_kiosk_never_decodes_video_larger_than_its_window(tmp_path):
    from kivy.core.window import Window

    from kiosk.cli import make_env
    from kiosk.config import KioskConfig

    env = make_env(KioskConfig(server_url=None, cache_dir=tmp_path / "cache"))
    player = env.make_player(lambda func, *args: func(*args))
    try:
        assert player.max_size == tuple(Window.size) and min(Window.size) > 0
    finally:
        player.close()
