"""The web admin for court staff, under /admin/.

`init_app(app)` sets the session and login defaults and the UI language,
registers one blueprint per area (each carries the hooks of hooks.py) and
adds the security headers.
"""
import datetime as dt

from werkzeug.exceptions import RequestEntityTooLarge

from . import hooks, i18n, security, uploads

DEFAULTS = {
    "SESSION_COOKIE_SECURE": False,   # set True (COURT_KIOSK_SESSION_COOKIE_SECURE=true) behind https
    "LOGIN_MAX_FAILURES": 5,
    "LOGIN_LOCK_MINUTES": 15,
    "LOGIN_IP_MAX_FAILURES": 30,
    "LOGIN_IP_WINDOW_S": 900,
    "FFPROBE": "ffprobe",
}


def _blueprints():
    from . import (announcements, audit, auth, categories, clerk, dashboard, fees, hearings, holidays, links, media,
                   publish, reception, rooms, settings, templates, usage, users, videos)
    from . import hearings_import as hearings_import_admin
    from . import kiosks as kiosk_admin

    return (auth.bp, dashboard.bp, fees.bp, reception.bp, categories.bp, templates.bp, videos.bp,
            announcements.bp, links.bp, publish.bp, audit.bp, users.bp, kiosk_admin.bp, settings.bp,
            settings.mrp_bp, media.bp, usage.bp, rooms.bp, hearings.bp, clerk.bp, hearings_import_admin.bp,
            holidays.bp)


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
    app.request_class = uploads.UploadRequest  # an unreadable file name gets its own sentence
    for bp in _blueprints():
        app.register_blueprint(bp)
    security.check_declared(app)
    app.add_template_filter(hooks.localtime, "localtime")
    app.add_template_filter(hooks.ago, "ago")
    app.add_template_global(security.csrf_token, "csrf_token")  # also inside imported macros
    app.add_template_global(hooks.weekday_names, "weekday_names")
    app.after_request(security.add_headers)
    app.register_error_handler(RequestEntityTooLarge, hooks.too_large)
