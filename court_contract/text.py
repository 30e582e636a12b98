"""Trilingual texts: ``{"kk": ..., "ru": ..., "en": ...}``.

A missing or empty language falls back to Russian, then to any non-empty one
(see docs/manifest.md).
"""

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
