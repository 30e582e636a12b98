"""Texts and template files missing in some language: listed on the publish page as a warning, never a block.

`admin_server.missing_languages.missing` reads the drafts' manifest content; the publish page names each item,
its texts' missing languages (and a template's missing files), with a link to edit it.
"""
import copy
import html
import json
import re

import pytest

from admin_server.missing_languages import SECTIONS, Gap, missing, missing_in
from tests.support.admin import Staff, admin, app, data_dir, db_for, drafts, make_user  # noqa: F401 (fixtures)
from tests.support.manifests import build_manifest

ALL_FILES = {"kk": b"divorce kk", "ru": b"divorce ru", "en": b"divorce en"}


@pytest.fixture
def complete():
    """A manifest with every text and file in all three languages, plus a room and a holiday."""
    content = build_manifest(templates=ALL_FILES)
    full = {"kk": "Зал", "ru": "Зал", "en": "Hall"}
    content["rooms"] = [{"id": 7, "number": "204", "name": full, "floor": 2, "wing": full, "way": full, "plan": None}]
    content["holidays"] = [{"date": "2026-12-16", "name": {"kk": "Тәуелсіздік", "ru": "Независимость",
                                                           "en": "Independence"}, "working": False}]
    for section, (_key, _name, fields) in SECTIONS.items():  # the sample's fee notes are Russian only
        for item in _items(content, section):
            for f in fields:
                written = next(v for v in [*item[f].values(), "—"] if v)
                item[f] = {lang: item[f].get(lang) or written for lang in ("kk", "ru", "en")}
    assert missing(content) == []
    return content


@pytest.mark.parametrize("text, gap", [
    ({"kk": "Сот", "ru": "Суд", "en": "Court"}, ()),
    ({"kk": "", "ru": "", "en": ""}, ()),                      # nothing written: not a translation to do
    ({"kk": "", "ru": "Суд", "en": ""}, ("kk", "en")),
    ({"kk": "Сот", "ru": "  ", "en": "Court"}, ("ru",)),      # spaces are nothing
    ({"kk": "Сот"}, ("ru", "en")),                             # a language left out altogether
    ("Суд", ()), (None, ()),
])
def test_which_texts_miss_a_language(text, gap):
    assert missing_in(text) == gap


def _items(content, section):
    return [content[section]] if SECTIONS[section][0] is None else content[section]


@pytest.mark.parametrize("section, field", [(s, f) for s, (_k, _n, fields) in SECTIONS.items() for f in fields])
def test_every_text_of_every_published_kind_is_looked_at(complete, section, field):
    content = copy.deepcopy(complete)
    item = _items(content, section)[0]
    item[field] = {"kk": "", "ru": "Только по-русски", "en": ""}
    gaps = missing(content)
    assert len(gaps) == 1
    gap = gaps[0]
    key_field = SECTIONS[section][0]
    assert gap.section == section and gap.key == (item[key_field] if key_field else None)
    assert gap.texts == ((field, ("kk", "en")),) and gap.files == ()


def test_a_template_without_a_file_in_a_language_is_listed_with_its_other_gaps(complete):
    content = copy.deepcopy(complete)
    template = content["templates"][0]
    del template["files"]["kk"], template["files"]["en"]
    template["description"] = {"kk": "Үлгі", "ru": "Образец", "en": ""}
    assert missing(content) == [Gap("templates", "divorce", template["title"], (("description", ("en",)),),
                                    ("kk", "en"))]


def test_a_room_is_named_by_its_number_and_name(complete):
    content = copy.deepcopy(complete)
    content["rooms"][0]["way"] = {"kk": "", "ru": "Второй этаж", "en": ""}
    (gap,) = missing(content)
    assert gap.name == {"kk": "204 — Зал", "ru": "204 — Зал", "en": "204 — Hall"}


def test_gaps_come_in_the_menus_order_and_each_item_once(complete):
    content = copy.deepcopy(complete)
    content["links"][0]["title"] = {"kk": "", "ru": "Кабинет", "en": ""}
    content["links"][0]["description"] = {"kk": "", "ru": "Онлайн", "en": "Online"}
    content["court"]["address"] = {"kk": "", "ru": "Актау", "en": "Aktau"}
    gaps = missing(content)
    assert [(g.section, g.texts) for g in gaps] == [
        ("court", (("address", ("kk",)),)),
        ("links", (("title", ("kk", "en")), ("description", ("kk",)))),
    ]


# --- the publish page ------------------------------------------------------------------------------------

def _gap_items(body: str) -> list[str]:
    card = re.search(r'<section class="card missing-languages">(.*?)</section>', body, re.S)
    if card is None:
        return []
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", li)).split())
            for li in re.findall(r"<li>(.*?)</li>", card.group(1), re.S)]


def test_the_publish_page_lists_what_is_missing_with_links_to_edit_it(admin, drafts):
    body = admin.get("/admin/publish/").get_data(as_text=True)
    assert "Missing languages (2)" in body
    items = _gap_items(body)
    assert items == [
        "Claim templates: Развод — Title missing in Қазақша, English; no file in Қазақша, English",
        "Announcements: Объявление — Text missing in English",
    ]
    assert f'href="/admin/templates/{drafts["template"]}/edit"' in body
    assert f'href="/admin/announcements/{drafts["announcement"]}/edit"' in body
    assert "Кабинет" not in " ".join(items)  # the complete link is not listed


def test_publishing_still_works_with_the_warning(admin, data_dir, drafts):
    r = admin.post("/admin/publish/", {"note": "with gaps"})
    assert r.status_code == 303
    assert db_for(data_dir)["published_versions"].count == 1
    body = admin.get("/admin/publish/").get_data(as_text=True)
    assert "Published version 1" in html.unescape(body)
    assert len(_gap_items(body)) == 2  # still said after publishing: the gaps are still there


def test_switched_off_items_and_complete_content_are_not_warned_about(admin, data_dir, drafts):
    db = db_for(data_dir)
    with db.atomic():
        db["announcements"].update(drafts["announcement"], {"enabled": 0})
        db["templates"].update(drafts["template"], {"enabled": 0})
    body = admin.get("/admin/publish/").get_data(as_text=True)
    assert _gap_items(body) == [] and "missing-languages" not in body


def test_the_court_links_to_settings_for_an_administrator_only(app, admin, data_dir):
    from admin_server.content import set_settings

    db = db_for(data_dir)
    with db.atomic():
        set_settings(db, {"court_name": {"kk": "", "ru": "Мангистауский суд", "en": ""}})
    body = admin.get("/admin/publish/").get_data(as_text=True)
    assert _gap_items(body) == ["Court details: Мангистауский суд — Court name missing in Қазақша, English"]
    assert 'href="/admin/settings/">Мангистауский суд' in body
    make_user(data_dir, "pub", "publisher")
    publisher = Staff(app)
    assert publisher.login("pub").status_code == 303
    body = publisher.get("/admin/publish/").get_data(as_text=True)
    assert _gap_items(body) and 'href="/admin/settings/">Мангистауский' not in body


def test_the_demo_court_is_in_all_three_languages(admin, data_dir):
    """The shipped demo court (what `make demo` publishes) has nothing to warn about."""
    from admin_server.testing import run_cli

    assert run_cli(data_dir, "seed-demo") == 0
    body = admin.get("/admin/publish/").get_data(as_text=True)
    assert "Claim templates" in body and _gap_items(body) == [] and "missing-languages" not in body


def test_the_warning_speaks_the_publishers_language(app, admin, data_dir, drafts):
    make_user(data_dir, "pub-ru", "publisher", "ru")
    publisher = Staff(app)
    assert publisher.login("pub-ru").status_code == 303
    body = html.unescape(publisher.get("/admin/publish/").get_data(as_text=True))
    assert "Не хватает языков (2)" in body
    assert _gap_items(body)[1] == "Объявления: Объявление — Текст — нет: English"
