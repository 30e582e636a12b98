"""Form fields: turn submitted text into stored values, or into one sentence per field.

A `Field` knows how to parse its input (`parse`), how to show a stored
value in a form (`to_form`), in a list (`show`) and in the audit log
(`for_audit`). Trilingual fields are stored as JSON text (content.tri).
"""
import datetime as dt
import json
import math
import re
from dataclasses import dataclass

from flask_babel import gettext as _

from court_contract.text import pick
from court_contract.zone import court_zone as zone_named

from ..content import LANGS, tri, tri_from_db

TRI_KINDS = frozenset({"tri", "tri_area"})
URL_RE = re.compile(r"\Ahttps?://[^\s/?#<>\"']+[^\s<>\"']*\Z", re.IGNORECASE)
TIME_RE = re.compile(r"\A([01]\d|2[0-3]):[0-5]\d\Z")
CODE_RE = re.compile(r"\A[a-z0-9][a-z0-9-]{0,62}\Z")
KEY_RE = re.compile(r"\A[a-z0-9][a-z0-9_-]{0,62}\Z")  # a code that may hold underscores
PHONE_RE = re.compile(r"\A[0-9+()\- .]{5,40}\Z")


@dataclass(frozen=True)
class Field:
    name: str
    label: object
    kind: str = "text"  # text textarea tri tri_area int float date time instant bool choice url code phone lines file
    #                     key (a code that may also hold underscores, e.g. a fee's claim kind non_property)
    #                     weekdays (checkboxes Mon..Sun, stored as a JSON list of ISO weekdays or NULL)
    required: bool = False
    choices: object = None  # ((value, label), ...) or a callable(db) returning that
    minimum: float | None = None
    maximum: float | None = None
    max_length: int = 300
    help: object = None
    in_list: bool = False
    upload: str | None = None  # for kind "file": "document" or "video"
    default: object = None     # shown in the form for a new row
    in_form: bool = True       # False: only shown in the list (e.g. a measured duration)
    row: str | None = None     # consecutive fields with the same row sit side by side in the form
    warning: object = None     # a sentence in a warning box above the field (e.g. what "emergency" does)

    def choice_list(self, db):
        return list(self.choices(db) if callable(self.choices) else self.choices or ())


class Invalid(Exception):
    """One field's input cannot be used; str() is the sentence shown next to it."""


def court_zone(settings: dict):
    return zone_named(settings.get("timezone"))


# --- parsing -----------------------------------------------------------------

def raw_value(field: Field, form):
    """What the person typed, kept to show again next to an error."""
    if field.kind in TRI_KINDS:
        return {lang: form.get(f"{field.name}.{lang}", "") for lang in LANGS}
    if field.kind == "bool":
        return form.get(field.name) in ("1", "on", "true")
    if field.kind == "weekdays":
        return form.getlist(field.name)
    return form.get(field.name, "")


def parse(field: Field, raw, *, db=None, zone=dt.timezone.utc):
    """The value to store for `raw` (from raw_value), or raise Invalid."""
    kind = field.kind
    if kind in TRI_KINDS:
        texts = {lang: (raw.get(lang) or "").strip() for lang in LANGS}
        for text in texts.values():
            _check_length(field, text)
        if field.required and not any(texts.values()):
            raise Invalid(_("Write this in at least one language (Kazakh or Russian first)."))
        return tri(texts)
    if kind == "bool":
        return int(bool(raw))
    if kind == "weekdays":
        return parse_weekdays(raw)
    text = (raw or "").strip()
    if not text:
        if field.required:
            raise Invalid(_("This field is required."))
        return [] if kind == "lines" else None
    _check_length(field, text)
    if kind in ("text", "textarea"):
        return text
    if kind == "int":
        return _number(field, text, int)
    if kind == "float":
        return _number(field, text, float)
    if kind == "date":
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise Invalid(_("Enter a date like 2026-01-31.")) from None
    if kind == "time":
        if not TIME_RE.match(text):
            raise Invalid(_("Enter a time like 09:30 (24-hour clock)."))
        return text
    if kind == "instant":
        try:
            local = dt.datetime.fromisoformat(text)
        except ValueError:
            raise Invalid(_("Enter a date and time like 2026-01-31 09:30.")) from None
        if local.tzinfo is None:
            local = local.replace(tzinfo=zone)
        return local.replace(second=0, microsecond=0).isoformat()
    if kind == "choice":
        allowed = [str(v) for v, _label in field.choice_list(db)]
        if text not in allowed:
            raise Invalid(_("Choose one of the offered values."))
        return int(text) if text.isdigit() and all(a.isdigit() for a in allowed) else text
    if kind == "url":
        if not URL_RE.match(text):
            raise Invalid(_("Enter a full web address starting with https://, e.g. https://office.sud.kz."))
        return text
    if kind == "code":
        if not CODE_RE.match(text):
            raise Invalid(_("Use lowercase Latin letters, digits and dashes, e.g. property-individual."))
        return text
    if kind == "key":
        if not KEY_RE.match(text):
            raise Invalid(_("Use lowercase Latin letters, digits, dashes and underscores, e.g. non_property."))
        return text
    if kind == "phone":
        if not PHONE_RE.match(text):
            raise Invalid(_("Enter a phone number with digits, spaces, +, - or brackets, e.g. +7 7292 50-10-20."))
        return text
    if kind == "lines":
        return [line.strip() for line in text.splitlines() if line.strip()]
    raise ValueError(f"unknown field kind {kind!r}")


def _check_length(field: Field, text: str) -> None:
    if len(text) > field.max_length:
        raise Invalid(_("This is too long: at most %(n)d characters.", n=field.max_length))


def _number(field: Field, text: str, kind):
    try:
        value = kind(text.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
    except ValueError:
        raise Invalid(_("Enter a whole number, e.g. 90.") if kind is int
                      else _("Enter a number, e.g. 0.5 or 10000.")) from None
    if not math.isfinite(value):
        raise Invalid(_("Enter a number, e.g. 0.5 or 10000."))
    if field.minimum is not None and value < field.minimum:
        raise Invalid(_("The smallest allowed value is %(n)s.", n=_plain(field.minimum)))
    if field.maximum is not None and value > field.maximum:
        raise Invalid(_("The largest allowed value is %(n)s.", n=_plain(field.maximum)))
    return value


def _plain(n) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


ALL_WEEKDAYS = (1, 2, 3, 4, 5, 6, 7)


def parse_weekdays(raw) -> str | None:
    """Ticked ISO weekdays as stored: None for every day (none or all ticked), else JSON like [1,2,3]."""
    days = set()
    for item in raw or ():
        text = str(item).strip()
        if not (text.isdigit() and int(text) in ALL_WEEKDAYS):
            raise Invalid(_("Tick days from Monday to Sunday."))
        days.add(int(text))
    if not days or days == set(ALL_WEEKDAYS):
        return None
    return json.dumps(sorted(days), separators=(",", ":"))


def weekday_list(stored) -> list[int]:
    """The stored weekdays (JSON text, a list or None) as a list of ints; [] means every day."""
    if not stored:
        return []
    if isinstance(stored, str):
        try:
            stored = json.loads(stored)
        except ValueError:
            return []
    if not isinstance(stored, list):
        return []
    return sorted({int(d) for d in stored if str(d).isdigit() and int(d) in ALL_WEEKDAYS})


# --- showing -----------------------------------------------------------------

def to_form(field: Field, stored, *, zone=dt.timezone.utc):
    """A stored value as the form shows it."""
    if field.kind in TRI_KINDS:
        return tri_from_db(stored) if isinstance(stored, str) or stored is None else stored
    if field.kind == "bool":
        return bool(stored)
    if field.kind == "weekdays":
        return weekday_list(stored)
    if stored is None:
        return ""
    if field.kind == "instant":
        return dt.datetime.fromisoformat(stored).astimezone(zone).strftime("%Y-%m-%dT%H:%M")
    if field.kind == "lines":
        return "\n".join(stored)
    if field.kind == "float":
        return _plain(stored)
    return str(stored)


def show(field: Field, stored, lang: str, *, db=None, zone=dt.timezone.utc) -> str:
    """A stored value as one line of text for lists (escaped by the template)."""
    if field.kind in TRI_KINDS:
        return pick(tri_from_db(stored), lang)
    if field.kind == "bool":
        return _("yes") if stored else _("no")
    if field.kind == "weekdays":
        from .schedules import weekdays_text

        return weekdays_text(weekday_list(stored))
    if stored is None or stored == "":
        return "—"
    if field.kind == "choice":
        return str(next((label for v, label in field.choice_list(db) if str(v) == str(stored)), stored))
    if field.kind == "instant":
        return dt.datetime.fromisoformat(stored).astimezone(zone).strftime("%Y-%m-%d %H:%M")
    if field.kind == "float":
        return _plain(stored)
    if field.kind == "lines":
        return ", ".join(stored)
    return str(stored)


def for_audit(field: Field, stored):
    if field.kind in TRI_KINDS and isinstance(stored, str):
        return json.loads(stored)
    if field.kind == "weekdays":
        return weekday_list(stored) or None
    return stored
