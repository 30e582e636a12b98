"""Checks that involve more than one field."""
import datetime as dt

from flask_babel import gettext as _


def _comparable(value):
    return dt.datetime.fromisoformat(value) if "T" in value else value


def check_range(values: dict, errors: dict, start: str, end: str) -> None:
    a, b = values.get(start), values.get(end)
    if a and b and _comparable(b) < _comparable(a) and end not in errors:
        errors[end] = _("This must not be before the start.")
