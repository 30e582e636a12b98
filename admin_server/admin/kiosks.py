"""Kiosks (admin): register one (its token is shown once), rename, revoke, issue a new token."""
import datetime as dt
import json
import math

from flask import abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import kiosks as registry
from ..db import get_db, write_transaction
from ..errors import ValidationError
from ..fleet import kiosk_state
from ..publish import latest
from .common import blueprint, conflict_errors, done, loaded_json, merge_mine, opened_with, username
from .security import requires

bp = blueprint("admin_kiosks", __name__, url_prefix="/admin/kiosks")

MODES = {"kiosk": _l("Touch kiosk"), "display": _l("Waiting-room display")}


def report(kiosk: dict) -> dict:
    """What the kiosk said in its last heartbeat (kiosks.status), checked value by value.

    The server keeps these keys as the kiosk sent them, so nothing here trusts a type.
    """
    try:
        status = json.loads(kiosk.get("status") or "{}")
    except ValueError:
        status = {}
    if not isinstance(status, dict):
        status = {}

    def number(key):
        value = status.get(key)
        ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value) and value >= 0
        return value if ok else None

    def text(key, limit=60):
        value = status.get(key)
        return value[:limit] if isinstance(value, str) and value.strip() else None

    errors = status.get("errors")
    errors = [str(e)[:300] for e in errors if isinstance(e, (str, int, float))] if isinstance(errors, list) else []
    clock_ok = status.get("clock_ok")
    return {"kiosk_version": text("kiosk_version", 40), "mode": text("mode", 20), "screen": text("screen"),
            "uptime_s": number("uptime_s"), "free_disk_mb": number("free_disk_mb"),
            "clock_ok": clock_ok if isinstance(clock_ok, bool) else None, "errors": errors}


def state(kiosk: dict, now: dt.datetime | None = None) -> str:
    """online / stale / offline (fleet.kiosk_state, the one definition), or revoked."""
    if kiosk["revoked_at"]:
        return "revoked"
    return kiosk_state(kiosk["last_seen"], now)


def all_kiosks(db, now: dt.datetime | None = None) -> list[dict]:
    now = now or dt.datetime.now(dt.timezone.utc)
    rows = list(db.query("SELECT * FROM kiosks ORDER BY id"))
    for k in rows:
        k["state"] = state(k, now)
        k["report"] = report(k)
    return rows


def _kiosk_or_404(kiosk_id):
    kiosk = registry.get_kiosk(get_db(), kiosk_id)
    if kiosk is None:
        abort(404, _("This kiosk does not exist."))
    return kiosk


def _message(e: ValidationError) -> str:
    return {
        "id": _("A kiosk id uses lowercase letters, digits and dashes (e.g. hall-1) and must not be taken."),
        "name": _("Give the kiosk a name of 1-100 characters, e.g. Hall 1, left."),
        "mode": _("Choose one of the offered values."),
    }.get(e.field, str(e))


def _token_page(kiosk_id, token):
    # The token is in this one response only: not in a redirect, the session or a log.
    return render_template("admin/kiosk_token.html", kiosk=_kiosk_or_404(kiosk_id), token=token,
                           base_url=request.host_url.rstrip("/"))


@bp.get("/")
@requires("admin")
def index():
    db = get_db()
    return render_template("admin/kiosks.html", kiosks=all_kiosks(db), modes=MODES, published=latest(db))


@bp.route("/new", methods=["GET", "POST"])
@requires("admin")
def new():
    values, errors = {"mode": "kiosk"}, {}
    if request.method == "POST":
        values = {k: request.form.get(k, "").strip() for k in ("id", "name", "mode")}
        if len(values["name"]) > 100:
            errors["name"] = _("Give the kiosk a name of 1-100 characters, e.g. Hall 1, left.")
        else:
            db = get_db()
            try:
                with write_transaction(db):
                    token = registry.create_kiosk(db, values["id"], values["name"] or None, values["mode"],
                                                  by=username())
            except ValidationError as e:
                errors[e.field or "id"] = _message(e)
            else:
                return _token_page(values["id"], token)
    return render_template("admin/kiosk_form.html", kiosk=None, values=values, errors=errors, modes=MODES), \
        422 if errors else 200


def _editable(kiosk: dict) -> dict:
    return {"name": kiosk["name"], "mode": kiosk["mode"]}


@bp.route("/<kiosk_id>/edit", methods=["GET", "POST"])
@requires("admin")
def edit(kiosk_id):
    kiosk = _kiosk_or_404(kiosk_id)
    values = loaded = _editable(kiosk)
    errors = {}
    if request.method == "POST":
        values = {k: request.form.get(k, "").strip() for k in ("name", "mode")}
        opened = opened_with()
        loaded = opened or loaded  # a retry after an error still compares with what the form first showed
        db = get_db()
        try:
            with write_transaction(db):
                # Only what this person changed: one may rename the kiosk while another switches its mode.
                current = _editable(_kiosk_or_404(kiosk_id))
                merged, clashes = merge_mine(values, current, opened)
                if not clashes:
                    registry.update_kiosk(db, kiosk_id, merged["name"], merged["mode"], by=username())
        except ValidationError as e:
            errors[e.field or "name"] = _message(e)
        else:
            if not clashes:
                return done(url_for("admin_kiosks.index"), _("Saved the kiosk “%(name)s”.", name=merged["name"]))
            # Both changed the same field: show theirs next to the person's own, to decide and save again.
            values, loaded = merged, current
            errors = conflict_errors({k: MODES.get(v, v) if k == "mode" else v for k, v in clashes.items()})
    return render_template("admin/kiosk_form.html", kiosk=kiosk, values=values, errors=errors, modes=MODES,
                           loaded=loaded_json(loaded)), 409 if "_conflict" in errors else 422 if errors else 200


@bp.post("/<kiosk_id>/revoke")
@requires("admin")
def revoke(kiosk_id):
    kiosk = _kiosk_or_404(kiosk_id)
    db = get_db()
    with write_transaction(db):
        registry.revoke_kiosk(db, kiosk_id, by=username())
    return done(url_for("admin_kiosks.index"),
                _("The token of “%(name)s” no longer works. The kiosk keeps showing what it has.", name=kiosk["name"]))


@bp.post("/<kiosk_id>/token")
@requires("admin")
def new_token(kiosk_id):
    _kiosk_or_404(kiosk_id)
    db = get_db()
    with write_transaction(db):
        token = registry.renew_token(db, kiosk_id, by=username())
    return _token_page(kiosk_id, token)


@bp.route("/<kiosk_id>/delete", methods=["GET", "POST"])
@requires("admin")
def delete(kiosk_id):
    kiosk = _kiosk_or_404(kiosk_id)
    if request.method == "POST":
        db = get_db()
        with write_transaction(db):
            registry.delete_kiosk(db, kiosk_id, by=username())
        return done(url_for("admin_kiosks.index"), _("Deleted the kiosk “%(name)s”.", name=kiosk["name"]))
    return render_template("admin/delete.html", spec=None, label=kiosk["name"], back=url_for("admin_kiosks.index"))
