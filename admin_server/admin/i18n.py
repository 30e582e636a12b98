"""Admin UI language (kk / ru / en) through Flask-Babel and gettext catalogs.

English is the source language. The Kazakh and Russian catalogs are the .po
files in admin_server/translations; they are compiled in memory the first
time a language is used, so there is no .mo file to build or to go stale.
"""
import io
import threading
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations
from flask import g, request, session
from flask_babel import Babel, Domain

TRANSLATIONS_DIR = Path(__file__).resolve().parent.parent / "translations"
LANGUAGES = {"kk": "Қазақша", "ru": "Русский", "en": "English"}
DEFAULT_LANGUAGE = "ru"


def catalog_path(lang: str) -> Path:
    return TRANSLATIONS_DIR / lang / "LC_MESSAGES" / "messages.po"


def compile_catalog(lang: str) -> Translations:
    path = catalog_path(lang)
    if not path.exists():
        return Translations()
    with open(path, "rb") as f:
        catalog = read_po(f, locale=lang)
    buf = io.BytesIO()
    write_mo(buf, catalog)
    buf.seek(0)
    return Translations(fp=buf)


class PoDomain(Domain):
    """A domain that reads .po catalogs; compiled ones are kept for the process."""

    def __init__(self):
        super().__init__()
        self._lock = threading.Lock()
        self._compiled: dict[str, Translations] = {}

    def get_translations(self):
        lang = select_language()
        with self._lock:
            if lang not in self._compiled:
                self._compiled[lang] = compile_catalog(lang)
            return self._compiled[lang]


class AdminBabel(Babel):
    def __init__(self, *args, **kwargs):
        self._po_domain = PoDomain()
        super().__init__(*args, **kwargs)

    @property
    def domain_instance(self):
        return self._po_domain


def select_language() -> str:
    """The signed-in user's language; before sign-in the one picked on the page or the browser's."""
    try:
        user = g.get("user")
    except RuntimeError:  # outside a request
        return "en"
    if user is not None and user["language"] in LANGUAGES:
        return user["language"]
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    return browser_language()


def browser_language() -> str:
    """The first of the browser's Accept-Language (by preference) we have; "kk-KZ" and "kk_KZ" count as kk.
    A wildcard says nothing about Kazakh or Russian, so it gets the default, not the first language listed."""
    for value, quality in request.accept_languages:
        primary = value.replace("_", "-").split("-")[0].lower()
        if quality > 0 and primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE


def init_app(app) -> None:
    AdminBabel(app, locale_selector=select_language)
