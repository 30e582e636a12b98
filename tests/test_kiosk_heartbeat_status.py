"""The kiosk's heartbeat status (kiosk.status): what the sync thread sends, without Kivy.

The live path (a running kiosk, the real server) is tests/test_kiosk_heartbeat_live.py;
here the pieces: the status board shared by the UI and sync threads, the
thumbnail encoder, and that the body passes the server's own validation.
"""

import base64
import io
import threading

import pytest
from PIL import Image
from sqlite_utils import Database

from kiosk.status import MAX_THUMBNAIL_BYTES, StatusBoard, encode_thumbnail, free_disk_mb
from kiosk.usage import UsageCounter


def rgba(width, height, top=(200, 30, 30), bottom=(20, 40, 200)):
    """Raw pixels as OpenGL reads them: the bottom row first."""
    rows = [bytes(bottom + (255,)) * width if y < height // 2 else bytes(top + (255,)) * width for y in range(height)]
    return b"".join(rows)


def test_thumbnail_is_a_320px_jpeg_the_right_way_up():
    b64 = encode_thumbnail(1080, 1920, rgba(1080, 1920))
    data = base64.b64decode(b64)
    assert data.startswith(b"\xff\xd8\xff") and len(data) <= MAX_THUMBNAIL_BYTES
    image = Image.open(io.BytesIO(data))
    assert image.format == "JPEG" and image.size == (320, 569)
    r, _g, b = image.convert("RGB").getpixel((160, 10))
    assert r > 150 and b < 100  # the top of the screen is on top
    r, _g, b = image.convert("RGB").getpixel((160, 560))
    assert b > 150 and r < 100


def test_thumbnail_that_cannot_fit_is_not_sent():
    import os

    noise = os.urandom(640 * 360 * 4)
    assert encode_thumbnail(640, 360, noise, target_width=640, max_bytes=1000) is None
    assert encode_thumbnail(640, 360, noise, target_width=320) is not None


def test_free_disk_of_a_folder_not_made_yet(tmp_path):
    free = free_disk_mb(tmp_path / "cache" / "not" / "yet")
    assert isinstance(free, int) and free > 0


def test_board_body_has_the_heartbeat_keys_and_sends_a_thumbnail_once(tmp_path):
    usage = UsageCounter(tmp_path / "usage.json")
    board = StatusBoard(version="0.1.0", mode="display", usage=usage, disk_path=tmp_path)
    board.update(screen="display", clock_ok=False, errors=["the video x was skipped"])
    usage.count("screen:display")
    board.emergency_shown([7, 7, 8, True, "9"])
    board.set_thumbnail("abc=")
    body = board.body()
    assert body["kiosk_version"] == "0.1.0" and body["mode"] == "display" and body["screen"] == "display"
    assert body["clock_ok"] is False and body["errors"] == ["the video x was skipped"]
    assert body["emergency_shown"] == [7, 8]  # ids only, each once
    assert isinstance(body["free_disk_mb"], int) and isinstance(body["uptime_s"], int)
    assert list(body["usage"].values()) == [{"screen:display": 1}]
    assert body["thumbnail"] == "abc="
    assert "thumbnail" not in board.body()  # the next heartbeat does not resend it
    board.set_thumbnail("def=")
    assert "thumbnail" in board.body(take_thumbnail=False) and board.body()["thumbnail"] == "def="


def test_board_is_safe_across_threads(tmp_path):
    board = StatusBoard(version="0.1.0", mode="kiosk", usage=UsageCounter(tmp_path / "u.json"))
    stop = threading.Event()
    errors = []

    def ui():
        n = 0
        while not stop.is_set():
            n += 1
            board.update(screen=f"s{n % 5}", errors=[f"e{n}"])
            board.emergency_shown([n % 200])
            board.usage.count("calculator")

    def sync():
        try:
            for _ in range(2000):
                body = board.body()
                assert isinstance(body["emergency_shown"], list) and body["screen"].startswith("s")
        except Exception as exc:  # reported to the main thread
            errors.append(exc)

    writer = threading.Thread(target=ui)
    board.update(screen="s0")
    writer.start()
    reader = threading.Thread(target=sync)
    reader.start()
    reader.join(30)
    stop.set()
    writer.join(5)
    assert not errors
    assert len(board.shown) <= 100  # capped


@pytest.fixture
def fleet_db(tmp_path):
    from admin_server.schema import migrate

    db = Database(tmp_path / "fleet.db")
    migrate(db)
    db["kiosks"].insert({"id": "hall-1", "name": "Hall 1", "mode": "kiosk", "token_hash": "x" * 64})
    return db


def test_the_server_accepts_the_body_as_it_is(tmp_path, fleet_db):
    """The board's body, thumbnail and all, passes admin_server.fleet.record_heartbeat unchanged."""
    from admin_server.fleet import emergency_acks, thumbnail_path, usage_by_day

    usage = UsageCounter(tmp_path / "usage.json")
    for event in ("screen:home", "template:divorce", "qr:divorce", "calculator", "video:3"):
        usage.count(event)
    board = StatusBoard(version="0.1.0", mode="kiosk", usage=usage, disk_path=tmp_path)
    board.update(screen="home", kiosk_id="hall-1", layout="low", lang="kk", emergency_on_screen=[])
    board.emergency_shown([12])
    board.set_thumbnail(encode_thumbnail(1080, 1920, rgba(1080, 1920)))
    body = board.body()
    body["manifest_version"] = 3  # SyncClient adds these two
    body["errors"] = []
    from admin_server.fleet import record_heartbeat

    record_heartbeat(fleet_db, tmp_path / "data", "hall-1", body)
    assert set(emergency_acks(fleet_db, 12)) == {"hall-1"}
    assert {r["event"] for r in usage_by_day(fleet_db, "2000-01-01")} == {
        "screen:home", "template:divorce", "qr:divorce", "calculator", "video:3"}
    assert Image.open(thumbnail_path(tmp_path / "data", "hall-1")).size == (320, 569)
    assert fleet_db["kiosks"].get("hall-1")["last_screenshot"]
