"""Fleet monitoring in a real browser (Debian's Chromium via Playwright) against the real server.

Kiosks post heartbeats over HTTP with their tokens (a Pillow-made screenshot,
usage counts for a few days, an emergency acknowledgement); the dashboard,
the usage charts, the CSV export and the emergency page show them.
Screenshots go to test-artifacts/admin/.
"""
import base64
import csv
import datetime as dt
import io
import json
import re
from zoneinfo import ZoneInfo

import pytest
import requests

from admin_server.content import get_settings, tri
from admin_server.kiosks import create_kiosk
from admin_server.users import create_user
from admin_server.testing import run_cli, start_server
from tests.support.admin import PASSWORD, db_for, png_bytes
from tests.support.browser import browser, page, shot, sign_in  # noqa: F401  (fixtures)

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def fleet_server(demo_dir):
    """The demo court with an emergency announcement published (version 2) and three registered kiosks."""
    db = db_for(demo_dir)
    with db.atomic():
        create_user(db, "boss", PASSWORD, "admin", "en")
        tokens = {"hall-1": create_kiosk(db, "hall-1", "Hall 1, left"),
                  "hall-2": create_kiosk(db, "hall-2", "Waiting room", mode="display"),
                  "hall-3": create_kiosk(db, "hall-3", "Upstairs")}
        alarm = db["announcements"].insert({
            "text": tri({"kk": "Эвакуация! Ғимараттан шығыңыз.", "ru": "Эвакуация! Покиньте здание.",
                         "en": "Evacuation! Leave the building."}),
            "priority": 0, "emergency": 1, "enabled": 1}).last_pk
        zone = ZoneInfo(get_settings(db)["timezone"])
    db.conn.close()
    assert run_cli(demo_dir, "publish") == 0
    server = start_server(demo_dir)
    server.tokens, server.alarm, server.zone = tokens, alarm, zone
    yield server
    server.stop()


def heartbeat(server, kiosk_id, **body):
    r = requests.post(server.url + "/api/v1/heartbeat", json=body, timeout=10,
                      headers={"Authorization": f"Bearer {server.tokens[kiosk_id]}"})
    assert r.status_code == 204, r.text


def set_last_seen(server, kiosk_id, minutes_ago):
    db = db_for(server.data_dir)
    when = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=minutes_ago)).isoformat()
    db.execute("UPDATE kiosks SET last_seen = ? WHERE id = ?", [when, kiosk_id])
    db.conn.commit()
    db.conn.close()


def test_fleet_dashboard_usage_charts_csv_and_emergency(page, fleet_server, tmp_path):
    server = fleet_server
    base = server.url
    today = dt.datetime.now(server.zone).date()
    days = [(today - dt.timedelta(days=i)).isoformat() for i in range(4)]
    usage_1 = {d: {"screen:fees": 12 - i, "screen:templates": 5, "template:divorce": 4 + i, "qr:divorce": 3,
                   "calculator": 6, "video:1": 30 + 2 * i} for i, d in enumerate(days)}
    usage_2 = {d: {"video:1": 55 + i, "video:2": 20} for i, d in enumerate(days[:2])}
    screenshot = png_bytes(size=(384, 216))
    heartbeat(server, "hall-1", kiosk_version="0.1.0", manifest_version=2, uptime_s=26 * 3600 + 120, screen="templates",
              mode="kiosk", free_disk_mb=18432, clock_ok=True, errors=[], emergency_shown=[server.alarm],
              usage=usage_1, thumbnail=base64.b64encode(screenshot).decode())
    heartbeat(server, "hall-2", kiosk_version="0.1.0", manifest_version=1, uptime_s=700, screen="display",
              mode="display", free_disk_mb=640, clock_ok=False,
              errors=["media 5b1c…: the download was cut off at 1048576 of 4200000 bytes"], usage=usage_2,
              thumbnail=base64.b64encode(png_bytes(size=(384, 216), colour=(60, 60, 60), fmt="JPEG")).decode())

    # The dashboard: states, versions, thumbnails and warnings.
    sign_in(page, base, "boss")
    one = page.locator("#kiosk-hall-1")
    assert one.get_attribute("data-state") == "online" and "state-online" in one.get_attribute("class")
    text = one.inner_text()
    assert "Hall 1, left" in text and "1 d 2 h" in text and "templates" in text and "18.0 GB" in text
    assert "behind" not in text
    img = one.locator(".thumb img")
    assert img.evaluate("i => i.complete && i.naturalWidth") == 384
    thumb = page.request.get(base + img.get_attribute("src"))
    assert thumb.status == 200 and thumb.headers["content-type"] == "image/png" and thumb.body() == screenshot
    assert thumb.headers["cache-control"] == "no-store"
    two = page.locator("#kiosk-hall-2")
    text = two.inner_text()
    assert "Version 2 is published; this kiosk has not shown it yet." in text and "clock is wrong" in text
    assert "1 error reported" in text and "cut off" in text and "less than 1.0 GB" in text
    assert two.locator(".thumb img").evaluate("i => i.naturalWidth") == 384
    assert page.request.get(base + "/admin/fleet/hall-2/thumbnail").headers["content-type"] == "image/jpeg"
    three = page.locator("#kiosk-hall-3")
    assert three.get_attribute("data-state") == "offline" and "No screenshot yet" in three.inner_text()
    assert "Shown on 1 of 3 kiosks." in page.inner_text(".emergency-now")
    shot(page, "20-fleet-dashboard")

    # Usage: the bar chart has one bar per day and kind with the posted counts, the line chart a line per kiosk.
    page.click("nav.side >> text=Usage")
    page.wait_for_url(base + "/admin/usage/")
    bars = page.eval_on_selector_all(
        "#chart-days rect.bar", "rs => rs.map(r => [r.dataset.day, r.dataset.series, +r.dataset.value,"
                                " r.getBBox().height])")
    got = {(d, s): v for d, s, v, _h in bars}
    for i, d in enumerate(days):
        assert got[(d, "screens")] == 12 - i + 5
        assert got[(d, "templates")] == 4 + i and got[(d, "qr")] == 3 and got[(d, "calculator")] == 6
        assert got[(d, "videos")] == 30 + 2 * i + (55 + i + 20 if i < 2 else 0)
    assert len(bars) == 4 * 5 and all(h > 0 for *_x, h in bars)
    # Taller for more: the drawn heights follow the counts.
    heights = {(d, s): h for d, s, _v, h in bars}
    assert heights[(days[0], "videos")] > heights[(days[3], "videos")] > heights[(days[0], "qr")]
    points = page.eval_on_selector_all("#chart-kiosks circle.point",
                                       "cs => cs.map(c => [c.dataset.series, c.dataset.day, +c.dataset.value])")
    assert len(points) == 2 * 7
    assert ["hall-2", days[0], 75] in points and ["hall-1", days[3], sum(usage_1[days[3]].values())] in points
    assert page.locator("#chart-days").is_visible() and page.locator("#chart-days").bounding_box()["height"] > 150
    assert "Claim for divorce" in page.inner_text(".usage-top")
    shot(page, "21-usage-7-days")
    page.select_option("#f-days", "30")
    page.click(".usage-filter button[type=submit]")
    page.wait_for_url(re.compile(r".*days=30.*"))
    assert page.locator("#chart-kiosks circle.point").count() == 2 * 30
    shot(page, "22-usage-30-days")

    # The CSV export has exactly the posted counts.
    page.goto(base + "/admin/usage/")
    with page.expect_download() as info:
        page.click("text=Download CSV")
    download = info.value
    assert re.fullmatch(r"usage-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv", download.suggested_filename)
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    exported = {(r["kiosk_id"], r["day"], r["event"]): int(r["count"]) for r in rows}
    posted = {("hall-1", d, e): n for d, events in usage_1.items() for e, n in events.items()}
    posted |= {("hall-2", d, e): n for d, events in usage_2.items() for e, n in events.items()}
    assert exported == posted
    response = page.request.get(base + "/admin/usage/usage.csv")
    assert response.headers["content-disposition"].startswith("attachment; filename=")
    assert response.headers["content-type"] == "text/csv; charset=utf-8"

    # The emergency announcement: which kiosks have shown it, with when, and which not.
    page.goto(base + "/admin/announcements/")
    row = page.locator(f"#row-{server.alarm}")
    assert "emergency" in row.get_attribute("class") and "1 of 3" in row.inner_text()
    assert "Not yet: Waiting room, Upstairs" in row.inner_text()
    shot(page, "23-emergency-list")
    page.goto(base + f"/admin/announcements/{server.alarm}/edit")
    shown = page.locator("table.acks-shown tbody tr")
    assert shown.count() == 1 and "Hall 1, left" in shown.inner_text()
    assert re.search(rf"{today.year}-\d\d-\d\d \d\d:\d\d", shown.inner_text())
    missing = page.inner_text("table.acks-missing")
    assert "Waiting room" in missing and "Upstairs" in missing and "never" in missing
    assert "takes over the whole screen of every kiosk" in page.inner_text("#field-emergency")
    shot(page, "24-emergency-acks")

    # A kiosk that stops sending turns stale, then offline.
    set_last_seen(server, "hall-1", 5)
    page.goto(base + "/admin/")
    one = page.locator("#kiosk-hall-1")
    assert one.get_attribute("data-state") == "stale" and "state-stale" in one.get_attribute("class")
    assert one.locator(".badge.state").inner_text() == "stale" and "5 min ago" in one.inner_text()
    shot(page, "25a-fleet-stale")
    set_last_seen(server, "hall-1", 15)
    page.reload()
    one = page.locator("#kiosk-hall-1")
    assert one.get_attribute("data-state") == "offline" and "state-offline" in one.get_attribute("class")
    assert one.locator(".badge.state").inner_text() == "offline" and "15 min ago" in one.inner_text()
    assert page.locator("[data-count=offline]").inner_text() == "2"
    shot(page, "25b-fleet-offline")


def test_schedule_fields_in_the_browser(page, fleet_server):
    base = fleet_server.url
    sign_in(page, base, "boss")
    page.goto(base + "/admin/videos/1/edit")
    title = page.input_value("input[name='title.en']")
    # Only one end of the day part: a sentence by the field, nothing saved.
    page.check("input[name=weekdays][value='1']")
    page.fill("#f-day_start", "09:00")
    page.click("form.edit button[type=submit]")
    page.wait_for_selector("#err-day_start, #err-day_end")
    assert "Give both times of the day part" in page.inner_text("#err-day_end")
    assert page.is_checked("input[name=weekdays][value='1']") and page.input_value("#f-day_start") == "09:00"
    shot(page, "26-schedule-validation")
    assert db_for(fleet_server.data_dir)["videos"].get(1)["weekdays"] is None
    # Mon, Wed, Fri, 09:00-13:00: saved, listed, and in the publish diff.
    page.check("input[name=weekdays][value='3']")
    page.check("input[name=weekdays][value='5']")
    page.fill("#f-day_end", "13:00")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(base + "/admin/videos/")
    row = db_for(fleet_server.data_dir)["videos"].get(1)
    assert (json.loads(row["weekdays"]), row["day_start"], row["day_end"]) == ([1, 3, 5], "09:00", "13:00")
    assert "Mon, Wed, Fri, 09:00–13:00" in page.inner_text("#row-1")
    page.goto(base + "/admin/publish/")
    change = page.locator(".diff li.changed", has_text=title)
    assert "Mon, Wed, Fri, 09:00–13:00" in change.locator("ins").inner_text()
    shot(page, "27-publish-diff-schedule")
    page.goto(base + "/admin/")
    week = page.inner_text("table.week")
    assert title in week and "09:00–13:00" in week
    shot(page, "28-dashboard-this-week")
