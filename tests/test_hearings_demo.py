"""The demo court's rooms, floor plans and hearings (media/data/rooms.toml, hearings.toml; seed-demo).

seed-demo puts the demo's hearings on the day it runs and the next working day in the court's zone
and calendar; these tests give it a fixed day. The rooms go through the normal content path, so the
published manifest carries them with their plans; the feed hides what closed hearings must hide.
"""
import datetime as dt
import hashlib
import json
import re
from pathlib import Path

import pytest

from admin_server import create_app, hearings
from admin_server.publish import publish
from admin_server.seed import demo_hearings, seed_demo
from admin_server.store import MediaStore
from court_contract import manifest as contract
from court_contract.calendar import is_working_day
from court_contract.hearings import KINDS, STATUSES, parse_feed
from tests.support.admin import db_for, new_data_dir
from tests.support.demo_data import data_dir, edit, maker  # noqa: F401 (fixtures)

ROOT = Path(__file__).resolve().parent.parent
DEMO = ROOT / "admin_server" / "demo"
UTC = dt.timezone.utc
FRIDAY = dt.date(2026, 12, 4)
MONDAY = dt.date(2026, 12, 7)
# Friday 4 December 2026, 10:00 in Aqtau (UTC+5)
FRIDAY_MORNING = dt.datetime(2026, 12, 4, 5, 0, tzinfo=UTC)
CASE_NUMBER = re.compile(r"\d{4}-\d{2}-00-\d[а-я]?/\d+\Z")


def seeded(tmp_path, today=FRIDAY):
    data = new_data_dir(tmp_path / "data")
    db = db_for(data)
    message = seed_demo(db, MediaStore(data / "media"), today=today)
    return data, db, message


@pytest.fixture
def court(tmp_path):
    data, db, message = seeded(tmp_path)
    yield {"data": data, "db": db, "message": message}
    db.conn.close()


def rows(db, sql, params=()):
    return list(db.query(sql, params))


# --- what seed-demo stores -------------------------------------------------------------

def test_seed_puts_the_hearings_on_today_and_the_next_working_day(court):
    db = court["db"]
    by_day = {r["date"]: r["n"] for r in rows(db, "SELECT date, count(*) AS n FROM hearings GROUP BY date")}
    assert set(by_day) == {"2026-12-04", "2026-12-07"}  # Friday, then Monday: the weekend is skipped
    assert sum(by_day.values()) >= 20 and min(by_day.values()) >= 8
    assert "25 hearings on 2026-12-04 and 2026-12-07" in court["message"]
    assert hearings.revision(db) > 0  # kiosks polling before the seed see the change


def test_the_demo_has_every_kind_and_status(court):
    db = court["db"]
    today = rows(db, "SELECT * FROM hearings WHERE date = '2026-12-04'")
    assert {h["case_kind"] for h in today} == set(KINDS)
    assert {h["status"] for h in today} == set(STATUSES)
    assert any(h["closed"] for h in today) and not all(h["closed"] for h in today)
    # what has begun or ended is today's; the next working day's are all still to come
    later = rows(db, "SELECT DISTINCT status FROM hearings WHERE date = '2026-12-07'")
    assert {r["status"] for r in later} == {"scheduled"}
    started = [h["time"] for h in today if h["status"] in ("finished", "in_progress", "break")]
    waiting = [h["time"] for h in today if h["status"] == "scheduled"]
    assert max(h["time"] for h in today if h["status"] == "finished") < min(waiting)
    assert started and waiting


def test_postponed_and_moved_hearings_say_where_and_when(court):
    db = court["db"]
    holidays = hearings.holiday_rows(db)
    off = {dt.date.fromisoformat(h["date"]) for h in holidays if not h["working"]}
    for h in rows(db, "SELECT * FROM hearings WHERE status = 'postponed'"):
        day, _, at = h["postponed_to"].partition("T")
        assert dt.date.fromisoformat(day) > dt.date.fromisoformat(h["date"])
        assert is_working_day(dt.date.fromisoformat(day), off)
        assert not at or re.fullmatch(r"\d\d:\d\d", at)
    for h in rows(db, "SELECT * FROM hearings WHERE status = 'moved'"):
        assert h["moved_to_room_id"] not in (None, h["room_id"])
        assert db["rooms"].get(h["moved_to_room_id"])
    assert not rows(db, "SELECT 1 FROM hearings WHERE status != 'postponed' AND postponed_to IS NOT NULL")
    assert not rows(db, "SELECT 1 FROM hearings WHERE status != 'moved' AND moved_to_room_id IS NOT NULL")


def test_case_numbers_judges_and_parties_look_real(court):
    hs = rows(court["db"], "SELECT * FROM hearings")
    for h in hs:
        assert CASE_NUMBER.match(h["case_number"]), h["case_number"]
        assert h["case_number"].split("-")[1] == "26"  # the hearing's year
        assert h["judge"] and h["parties"] and h["room_id"]
    assert len({h["case_number"] for h in hs}) == len(hs)
    parties = " ".join(h["parties"] for h in hs)
    assert "Сейткали А.Б. – ТОО «Каспий»" in parties
    assert re.search("[әғқңөұүһі]", parties, re.IGNORECASE)  # Kazakh names, not only Russian ones


def test_rooms_are_content_with_a_plan_per_floor(court):
    db = court["db"]
    rooms = rows(db, "SELECT * FROM rooms ORDER BY sort_order")
    assert len(rooms) >= 5 and len({r["floor"] for r in rooms}) >= 2
    plans = {}
    for r in rooms:
        for key in ("name", "wing", "way"):
            text = json.loads(r[key])
            assert all(text[lang].strip() for lang in ("kk", "ru", "en")), (r["number"], key)
        assert 0 < r["plan_x"] < 1 and 0 < r["plan_y"] < 1
        plans.setdefault(r["floor"], set()).add(r["plan_sha256"])
        media = db["media"].get(r["plan_sha256"])
        assert media["type"] == "image/png"
    assert all(len(shas) == 1 for shas in plans.values())  # one plan a floor
    assert len({next(iter(s)) for s in plans.values()}) == len(plans)  # and a different one for each


def test_reception_slots_in_this_building_point_at_their_rooms(court):
    db = court["db"]
    slots = rows(db, "SELECT s.room, s.court, r.number FROM reception_slots s LEFT JOIN rooms r ON r.id = s.room_id")
    here = [s for s in slots if s["number"]]
    assert {s["number"] for s in here} == {"301", "305", "307"}
    for s in here:
        assert s["number"] in json.loads(s["room"])["ru"]
    # the other courts' slots are in other buildings: no room of this one
    assert all("областной" in json.loads(s["court"])["ru"] for s in here)
    assert any(s["number"] is None for s in slots)


def test_seed_again_adds_nothing(court):
    db = court["db"]
    before = db["hearings"].count, db["rooms"].count
    assert "already has content" in seed_demo(db, MediaStore(court["data"] / "media"), today=MONDAY)
    assert (db["hearings"].count, db["rooms"].count) == before


def test_without_a_day_seed_uses_today_in_the_courts_zone(tmp_path, monkeypatch):
    # 20:30 UTC on Thursday is already 01:30 on Friday in Aqtau
    monkeypatch.setattr(hearings, "utc_now", lambda: dt.datetime(2026, 12, 3, 20, 30, tzinfo=UTC))
    data, db, _message = seeded(tmp_path, today=None)
    assert {r["date"] for r in rows(db, "SELECT DISTINCT date FROM hearings")} == {"2026-12-04", "2026-12-07"}
    db.conn.close()


def test_before_a_holiday_the_next_working_day_skips_it(tmp_path):
    # 16 December is Independence Day (demo calendar): Tuesday the 15th is followed by Thursday the 17th
    data, db, message = seeded(tmp_path, today=dt.date(2026, 12, 15))
    assert {r["date"] for r in rows(db, "SELECT DISTINCT date FROM hearings")} == {"2026-12-15", "2026-12-17"}
    db.conn.close()


# --- the pure generator ----------------------------------------------------------------

TEMPLATE = {"day": "today", "time": "10:00", "room": "101", "kind": "civil", "case_number": "7599-{year}-00-2/1",
            "judge": "J", "parties": "P", "closed": False, "status": "postponed", "postponed_days": 1,
            "postponed_time": None, "moved_to": None, "note": ""}


def test_a_postponement_onto_a_day_off_lands_on_the_next_working_day():
    calendar = [{"date": "2026-12-16", "working": False}]
    [friday] = demo_hearings([TEMPLATE], FRIDAY, calendar, {"101": 1})
    assert friday["postponed_to"] == "2026-12-07"  # one day after Friday is Saturday
    [tuesday] = demo_hearings([TEMPLATE], dt.date(2026, 12, 15), calendar, {"101": 1})
    assert tuesday["postponed_to"] == "2026-12-17"  # the 16th is a holiday
    timed = demo_hearings([TEMPLATE | {"postponed_days": 3, "postponed_time": "15:00"}], MONDAY, (), {"101": 1})
    assert timed[0]["postponed_to"] == "2026-12-10T15:00"


def test_a_new_year_case_number_carries_the_new_year():
    [h] = demo_hearings([TEMPLATE | {"day": "next", "status": "scheduled"}], dt.date(2026, 12, 31),
                        [{"date": "2027-01-01", "working": False}, {"date": "2027-01-02", "working": False}],
                        {"101": 1})
    assert (h["date"], h["case_number"]) == ("2027-01-04", "7599-27-00-2/1")


# --- published: the manifest and the feed -----------------------------------------------

def test_the_published_manifest_validates_and_has_the_rooms_with_their_plans(court):
    db = court["db"]
    result = publish(db, MediaStore(court["data"] / "media"), by="test")
    assert result.version == 1
    body = db["published_versions"].get(1)["manifest"]
    manifest = contract.parse(body.encode("utf-8"))
    rooms = manifest["rooms"]
    assert len(rooms) >= 5
    for room in rooms:
        assert room["plan"] is not None, room["number"]
        assert manifest["media"][room["plan"]["file"]["sha256"]]["type"] == "image/png"
        assert 0 <= room["plan"]["x"] <= 1 and 0 <= room["plan"]["y"] <= 1
    ids = {r["id"] for r in rooms}
    assert {s["room_id"] for s in manifest["reception"]} - {None} <= ids
    assert any(s["room_id"] for s in manifest["reception"])
    assert "hearings" not in manifest  # hearings are live data, never in the manifest


def test_the_feed_shows_todays_hearings_and_hides_closed_parties(court, monkeypatch):
    monkeypatch.setattr(hearings, "utc_now", lambda: FRIDAY_MORNING)
    client = create_app({"DATA_DIR": str(court["data"]), "TESTING": True}).test_client()
    r = client.get("/api/v1/hearings")
    assert r.status_code == 200
    feed = parse_feed(r.data)
    assert feed["days"] == ["2026-12-04", "2026-12-07"]
    assert len([h for h in feed["hearings"] if h["date"] == "2026-12-04"]) >= 10
    stored = {h["id"]: h for h in rows(court["db"], "SELECT * FROM hearings")}
    closed = [h for h in feed["hearings"] if h["closed"]]
    assert closed
    for h in closed:
        assert not {"case_number", "judge", "parties", "note"} & set(h)
    raw = r.get_data(as_text=True)
    for h in stored.values():
        if h["closed"]:
            assert h["parties"] not in raw and h["case_number"] not in raw
    shown = {h["id"]: h for h in feed["hearings"] if not h["closed"]}
    seitkali = next(h for h in shown.values() if "Каспий»" in (h["parties"] or "")
                    and stored[h["id"]]["parties"].startswith("Сейткали"))
    assert seitkali["parties"] == "С. А. Б. – ТОО «Каспий»"  # the court's default: initials
    assert "Сейткали" not in raw


# --- the recipe: data checks and the plans ---------------------------------------------------

@pytest.mark.parametrize("file,old,new,sentence", [
    ("rooms.toml", 'number = "206"\nfloor = 2', 'number = "306"\nfloor = 2',
     r"rooms.toml room '306' number must be floor \* 100 \+ 1..20 \(found '306' on floor 2\)"),
    ("rooms.toml", 'number = "206"', 'number = "205"', r"rooms.toml room '205' overlaps room 203"),
    ("rooms.toml", 'number = "218"\nfloor = 2\nwing = "east"', 'number = "218"\nfloor = 2\nwing = "west"',
     r"room '218' takes bays 8-8, which are not all in the west wing \(bays 0-3\)"),
    ("rooms.toml", 'number = "206"', 'number = "209"', r"room '209' takes bays 4-4, which are not all"),
    ("rooms.toml", "[plan.here]", "[plan.there]", r"rooms.toml \[plan\] has no here"),
    ("hearings.toml", 'room = "103"\nkind = "criminal"\ncase = "1а/214"', 'room = "404"\nkind = "criminal"\ncase = "1а/214"',
     r"hearing 1 \(1а/214\) room: '404' is not a known room of rooms.toml"),
    ("hearings.toml", 'case = "1а/236"', 'case = "1а/236"\nstatus = "in_progress"',
     r"\(1а/236\) is in_progress on the next working day; only today's hearings can be"),
    ("hearings.toml", 'moved_to = "218"', 'moved_to = "115"', r"\(3/412\) moves to its own room 115"),
    ("hearings.toml", 'moved_to = "218"', "", r"\(3/412\) moved_to: None is not a known room"),
    ("hearings.toml", "postponed_days = 14", "", r"\(2а/1201\) is postponed: give postponed_days, 1-180"),
    ("hearings.toml", 'kind = "administrative"\ncase = "3а/97"', 'kind = "tax"\ncase = "3а/97"',
     r"\(3а/97\) kind must be one of civil, criminal"),
    ("hearings.toml", 'time = "15:30"', 'time = "3 pm"', r"time must be a time like 09:30 \(found '3 pm'\)"),
    ("hearings.toml", 'pattern = "7599-{year}-00-{case}"', 'pattern = "7599-{yr}-00-{case}"',
     r"pattern has a placeholder that cannot be filled"),
    ("reception.toml", 'room = "305"', 'room = "309"',
     r"reception.toml slot 2 is held in room 309 of this court's building, which is not in rooms.toml"),
])
def test_bad_rooms_or_hearings_data_is_refused_with_a_sentence(maker, data_dir, file, old, new, sentence):
    edit(data_dir / file, old, new)
    with pytest.raises(maker.data.DataError, match=sentence):
        maker.content.content(data_dir)
        maker.data.plan_words(data_dir)  # what the plans are drawn with


def test_each_room_sits_on_its_colour_in_the_committed_plan(maker):
    from PIL import Image

    content = json.loads((DEMO / "content.json").read_text(encoding="utf-8"))
    for room in content["rooms"]:
        with Image.open(DEMO.parent / room["plan"]) as img:
            assert img.format == "PNG" and img.size == (maker.plans.W, maker.plans.H)
            x, y = round(room["x"] * img.width), round(room["y"] * img.height)
            # the room's colour, and no number there (the kiosk's marker would hide it): numbers are by the doors
            assert img.convert("RGB").getpixel((x, y)) == (0xB9, 0xDC, 0xF8), room["number"]


def test_the_committed_plans_are_what_the_recipe_draws(maker, tmp_path):
    written = maker.plans.make_plans(tmp_path)
    assert [p.name for p in written] == ["floor-1.png", "floor-2.png", "floor-3.png"]
    for path in written:
        committed = DEMO / "plans" / path.name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == hashlib.sha256(committed.read_bytes()).hexdigest(), \
            f"demo/plans/{path.name} is stale: run media/make_demo_media.py --only plans"


# --- the admin's dashboard ----------------------------------------------------------------

def _dashboard_days(page: str) -> dict:
    """{day: text of its block} of the dashboard's hearings card."""
    card = re.search(r'<section class="card hearing-days".*?</section>', page, re.S).group(0)
    blocks = re.findall(r'<div class="hearing-day" data-day="([\d-]+)">(.*?)</div>', card, re.S)
    return {day: " ".join(re.sub(r"<[^>]+>", " ", text).split()) for day, text in blocks}


def test_the_dashboard_counts_the_hearings_of_the_two_days_the_kiosks_show(court, monkeypatch):
    from tests.support.staff import Staff

    monkeypatch.setattr(hearings, "utc_now", lambda: FRIDAY_MORNING)
    staff = Staff(create_app({"DATA_DIR": str(court["data"]), "TESTING": True}))
    assert staff.login().status_code == 303
    days = _dashboard_days(staff.get("/admin/").get_data(as_text=True))
    assert list(days) == ["2026-12-04", "2026-12-07"]
    today, monday = days["2026-12-04"], days["2026-12-07"]
    assert today.startswith("Today 04.12.2026 14 hearings, 3 of them closed.")
    for shown in ("Scheduled: 6", "In progress: 2", "Break: 1", "Finished: 2", "Postponed: 1",
                  "Moved to another room: 1", "Cancelled: 1"):
        assert shown in today
    assert monday == "Next working day 07.12.2026 11 hearings, 2 of them closed. Scheduled: 11"


def test_the_dashboard_in_russian_and_on_a_day_without_hearings(court, monkeypatch):
    from tests.support.admin import signed_in

    # a week later: nothing is on the board yet
    monkeypatch.setattr(hearings, "utc_now", lambda: FRIDAY_MORNING + dt.timedelta(days=7))
    app = create_app({"DATA_DIR": str(court["data"]), "TESTING": True})
    staff = signed_in(app, court["data"], "editor")
    db = court["db"]
    db.execute("UPDATE users SET language = 'ru' WHERE username = 'a-editor'")
    db.conn.commit()
    days = _dashboard_days(staff.get("/admin/").get_data(as_text=True))
    assert days == {"2026-12-11": "Сегодня 11.12.2026 В этот день судебных заседаний нет.",
                    "2026-12-14": "Следующий рабочий день 14.12.2026 В этот день судебных заседаний нет."}
