"""The clerk: changes statuses and notes of today's hearings in their rooms, and reaches nothing else."""
import json

import pytest

from admin_server import create_app, hearings
from admin_server.content import get_settings
from admin_server.db import write_transaction
from admin_server.users import create_user
from tests.support.admin import PASSWORD, Staff, db_for, new_data_dir
from tests.support.roles import admin_routes, required_role


@pytest.fixture
def court(tmp_path):
    data = new_data_dir(tmp_path / "data")
    db = db_for(data)
    today = hearings.court_today(get_settings(db)).isoformat()
    with write_transaction(db):
        rooms = [db["rooms"].insert({"number": n, "name": json.dumps({"kk": n, "ru": n, "en": n}), "floor": 1}).last_pk
                 for n in ("101", "102", "103")]
        clerk = create_user(db, "clerk", PASSWORD, "clerk", "en")
        hearings.set_user_rooms(db, clerk, [rooms[0]], by="test")
        mine = hearings.add(db, {"date": today, "time": "10:00", "room_id": rooms[0], "case_kind": "civil",
                                 "case_number": "C-MINE"}, by="test")
        other = hearings.add(db, {"date": today, "time": "10:00", "room_id": rooms[1], "case_kind": "civil",
                                  "case_number": "C-OTHER"}, by="test")
    db.conn.close()
    app = create_app({"DATA_DIR": str(data), "TESTING": True})
    staff = Staff(app)
    assert staff.login("clerk").status_code == 303
    return {"app": app, "data": data, "clerk": staff, "mine": mine, "other": other, "rooms": rooms}


def test_the_clerk_changes_statuses_of_their_rooms_audited_and_revised(court):
    clerk, mine = court["clerk"], court["mine"]
    page = clerk.get("/admin/clerk/").get_data(as_text=True)
    assert "C-MINE" in page and "C-OTHER" not in page
    db = db_for(court["data"])
    before = hearings.revision(db)
    assert clerk.post(f"/admin/clerk/{mine}/status", {"status": "in_progress"}).status_code == 303
    assert clerk.post(f"/admin/clerk/{mine}/status", {"status": "break"}).status_code == 303
    assert clerk.post(f"/admin/clerk/{mine}/note", {"note": "after the break at 11:30"}).status_code == 303
    r = clerk.post(f"/admin/clerk/{mine}/status", {"status": "moved", "moved_to_room_id": str(court["rooms"][2])})
    assert r.status_code == 303
    row = hearings.get(db, mine)
    assert row["status"] == "moved" and row["moved_to_room_id"] == court["rooms"][2] and row["note"]
    assert hearings.revision(db) == before + 4
    audit = [(a["username"], a["action"], json.loads(a["old"]), json.loads(a["new"])) for a in db.query(
        "SELECT * FROM audit_log WHERE entity = 'hearings' AND username = 'clerk' ORDER BY id")]
    assert audit[0] == ("clerk", "status", {"status": "scheduled"}, {"status": "in_progress"})
    assert [a[1] for a in audit] == ["status", "status", "note", "status"]


def test_bad_changes_get_a_sentence_and_change_nothing(court):
    clerk, mine = court["clerk"], court["mine"]
    db = db_for(court["data"])
    before = hearings.revision(db)
    r = clerk.post(f"/admin/clerk/{mine}/status", {"status": "finished"})  # scheduled cannot finish
    assert r.status_code == 422 and "cannot become" in r.get_data(as_text=True)
    r = clerk.post(f"/admin/clerk/{mine}/status", {"status": "postponed", "postponed_to": ""})
    assert r.status_code == 422 and "new date after" in r.get_data(as_text=True)
    r = clerk.post(f"/admin/clerk/{mine}/status", {"status": "moved", "moved_to_room_id": "999"})
    assert r.status_code == 422 and "Choose another courtroom" in r.get_data(as_text=True)
    r = clerk.post(f"/admin/clerk/{mine}/note", {"note": "x" * 201})
    assert r.status_code == 422 and "at most 200" in r.get_data(as_text=True)
    assert hearings.revision(db) == before and hearings.get(db, mine)["status"] == "scheduled"


def test_the_clerk_cannot_touch_another_rooms_hearing(court):
    clerk, other = court["clerk"], court["other"]
    assert clerk.post(f"/admin/clerk/{other}/status", {"status": "in_progress"}).status_code == 404
    assert clerk.post(f"/admin/clerk/{other}/note", {"note": "x"}).status_code == 404
    assert hearings.get(db_for(court["data"]), other)["status"] == "scheduled"


def test_the_clerk_reaches_no_other_admin_page(court):
    clerk, app = court["clerk"], court["app"]
    reached = []
    for endpoint, url, methods in admin_routes(app):
        needed = required_role(endpoint)
        if needed is None:
            continue
        if "GET" in methods:
            r = clerk.get(url)
            if needed == "clerk":
                assert r.status_code in (200, 404), (url, r.status_code)
                reached.append(endpoint)
            else:
                assert r.status_code == 403, (url, r.status_code)
        if "POST" in methods and needed != "clerk":
            r = clerk.post(url, {"status": "in_progress", "role": "admin", "username": "x", "note": "x"})
            assert r.status_code == 403, (url, r.status_code)
    assert {"admin_clerk.index", "admin_auth.profile"} <= set(reached)
    assert {e for e, _u, _m in admin_routes(app) if required_role(e) == "clerk"} == {
        "admin_clerk.index", "admin_clerk.status", "admin_clerk.note", "admin_auth.profile"}


def test_a_clerk_signing_in_lands_on_the_courtroom_page(court):
    staff = Staff(court["app"])
    staff.refresh_token()
    r = staff.client.post("/admin/login", data={"username": "clerk", "password": PASSWORD, "csrf_token": staff.token})
    assert r.status_code == 303 and r.location == "/admin/clerk/"


def test_an_admin_gives_a_clerk_rooms(court):
    db = db_for(court["data"])
    with db.atomic():
        create_user(db, "boss2", PASSWORD, "admin", "en")
    admin = Staff(court["app"])
    assert admin.login("boss2").status_code == 303
    clerk_id = db.execute("SELECT id FROM users WHERE username = 'clerk'").fetchone()[0]
    page = admin.get(f"/admin/users/{clerk_id}/edit").get_data(as_text=True)
    import re
    loaded = re.search(r'name="_loaded" value="([^"]+)"', page).group(1)
    import html
    r = admin.post(f"/admin/users/{clerk_id}/edit", {"role": "clerk", "language": "en", "_loaded": html.unescape(loaded),
                                                      "rooms": [str(court["rooms"][1]), str(court["rooms"][2])]})
    assert r.status_code == 303, r.get_data(as_text=True)[:500]
    assert hearings.user_rooms(db_for(court["data"]), clerk_id) == court["rooms"][1:]
    r = admin.post(f"/admin/users/{clerk_id}/edit", {"role": "clerk", "language": "en", "rooms": ["9999"]})
    assert r.status_code == 422 and "Choose courtrooms from the list" in r.get_data(as_text=True)
