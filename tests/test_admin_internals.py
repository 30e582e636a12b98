"""Admin internals: the field kinds, the content-table storage, and an admin package without import circles."""
import ast
import re
import sqlite3
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlite_utils import Database

from admin_server import crud_store
from admin_server.admin import fields as F
from admin_server.admin.fields import Field
from admin_server.admin.zone import court_zone
from admin_server.content import set_settings
from admin_server.schema import migrate

ADMIN = Path(__file__).resolve().parent.parent / "admin_server" / "admin"
ALMATY = ZoneInfo("Asia/Almaty")


# --- field kinds ------------------------------------------------------------------

def test_an_unknown_kind_is_refused_where_the_field_is_declared():
    with pytest.raises(ValueError, match="'when'.*unknown kind 'datetime'"):
        Field("when", "When", "datetime")


@pytest.mark.parametrize("kind, raw, stored, form, shown", [
    ("text", "  a b ", "a b", "a b", "a b"),
    ("int", "1 000", 1000, "1000", "1000"),
    ("float", "0,5", 0.5, "0.5", "0.5"),
    ("float", "2", 2.0, "2", "2"),
    ("date", "2026-01-31", "2026-01-31", "2026-01-31", "2026-01-31"),
    ("time", "09:30", "09:30", "09:30", "09:30"),
    ("instant", "2026-01-31T09:30", "2026-01-31T09:30:00+05:00", "2026-01-31T09:30", "2026-01-31 09:30"),
    ("code", "civil-claims", "civil-claims", "civil-claims", "civil-claims"),
    ("key", "non_property", "non_property", "non_property", "non_property"),
    ("lines", "a\n\n b \n", ["a", "b"], "a\nb", "a, b"),
    ("bool", True, 1, True, "yes"),
    ("weekdays", ["1", "2", "3"], "[1,2,3]", [1, 2, 3], "Mon–Wed"),
    ("weekdays", [str(d) for d in range(1, 8)], None, [], "every day"),
])
def test_each_kind_parses_and_shows(kind, raw, stored, form, shown):
    f = Field("x", "X", kind)
    assert F.parse(f, raw, zone=ALMATY) == stored
    assert F.to_form(f, stored, zone=ALMATY) == form
    assert F.show(f, stored, "en", zone=ALMATY) == shown


@pytest.mark.parametrize("field, raw, sentence", [
    (Field("x", "X", "int", minimum=30), "29", "The smallest allowed value is 30."),
    (Field("x", "X", "int"), "1.5", "Enter a whole number, e.g. 90."),
    (Field("x", "X", "float"), "inf", "Enter a number, e.g. 0.5 or 10000."),
    (Field("x", "X", "date"), "31.01.2026", "Enter a date like 2026-01-31."),
    (Field("x", "X", "time"), "24:00", "Enter a time like 09:30 (24-hour clock)."),
    (Field("x", "X", "url"), "office.sud.kz", "Enter a full web address starting with https://"),
    (Field("x", "X", "code"), "Civil", "Use lowercase Latin letters, digits and dashes"),
    (Field("x", "X", "phone"), "call us", "Enter a phone number"),
    (Field("x", "X", "text", required=True), "  ", "This field is required."),
    (Field("x", "X", "text", max_length=3), "abcd", "This is too long: at most 3 characters."),
    (Field("x", "X", "tri", required=True), {"kk": "", "ru": " "}, "Write this in at least one language"),
    (Field("x", "X", "weekdays"), ["8"], "Tick days from Monday to Sunday."),
    (Field("x", "X", "choice", choices=(("a", "A"),)), "b", "Choose one of the offered values."),
])
def test_bad_input_gets_its_sentence(field, raw, sentence):
    with pytest.raises(F.Invalid, match=re.escape(sentence)):
        F.parse(field, raw)


def test_choices_of_numbers_are_stored_as_numbers_and_shown_by_label():
    f = Field("x", "X", "choice", choices=((1, "One"), (2, "Two")))
    assert F.parse(f, "2") == 2
    assert F.show(f, 2, "en") == "Two"
    assert F.show(f, None, "en") == "—"


def test_trilingual_text_is_stored_as_json_and_audited_as_a_dict():
    f = Field("x", "X", "tri")
    stored = F.parse(f, {"kk": "Сот", "ru": "Суд", "en": ""})
    assert F.for_audit(f, stored) == {"kk": "Сот", "ru": "Суд", "en": ""}
    assert F.show(f, stored, "ru") == "Суд"
    assert F.to_form(f, stored) == {"kk": "Сот", "ru": "Суд", "en": ""}


def test_a_file_field_is_never_parsed_from_form_text():
    with pytest.raises(ValueError, match="comes from the upload"):
        F.parse(Field("file", "File", "file"), "evil.pdf")


# --- the court's zone ---------------------------------------------------------------

def test_court_zone_follows_the_settings_else_almaty():
    db = Database(memory=True)
    migrate(db)
    assert str(court_zone(db)) == "Asia/Almaty"
    set_settings(db, {"timezone": "Asia/Aqtau"})
    assert str(court_zone(db)) == "Asia/Aqtau"
    set_settings(db, {"timezone": "Mars/Olympus"})
    assert str(court_zone(db)) == "Asia/Almaty"


# --- content-table storage ------------------------------------------------------------

@pytest.fixture
def db():
    db = Database(memory=True)
    db["things"].create({"id": int, "code": str, "sort_order": int}, pk="id")
    db["things"].create_index(["code"], unique=True)
    db["years"].create({"year": int, "value": int}, pk="year")
    return db


def test_rows_are_added_found_changed_ordered_and_deleted(db):
    assert crud_store.next_sort_order(db, "things") == 0
    a = crud_store.insert(db, "things", "id", {"code": "a", "sort_order": 0})
    b = crud_store.insert(db, "things", "id", {"code": "b", "sort_order": crud_store.next_sort_order(db, "things")})
    assert crud_store.row(db, "things", "id", b) == {"id": b, "code": "b", "sort_order": 1}
    crud_store.set_order(db, "things", [b, a])
    assert [r["code"] for r in crud_store.rows(db, "things", "sort_order, id")] == ["b", "a"]
    crud_store.update(db, "things", a, {"code": "c"})
    assert crud_store.is_taken(db, "things", "code", "c", "id")
    assert not crud_store.is_taken(db, "things", "code", "c", "id", other_than=a)
    crud_store.delete(db, "things", a)
    assert crud_store.row(db, "things", "id", a) is None


def test_a_given_key_is_the_new_rows_key(db):
    assert crud_store.insert(db, "years", "year", {"year": 2026, "value": 4325}) == 2026


def test_a_broken_constraint_is_left_to_the_caller(db):
    crud_store.insert(db, "things", "id", {"code": "a", "sort_order": 0})
    with pytest.raises(sqlite3.IntegrityError):
        crud_store.insert(db, "things", "id", {"code": "a", "sort_order": 1})


# --- structure -----------------------------------------------------------------------

def _imports() -> dict[str, set[str]]:
    """Each admin module -> the admin modules it imports (at the top or inside a function)."""
    modules = {p.stem for p in ADMIN.glob("*.py")}
    graph = {}
    for path in ADMIN.glob("*.py"):
        found = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                found |= {node.module.split(".")[0]} if node.module else {a.name for a in node.names}
        graph[path.stem] = found & modules
    return graph


def _circles(graph: dict[str, set[str]]) -> list[str]:
    """The modules that import themselves back through others."""
    circles = []
    for start in graph:
        seen, todo = set(), list(graph[start])
        while todo:
            name = todo.pop()
            if name == start:
                circles.append(start)
                break
            if name not in seen:
                seen.add(name)
                todo.extend(graph.get(name, ()))
    return sorted(circles)


def test_a_circle_is_seen_through_a_third_module():
    assert _circles({"common": {"hooks"}, "hooks": {"zone"}, "zone": {"common"}, "fields": set()}) == [
        "common", "hooks", "zone"]


def test_no_admin_module_imports_itself_back():
    graph = _imports()
    assert {"common", "hooks", "fields", "schedules"} <= set(graph)
    assert _circles(graph) == []
