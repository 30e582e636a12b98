"""A court's first week: a new claim template takes the place staff choose (first by default, since only the
first ones fit on the kiosk's first screen), and the list moves any template to the top. The published
manifest keeps that order."""
import json
import re

import pytest

from admin_server.publish import latest
from tests.support.admin import add_category, admin, app, audit_rows, data_dir, db_for, signed_in  # noqa: F401
from tests.support.staff import flashes


@pytest.fixture
def editor(admin):
    add_category(admin)
    r = admin.post("/admin/categories/new", {"code": "debt", "title.kk": "Берешек", "title.ru": "Долги",
                                             "title.en": "Debts"})
    assert r.status_code == 303
    return admin


def add(staff, slug, position=None, category="family"):
    data = {"title.ru": slug.title(), "slug": slug, "category": category, "enabled": "1"}
    if position is not None:
        data["position"] = position
    return staff.upload("/admin/templates/new", data, {})


def order(data_dir) -> list[str]:
    return [r["slug"] for r in db_for(data_dir).query("SELECT slug FROM templates ORDER BY sort_order, id")]


def listed(staff) -> list[str]:
    page = staff.get("/admin/templates/").get_data(as_text=True)
    return re.findall(r'<td class="k-text">([a-z0-9-]+)</td>', page)


def template_id(data_dir, slug) -> int:
    return next(db_for(data_dir).query("SELECT id FROM templates WHERE slug = ?", [slug]))["id"]


def published_order(staff, data_dir) -> list[str]:
    r = staff.post("/admin/publish/", {"note": "order"})
    assert r.status_code == 303, r.get_data(as_text=True)
    return [t["slug"] for t in json.loads(latest(db_for(data_dir))["manifest"])["templates"]]


def test_first_puts_a_new_template_on_top_of_the_list_and_the_manifest(editor, data_dir):
    for slug in ("alimony", "debt-claim", "labour"):
        assert add(editor, slug, "last").status_code == 303
    assert add(editor, "divorce", "first").status_code == 303
    assert order(data_dir) == ["divorce", "alimony", "debt-claim", "labour"]
    assert listed(editor) == order(data_dir)
    assert published_order(editor, data_dir) == ["divorce", "alimony", "debt-claim", "labour"]


def test_after_a_template_and_last(editor, data_dir):
    for slug in ("alimony", "labour"):
        assert add(editor, slug, "last").status_code == 303
    assert add(editor, "divorce", f"after-{template_id(data_dir, 'alimony')}").status_code == 303
    assert add(editor, "appeal", "last").status_code == 303
    assert order(data_dir) == ["alimony", "divorce", "labour", "appeal"]
    created = [json.loads(a["new"]) for a in audit_rows(data_dir) if a["action"] == "create"
               and a["entity"] == "templates"]
    assert created[2]["sort_order"] == 1 and "position" not in created[2]


def test_a_form_without_a_position_still_adds_at_the_end(editor, data_dir):
    assert add(editor, "alimony").status_code == 303
    assert add(editor, "divorce").status_code == 303
    assert order(data_dir) == ["alimony", "divorce"]


def test_the_new_form_offers_first_after_each_and_last_with_first_chosen(editor, data_dir):
    assert add(editor, "alimony", "last").status_code == 303
    page = editor.get("/admin/templates/new").get_data(as_text=True)
    select = re.search(r'<select id="f-position".*?</select>', page, re.S).group(0)
    options = re.findall(r'<option value="([^"]*)"( selected)?>([^<]*)</option>', select)
    assert [(v, bool(s)) for v, s, _t in options] == [
        ("first", True), (f"after-{template_id(data_dir, 'alimony')}", False), ("last", False)]
    assert options[1][2] == "After “Alimony” (Family)"
    assert "Place in the list" in page and "only the first ones fit on its first screen" in page


def test_after_a_template_of_another_category_is_refused_with_a_sentence(editor, data_dir):
    assert add(editor, "alimony", "last").status_code == 303
    r = add(editor, "loan", f"after-{template_id(data_dir, 'alimony')}", category="debt")
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert 'id="err-position"' in page
    assert ("“Alimony” is in the category “Family”. Choose a template of the category “Debts” to follow, "
            "or First or Last.") in page
    assert order(data_dir) == ["alimony"]


def test_after_a_template_that_is_gone_is_refused(editor, data_dir):
    assert add(editor, "alimony", "last").status_code == 303
    r = add(editor, "divorce", "after-999")
    assert r.status_code == 422 and "Choose one of the offered values." in r.get_data(as_text=True)


def test_editing_keeps_the_place_unless_a_new_one_is_chosen(editor, data_dir):
    for slug in ("alimony", "divorce", "labour"):
        assert add(editor, slug, "last").status_code == 303
    page = editor.get(f"/admin/templates/{template_id(data_dir, 'labour')}/edit").get_data(as_text=True)
    select = re.search(r'<select id="f-position".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"', select)[:2] == ["", "first"]  # "Keep its place" first
    assert f'after-{template_id(data_dir, "labour")}"' not in select  # not after itself
    form = {"title.ru": "Labour", "slug": "labour", "category": "family", "enabled": "1"}
    url = f"/admin/templates/{template_id(data_dir, 'labour')}/edit"
    assert editor.upload(url, form | {"position": ""}, {}).status_code == 303
    assert order(data_dir) == ["alimony", "divorce", "labour"]
    assert editor.upload(url, form | {"position": f"after-{template_id(data_dir, 'alimony')}"}, {}).status_code == 303
    assert order(data_dir) == ["alimony", "labour", "divorce"]
    reorders = [a for a in audit_rows(data_dir) if a["action"] == "reorder"]
    assert len(reorders) == 1


# --- move to top --------------------------------------------------------------------------------------

def test_move_to_top_is_a_post_with_csrf_and_audited(editor, data_dir):
    for slug in ("alimony", "divorce", "labour"):
        assert add(editor, slug, "last").status_code == 303
    labour = template_id(data_dir, "labour")
    r = editor.post(f"/admin/templates/{labour}/move", {"direction": "top"})
    assert r.status_code == 303 and r.headers["Location"].endswith(f"/admin/templates/#row-{labour}")
    page = editor.get("/admin/templates/").get_data(as_text=True)
    assert ("ok", "Moved “Labour” to the top of the list.") in flashes(page)
    assert listed(editor) == ["labour", "alimony", "divorce"]
    reorder = [a for a in audit_rows(data_dir) if a["action"] == "reorder"][-1]
    ids = [template_id(data_dir, s) for s in ("alimony", "divorce", "labour")]
    assert json.loads(reorder["old"]) == ids and json.loads(reorder["new"]) == [ids[2], ids[0], ids[1]]
    assert reorder["username"] == "boss" and reorder["entity"] == "templates"
    assert published_order(editor, data_dir) == ["labour", "alimony", "divorce"]
    # Already on top: nothing changes, nothing is audited.
    before = len(audit_rows(data_dir))
    assert editor.post(f"/admin/templates/{labour}/move", {"direction": "top"}).status_code == 303
    assert len(audit_rows(data_dir)) == before


def test_move_to_top_needs_the_csrf_token_and_the_editor_role(editor, app, data_dir):
    for slug in ("alimony", "divorce"):
        assert add(editor, slug, "last").status_code == 303
    divorce = template_id(data_dir, "divorce")
    r = editor.post(f"/admin/templates/{divorce}/move", {"direction": "top"}, csrf=False)
    assert r.status_code == 400 and "This form has expired" in r.get_data(as_text=True)
    clerk = signed_in(app, data_dir, "clerk")
    assert clerk.post(f"/admin/templates/{divorce}/move", {"direction": "top"}).status_code == 403
    assert editor.post("/admin/templates/999/move", {"direction": "top"}).status_code == 404
    assert order(data_dir) == ["alimony", "divorce"]


def test_the_list_offers_to_top_on_every_row_but_the_first(editor, data_dir):
    for slug in ("alimony", "divorce"):
        assert add(editor, slug, "last").status_code == 303
    page = editor.get("/admin/templates/").get_data(as_text=True)
    buttons = re.findall(r'<button name="direction" value="top"[^>]*>', page)
    assert len(buttons) == 2 and "disabled" in buttons[0] and "disabled" not in buttons[1]
    assert 'aria-label="Move to top: Divorce"' in buttons[1]


def test_every_sortable_list_moves_a_row_to_the_top(editor, data_dir):
    """The same button in the categories' list, whose rows are named by a code, not a number."""
    assert editor.post("/admin/categories/debt/move", {"direction": "top"}).status_code == 303
    codes = [c["code"] for c in db_for(data_dir).query("SELECT code FROM template_categories ORDER BY sort_order")]
    assert codes == ["debt", "family"]
    page = editor.get("/admin/categories/").get_data(as_text=True)
    assert ("ok", "Moved “Debts” to the top of the list.") in flashes(page)
    assert editor.post("/admin/categories/nothing/move", {"direction": "top"}).status_code == 404
