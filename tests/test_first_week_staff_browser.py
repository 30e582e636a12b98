"""A court's first week in a real browser (Debian's Chromium via Playwright) against the real server: the
staff member types a Kazakh title and sees the web address name filled in Latin, gets a form refused for one
field with the chosen files kept, saves it without choosing the files again, puts a new template first and
moves another one to the top.

Screenshots go to test-artifacts/admin/ (fw-*.png).
"""
import hashlib
import json

import pytest
import requests

from admin_server import slugs
from admin_server.publish import latest
from admin_server.testing import start_server
from tests.support.admin import db_for, docx_bytes, new_data_dir, PDF_BYTES
from tests.support.browser import browser, page, shot, sign_in  # noqa: F401 (fixtures)

pytestmark = pytest.mark.timeout(240)

KK_TITLE = "Некені бұзу туралы талап қою"


@pytest.fixture
def server(tmp_path):
    data = new_data_dir(tmp_path / "data", admin="chief")
    running = start_server(data)
    yield running
    running.stop()


def templates_order(data_dir) -> list[str]:
    db = db_for(data_dir)
    try:
        return [r["slug"] for r in db.query("SELECT slug FROM templates ORDER BY sort_order, id")]
    finally:
        db.conn.close()


def listed_slugs(page) -> list[str]:
    return page.locator("table.list tbody td:nth-child(3)").all_inner_texts()  # order, title, slug


def add_category(page, base, kk, ru, en):
    page.goto(base + "/admin/categories/new")
    page.fill("input[name='title.kk']", kk)
    page.fill("input[name='title.ru']", ru)
    page.fill("input[name='title.en']", en)
    code = page.input_value("#f-code")
    assert code == slugs.slugify(kk)  # filled from the Kazakh title as it was typed
    page.click("form.edit button[type=submit]")
    page.wait_for_url(base + "/admin/categories/")
    return code


def new_template(page, base, title_ru, category, position=None):
    page.goto(base + "/admin/templates/new")
    page.fill("input[name='title.ru']", title_ru)
    page.select_option("#f-category", category)
    if position:
        page.select_option("#f-position", position)
    page.click("form.edit button[type=submit]")
    page.wait_for_url(base + "/admin/templates/")


def test_the_staff_path_through_a_template(page, server, tmp_path):
    base = server.url
    sign_in(page, base, "chief")
    family = add_category(page, base, "Отбасы", "Семья", "Family")
    assert family == "otbasy"

    # A Kazakh title, typed key by key, fills the web address name in Latin letters.
    page.goto(base + "/admin/templates/new")
    assert "Web address name (filled from the title)" in page.inner_text("form.edit")
    page.locator("input[name='title.kk']").press_sequentially(KK_TITLE, delay=5)
    assert page.input_value("#f-slug") == "nekeni-buzu-turaly-talap-qoyu" == slugs.slugify(KK_TITLE)
    # Adding the Russian and English titles does not change it (Kazakh comes first).
    page.fill("input[name='title.ru']", "Иск о расторжении брака")
    page.fill("input[name='title.en']", "Divorce claim")
    assert page.input_value("#f-slug") == "nekeni-buzu-turaly-talap-qoyu"
    shot(page, "fw-01-slug-from-kazakh-title")
    # The page's script and the server make the same name from any title.
    for title in ("Әкелікті анықтау және алимент өндіріп алу", "Ерлі-зайыптылардың мүлкін бөлу",
                  "Об определении места жительства ребёнка", "  «Мировое соглашение» — 2024!  ", "Café Ünal",
                  "Заявление об установлении факта, имеющего юридическое значение, и о восстановлении срока"):
        page.fill("input[name='title.kk']", title)
        assert page.input_value("#f-slug") == slugs.slugify(title), title
    page.fill("input[name='title.kk']", KK_TITLE)

    # The files are chosen, and the name is typed by hand with a slash: the form is refused with a sentence.
    kk_file, ru_file = tmp_path / "divorce-kk.docx", tmp_path / "divorce-ru.pdf"
    kk_file.write_bytes(docx_bytes("Неке бұзу туралы талап қою"))
    ru_file.write_bytes(PDF_BYTES)
    page.set_input_files("#f-file_kk", str(kk_file))
    page.set_input_files("#f-file_ru", str(ru_file))
    page.fill("#f-slug", "талақ/қою")
    page.locator("#f-slug").blur()
    assert page.input_value("#f-slug") == "talaq/qoyu"  # Cyrillic turned Latin when the field was left
    page.select_option("#f-category", family)
    assert page.input_value("#f-position") == "first"
    page.click("form.edit button[type=submit]")
    page.wait_for_selector("#err-slug")
    assert "so “/” cannot be in it. For example: “talaq-qoyu”." in page.inner_text("#err-slug")
    assert "The files that passed their checks are kept" in page.inner_text("[role=status]")
    for field, name in (("file_kk", "divorce-kk.docx"), ("file_ru", "divorce-ru.pdf")):
        assert f"{name} (" in page.inner_text(f"#kept-{field}")
        assert "kept, already checked" in page.inner_text(f"#kept-{field}")
    assert page.input_value("input[name='title.kk']") == KK_TITLE
    shot(page, "fw-02-refused-files-kept")

    # Fixed, and saved without choosing the files again.
    page.fill("#f-slug", "")
    page.fill("#f-slug", "divorce")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(base + "/admin/templates/")
    assert "Added “Divorce claim”." in page.inner_text("main")  # the English title for an English-speaking user
    db = db_for(server.data_dir)
    files = {r["lang"]: r for r in db.query("SELECT lang, name, sha256 FROM template_files")}
    db.conn.close()
    assert files["kk"]["sha256"] == hashlib.sha256(kk_file.read_bytes()).hexdigest()
    assert files["ru"]["sha256"] == hashlib.sha256(ru_file.read_bytes()).hexdigest()
    page.goto(base + "/admin/templates/1/edit")
    for lang, path in (("kk", kk_file), ("ru", ru_file)):
        download = page.request.get(f"{base}/admin/templates/1/file/{lang}")
        assert download.ok and download.body() == path.read_bytes()
    assert "divorce-kk.docx" in page.inner_text("form.edit") and "divorce-ru.pdf" in page.inner_text("form.edit")

    # Two more templates at the end, then a new one first: it is first in the list and in the manifest.
    new_template(page, base, "О взыскании алиментов", family, "last")
    new_template(page, base, "Мировое соглашение", family, "last")
    new_template(page, base, "Апелляционная жалоба", family, "first")
    order = ["apellyatsionnaya-zhaloba", "divorce", "o-vzyskanii-alimentov", "mirovoe-soglashenie"]
    assert listed_slugs(page) == order == templates_order(server.data_dir)
    shot(page, "fw-03-new-template-first")

    # "To top" on the last one.
    row = page.locator("table.list tbody tr", has_text="mirovoe-soglashenie")
    row.get_by_role("button", name="Move to top: Мировое соглашение").click()
    page.wait_for_url(base + "/admin/templates/#row-*")
    assert "Moved “Мировое соглашение” to the top of the list." in page.inner_text("main")
    order = ["mirovoe-soglashenie", "apellyatsionnaya-zhaloba", "divorce", "o-vzyskanii-alimentov"]
    assert listed_slugs(page) == order == templates_order(server.data_dir)
    assert page.locator("table.list tbody tr").first.get_by_role("button", name="To top").is_disabled()
    shot(page, "fw-04-moved-to-top")

    # The publish page warns (and does not block) about what is missing in a language.
    page.goto(base + "/admin/publish/")
    assert page.inner_text("section.missing-languages h2").startswith("Missing languages")
    divorce = page.locator("section.missing-languages li", has_text="Divorce claim").inner_text()
    assert "no file in English" in divorce, divorce  # the kk and ru files only
    alimony = page.locator("section.missing-languages li", has_text="О взыскании алиментов").inner_text()
    assert "Title missing in Қазақша, English" in alimony, alimony  # a Russian title only (languages by their own names)
    shot(page, "fw-05-publish-missing-languages")
    page.click("text=Publish to all kiosks")
    page.wait_for_url(base + "/admin/publish/")
    manifest = requests.get(base + "/api/v1/manifest", timeout=5).json()
    assert [t["slug"] for t in manifest["templates"]] == order
    db = db_for(server.data_dir)
    assert [t["slug"] for t in json.loads(latest(db)["manifest"])["templates"]] == order
    db.conn.close()
    download = requests.get(base + "/t/divorce/file/kk", timeout=5)
    assert download.status_code == 200 and download.content == kk_file.read_bytes()

    page.goto(base + "/admin/audit/")
    assert "reorder" in page.inner_text("table.audit")


def test_in_kazakh_the_slug_stays_once_typed_by_hand_and_the_kept_file_is_explained(page, server, tmp_path):
    from admin_server.users import create_user
    from tests.support.staff import PASSWORD

    db = db_for(server.data_dir)
    with db.atomic():
        create_user(db, "aigul", PASSWORD, "editor", "kk")
    db.conn.close()
    base = server.url
    sign_in(page, base, "chief")
    add_category(page, base, "Берешек", "Долги", "Debts")
    page.click("header .who button")
    sign_in(page, base, "aigul")
    page.goto(base + "/admin/templates/new")
    assert "Веб-мекенжайдағы аты (атауынан толтырылады)" in page.inner_text("form.edit")
    page.fill("#f-slug", "debt")
    page.fill("input[name='title.kk']", "Берешекті өндіріп алу туралы")
    assert page.input_value("#f-slug") == "debt"  # typed by hand: the title no longer changes it
    page.fill("#f-slug", "")
    page.fill("input[name='title.kk']", "Берешекті өндіріп алу")
    assert page.input_value("#f-slug") == "bereshekti-ondirip-alu"  # emptied: it follows the title again

    # No category chosen: refused, the file kept, in Kazakh.
    kk_file = tmp_path / "bereshek-kk.docx"
    kk_file.write_bytes(docx_bytes("Берешекті өндіріп алу туралы талап қою"))
    page.set_input_files("#f-file_kk", str(kk_file))
    page.click("form.edit button[type=submit]")
    page.wait_for_selector("#err-category")
    assert "сақталды, тексерілген" in page.inner_text("#kept-file_kk")
    shot(page, "fw-05-kept-in-kazakh")
    page.select_option("#f-category", "bereshek")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(base + "/admin/templates/")
    assert templates_order(server.data_dir) == ["bereshekti-ondirip-alu"]
    db = db_for(server.data_dir)
    assert next(db.query("SELECT sha256 FROM template_files"))["sha256"] == \
        hashlib.sha256(kk_file.read_bytes()).hexdigest()
    db.conn.close()
