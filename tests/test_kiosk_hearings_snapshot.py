"""``court-kiosk --snapshot`` writes the hearing screens (kiosk) and the hearings board and the door
sign (display) in kk/ru/en, from a cache holding the fixture court and today's hearings.

The PNGs are copied to test-artifacts/kiosk/ for people to look at.
"""

import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from PIL import Image, ImageChops, ImageStat

from tests.support.ui import make_cache

LANGS = ("kk", "ru", "en")
RUN = [sys.executable, "-c", "import sys; from kiosk.cli import main; sys.exit(main())"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "kiosk"
BOARD = (1200, 230, 1880, 960)  # the right half of the 1920x1080 display


def run_cli(*args):
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy", KIVY_NO_ARGS="1")
    result = subprocess.run(RUN + list(args), capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


@pytest.fixture(scope="module")
def court(tmp_path_factory):
    root = tmp_path_factory.mktemp("hearings-snap")
    today = dt.datetime.now(ZoneInfo("Asia/Aqtau")).date()  # the CLI runs on the real clock
    cache, _manifest = make_cache(root, hearings_on=today)
    return root, cache


def keep(out, prefix):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for png in out.glob(f"{prefix}*.png"):
        shutil.copy(png, ARTIFACTS / png.name)


def differ(a, b, box=None):
    a, b = a.convert("RGB"), b.convert("RGB")
    if box:
        a, b = a.crop(box), b.crop(box)
    return sum(ImageChops.difference(a, b).convert("L").histogram()[61:])


def test_kiosk_snapshots_include_the_hearing_screens(court):
    root, cache = court
    out = root / "kiosk"
    run_cli("--cache-dir", str(cache.root), "--snapshot", str(out))
    keep(out, "hearing")
    for screen in ("hearings", "hearing"):
        images = {lang: Image.open(out / f"{screen}-{lang}.png") for lang in LANGS}
        for lang, image in images.items():
            assert image.size == (1080, 1920)
            assert ImageStat.Stat(image.convert("L")).stddev[0] > 20, f"{screen}-{lang} looks blank"
        assert differ(images["kk"], images["ru"]) > 2000 and differ(images["ru"], images["en"]) > 2000, screen
    # the floor plan's red marker is on the detail
    detail = Image.open(out / "hearing-en.png").convert("RGB").resize((270, 480))
    red = sum(n for n, (r, g, b) in detail.getcolors(270 * 480) if r > 150 and g < 60 and b < 60)
    assert red > 10


def test_display_snapshots_show_the_board_and_the_door_sign(court):
    root, cache = court
    out = root / "display"
    run_cli("--mode", "display", "--cache-dir", str(cache.root), "--snapshot", str(out))
    door = root / "door"
    run_cli("--room", "305", "--cache-dir", str(cache.root), "--snapshot", str(door))
    for png in door.glob("display-*.png"):
        png.rename(door / png.name.replace("display-", "door-"))
    keep(out, "display")
    keep(door, "door")
    boards = {lang: Image.open(out / f"display-{lang}.png") for lang in LANGS}
    signs = {lang: Image.open(door / f"door-{lang}.png") for lang in LANGS}
    for lang in LANGS:
        assert boards[lang].size == signs[lang].size == (1920, 1080)
        assert ImageStat.Stat(boards[lang].convert("L").crop(BOARD)).stddev[0] > 20
        assert differ(boards[lang], signs[lang]) > 20000  # the door sign is not the board
    assert differ(boards["kk"], boards["en"], BOARD) > 500
    assert differ(signs["kk"], signs["en"]) > 500
