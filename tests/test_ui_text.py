"""The kiosk's own wording and the pure helpers of the UI (no Kivy window)."""

import datetime as dt

import pytest

from kiosk import money, ui_text
from kiosk.idle import MIN_WARNING_S, IdleTimer
from kiosk.widgets.theme import CONTRAST, NORMAL, TEXT_PAIRS, contrast_ratio

DOMAIN_TABLE = {  # ../shared/domain.md, "UI wording"
    "state_fee": ("Мемлекеттік баж", "Государственная пошлина", "State fee"),
    "claim_templates": ("Талап қою үлгілері", "Образцы исков", "Claim templates"),
    "scan_qr": ("Жүктеп алу үшін QR-кодты сканерлеңіз", "Отсканируйте QR-код, чтобы скачать",
                "Scan the QR code to download"),
    "still_there": ("Сіз осындасыз ба?", "Вы ещё здесь?", "Are you still there?"),
    "back": ("Артқа", "Назад", "Back"),
    "home": ("Басты бет", "Главная", "Home"),
}


def test_every_key_has_three_languages():
    for key, texts in ui_text.WORDS.items():
        assert len(texts) == 3 and all(text.strip() for text in texts), key
        assert len(set(texts)) > 1 or key in ("room", "phone"), f"{key} is not translated"


@pytest.mark.parametrize("key", sorted(DOMAIN_TABLE))
def test_wording_follows_the_domain_table(key):
    assert tuple(ui_text.t(key, lang) for lang in ("kk", "ru", "en")) == DOMAIN_TABLE[key]


def test_unknown_language_falls_back_to_kazakh():
    assert ui_text.t("home", "de") == "Басты бет"


def test_dates_and_numbers():
    day = dt.date(2026, 11, 24)
    assert ui_text.format_date(day, "kk") == "2026 жылғы 24 қараша"
    assert ui_text.format_date(day, "ru") == "24 ноября 2026"
    assert ui_text.format_date(day, "en", year=False) == "24 November"
    assert ui_text.weekday_name(2, "kk") == "Сейсенбі"
    assert money.format_number(0.3, "kk") == "0,3"
    assert money.format_number(0.3, "en") == "0.3"
    assert money.format_number(10000, "ru") == "10\u00a0000"
    assert money.format_number(50.0, "en") == "50"


@pytest.mark.parametrize("palette", [NORMAL, CONTRAST], ids=["normal", "contrast"])
def test_text_contrast_is_at_least_4_5(palette):
    for fg, bg in TEXT_PAIRS:
        ratio = contrast_ratio(palette[fg], palette[bg])
        assert ratio >= 4.5, f"{fg} on {bg}: {ratio:.2f}"


def test_contrast_ratio_reference_values():
    assert contrast_ratio([0, 0, 0], [1, 1, 1]) == pytest.approx(21.0)
    assert contrast_ratio([1, 1, 1], [1, 1, 1]) == pytest.approx(1.0)


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_idle_timer_warns_then_expires_and_a_touch_extends():
    clock = Clock()
    timer = IdleTimer(90, 30, now=clock)
    clock.now = 89.9
    assert timer.state() == ("active", None)
    clock.now = 90
    assert timer.state() == ("warning", 30)
    clock.now = 105.5
    assert timer.state() == ("warning", 15)
    timer.touch()
    assert timer.state() == ("active", None)
    clock.now = 105.5 + 120
    assert timer.state() == ("expired", 0)


def test_idle_warning_is_never_shorter_than_20_seconds():
    clock = Clock()
    timer = IdleTimer(60, 5, now=clock)
    assert timer.warning_s == MIN_WARNING_S
    timer.configure(None, "x")  # bad settings fall back to the defaults
    assert (timer.timeout_s, timer.warning_s) == (90, 30)


def test_a_room_is_named_once():
    assert ui_text.room_words("301-кабинет", "kk") == "301-кабинет"
    assert ui_text.room_words("Room 301", "en") == "Room 301"
    assert ui_text.room_words("301", "ru") == "Кабинет 301"
    assert ui_text.room_words(" 301 ", "en", sep=": ") == "Room: 301"
    assert ui_text.room_words("", "kk") == ""
