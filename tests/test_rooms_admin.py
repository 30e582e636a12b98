"""Courtrooms in the web admin (/admin/rooms/): create, edit, delete, the floor plan and the room's place on it,
the sentences for bad input, what a room in use keeps, and the published manifest's rooms with their plan."""
import datetime as dt
import hashlib
import io
import json

import pytest

from admin_server import hearings
from admin_server.content import get_settings
from admin_server.db import write_transaction
from admin_server.publish import publish
from admin_server.store import MediaStore
from court_contract import manifest as contract
from tests.support.admin import admin, app, data_dir, db_for  # noqa: F401  (fixtures)

ROOM = {"number": "101", "name.kk": "№1 сот залы", "name.ru": "Зал судебных заседаний №1", "name.en": "Courtroom 1",
        "floor": "1", "wing.kk": "Батыс қанат", "wing.ru": "Западное крыло", "wing.en": "West wing",
        "way.kk": "Кіреберістен солға", "way.ru": "От входа налево", "way.en": "From the entrance turn left",
        "enabled": "1"}


def png(width=400, height=200, colour=(200, 220, 250)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def rooms(data_dir):  # noqa: F811
    db = db_for(data_dir)
    try:
        return {r["number"]: r for r in db.query("SELECT * FROM rooms")}
    finally:
        db.conn.close()


def add(staff, fields=None, plan=None, **changes):
    files = {"plan": (plan, "floor-1.png")} if plan is not None else {}
    return staff.upload("/admin/rooms/new", (fields or ROOM) | changes, files)


def error_of(response, field) -> str:
    """The sentence shown under a field of a refused form."""
    import re

    page = response.get_data(as_text=True)
    match = re.search(rf'id="err-{re.escape(field)}"[^>]*>(.*?)<', page, re.S)
    assert match, f"no error under {field}: {page[:3000]}"
    return " ".join(match.group(1).split())


# --- create and edit ---------------------------------------------------------------------

def test_create_a_room_with_its_floor_plan_and_place(admin, data_dir):  # noqa: F811
    plan = png()
    r = add(admin, plan=plan, plan_x="0.25", plan_y="0.4")
    assert r.status_code == 303, r.get_data(as_text=True)
    room = rooms(data_dir)["101"]
    assert json.loads(room["name"]) == {"kk": "№1 сот залы", "ru": "Зал судебных заседаний №1", "en": "Courtroom 1"}
    assert json.loads(room["way"])["en"] == "From the entrance turn left"
    assert (room["floor"], room["plan_x"], room["plan_y"]) == (1, 0.25, 0.4)
    assert room["plan_sha256"] == hashlib.sha256(plan).hexdigest()
    db = db_for(data_dir)
    assert db["media"].get(room["plan_sha256"])["type"] == "image/png"
    assert [a["action"] for a in db.query("SELECT action FROM audit_log WHERE entity = 'rooms'")] == ["create"]
    listed = admin.get("/admin/rooms/").get_data(as_text=True)
    assert "Зал судебных заседаний №1" in listed or "Courtroom 1" in listed


def test_edit_a_room(admin, data_dir):  # noqa: F811
    assert add(admin, plan=png(), plan_x="0.25", plan_y="0.4").status_code == 303
    room_id = rooms(data_dir)["101"]["id"]
    r = admin.upload(f"/admin/rooms/{room_id}/edit", ROOM | {"number": "101A", "name.en": "Courtroom One",
                                                              "plan_x": "0.75", "plan_y": "0.5"}, {})
    assert r.status_code == 303, r.get_data(as_text=True)
    room = rooms(data_dir)["101A"]
    assert (json.loads(room["name"])["en"], room["plan_x"], room["plan_y"]) == ("Courtroom One", 0.75, 0.5)
    assert room["plan_sha256"]  # the plan stays when none is uploaded


def test_another_room_of_the_floor_takes_its_plan_and_a_new_plan_replaces_it_for_the_floor(admin, data_dir):  # noqa: F811
    first = png()
    assert add(admin, plan=first, plan_x="0.2", plan_y="0.3").status_code == 303
    assert add(admin, number="102", plan_x="0.6", plan_y="0.3").status_code == 303
    assert add(admin, number="201", floor="2").status_code == 303
    stored = rooms(data_dir)
    assert stored["102"]["plan_sha256"] == stored["101"]["plan_sha256"] == hashlib.sha256(first).hexdigest()
    assert stored["201"]["plan_sha256"] is None  # another floor: no plan yet
    second = png(colour=(250, 240, 200))
    r = admin.upload(f"/admin/rooms/{stored['102']['id']}/edit", ROOM | {"number": "102", "plan_x": "0.6",
                                                                         "plan_y": "0.3"},
                     {"plan": (second, "floor-1-new.png")})
    assert r.status_code == 303, r.get_data(as_text=True)
    stored = rooms(data_dir)
    assert stored["101"]["plan_sha256"] == stored["102"]["plan_sha256"] == hashlib.sha256(second).hexdigest()


# --- refused with a sentence, nothing stored ---------------------------------------------------

def test_a_file_that_is_not_an_image_is_refused(admin, data_dir):  # noqa: F811
    r = admin.upload("/admin/rooms/new", ROOM, {"plan": (b"%PDF-1.4\n% not a plan\n", "plan.png")})
    assert r.status_code == 422
    assert "PNG" in error_of(r, "plan") or "image" in error_of(r, "plan").lower()
    cut = png()[:60]  # a PNG cut off after its header
    r = admin.upload("/admin/rooms/new", ROOM, {"plan": (cut, "plan.png")})
    assert r.status_code == 422 and error_of(r, "plan")
    assert rooms(data_dir) == {}


@pytest.mark.parametrize("x,y,field,sentence", [
    ("1.5", "0.5", "plan_x", "The largest allowed value is 1."),
    ("0.5", "-0.1", "plan_y", "The smallest allowed value is 0."),
    ("0.5", "", "plan_y", "Give both positions on the plan, or neither."),
    ("", "0.5", "plan_x", "Give both positions on the plan, or neither."),
])
def test_a_place_outside_the_plan_is_refused(admin, data_dir, x, y, field, sentence):  # noqa: F811
    r = add(admin, plan=png(), plan_x=x, plan_y=y)
    assert r.status_code == 422
    assert error_of(r, field) == sentence
    assert rooms(data_dir) == {}


def test_a_room_number_twice_is_refused(admin, data_dir):  # noqa: F811
    assert add(admin).status_code == 303
    r = add(admin, **{"name.en": "Another"})
    assert r.status_code == 422
    assert error_of(r, "number") == "“101” is already used; choose another."
    assert len(rooms(data_dir)) == 1
    assert add(admin, number="102").status_code == 303
    r = admin.upload(f"/admin/rooms/{rooms(data_dir)['102']['id']}/edit", ROOM, {})  # renamed onto 101
    assert r.status_code == 422 and error_of(r, "number") == "“101” is already used; choose another."


def test_a_room_needs_a_number_and_a_name(admin, data_dir):  # noqa: F811
    r = add(admin, number="", **{"name.kk": "", "name.ru": "", "name.en": ""})
    assert r.status_code == 422
    assert error_of(r, "number") == "This field is required."
    assert error_of(r, "name")
    assert rooms(data_dir) == {}


# --- delete ---------------------------------------------------------------------------------------

def test_delete_an_unused_room(admin, data_dir):  # noqa: F811
    assert add(admin).status_code == 303
    room_id = rooms(data_dir)["101"]["id"]
    assert "101" in admin.get(f"/admin/rooms/{room_id}/delete").get_data(as_text=True)
    r = admin.post(f"/admin/rooms/{room_id}/delete")
    assert r.status_code == 303
    assert rooms(data_dir) == {}


def test_deleting_a_room_frees_its_reception_slots_and_clerks(admin, data_dir):  # noqa: F811
    from admin_server.users import create_user

    assert add(admin).status_code == 303
    room_id = rooms(data_dir)["101"]["id"]
    db = db_for(data_dir)
    with write_transaction(db):
        slot = db["reception_slots"].insert({"person": json.dumps({"kk": "A", "ru": "A", "en": "A"}), "weekday": 1,
                                             "start": "10:00", "end": "12:00", "room_id": room_id}).last_pk
        clerk = create_user(db, "clerk", "a long enough password", "clerk", "en")
        hearings.set_user_rooms(db, clerk, [room_id], by="test")
    assert admin.post(f"/admin/rooms/{room_id}/delete").status_code == 303
    assert db["reception_slots"].get(slot)["room_id"] is None  # the slot stays, without the room
    assert hearings.user_rooms(db, clerk) == []
    old = json.loads(next(db.query("SELECT old FROM audit_log WHERE entity = 'rooms' AND action = 'delete'"))["old"])
    assert old["reception_slots"] == [slot]


def _hearing_in(db, room_id, day, **extra):
    with write_transaction(db):
        return hearings.add(db, {"date": day, "time": "10:00", "room_id": room_id, "case_kind": "civil",
                                 "case_number": f"N-{day}"} | extra, by="test")


def test_a_room_with_hearings_from_today_on_is_not_deleted(admin, data_dir):  # noqa: F811
    for number in ("101", "102", "103"):
        assert add(admin, number=number).status_code == 303
    ids = {n: r["id"] for n, r in rooms(data_dir).items()}
    db = db_for(data_dir)
    today = hearings.court_today(get_settings(db))
    _hearing_in(db, ids["101"], (today + dt.timedelta(days=3)).isoformat())
    r = admin.post(f"/admin/rooms/{ids['101']}/delete")
    assert r.status_code == 409
    page = " ".join(r.get_data(as_text=True).split())
    assert ("1 hearing from today on is in this courtroom: move it to another room first, or switch the room "
            "off") in page
    # one moved here from another room counts too
    moved = _hearing_in(db, ids["102"], today.isoformat())
    with write_transaction(db):
        hearings.change_status(db, moved, "moved", by="test", moved_to_room_id=ids["103"])
    r = admin.post(f"/admin/rooms/{ids['103']}/delete")
    assert r.status_code == 409 and "1 hearing from today on is in this courtroom" in r.get_data(as_text=True)
    assert set(rooms(data_dir)) == {"101", "102", "103"}


def test_a_room_whose_hearings_are_past_can_be_deleted(admin, data_dir):  # noqa: F811
    assert add(admin).status_code == 303
    room_id = rooms(data_dir)["101"]["id"]
    db = db_for(data_dir)
    yesterday = hearings.court_today(get_settings(db)) - dt.timedelta(days=1)
    past = _hearing_in(db, room_id, yesterday.isoformat())
    assert admin.post(f"/admin/rooms/{room_id}/delete").status_code == 303
    assert rooms(data_dir) == {} and hearings.get(db, past)["room_id"] == room_id  # the past keeps its id


# --- published ----------------------------------------------------------------------------------

def test_published_rooms_carry_their_plan(admin, data_dir):  # noqa: F811
    plan = png()
    assert add(admin, plan=plan, plan_x="0.25", plan_y="0.4").status_code == 303
    assert add(admin, number="102", plan_x="0.75", plan_y="0.4").status_code == 303
    assert add(admin, number="103", enabled="").status_code == 303  # switched off: not on the screens
    assert add(admin, number="201", floor="2").status_code == 303  # no plan on floor 2
    db = db_for(data_dir)
    with write_transaction(db):  # a reception slot in room 101
        db["reception_slots"].insert({"person": json.dumps({"kk": "A", "ru": "A", "en": "A"}), "weekday": 1,
                                      "start": "10:00", "end": "12:00", "room_id": rooms(data_dir)["101"]["id"]})
    result = publish(db, MediaStore(data_dir / "media"), by="test")
    manifest = contract.parse(db["published_versions"].get(result.version)["manifest"].encode("utf-8"))
    by_number = {r["number"]: r for r in manifest["rooms"]}
    assert set(by_number) == {"101", "102", "201"}
    sha = hashlib.sha256(plan).hexdigest()
    ref = by_number["101"]["plan"]["file"]
    assert (ref["sha256"], ref["size"], ref["type"]) == (sha, len(plan), "image/png")
    assert manifest["media"][sha] == {"size": len(plan), "type": "image/png"}
    assert (by_number["101"]["plan"]["x"], by_number["101"]["plan"]["y"]) == (0.25, 0.4)
    assert by_number["102"]["plan"]["file"]["sha256"] == sha and by_number["102"]["plan"]["x"] == 0.75
    assert by_number["201"]["plan"] is None
    assert by_number["101"]["name"]["kk"] == "№1 сот залы" and by_number["101"]["wing"]["ru"] == "Западное крыло"
    assert [s["room_id"] for s in manifest["reception"]] == [by_number["101"]["id"]]
    # the plan file is served to kiosks once published
    r = admin.client.get(f"/api/v1/media/{sha}")
    assert r.status_code == 200 and r.data == plan


def test_clerks_and_anonymous_visitors_cannot_touch_rooms(app, data_dir):  # noqa: F811
    from tests.support.admin import signed_in

    anonymous = app.test_client()
    assert anonymous.get("/admin/rooms/").status_code in (302, 303)
    clerk = signed_in(app, data_dir, "clerk")
    assert clerk.get("/admin/rooms/").status_code == 403
    assert add(clerk).status_code == 403
    assert rooms(data_dir) == {}


def test_the_refusal_in_russian(app, data_dir):  # noqa: F811
    from tests.support.admin import make_user
    from tests.support.staff import Staff

    make_user(data_dir, "redaktor", "editor", "ru")
    staff = Staff(app, name="redaktor")
    assert staff.login().status_code == 303
    assert add(staff).status_code == 303
    room_id = rooms(data_dir)["101"]["id"]
    db = db_for(data_dir)
    today = hearings.court_today(get_settings(db)).isoformat()
    for time in ("10:00", "11:00"):
        _hearing_in(db, room_id, today, time=time, case_number=f"N-{time}")
    r = staff.post(f"/admin/rooms/{room_id}/delete")
    assert r.status_code == 409
    assert ("2 судебных заседания с сегодняшнего дня назначены в этом зале: сначала перенесите их в другой зал "
            "или отключите зал вместо удаления.") in " ".join(r.get_data(as_text=True).split())
