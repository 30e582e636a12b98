"""The kiosk API and the visitor's download pages, on a real server process."""
import hashlib
import io
import json
import socket
from urllib.parse import urlparse

import pytest
import requests

from admin_server.content import tri
from admin_server.db import open_existing
from court_contract.manifest import parse as parse_manifest
from admin_server.testing import run_cli


def get_manifest(server):
    r = requests.get(server.url + "/api/v1/manifest", timeout=5)
    assert r.status_code == 200
    return r


def test_healthz(demo_server):
    r = requests.get(demo_server.url + "/healthz", timeout=5)
    assert r.status_code == 200 and r.json() == {"status": "ok", "published_version": 1}


def test_manifest_has_the_documented_shape_and_an_etag(demo_server):
    r = get_manifest(demo_server)
    assert r.headers["Content-Type"].startswith("application/json")
    manifest = parse_manifest(r.content)  # the kiosk's own validator of docs/manifest.md
    assert manifest["version"] == 1
    assert r.headers["ETag"] == '"%s"' % hashlib.sha256(r.content).hexdigest()
    assert len(manifest["templates"]) >= 10 and len(manifest["videos"]) >= 3
    assert {"kk", "ru", "en"} <= set(manifest["templates"][0]["title"])


def test_if_none_match_gives_304_without_a_body(demo_server):
    etag = get_manifest(demo_server).headers["ETag"]
    r = requests.get(demo_server.url + "/api/v1/manifest", headers={"If-None-Match": etag}, timeout=5)
    assert r.status_code == 304 and r.content == b"" and r.headers["ETag"] == etag
    stale = requests.get(demo_server.url + "/api/v1/manifest", headers={"If-None-Match": '"0000"'}, timeout=5)
    assert stale.status_code == 200


def test_every_media_file_downloads_with_its_hash_and_type(demo_server):
    manifest = get_manifest(demo_server).json()
    assert manifest["media"]
    for sha, meta in manifest["media"].items():
        r = requests.get(f"{demo_server.url}/api/v1/media/{sha}", timeout=10)
        assert r.status_code == 200
        assert hashlib.sha256(r.content).hexdigest() == sha
        assert len(r.content) == meta["size"]
        assert r.headers["Content-Type"].split(";")[0] == meta["type"]
        assert r.headers["Cache-Control"] == "public, max-age=31536000, immutable"


def test_range_requests_give_206_with_the_right_bytes(demo_server):
    manifest = get_manifest(demo_server).json()
    sha, meta = max(manifest["media"].items(), key=lambda kv: kv[1]["size"])
    full = requests.get(f"{demo_server.url}/api/v1/media/{sha}", timeout=10).content
    r = requests.get(f"{demo_server.url}/api/v1/media/{sha}", headers={"Range": "bytes=100-1099"}, timeout=10)
    assert r.status_code == 206
    assert r.content == full[100:1100]
    assert r.headers["Content-Range"] == f"bytes 100-1099/{meta['size']}"
    tail = requests.get(f"{demo_server.url}/api/v1/media/{sha}", headers={"Range": "bytes=1000-"}, timeout=10)
    assert tail.status_code == 206 and tail.content == full[1000:]


@pytest.mark.parametrize("name, status", [
    ("abc", 400), ("A" * 64, 400), ("0" * 63, 400), ("0" * 64, 404), ("%2e%2e%2f%2e%2e%2fetc%2fpasswd", 400),
])
def test_bad_media_addresses(demo_server, name, status):
    r = requests.get(f"{demo_server.url}/api/v1/media/{name}", timeout=5)
    assert r.status_code == status
    assert "error" in r.json()


def raw_get(url, path):
    """Send a path exactly as written (clients normalise ../ away)."""
    u = urlparse(url)
    with socket.create_connection((u.hostname, u.port), timeout=5) as s:
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: {u.netloc}\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


@pytest.mark.parametrize("path", [
    "/api/v1/media/../../etc/passwd", "/api/v1/media/..%2f..%2fcourt-kiosk.db", "/api/v1/media/../secret_key",
    "/t/../../etc/passwd", "/static/../court-kiosk.db",
])
def test_dot_dot_paths_never_leave_the_store(demo_server, path):
    data = raw_get(demo_server.url, path)
    status = int(data.split(b" ", 2)[1])
    assert status in (400, 404)
    secret = (demo_server.data_dir / "secret_key").read_bytes().strip()
    assert b"root:" not in data and b"SQLite format" not in data and secret not in data


def test_unpublished_uploads_are_not_served(demo_server):
    from admin_server.content import register_media
    from admin_server.store import MediaStore

    db = open_existing(demo_server.data_dir)
    stored = MediaStore(demo_server.data_dir / "media").put_stream(io.BytesIO(b"%PDF-1.4 draft"), max_size=100)
    register_media(db, stored, "application/pdf", "draft.pdf")
    db.conn.commit()
    r = requests.get(f"{demo_server.url}/api/v1/media/{stored.sha256}", timeout=5)
    assert r.status_code == 404


def test_nothing_published_is_a_clear_404(tmp_path):
    from admin_server.testing import start_server

    run_cli(tmp_path, "init")
    server = start_server(tmp_path)
    try:
        r = requests.get(server.url + "/api/v1/manifest", timeout=5)
        assert r.status_code == 404 and "Nothing has been published" in r.json()["error"]
        assert requests.get(server.url + "/healthz", timeout=5).json()["published_version"] is None
    finally:
        server.stop()


def test_heartbeat_needs_the_kiosk_token(demo_server):
    url = demo_server.url + "/api/v1/heartbeat"
    body = {"manifest_version": 1, "uptime_s": 42, "screen": "home", "errors": []}
    assert requests.post(url, json=body, timeout=5).status_code == 401
    wrong = requests.post(url, json=body, headers={"Authorization": "Bearer nope"}, timeout=5)
    assert wrong.status_code == 401 and "not known" in wrong.json()["error"]
    auth = {"Authorization": f"Bearer {demo_server.kiosk_token}"}
    assert requests.post(url, data="[1,2]", headers=auth | {"Content-Type": "application/json"},
                         timeout=5).status_code == 400
    r = requests.post(url, json=body, headers=auth, timeout=5)
    assert r.status_code == 204 and r.content == b""
    kiosk = open_existing(demo_server.data_dir)["kiosks"].get("hall-1")
    assert kiosk["shown_version"] == 1 and kiosk["last_seen"]
    assert json.loads(kiosk["status"])["screen"] == "home"


def test_publish_changes_the_etag_and_rollback_restores(demo_server):
    first = get_manifest(demo_server)
    db = open_existing(demo_server.data_dir)
    db["announcements"].insert({"text": tri({"kk": "Жаңа хабарландыру", "ru": "Новое объявление",
                                             "en": "New announcement"})})
    db.conn.commit()
    assert run_cli(demo_server.data_dir, "publish") == 0
    second = get_manifest(demo_server)
    assert second.headers["ETag"] != first.headers["ETag"]
    assert second.json()["version"] == 2
    assert any(a["text"]["en"] == "New announcement" for a in second.json()["announcements"])
    r = requests.get(demo_server.url + "/api/v1/manifest", headers={"If-None-Match": first.headers["ETag"]},
                     timeout=5)
    assert r.status_code == 200
    assert run_cli(demo_server.data_dir, "rollback", "1") == 0
    third = get_manifest(demo_server).json()
    assert third["version"] == 3
    assert third["announcements"] == first.json()["announcements"]


# --- the visitor's download page -------------------------------------------------

def first_template(server):
    return get_manifest(server).json()["templates"][0]


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_template_page_in_the_visitors_language(demo_server, lang):
    t = first_template(demo_server)
    by_query = requests.get(f"{demo_server.url}/t/{t['slug']}?lang={lang}", timeout=5)
    by_header = requests.get(f"{demo_server.url}/t/{t['slug']}", headers={"Accept-Language": f"{lang},en;q=0.1"},
                             timeout=5)
    for r in (by_query, by_header):
        assert r.status_code == 200
        assert f'<html lang="{lang}">' in r.text
        from html import escape

        assert escape(t["title"][lang]) in r.text
        assert 'name="viewport"' in r.text


def test_template_download_gives_the_exact_uploaded_file(demo_server):
    t = first_template(demo_server)
    page = requests.get(f"{demo_server.url}/t/{t['slug']}?lang=kk", timeout=5).text
    for lang, f in t["files"].items():
        link = f"/t/{t['slug']}/file/{lang}"
        assert link in page
        r = requests.get(demo_server.url + link, timeout=5)
        assert r.status_code == 200
        assert hashlib.sha256(r.content).hexdigest() == f["sha256"]
        assert "attachment" in r.headers["Content-Disposition"] and f["name"] in r.headers["Content-Disposition"]


def test_template_qr_codes_encode_the_public_url(demo_server):
    import zxingcpp
    from PIL import Image

    t = first_template(demo_server)
    png = requests.get(f"{demo_server.url}/t/{t['slug']}/qr.png", timeout=5)
    assert png.headers["Content-Type"] == "image/png"
    decoded = zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))
    assert [d.text for d in decoded] == [t["url"]]
    assert t["url"].endswith(f"/t/{t['slug']}")
    svg = requests.get(f"{demo_server.url}/t/{t['slug']}/qr.svg", timeout=5)
    assert svg.headers["Content-Type"].startswith("image/svg+xml") and b"<svg" in svg.content


@pytest.mark.parametrize("path", ["/t/no-such-template", "/t/no-such-template/qr.png", "/t/no-such/file/kk"])
def test_unknown_slug_is_a_readable_404(demo_server, path):
    r = requests.get(demo_server.url + path + "?lang=ru", timeout=5)
    assert r.status_code == 404 and "Такой образец не найден" in r.text


def test_unknown_file_language_is_404(demo_server):
    t = first_template(demo_server)
    assert requests.get(f"{demo_server.url}/t/{t['slug']}/file/de", timeout=5).status_code == 404


def test_a_template_deleted_from_the_drafts_still_downloads_until_republished(demo_server):
    t = first_template(demo_server)
    db = open_existing(demo_server.data_dir)
    template_id = db["templates"].rows_where("slug = ?", [t["slug"]]).__next__()["id"]
    db["template_files"].delete_where("template_id = ?", [template_id])
    db["templates"].delete(template_id)
    db.conn.commit()
    lang, f = next(iter(t["files"].items()))
    r = requests.get(f"{demo_server.url}/t/{t['slug']}/file/{lang}", timeout=5)
    assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == f["sha256"]


# --- fleet monitoring in the heartbeat -------------------------------------------------

def tiny_png() -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (32, 18), (11, 31, 58)).save(buf, format="PNG")
    return buf.getvalue()


def test_heartbeat_with_thumbnail_usage_and_emergency_ack(demo_server):
    import base64

    from admin_server.fleet import emergency_acks, kiosk_state, thumbnail_path, usage_by_day

    auth = {"Authorization": f"Bearer {demo_server.kiosk_token}"}
    png = tiny_png()
    body = {"manifest_version": 1, "screen": "templates", "free_disk_mb": 5120,
            "thumbnail": base64.b64encode(png).decode(), "emergency_shown": [7],
            "usage": {"2026-11-22": {"screen:fees": 4, "template:divorce": 2, "qr:divorce": 2, "calculator": 3}}}
    r = requests.post(demo_server.url + "/api/v1/heartbeat", json=body, headers=auth, timeout=5)
    assert r.status_code == 204, r.text
    # The same running totals again (a retry) and a later, higher total.
    body["usage"]["2026-11-22"]["screen:fees"] = 5
    requests.post(demo_server.url + "/api/v1/heartbeat", json=body, headers=auth, timeout=5)
    db = open_existing(demo_server.data_dir)
    assert thumbnail_path(demo_server.data_dir, "hall-1").read_bytes() == png
    counts = {r["event"]: r["count"] for r in usage_by_day(db, "2026-11-01")}
    assert counts == {"screen:fees": 5, "template:divorce": 2, "qr:divorce": 2, "calculator": 3}
    assert set(emergency_acks(db, 7)) == {"hall-1"}
    kiosk = db["kiosks"].get("hall-1")
    assert kiosk_state(kiosk["last_seen"]) == "online" and kiosk["last_screenshot"]
    assert "thumbnail" not in json.loads(kiosk["status"])


@pytest.mark.parametrize("extra, message", [
    ({"thumbnail": "not base64!"}, "not valid base64"),
    ({"thumbnail": "PGh0bWw+"}, "PNG or JPEG"),
    ({"usage": {"yesterday": {}}}, "bad day"),
    ({"usage": {"2026-11-22": {"<script>": 1}}}, "bad event name"),
    ({"usage": {"2026-11-22": {"calculator": -1}}}, "whole number"),
    ({"manifest_version": "7"}, "manifest_version"),
    ({"emergency_shown": ["x"]}, "emergency_shown"),
])
def test_bad_heartbeats_are_refused_and_change_nothing(demo_server, extra, message):
    auth = {"Authorization": f"Bearer {demo_server.kiosk_token}"}
    r = requests.post(demo_server.url + "/api/v1/heartbeat", json={"manifest_version": 1} | extra, headers=auth,
                      timeout=5)
    assert r.status_code == 400 and message in r.json()["error"]
    db = open_existing(demo_server.data_dir)
    assert db["kiosks"].get("hall-1")["last_seen"] is None
    assert db["usage_counts"].count == 0


def test_kiosk_states_by_age():
    from datetime import datetime, timedelta, timezone

    from admin_server.fleet import kiosk_state

    now = datetime(2026, 11, 22, 12, 0, tzinfo=timezone.utc)
    ago = lambda s: (now - timedelta(seconds=s)).isoformat()  # noqa: E731
    assert [kiosk_state(ago(s), now) for s in (5, 120, 121, 600, 601)] == \
        ["online", "online", "stale", "stale", "offline"]
    assert kiosk_state(None, now) == "offline"


def test_a_relative_data_dir_serves_media(demo_template_dir, tmp_path, monkeypatch):
    """`make demo` uses --data-dir var/demo: files must resolve against the cwd, not the package."""
    import shutil

    from admin_server import create_app

    shutil.copytree(demo_template_dir, tmp_path / "var" / "demo")
    monkeypatch.chdir(tmp_path)
    client = create_app({"DATA_DIR": "var/demo"}).test_client()
    manifest = client.get("/api/v1/manifest").get_json()
    sha, meta = next(iter(manifest["media"].items()))
    r = client.get(f"/api/v1/media/{sha}")
    assert r.status_code == 200 and hashlib.sha256(r.data).hexdigest() == sha
    slug = manifest["templates"][0]["slug"]
    assert client.get(f"/t/{slug}/file/kk").status_code == 200
