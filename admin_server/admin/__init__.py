"""The web admin for court staff, under /admin/ (issue 4).

`init_app(app)` sets the session and login defaults, the UI language,
registers one blueprint per area and the security hooks.
"""
import datetime as dt

from flask import render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from . import i18n, security

DEFAULTS = {
    "SESSION_COOKIE_SECURE": False,   # set True (COURT_KIOSK_SESSION_COOKIE_SECURE=true) behind https
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_LOCK_MINUTES": 15,
    "LOGIN_IP_MAX_FAILURES": 30,
    "LOGIN_IP_WINDOW_S": 900,
    "KIOSK_ONLINE_S": 120,
    "FFPROBE": "ffprobe",
}
UPLOAD_KINDS = {"admin_templates": ("document",) * 3, "admin_videos": ("video",)}


def _blueprints():
    from . import (announcements, audit, auth, categories, dashboard, fees, links, media, publish, reception,
                   settings, templates, users, videos)
    from . import kiosks as kiosk_admin

    return (auth.bp, dashboard.bp, fees.bp, reception.bp, categories.bp, templates.bp, videos.bp,
            announcements.bp, links.bp, publish.bp, audit.bp, users.bp, kiosk_admin.bp, settings.bp,
            settings.mrp_bp, media.bp)


def init_app(app) -> None:
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    if not app.config.get("SESSION_COOKIE_SAMESITE"):
        app.config["SESSION_COOKIE_SAMESITE"] = "Lax"
    if app.config.get("PERMANENT_SESSION_LIFETIME") == dt.timedelta(days=31):  # Flask's default
        app.config["PERMANENT_SESSION_LIFETIME"] = dt.timedelta(hours=10)
    app.extensions["admin_login_throttle"] = security.LoginThrottle(
        app.config["LOGIN_IP_MAX_FAILURES"], app.config["LOGIN_IP_WINDOW_S"])
    i18n.init_app(app)
    for bp in _blueprints():
        bp.before_request(_before_admin_request)
        bp.context_processor(_template_globals)
        bp.register_error_handler(HTTPException, _error_page)
        app.register_blueprint(bp)
    security.check_declared(app)
    app.add_template_filter(_localtime, "localtime")
    app.after_request(security.add_headers)
    app.register_error_handler(RequestEntityTooLarge, _too_large)


def _before_admin_request():
    security.load_user()
    kinds = UPLOAD_KINDS.get(request.blueprint)
    if kinds and request.method == "POST" and request.mimetype == "multipart/form-data":
        from ..db import get_db
        from .uploads import request_limit

        # Set before anything reads the form: a body over the limit is refused unread.
        request.max_content_length = request_limit(get_db(), kinds)
    security.check_csrf()


def _localtime(iso: str | None) -> str:
    """An ISO instant as YYYY-MM-DD HH:MM in the court's time zone."""
    if not iso:
        return ""
    from .common import zone

    return dt.datetime.fromisoformat(iso).astimezone(zone()).strftime("%Y-%m-%d %H:%M")


def _template_globals():
    from flask import g

    return {"csrf_token": security.csrf_token, "user": g.get("user"), "has_role": security.has_role,
            "languages": i18n.LANGUAGES, "current_language": i18n.select_language()}


def _error_page(error: HTTPException):
    if isinstance(error, RequestEntityTooLarge):
        return _too_large(error)
    if security.is_xhr() or request.is_json:
        return {"error": error.description}, error.code
    return render_template("admin/error.html", error=error), error.code


def _too_large(error):
    if not request.path.startswith("/admin"):
        return error
    from flask_babel import gettext as _

    message = _("The upload is larger than the size limit set in Settings; nothing was stored.")
    if security.is_xhr():
        return {"error": message}, 413
    return render_template("admin/error.html", error=error, message=message), 413
