"""A court's first week in the admin: headers on public answers, QR codes phones cannot open, who can
publish, the sign-in page's language, and the first-run question for the public base URL."""
import os
import pty
import subprocess
import sys

import pytest

from admin_server.content import get_settings, set_settings
from admin_server.public_url import phones_cannot_open
from tests.support.admin import (PDF_BYTES, add_category, admin, app, data_dir, db_for,  # noqa: F401
                                      make_user, signed_in)
from tests.support.admin import upload_template

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def set_base_url(data_dir, url):
    db = db_for(data_dir)
    with db.atomic():
        set_settings(db, {"public_base_url": url})
    db.conn.close()


@pytest.fixture
def published(admin, data_dir):
    add_category(admin)
    assert upload_template(admin, {"file_ru": (PDF_BYTES, "claim.pdf")}).status_code == 303
    assert admin.post("/admin/publish/").status_code in (302, 303)
    return next(db_for(data_dir)["template_files"].rows)["sha256"]


# --- headers on public answers ------------------------------------------------------

@pytest.mark.parametrize("url, html", [
    ("/t/divorce", True), ("/t/divorce?lang=ru", True), ("/t/no-such-template", True),
    ("/t/divorce/file/ru", False), ("/t/divorce/qr.svg", False), ("/t/divorce/qr.png", False),
    ("/api/v1/media/{sha}", False), ("/api/v1/manifest", False), ("/api/v1/media/not-a-sha", False),
    ("/healthz", False),
])
def test_public_answers_carry_nosniff_and_a_csp(app, published, url, html):
    r = app.test_client().get(url.format(sha=published), headers={"Accept-Language": "ru"})
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    csp = r.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src" not in csp  # no script may run on a public answer
    if html:
        assert "style-src 'self'" in csp
    else:
        assert "sandbox" in csp


def test_the_public_page_still_loads_its_style_sheet(app, published):
    page = app.test_client().get("/t/divorce").get_data(as_text=True)
    assert "/static/public.css" in page  # 'self' style sheets are what the CSP allows


# --- QR codes phones cannot open ----------------------------------------------------

@pytest.mark.parametrize("url, local", [
    ("http://127.0.0.1:8000", True), ("http://localhost:8000", True), ("https://10.0.5.2", True),
    ("http://172.16.0.10", True), ("http://172.31.255.1", True), ("http://192.168.1.20:8000", True),
    ("http://[::1]:8000", True), ("http://[fd12:3456::1]", True), ("http://[fe80::1]", True),
    ("http://169.254.10.1", True), ("http://0.0.0.0:8000", True), ("http://[::ffff:10.0.0.1]", True),
    ("https://kiosk.mng.sud.kz", False), ("http://172.32.0.1", False), ("http://95.56.1.2", False),
])
def test_which_addresses_phones_cannot_open(url, local):
    assert phones_cannot_open(url) is local


WARNING = "a private network: visitors"


@pytest.mark.parametrize("page", ["/admin/", "/admin/publish/", "/admin/templates/1/edit"])
def test_a_local_public_url_is_warned_about_where_qr_codes_are_made(admin, data_dir, published, page):
    assert get_settings(db_for(data_dir))["public_base_url"] == "http://127.0.0.1:8000"  # the default
    body = admin.get(page).get_data(as_text=True)
    assert WARNING in body and "http://127.0.0.1:8000" in body
    set_base_url(data_dir, "https://kiosk.mng.sud.kz")
    assert WARNING not in admin.get(page).get_data(as_text=True)


def test_a_publisher_sees_the_public_url_and_whom_to_ask(app, data_dir, published):
    publisher = signed_in(app, data_dir, "publisher")
    body = publisher.get("/admin/publish/").get_data(as_text=True)
    assert WARNING in body and "Ask an administrator to set the public base URL" in body
    set_base_url(data_dir, "https://kiosk.mng.sud.kz")
    assert "Kiosk QR codes point to https://kiosk.mng.sud.kz" in publisher.get("/admin/publish/").get_data(
        as_text=True)


def test_the_warning_is_translated(app, data_dir, published):
    make_user(data_dir, "kazakh", "admin", "kk")
    from tests.support.admin import Staff

    staff = Staff(app)
    staff.login("kazakh")
    assert "келушілердің телефондары оны аша алмайды" in staff.get("/admin/").get_data(as_text=True)


# --- who can publish ------------------------------------------------------------------

def test_an_editor_sees_who_can_publish_next_to_the_unpublished_changes(app, data_dir, admin):
    make_user(data_dir, "zhanna", "publisher")
    make_user(data_dir, "gone", "publisher")
    db = db_for(data_dir)
    with db.atomic():
        db.execute("UPDATE users SET disabled = 1 WHERE username = 'gone'")
    add_category(admin)  # an unpublished change
    editor = signed_in(app, data_dir, "editor", "erlan")
    body = editor.get("/admin/").get_data(as_text=True)
    assert "unpublished change" in body
    assert "Who can publish: boss, zhanna." in body  # admins publish too; a disabled account does not
    assert "Who can publish" not in admin.get("/admin/").get_data(as_text=True)  # they can themselves


def test_an_editor_is_told_when_nobody_can_publish(app, data_dir, admin):
    add_category(admin)
    editor = signed_in(app, data_dir, "editor", "erlan")
    db = db_for(data_dir)
    with db.atomic():
        db.execute("UPDATE users SET role = 'editor' WHERE username = 'boss'")
    assert "Nobody can publish yet" in editor.get("/admin/").get_data(as_text=True)


# --- the sign-in page's language --------------------------------------------------------

@pytest.mark.parametrize("header, lang", [
    ("kk-KZ,kk;q=0.9,ru;q=0.8", "kk"), ("ru-KZ,ru;q=0.9", "ru"), ("kk_KZ", "kk"), ("en-GB,en;q=0.9", "en"),
    ("de-DE,de;q=0.9", "ru"), ("*", "ru"), ("kk;q=0,ru;q=0.5", "ru"), ("de, kk-Cyrl-KZ;q=0.3", "kk"),
])
def test_the_sign_in_page_follows_the_browser(app, header, lang):
    r = app.test_client().get("/admin/login", headers={"Accept-Language": header})
    assert f'<html lang="{lang}">' in r.get_data(as_text=True)
    assert "Accept-Language" in r.headers.get("Vary", "")


def test_a_language_picked_on_the_page_wins_over_the_browser(app):
    client = app.test_client()
    client.get("/admin/login?lang=en", headers={"Accept-Language": "kk"})
    assert '<html lang="en">' in client.get("/admin/login", headers={"Accept-Language": "kk"}).get_data(
        as_text=True)


# --- first run: the public base URL ------------------------------------------------------

def cli(data_dir, *args, stdin=None):
    return subprocess.run([sys.executable, "-m", "admin_server.cli", "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=60, cwd=REPO, stdin=stdin)


def test_init_takes_the_public_url(tmp_path):
    done = cli(tmp_path / "d", "init", "--public-url", "https://kiosk.mng.sud.kz/")
    assert done.returncode == 0, done.stderr
    assert get_settings(db_for(tmp_path / "d"))["public_base_url"] == "https://kiosk.mng.sud.kz"
    assert "phones cannot open" not in done.stderr


def test_init_refuses_a_url_that_is_no_address(tmp_path):
    done = cli(tmp_path / "d", "init", "--public-url", "kiosk.mng.sud.kz")
    assert done.returncode != 0 and "is not a web address" in done.stderr
    assert not (tmp_path / "d").exists()


def test_init_without_a_terminal_says_the_url_is_still_local(tmp_path):
    done = cli(tmp_path / "d", "init", stdin=subprocess.DEVNULL)
    assert done.returncode == 0
    assert "visitors' phones cannot open" in done.stderr and "--public-url" in done.stderr


def test_init_at_a_terminal_asks_for_the_public_url(tmp_path):
    leader, follower = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "admin_server.cli", "--data-dir", str(tmp_path / "d"),
                                    "init"], stdin=follower, stdout=follower, stderr=follower, cwd=REPO)
        os.close(follower)
        seen = b""
        while b"Public base URL" not in seen:
            chunk = os.read(leader, 4096)
            assert chunk, seen
            seen += chunk
        os.write(leader, b"not an address\n")
        while b"is not a web address" not in seen:
            seen += os.read(leader, 4096)
        os.write(leader, b"https://kiosk.aktau.sud.kz\n")
        assert process.wait(timeout=60) == 0
    finally:
        os.close(leader)
    assert get_settings(db_for(tmp_path / "d"))["public_base_url"] == "https://kiosk.aktau.sud.kz"
