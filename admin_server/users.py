"""Staff accounts. Passwords are hashed with scrypt (a slow KDF)."""
import base64
import hashlib
import hmac
import re
import secrets

from sqlite_utils import Database

from .content import audit, now_iso
from .errors import ValidationError

ROLES = ("editor", "publisher", "admin")
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
