"""Trilingual texts: ``{"kk": ..., "ru": ..., "en": ...}``.

A missing or empty language falls back to Russian, then to any non-empty one
(see docs/manifest.md).

Also the one rule of which characters a text may not hold (`bad_characters`): the admin's forms,
the file names of uploads and the manifest check all use it.
"""
import re

LANGS = ("kk", "ru", "en")
FALLBACK = "ru"


def pick(text, lang):
    """Return the text to show in ``lang``.

    ``text`` is a trilingual dict, a plain string (returned as is) or None
    (gives ""). Anything else gives "".
    """
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    if not isinstance(text, dict):
        return ""
    for key in (lang, FALLBACK, *LANGS):
        value = text.get(key)
        if isinstance(value, str) and value:
            return value
    for value in text.values():
        if isinstance(value, str) and value:
            return value
    return ""


# --- characters a text may not hold ---------------------------------------------------------------------
# Characters that no one types on purpose and that kiosks and browsers show differently, or not at all:
# - C0 controls U+0000-U+001F, DEL and the C1 controls U+0080-U+009F (a NUL ends a string early in the
#   kiosk's text renderer, a browser shows it as U+FFFD and saves that back);
# - the bidi embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069: they reorder what
#   follows, so one stored title reads as different words in the admin, on the kiosk and on the phone;
# - the bidi marks LRM U+200E, RLM U+200F and ALM U+061C: invisible, no Kazakh, Russian or English text
#   needs them, and they still move neighbouring digits and punctuation and make "204" and "204<LRM>"
#   two different room numbers that look the same;
# - the line and paragraph separators U+2028/U+2029 (a line break to some renderers, a space to others)
#   and lone surrogates (no UTF-8 text can hold them; writing one out fails).
# A text that takes lines (an announcement, "how to get there") may hold tabs and line breaks: LF, or
# CR only as part of CRLF (what browsers send from a textarea). Everything else visible is allowed,
# including U+FFFD, zero-width joiners and soft hyphens: they look the same everywhere.
NEVER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                   "\u2028\u2029\ud800-\udfff]")
LINE_BREAKS = re.compile("[\t\n\r]")  # only where a text takes lines
_LONE_CR = re.compile("\r(?!\n)")


def bad_characters(text, *, lines=False):
    """The distinct characters ``text`` may not hold, in order of appearance ([] when it is clean).

    ``lines``: the text takes several lines, so tab, LF and CRLF are allowed (a lone CR is not).
    """
    if not isinstance(text, str):
        return []
    found = NEVER.findall(text)
    if lines:
        found += _LONE_CR.findall(text)
    else:
        found += LINE_BREAKS.findall(text)
    return sorted(set(found), key=text.index)


def code_points(chars):
    """Characters as people can look them up: "U+202E, U+0000"."""
    return ", ".join(f"U+{ord(c):04X}" for c in chars)


def without_bad_characters(text):
    """``text`` with every character a single-line text may not hold removed (for file names)."""
    return LINE_BREAKS.sub("", NEVER.sub("", text))
