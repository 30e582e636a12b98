"""End to end: the real server with the demo court, the real kiosk client in a subprocess.

A visitor's path from the kiosk screen to the file on their phone, and the
kiosk's life when the server goes away.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from PIL import Image, ImageStat

from admin_server.content import set_settings, tri
from admin_server.db import open_existing
from kiosk.cache import Cache
from kiosk.sync import SyncClient
from admin_server.testing import REPO, free_port, run_cli, start_server

KIOSK_EXE = str(Path(sys.executable).with_name("court-kiosk"))
LANGS = ("kk", "ru", "en")
SCREENS = ("home", "fees", "calculator", "reception", "templates", "search", "template", "links", "videos",
           "attract", "idle")


def kiosk_env(tmp_path) -> dict:
    env = dict(os.environ, SDL_VIDEODRIVER="offscreen", SDL_AUDIODRIVER="dummy", KIVY_NO_ARGS="1",
               KIVY_HOME=str(tmp_path / "kivy-home"), KIVY_NO_CONSOLELOG="1")
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def snapshot(tmp_path, server_url, cache_dir, out) -> subprocess.CompletedProcess:
    return subprocess.run([KIOSK_EXE, "--server", server_url, "--cache-dir", str(cache_dir), "--snapshot", str(out)],
                          env=kiosk_env(tmp_path), capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def e2e(tmp_path_factory):
    """The demo court published with QR codes pointing at this test server, one snapshot run done."""
    tmp = tmp_path_factory.mktemp("e2e")
    data = tmp / "data"
    assert run_cli(data, "init") == 0 and run_cli(data, "seed-demo") == 0
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    db = open_existing(data)
    set_settings(db, {"public_base_url": url})
    db.conn.commit()
    db.conn.close()
    assert run_cli(data, "publish") == 0
    server = start_server(data, port)
    cache, shots = tmp / "cache", tmp / "shots"
    result = snapshot(tmp, url, cache, shots)
    yield {"tmp": tmp, "data": data, "url": url, "server": server, "cache": cache, "shots": shots, "run": result}
    server.stop()


def test_snapshot_writes_every_screen_in_every_language(e2e):
    assert e2e["run"].returncode == 0, e2e["run"].stderr[-2000:]
    for screen in SCREENS:
        for lang in LANGS:
            png = e2e["shots"] / f"{screen}-{lang}.png"
            assert png.exists(), png.name
            image = Image.open(png).convert("L")
            assert image.size == (1080, 1920)
            assert ImageStat.Stat(image).stddev[0] > 10, f"{png.name} looks blank"
    # The languages really differ on screen.
    home = [Image.open(e2e["shots"] / f"home-{lang}.png").tobytes() for lang in LANGS]
    assert len(set(home)) == 3


def decode_qr(png: Path) -> list[str]:
    import zxingcpp

    return [r.text for r in zxingcpp.read_barcodes(Image.open(png))]


@pytest.mark.parametrize("lang", LANGS)
def test_the_qr_on_screen_gives_the_visitor_the_exact_file(e2e, lang):
    manifest = Cache(e2e["cache"]).current()
    template = manifest["templates"][0]  # the detail screen the snapshot opens
    urls = decode_qr(e2e["shots"] / f"template-{lang}.png")
    assert urls == [f"{e2e['url']}/t/{template['slug']}"]
    # The visitor's phone opens the page in its language and taps the download link.
    page = requests.get(urls[0], headers={"Accept-Language": f"{lang}-KZ,{lang};q=0.9"}, timeout=10)
    assert page.status_code == 200 and f'<html lang="{lang}">' in page.text
    link = re.search(rf'href="(/t/{template["slug"]}/file/{lang})"', page.text).group(1)
    download = requests.get(e2e["url"] + link, timeout=10)
    original = REPO / "media" / "demo" / "templates" / f"{template['slug']}-{lang}.docx"
    assert hashlib.sha256(download.content).hexdigest() == hashlib.sha256(original.read_bytes()).hexdigest()


def test_links_screen_qr_codes_open_the_published_urls(e2e):
    manifest = Cache(e2e["cache"]).current()
    urls = set(decode_qr(e2e["shots"] / "links-en.png"))
    assert urls and urls <= {link["url"] for link in manifest["links"]}
    assert "https://office.sud.kz" in urls


def test_with_the_server_down_the_kiosk_starts_from_its_cache(e2e, tmp_path):
    e2e["server"].stop()
    out = tmp_path / "offline"
    result = snapshot(tmp_path, e2e["url"], e2e["cache"], out)
    assert result.returncode == 0, result.stderr[-2000:]
    assert (out / "home-kk.png").exists() and not list(out.glob("waiting-*.png"))
    assert Image.open(out / "home-kk.png").tobytes() == Image.open(e2e["shots"] / "home-kk.png").tobytes() or \
        ImageStat.Stat(Image.open(out / "home-kk.png").convert("L")).stddev[0] > 10
    # A kiosk that never had content and cannot reach the server says so instead of crashing.
    fresh = snapshot(tmp_path, e2e["url"], tmp_path / "empty-cache", tmp_path / "first-start")
    assert fresh.returncode == 1 and "Traceback" not in fresh.stderr
    assert {p.name for p in (tmp_path / "first-start").glob("waiting-*.png")} == {f"waiting-{lang}.png" for lang in LANGS}


# --- bad updates from a real static export: the kiosk keeps the last good version -----

@pytest.fixture
def export_v2(demo_dir, tmp_path):
    """Version 1 synced into a kiosk cache from nginx; version 2 (a new template file) published and exported."""
    from admin_server.testing import Nginx

    out = tmp_path / "export"
    assert run_cli(demo_dir, "export-static", str(out)) == 0
    nginx = Nginx(tmp_path / "nginx", out).start()
    cache = Cache(tmp_path / "cache")
    assert SyncClient(nginx.url, cache).poll_once() == "updated"
    db = open_existing(demo_dir)
    from admin_server.content import register_media
    from admin_server.store import MediaStore

    stored = MediaStore(demo_dir / "media").put_stream(__import__("io").BytesIO(b"%PDF-1.4\n" + os.urandom(40000)),
                                                       max_size=10**6)
    register_media(db, stored, "application/pdf", "divorce-kk.pdf")
    db.execute("UPDATE template_files SET sha256 = ?, name = 'divorce-kk.pdf' WHERE lang = 'kk' AND template_id = "
               "(SELECT id FROM templates WHERE slug = 'divorce')", [stored.sha256])
    db["announcements"].insert({"text": tri("version two")})
    db.conn.commit()
    assert run_cli(demo_dir, "publish") == 0 and run_cli(demo_dir, "export-static", str(out)) == 0
    yield nginx, out, cache, out / "api/v1/media" / stored.sha256
    nginx.stop()


def damage_wrong_hash(path):
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))


def damage_truncate(path):
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize("damage", [damage_wrong_hash, damage_truncate], ids=["wrong-hash", "truncated"])
def test_a_damaged_media_file_is_refused_and_version_1_stays(export_v2, damage):
    nginx, _out, cache, new_file = export_v2
    damage(new_file)
    client = SyncClient(nginx.url, cache)
    assert client.poll_once() == "error"
    assert cache.current()["version"] == 1
    assert client.last_error and client.last_error[0].isalpha()


def test_a_malformed_manifest_is_refused_and_version_1_stays(export_v2):
    nginx, out, cache, _new = export_v2
    manifest = out / "api/v1/manifest"
    good = json.loads(manifest.read_bytes())
    for bad in (b"{not json", json.dumps(dict(good, schema=99)).encode(),
                json.dumps(dict(good, templates="nope")).encode()):
        manifest.write_bytes(bad)
        client = SyncClient(nginx.url, cache)
        assert client.poll_once() == "error", bad[:40]
        assert cache.current()["version"] == 1
    # Repaired on the server: the kiosk moves on by itself.
    manifest.write_bytes(json.dumps(good, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode())
    assert SyncClient(nginx.url, cache).poll_once() == "updated"
    assert cache.current()["version"] == 2
