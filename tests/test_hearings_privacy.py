"""Privacy of closed hearings: nothing the server or export-static gives out names their parties, case or judge."""
import json

import pytest
import requests

from admin_server import hearings
from admin_server.content import get_settings, set_settings
from admin_server.db import open_existing, write_transaction
from court_contract.hearings import parse_feed
from admin_server.testing import run_cli, start_server

SECRET = {"case_number": "7594-26-00-2/9913", "judge": "Жұмабекова Сәуле Қайратқызы",
          "parties": "Ескендірова Әлия Маратқызы – Ескендіров Дәурен Болатұлы", "note": "жабық-ескерту-42"}
PUBLIC = {"case_number": "7594-26-00-2/1173", "judge": "Ахметова Г. С.",
          "parties": "Сейткали Айгерим Болатовна – ТОО «Каспий»"}
SECRET_WORDS = ("9913", "Жұмабекова", "Ескендір", "Әлия Маратқызы", "Дәурен Болатұлы", "Сәуле Қайратқызы",
                "жабық-ескерту")  # (the demo court has a Дәурен of its own)


def seed_hearings(data_dir, parties_mode="initials"):
    db = open_existing(data_dir)
    today = hearings.court_today(get_settings(db)).isoformat()
    with write_transaction(db):
        set_settings(db, {"hearing_parties": parties_mode})
        room = db["rooms"].insert({"number": "204", "name": json.dumps({"kk": "Зал", "ru": "Зал", "en": "Room"}),
                                   "floor": 2}).last_pk
        closed = hearings.add(db, {"date": today, "time": "10:00", "room_id": room, "case_kind": "civil",
                                   "closed": True, **SECRET}, by="test")
        hearings.change_status(db, closed, "in_progress", by="test")
        public = hearings.add(db, {"date": today, "time": "11:00", "room_id": room, "case_kind": "civil", **PUBLIC},
                              by="test")
    db.conn.close()
    return closed, public


def assert_clean(blob: bytes, where: str):
    text = blob.decode("utf-8", "replace")
    for word in SECRET_WORDS:
        assert word not in text, f"{word!r} of a closed hearing leaked in {where}"


def test_no_byte_given_out_names_a_closed_hearing(demo_dir, tmp_path):
    closed, public = seed_hearings(demo_dir)
    assert run_cli(demo_dir, "publish") == 0
    server = start_server(demo_dir)
    try:
        got = {}
        feed = requests.get(server.url + "/api/v1/hearings", timeout=5)
        got["feed"] = feed.content
        assert closed in [h["id"] for h in parse_feed(feed.content)["hearings"]]  # it is there, without its data
        shown = {h["id"]: h for h in feed.json()["hearings"]}
        assert shown[public]["case_number"] == PUBLIC["case_number"]
        assert set(shown[closed]) == {"id", "date", "time", "room_id", "kind", "closed", "status", "postponed_to",
                                      "moved_to_room_id"}
        manifest = requests.get(server.url + "/api/v1/manifest", timeout=5)
        got["manifest"] = manifest.content
        for sha in manifest.json()["media"]:
            got[f"media {sha}"] = requests.get(f"{server.url}/api/v1/media/{sha}", timeout=10).content
        for path in ("/healthz", "/t/divorce", "/t/divorce?lang=kk", "/", "/admin/", "/admin/login",
                     "/admin/clerk/", "/admin/hearings/", f"/admin/hearings/{closed}/edit", "/admin/rooms/",
                     "/api/v1/hearings?x=1", "/no-such-page"):
            got[path] = requests.get(server.url + path, timeout=5).content
        got["heartbeat"] = requests.post(server.url + "/api/v1/heartbeat", json={}, timeout=5).content
    finally:
        server.stop()
    got["server log"] = (demo_dir / "server.log").read_bytes()
    out = tmp_path / "export"
    assert run_cli(demo_dir, "export-static", str(out)) == 0
    for path in out.rglob("*"):
        if path.is_file():
            got[f"export {path.relative_to(out)}"] = path.read_bytes()
    assert "export api/v1/hearings" in got
    for where, blob in got.items():
        assert_clean(blob, where)


@pytest.mark.parametrize("mode, expected", [("initials", "С. А. Б. – ТОО «Каспий»"),
                                            ("full", PUBLIC["parties"]), ("hidden", None)])
def test_parties_of_public_hearings_follow_the_setting(demo_dir, mode, expected):
    closed, public = seed_hearings(demo_dir, mode)
    db = open_existing(demo_dir)
    feed, _etag = hearings.feed(db)
    by_id = {h["id"]: h for h in parse_feed(json.dumps(feed).encode())["hearings"]}
    assert by_id[public]["parties"] == expected
    assert "parties" not in by_id[closed]


@pytest.mark.parametrize("parties, shown", [
    ("Сейткали А.Б. – ТОО «Каспий»", "С. А. Б. – ТОО «Каспий»"),
    ("Сейткали Айгерим Болатовна — АО Казпочта", "С. А. Б. — АО Казпочта"),
    ("Иванов И.И., Петров-Водкин П.П.; ЖШС \"Нұр\"", "И. И. И., П. П. П.; ЖШС \"Нұр\""),
    ("LLP Caspian - Smith John", "LLP Caspian - S. J."),
    ("ИП Сейткали Айгерим Болатовна – ТОО «Каспий»", "ИП С. А. Б. – ТОО «Каспий»"),  # a sole trader is a person
    ("ЖК Ахметов Б.Қ.; ИП «Асель»", "ЖК А. Б. Қ.; ИП «Асель»"),  # a trade name in quotes stays
    ("", ""),
])
def test_the_initials_rule(parties, shown):
    assert hearings.initials(parties) == shown


def test_a_broken_parties_setting_shows_initials_not_full_names(demo_dir):
    closed, public = seed_hearings(demo_dir, "full")
    db = open_existing(demo_dir)
    db["settings"].upsert({"key": "hearing_parties", "value": json.dumps("everything")}, pk="key")
    db.conn.commit()
    feed, _etag = hearings.feed(db)
    assert {h["id"]: h for h in feed["hearings"]}[public]["parties"] == "С. А. Б. – ТОО «Каспий»"
