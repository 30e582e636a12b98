"""`court-kiosk-server create-user --role clerk --rooms 101,102`: a clerk and their courtrooms from the CLI."""
import json

import pytest

from admin_server import hearings
from admin_server.db import open_existing
from admin_server.testing import run_cli
from tests.support.staff import PASSWORD


@pytest.fixture
def court(tmp_path):
    """A data folder with courtrooms 101, 102 and 3A."""
    data = tmp_path / "data"
    assert run_cli(data, "init") == 0
    db = open_existing(data)
    with db.atomic():
        rooms = {n: db["rooms"].insert({"number": n, "name": json.dumps({"kk": n, "ru": n, "en": n}),
                                        "floor": 1}).last_pk for n in ("101", "102", "3A")}
    db.conn.close()
    (tmp_path / "pw.txt").write_text(PASSWORD + "\n")
    return {"data": data, "rooms": rooms, "pw": str(tmp_path / "pw.txt")}


def create(court, *args):
    return run_cli(court["data"], "create-user", *args, "--password-file", court["pw"])


def user(court, name):
    db = open_existing(court["data"])
    try:
        rows = list(db.query("SELECT * FROM users WHERE username = ?", [name]))
        return rows[0] | {"rooms": hearings.user_rooms(db, rows[0]["id"])} if rows else None
    finally:
        db.conn.close()


def test_a_clerk_with_rooms(court, capsys):
    assert create(court, "dana", "--role", "clerk", "--rooms", "101, 3A,101") == 0
    assert "Created clerk dana for rooms 101, 3A." in capsys.readouterr().out
    dana = user(court, "dana")
    assert dana["role"] == "clerk"
    assert dana["rooms"] == sorted([court["rooms"]["101"], court["rooms"]["3A"]])


def test_a_clerk_without_rooms_is_told_they_see_nothing_yet(court, capsys):
    assert create(court, "dana", "--role", "clerk") == 0
    out = capsys.readouterr()
    assert "Created clerk dana." in out.out and "no courtrooms yet" in out.err
    assert user(court, "dana")["rooms"] == []


def test_an_unknown_room_number_gets_a_sentence_and_no_user(court, capsys):
    assert create(court, "dana", "--role", "clerk", "--rooms", "101,404") == 1
    err = capsys.readouterr().err
    assert "No courtroom has the number 404; the rooms are: 101, 102, 3A." in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert user(court, "dana") is None
    assert create(court, "dana", "--role", "clerk", "--rooms", "7,8") == 1
    assert "No courtroom has the numbers 7, 8;" in capsys.readouterr().err


def test_no_rooms_yet_says_where_to_add_them(tmp_path, capsys):
    data = tmp_path / "data"
    assert run_cli(data, "init") == 0
    (tmp_path / "pw.txt").write_text(PASSWORD + "\n")
    assert run_cli(data, "create-user", "dana", "--role", "clerk", "--rooms", "101",
                   "--password-file", str(tmp_path / "pw.txt")) == 1
    assert "the rooms are: none yet: add them in the admin's Courtrooms page." in capsys.readouterr().err


@pytest.mark.parametrize("rooms", ["", "101,,102", " , "])
def test_a_malformed_room_list_is_refused(court, capsys, rooms):
    assert create(court, "dana", "--role", "clerk", "--rooms", rooms) == 2
    assert "is not a list of room numbers; write it like 101,102." in capsys.readouterr().err
    assert user(court, "dana") is None


def test_rooms_only_for_a_clerk(court, capsys):
    assert create(court, "ed", "--role", "editor", "--rooms", "101") == 2
    assert "only a clerk has courtrooms" in capsys.readouterr().err
    assert user(court, "ed") is None


def test_the_password_rule_still_applies_to_a_clerk(court, capsys, tmp_path):
    (tmp_path / "short.txt").write_text("short\n")
    assert run_cli(court["data"], "create-user", "dana", "--role", "clerk", "--rooms", "101",
                   "--password-file", str(tmp_path / "short.txt")) == 1
    assert "at least 10 characters" in capsys.readouterr().err
    assert user(court, "dana") is None


def test_the_clerk_can_sign_in_and_sees_their_rooms(court):
    from admin_server import create_app
    from tests.support.staff import Staff

    assert create(court, "dana", "--role", "clerk", "--rooms", "102", "--language", "en") == 0
    staff = Staff(create_app({"DATA_DIR": str(court["data"]), "TESTING": True}), name="dana")
    assert staff.login().status_code == 303
    page = staff.get("/admin/clerk/").get_data(as_text=True)
    assert "Your courtrooms: 102 — 102</p>" in page
