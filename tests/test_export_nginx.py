"""export-static + the shipped nginx site: kiosks sync from plain files."""
import hashlib

import pytest
import requests

from admin_server.content import tri
from admin_server.db import open_existing
from kiosk.cache import Cache
from kiosk.sync import SyncClient
from admin_server.testing import NGINX, Nginx
from admin_server.testing import run_cli

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


def add_hearing(data_dir, **values):
    """One public hearing today (court's zone), written as the server would."""
    from admin_server import hearings
    from admin_server.content import get_settings
    from admin_server.db import write_transaction

    db = open_existing(data_dir)
    today = hearings.court_today(get_settings(db)).isoformat()
    with write_transaction(db):
        hearing_id = hearings.add(db, {"date": today, "time": "10:00", "case_kind": "civil",
                                       "case_number": "7594-26-00-2/1173", "parties": "Сейткали А.Б."} | values,
                                  by="test")
    db.conn.close()
    return hearing_id


def test_export_writes_the_hearings_feed(demo_dir, tmp_path):
    from court_contract.hearings import parse_feed

    add_hearing(demo_dir, case_number="NGINX-EXPORT-1")
    out = tmp_path / "export"
    assert run_cli(demo_dir, "export-static", str(out)) == 0
    feed = parse_feed((out / "api/v1/hearings").read_bytes())
    assert "NGINX-EXPORT-1" in [h.get("case_number") for h in feed["hearings"]]


def test_nginx_passes_hearings_to_the_server_uncached(demo_server, tmp_path):
    out = tmp_path / "export"
    assert run_cli(demo_server.data_dir, "export-static", str(out)) == 0
    nginx = Nginx(tmp_path / "nginx", out, upstream_port=int(demo_server.url.rsplit(":", 1)[1]))
    assert nginx.check().returncode == 0
    nginx.start()
    try:
        first = requests.get(nginx.url + "/api/v1/hearings", timeout=5)
        assert first.status_code == 200 and first.headers["Cache-Control"] == "no-cache"
        assert first.headers["ETag"] == requests.get(demo_server.url + "/api/v1/hearings", timeout=5).headers["ETag"]
        again = requests.get(nginx.url + "/api/v1/hearings", headers={"If-None-Match": first.headers["ETag"]},
                             timeout=5)
        assert again.status_code == 304 and again.content == b""
        # A change on the server shows through nginx at once, not after the next export.
        add_hearing(demo_server.data_dir, case_number="NGINX-LIVE-2")
        changed = requests.get(nginx.url + "/api/v1/hearings", headers={"If-None-Match": first.headers["ETag"]},
                               timeout=5)
        assert changed.status_code == 200
        assert "NGINX-LIVE-2" in [h.get("case_number") for h in changed.json()["hearings"]]
    finally:
        nginx.stop()


def test_nginx_falls_back_to_the_exported_hearings_when_the_server_is_down(demo_dir, tmp_path):
    add_hearing(demo_dir, case_number="NGINX-FALLBACK-3")
    out = tmp_path / "export"
    assert run_cli(demo_dir, "export-static", str(out)) == 0
    nginx = Nginx(tmp_path / "nginx", out)  # upstream port 9: nothing listens
    nginx.start()
    try:
        r = requests.get(nginx.url + "/api/v1/hearings", timeout=5)
        assert r.status_code == 200 and r.content == (out / "api/v1/hearings").read_bytes()
        assert r.headers["Cache-Control"] == "no-cache"
    finally:
        nginx.stop()
