"""The claim-template search of the templates screen.

It looks in every language's title and description, without case, and treats ё
as е, so "неке", "НЕКЕ" and "брак" all find a divorce claim. Kivy-free (tested
without a window).
"""

from court_contract.text import LANGS


def _norm(text):
    return (text or "").casefold().replace("ё", "е")


def matches(template, query):
    """True if every word of ``query`` occurs in the template's title or description."""
    words = _norm(query).split()
    if not words:
        return True
    haystack = " ".join(_norm(template.get(field, {}).get(lang, "")) for field in ("title", "description")
                        for lang in LANGS if isinstance(template.get(field), dict))
    return all(word in haystack for word in words)


def search(templates, query, category=""):
    return [tpl for tpl in templates if (not category or tpl.get("category") == category) and matches(tpl, query)]
