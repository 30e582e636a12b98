"""``court-kiosk --mode display --snapshot``: the waiting-room TV in each language, as PNGs.

The real command in a subprocess, against the real server over the demo
court (fresh cache: it syncs, then renders), with libVLC playing the demo
clips. The PNGs are checked for what a viewer across the room needs: the
frame is 1920x1080, not blank, the video zone shows the clip, every area
carries text, and the three languages really differ where the words are.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageStat

LANGS = ("kk", "ru", "en")
RUN = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]

# areas of the 1920x1080 layout (kiosk/screens/display.kv): left, top, right, bottom
HEADER = (0, 0, 1920, 190)
COURT_NAME = (48, 20, 1000, 180)
VIDEO = (48, 236, 1152, 856)
RECEPTION = (1200, 230, 1880, 960)
TICKER = (0, 966, 1920, 1080)


@pytest.fixture(scope="module")
def display_pngs(demo_template_dir, tmp_path_factory):
    from admin_server.testing import start_server

    root = tmp_path_factory.mktemp("display-snap")
    data = root / "data"
    shutil.copytree(demo_template_dir, data)
    server = start_server(data)
    try:
        env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy", KIVY_NO_ARGS="1")
        out = root / "png"
        result = subprocess.run(RUN + ["--mode", "display", "--server", server.url, "--cache-dir",
                                       str(root / "cache"), "--snapshot", str(out)],
                                capture_output=True, text=True, timeout=240, env=env)
    finally:
        server.stop()
    assert result.returncode == 0, result.stderr[-3000:]
    artifacts = Path(__file__).resolve().parent.parent / "test-artifacts" / "kiosk"
    artifacts.mkdir(parents=True, exist_ok=True)
    for png in out.glob("display-*.png"):  # for people to look at (git-ignored)
        shutil.copy(png, artifacts / png.name)
    return out, result


def crop(image, box):
    return image.convert("RGB").crop(box)


def test_three_pngs_1920x1080_not_blank(display_pngs):
    out, result = display_pngs
    assert sorted(p.name for p in out.glob("*.png")) == [f"display-{lang}.png" for lang in ("en", "kk", "ru")]
    assert "wrote 3 snapshots" in result.stdout
    for lang in LANGS:
        image = Image.open(out / f"display-{lang}.png")
        assert image.size == (1920, 1080)
        assert ImageStat.Stat(image.convert("L")).stddev[0] > 30, lang
        for name, box in (("header", HEADER), ("reception", RECEPTION), ("ticker", TICKER)):
            area = crop(image, box).convert("L")
            assert ImageStat.Stat(area).stddev[0] > 15, f"{lang}: the {name} has no text"


def test_the_video_zone_shows_the_clip(display_pngs):
    out, _result = display_pngs
    # the demo clips are colourful; the display's own palette is navy, white, pale blue and gold
    zone = crop(Image.open(out / "display-kk.png"), VIDEO).resize((110, 62))
    colours = zone.getcolors(110 * 62)
    assert len(colours) > 50, "the video zone is a flat colour: no picture"


def test_the_languages_differ_where_the_words_are(display_pngs):
    out, _result = display_pngs
    images = {lang: Image.open(out / f"display-{lang}.png") for lang in LANGS}
    for name, box in (("court name", COURT_NAME), ("reception", RECEPTION), ("ticker", TICKER)):
        crops = {lang: crop(images[lang], box) for lang in LANGS}
        for a, b in (("kk", "ru"), ("ru", "en"), ("kk", "en")):
            diff = ImageChops.difference(crops[a], crops[b]).convert("L")
            changed = sum(diff.histogram()[61:])
            assert changed > 500, f"{name}: {a} and {b} look the same"
