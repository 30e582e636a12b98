"""Who may do what: sessions, roles, CSRF, login throttling and security headers.

Every admin view declares its minimum role with `@requires(role)` or says it
is open with `@public`; `check_declared(app)` refuses to start an app where
an admin view declares neither, so a forgotten decorator cannot open a page.
"""
import hashlib
import hmac
import secrets
import time
from functools import wraps

from flask import abort, current_app, g, jsonify, redirect, request, session, url_for
from flask_babel import gettext as _

from ..db import get_db, write_transaction

# A clerk only changes the statuses and notes of hearings in their own courtrooms (admin/clerk.py).
ROLE_RANK = {"clerk": 1, "editor": 2, "publisher": 3, "admin": 4}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ADMIN_PREFIX = "admin_"

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'")
HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}


# --- roles -------------------------------------------------------------------

def has_role(user, role: str) -> bool:
    return user is not None and ROLE_RANK.get(user["role"], 0) >= ROLE_RANK[role]


def is_xhr() -> bool:
    return request.headers.get("X-Requested-With") == "XMLHttpRequest"


def requires(role: str):
    """Only signed-in users with at least `role` reach the view."""
    if role not in ROLE_RANK:
        raise ValueError(f"unknown role {role!r}")

    def decorate(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            user = g.get("user")
            if user is None:
                if is_xhr() or request.method not in SAFE_METHODS:
                    return jsonify(error=_("Your session has ended: sign in again.")), 401
                return redirect(url_for("admin_auth.login", next=request.full_path.rstrip("?")))
            if not has_role(user, role):
                abort(403)
            return view(*args, **kwargs)

        wrapped.min_role = role
        return wrapped

    return decorate


def public(view):
    """Open to anyone (the sign-in page and the root redirect)."""
    view.min_role = None
    return view


def check_declared(app) -> None:
    for endpoint, view in app.view_functions.items():
        if endpoint.startswith(ADMIN_PREFIX) and not hasattr(view, "min_role"):
            raise RuntimeError(f"admin view {endpoint} declares no role (use @requires or @public)")


def is_admin_request() -> bool:
    return request.blueprint is not None and request.blueprint.startswith(ADMIN_PREFIX)


# --- the signed-in user ------------------------------------------------------

def _password_tag(password_hash: str) -> str:
    # Changing the password (or the account being disabled) ends other sessions.
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]


def sign_in(user: dict) -> None:
    session.clear()  # no fixation: a fresh session (and CSRF token) after sign-in
    session.permanent = True
    session["uid"] = user["id"]
    session["pw"] = _password_tag(user["password_hash"])


def load_user() -> None:
    g.user = None
    uid = session.get("uid")
    if uid is None:
        return
    rows = list(get_db().query("SELECT * FROM users WHERE id = ?", [uid]))
    if not rows or rows[0]["disabled"] or session.get("pw") != _password_tag(rows[0]["password_hash"]):
        session.clear()
        return
    g.user = rows[0]


# --- CSRF --------------------------------------------------------------------

def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def check_csrf() -> None:
    if request.method in SAFE_METHODS:
        return
    expected = session.get("csrf")
    sent = request.headers.get(CSRF_HEADER) or request.form.get(CSRF_FIELD, "")
    if not expected or not sent or not hmac.compare_digest(str(sent), expected):
        abort(400, _("This form has expired or did not come from this site. Reload the page and try again."))


# --- headers -----------------------------------------------------------------

def add_headers(response):
    if request.path == "/" or request.path.startswith(("/admin", "/static/admin")):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
    return response


# --- login throttling --------------------------------------------------------

class LoginThrottle:
    """Failed sign-ins per client address in a sliding window, shared by all server processes.

    Each failure is a row of the database's login_failures table (schema 0005), so every
    gunicorn worker counts the same failures and a restart forgets none. Rows the window
    has left behind are deleted whenever a failure is recorded or cleared; a blocked client
    writes nothing (auth.attempt stops before `fail`). `clock` gives wall-clock seconds
    (comparable across processes and restarts) and `db` the connection to use (by default
    the request thread's); tests pass their own.
    """

    def __init__(self, max_failures: int, window_s: float, clock=time.time, db=get_db):
        self.max_failures = max_failures
        self.window_s = window_s
        self.clock = clock
        self.db = db

    def blocked(self, key: str) -> bool:
        (count,) = self.db().execute("SELECT count(*) FROM login_failures WHERE client = ? AND at >= ?",
                                     [key, self.clock() - self.window_s]).fetchone()
        return count >= self.max_failures

    def fail(self, key: str) -> None:
        db, now = self.db(), self.clock()
        with write_transaction(db):
            db.execute("DELETE FROM login_failures WHERE at < ?", [now - self.window_s])
            db.execute("INSERT INTO login_failures (client, at) VALUES (?, ?)", [key, now])

    def clear(self, key: str) -> None:
        db = self.db()
        with write_transaction(db):
            db.execute("DELETE FROM login_failures WHERE client = ? OR at < ?", [key, self.clock() - self.window_s])


def throttle() -> LoginThrottle:
    return current_app.extensions["admin_login_throttle"]
