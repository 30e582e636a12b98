"""Keypad, keyboard and template search: the pure parts."""

from kiosk.screens.templates import search
from kiosk.widgets import keyboard, keypad


def test_keypad_digits():
    digits = ""
    for key in ("0", "1", "2", "5", "00"[0], "back", "0", "0"):
        digits = keypad.apply_key(digits, key)
    assert digits == "12500"
    assert keypad.group_digits("1250000") == "1\u00a0250\u00a0000"
    assert keypad.apply_key("9" * 13, "9") == "9" * 13
    assert keypad.apply_key("123", "clear") == ""


def test_keyboard_layouts_have_the_kazakh_letters():
    letters = "".join(keyboard.LAYOUTS["cyr"])
    for ch in "әғқңөұүһі" + "абвгдеёжзийклмнопрстуфхцчшщъыьэюя":
        assert ch in letters
    assert "q" in "".join(keyboard.LAYOUTS["lat"])


def test_keyboard_text_editing():
    text = ""
    for key in ("қ", "space", "space", "а", "back", "ә"):
        text = keyboard.apply_key(text, key)
    assert text == "қ ә"
    assert keyboard.apply_key("", "space") == ""
    assert keyboard.apply_key("abc", "clear") == ""


TEMPLATES = [
    {"slug": "divorce", "category": "family", "title": {"kk": "Некені бұзу", "ru": "Расторжение брака", "en": "Divorce"},
     "description": {"kk": "", "ru": "", "en": ""}},
    {"slug": "debt", "category": "debt", "title": {"kk": "Берешек", "ru": "Взыскание долга", "en": "Debt"},
     "description": {"kk": "Қарыз шарты", "ru": "Заём", "en": "Loan"}},
]


def test_search_any_language_and_case_and_yo():
    assert [t["slug"] for t in search(TEMPLATES, "НЕКЕ")] == ["divorce"]
    assert [t["slug"] for t in search(TEMPLATES, "брак")] == ["divorce"]
    assert [t["slug"] for t in search(TEMPLATES, "заем")] == ["debt"]  # ё/е
    assert [t["slug"] for t in search(TEMPLATES, "қарыз")] == ["debt"]
    assert [t["slug"] for t in search(TEMPLATES, "")] == ["divorce", "debt"]
    assert [t["slug"] for t in search(TEMPLATES, "", "debt")] == ["debt"]
    assert search(TEMPLATES, "xyz") == []
