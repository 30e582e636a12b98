"""Signing in and out, and each user's own language and password."""
import datetime as dt

from flask import current_app, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from .. import users as accounts
from ..content import now_iso
from ..db import get_db, write_transaction
from ..errors import ValidationError
from .common import blueprint, done
from .i18n import LANGUAGES
from .security import load_user, public, requires, sign_in, throttle

bp = blueprint("admin_auth", __name__)

# Checked when the user name is unknown, so both answers take as long.
_DUMMY_HASH = accounts.hash_password("not a real password, only for timing")


@bp.get("/")
@public
def root():
    return redirect(_home())


def _home() -> str:
    """A clerk's admin is the courtroom page; everyone else starts on the dashboard."""
    if g.get("user") is None:
        load_user()  # just signed in: the session names the user now
    user = g.get("user")
    if user is not None and user["role"] == "clerk":
        return url_for("admin_clerk.index")
    return url_for("admin_dashboard.index")


def _safe_next(target: str | None) -> str:
    # The admin's front door (/admin/) is each role's own home: a clerk who opened it lands on the
    # courtroom page, not on the dashboard they may not see.
    if target and target.startswith("/admin") and not target.startswith("//") and target.rstrip("/") != "/admin":
        return target
    return _home()


def _lock_until() -> str:
    minutes = current_app.config["LOGIN_LOCK_MINUTES"]
    until = dt.datetime.fromisoformat(now_iso()) + dt.timedelta(minutes=minutes)
    return until.isoformat()


def _local_time(iso: str) -> str:
    return dt.datetime.fromisoformat(iso).astimezone().strftime("%H:%M")


@bp.route("/admin/login", methods=["GET", "POST"])
@public
def login():
    if request.args.get("lang") in LANGUAGES:
        session["lang"] = request.args["lang"]
    if g.user is not None and request.method == "GET":
        return redirect(_safe_next(request.args.get("next")))
    error, status = None, 200
    username = request.form.get("username", "").strip()
    if request.method == "POST":
        error = attempt(username, request.form.get("password", ""))
        if error is None:
            return redirect(_safe_next(request.args.get("next")), 303)
        status = 429 if throttle().blocked(request.remote_addr or "") else 401
    response = current_app.make_response(
        (render_template("admin/login.html", error=error, username=username, languages=LANGUAGES), status))
    response.vary.add("Accept-Language")  # the page's language comes from the browser's until one is picked
    return response


def attempt(username: str, password: str) -> str | None:
    """Sign in, or return the sentence that says why not."""
    client = request.remote_addr or ""
    if throttle().blocked(client):
        return _("Too many failed sign-ins from this computer. Wait 15 minutes and try again.")
    db = get_db()
    user = accounts.find_user(db, username)
    if user is None or user["disabled"]:
        accounts.verify_password(password, _DUMMY_HASH)
        throttle().fail(client)
        return _("Wrong user name or password.")
    now = now_iso()
    if accounts.is_locked(user, now):
        throttle().fail(client)
        return _("This account is locked after too many wrong passwords, until %(time)s. "
                 "An administrator can unlock it.", time=_local_time(user["locked_until"]))
    if not accounts.verify_password(password, user["password_hash"]):
        throttle().fail(client)
        with write_transaction(db):
            locked = accounts.note_failed_login(db, user, current_app.config["LOGIN_MAX_FAILURES"], _lock_until())
        if locked:
            return _("Too many wrong passwords: this account is now locked for %(n)d minutes.",
                     n=current_app.config["LOGIN_LOCK_MINUTES"])
        return _("Wrong user name or password.")
    with write_transaction(db):
        accounts.note_good_login(db, user)
    throttle().clear(client)
    sign_in(user)
    return None


@bp.post("/admin/logout")
@public
def logout():
    session.clear()
    return redirect(url_for("admin_auth.login"), 303)


@bp.route("/admin/profile", methods=["GET", "POST"])
@requires("clerk")  # everyone may change their own password and language
def profile():
    errors, status = {}, 200
    if request.method == "POST":
        db = get_db()
        user = g.user
        language = request.form.get("language", "")
        new_password = request.form.get("new_password", "")
        if language not in LANGUAGES:
            errors["language"] = _("Choose one of the offered values.")
        if new_password:
            if not accounts.verify_password(request.form.get("current_password", ""), user["password_hash"]):
                errors["current_password"] = _("This is not your current password.")
            elif new_password != request.form.get("new_password2", ""):
                errors["new_password2"] = _("The two new passwords differ; type the same password twice.")
        if not errors:
            try:
                with write_transaction(db):
                    if language != user["language"]:
                        accounts.update_user(db, user["id"], role=user["role"], language=language,
                                             disabled=bool(user["disabled"]), by=user["username"])
                    if new_password:
                        accounts.set_password(db, user["id"], new_password, by=user["username"])
            except ValidationError as e:
                errors[e.field or "new_password"] = _translate_account_error(e)
            else:
                if new_password:
                    sign_in(accounts.get_user(db, user["id"]))
                g.user = accounts.get_user(db, user["id"])
                return done(url_for("admin_auth.profile"), _("Your settings are saved."))
        status = 422
    return render_template("admin/profile.html", errors=errors, languages=LANGUAGES), status


def _translate_account_error(error: ValidationError) -> str:
    """users.py speaks English; say its sentences in the user's language."""
    messages = {
        "password": _("The password must be at least %(n)d characters long.", n=accounts.MIN_PASSWORD),
        "username": _("A user name is 2-64 letters, digits, dots, dashes or underscores, and must not be taken."),
    }
    if error.field == "username" and "already exists" in str(error):
        return _("This user name is already taken; choose another.")
    return messages.get(error.field, str(error))
