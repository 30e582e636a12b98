"""Rows of one content table, for the admin's list and edit pages (admin/crud.py). Storage functions take a
Database and know nothing of forms, requests or messages.

Table and column names come from the code's content specs, never from a request; they are quoted with []
all the same. A broken constraint surfaces as sqlite3.IntegrityError, for the caller to put into words.
"""
from sqlite_utils import Database


def row(db: Database, table: str, pk: str, row_id) -> dict | None:
    """The row whose `pk` column is `row_id`, or None."""
    found = list(db.query(f"SELECT * FROM [{table}] WHERE [{pk}] = ?", [row_id]))
    return found[0] if found else None


def rows(db: Database, table: str, order_by: str) -> list[dict]:
    return list(db[table].rows_where(order_by=order_by))


def is_taken(db: Database, table: str, column: str, value, pk: str, other_than=None) -> bool:
    """Whether a row (other than the one whose `pk` is `other_than`, if given) has `value` in `column`."""
    where, params = f"[{column}] = ?", [value]
    if other_than is not None:
        where += f" AND [{pk}] != ?"
        params.append(other_than)
    return bool(db[table].count_where(where, params))


def insert(db: Database, table: str, pk: str, values: dict):
    """Add a row; returns its `pk` (the given one, else the one SQLite chose)."""
    last_pk = db[table].insert(values).last_pk
    return values[pk] if pk in values else last_pk


def update(db: Database, table: str, row_id, values: dict) -> None:
    db[table].update(row_id, values)


def delete(db: Database, table: str, row_id) -> None:
    db[table].delete(row_id)


def next_sort_order(db: Database, table: str) -> int:
    """The sort_order that puts a new row last."""
    return next(db.query(f"SELECT COALESCE(MAX(sort_order), -1) + 1 AS n FROM [{table}]"))["n"]


def set_order(db: Database, table: str, ids: list) -> None:
    """Number the rows `ids` 0, 1, 2 ... in that order."""
    for position, row_id in enumerate(ids):
        db[table].update(row_id, {"sort_order": position})
