"""``court-kiosk --snapshot``: every screen in every language as a PNG.

Runs the real command in a subprocess (one Kivy app per process), from a
cache holding the fixture court, with libVLC playing the two tiny clips.
"""

import os
import subprocess
import sys

import pytest
from PIL import Image, ImageStat

from kiosk.snapshot import SNAPSHOT_SCREENS
from tests.support.ui import make_cache

zxingcpp = pytest.importorskip("zxingcpp")

LANGS = ("kk", "ru", "en")
RUN = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]


def run_cli(*args, timeout=240):
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy", KIVY_NO_ARGS="1")
    return subprocess.run(RUN + list(args), capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def snapshots(tmp_path_factory):
    root = tmp_path_factory.mktemp("snap")
    cache, manifest = make_cache(root)
    out = root / "png"
    result = run_cli("--cache-dir", str(cache.root), "--snapshot", str(out))
    assert result.returncode == 0, result.stderr[-3000:]
    return out, manifest, result


def test_a_png_per_screen_and_language(snapshots):
    out, _manifest, result = snapshots
    names = sorted(p.name for p in out.glob("*.png"))
    expected = sorted(f"{screen}-{lang}.png" for screen in SNAPSHOT_SCREENS for lang in LANGS)
    assert names == expected
    assert f"wrote {len(expected)} snapshots" in result.stdout
    for name in names:
        image = Image.open(out / name)
        assert image.size == (1080, 1920), name
        stddev = ImageStat.Stat(image.convert("L")).stddev[0]
        assert stddev > 20, f"{name} looks blank (stddev {stddev:.1f})"


def test_languages_differ(snapshots):
    out, _manifest, _result = snapshots
    for screen in ("home", "fees", "calculator", "template"):
        images = [Image.open(out / f"{screen}-{lang}.png").convert("L").tobytes() for lang in LANGS]
        assert len(set(images)) == 3, screen


def test_template_detail_qr_decodes_to_the_template_url(snapshots):
    out, manifest, _result = snapshots
    url = manifest["templates"][0]["url"]
    for lang in LANGS:
        found = [r.text for r in zxingcpp.read_barcodes(Image.open(out / f"template-{lang}.png"))]
        assert found == [url], lang


def test_links_qr_codes_decode(snapshots):
    out, manifest, _result = snapshots
    found = {r.text for r in zxingcpp.read_barcodes(Image.open(out / "links-kk.png"))}
    assert found == {link["url"] for link in manifest["links"]}


def test_video_screens_show_the_video(snapshots):
    out, _manifest, _result = snapshots
    # the testsrc clip has saturated colour bars; the kiosk palette has none
    for name in ("attract-kk.png", "videos-kk.png"):
        image = Image.open(out / name).convert("RGB").resize((108, 192))
        colours = image.getcolors(108 * 192)
        saturated = sum(count for count, (r, g, b) in colours if max(r, g, b) - min(r, g, b) > 150)
        assert saturated > 500, name


def test_no_content_writes_the_waiting_screen(tmp_path):
    out = tmp_path / "png"
    result = run_cli("--cache-dir", str(tmp_path / "empty"), "--snapshot", str(out))
    assert result.returncode == 1
    assert sorted(p.name for p in out.glob("*.png")) == ["waiting-en.png", "waiting-kk.png", "waiting-ru.png"]
    stddev = ImageStat.Stat(Image.open(out / "waiting-kk.png").convert("L")).stddev[0]
    assert stddev > 10
