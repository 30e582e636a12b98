"""Small helpers every admin area uses."""
from flask import Blueprint, current_app, flash, g, jsonify, redirect
from werkzeug.exceptions import HTTPException

from ..content import get_settings
from ..db import get_db
from .fields import court_zone
from . import hooks
from .security import is_xhr


def blueprint(name: str, import_name: str, url_prefix: str | None = None) -> Blueprint:
    """An admin area: its name starts with admin_ and it carries the admin hooks."""
    assert name.startswith("admin_")
    bp = Blueprint(name, import_name, url_prefix=url_prefix)
    bp.before_request(hooks.before_request)
    bp.context_processor(hooks.template_globals)
    bp.register_error_handler(HTTPException, hooks.error_page)
    for code in (400, 403, 404, 405, 409, 413):  # a handler by code beats the app's public 404 page
        bp.register_error_handler(code, hooks.error_page)
    return bp


def username() -> str:
    return g.user["username"]


def store():
    return current_app.extensions["media_store"]


def zone():
    return court_zone(get_settings(get_db()))


def done(url: str, message: str | None = None, category: str = "ok"):
    """After a change: flash the message and go to `url` (as JSON for the upload script)."""
    if message:
        flash(message, category)
    if is_xhr():
        return jsonify(redirect=url)
    return redirect(url, 303)
