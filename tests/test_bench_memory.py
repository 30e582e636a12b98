"""The memory benchmark's machinery (bench/memory.py + bench/kiosk_driver.py), run briefly.

Behaviour only, never figures: the real kiosk starts in a child process from a
warm cache synced from a real server, plays the demo clips through libVLC,
a visitor changes screens, and the parent takes memory samples of it.
"""
import pytest

pytest.importorskip("kiosk.video.vlc_backend", reason="python-vlc / libVLC not available")

from bench import common, memory  # noqa: E402


def test_slope_of_a_line_and_of_noise():
    b, se = memory.slope([(x, 3.0 * x + 7) for x in range(10)])
    assert b == pytest.approx(3.0) and se == pytest.approx(0.0, abs=1e-9)
    b, se = memory.slope([(x, 5.0 + (1 if x % 2 else -1)) for x in range(20)])
    assert abs(b) < 0.2 and se > 0
    assert memory.slope([(0, 1), (1, 2)]) == (None, None)


def test_memory_of_this_process_is_read_from_proc():
    import os

    m = memory.memory(os.getpid())
    assert m["rss"] > 10 * memory.MB and m["hwm"] >= m["rss"]
    if os.path.exists(f"/proc/{os.getpid()}/smaps_rollup"):
        assert 0 < m["uss"] <= m["rss"] and 0 < m["pss"] <= m["rss"]


def test_driver_walks_screens_with_video_while_sampled(tmp_path):
    with common.workdir() as work:
        server, token = memory.setup(work)
        try:
            cache = memory.warm_cache(server.url, work / "cache")
            seen = []
            result = memory.run_driver(
                work, "test", 16, memory.kiosk_args(server, token, cache) + ["--attract-s", "5", "--step-s", "1.5"],
                sample_s=2, on_sample=seen.append)
        finally:
            server.stop()
    samples, status = result["samples"], result["status"]
    assert len(samples) >= 5 and seen == samples
    assert all(s["rss"] > 0 for s in samples)
    assert samples[-1]["t"] >= 16
    assert status["ready"] and status["done"] and status["error"] is None
    # the visitor really moved: attract -> home -> fees -> calculator ..., through touches
    assert status["screen_changes"] >= 3 and status["taps"] >= 3, status
    assert {"attract", "home", "fees"} <= set(status["screens_seen"]), status
    # the video really played: clips started and their pictures reached the Kivy surface
    assert status["clip_starts"] >= 1 and status["video_frames"] >= 5, status
    assert samples[-1]["video_frames"] > samples[0]["video_frames"], samples
    assert status["player_errors"] == [], status
    assert status["harness_modules"] == [], status  # the taps did not load pytest into the kiosk measured
    a = memory.analyse(samples, "rss", warmup_s=4)
    assert a["start"] > 0 and a["peak"] >= a["end"] > 0 and a["slope"] is not None


def test_the_floor_baseline_plays_the_playlist_in_a_plain_kivy_app(tmp_path):
    with common.workdir() as work:
        server, token = memory.setup(work)
        try:
            cache = memory.warm_cache(server.url, work / "cache")
            result = memory.run_driver(work, "floor", 6, ["--mode", "minimal-video", "--cache-dir", str(cache)],
                                       sample_s=2)
        finally:
            server.stop()
    status = result["status"]
    assert status["done"] and status["error"] is None and status["player_errors"] == [], status
    assert status["video_frames"] >= 5 and status["screen_changes"] == 0, status
    assert result["samples"][-1]["video_frames"] > result["samples"][0]["video_frames"]


def test_a_driver_that_cannot_start_says_why(tmp_path):
    with common.workdir() as work:
        (work / "broken-status.json").write_text('{"ready": true}')  # an earlier run's: not this driver's
        with pytest.raises(RuntimeError, match="did not start: could not start: RuntimeError: no videos to play in the cache"):
            memory.run_driver(work, "broken", 2, ["--mode", "minimal-video", "--cache-dir", str(tmp_path / "empty")],
                              ready_timeout_s=60)


def test_a_started_driver_is_stopped_when_the_benchmark_fails():
    with common.workdir() as work:
        server, _token = memory.setup(work)
        try:
            cache = memory.warm_cache(server.url, work / "cache")
        finally:
            server.stop()
        with pytest.raises(ValueError, match="the benchmark failed"):
            with memory.started_driver(work, "stopped", 120, ["--mode", "minimal-video", "--cache-dir", str(cache)],
                                       ready_timeout_s=60) as driver:
                assert driver.status()["ready"] and driver.child.poll() is None
                raise ValueError("the benchmark failed")
        assert driver.child.poll() is not None  # stopped long before its 120 s
