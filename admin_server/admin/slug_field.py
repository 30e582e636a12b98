"""The web address name ("slug") of a form, filled from its title (admin_server/slugs.py does the letters).

A crud Spec with `slug=(slug field, title field)` gets, when a form is saved: an empty slug filled from the
title (Kazakh, else Russian, else English: the order the form's title columns are typed in, so the name
does not change under the person while they add the translations), a slug typed in Cyrillic or capitals
transliterated rather than refused, a clash with another row's slug settled with -2, -3 ..., and a
sentence for what still cannot be a slug. The page's script fills the field live the same way.
"""
import json

from flask_babel import gettext as _

from court_contract.text import bad_characters

from .. import crud_store, slugs
from ..content import LANGS

TITLE_ORDER = ("kk", "ru", "en")
assert sorted(TITLE_ORDER) == sorted(LANGS)


def title_text(title: dict | None) -> str:
    """The title's text the slug comes from: the first language of TITLE_ORDER that has one."""
    title = title or {}
    return next((title[lang].strip() for lang in TITLE_ORDER if (title.get(lang) or "").strip()), "")


def script_attributes() -> dict:
    """What the page's script needs to fill the field the way `fill` does (data-* attributes)."""
    return {"data-translit": json.dumps(slugs.CYRILLIC_TO_LATIN, ensure_ascii=False, separators=(",", ":")),
            "data-title-order": " ".join(TITLE_ORDER), "data-max-length": slugs.MAX_LENGTH}


def fill(db, spec, values: dict, raws: dict, errors: dict, row) -> str | None:
    """Put the slug to store into values[field] (or a sentence into errors[field]).

    Returns a sentence for the person when the stored name differs from what they typed (taken, or letters
    changed), else None.
    """
    field, title_field = spec.slug
    if field not in raws:  # fixed after creation (a category's code)
        return None
    if bad_characters(raws.get(field)):  # control characters or a line break: fields.py's refusal stands
        return None
    typed = (raws.get(field) or "").strip()
    if typed:
        slug, bad = slugs.from_typed(typed)
        if bad:
            errors[field] = _bad_letters(bad, slug)
            return None
        if len(slug) > slugs.MAX_LENGTH:
            errors[field] = _("The web address name is too long: at most %(max)d characters, this one has %(n)d.",
                              max=slugs.MAX_LENGTH, n=len(slug))
            return None
    else:
        slug = slugs.slugify(title_text(raws.get(title_field) if isinstance(raws.get(title_field), dict) else {}))
        if not slug:
            if title_field not in errors:
                errors[field] = _("The title has no letters or digits to make a web address name from; "
                                  "type one, e.g. divorce.")
            return None
    other = row[spec.pk] if row is not None else None
    free = slugs.unique(slug, lambda s: crud_store.is_taken(db, spec.table, field, s, spec.pk, other))
    values[field] = free
    errors.pop(field, None)
    if row is not None and row[field] != free:
        return _("The web address name is now “%(slug)s” (it was “%(old)s”): QR codes printed with the old one "
                 "no longer work.", slug=free, old=row[field])
    if free != slug:
        return _("The web address name “%(taken)s” is already used, so this one is “%(slug)s”.",
                 taken=slug, slug=free)
    if typed and slug != typed:
        return _("The web address name was written in Latin letters: “%(slug)s”.", slug=slug)
    return None


def _bad_letters(bad: list[str], slug: str) -> str:
    shown = " ".join(f"“{c}”" for c in bad)
    example = slugs.slugify(slug)
    if example:
        return _("A web address name can hold only Latin letters, digits and dashes, so %(letters)s cannot be "
                 "in it. For example: “%(example)s”.", letters=shown, example=example)
    return _("A web address name can hold only Latin letters, digits and dashes, so %(letters)s cannot be in it. "
             "Leave it empty to have it filled from the title.", letters=shown)
