"""Form fields: turn submitted text into stored values, or into one sentence per field.

A `Field` names its kind; the kind, one small object in `KINDS`, reads the
input (`raw`), parses it (`parse`) and shows a stored value in a form
(`to_form`), in a list (`show`) and in the audit log (`for_audit`).
Trilingual fields are stored as JSON text (content.tri).
"""
import datetime as dt
import json
import math
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from court_contract.text import pick

from ..content import LANGS, tri, tri_from_db
from .text_rules import language_name, refusal
from .weekdays import ALL_WEEKDAYS, weekday_list, weekdays_text

URL_RE = re.compile(r"\Ahttps?://[^\s/?#<>\"']+[^\s<>\"']*\Z", re.IGNORECASE)
TIME_RE = re.compile(r"\A([01]\d|2[0-3]):[0-5]\d\Z")
CODE_RE = re.compile(r"\A[a-z0-9][a-z0-9-]{0,62}\Z")
KEY_RE = re.compile(r"\A[a-z0-9][a-z0-9_-]{0,62}\Z")  # a code that may hold underscores
PHONE_RE = re.compile(r"\A[0-9+()\- .]{5,40}\Z")


@dataclass(frozen=True)
class Field:
    name: str
    label: object
    kind: str = "text"  # a name in KINDS (below)
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

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"field {self.name!r}: unknown kind {self.kind!r} (known: {', '.join(KINDS)})")

    def choice_list(self, db):
        return list(self.choices(db) if callable(self.choices) else self.choices or ())


class Invalid(Exception):
    """One field's input cannot be used; str() is the sentence shown next to it."""


# --- the kinds ------------------------------------------------------------------

class Text:
    """Typed text, the base of most kinds: stripped, empty is "nothing" (or "required"), then `value`.

    No kind takes control or bidi characters (text_rules); only `lines` kinds (textareas) take line breaks.
    """

    lines = False  # whether it takes several lines (a textarea)

    def __init__(self, lines: bool | None = None):
        if lines is not None:
            self.lines = lines

    def raw(self, field: Field, form):
        """What the person typed, kept to show again next to an error."""
        return form.get(field.name, "")

    def parse(self, field: Field, raw, db, zone):
        """The value to store for `raw` (from raw()), or raise Invalid."""
        _check_characters(str(field.label), raw, self.lines)
        text = (raw or "").strip()
        if not text:
            if field.required:
                raise Invalid(_("This field is required."))
            return self.nothing()
        _check_length(field, text)
        return self.value(field, text, db, zone)

    def nothing(self):
        """What an empty optional field stores."""
        return None

    def value(self, field: Field, text: str, db, zone):
        """The value to store for non-empty `text` of an allowed length."""
        return text

    def to_form(self, field: Field, stored, zone):
        """A stored value as the form shows it."""
        return "" if stored is None else self.form_text(stored, zone)

    def form_text(self, stored, zone) -> str:
        return str(stored)

    def show(self, field: Field, stored, lang: str, db, zone) -> str:
        """A stored value as one line of text for lists (escaped by the template)."""
        return "—" if stored is None or stored == "" else self.list_text(field, stored, db, zone)

    def list_text(self, field: Field, stored, db, zone) -> str:
        return str(stored)

    def for_audit(self, field: Field, stored):
        """A stored value as the audit log keeps it (JSON-ready)."""
        return stored


class Pattern(Text):
    """Text of one shape (a time, a web address, a code ...), else the sentence that shows the shape."""

    def __init__(self, pattern: re.Pattern, message):
        self.pattern, self.message = pattern, message

    def value(self, field, text, db, zone):
        if not self.pattern.match(text):
            raise Invalid(str(self.message))
        return text


class Number(Text):
    def __init__(self, type_, message):
        self.type, self.message = type_, message

    def value(self, field, text, db, zone):
        try:
            value = self.type(text.replace(",", ".").replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            raise Invalid(str(self.message)) from None
        if not math.isfinite(value):
            raise Invalid(str(self.message))
        if field.minimum is not None and value < field.minimum:
            raise Invalid(_("The smallest allowed value is %(n)s.", n=_plain(field.minimum)))
        if field.maximum is not None and value > field.maximum:
            raise Invalid(_("The largest allowed value is %(n)s.", n=_plain(field.maximum)))
        return value


class Float(Number):
    """A number that may have a fraction, shown without a trailing ".0"."""

    def form_text(self, stored, zone):
        return _plain(stored)

    def list_text(self, field, stored, db, zone):
        return _plain(stored)


class Date(Text):
    def value(self, field, text, db, zone):
        try:
            return dt.date.fromisoformat(text).isoformat()
        except ValueError:
            raise Invalid(_("Enter a date like 2026-01-31.")) from None


class Instant(Text):
    """A moment, typed in the court's zone (`zone`) and stored with its offset."""

    def value(self, field, text, db, zone):
        try:
            local = dt.datetime.fromisoformat(text)
        except ValueError:
            raise Invalid(_("Enter a date and time like 2026-01-31 09:30.")) from None
        if local.tzinfo is None:
            local = local.replace(tzinfo=zone)
        return local.replace(second=0, microsecond=0).isoformat()

    def form_text(self, stored, zone):
        return dt.datetime.fromisoformat(stored).astimezone(zone).strftime("%Y-%m-%dT%H:%M")

    def list_text(self, field, stored, db, zone):
        return dt.datetime.fromisoformat(stored).astimezone(zone).strftime("%Y-%m-%d %H:%M")


class Choice(Text):
    """One of the field's choices; stored as an int when every choice is a number."""

    def value(self, field, text, db, zone):
        allowed = [str(v) for v, _label in field.choice_list(db)]
        if text not in allowed:
            raise Invalid(_("Choose one of the offered values."))
        return int(text) if text.isdigit() and all(a.isdigit() for a in allowed) else text

    def list_text(self, field, stored, db, zone):
        return str(next((label for v, label in field.choice_list(db) if str(v) == str(stored)), stored))


class Lines(Text):
    """One item a line, stored as a list."""

    lines = True

    def nothing(self):
        return []

    def value(self, field, text, db, zone):
        return [line.strip() for line in text.splitlines() if line.strip()]

    def form_text(self, stored, zone):
        return "\n".join(stored)

    def list_text(self, field, stored, db, zone):
        return ", ".join(stored)


class File(Text):
    """An upload: crud stages it from request.files; the form text never holds one."""

    def value(self, field, text, db, zone):
        raise ValueError(f"field {field.name!r}: a file comes from the upload, not from the form's text")


class Tri(Text):
    """Trilingual text: one input per language, stored as JSON text."""

    def raw(self, field, form):
        return {lang: form.get(f"{field.name}.{lang}", "") for lang in LANGS}

    def parse(self, field, raw, db, zone):
        for lang in LANGS:
            _check_characters(language_name(field.label, lang), raw.get(lang), self.lines)
        texts = {lang: (raw.get(lang) or "").strip() for lang in LANGS}
        for text in texts.values():
            _check_length(field, text)
        if field.required and not any(texts.values()):
            raise Invalid(_("Write this in at least one language (Kazakh or Russian first)."))
        return tri(texts)

    def to_form(self, field, stored, zone):
        return tri_from_db(stored) if isinstance(stored, str) or stored is None else stored

    def show(self, field, stored, lang, db, zone):
        return pick(tri_from_db(stored), lang)

    def for_audit(self, field, stored):
        return json.loads(stored) if isinstance(stored, str) else stored


class Bool(Text):
    """A checkbox, stored as 0 or 1."""

    def raw(self, field, form):
        return form.get(field.name) in ("1", "on", "true")

    def parse(self, field, raw, db, zone):
        return int(bool(raw))

    def to_form(self, field, stored, zone):
        return bool(stored)

    def show(self, field, stored, lang, db, zone):
        return _("yes") if stored else _("no")


class Weekdays(Text):
    """Checkboxes Mon..Sun, stored as a JSON list of ISO weekdays, or NULL for every day."""

    def raw(self, field, form):
        return form.getlist(field.name)

    def parse(self, field, raw, db, zone):
        days = set()
        for item in raw or ():
            text = str(item).strip()
            if not (text.isdigit() and int(text) in ALL_WEEKDAYS):
                raise Invalid(_("Tick days from Monday to Sunday."))
            days.add(int(text))
        if not days or days == set(ALL_WEEKDAYS):
            return None
        return json.dumps(sorted(days), separators=(",", ":"))

    def to_form(self, field, stored, zone):
        return weekday_list(stored)

    def show(self, field, stored, lang, db, zone):
        return weekdays_text(stored)

    def for_audit(self, field, stored):
        return weekday_list(stored) or None


KINDS = {
    "text": Text(),
    "textarea": Text(lines=True),
    "tri": Tri(),
    "tri_area": Tri(lines=True),  # trilingual, several lines each
    "int": Number(int, _l("Enter a whole number, e.g. 90.")),
    "float": Float(float, _l("Enter a number, e.g. 0.5 or 10000.")),
    "date": Date(),
    "time": Pattern(TIME_RE, _l("Enter a time like 09:30 (24-hour clock).")),
    "instant": Instant(),
    "bool": Bool(),
    "choice": Choice(),
    "url": Pattern(URL_RE, _l("Enter a full web address starting with https://, e.g. https://office.sud.kz.")),
    "code": Pattern(CODE_RE, _l("Use lowercase Latin letters, digits and dashes, e.g. property-individual.")),
    # a code that may also hold underscores, e.g. a fee's claim kind non_property
    "key": Pattern(KEY_RE, _l("Use lowercase Latin letters, digits, dashes and underscores, e.g. non_property.")),
    "phone": Pattern(PHONE_RE, _l("Enter a phone number with digits, spaces, +, - or brackets, "
                                  "e.g. +7 7292 50-10-20.")),
    "lines": Lines(),
    "weekdays": Weekdays(),
    "file": File(),
}
TRI_KINDS = frozenset(name for name, kind in KINDS.items() if isinstance(kind, Tri))


def _check_characters(name: str, text, lines: bool) -> None:
    sentence = refusal(text, name, lines=lines)
    if sentence:
        raise Invalid(sentence)


def _check_length(field: Field, text: str) -> None:
    if len(text) > field.max_length:
        raise Invalid(_("This is too long: at most %(n)d characters.", n=field.max_length))


def _plain(n) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


# --- what the rest of the admin calls -------------------------------------------

def raw_value(field: Field, form):
    """What the person typed, kept to show again next to an error."""
    return KINDS[field.kind].raw(field, form)


def parse(field: Field, raw, *, db=None, zone=dt.timezone.utc):
    """The value to store for `raw` (from raw_value), or raise Invalid."""
    return KINDS[field.kind].parse(field, raw, db, zone)


def to_form(field: Field, stored, *, zone=dt.timezone.utc):
    """A stored value as the form shows it."""
    return KINDS[field.kind].to_form(field, stored, zone)


def show(field: Field, stored, lang: str, *, db=None, zone=dt.timezone.utc) -> str:
    """A stored value as one line of text for lists (escaped by the template)."""
    return KINDS[field.kind].show(field, stored, lang, db, zone)


def for_audit(field: Field, stored):
    return KINDS[field.kind].for_audit(field, stored)


def character_errors(fields, form) -> dict:
    """field name -> the sentence refusing its control or bidi characters, for a hand-written form that
    posts these fields but stores them its own way (e.g. admin/hearings.py)."""
    errors = {}
    for f in fields:
        kind = KINDS[f.kind]
        keys = [(f"{f.name}.{lang}", language_name(f.label, lang)) for lang in LANGS] if isinstance(kind, Tri) \
            else [(f.name, str(f.label))]
        try:
            for key, name in keys:
                for value in form.getlist(key):
                    _check_characters(name, value, kind.lines)
        except Invalid as e:
            errors[f.name] = str(e)
    return errors
