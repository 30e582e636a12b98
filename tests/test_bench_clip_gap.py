"""bench/clip_gap.py's measurement on tiny clips, through real libVLC: it must see the switches and
both clips' pictures, in both players. Structure only: timings are the benchmark's business."""

import shutil

import pytest

pytest.importorskip("kiosk.video.vlc_backend", reason="python-vlc / libVLC not available")
pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is needed to make test clips")

from bench import clip_gap  # noqa: E402

SECONDS = 1
SWITCHES = 2


@pytest.fixture(scope="module")
def clips(tmp_path_factory):
    folder = tmp_path_factory.mktemp("clips")
    return [clip_gap.make_clip(folder / f"clip{c}.mp4", c, seconds=SECONDS, size=(160, 90), audio=False)
            for c in clip_gap.CLIP_IDS]


def test_clips_carry_their_clip_and_frame_numbers(clips):
    from kiosk.video import vlc_backend

    run = clip_gap.Run("probe")
    player = vlc_backend.VlcPlayer(frame_timeout_s=5.0)
    player.picture_probe = run.probe
    try:
        player.load([str(clips[1])])
        player.play()
        clip_gap._watch(run, player.frame, switches=1, timeout_s=1.5)  # one clip: no switch, just pictures
    finally:
        player.close()
    assert run.pictures and {clip for _t, _s, _k, clip, _f in run.pictures} == {clip_gap.CLIP_IDS[1]}
    assert max(frame_no for *_rest, frame_no in run.pictures) < SECONDS * clip_gap.FPS
    # The other slot prerolls the loop's next round (its frame 0) while the first one plays: one
    # slot's pictures count up. (A loaded machine may drop the very first picture or two.)
    first_slot = run.pictures[0][1]
    frames = [frame_no for _t, slot, _k, _c, frame_no in run.pictures if slot == first_slot]
    assert frames[0] <= 2 and len(frames) >= 5
    assert frames[:10] == sorted(frames[:10])  # the first loop counts up
    assert {clip for _t, clip, _f in run.polled} == {clip_gap.CLIP_IDS[1]} and run.unreadable == 0


@pytest.mark.parametrize("measure", [clip_gap.measure_ours, clip_gap.measure_baseline], ids=["ours", "baseline"])
def test_measurement_sees_switches_between_both_clips(clips, measure):
    run = measure(clips, SWITCHES, clip_s=SECONDS, timeout_s=40)
    views = clip_gap.analyse(run, SWITCHES, last_frame=SECONDS * clip_gap.FPS - 1)
    assert run.errors == [] and run.unreadable == 0
    for view, timeline in (("display", clip_gap.display_timeline(run)), ("consumer", run.polled)):
        assert {clip for _t, clip, _f in timeline} == set(clip_gap.CLIP_IDS), view  # both clips' pictures
        times = [t for t, _c, _f in timeline]
        assert times == sorted(times), view
        v = views[view]
        assert v["n"] == SWITCHES, view
        assert all(gap > 0 for gap in v["gaps"]) and all(after > 0 for after in v["afters"]), view
        assert v["steady"] and all(step > 0 for step in v["steady"]), view
    found, _steady = clip_gap.switches(clip_gap.display_timeline(run))
    assert all(s["from"][0] != s["to"][0] for s in found)
