"""The claim template's detail screen below its QR code: the file it gives and how to file the claim
(kiosk/screens/template.py), with the UI fixture court in a real app."""

import pytest

from kiosk.screens.template import file_size_text, online_link
from tests.support.ui import NOW, make_cache


def test_file_sizes_in_the_visitors_language():
    assert file_size_text(36313, "kk") == "36\u00a0КБ"
    assert file_size_text(36313, "en") == "36\u00a0KB"
    assert file_size_text(10, "ru") == "1\u00a0КБ"  # never 0
    assert file_size_text(1_300_000, "ru") == "1,3\u00a0МБ"
    assert file_size_text(1_300_000, "en") == "1.3\u00a0MB"


def test_the_online_step_takes_the_court_office_link_or_else_the_first_e_service():
    office = {"kind": "e_service", "icon": "office", "url": "https://office.sud.kz"}
    site = {"kind": "e_service", "icon": "web", "url": "https://mng.sud.kz"}
    social = {"kind": "social", "icon": "office", "url": "https://t.me/x"}
    assert online_link([site, social, office]) is office
    assert online_link([social, site]) is site
    assert online_link([social, {"kind": "e_service", "url": ""}]) is None
    assert online_link(None) is None


@pytest.fixture(scope="module")
def kiosk(tmp_path_factory):
    from kiosk.app import KioskApp
    from kiosk.env import KioskEnv
    from kiosk.testing import pump, start_app, stop_app
    from kiosk.video.fake import FakePlayer

    cache, manifest = make_cache(tmp_path_factory.mktemp("template"))
    env = KioskEnv(lang="kk", manifest=manifest, cache=cache, now=lambda: NOW, watchdog=None,
                   make_player=lambda call_soon: FakePlayer(call_soon), thumbnail_first_s=None, thumbnail_every_s=None)
    app = start_app(KioskApp(env))
    app.screens["main"].ids.ticker.paused = True
    app.leave_attract()
    pump(frames=3)
    yield app
    stop_app(app)


def open_template(app, slug, lang):
    from kiosk.testing import pump

    app.go_home()
    app.lang = lang
    app.open_template(slug)
    pump(frames=3)
    return app.screens["template"]


def test_the_file_and_the_steps_to_file_the_claim(kiosk):
    detail = open_template(kiosk, "divorce", "ru")
    assert "Файл: DOCX" in detail.ids.file_info.text and "КБ" in detail.ids.file_info.text
    words = [step.ids.words.text for step in detail.step_widgets]
    assert words[0].startswith("Заполните") and words[1].startswith("Оплатите")
    assert any("г. Актау, 14 мкр., д. 1" in w for w in words)  # the court office's address
    assert words[-1] == "Или подайте онлайн: Судебный кабинет, https://office.sud.kz"
    detail.calculator_button.dispatch("on_release")
    assert kiosk.current == "calculator"


def test_a_template_file_only_in_another_language_shows_that_file(kiosk):
    detail = open_template(kiosk, "debt", "en")  # the fixture's debt claim has a Russian file only
    assert detail.ids.langs.text == "File languages: Русский"
    assert "File: DOCX" in detail.ids.file_info.text


def test_a_template_gone_from_the_manifest_shows_nothing_found(kiosk):
    from kiosk.testing import pump

    detail = open_template(kiosk, "divorce", "en")
    kiosk.template_slug = "no-such-template"
    detail.refresh()
    pump(frames=2)
    assert detail.ids.title.text == "Nothing found"
    assert detail.ids.qr.data == "" and detail.ids.file_info.text == "" and detail.ids.steps.opacity == 0
