"""Staff accounts (admin): create, change role or language, reset password, unlock, disable, delete."""
from flask import abort, g, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .. import hearings
from .. import users as accounts
from ..content import now_iso
from ..db import get_db, write_transaction
from ..errors import ValidationError
from .auth import _translate_account_error
from .common import blueprint, conflict_errors, done, loaded_json, merge_mine, opened_with, username
from .i18n import LANGUAGES
from .rooms import choices as _room_choices
from .security import requires
from .text_rules import checks_own_text, refusal


def room_choices(db):
    return _room_choices(db, empty=False, every=True)

bp = blueprint("admin_users", __name__, url_prefix="/admin/users")

ROLE_NAMES = {"clerk": _l("Clerk: changes hearing statuses in their courtrooms"), "editor": _l("Editor: edits drafts"), "publisher": _l("Publisher: also publishes and rolls back"),
              "admin": _l("Administrator: also users, kiosks and settings")}


def _user_or_404(user_id):
    user = accounts.get_user(get_db(), user_id)
    if user is None:
        abort(404, _("This user does not exist."))
    return user


def _other_admins(db, user_id) -> int:
    return db["users"].count_where("role = 'admin' AND disabled = 0 AND id != ?", [user_id])


@bp.get("/")
@requires("admin")
def index():
    rows = list(get_db().query("SELECT * FROM users ORDER BY username"))
    return render_template("admin/users.html", users=rows, roles=ROLE_NAMES, languages=LANGUAGES, now=now_iso())


def _editable(user: dict) -> dict:
    """What the edit form shows of an account and carries in `_loaded`: never the password."""
    return {"role": user["role"], "language": user["language"], "disabled": bool(user["disabled"]),
            "rooms": hearings.user_rooms(get_db(), user["id"])}


def _posted_rooms(form) -> list[int]:
    """The ticked courtrooms (a clerk's); anything that is not a number is dropped by set_user_rooms' check."""
    rooms = []
    for value in form.getlist("rooms"):
        try:
            rooms.append(int(value))
        except ValueError:
            rooms.append(-1)  # refused below with a sentence
    return sorted(set(rooms))


def _named(field: str, value) -> str:
    """A stored value as the form names it (for the note under a field two people changed)."""
    if field == "disabled":
        return _("yes") if value else _("no")
    if field == "rooms":
        names = dict(room_choices(get_db()))
        return ", ".join(str(names.get(r, r)) for r in value) or "—"
    return {"role": ROLE_NAMES, "language": LANGUAGES}[field].get(value, value)


def _form(user=None, values=None, errors=None, status=200, loaded=None):
    """`loaded`: the values the edit form was opened with (by default the account as stored)."""
    return render_template("admin/user_form.html", account=user, values=values or {}, errors=errors or {},
                           roles=ROLE_NAMES, languages=LANGUAGES, rooms=room_choices(get_db()),
                           loaded=loaded_json(loaded or _editable(user)) if user else None), status


@bp.route("/new", methods=["GET", "POST"])
@requires("admin")
@checks_own_text
def new():
    if request.method == "GET":
        return _form(values={"role": "editor", "language": "ru"})
    form = request.form
    values = {k: form.get(k, "").strip() for k in ("username", "role", "language")}
    values["rooms"] = _posted_rooms(form)
    errors = {}
    for key, label in (("username", _("User name")), ("role", _("Role")), ("language", _("Language"))):
        if sentence := refusal(form.get(key, ""), label):
            errors[key] = sentence
    if values["role"] not in accounts.ROLES:
        errors.setdefault("role", _("Choose one of the offered values."))
    if values["language"] not in LANGUAGES:
        errors.setdefault("language", _("Choose one of the offered values."))
    if not set(values["rooms"]) <= {r for r, _name in room_choices(get_db())}:
        errors["rooms"] = _("Choose courtrooms from the list.")
    if form.get("password", "") != form.get("password2", ""):
        errors["password2"] = _("The two passwords differ; type the same password twice.")
    if not errors:
        db = get_db()
        try:
            with write_transaction(db):
                user_id = accounts.create_user(db, values["username"], form.get("password", ""), values["role"],
                                               values["language"], by=username())
                hearings.set_user_rooms(db, user_id, values["rooms"], by=username())
        except ValidationError as e:
            errors[e.field or "username"] = _translate_account_error(e)
        else:
            return done(url_for("admin_users.index"), _("Created the account “%(name)s”.", name=values["username"]))
    return _form(values=values, errors=errors, status=422)


@bp.route("/<int:user_id>/edit", methods=["GET", "POST"])
@requires("admin")
def edit(user_id):
    user = _user_or_404(user_id)
    if request.method == "GET":
        return _form(user, _editable(user))
    form = request.form
    values = {"role": form.get("role", ""), "language": form.get("language", ""),
              "disabled": form.get("disabled") in ("1", "on"), "rooms": _posted_rooms(form)}
    errors = {}
    db = get_db()
    if user["id"] == g.user["id"] and (values["role"] != "admin" or values["disabled"]):
        errors["role"] = _("You cannot take away your own administrator rights; ask another administrator.")
    if values["role"] not in accounts.ROLES:
        errors["role"] = _("Choose one of the offered values.")
    if values["language"] not in LANGUAGES:
        errors["language"] = _("Choose one of the offered values.")
    if not set(values["rooms"]) <= {r for r, _name in room_choices(get_db())}:
        errors["rooms"] = _("Choose courtrooms from the list.")
    password = form.get("password", "")
    if password and password != form.get("password2", ""):
        errors["password2"] = _("The two passwords differ; type the same password twice.")
    opened = opened_with()
    if not errors:
        try:
            with write_transaction(db):
                # Only what this person changed: one may change the language while another disables the account.
                # A typed password is always this person's own change, so it is never compared.
                current = _editable(_user_or_404(user_id))
                merged, clashes = merge_mine(values, current, opened)
                if not clashes:
                    rooms = merged.pop("rooms")
                    accounts.update_user(db, user_id, **merged, by=username())
                    hearings.set_user_rooms(db, user_id, rooms, by=username())
                    if password:
                        accounts.set_password(db, user_id, password, by=username())
        except ValidationError as e:
            errors[e.field or "role"] = _translate_account_error(e)
        else:
            if not clashes:
                return done(url_for("admin_users.index"), _("Saved the account “%(name)s”.", name=user["username"]))
            # Both changed the same field: show theirs next to the person's own; nothing is saved, nor the
            # password, which is never sent back in the page.
            errors = conflict_errors({k: _named(k, v) for k, v in clashes.items()})
            if password:
                errors["password"] = _("The new password was not saved either: type it again.")
            return _form(user, merged, errors, 409, current)
    return _form(user, values, errors, 422, opened)


@bp.post("/<int:user_id>/unlock")
@requires("admin")
def unlock(user_id):
    user = _user_or_404(user_id)
    db = get_db()
    with write_transaction(db):
        accounts.unlock_user(db, user_id, by=username())
    return done(url_for("admin_users.index"), _("Unlocked “%(name)s”.", name=user["username"]))


@bp.route("/<int:user_id>/delete", methods=["GET", "POST"])
@requires("admin")
def delete(user_id):
    user = _user_or_404(user_id)
    db = get_db()
    error = None
    if user["id"] == g.user["id"]:
        error = _("You cannot delete your own account.")
    elif user["role"] == "admin" and not _other_admins(db, user_id):
        error = _("This is the last administrator; make someone else an administrator first.")
    if request.method == "POST" and error is None:
        with write_transaction(db):
            accounts.delete_user(db, user_id, by=username())
        return done(url_for("admin_users.index"), _("Deleted the account “%(name)s”.", name=user["username"]))
    return render_template("admin/delete.html", spec=None, label=user["username"], error=error,
                           back=url_for("admin_users.index")), 409 if error and request.method == "POST" else 200
