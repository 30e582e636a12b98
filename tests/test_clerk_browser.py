"""The clerk's phone page in a real browser (Debian's Chromium via Playwright) against the real server.

A phone's viewport (390x844, touch): a clerk of rooms 101 and 102 signs in, sees only today's hearings
of those rooms, and taps "in progress", "break", "postponed" (with a date) and "moved" (to a room);
each change lands on the page and in the feed the kiosks read. Nothing is wider than the phone, every
tap target is at least the domain's minimum (44 px), also in Kazakh and Russian, and the page is photographed
for people to look at (test-artifacts/admin/clerk-phone*.png; docs/screenshots/clerk-phone.png is a copy).
"""
import datetime as dt
import json
import re
import shutil

import pytest
import requests

from admin_server import hearings
from admin_server.content import get_settings
from admin_server.db import write_transaction
from admin_server.testing import start_server
from admin_server.users import create_user
from tests.support.admin import ARTIFACTS, PASSWORD, db_for, new_data_dir
from tests.support.browser import browser, watched_page  # noqa: F401 (fixture)

pytestmark = pytest.mark.timeout(240)

PHONE = {"width": 390, "height": 844}
MIN_TAP_PX = 44  # /work/shared/domain.md: touch targets at least 44-48 px


@pytest.fixture
def court(tmp_path):
    """A server whose court has rooms 101-103, a clerk of 101 and 102, and hearings today and tomorrow."""
    data = new_data_dir(tmp_path / "data")
    db = db_for(data)
    today = hearings.court_today(get_settings(db))
    tomorrow = (today + dt.timedelta(days=1)).isoformat()
    with write_transaction(db):
        rooms = {n: db["rooms"].insert({"number": n, "floor": 1, "name": json.dumps(
            {"kk": f"{n} зал", "ru": f"Зал {n}", "en": f"Room {n}"})}).last_pk for n in ("101", "102", "103")}
        clerk = create_user(db, "clerk", PASSWORD, "clerk", "en")
        hearings.set_user_rooms(db, clerk, [rooms["101"], rooms["102"]], by="test")

        def add(day, time, room, case, **extra):
            return hearings.add(db, {"date": day, "time": time, "room_id": rooms[room], "case_kind": "civil",
                                     "case_number": case, "judge": "Ахметова Гүлнар Сейітқалиқызы",
                                     "parties": "Сейткали Айгерим Болатовна – ТОО «Каспий Мұнай Газ Барлау»",
                                     **extra}, by="test")

        ids = {
            "first": add(today.isoformat(), "09:30", "101", "7594-26-00-2/1173"),
            "second": add(today.isoformat(), "11:00", "101", "7594-26-00-2/1174"),
            "third": add(today.isoformat(), "14:30", "102", "7594-26-00-1/88"),
            "closed": add(today.isoformat(), "16:00", "102", "7594-26-00-3/12", closed=1),
            "other_room": add(today.isoformat(), "10:00", "103", "OTHER-ROOM-1"),
            "tomorrow": add(tomorrow, "09:00", "101", "TOMORROW-1"),
        }
    db.conn.close()
    server = start_server(data)
    yield {"url": server.url, "data": data, "rooms": rooms, "ids": ids, "today": today}
    server.stop()


@pytest.fixture
def phone(browser):  # noqa: F811 (the fixture above)
    yield from watched_page(browser, viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)


def feed_item(base, ident):
    feed = requests.get(base + "/api/v1/hearings", timeout=10).json()
    return next(h for h in feed["hearings"] if h["id"] == ident)


def card(page, ident):
    return page.locator(f"#h-{ident}")


def flash(page):
    return " ".join(page.locator(".flash.ok").all_inner_texts())


def open_everything(page):
    """Every "Postponed… / Moved… / Note…" fold open: the page at its widest and tallest."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")


def overflow(page):
    return page.evaluate("() => document.documentElement.scrollWidth")


def small_targets(page):
    """Visible things a thumb taps that are smaller than MIN_TAP_PX either way: (what, width, height)."""
    return page.evaluate("""(min) => [...document.querySelectorAll(
            'a[href], button, summary, input:not([type=hidden]), select, textarea')]
        .filter(el => el.offsetParent !== null && !el.closest('.skip'))
        .map(el => { const r = el.getBoundingClientRect();
                     return [el.tagName.toLowerCase() + ' ' + (el.innerText || el.name || el.type || '').trim(),
                             Math.round(r.width), Math.round(r.height)]; })
        .filter(([, w, h]) => w < min || h < min)""", MIN_TAP_PX)


def tap_and_wait(page, target):
    """Tap a form's button and wait for the page the server answers with (a 303 to the same page)."""
    with page.expect_navigation():
        target.tap()


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def test_the_clerk_changes_statuses_on_a_phone(court, phone, tmp_path):
    page, base, ids = phone, court["url"], court["ids"]
    page.goto(base + "/admin/")
    assert "/admin/login" in page.url
    page.fill("#username", "clerk")
    page.fill("#password", PASSWORD)
    page.locator("button[type=submit]").tap()
    page.wait_for_url(re.compile(r".*/admin/clerk/$"))

    # only today's hearings of rooms 101 and 102, in time order
    main = page.inner_text("main")
    assert "Your courtrooms: 101 — Room 101, 102 — Room 102" in main
    shown = page.locator("section.hearing-card").evaluate_all("els => els.map(e => e.id)")
    assert shown == [f"h-{ids[k]}" for k in ("first", "second", "third", "closed")]
    assert "OTHER-ROOM-1" not in main and "TOMORROW-1" not in main
    shot(page, "clerk-phone-1-list")
    assert overflow(page) <= PHONE["width"]
    assert not (small := small_targets(page)), small

    # in progress, then break: one tap each
    first = card(page, ids["first"])
    tap_and_wait(page, first.get_by_role("button", name="In progress"))
    assert page.url.endswith(f"/admin/clerk/#h-{ids['first']}")  # back at the card
    assert "09:30 7594-26-00-2/1173: In progress." in flash(page)
    assert first.locator(".status-badge").inner_text() == "In progress"
    assert feed_item(base, ids["first"])["status"] == "in_progress"
    tap_and_wait(page, first.get_by_role("button", name="Break", exact=True))
    assert "09:30 7594-26-00-2/1173: Break." in flash(page)
    assert first.locator(".status-badge").inner_text() == "Break"
    assert feed_item(base, ids["first"])["status"] == "break"

    # postponed, with a date
    second = card(page, ids["second"])
    second.locator("summary", has_text="Postponed").tap()
    new_day = (court["today"] + dt.timedelta(days=3)).isoformat()
    second.locator("input[name=postponed_to]").fill(new_day)
    tap_and_wait(page, second.get_by_role("button", name="Postpone", exact=True))
    assert "11:00 7594-26-00-2/1174: Postponed." in flash(page)
    assert second.locator(".status-badge").inner_text() == "Postponed"
    assert new_day in second.inner_text()
    item = feed_item(base, ids["second"])
    assert (item["status"], item["postponed_to"]) == ("postponed", new_day)

    # moved to another room
    third = card(page, ids["third"])
    third.locator("summary", has_text="Moved").tap()
    third.locator("select[name=moved_to_room_id]").select_option(label="103 — Room 103")
    tap_and_wait(page, third.get_by_role("button", name="Move", exact=True))
    assert "14:30 7594-26-00-1/88: Moved to another room." in flash(page)
    assert third.locator(".status-badge").inner_text() == "Moved to another room"
    assert "Courtroom 102 → 103" in third.inner_text()
    item = feed_item(base, ids["third"])
    assert (item["status"], item["moved_to_room_id"]) == ("moved", court["rooms"]["103"])

    # the page after the changes, every fold open: still no wider than the phone and big enough to
    # tap, in English and in the longer Kazakh and Russian words
    for lang in ("en", "kk", "ru"):
        db = db_for(court["data"])
        with write_transaction(db):
            db.execute("UPDATE users SET language = ? WHERE username = 'clerk'", [lang])
        db.conn.close()
        page.goto(base + "/admin/clerk/")
        assert page.locator("html").get_attribute("lang") == lang
        if lang == "en":  # the picture of the page as a clerk first sees it
            page.screenshot(path=str(tmp_path / "clerk-phone.png"))
            shutil.copy(tmp_path / "clerk-phone.png", ARTIFACTS / "clerk-phone.png")  # docs/screenshots/ has one
        open_everything(page)
        shot(page, f"clerk-phone-3-open-{lang}")
        assert overflow(page) <= PHONE["width"], lang
        assert not (small := small_targets(page)), (lang, small)
