"""Opening the database: one connection per thread, WAL mode.

sqlite connections must not cross threads, so the web layer keeps one per
worker thread (opening one per request cost more than the kiosks' 304
answers themselves); CLI commands open their own.
"""
import contextlib
import sqlite3
import threading
from pathlib import Path

from flask import current_app, g
from sqlite_utils import Database

from .errors import DatabaseBusy, NotInitialised

DB_NAME = "court-kiosk.db"
DEFAULT_BUSY_TIMEOUT_S = 5.0


def db_path(data_dir) -> Path:
    return Path(data_dir) / DB_NAME


def connect(path, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> Database:
    conn = sqlite3.connect(str(path), timeout=busy_timeout_s)
    db = Database(conn)
    try:
        db.execute("PRAGMA journal_mode=WAL")
    except sqlite3.OperationalError as e:
        conn.close()
        raise _translate(e, path) from e
    # FULL: a published version must survive a power cut, not just a crash.
    db.execute("PRAGMA synchronous=FULL")
    db.execute("PRAGMA foreign_keys=ON")
    return db


def open_existing(data_dir, busy_timeout_s: float = DEFAULT_BUSY_TIMEOUT_S) -> Database:
    path = db_path(data_dir)
    if not path.exists():
        raise NotInitialised(
            f"No database at {path}: run `court-kiosk-server --data-dir {data_dir} init` first."
        )
    return connect(path, busy_timeout_s)


@contextlib.contextmanager
def write_transaction(db: Database):
    """BEGIN IMMEDIATE ... COMMIT, rolling back on any error.

    IMMEDIATE takes the write lock up front, so two publishers serialise
    instead of failing half-way; a lock held too long becomes DatabaseBusy.
    """
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as e:
        raise _translate(e, None) from e
    try:
        yield db
    except sqlite3.OperationalError as e:
        db.conn.rollback()
        raise _translate(e, None) from e
    except BaseException:
        db.conn.rollback()
        raise
    else:
        db.conn.commit()


def _translate(error: sqlite3.OperationalError, path):
    text = str(error).lower()
    if "locked" in text or "busy" in text:
        return DatabaseBusy(
            "The database is busy: another program is writing to it. Nothing was changed; try again in a moment."
        )
    where = f" at {path}" if path else ""
    return DatabaseBusy(f"The database{where} could not be used ({error}). Nothing was changed.")


def get_db() -> Database:
    """This thread's connection to the app's database."""
    local = current_app.extensions["db_local"]
    db = getattr(local, "db", None)
    if db is None:
        db = local.db = connect(db_path(current_app.config["DATA_DIR"]), current_app.config["DB_BUSY_TIMEOUT_S"])
    g.db_used = True
    return db


def end_request(_exc=None):
    # A request must never leave a transaction (and its lock) behind.
    if g.pop("db_used", False):
        db = current_app.extensions["db_local"].db
        if db.conn.in_transaction:
            db.conn.rollback()


def init_app(app):
    app.extensions["db_local"] = threading.local()
    app.teardown_appcontext(end_request)
