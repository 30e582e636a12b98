"""Small helpers every admin area uses."""
from flask import current_app, flash, g, jsonify, redirect

from ..content import get_settings
from ..db import get_db
from .fields import court_zone
from .security import is_xhr


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
