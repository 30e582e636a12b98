"""The dashboard counts the draft items that miss a language (a warning, never a block) and links the
publish page's list of them (admin_server/missing_languages.py)."""
import re

from admin_server.admin import dashboard
from admin_server.testing import run_cli
from tests.support.admin import Staff, admin, app, data_dir, db_for, drafts, make_user  # noqa: F401 (fixtures)

WARNING = re.compile(r'<p class="warn language-gaps">(.*?)</p>', re.S)
LINK = 'href="/admin/publish/#missing-languages"'


def warning(staff) -> str | None:
    r = staff.get("/admin/")
    assert r.status_code == 200
    found = WARNING.search(r.get_data(as_text=True))
    return found and found.group(1)


def test_the_count_links_the_publish_pages_list(admin, drafts):  # noqa: F811
    said = warning(admin)
    assert said and "2 items miss a language" in said and LINK in said and "publish anyway" in said
    publish = admin.get("/admin/publish/").get_data(as_text=True)
    assert 'id="missing-languages"' in publish and "Missing languages (2)" in publish  # the link's target


def test_one_item_is_said_in_the_singular(admin, data_dir, drafts):  # noqa: F811
    db = db_for(data_dir)
    with db.atomic():
        db["announcements"].update(drafts["announcement"], {"enabled": 0})  # a switched-off item is no gap
    assert "1 item misses a language" in warning(admin)


def test_an_editor_sees_the_count_without_the_publishers_link(app, data_dir, drafts):  # noqa: F811
    make_user(data_dir, "ed", "editor")
    editor = Staff(app)
    assert editor.login("ed").status_code == 303
    said = warning(editor)
    assert "2 items miss a language" in said and LINK not in said


def test_complete_content_has_no_warning(admin, data_dir):  # noqa: F811
    assert run_cli(data_dir, "seed-demo") == 0  # the demo court is in all three languages
    assert warning(admin) is None


def test_drafts_that_cannot_be_built_give_no_count_and_still_a_page(admin, drafts, monkeypatch):  # noqa: F811
    monkeypatch.setattr(dashboard, "draft_content", lambda db: (None, "A file of the drafts is missing."))
    r = admin.get("/admin/")
    body = r.get_data(as_text=True)
    assert r.status_code == 200 and "A file of the drafts is missing." in body and not WARNING.search(body)
