"""The door sign of one courtroom (``court-kiosk --room 305``): now, next and later today.

First the rule itself (kiosk.hearings_text.door_plan, no Kivy) against the status combinations
a court day really has; then the sign on a real display app (offscreen Kivy) started in Russian,
whose court clock the test moves on.
"""

import datetime as dt

import pytest

from kiosk import hearings_text as ht
from tests.support.ui import NOW, FrozenClock, make_cache

HERE, OTHER = 3, 4  # rooms 305 and 214 of the UI court (tests/support/ui.py)


def hearing(ident, time, status="scheduled", room_id=HERE, **extra):
    item = {"id": ident, "date": "2026-11-24", "time": time, "room_id": room_id, "kind": "civil", "closed": False,
            "status": status, "case_number": f"7594-26-00-2/{1100 + ident}", "judge": "Ахметова Г. С.",
            "parties": "С. А. Б. – ТОО «Каспий»", "note": "", "postponed_to": None, "moved_to_room_id": None}
    item.update(extra)
    return item


def at(hhmm):
    return dt.time.fromisoformat(hhmm)


def ids(plan):
    return {"now": [h["id"] for h in plan["now"]], "next": plan["next"] and plan["next"]["id"],
            "later": [h["id"] for h in plan["later"]]}


# one room's day at 10:15, in time order (as the feed's on_day gives it)
DAY = [
    hearing(1, "09:00", "finished"),
    hearing(2, "09:30", "cancelled"),                                       # cancelled, its time is past
    hearing(3, "10:00", "in_progress"),
    hearing(4, "10:30", room_id=OTHER),                                     # another room's
    hearing(5, "11:00"),
    hearing(6, "11:30", "moved", room_id=OTHER, moved_to_room_id=HERE),     # moved in: heard here
    hearing(7, "12:00", "postponed", postponed_to="2026-12-07"),            # here no more: a notice
    hearing(8, "14:00", "moved", moved_to_room_id=OTHER),                   # moved away: a notice
    hearing(9, "15:00", "cancelled"),                                       # cancelled later today
    hearing(10, "16:00"),
]


def test_a_room_day_splits_into_now_next_and_later():
    assert ids(ht.door_plan(DAY, HERE, at("10:15"))) == {"now": [3], "next": 5, "later": [6, 7, 8, 9, 10]}


def test_finished_and_cancelled_hearings_are_never_next_and_a_past_one_is_not_even_a_notice():
    for moment in ("08:00", "10:15", "15:30"):
        plan = ids(ht.door_plan(DAY, HERE, at(moment)))
        assert plan["next"] not in {1, 2, 9}, moment
        assert 1 not in plan["later"], moment
    assert 2 in ids(ht.door_plan(DAY, HERE, at("09:00")))["later"]  # cancelled 09:30: a notice before it
    assert 2 not in ids(ht.door_plan(DAY, HERE, at("09:31")))["later"]  # and gone once its time is past
    assert 9 in ids(ht.door_plan(DAY, HERE, at("10:15")))["later"]  # cancelled 15:00: its people still come
    assert 9 not in ids(ht.door_plan(DAY, HERE, at("16:01")))["later"]


def test_the_other_rooms_door_has_a_notice_of_what_left_it_and_hears_what_came_to_it():
    plan = ht.door_plan(DAY, OTHER, at("10:15"))
    assert ids(plan) == {"now": [], "next": 4, "later": [6, 8]}  # 6 moved out to 305, 8 moved in from it
    assert ht.where_now(plan["later"][0], {HERE: {"number": "305"}}, "en") == "Moved to room 305"


def test_a_late_hearing_is_awaited_for_an_hour_then_the_court_has_gone_past_it():
    assert ht.LATE_MIN == 60
    day = [hearing(1, "10:00"), hearing(2, "11:00")]
    assert ids(ht.door_plan(day, HERE, at("10:40")))["next"] == 1  # courts run late
    assert ids(ht.door_plan(day, HERE, at("11:00")))["next"] == 1
    assert ids(ht.door_plan(day, HERE, at("11:01"))) == {"now": [], "next": 2, "later": []}
    assert ids(ht.door_plan(day, HERE, at("13:00"))) == {"now": [], "next": None, "later": []}


def test_notices_of_postponed_and_moved_away_hearings_go_once_their_time_is_past():
    day = [hearing(1, "09:00", "postponed", postponed_to="2026-12-07T10:00"),
           hearing(2, "09:30", "moved", moved_to_room_id=OTHER), hearing(3, "12:00")]
    assert ids(ht.door_plan(day, HERE, at("08:30"))) == {"now": [], "next": 3, "later": [1, 2]}
    assert ids(ht.door_plan(day, HERE, at("10:15"))) == {"now": [], "next": 3, "later": [2]}
    assert ids(ht.door_plan(day, HERE, at("11:00"))) == {"now": [], "next": 3, "later": []}


def test_a_postponed_or_moved_away_hearing_is_never_next():
    day = [hearing(1, "11:00", "postponed", postponed_to="2026-12-07"),
           hearing(2, "11:30", "moved", moved_to_room_id=OTHER)]
    assert ids(ht.door_plan(day, HERE, at("10:00"))) == {"now": [], "next": None, "later": [1, 2]}


def test_a_hearing_moved_in_counts_here_whatever_its_time_then_runs_here():
    moved_in = hearing(1, "09:00", "moved", room_id=OTHER, moved_to_room_id=HERE)  # moved mid-hearing at 11:30
    assert ids(ht.door_plan([moved_in, hearing(2, "12:00")], HERE, at("11:30")))["next"] == 1
    # it goes on here: the server makes this its room (admin_server.hearings.change_status)
    running = dict(moved_in, status="in_progress", room_id=HERE, moved_to_room_id=None)
    assert ids(ht.door_plan([running, hearing(2, "12:00")], HERE, at("11:35"))) == {
        "now": [1], "next": 2, "later": []}
    assert ids(ht.door_plan([running], OTHER, at("11:35"))) == {"now": [], "next": None, "later": []}


def test_a_moved_hearing_with_no_room_given_is_a_notice_here():
    day = [hearing(1, "11:00", "moved", moved_to_room_id=None)]
    assert ids(ht.door_plan(day, HERE, at("10:00"))) == {"now": [], "next": None, "later": [1]}


def test_a_postponement_taken_back_makes_it_next_again_and_a_closed_hearing_counts():
    day = [hearing(1, "11:00", "scheduled"),
           {"id": 2, "date": "2026-11-24", "time": "10:30", "room_id": HERE, "kind": "criminal", "closed": True,
            "status": "scheduled", "postponed_to": None, "moved_to_room_id": None}]
    day.sort(key=lambda h: h["time"])
    assert ids(ht.door_plan(day, HERE, at("10:00"))) == {"now": [], "next": 2, "later": [1]}


def test_an_empty_day():
    assert ht.door_plan([], HERE, at("10:00")) == {"now": [], "next": None, "later": []}


# --- the sign on a real display app ----------------------------------------------------------


@pytest.fixture(scope="module")
def door(tmp_path_factory):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer

    cache, manifest = make_cache(tmp_path_factory.mktemp("door"), hearings_on=None)
    clock = FrozenClock(NOW.replace(hour=10, minute=15))
    env = KioskEnv(mode="display", room="305", lang="ru", manifest=manifest, cache=cache, now=clock,
                   hearings={"schema": 1, "revision": 1, "days": ["2026-11-24"], "hearings": DAY},
                   make_player=lambda call_soon: FakePlayer(call_soon), lang_rotate_s=600, thumbnail_every_s=None,
                   watchdog=None)
    app = KioskApp(env)  # started in Russian: on_lang ran before the app had its status board
    start_app(app, (1920, 1080))
    pump(frames=3)
    app.test_clock = clock
    yield app
    stop_app(app)


def sign_rows(box):
    from kiosk.screens.hearing_parts import BoardRow

    children = box if isinstance(box, list) else box.children[::-1]
    return [(r.ids.time.text, r.ids.badge.text, r.ids.case.text) for r in children if isinstance(r, BoardRow)]


def test_the_sign_starts_in_russian_with_the_room_and_now_next_later(door):
    app = door
    sign = app.screens["display"].door
    assert app.lang == "ru" and app.current == "display" and sign is not None
    assert app.status()["lang"] == "ru"  # the heartbeat says so too
    ids = sign.ids
    assert ids.number.text == "305" and ids.name.text == "Зал судебных заседаний №1 по гражданским делам"
    assert ids.floor.text.startswith("3") and "Восточное крыло" in ids.floor.text
    assert (ids.now_title.text, ids.next_title.text, ids.later_title.text) == ("Сейчас", "Следующее", "Позже сегодня")
    card = ids.now_card.ids
    assert (card.time.text, card.badge.text, card.case.text) == ("10:00", "Идёт заседание", "7594-26-00-2/1103")
    assert sign_rows(ids.next) == [("11:00", "Назначено", "7594-26-00-2/1105")]
    rows = sign_rows(ids.later)  # the rows that fit (kiosk/screens/hearing_door.py), then how many more
    assert len(rows) >= 2 and rows == [
        ("11:30", "Назначено", "Перенесено в зал 305"),  # moved here: to be heard here
        ("12:00", "Отложено", "7 декабря"),  # the badge says postponed, the line to when
        ("14:00", "Перенесено в другой зал", "Перенесено в зал 214"),
    ][:len(rows)]
    assert [w.text for w in ids.later.children if not sign_rows([w])] == [f"Ещё заседаний: {5 - len(rows)}"]
    shown = " ".join(w.text for w in sign.walk() if hasattr(w, "text"))
    assert "Снято с рассмотрения" not in shown and "09:30" not in shown  # the cancelled hearings


def test_the_sign_follows_the_clock_and_a_status_change(door):
    from kiosk.testing import pump

    app = door
    sign = app.screens["display"].door
    app.test_clock.moment = NOW.replace(hour=15, minute=10)  # 11:00 never started; the court went on
    feed = {"schema": 1, "revision": 2, "days": ["2026-11-24"],
            "hearings": [dict(h, status="finished") if h["id"] == 3 else h for h in DAY]}
    app.hearings.set_feed(feed)
    assert pump(3, until=lambda: app.clock_time == "15:10")
    ids = sign.ids
    assert ids.now_card.ids.case.text == "Сейчас заседания нет"
    assert sign_rows(ids.next) == [("11:30", "Назначено", "Перенесено в зал 305")]  # moved in
    assert sign_rows(ids.later) == [("16:00", "Назначено", "7594-26-00-2/1110")]
    app.test_clock.moment = NOW.replace(hour=17, minute=30)
    heard = [dict(h, status="finished", room_id=HERE, moved_to_room_id=None) if h["id"] == 6 else h
             for h in feed["hearings"]]
    app.hearings.set_feed({**feed, "revision": 3, "hearings": heard})
    assert pump(3, until=lambda: app.clock_time == "17:30")
    assert sign_rows(ids.next) == [] and ids.later_title.text == "" and sign_rows(ids.later) == []
    assert [w.text for w in ids.next.children] == ["Больше заседаний сегодня нет"]
