"""Request hooks every admin blueprint carries (attached once, by common.blueprint)."""
import datetime as dt

from flask import g, render_template, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..db import get_db
from . import i18n, security, text_rules
from .uploads import request_limit
from .weekdays import WEEKDAY_LONG, WEEKDAY_SHORT
from .zone import court_zone

# Blueprints whose POSTs carry files, and the kinds of files in one request.
UPLOAD_KINDS = {"admin_templates": ("document",) * 3, "admin_videos": ("video",), "admin_rooms": ("image",)}


def before_request():
    security.load_user()
    kinds = UPLOAD_KINDS.get(request.blueprint)
    if kinds and request.method == "POST" and request.mimetype == "multipart/form-data":
        # Set before anything reads the form: a body over the limit is refused unread.
        request.max_content_length = request_limit(get_db(), kinds)
    security.check_csrf()
    return text_rules.check_form()  # a form holding control or bidi characters never reaches its view


def weekday_names() -> list[tuple[int, str, str]]:
    """(ISO weekday, short name, full name) from Monday, in the page's language."""
    return [(d, str(WEEKDAY_SHORT[d]), str(WEEKDAY_LONG[d])) for d in range(1, 8)]


def template_globals():
    return {"user": g.get("user"), "has_role": security.has_role, "languages": i18n.LANGUAGES,
            "current_language": i18n.select_language()}


def error_page(error: HTTPException):
    if isinstance(error, RequestEntityTooLarge):
        return too_large(error)
    if security.is_xhr() or request.is_json:
        return {"error": error.description}, error.code
    return render_template("admin/error.html", error=error), error.code


def too_large(error):
    if not request.path.startswith("/admin"):
        return error
    message = _("The upload is larger than the size limit set in Settings; nothing was stored.")
    if security.is_xhr():
        return {"error": message}, 413
    return render_template("admin/error.html", error=error, message=message), 413


def localtime(iso: str | None) -> str:
    """An ISO instant as YYYY-MM-DD HH:MM in the court's time zone."""
    if not iso:
        return ""
    return dt.datetime.fromisoformat(iso).astimezone(court_zone(get_db())).strftime("%Y-%m-%d %H:%M")


def ago(iso: str | None, now: dt.datetime | None = None) -> str:
    """How long ago an ISO instant was, roughly: "just now", "5 min ago", "3 h ago", "2 d ago"."""
    if not iso:
        return ""
    seconds = ((now or dt.datetime.now(dt.timezone.utc)) - dt.datetime.fromisoformat(iso)).total_seconds()
    if seconds < 60:
        return _("just now")
    if seconds < 3600:
        return _("%(n)d min ago", n=seconds // 60)
    if seconds < 86400:
        return _("%(n)d h ago", n=seconds // 3600)
    return _("%(n)d d ago", n=seconds // 86400)
