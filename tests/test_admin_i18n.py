"""The admin speaks Kazakh, Russian and English: every message is translated, per user."""
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from admin_server.admin.i18n import catalog_path, compile_catalog
from tests.support.admin import Staff, admin, app, data_dir, make_user  # noqa: F401

REPO = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def source_messages() -> set:
    """Every translatable message in the admin's Python code and templates."""
    found = set()
    for sub, method in (("admin_server/admin", "python"), ("admin_server/templates/admin", "jinja2")):
        pattern = "**.py" if method == "python" else "**.html"
        for _file, _line, message, _comments, _ctx in extract_from_dir(
                REPO / sub, method_map=[(pattern, method)],
                keywords={"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}):
            found.add(message)
    return found


def test_extraction_finds_the_messages():
    messages = source_messages()
    assert "Sign in" in messages and "Wrong user name or password." in messages
    assert ("%(num)d entry", "%(num)d entries") in messages
    assert len(messages) > 300


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_every_message_is_translated(lang):
    with open(catalog_path(lang), "rb") as f:
        catalog = read_po(f, locale=lang)
    missing, bad = [], []
    for message in source_messages():
        key = message[0] if isinstance(message, tuple) else message
        entry = catalog.get(key)
        strings = entry and (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        if not entry or not all(strings):
            missing.append(key)
            continue
        for s in strings:
            if set(PLACEHOLDER.findall(s)) != set(PLACEHOLDER.findall(key)):
                bad.append((key, s))
    assert missing == [], f"untranslated in {lang}: {missing[:10]}"
    assert bad == [], f"placeholders differ in {lang}: {bad[:5]}"


def test_catalogs_compile_in_memory():
    assert compile_catalog("kk").gettext("Sign in") == "Кіру"
    assert compile_catalog("ru").gettext("Sign in") == "Войти"
    assert compile_catalog("en").gettext("Sign in") == "Sign in"  # the source language has no catalog


@pytest.mark.parametrize("lang, text", [("kk", "Кіру"), ("ru", "Войти"), ("en", "Sign in")])
def test_sign_in_page_in_each_language(app, lang, text):
    client = app.test_client()
    body = client.get(f"/admin/login?lang={lang}").get_data(as_text=True)
    assert f'<html lang="{lang}">' in body and f">{text}</button>" in body
    # The choice sticks for the session.
    assert f'<html lang="{lang}">' in client.get("/admin/login").get_data(as_text=True)


def test_browser_language_before_sign_in(app):
    client = app.test_client()
    body = client.get("/admin/login", headers={"Accept-Language": "kk-KZ,kk;q=0.9"}).get_data(as_text=True)
    assert 'lang="kk"' in body


@pytest.mark.parametrize("lang, dashboard, plural", [
    ("kk", "Шолу", "жарияланбаған өзгеріс"),
    ("ru", "Обзор", "неопубликованных изменения"),
    ("en", "Dashboard", "unpublished changes"),
])
def test_each_user_gets_their_language(app, data_dir, lang, dashboard, plural):
    make_user(data_dir, f"user-{lang}", "publisher", lang)
    staff = Staff(app)
    staff.login(f"user-{lang}")
    for i in range(2):
        staff.post("/admin/links/new", {"title.ru": f"L{i}", "kind": "social", "url": "https://t.me/x"})
    body = staff.get("/admin/").get_data(as_text=True)
    assert f'<html lang="{lang}">' in body and dashboard in body and plural in body
    # Validation sentences come in the user's language too.
    r = staff.post("/admin/links/new", {"title.ru": "x", "kind": "social", "url": "nope"})
    expected = {"kk": "https:// деп басталатын", "ru": "начинающийся с https://", "en": "starting with https://"}
    assert expected[lang] in r.get_data(as_text=True)
