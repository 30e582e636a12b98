"""A court's first week: the web address name (slug) of a template or category is filled from its title in
Latin letters, Cyrillic typed into it is transliterated, a clash gets -2, -3, and what still cannot be a slug
gets a sentence."""
import json
import re

import pytest

from admin_server import slugs
from admin_server.admin.slug_field import TITLE_ORDER, title_text
from tests.support.admin import add_category, admin, app, audit_rows, data_dir, db_for, make_user  # noqa: F401
from tests.support.staff import Staff, flashes

KAZAKH_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"


@pytest.fixture
def editor(admin):
    add_category(admin)
    return admin


# --- the table and the steps ------------------------------------------------------------------

def test_every_letter_of_the_kazakh_alphabet_has_a_latin_form():
    for letter in KAZAKH_ALPHABET + KAZAKH_ALPHABET.upper():
        latin = slugs.transliterate(letter)
        assert re.fullmatch(r"[a-z]*", latin), (letter, latin)
        assert latin or letter.lower() in "ъь", letter


@pytest.mark.parametrize("kazakh, latin", [("ә", "a"), ("ғ", "g"), ("қ", "q"), ("ң", "n"), ("ө", "o"),
                                           ("ұ", "u"), ("ү", "u"), ("һ", "h"), ("і", "i")])
def test_the_kazakh_letters_follow_the_latin_alphabet_without_marks(kazakh, latin):
    assert slugs.CYRILLIC_TO_LATIN[kazakh] == latin
    assert slugs.slugify(kazakh.upper() * 2) == latin * 2


def test_qaf_and_kaf_stay_apart():
    assert slugs.slugify("қарыз") == "qaryz" and slugs.slugify("карыз") == "karyz"


@pytest.mark.parametrize("title, slug", [
    ("Некені бұзу туралы талап қою", "nekeni-buzu-turaly-talap-qoyu"),
    ("Иск о расторжении брака", "isk-o-rastorzhenii-braka"),
    ("Алимент өндіріп алу туралы", "aliment-ondirip-alu-turaly"),
    ("Об определении места жительства ребёнка", "ob-opredelenii-mesta-zhitelstva-rebenka"),
    ("Заявление о вынесении судебного приказа", "zayavlenie-o-vynesenii-sudebnogo-prikaza"),
    ("Divorce claim", "divorce-claim"),
    ("  «Мировое соглашение» — 2024!  ", "mirovoe-soglashenie-2024"),
    ("Café Ünal", "cafe-unal"),
    ("Шағым / Жалоба", "shagym-zhaloba"),
    ("Съезд, щука, цех, хлеб, юг, яма, йод", "sezd-shchuka-tsekh-khleb-yug-yama-yod"),
    ("中文", ""),
    ("!!!", ""),
])
def test_titles_become_slugs(title, slug):
    assert slugs.slugify(title) == slug
    assert slug == "" or slugs.is_slug(slug)


def test_a_long_title_is_cut_at_a_word_within_the_limit():
    slug = slugs.slugify("Заявление об установлении факта, имеющего юридическое значение, и о восстановлении срока")
    assert len(slug) <= slugs.MAX_LENGTH and slugs.is_slug(slug) and not slug.endswith("-")
    assert slug == "zayavlenie-ob-ustanovlenii-fakta-imeyushchego-yuridicheskoe"
    assert len(slugs.slugify("ы" * 200)) == slugs.MAX_LENGTH  # no dash to cut at: cut at the limit


@pytest.mark.parametrize("typed, slug, bad", [
    ("divorce", "divorce", []),
    ("Развод", "razvod", []),
    ("Иск о  разводе", "isk-o-razvode", []),
    ("-talaq_qoyu-", "talaq-qoyu", []),
    ("isk/развод?", "isk/razvod?", ["/", "?"]),
    ("divorce中", "divorce中", ["中"]),
])
def test_a_typed_slug_is_transliterated_and_what_is_left_named(typed, slug, bad):
    assert slugs.from_typed(typed) == (slug, bad)


def test_unique_adds_a_number_within_the_limit():
    taken = {"divorce", "divorce-2"}
    assert slugs.unique("divorce", taken.__contains__) == "divorce-3"
    assert slugs.unique("alimony", taken.__contains__) == "alimony"
    long = "a" * 40 + "-" + "b" * 22
    assert slugs.unique(long, {long}.__contains__) == "a" * 40 + "-2"


def test_the_title_order_is_kazakh_russian_english():
    assert TITLE_ORDER == ("kk", "ru", "en")
    assert title_text({"kk": "", "ru": "Развод", "en": "Divorce"}) == "Развод"
    assert title_text({"kk": " Ажырасу ", "ru": "Развод", "en": "Divorce"}) == "Ажырасу"
    assert title_text({"kk": " ", "ru": "", "en": "Divorce"}) == "Divorce"
    assert title_text({}) == ""


# --- the template form --------------------------------------------------------------------------

def new_template(staff, **fields):
    data = {"category": "family", "enabled": "1"} | {k.replace("__", "."): v for k, v in fields.items()}
    return staff.upload("/admin/templates/new", data, {})


def slugs_in_db(data_dir) -> list[str]:
    return [r["slug"] for r in db_for(data_dir).query("SELECT slug FROM templates ORDER BY id")]


@pytest.mark.parametrize("titles, slug", [
    ({"title__kk": "Некені бұзу туралы талап қою", "title__ru": "Иск о расторжении брака",
      "title__en": "Divorce claim"}, "nekeni-buzu-turaly-talap-qoyu"),
    ({"title__ru": "Иск о расторжении брака", "title__en": "Divorce claim"}, "isk-o-rastorzhenii-braka"),
    ({"title__en": "Divorce claim"}, "divorce-claim"),
])
def test_an_empty_slug_is_filled_from_the_first_title_in_kazakh_russian_english(editor, data_dir, titles, slug):
    r = new_template(editor, slug="", **titles)
    assert r.status_code == 303, r.get_data(as_text=True)
    assert slugs_in_db(data_dir) == [slug]


def test_a_clash_gets_2_then_3_and_says_so_when_the_name_was_typed(editor, data_dir):
    for _ in range(3):
        assert new_template(editor, title__kk="Алимент", slug="").status_code == 303
    assert slugs_in_db(data_dir) == ["aliment", "aliment-2", "aliment-3"]
    r = new_template(editor, title__ru="x", slug="aliment")
    assert r.status_code == 303
    assert slugs_in_db(data_dir)[-1] == "aliment-4"
    said = [m for _c, m in flashes(editor.get("/admin/templates/").get_data(as_text=True))]
    assert "The web address name “aliment” is already used, so this one is “aliment-4”." in said


def test_a_slug_typed_in_cyrillic_is_written_in_latin(editor, data_dir):
    r = new_template(editor, title__ru="Развод", slug="Иск о Разводе")
    assert r.status_code == 303
    assert slugs_in_db(data_dir) == ["isk-o-razvode"]
    said = [m for _c, m in flashes(editor.get("/admin/templates/").get_data(as_text=True))]
    assert "The web address name was written in Latin letters: “isk-o-razvode”." in said


def refusal(r) -> str:
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert 'id="err-slug"' in page and "Nothing was saved" in page
    return re.search(r'<p class="error" id="err-slug">(.*?)</p>', page, re.S).group(1)


def test_a_slug_with_a_slash_gets_a_sentence_naming_it_and_an_example(editor, data_dir):
    r = new_template(editor, title__ru="Развод", slug="isk/развод")
    said = refusal(r)
    assert "only Latin letters, digits and dashes, so “/” cannot be in it. For example: “isk-razvod”." in said
    assert 'value="isk/развод"' in r.get_data(as_text=True)  # what was typed stays
    assert slugs_in_db(data_dir) == []


def test_a_slug_of_symbols_only_says_to_leave_it_empty(editor, data_dir):
    said = refusal(new_template(editor, title__ru="Развод", slug="中文"))
    assert "“中” “文” cannot be in it. Leave it empty to have it filled from the title." in said


def test_a_slug_too_long_after_transliteration_is_refused(editor, data_dir):
    said = refusal(new_template(editor, title__ru="Развод", slug="щ" * 20))
    assert "too long: at most 63 characters, this one has 80." in said


def test_a_title_without_letters_cannot_make_a_slug(editor, data_dir):
    said = refusal(new_template(editor, title__ru="!!!", slug=""))
    assert "The title has no letters or digits to make a web address name from" in said


def test_a_missing_title_is_the_only_complaint(editor, data_dir):
    r = new_template(editor, slug="")
    page = r.get_data(as_text=True)
    assert r.status_code == 422 and 'id="err-title"' in page and 'id="err-slug"' not in page


def test_editing_keeps_its_own_slug_and_warns_when_it_changes(editor, data_dir):
    assert new_template(editor, title__ru="Развод", slug="").status_code == 303
    form = {"title.ru": "Развод", "category": "family", "enabled": "1"}
    assert editor.upload("/admin/templates/1/edit", form | {"slug": "razvod"}, {}).status_code == 303
    assert slugs_in_db(data_dir) == ["razvod"]  # not razvod-2: its own name is no clash
    assert editor.upload("/admin/templates/1/edit", form | {"slug": "Талақ"}, {}).status_code == 303
    assert slugs_in_db(data_dir) == ["talaq"]
    said = [m for _c, m in flashes(editor.get("/admin/templates/").get_data(as_text=True))]
    assert any("is now “talaq” (it was “razvod”): QR codes printed with the old one no longer work" in m
               for m in said)
    audit = [json.loads(a["new"]) for a in audit_rows(data_dir) if a["action"] == "update"]
    assert audit[-1]["slug"] == "talaq"


def test_the_new_form_names_the_field_in_plain_words_and_carries_the_table(editor):
    page = editor.get("/admin/templates/new").get_data(as_text=True)
    assert "Web address name (filled from the title)" in page and "(slug)" not in page
    tag = re.search(r'<input id="f-slug"[^>]*>', page, re.S).group(0)
    assert 'data-slug-from="title"' in tag and 'data-title-order="kk ru en"' in tag
    table = json.loads(re.search(r'data-translit="([^"]*)"', tag).group(1).replace("&#34;", '"'))
    assert table == slugs.CYRILLIC_TO_LATIN


def test_an_existing_templates_slug_does_not_follow_its_title(editor):
    assert new_template(editor, title__ru="Развод", slug="").status_code == 303
    page = editor.get("/admin/templates/1/edit").get_data(as_text=True)
    assert "data-slug-from" not in re.search(r'<input id="f-slug"[^>]*>', page, re.S).group(0)


@pytest.mark.parametrize("lang, label", [("kk", "Веб-мекенжайдағы аты (атауынан толтырылады)"),
                                         ("ru", "Имя в веб-адресе (заполняется из названия)")])
def test_the_label_in_kazakh_and_russian(app, data_dir, lang, label):
    make_user(data_dir, f"ed-{lang}", "editor", lang)
    staff = Staff(app)
    assert staff.login(f"ed-{lang}").status_code == 303
    assert label in staff.get("/admin/templates/new").get_data(as_text=True)


# --- categories -------------------------------------------------------------------------------------

def test_a_category_code_is_filled_from_its_title_and_then_fixed(admin, data_dir):
    r = admin.post("/admin/categories/new", {"title.kk": "Еңбек дауы", "title.ru": "Трудовые споры", "code": ""})
    assert r.status_code == 303, r.get_data(as_text=True)
    r = admin.post("/admin/categories/new", {"title.kk": "Еңбек дауы", "code": ""})
    assert r.status_code == 303
    codes = [c["code"] for c in db_for(data_dir).query("SELECT code FROM template_categories ORDER BY sort_order")]
    assert codes == ["enbek-dauy", "enbek-dauy-2"]
    page = admin.get("/admin/categories/new").get_data(as_text=True)
    assert "Short name (filled from the title)" in page and 'data-slug-from="title"' in page
    # On the edit page the code cannot change (and is not filled from the title).
    page = admin.get("/admin/categories/enbek-dauy/edit").get_data(as_text=True)
    tag = re.search(r'<input id="f-code"[^>]*>', page, re.S).group(0)
    assert "disabled" in tag and "data-slug-from" not in tag
    r = admin.post("/admin/categories/enbek-dauy/edit", {"title.kk": "Жаңа атау", "code": "other"})
    assert r.status_code == 303
    assert [c["code"] for c in db_for(data_dir)["template_categories"].rows] == ["enbek-dauy", "enbek-dauy-2"]


def test_a_category_code_typed_in_cyrillic_is_written_in_latin(admin, data_dir):
    assert admin.post("/admin/categories/new", {"title.ru": "Семья", "code": "Семья"}).status_code == 303
    assert [c["code"] for c in db_for(data_dir)["template_categories"].rows] == ["semya"]
