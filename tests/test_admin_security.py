"""Security of the web admin: who reaches which route, CSRF, headers, sign-in lockout and throttling."""
import base64
import datetime as dt
import os
import re
import signal
import time
from pathlib import Path

import pytest
from flask import Flask

from admin_server import create_app
from admin_server.admin import security
from admin_server.fleet import record_heartbeat
from admin_server.testing import run_cli, start_server
from admin_server.users import create_user
from tests.support.admin import PASSWORD, Staff, db_for, make_user, new_data_dir, png_bytes, signed_in
from tests.support.roles import PUBLIC, admin_routes, required_role

# Text that appears only inside the demo court's content, never on a sign-in or error page
# (IHDR: inside the kiosk's screenshot PNG; the CSV header of the usage export).
SECRET_MARKERS = ("Маңғыстау", "Mangystau", "divorce", "scrypt$", "hall-1", "IHDR", "kiosk_id,day")


@pytest.fixture
def demo_app(demo_dir):
    """The demo court with an admin, an editor and a publisher, and a registered kiosk."""
    from admin_server.kiosks import create_kiosk

    db = db_for(demo_dir)
    with db.atomic():
        for name, role in (("boss", "admin"), ("ed", "editor"), ("pub", "publisher")):
            create_user(db, name, PASSWORD, role, "en")
        create_kiosk(db, "hall-1", "Hall 1")
    db.conn.close()
    # The kiosk has reported: a screenshot and usage counts, so the fleet routes have data to guard.
    db = db_for(demo_dir)
    days = [str(dt.date.today() - dt.timedelta(days=d)) for d in range(2)]
    record_heartbeat(db, demo_dir, "hall-1", {"manifest_version": 1,
                                              "thumbnail": base64.b64encode(png_bytes()).decode(),
                                              "usage": {day: {"template:divorce": 3} for day in days}})
    db.conn.close()
    return create_app({"DATA_DIR": str(demo_dir), "TESTING": True})


def test_the_walk_covers_every_area(demo_app):
    endpoints = {e for e, _u, _m in admin_routes(demo_app)}
    areas = {e.split(".")[0] for e in endpoints}
    assert {"admin_fees", "admin_reception", "admin_templates", "admin_videos", "admin_announcements",
            "admin_links", "admin_categories", "admin_publish", "admin_audit", "admin_users", "admin_kiosks",
            "admin_settings", "admin_mrp", "admin_dashboard", "admin_auth", "admin_media", "admin_usage"} <= areas
    assert {"admin_dashboard.thumbnail", "admin_usage.index", "admin_usage.export"} <= endpoints
    assert len(endpoints) > 60


def test_every_view_declares_its_role(demo_app):
    for endpoint, _url, _methods in admin_routes(demo_app):
        view = demo_app.view_functions[endpoint]
        assert hasattr(view, "min_role"), endpoint
        assert view.min_role == required_role(endpoint), endpoint


def test_an_admin_view_without_a_role_stops_the_app():
    app = Flask(__name__)
    app.add_url_rule("/admin/oops", "admin_oops.index", lambda: "open")
    with pytest.raises(RuntimeError, match="admin_oops.index declares no role"):
        security.check_declared(app)


def _no_data(response):
    # The redirect names the page asked for; anything else from the content is a leak.
    body = response.get_data(as_text=True).replace(response.request.path, "")
    for marker in SECRET_MARKERS:
        assert marker not in body, f"{marker!r} leaked to {response.request.path}"


def test_anonymous_visitors_get_no_admin_data(demo_app):
    staff = Staff(demo_app)
    staff.refresh_token()  # an anonymous session with a valid CSRF token
    for endpoint, url, methods in admin_routes(demo_app):
        if endpoint in PUBLIC:
            continue
        if "GET" in methods:
            r = staff.get(url)
            assert r.status_code == 302, (url, r.status_code)
            assert r.location.startswith("/admin/login?next="), url
            _no_data(r)
        if "POST" in methods:
            r = staff.post(url, {"title.ru": "x"})
            assert r.status_code == 401, (url, r.status_code)
            _no_data(r)
    # Nothing was changed by any of those requests.
    db = db_for(demo_app.config["DATA_DIR"])
    assert [r["action"] for r in db.query("SELECT action FROM audit_log WHERE username != 'system'")] == []


def test_login_redirect_returns_to_the_page_asked_for(demo_app):
    staff = Staff(demo_app)
    r = staff.get("/admin/fees/")
    assert r.location == "/admin/login?next=/admin/fees/"
    staff.refresh_token(r.location)
    r = staff.client.post(r.location, data={"username": "ed", "password": PASSWORD, "csrf_token": staff.token})
    assert r.status_code == 303 and r.location == "/admin/fees/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/admin", "/t/divorce"])
def test_login_never_redirects_off_the_admin(demo_app, target):
    staff = Staff(demo_app)
    staff.refresh_token()
    r = staff.client.post(f"/admin/login?next={target}", data={"username": "ed", "password": PASSWORD,
                                                               "csrf_token": staff.token})
    assert r.status_code == 303 and r.location == "/admin/"


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_roles_see_only_their_pages(demo_app, role):
    staff = Staff(demo_app)
    assert staff.login({"editor": "ed", "publisher": "pub"}[role]).status_code == 303
    rank = security.ROLE_RANK[role]
    for endpoint, url, methods in admin_routes(demo_app):
        needed = required_role(endpoint)
        if needed is None or "GET" not in methods:
            continue
        r = staff.get(url)
        if security.ROLE_RANK[needed] > rank:
            assert r.status_code == 403, (url, r.status_code)
            assert "Your role does not allow this page" in r.get_data(as_text=True)
        else:
            assert r.status_code in (200, 404), (url, r.status_code)


@pytest.mark.parametrize("role", ["editor", "publisher"])
def test_roles_cannot_post_above_their_rank(demo_app, role):
    staff = Staff(demo_app)
    staff.login({"editor": "ed", "publisher": "pub"}[role])
    rank = security.ROLE_RANK[role]
    before = db_for(demo_app.config["DATA_DIR"])["audit_log"].count
    for endpoint, url, methods in admin_routes(demo_app):
        needed = required_role(endpoint)
        if needed and "POST" in methods and security.ROLE_RANK[needed] > rank:
            r = staff.post(url, {"username": "x-new", "password": PASSWORD, "password2": PASSWORD,
                                 "role": "admin", "language": "en", "id": "new-k", "note": "x"})
            assert r.status_code == 403, (url, r.status_code)
    after = db_for(demo_app.config["DATA_DIR"])["audit_log"].count
    assert after == before
    assert db_for(demo_app.config["DATA_DIR"])["published_versions"].count == 1


def test_every_post_without_a_csrf_token_is_refused(demo_app):
    staff = Staff(demo_app)
    staff.login("boss")
    db = db_for(demo_app.config["DATA_DIR"])
    before = db["audit_log"].count
    posts = [(e, u) for e, u, m in admin_routes(demo_app) if "POST" in m]
    assert len(posts) > 25
    for endpoint, url in posts:
        for token in (None, "forged-token"):
            data = {"title.ru": "changed", "note": "x"} | ({"csrf_token": token} if token else {})
            r = staff.client.post(url, data=data)
            assert r.status_code == 400, (url, token, r.status_code)
            assert "expired or did not come from this site" in r.get_data(as_text=True)
    # JSON (the reorder call) needs the header too.
    r = staff.client.post("/admin/videos/order", json={"ids": [3, 2, 1]})
    assert r.status_code == 400
    assert db_for(demo_app.config["DATA_DIR"])["audit_log"].count == before


def test_the_csrf_header_is_accepted_for_scripts(demo_app):
    staff = Staff(demo_app)
    staff.login("ed")
    ids = [r["id"] for r in db_for(demo_app.config["DATA_DIR"]).query("SELECT id FROM videos ORDER BY sort_order")]
    r = staff.client.post("/admin/videos/order", json={"ids": ids[::-1]},
                          headers={"X-CSRF-Token": staff.token, "X-Requested-With": "XMLHttpRequest"})
    assert r.status_code == 200 and r.get_json()["ok"]


def test_security_headers_on_admin_pages(demo_app):
    staff = Staff(demo_app)
    for url in ("/", "/admin/login", "/admin/fees/", "/static/admin/admin.css"):
        r = staff.get(url)
        csp = r.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "'unsafe-inline'" not in csp
        assert "object-src 'none'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["X-Frame-Options"] == "DENY"
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"
    assert staff.get("/admin/login").headers["Cache-Control"] == "no-store"


def test_no_inline_script_or_style_in_admin_pages(demo_app):
    staff = Staff(demo_app)
    staff.login("boss")
    for endpoint, url, methods in admin_routes(demo_app):
        if "GET" not in methods:
            continue
        r = staff.get(url)
        if not r.mimetype == "text/html":
            continue
        body = r.get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\bsrc=)", body), url
        assert not re.search(r"\son[a-z]+\s*=", body), url
        assert not re.search(r"\sstyle\s*=", body), url
        assert "<style" not in body, url


def test_session_cookie_flags(demo_app):
    staff = Staff(demo_app)
    staff.refresh_token()
    r = staff.client.post("/admin/login", data={"username": "ed", "password": PASSWORD, "csrf_token": staff.token})
    cookie = r.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie


def test_secure_cookie_option(demo_dir):
    app = create_app({"DATA_DIR": str(demo_dir), "TESTING": True, "SESSION_COOKIE_SECURE": True})
    db = db_for(demo_dir)
    with db.atomic():
        create_user(db, "ed", PASSWORD, "editor")
    staff = Staff(app)
    page = staff.client.get("/admin/login", base_url="https://localhost")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.get_data(as_text=True)).group(1)
    r = staff.client.post("/admin/login", base_url="https://localhost",
                          data={"username": "ed", "password": PASSWORD, "csrf_token": token})
    assert "Secure" in r.headers["Set-Cookie"]


def test_signing_out_ends_the_session(demo_app):
    staff = Staff(demo_app)
    staff.login("ed")
    assert staff.get("/admin/").status_code == 200
    assert staff.post("/admin/logout").status_code == 303
    assert staff.get("/admin/").status_code == 302


def test_a_changed_password_ends_other_sessions(demo_app):
    first, second = Staff(demo_app), Staff(demo_app)
    first.login("ed")
    second.login("ed")
    new = "another long password"
    r = first.post("/admin/profile", {"language": "en", "current_password": PASSWORD,
                                      "new_password": new, "new_password2": new})
    assert r.status_code == 303
    assert first.get("/admin/").status_code == 200
    assert second.get("/admin/").status_code == 302


def test_a_disabled_account_is_signed_out(demo_app):
    ed, boss = Staff(demo_app), Staff(demo_app)
    ed.login("ed")
    boss.login("boss")
    user_id = db_for(demo_app.config["DATA_DIR"])["users"].rows_where("username = 'ed'").__next__()["id"]
    r = boss.post(f"/admin/users/{user_id}/edit", {"role": "editor", "language": "en", "disabled": "1"})
    assert r.status_code == 303
    assert ed.get("/admin/").status_code == 302
    assert "Wrong user name or password" in ed.login("ed").get_data(as_text=True)


# --- lockout -------------------------------------------------------------------

def _bad_login(staff, name="ed"):
    return staff.client.post("/admin/login", data={"username": name, "password": "wrong password!!",
                                                   "csrf_token": staff.token})


def test_repeated_bad_passwords_lock_the_account(demo_app):
    staff = Staff(demo_app)
    staff.refresh_token()
    for _ in range(4):
        r = _bad_login(staff)
        assert r.status_code == 401 and "Wrong user name or password" in r.get_data(as_text=True)
    r = _bad_login(staff)
    assert "now locked for 15 minutes" in r.get_data(as_text=True)
    # Now even the right password is refused, with the reason.
    r = staff.client.post("/admin/login", data={"username": "ed", "password": PASSWORD, "csrf_token": staff.token})
    assert r.status_code == 401 and "This account is locked" in r.get_data(as_text=True)
    db = db_for(demo_app.config["DATA_DIR"])
    user = next(db["users"].rows_where("username = 'ed'"))
    assert user["locked_until"]
    assert [r["action"] for r in db.query("SELECT action FROM audit_log WHERE entity = 'users' AND action = 'lock'")]
    # An administrator unlocks it; then the right password works again.
    boss = Staff(demo_app)
    boss.login("boss")
    assert boss.post(f"/admin/users/{user['id']}/unlock").status_code == 303
    assert staff.login("ed").status_code == 303


def test_a_lock_expires(demo_app):
    staff = Staff(demo_app)
    staff.refresh_token()
    for _ in range(5):
        _bad_login(staff)
    db = db_for(demo_app.config["DATA_DIR"])
    db.execute("UPDATE users SET locked_until = '2000-01-01T00:00:00+00:00' WHERE username = 'ed'")
    db.conn.commit()
    assert staff.login("ed").status_code == 303


def test_a_good_sign_in_resets_the_failure_count(demo_app):
    staff = Staff(demo_app)
    staff.refresh_token()
    for _ in range(4):
        _bad_login(staff)
    assert staff.login("ed").status_code == 303
    staff.post("/admin/logout")
    staff.refresh_token()
    for _ in range(4):
        assert "Wrong user name" in _bad_login(staff).get_data(as_text=True)


def test_unknown_users_get_the_same_answer(demo_app):
    staff = Staff(demo_app)
    staff.refresh_token()
    r = _bad_login(staff, "nobody")
    assert r.status_code == 401 and "Wrong user name or password" in r.get_data(as_text=True)


def test_many_failures_from_one_address_are_throttled(demo_dir):
    app = create_app({"DATA_DIR": str(demo_dir), "TESTING": True, "LOGIN_IP_MAX_FAILURES": 6})
    make_user(demo_dir, "ed", "editor")
    staff = Staff(app)
    staff.refresh_token()
    for i in range(6):  # different user names: no account lockout, only the address counts
        _bad_login(staff, f"guess{i}")
    r = staff.client.post("/admin/login", data={"username": "ed", "password": PASSWORD, "csrf_token": staff.token})
    assert r.status_code == 429
    assert "Too many failed sign-ins from this computer" in r.get_data(as_text=True)


@pytest.fixture
def throttle_db(tmp_path):
    """The database of a fresh data folder, for LoginThrottle on its own."""
    assert run_cli(tmp_path, "init") == 0
    db = db_for(tmp_path)
    yield db
    db.conn.close()


def test_login_throttle_window_slides(throttle_db):
    now = [0.0]
    throttle = security.LoginThrottle(3, 60, clock=lambda: now[0], db=lambda: throttle_db)
    for _ in range(3):
        throttle.fail("1.2.3.4")
    assert throttle.blocked("1.2.3.4") and not throttle.blocked("5.6.7.8")
    now[0] = 61
    assert not throttle.blocked("1.2.3.4")


def test_login_throttle_deletes_the_failures_its_window_has_left(throttle_db):
    now = [1000.0]
    throttle = security.LoginThrottle(3, 60, clock=lambda: now[0], db=lambda: throttle_db)
    throttle.fail("1.2.3.4")
    throttle.fail("5.6.7.8")
    now[0] += 30
    throttle.fail("5.6.7.8")
    assert throttle_db["login_failures"].count == 3
    now[0] += 31  # the first two failures have left the window, the third has not
    throttle.fail("9.9.9.9")
    left = {(r["client"], r["at"]) for r in throttle_db["login_failures"].rows}
    assert left == {("5.6.7.8", 1030.0), ("9.9.9.9", 1061.0)}
    now[0] += 60  # clearing one address also deletes everyone's stale rows
    throttle.clear("5.6.7.8")
    assert [r["client"] for r in throttle_db["login_failures"].rows] == ["9.9.9.9"]


def test_a_good_sign_in_clears_the_address_for_every_process(demo_dir):
    # Two app instances over one data folder stand for two server processes.
    config = {"DATA_DIR": str(demo_dir), "TESTING": True, "LOGIN_IP_MAX_FAILURES": 6}
    make_user(demo_dir, "ed", "editor")
    first, second = Staff(create_app(config)), Staff(create_app(config))
    first.refresh_token()
    for i in range(5):
        assert _bad_login(first, f"guess{i}").status_code == 401
    assert second.login("ed").status_code == 303, "5 failures in all: not blocked yet"
    assert db_for(demo_dir)["login_failures"].count == 0
    # The count starts again for the first process too: 5 more failures are not 6 in a row.
    for i in range(5):
        assert _bad_login(first, f"again{i}").status_code == 401
    assert first.login("ed").status_code == 303


# --- the throttle of the real server (gunicorn workers, restarts) ------------

IP_MAX_FAILURES = 6  # COURT_KIOSK_LOGIN_IP_MAX_FAILURES for the server tests


@pytest.fixture
def throttled_data(tmp_path, monkeypatch):
    """A data folder with the admin "boss", for a server that allows IP_MAX_FAILURES failed sign-ins."""
    monkeypatch.setenv("COURT_KIOSK_LOGIN_IP_MAX_FAILURES", str(IP_MAX_FAILURES))
    return new_data_dir(tmp_path / "data")


def _http_bad_login(staff, i):
    # A different unknown user name each time: no account lock, only the address counts.
    return staff.post("/admin/login", {"username": f"guess{i}", "password": "wrong password!!"})


def _http_good_login(staff):
    return staff.post("/admin/login", {"username": "boss", "password": PASSWORD})


def _stop(server, *staff):
    for one in staff:
        one.session.close()  # an open keep-alive connection would hold up gunicorn's graceful stop
    server.stop()


def _worker_pids(server, count, timeout_s=10.0):
    """The process ids of the server's gunicorn workers (the children of its master)."""
    deadline = time.monotonic() + timeout_s
    while True:
        pids = []
        for entry in filter(str.isdigit, os.listdir("/proc")):
            try:
                stat = Path("/proc", entry, "stat").read_text()
            except OSError:  # the process has ended
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == server.process.pid:  # "pid (name) state ppid ..."
                pids.append(int(entry))
        if len(pids) == count or time.monotonic() > deadline:
            assert len(pids) == count, f"expected {count} workers, found {pids}"
            return pids
        time.sleep(0.1)


def _connect_while_paused(staff, paused_pid):
    """Open staff's keep-alive connection while one worker is stopped, so the other accepts it;
    requests then sends all of staff's requests over that connection, to that worker."""
    os.kill(paused_pid, signal.SIGSTOP)
    try:
        staff.refresh_token()
    finally:
        os.kill(paused_pid, signal.SIGCONT)


def test_the_throttle_counts_failures_of_all_workers_together(throttled_data):
    server = start_server(throttled_data, workers=2)
    on_a, on_b = Staff.over_http(server.url, "boss"), Staff.over_http(server.url, "boss")
    try:
        worker_a, worker_b = _worker_pids(server, 2)
        _connect_while_paused(on_a, worker_b)
        _connect_while_paused(on_b, worker_a)
        # IP_MAX_FAILURES (6) failed sign-ins in all, taking turns between the two workers: 3 each.
        # Counted per worker (the old in-memory throttle), neither worker would have reached 6, so
        # every answer would be 401 and the right password would still sign in on both. Counted
        # together, the 6th failure reaches the limit (429, as on one process) and both refuse.
        answers = [_http_bad_login((on_a, on_b)[i % 2], i).status_code for i in range(IP_MAX_FAILURES)]
        assert answers == [401] * (IP_MAX_FAILURES - 1) + [429]
        for staff in (on_a, on_b):
            r = _http_good_login(staff)
            assert r.status_code == 429 and "Too many failed sign-ins from this computer" in r.text
    finally:
        _stop(server, on_a, on_b)


def test_the_throttle_survives_a_server_restart(throttled_data):
    server = start_server(throttled_data)
    staff = Staff.over_http(server.url, "boss")
    try:
        staff.refresh_token()
        for i in range(IP_MAX_FAILURES):
            _http_bad_login(staff, i)
        assert _http_good_login(staff).status_code == 429
    finally:
        _stop(server, staff)
    server = start_server(throttled_data)
    staff = Staff.over_http(server.url, "boss")
    try:
        staff.refresh_token()
        r = _http_good_login(staff)
        assert r.status_code == 429 and "Too many failed sign-ins from this computer" in r.text
    finally:
        _stop(server, staff)


def test_editor_cannot_publish(demo_app):
    staff = signed_in(demo_app, demo_app.config["DATA_DIR"], "editor", "ed2")
    assert staff.get("/admin/publish/").status_code == 403
    assert staff.post("/admin/publish/").status_code == 403
    assert staff.post("/admin/publish/rollback/1").status_code == 403
    assert 'href="/admin/publish/"' not in staff.get("/admin/").get_data(as_text=True)
