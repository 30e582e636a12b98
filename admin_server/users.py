"""Staff accounts. Passwords are hashed with scrypt (a slow KDF)."""
import base64
import hashlib
import hmac
import re
import secrets

from sqlite_utils import Database

from court_contract.text import LANGS

from .content import audit, now_iso
from .errors import ValidationError

ROLES = ("clerk", "editor", "publisher", "admin")
USERNAME_RE = re.compile(r"\A[a-zA-Z0-9._-]{2,64}\Z")
MIN_PASSWORD = 10
_N, _R, _P = 2**14, 8, 1


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(password.encode("utf-8"), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    b64 = base64.b64encode
    return f"scrypt${_N}${_R}${_P}${b64(salt).decode()}${b64(key).decode()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, key = stored.split("$")
        if scheme != "scrypt":
            return False
        expected = base64.b64decode(key)
        got = hashlib.scrypt(password.encode("utf-8"), salt=base64.b64decode(salt), n=int(n), r=int(r), p=int(p),
                             dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got, expected)


def create_user(db: Database, username: str, password: str, role: str, language: str = "ru",
                by: str | None = None) -> int:
    if not USERNAME_RE.match(username or ""):
        raise ValidationError("A user name is 2-64 letters, digits, dots, dashes or underscores.", "username")
    if role not in ROLES:
        raise ValidationError(f"The role must be one of {', '.join(ROLES)}, not {role!r}.", "role")
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"The password must be at least {MIN_PASSWORD} characters long.", "password")
    if db["users"].count_where("username = ?", [username]):
        raise ValidationError(f"A user named {username!r} already exists.", "username")
    user_id = db["users"].insert({
        "username": username, "password_hash": hash_password(password), "role": role,
        "language": language, "created_at": now_iso(),
    }).last_pk
    audit(db, by, "create", "users", user_id, None, {"username": username, "role": role})
    return user_id


# --- used by the web admin ---------------------------------------------------

LANGUAGES = LANGS
PUBLIC_FIELDS = ("id", "username", "role", "language", "created_at", "failed_logins", "locked_until", "disabled")


def find_user(db: Database, username: str) -> dict | None:
    rows = list(db.query("SELECT * FROM users WHERE username = ?", [username or ""]))
    return rows[0] if rows else None


def get_user(db: Database, user_id: int) -> dict | None:
    rows = list(db.query("SELECT * FROM users WHERE id = ?", [user_id]))
    return rows[0] if rows else None


def is_locked(user: dict, now: str) -> bool:
    """`now` and locked_until are UTC ISO strings of one format, so they compare as text."""
    return bool(user["locked_until"]) and user["locked_until"] > now


def note_failed_login(db: Database, user: dict, max_failures: int, lock_until: str) -> bool:
    """Count a wrong password; lock the account at `max_failures`. Returns True when it locks now."""
    failures = (user["failed_logins"] or 0) + 1
    locks = failures >= max_failures
    db.execute("UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?",
               [0 if locks else failures, lock_until if locks else user["locked_until"], user["id"]])
    if locks:
        audit(db, user["username"], "lock", "users", user["id"], None,
              {"locked_until": lock_until, "reason": f"{max_failures} wrong passwords"})
    return locks


def note_good_login(db: Database, user: dict) -> None:
    db.execute("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ?", [user["id"]])
    audit(db, user["username"], "login", "users", user["id"])


def update_user(db: Database, user_id: int, *, role: str, language: str, disabled: bool,
                by: str | None = None) -> None:
    if role not in ROLES:
        raise ValidationError(f"The role must be one of {', '.join(ROLES)}, not {role!r}.", "role")
    if language not in LANGUAGES:
        raise ValidationError("The language must be kk, ru or en.", "language")
    old = get_user(db, user_id)
    new = {"role": role, "language": language, "disabled": int(bool(disabled))}
    changed = {k: v for k, v in new.items() if old[k] != v}
    if changed:
        db["users"].update(user_id, changed)
        audit(db, by, "update", "users", user_id, {k: old[k] for k in changed}, changed)


def set_password(db: Database, user_id: int, password: str, by: str | None = None) -> None:
    if len(password) < MIN_PASSWORD:
        raise ValidationError(f"The password must be at least {MIN_PASSWORD} characters long.", "password")
    db["users"].update(user_id, {"password_hash": hash_password(password), "failed_logins": 0,
                                 "locked_until": None})
    audit(db, by, "set-password", "users", user_id, None, {"password": "(changed)"})


def unlock_user(db: Database, user_id: int, by: str | None = None) -> None:
    old = get_user(db, user_id)
    db["users"].update(user_id, {"failed_logins": 0, "locked_until": None})
    audit(db, by, "unlock", "users", user_id, {"locked_until": old["locked_until"]}, {"locked_until": None})


def delete_user(db: Database, user_id: int, by: str | None = None) -> None:
    old = get_user(db, user_id)
    db.execute("DELETE FROM user_rooms WHERE user_id = ?", [user_id])
    db["users"].delete(user_id)
    audit(db, by, "delete", "users", user_id, {"username": old["username"], "role": old["role"]}, None)
