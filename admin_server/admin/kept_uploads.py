"""Checked uploads kept for the retry of a refused form, so nobody has to choose their files again.

When a form with files is refused for another reason (a missing title, a bad address name, a colleague's
save), each file that passed its checks (admin/uploads.py) is moved to the media store's temp folder as
`kept-<token>`, with `kept-<token>.json` beside it saying what it is and whose it is. The re-rendered form
carries the token in a hidden field `<field>.kept`; the retry without a new file claims the kept file
instead of an upload. Only the user and browser session that kept it may claim it (the session's CSRF
secret, hashed, is written beside it), only for a field of the same kind, and only within
store.KEPT_FOR_S: `clean_temp` at start spares younger ones, and every `keep` removes older ones.
The hearings import page (admin/hearings_import.py) keeps its file between its steps the same way.
"""
import hashlib
import json
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from flask import g
from flask_babel import gettext as _

from ..store import KEPT_PREFIX, MediaStore
from .security import csrf_token
from .uploads import Staged, UploadRefused, too_large

TOKEN_RE = re.compile(r"\A[0-9a-f]{32}\Z")


def kept_field(name: str) -> str:
    """The hidden form field that carries the token of field `name`'s kept file."""
    return f"{name}.kept"


def drop_field(name: str) -> str:
    """The checkbox that says not to use the kept file of field `name`."""
    return f"{name}.drop"


@dataclass(frozen=True)
class Kept:
    """What the form shows of a kept file."""
    token: str
    name: str
    size: int


def _owner() -> dict:
    return {"user": g.user["id"], "session": hashlib.sha256(csrf_token().encode()).hexdigest()}


def _paths(store: MediaStore, token: str) -> tuple[Path, Path]:
    data = store.tmp / f"{KEPT_PREFIX}{token}"
    return data, data.with_name(data.name + ".json")


def keep(store: MediaStore, staged: Staged, kind: str) -> Kept:
    """Move a checked upload (its staging file) aside for the retry; returns what the form shows."""
    remove_stale(store)
    token = secrets.token_hex(16)
    data, meta = _paths(store, token)
    meta.write_text(json.dumps({"owner": _owner(), "kind": kind, "mime": staged.mime, "name": staged.name,
                                "size": staged.size, "duration_s": staged.duration_s}))
    os.replace(staged.path, data)
    os.utime(data)  # kept from now (a file kept again on a second refusal gets its hour again)
    return Kept(token, staged.name, staged.size)


def claim(store: MediaStore, token: str, kind: str, path: Path, max_size: int) -> Staged:
    """The kept file of `token`, moved to `path` (a staging file of this request) to be stored.

    Raises UploadRefused with the sentence for a token that is unknown, stale, another session's or of
    another kind of file.
    """
    gone = UploadRefused(_("The file kept from your last try is no longer here (kept files last an hour). "
                           "Choose the file again."))
    if not TOKEN_RE.match(token or ""):
        raise gone
    data, meta_path = _paths(store, token)
    try:
        meta = json.loads(meta_path.read_text())
    except (OSError, ValueError):
        raise gone from None
    if meta.get("owner") != _owner():
        raise UploadRefused(_("That kept file belongs to another user or another sign-in; it cannot be used "
                              "here. Choose the file again."))
    if meta.get("kind") != kind:
        raise gone
    if store.is_stale(data):
        forget(store, token)
        raise gone
    if meta["size"] > max_size:
        forget(store, token)
        raise too_large(max_size)
    try:
        os.replace(data, path)  # one retry claims it; a second one at the same time finds it gone
    except FileNotFoundError:
        raise gone from None
    meta_path.unlink(missing_ok=True)
    return Staged(path, meta["mime"], meta["name"], meta["size"], meta.get("duration_s"))


def forget(store: MediaStore, token: str) -> None:
    """Remove a kept file this session no longer wants (another session's stays)."""
    if not TOKEN_RE.match(token or ""):
        return
    data, meta_path = _paths(store, token)
    try:
        if json.loads(meta_path.read_text()).get("owner") != _owner():
            return
    except (OSError, ValueError):
        return
    data.unlink(missing_ok=True)
    meta_path.unlink(missing_ok=True)


def remove_stale(store: MediaStore) -> int:
    """Remove the kept files past their hour (and their notes); returns how many files."""
    removed = 0
    for p in store.tmp.glob(f"{KEPT_PREFIX}*"):
        if store.is_stale(p):
            p.unlink(missing_ok=True)
            removed += 1
    return removed
