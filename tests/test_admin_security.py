"""Security of the web admin: who reaches which route, CSRF, headers, sign-in lockout."""
import base64
import datetime as dt
import re

import pytest
from flask import Flask

from admin_server import create_app
from admin_server.admin import security
from admin_server.fleet import record_heartbeat
from admin_server.users import create_user
from tests.test_admin_support import PASSWORD, Staff, db_for, make_user, png_bytes, signed_in

PUBLIC = {"admin_auth.root", "admin_auth.login", "admin_auth.logout"}
PUBLISHER_AREAS = ("admin_publish.", "admin_audit.", "admin_usage.")
ADMIN_AREAS = ("admin_users.", "admin_kiosks.", "admin_settings.", "admin_mrp.")
SAMPLE_ARGS = {"row_id": 1, "user_id": 1, "version": 1, "lang": "ru", "kiosk_id": "hall-1", "sha256": "0" * 64}
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


def admin_routes(app):
    """(endpoint, url, methods) of every registered admin route, with sample arguments."""
    routes = []
    for rule in app.url_map.iter_rules():
        if not rule.endpoint.startswith("admin_"):
            continue
        args = {name: SAMPLE_ARGS.get(name, "x") for name in rule.arguments}
        if rule.endpoint.startswith("admin_categories.") and "row_id" in args:
            args["row_id"] = "family"
        if rule.endpoint.startswith("admin_mrp.") and "row_id" in args:
            args["row_id"] = 2026
        url = rule.build(args)[1] if rule.arguments else rule.rule
        routes.append((rule.endpoint, url, rule.methods - {"HEAD", "OPTIONS"}))
    return routes


def required_role(endpoint: str) -> str | None:
    if endpoint in PUBLIC:
        return None
    if endpoint.startswith(ADMIN_AREAS):
        return "admin"
    if endpoint.startswith(PUBLISHER_AREAS):
        return "publisher"
    return "editor"


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


def test_login_throttle_window_slides():
    now = [0.0]
    throttle = security.LoginThrottle(3, 60, clock=lambda: now[0])
    for _ in range(3):
        throttle.fail("1.2.3.4")
    assert throttle.blocked("1.2.3.4") and not throttle.blocked("5.6.7.8")
    now[0] = 61
    assert not throttle.blocked("1.2.3.4")


def test_editor_cannot_publish(demo_app):
    staff = signed_in(demo_app, demo_app.config["DATA_DIR"], "editor", "ed2")
    assert staff.get("/admin/publish/").status_code == 403
    assert staff.post("/admin/publish/").status_code == 403
    assert staff.post("/admin/publish/rollback/1").status_code == 403
    assert 'href="/admin/publish/"' not in staff.get("/admin/").get_data(as_text=True)
