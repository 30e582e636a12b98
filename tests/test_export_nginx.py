"""export-static + the shipped nginx site: kiosks sync from plain files."""
import hashlib

import pytest
import requests

from admin_server.content import tri
from admin_server.db import open_existing
from kiosk.cache import Cache
from kiosk.sync import SyncClient
from tests.nginx_fixtures import NGINX, Nginx
from tests.server_fixtures import run_cli

pytestmark = pytest.mark.skipif(not __import__("os").path.exists(NGINX), reason="nginx is not installed")


def api_manifest_body(data_dir) -> bytes:
    from admin_server.publish import current_manifest

    return current_manifest(open_existing(data_dir))[0]


def test_export_writes_the_api_paths(demo_dir, tmp_path):
    out = tmp_path / "export"
    assert run_cli(demo_dir, "export-static", str(out)) == 0
    body = (out / "api/v1/manifest").read_bytes()
    assert body == api_manifest_body(demo_dir)
    import json

    manifest = json.loads(body)
    for sha in manifest["media"]:
        assert hashlib.sha256((out / "api/v1/media" / sha).read_bytes()).hexdigest() == sha
    assert not list(out.rglob(".export-*"))


def test_export_prune_removes_unused_media_only(demo_dir, tmp_path):
    out = tmp_path / "export"
    run_cli(demo_dir, "export-static", str(out))
    stray = out / "api/v1/media" / ("0" * 64)
    stray.write_bytes(b"old")
    run_cli(demo_dir, "export-static", str(out))
    assert stray.exists()
    run_cli(demo_dir, "export-static", str(out), "--prune")
    assert not stray.exists()
    assert len(list((out / "api/v1/media").iterdir())) == len(__import__("json").loads(
        (out / "api/v1/manifest").read_bytes())["media"])


def test_export_with_nothing_published_is_refused(tmp_path):
    run_cli(tmp_path / "data", "init")
    assert run_cli(tmp_path / "data", "export-static", str(tmp_path / "out")) == 1
    assert not (tmp_path / "out" / "api").exists()


@pytest.fixture
def nginx_over_export(demo_dir, tmp_path):
    out = tmp_path / "export"
    assert run_cli(demo_dir, "export-static", str(out)) == 0
    server = Nginx(tmp_path / "nginx", out)
    checked = server.check()
    assert checked.returncode == 0, checked.stderr
    server.start()
    yield server, out
    server.stop()


def test_nginx_serves_the_export_with_the_right_cache_headers(nginx_over_export):
    nginx, out = nginx_over_export
    r = requests.get(nginx.url + "/api/v1/manifest", timeout=5)
    assert r.status_code == 200 and r.content == (out / "api/v1/manifest").read_bytes()
    assert r.headers["Content-Type"].startswith("application/json")
    assert r.headers["Cache-Control"] == "no-cache" and r.headers["ETag"]
    again = requests.get(nginx.url + "/api/v1/manifest", headers={"If-None-Match": r.headers["ETag"]}, timeout=5)
    assert again.status_code == 304 and again.content == b""
    sha = next(iter(r.json()["media"]))
    media = requests.get(f"{nginx.url}/api/v1/media/{sha}", headers={"Range": "bytes=10-19"}, timeout=5)
    assert media.status_code == 206 and len(media.content) == 10
    assert media.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert requests.get(f"{nginx.url}/api/v1/media/{'0' * 64}", timeout=5).status_code == 404


def test_a_kiosk_syncs_from_nginx_and_follows_a_new_export(nginx_over_export, demo_dir, tmp_path):
    nginx, out = nginx_over_export
    cache = Cache(tmp_path / "kiosk-cache")
    seen = []
    client = SyncClient(nginx.url, cache, on_update=seen.append)
    assert client.poll_once() == "updated"
    assert cache.current()["version"] == 1
    for sha in cache.current()["media"]:
        assert hashlib.sha256(cache.media_path(sha).read_bytes()).hexdigest() == sha
    assert client.poll_once() == "unchanged"

    db = open_existing(demo_dir)
    db["announcements"].insert({"text": tri({"kk": "Жаңа", "ru": "Новое", "en": "New from nginx"})})
    db.conn.commit()
    assert run_cli(demo_dir, "publish") == 0
    assert run_cli(demo_dir, "export-static", str(out)) == 0
    assert client.poll_once() == "updated"
    assert cache.current()["version"] == 2
    assert any(a["text"]["en"] == "New from nginx" for a in cache.current()["announcements"])
    assert [m["version"] for m in seen] == [1, 2]


def test_exporting_again_leaves_unchanged_files_alone(demo_dir, tmp_path):
    out = tmp_path / "export"
    run_cli(demo_dir, "export-static", str(out))
    manifest = out / "api/v1/manifest"
    before = manifest.stat().st_mtime_ns
    run_cli(demo_dir, "export-static", str(out))
    assert manifest.stat().st_mtime_ns == before  # nginx's ETag stays, kiosks get 304
