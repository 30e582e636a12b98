"""The hearing screens' words and search (kiosk.hearings_text), with no Kivy in sight."""

import subprocess
import sys

import pytest

from court_contract.hearings import STATUSES
from kiosk import hearings_style, hearings_text as ht
from kiosk.widgets.theme import contrast_ratio

ROOMS = {
    3: {"id": 3, "number": "305", "name": {"kk": "№1 зал", "ru": "Зал №1", "en": "Room 1"}, "floor": 3,
        "wing": {"kk": "Б қанаты", "ru": "крыло Б", "en": "wing B"},
        "way": {"kk": "Лифтпен 3-қабатқа", "ru": "На лифте на 3 этаж", "en": "Lift to floor 3"}, "plan": None},
    4: {"id": 4, "number": "214", "name": {"kk": "", "ru": "", "en": ""}, "floor": 2, "wing": None, "way": None,
        "plan": None},
}


def hearing(ident, time="10:00", room_id=3, status="scheduled", **extra):
    item = {"id": ident, "date": "2026-12-04", "time": time, "room_id": room_id, "kind": "civil", "closed": False,
            "status": status, "case_number": f"7594-26-00-2/{1100 + ident}", "judge": "Ахметова Г. С.",
            "parties": "С. А. Б. – ТОО «Каспий»", "note": "", "postponed_to": None, "moved_to_room_id": None}
    item.update(extra)
    return item


CLOSED = {"id": 9, "date": "2026-12-04", "time": "11:00", "room_id": 3, "kind": "criminal", "closed": True,
          "status": "scheduled", "postponed_to": None, "moved_to_room_id": None}


def test_no_kivy_is_imported():
    code = "import sys, kiosk.hearings_text, kiosk.hearings_style; print('kivy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.parametrize("query, found", [
    ("", True),
    ("1103", True),                 # part of the case number
    ("2/1103", True),               # punctuation does not matter
    ("7594 1103", True),
    ("ахметова", True),             # judge, any case
    ("АХМЕТОВА г", True),
    ("каспий", True),               # a party
    ("қаспий", True),               # Kazakh letters fold to their look-alikes
    ("ахметова каспий", True),      # every word, in any field
    ("ахметова 9999", False),
    ("иванов", False),
])
def test_search_by_case_number_judge_or_party(query, found):
    assert ht.matches(hearing(3), query) is found


def test_kazakh_letters_find_russian_spelling_and_back():
    item = hearing(1, judge="Нұрланқызы Ә. Қ.")
    assert ht.matches(item, "нурланкызы")
    assert ht.matches(item, "нұрланқызы")
    assert ht.matches(hearing(2, judge="Кали Б."), "қали")


def test_a_search_never_finds_a_closed_hearing():
    assert ht.matches(CLOSED, "")
    assert not ht.matches(CLOSED, "305")
    assert ht.search([hearing(1), CLOSED], "ахметова") == [hearing(1)]


@pytest.mark.parametrize("status", STATUSES)
def test_every_status_has_words_in_every_language_and_a_readable_badge(status):
    words = {lang: ht.status_text(status, lang) for lang in ("kk", "ru", "en")}
    assert all(words.values()) and len(set(words.values())) == 3, words
    bg, fg = hearings_style.badge(status)
    assert contrast_ratio(fg, bg) >= 4.5, status


def test_badges_differ_in_colour():
    assert len({tuple(hearings_style.badge(s)[0]) for s in STATUSES}) == len(STATUSES)


def test_status_words_match_the_domain_table():
    assert ht.status_text("in_progress", "ru") == "Идёт заседание"
    assert ht.status_text("cancelled", "kk") == "Қараудан алынды"
    assert ht.status_text("moved", "en") == "Moved to another room"


@pytest.mark.parametrize("lang, postponed_to, expected", [
    ("en", "2026-12-07T10:00", "Postponed to 7 December, 10:00"),
    ("ru", "2026-12-07T10:00", "Отложено на 7 декабря, 10:00"),
    ("kk", "2026-12-07T10:00", "Кейінге қалдырылды: 7 желтоқсан, 10:00"),
    ("en", "2026-12-07", "Postponed to 7 December"),
    ("en", None, ""),                  # the status word says the rest
    ("en", "not a date", ""),
])
def test_where_and_when_now_for_a_postponed_hearing(lang, postponed_to, expected):
    item = hearing(1, status="postponed", postponed_to=postponed_to)
    assert ht.where_now(item, ROOMS, lang) == expected


@pytest.mark.parametrize("lang, expected", [
    ("en", "Moved to room 214"), ("ru", "Перенесено в зал 214"), ("kk", "214-залға ауыстырылды")])
def test_where_now_for_a_moved_hearing(lang, expected):
    assert ht.where_now(hearing(1, status="moved", moved_to_room_id=4), ROOMS, lang) == expected


def test_moved_to_an_unknown_room_and_unmoved_hearings_say_nothing_extra():
    assert ht.where_now(hearing(1, status="moved", moved_to_room_id=77), ROOMS, "en") == ""
    assert ht.where_now(hearing(1, status="in_progress"), ROOMS, "en") == ""


def test_room_texts():
    assert ht.room_label(ROOMS[3], "ru") == "Зал 305 · Зал №1"
    assert ht.room_label(ROOMS[4], "en") == "Room 214"
    assert ht.room_label(None, "en") == ""
    assert ht.floor_text(ROOMS[3], "kk") == "3-қабат, Б қанаты"
    assert ht.floor_text(ROOMS[4], "ru") == "2 этаж"
    assert ht.way_text(ROOMS[3], "en") == "Lift to floor 3"
    assert ht.way_text(ROOMS[4], "en") == ""


def test_rooms_from_a_manifest_without_rooms_or_with_junk():
    assert ht.rooms_by_id(None) == {}
    assert ht.rooms_by_id({}) == {}
    assert ht.rooms_by_id({"rooms": "x"}) == {}
    assert ht.rooms_by_id({"rooms": [{"id": 3, "number": "305"}, "junk", {"number": "1"}]}) == {
        3: {"id": 3, "number": "305"}}
    assert ht.room_by_number({"rooms": list(ROOMS.values())}, " 305 ")["id"] == 3
    assert ht.room_by_number({"rooms": list(ROOMS.values())}, "999") is None


def test_kind_words():
    assert ht.kind_text("criminal", "ru") == "Уголовное дело"
    assert ht.kind_text("administrative_offence", "en") == "Administrative offence"
    assert ht.kind_text("unknown", "en") == ""


def test_pages():
    assert ht.pages([], 5) == [[]]
    assert ht.pages(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert ht.pages([1], 0) == [[1]]
