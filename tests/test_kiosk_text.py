"""court_contract.text.pick, and the package-wide rule: no Kivy, no side effects at import."""

import os
import subprocess
import sys

import pytest

from court_contract.text import LANGS, pick

FULL = {"kk": "Мемлекеттік баж", "ru": "Государственная пошлина", "en": "State fee"}


def test_langs_kazakh_first():
    assert LANGS == ("kk", "ru", "en")


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        (FULL, "kk", "Мемлекеттік баж"),
        (FULL, "ru", "Государственная пошлина"),
        (FULL, "en", "State fee"),
        ({"ru": "Назад", "en": "Back"}, "kk", "Назад"),  # missing: Russian
        ({"kk": "", "ru": "Назад", "en": "Back"}, "kk", "Назад"),  # empty: Russian
        ({"kk": "Артқа", "ru": "", "en": "Back"}, "en", "Back"),
        ({"kk": "Артқа", "ru": "", "en": ""}, "en", "Артқа"),  # no Russian either: any
        ({"en": "Back"}, "kk", "Back"),
        ({"kk": "", "ru": "", "en": ""}, "ru", ""),
        ({}, "kk", ""),
        (None, "kk", ""),
        ("plain string", "kk", "plain string"),
        ("", "en", ""),
        (FULL, "de", "Государственная пошлина"),  # unknown language: Russian
        ({"ru": None, "en": "Back"}, "ru", "Back"),  # not a string: skipped
        (42, "kk", ""),
    ],
)
def test_pick(text, lang, expected):
    assert pick(text, lang) == expected


def test_importing_the_core_imports_no_kivy_and_touches_nothing(tmp_path):
    code = (
        "import sys, kiosk, court_contract.text, court_contract.manifest, kiosk.cache, kiosk.sync, court_contract.fees, "
        "court_contract.reception, kiosk.config\n"
        "bad = [m for m in sys.modules if m == 'kivy' or m.startswith('kivy.')]\n"
        "assert not bad, bad\n"
    )
    env = dict(os.environ, HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "xdg"))
    subprocess.run([sys.executable, "-c", code], check=True, cwd=tmp_path, env=env, timeout=60)
    assert os.listdir(tmp_path) == []  # no cache, config or log folders appeared
