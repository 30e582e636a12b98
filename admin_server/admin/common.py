"""Small helpers every admin area uses."""
import json

from flask import Blueprint, current_app, flash, g, jsonify, redirect, request
from flask_babel import gettext as _
from werkzeug.exceptions import HTTPException

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


def done(url: str, message: str | None = None, category: str = "ok"):
    """After a change: flash the message and go to `url` (as JSON for the upload script)."""
    if message:
        flash(message, category)
    if is_xhr():
        return jsonify(redirect=url)
    return redirect(url, 303)


# --- two people editing one form ----------------------------------------------
# An edit form carries, hidden in `_loaded`, the values it was opened with, so that a save can tell what
# this person changed from what a colleague saved in the meantime (the "lost update").

LOADED = "_loaded"


def loaded_json(values: dict) -> str:
    """The hidden `_loaded` text of a form opened with `values` (it is in the page: never a password)."""
    return json.dumps(values, ensure_ascii=False, sort_keys=True)


def opened_with() -> dict | None:
    """The values the posted form was opened with, or None when `_loaded` is missing or broken."""
    try:
        loaded = json.loads(request.form.get(LOADED) or "null")
    except ValueError:
        return None
    return loaded if isinstance(loaded, dict) else None


def merge_mine(values: dict, current: dict, opened: dict | None) -> tuple[dict, dict]:
    """This person's form `values` laid over `current` (what is stored now): only the fields they changed
    since the form was `opened` (all of them if that is unknown), so a colleague's save is not undone.

    Returns (what to store, clashes): clashes are the fields both changed, differently, with the
    colleague's value; then nothing should be stored.
    """
    opened = opened or {}
    mine = {k: v for k, v in values.items() if k not in opened or opened[k] != v}
    clashes = {k: current[k] for k, v in mine.items() if k in opened and current[k] not in (opened[k], v)}
    return current | mine, clashes


def conflict_errors(clashes: dict | None = None) -> dict:
    """The 409 sentences: one above the form, and under each field both changed the colleague's value
    (`clashes`: field -> that value as the person knows it, e.g. a choice's label)."""
    errors = {"_conflict": _("Someone else saved this entry while you were editing it: the form now shows "
                             "their changes together with yours. Check it and save again.")}
    for name, theirs in (clashes or {}).items():
        errors[name] = _("Meanwhile someone else saved “%(value)s” here. The field shows yours: save again to "
                         "keep it, or change it.", value=theirs)
    return errors
