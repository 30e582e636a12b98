"""The admin in a real browser (Debian's Chromium via Playwright) against the real server.

Screenshots of the main pages are written to test-artifacts/admin/.
"""
import re
import subprocess

import pytest
import requests

from admin_server.testing import start_server
from admin_server.users import create_user
from tests.support.admin import PASSWORD, db_for, docx_bytes, make_video, new_data_dir
from tests.support.browser import add_user, browser, page, shot, sign_in, sign_out  # noqa: F401 (fixtures)

pytestmark = pytest.mark.timeout(240)


@pytest.fixture
def fresh_server(tmp_path):
    data = new_data_dir(tmp_path / "data", admin="chief")  # create-user --password-file, as the README says
    server = start_server(data)
    yield server
    server.stop()


def test_staff_workflow_from_first_admin_to_published_content(page, fresh_server, tmp_path):
    base = fresh_server.url
    # The first admin signs in and creates an editor and a publisher.
    page.goto(base + "/")
    assert page.url.startswith(base + "/admin/login")
    shot(page, "01-login")
    sign_in(page, base, "chief")
    add_user(page, base, "ed", "editor")
    add_user(page, base, "pub", "publisher")
    shot(page, "02-users")
    sign_out(page)

    # The editor adds a category, a template with a real DOCX and a video, watching the progress bar.
    sign_in(page, base, "ed")
    assert page.locator("nav.side a", has_text="Publish").count() == 0
    page.goto(base + "/admin/categories/new")
    page.fill("input[name='title.kk']", "Отбасы")
    page.fill("input[name='title.ru']", "Семья")
    page.fill("input[name='title.en']", "Family")
    page.fill("#f-code", "family")
    page.click("form.edit button[type=submit]")
    page.wait_for_url(base + "/admin/categories/")

    docx = tmp_path / "divorce-kk.docx"
    docx.write_bytes(docx_bytes("Неке бұзу туралы талап қою"))
    page.goto(base + "/admin/templates/new")
    page.fill("input[name='title.kk']", "Некені бұзу туралы талап қою")
    page.fill("input[name='title.ru']", "Иск о расторжении брака")
    page.fill("input[name='title.en']", "Divorce claim")
    page.fill("#f-slug", "divorce")
    page.select_option("#f-category", "family")
    page.set_input_files("#f-file_kk", str(docx))
    page.click("form.edit button[type=submit]")
    page.wait_for_url(base + "/admin/templates/")
    assert "Added “Divorce claim”." in page.inner_text("main")

    clip = make_video(tmp_path / "hall-video.mp4", seconds=4, size="640x480", noise=True)
    page.goto(base + "/admin/videos/new")
    page.fill("input[name='title.ru']", "Медиация")
    page.fill("input[name='title.en']", "Mediation")
    page.set_input_files("#f-file", str(clip))
    # Slow the upload down so that the bar can be seen moving.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 20, "downloadThroughput": -1,
                                                  "uploadThroughput": 250 * 1024})
    page.click("form.edit button[type=submit]")
    bar = page.locator("[data-progress] progress")
    bar.wait_for(state="visible")
    page.wait_for_function("() => { const p = document.querySelector('[data-progress] progress');"
                           " return p && p.value > 5 && p.value < 95; }")
    seen = page.locator("[data-progress] .progress-text").inner_text()
    assert re.match(r"\d+ % \(", seen), seen
    shot(page, "05-upload-progress")
    page.wait_for_url(base + "/admin/videos/", timeout=60_000)
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 0, "downloadThroughput": -1,
                                                  "uploadThroughput": -1})
    assert "Added “Mediation”." in page.inner_text("main")

    # The editor cannot publish.
    response = page.goto(base + "/admin/publish/")
    assert response.status == 403
    assert "Your role does not allow this page" in page.inner_text("main")
    assert requests.get(base + "/api/v1/manifest", timeout=5).status_code == 404
    sign_out(page)

    # The publisher reviews what changed and publishes.
    sign_in(page, base, "pub")
    page.goto(base + "/admin/publish/")
    diff = page.inner_text(".diff")
    assert "Divorce claim" in diff and "Mediation" in diff and "Family" in diff
    shot(page, "06-publish-diff")
    page.click("text=Publish to all kiosks")
    page.wait_for_url(base + "/admin/publish/")
    assert "Published version 1." in page.inner_text("main")

    manifest = requests.get(base + "/api/v1/manifest", timeout=5).json()
    template = manifest["templates"][0]
    assert template["slug"] == "divorce" and template["title"]["en"] == "Divorce claim"
    assert template["files"]["kk"]["name"] == "divorce-kk.docx"
    assert manifest["videos"][0]["title"]["en"] == "Mediation"
    assert manifest["videos"][0]["duration_s"] == pytest.approx(4.0, abs=0.2)
    download = requests.get(base + "/t/divorce/file/kk", timeout=5)
    assert download.status_code == 200 and download.content == docx.read_bytes()


@pytest.fixture
def demo_server(demo_dir):
    from admin_server.content import now_iso
    from admin_server.kiosks import create_kiosk

    db = db_for(demo_dir)
    with db.atomic():
        create_user(db, "boss", PASSWORD, "admin", "en")
        create_kiosk(db, "hall-1", "Hall 1, left")
        create_kiosk(db, "hall-2", "Waiting room", mode="display")
        # As if hall-1 had just reported that it shows version 1.
        db.execute("UPDATE kiosks SET last_seen = ?, shown_version = 1 WHERE id = 'hall-1'", [now_iso()])
    db.conn.close()
    server = start_server(demo_dir)
    yield server
    server.stop()


def test_screenshots_of_the_main_pages(page, demo_server):
    base = demo_server.url
    sign_in(page, base, "boss")
    shot(page, "03-dashboard")
    assert "online" in page.inner_text("main")
    for name in ("fees", "reception", "templates", "categories", "videos", "announcements", "links", "kiosks",
                 "users", "settings"):
        page.goto(f"{base}/admin/{name}/")
        assert page.locator("h1").count() == 1
        shot(page, f"10-list-{name}")

    # An edit form with a validation error: the sentence sits by the field, the input stays.
    page.goto(base + "/admin/reception/1/edit")
    page.fill("#f-end", "08:00")
    page.click("form.edit button[type=submit]")
    page.wait_for_selector("#err-end")
    assert "The reception must end after it starts." in page.inner_text("#err-end")
    assert page.input_value("#f-end") == "08:00"
    shot(page, "04-edit-validation-error")

    # A refused upload: the page comes back (through the upload script) with the reason by the field.
    page.goto(base + "/admin/templates/new")
    page.fill("input[name='title.ru']", "Поддельный документ")
    page.fill("#f-slug", "fake")
    page.select_option("#f-category", index=1)
    page.set_input_files("#f-file_ru", files=[{"name": "claim.docx", "mimeType": "application/octet-stream",
                                               "buffer": b"<html><script>alert(1)</script></html>"}])
    page.click("form.edit button[type=submit]")
    page.wait_for_selector("#err-file_ru")
    assert "is not a PDF, DOCX or ODT document" in page.inner_text("#err-file_ru")
    assert page.input_value("input[name='title.ru']") == "Поддельный документ"
    shot(page, "08-upload-refused")

    # Previews: the fee calculator and the template's QR code.
    page.goto(base + "/admin/fees/1/edit?amount=2500000")
    assert "The fee on the kiosk" in page.inner_text("aside")
    shot(page, "11-fee-preview")
    page.goto(base + "/admin/templates/1/edit")
    assert page.locator("aside img.qr").evaluate("img => img.naturalWidth") > 0
    shot(page, "12-template-qr")

    # Drag the last video to the top of the playlist.
    page.goto(base + "/admin/videos/")
    rows = page.locator("table.list tbody tr")
    last_id = rows.nth(rows.count() - 1).get_attribute("data-id")
    rows.nth(rows.count() - 1).drag_to(rows.nth(0))
    page.wait_for_function("() => document.querySelector('[data-order-status]').textContent.includes('saved')")
    db = db_for(demo_server.data_dir)
    assert str(next(db.query("SELECT id FROM videos ORDER BY sort_order LIMIT 1"))["id"]) == last_id

    page.goto(base + "/admin/publish/")
    assert "Videos" in page.inner_text(".diff") and "The order changed." in page.inner_text(".diff")
    shot(page, "06b-publish-diff-demo")
    page.goto(base + "/admin/audit/")
    assert "reorder" in page.inner_text("table.audit")
    shot(page, "07-audit-log")


def test_the_admin_in_kazakh(page, demo_server):
    db = db_for(demo_server.data_dir)
    with db.atomic():
        create_user(db, "clerk", PASSWORD, "editor", "kk")
    db.conn.close()
    sign_in(page, demo_server.url, "clerk")
    assert "Шолу" in page.inner_text("h1")
    page.goto(demo_server.url + "/admin/templates/")
    shot(page, "13-templates-kk")
    assert "Талап қою үлгілері" in page.inner_text("h1")


def test_ffmpeg_made_clip_is_what_we_think(tmp_path):
    """Guards the fixture the workflow relies on: a 4 s clip big enough to show the upload progress."""
    clip = make_video(tmp_path / "c.mp4", seconds=4, size="640x480", noise=True)
    out = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration", "-of", "csv=p=0",
                          str(clip)], capture_output=True, text=True, check=True).stdout
    assert float(out) == pytest.approx(4.0, abs=0.1) and clip.stat().st_size > 300_000
