"""Fleet monitoring in the admin: kiosk states, heartbeat status, thumbnails, usage charts and CSV,
emergency acknowledgements, and the weekly schedules of videos and announcements."""
import base64
import csv
import datetime as dt
import io
import json
import re
from zoneinfo import ZoneInfo

import pytest

from admin_server import create_app
from admin_server.admin import charts
from admin_server.admin.usage import category
from admin_server.content import get_settings
from admin_server.fleet import thumbnail_path
from admin_server.kiosks import create_kiosk, revoke_kiosk
from admin_server.users import create_user
from tests.support.admin import PASSWORD, Staff, audit_rows, count, db_for, png_bytes

SCHEDULE = {"weekdays": ["1", "3", "5"], "day_start": "09:00", "day_end": "13:00"}


@pytest.fixture
def court(demo_dir):
    """The demo court (published once), its users and three kiosks; returns (app, data dir, tokens)."""
    db = db_for(demo_dir)
    tokens = {}
    with db.atomic():
        for name, role in (("boss", "admin"), ("ed", "editor"), ("pub", "publisher")):
            create_user(db, name, PASSWORD, role, "en")
        tokens["hall-1"] = create_kiosk(db, "hall-1", "Hall one")
        tokens["hall-2"] = create_kiosk(db, "hall-2", "Waiting room", mode="display")
        tokens["hall-3"] = create_kiosk(db, "hall-3", "Hall three")
    db.conn.close()
    return create_app({"DATA_DIR": str(demo_dir), "TESTING": True}), demo_dir, tokens


def staff(app, name="boss") -> Staff:
    s = Staff(app)
    assert s.login(name).status_code == 303
    return s


def beat(app, token, **body):
    r = app.test_client().post("/api/v1/heartbeat", json=body, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 204, r.get_data(as_text=True)


def court_today(data_dir) -> dt.date:
    return dt.datetime.now(ZoneInfo(get_settings(db_for(data_dir))["timezone"])).date()


def card(page: str, kiosk_id: str) -> str:
    """The dashboard's card of one kiosk, from its <article> tag to the next."""
    start = page.rindex("<article", 0, page.index(f'id="kiosk-{kiosk_id}"'))
    end = page.find("<article", start + 1)
    return page[start:end if end > 0 else None]


def banners(page: str) -> str:
    """The dashboard's emergency banners (between the heading and the cards)."""
    return page[page.index("<h1>"):page.index('<div class="cards">')]


def set_last_seen(data_dir, kiosk_id, minutes_ago):
    db = db_for(data_dir)
    when = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(minutes=minutes_ago)).isoformat()
    db.execute("UPDATE kiosks SET last_seen = ? WHERE id = ?", [when, kiosk_id])
    db.conn.commit()
    db.conn.close()


# --- the dashboard's fleet view ----------------------------------------------------------

def test_dashboard_shows_what_the_heartbeat_said(court):
    app, data_dir, tokens = court
    beat(app, tokens["hall-1"], manifest_version=1, uptime_s=3 * 3600 + 5 * 60, screen="templates", mode="kiosk",
         free_disk_mb=5120, clock_ok=True, errors=[], kiosk_version="0.1.0",
         thumbnail=base64.b64encode(png_bytes()).decode())
    beat(app, tokens["hall-2"], manifest_version=1, uptime_s=90, screen="display", mode="display", free_disk_mb=300,
         clock_ok=False, errors=["media 3f2a: download cut off", "<script>alert(1)</script>"])
    page = staff(app).get("/admin/").get_data(as_text=True)

    one = card(page, "hall-1")
    assert 'data-state="online"' in one and "Hall one" in one
    assert "3 h 5 min" in one and "templates" in one and "5.0 GB" in one and "0.1.0" in one
    assert "Touch kiosk" in one and "behind" not in one
    assert re.search(r'<img src="/admin/fleet/hall-1/thumbnail\?at=[^"]+"', one)
    assert "Screenshot 20" in one and "No screenshot yet" not in one
    assert "clock is wrong" not in one and "error" not in one.lower().replace("errors", "")

    two = card(page, "hall-2")
    assert "Waiting-room display" in two and "1 min" in two
    assert "300 MB" in two and "less than 1.0 GB" in two
    assert "clock is wrong (earlier than the last publish)" in two
    assert "2 errors reported" in two and "download cut off" in two
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in two and "<script>alert" not in page
    assert "No screenshot yet" in two and "<img" not in two

    three = card(page, "hall-3")  # never reported
    assert 'data-state="offline"' in three and "never" in three and "No screenshot yet" in three
    assert re.search(r'data-count="online">2<', page) and re.search(r'data-count="offline">1<', page)


def test_kiosks_behind_the_published_version_are_flagged(court):
    app, data_dir, tokens = court
    boss = staff(app)
    boss.post("/admin/links/new", {"title.ru": "Новая ссылка", "kind": "social", "url": "https://t.me/court",
                                   "enabled": "1"})
    assert boss.post("/admin/publish/").status_code == 303
    assert db_for(data_dir)["published_versions"].count == 2
    beat(app, tokens["hall-1"], manifest_version=1)
    beat(app, tokens["hall-2"], manifest_version=2)
    page = boss.get("/admin/").get_data(as_text=True)
    assert "Version 2 is published; this kiosk has not shown it yet." in card(page, "hall-1")
    assert "behind" not in card(page, "hall-2")
    assert "behind" not in card(page, "hall-3")  # never reported: nothing to compare
    assert "1 kiosk does not show the published version yet." in page


@pytest.mark.parametrize("minutes, state", [(0, "online"), (1.9, "online"), (2.5, "stale"), (5, "stale"),
                                            (9.5, "stale"), (10.5, "offline"), (15, "offline"), (60 * 24, "offline")])
def test_a_silent_kiosk_turns_stale_then_offline(court, minutes, state):
    app, data_dir, tokens = court
    beat(app, tokens["hall-1"], manifest_version=1)
    set_last_seen(data_dir, "hall-1", minutes)
    boss = staff(app)
    one = card(boss.get("/admin/").get_data(as_text=True), "hall-1")
    assert f'class="kiosk-card state-{state}' in one
    assert f'data-state="{state}">{state}<' in one
    # The kiosks page and the publish page use the same states (fleet.kiosk_state).
    row = boss.get("/admin/kiosks/").get_data(as_text=True)
    assert f'data-state="{state}"' in row[row.index("Hall one"):]
    row = boss.get("/admin/publish/").get_data(as_text=True)
    assert f'data-state="{state}"' in row[row.index("Hall one"):]


def test_a_revoked_kiosk_says_so(court):
    app, data_dir, tokens = court
    beat(app, tokens["hall-1"], manifest_version=1)
    db = db_for(data_dir)
    with db.atomic():
        revoke_kiosk(db, "hall-1")
    assert 'data-state="revoked"' in card(staff(app).get("/admin/").get_data(as_text=True), "hall-1")


@pytest.mark.parametrize("status", [
    {"uptime_s": "long", "free_disk_mb": -5, "clock_ok": "no", "errors": "broken", "screen": 7, "mode": ["x"]},
    {"uptime_s": 1e300, "free_disk_mb": True, "errors": [None, {"a": 1}, "real error"], "kiosk_version": 3},
])
def test_odd_status_values_do_not_break_the_dashboard(court, status):
    app, data_dir, tokens = court
    beat(app, tokens["hall-1"], manifest_version=1, **status)
    r = staff(app).get("/admin/")
    assert r.status_code == 200
    one = card(r.get_data(as_text=True), "hall-1")
    assert "clock is wrong" not in one
    assert ("real error" in one) == ("real error" in json.dumps(status))


# --- thumbnails ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt, mime", [("PNG", "image/png"), ("JPEG", "image/jpeg")])
def test_thumbnail_is_served_with_its_type_and_never_cached(court, fmt, mime):
    app, data_dir, tokens = court
    image = png_bytes(fmt=fmt)
    beat(app, tokens["hall-1"], thumbnail=base64.b64encode(image).decode())
    ed = staff(app, "ed")  # editors see the dashboard, so they see the thumbnails
    r = ed.get("/admin/fleet/hall-1/thumbnail")
    assert r.status_code == 200 and r.data == image
    assert r.mimetype == mime
    assert r.headers["Cache-Control"] == "no-store"
    assert r.headers["X-Content-Type-Options"] == "nosniff"
    # A new screenshot replaces the old one at the same address.
    newer = png_bytes(colour=(200, 30, 30))
    beat(app, tokens["hall-1"], thumbnail=base64.b64encode(newer).decode())
    assert ed.get("/admin/fleet/hall-1/thumbnail").data == newer


def test_thumbnail_missing_unknown_or_anonymous(court):
    app, data_dir, tokens = court
    beat(app, tokens["hall-1"], thumbnail=base64.b64encode(png_bytes()).decode())
    boss = staff(app)
    r = boss.get("/admin/fleet/hall-2/thumbnail")
    assert r.status_code == 404 and "has not sent a screenshot yet" in r.get_data(as_text=True)
    r = boss.get("/admin/fleet/nowhere/thumbnail")
    assert r.status_code == 404 and "This kiosk does not exist." in r.get_data(as_text=True)
    r = boss.get("/admin/fleet/..%2Fsecret_key/thumbnail")
    assert r.status_code == 404 and b"IHDR" not in r.data
    # A file that is not an image (left by hand) is not served as one.
    thumbnail_path(data_dir, "hall-2").write_bytes(b"<html>not an image</html>")
    assert boss.get("/admin/fleet/hall-2/thumbnail").status_code == 404
    anonymous = app.test_client()
    r = anonymous.get("/admin/fleet/hall-1/thumbnail")
    assert r.status_code == 302 and r.location.startswith("/admin/login") and b"IHDR" not in r.data


# --- usage ----------------------------------------------------------------------------------

def usage_for(today: dt.date) -> dict[str, dict]:
    """A kiosk's running totals for the last three days."""
    return {(today - dt.timedelta(days=i)).isoformat(): {
        "screen:fees": 10 + i, "screen:templates": 4, "template:divorce": 3 + i, "qr:divorce": 2,
        "calculator": 5 - i, "video:1": 40 + i, "video:2": 7} for i in range(3)}


def test_usage_page_draws_the_counts(court):
    app, data_dir, tokens = court
    today = court_today(data_dir)
    beat(app, tokens["hall-1"], usage=usage_for(today))
    beat(app, tokens["hall-2"], usage={today.isoformat(): {"video:1": 100, "screen:home": 1}})
    page = staff(app, "pub").get("/admin/usage/").get_data(as_text=True)
    bars = {(m["day"], m["series"]): int(m["value"]) for m in re.finditer(
        r'<rect class="bar series-(?P<series>\w+)"[^>]*data-day="(?P<day>[\d-]+)" data-series="\w+" '
        r'data-value="(?P<value>\d+)"', page)}
    d0, d1 = today.isoformat(), (today - dt.timedelta(days=1)).isoformat()
    assert bars[(d0, "screens")] == 10 + 4 + 1 and bars[(d1, "screens")] == 11 + 4
    assert bars[(d0, "templates")] == 3 and bars[(d0, "qr")] == 2 and bars[(d0, "calculator")] == 5
    assert bars[(d0, "videos")] == 40 + 7 + 100
    assert len({d for d, _s in bars}) == 3  # three days with counts, four empty days without bars
    # Stacked bars: today's five bars together reach the top of the axis (today has the most uses).
    heights = [float(h) for h in re.findall(rf'height="([\d.]+)" data-day="{d0}"', page)]
    top = re.search(r'<rect class="bar series-\w+" x="[\d.]+" y="([\d.]+)"[^>]*data-day="%s" data-series="videos"'
                    % d0, page)
    assert len(heights) == 5 and float(top.group(1)) + sum(heights) == pytest.approx(280 - 44, abs=0.05)
    # One line per kiosk, a point per day of the period.
    assert page.count('class="point"') == 2 * 7
    assert re.search(rf'data-day="{d0}" data-series="hall-2" data-value="101"', page)
    # The table and the breakdown name the template and the video.
    assert "Claim for divorce" in page and "Reconciliation pays off" in page
    assert re.search(r'<tr data-day="%s" data-kiosk="hall-1">' % d0, page)


def test_usage_period_kiosk_and_empty(court):
    app, data_dir, tokens = court
    today = court_today(data_dir)
    old = (today - dt.timedelta(days=20)).isoformat()
    beat(app, tokens["hall-1"], usage={old: {"calculator": 9}})
    pub = staff(app, "pub")
    assert "No kiosk has reported any use in this period." in pub.get("/admin/usage/").get_data(as_text=True)
    month = pub.get("/admin/usage/?days=30").get_data(as_text=True)
    assert f'data-day="{old}" data-series="calculator" data-value="9"' in month
    assert month.count('class="point"') == 30
    # Only 7 or 30 days; anything else is the default 7.
    assert "last 7 days</option>" in pub.get("/admin/usage/?days=9999").get_data(as_text=True)
    assert pub.get("/admin/usage/?kiosk=hall-2&days=30").get_data(as_text=True).count('class="bar ') == 0
    r = pub.get("/admin/usage/?kiosk=nowhere")
    assert r.status_code == 404 and "This kiosk does not exist." in r.get_data(as_text=True)


def test_usage_csv_export(court):
    app, data_dir, tokens = court
    today = court_today(data_dir)
    sent = usage_for(today)
    beat(app, tokens["hall-1"], usage=sent)
    beat(app, tokens["hall-2"], usage={today.isoformat(): {"video:1": 100}})
    pub = staff(app, "pub")
    r = pub.get("/admin/usage/usage.csv?days=7")
    assert r.status_code == 200 and r.content_type == "text/csv; charset=utf-8"
    first = (today - dt.timedelta(days=6)).isoformat()
    assert r.headers["Content-Disposition"] == f'attachment; filename="usage-{first}-{today}.csv"'
    assert r.data.startswith(b"kiosk_id,day,event,count\r\n")
    rows = list(csv.DictReader(io.StringIO(r.get_data(as_text=True))))
    got = {(x["kiosk_id"], x["day"], x["event"]): int(x["count"]) for x in rows}
    expected = {("hall-1", day, event): n for day, events in sent.items() for event, n in events.items()}
    expected[("hall-2", today.isoformat(), "video:1")] = 100
    assert got == expected
    only = list(csv.DictReader(io.StringIO(pub.get("/admin/usage/usage.csv?kiosk=hall-2").get_data(as_text=True))))
    assert [(x["kiosk_id"], x["event"], x["count"]) for x in only] == [("hall-2", "video:1", "100")]


def test_csv_cells_are_escaped(court):
    """Event details may hold dots and dashes; a value with a comma or quote is quoted, a formula defused."""
    app, data_dir, _tokens = court
    today = court_today(data_dir).isoformat()
    db = db_for(data_dir)
    db["usage_counts"].insert_all([
        {"kiosk_id": "hall-1", "day": today, "event": 'template:a,"b"', "count": 1},
        {"kiosk_id": "hall-1", "day": today, "event": "=HYPERLINK(1)", "count": 2},
    ], pk=("kiosk_id", "day", "event"))
    db.conn.commit()
    body = staff(app, "pub").get("/admin/usage/usage.csv").get_data(as_text=True)
    assert '"template:a,""b"""' in body
    assert "'=HYPERLINK(1)" in body and "\r\nhall-1," in body
    rows = list(csv.reader(io.StringIO(body)))
    assert ["hall-1", today, 'template:a,"b"', "1"] in rows


def test_usage_is_for_publishers_and_admins(court):
    app, _data_dir, _tokens = court
    ed = staff(app, "ed")
    for url in ("/admin/usage/", "/admin/usage/usage.csv"):
        r = ed.get(url)
        assert r.status_code == 403 and b"kiosk_id" not in r.data
        assert staff(app, "pub").get(url).status_code == 200
        assert staff(app, "boss").get(url).status_code == 200
        assert app.test_client().get(url).status_code == 302
    assert 'href="/admin/usage/"' not in ed.get("/admin/").get_data(as_text=True)
    assert 'href="/admin/usage/"' in staff(app, "pub").get("/admin/").get_data(as_text=True)


def test_event_categories():
    assert [category(e) for e in ("screen:fees", "template:x", "qr:x", "calculator", "video:3", "idle", "x:y")] == \
        ["screens", "templates", "qr", "calculator", "videos", "other", "other"]


# --- charts (pure) -------------------------------------------------------------------------

@pytest.mark.parametrize("largest, top, step", [(0, 1, 1), (1, 1, 1), (4, 4, 1), (7, 8, 2), (23, 25, 5),
                                                (101, 150, 50), (999, 1000, 200)])
def test_nice_scale(largest, top, step):
    assert charts.nice_scale(largest) == (top, step)


def test_stacked_bars_are_proportional():
    days = ["2026-11-20", "2026-11-21"]
    c = charts.stacked_bars(days, ["a", "b"], {("2026-11-20", "a"): 6, ("2026-11-20", "b"): 4,
                                               ("2026-11-21", "b"): 5})
    assert c.top_value == 10 and not c.empty
    plot = c.bottom - c.top
    first = [b for b in c.bars if b["day"] == "2026-11-20"]
    assert [b["key"] for b in first] == ["a", "b"]
    assert first[0]["h"] == pytest.approx(plot * 0.6) and first[1]["h"] == pytest.approx(plot * 0.4)
    assert first[1]["y"] + first[1]["h"] == pytest.approx(first[0]["y"])  # b sits on a
    assert first[1]["y"] == pytest.approx(c.top)  # the day's total reaches the top of the axis
    assert [b["h"] for b in c.bars if b["day"] == "2026-11-21"] == [pytest.approx(plot * 0.5)]
    assert charts.stacked_bars(days, ["a"], {}).empty


def test_lines_have_a_point_per_day():
    days = [f"2026-11-{d:02d}" for d in range(1, 31)]
    c = charts.lines(days, ["k1", "k2"], {("2026-11-05", "k1"): 3})
    assert [len(line["points"]) for line in c.lines] == [30, 30]
    assert c.lines[0]["path"].startswith("M") and c.lines[0]["path"].count("L") == 29
    assert len(c.labels) <= 10  # a month's days are labelled sparsely


# --- emergency announcements ---------------------------------------------------------------

def add_emergency(boss, text="Эвакуация: покиньте здание") -> int:
    r = boss.post("/admin/announcements/new", {"text.ru": text, "priority": "0", "emergency": "1", "enabled": "1"})
    assert r.status_code == 303
    return max(a["id"] for a in db_for(boss.app.config["DATA_DIR"])["announcements"].rows)


def test_emergency_acknowledgements(court):
    app, data_dir, tokens = court
    boss = staff(app)
    alarm = add_emergency(boss)
    listing = boss.get("/admin/announcements/").get_data(as_text=True)
    assert 'data-shown="0" data-missing="3"' in listing and "not published yet" in listing
    edit = boss.get(f"/admin/announcements/{alarm}/edit").get_data(as_text=True)
    assert "Not published yet" in edit

    assert boss.post("/admin/publish/").status_code == 303
    beat(app, tokens["hall-1"], emergency_shown=[alarm])
    beat(app, tokens["hall-2"], emergency_shown=[])
    db = db_for(data_dir)
    with db.atomic():
        revoke_kiosk(db, "hall-3")  # a revoked kiosk is not expected to show it
    listing = boss.get("/admin/announcements/").get_data(as_text=True)
    row = listing[listing.index(f'id="row-{alarm}"'):]
    assert 'data-shown="1" data-missing="1"' in row and "1 of 2" in row and "Not yet: Waiting room" in row
    edit = boss.get(f"/admin/announcements/{alarm}/edit").get_data(as_text=True)
    shown = edit[edit.index("acks-shown"):edit.index("acks-missing")]
    missing = edit[edit.index("acks-missing"):]
    first = next(db.query("SELECT first_shown_at FROM emergency_acks"))["first_shown_at"]
    local = dt.datetime.fromisoformat(first).astimezone(ZoneInfo(get_settings(db)["timezone"]))
    assert 'data-kiosk="hall-1"' in shown and local.strftime("%Y-%m-%d %H:%M") in shown
    assert 'data-kiosk="hall-2"' in missing and 'data-kiosk="hall-3"' not in missing
    assert "Shown (1)" in edit and "Not shown yet (1)" in edit
    # The dashboard's banner counts them too.
    assert "Shown on 1 of 2 kiosks." in boss.get("/admin/").get_data(as_text=True)
    # When every active kiosk has shown it, the page says so.
    beat(app, tokens["hall-2"], emergency_shown=[alarm])
    assert "Every active kiosk has shown it." in boss.get(f"/admin/announcements/{alarm}/edit").get_data(
        as_text=True)


def test_emergency_flag_warns_in_the_form(court):
    app, _data_dir, _tokens = court
    ed = staff(app, "ed")
    page = ed.get("/admin/announcements/new").get_data(as_text=True)
    assert re.search(r'<div class="field check warning-box" id="field-emergency">', page)
    box = page[page.index('id="field-emergency"'):]
    box = box[:box.index("</div>")]
    assert "Within seconds of publishing" in box and "takes over the whole screen of every kiosk" in box
    assert 'aria-describedby="warn-emergency"' in box
    # A normal announcement's edit page has no kiosk list beside it.
    first = next(db_for(app.config["DATA_DIR"]).query("SELECT id FROM announcements WHERE emergency = 0"))["id"]
    page = ed.get(f"/admin/announcements/{first}/edit").get_data(as_text=True)
    assert "<aside" not in page and "Shown on kiosks" not in page


def test_an_emergency_outside_its_day_part_is_not_on_the_dashboard(court):
    app, data_dir, _tokens = court
    boss = staff(app)
    zone = ZoneInfo(get_settings(db_for(data_dir))["timezone"])
    now = dt.datetime.now(zone)
    later = (now + dt.timedelta(hours=3)).strftime("%H:%M")
    much_later = (now + dt.timedelta(hours=4)).strftime("%H:%M")
    r = boss.post("/admin/announcements/new", {"text.ru": "Учебная тревога", "priority": "0", "emergency": "1",
                                               "enabled": "1", "day_start": later, "day_end": much_later})
    assert r.status_code == 303
    assert "Учебная тревога" not in banners(boss.get("/admin/").get_data(as_text=True))
    add_emergency(boss, "Пожарная тревога")
    assert "Пожарная тревога" in banners(boss.get("/admin/").get_data(as_text=True))


# --- weekly schedules in the forms ---------------------------------------------------------

ANNOUNCEMENT = {"text.ru": "Приём документов", "priority": "0", "enabled": "1"}


@pytest.mark.parametrize("data, field, message", [
    ({"day_start": "25:00", "day_end": "13:00"}, "day_start", "Enter a time like 09:30 (24-hour clock)."),
    ({"day_start": "09:00", "day_end": "9.30"}, "day_end", "Enter a time like 09:30 (24-hour clock)."),
    ({"day_start": "09:00"}, "day_end", "Give both times of the day part, or leave both empty"),
    ({"day_end": "13:00"}, "day_start", "Give both times of the day part, or leave both empty"),
    ({"day_start": "09:00", "day_end": "09:00"}, "day_end", "The end of the day part must differ from its start"),
    ({"weekdays": ["0"]}, "weekdays", "Tick days from Monday to Sunday."),
    ({"weekdays": ["1", "8"]}, "weekdays", "Tick days from Monday to Sunday."),
    ({"weekdays": ["mon"]}, "weekdays", "Tick days from Monday to Sunday."),
])
@pytest.mark.parametrize("area", ["announcements", "videos"])
def test_schedule_validation_says_what_to_do_and_saves_nothing(court, area, data, field, message):
    app, data_dir, _tokens = court
    boss = staff(app)
    table = area
    before_rows = [dict(r) for r in db_for(data_dir)[table].rows]
    before_audit = len(audit_rows(data_dir))
    if area == "announcements":
        r = boss.post("/admin/announcements/new", ANNOUNCEMENT | data)
    else:  # an existing video: the file stays, only the schedule is wrong
        video = before_rows[0]
        r = boss.post(f"/admin/videos/{video['id']}/edit", {"title.ru": "Видео", "enabled": "1"} | data)
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    error = re.search(rf'<p class="error" id="err-{field}">([^<]*)</p>', page)
    assert error and message in error.group(1)
    assert "Nothing was saved" in page
    # What the person typed is shown again.
    for key, value in data.items():
        if key != "weekdays":
            assert f'value="{value}"' in page
    assert [dict(r) for r in db_for(data_dir)[table].rows] == before_rows
    assert len(audit_rows(data_dir)) == before_audit


@pytest.mark.parametrize("ticked, stored", [([], None), (["1", "3", "5"], "[1,3,5]"), (["5", "1", "1"], "[1,5]"),
                                            ([str(d) for d in range(1, 8)], None)])
def test_weekdays_are_stored_as_a_json_list_or_null(court, ticked, stored):
    app, data_dir, _tokens = court
    boss = staff(app)
    before = count(data_dir, "announcements")
    r = boss.post("/admin/announcements/new", ANNOUNCEMENT | {"weekdays": ticked})
    assert r.status_code == 303
    assert count(data_dir, "announcements") == before + 1
    row = next(db_for(data_dir).query("SELECT * FROM announcements ORDER BY id DESC LIMIT 1"))
    assert row["weekdays"] == stored and row["day_start"] is None and row["day_end"] is None


def test_schedule_round_trip_audit_manifest_and_list(court):
    app, data_dir, _tokens = court
    boss = staff(app)
    r = boss.post("/admin/announcements/new", ANNOUNCEMENT | {"weekdays": ["6", "7"], "day_start": "22:00",
                                                              "day_end": "06:00"})
    assert r.status_code == 303  # a day part may run over midnight
    row = next(db_for(data_dir).query("SELECT * FROM announcements ORDER BY id DESC LIMIT 1"))
    assert (row["weekdays"], row["day_start"], row["day_end"]) == ("[6,7]", "22:00", "06:00")
    created = [a for a in audit_rows(data_dir) if a["entity"] == "announcements"][-1]
    assert json.loads(created["new"])["weekdays"] == [6, 7]
    # The form shows the ticked days and the times again.
    form = boss.get(f"/admin/announcements/{row['id']}/edit").get_data(as_text=True)
    assert re.findall(r'name="weekdays" value="(\d)" checked', form) == ["6", "7"]
    assert 'value="22:00"' in form and 'value="06:00"' in form
    # The list summarises the schedule.
    assert "Sat, Sun, 22:00–06:00 (over midnight)" in boss.get("/admin/announcements/").get_data(as_text=True)
    # Clearing the days and times stores NULLs and audits old -> new.
    r = boss.post(f"/admin/announcements/{row['id']}/edit", ANNOUNCEMENT)
    assert r.status_code == 303
    row = next(db_for(data_dir).query("SELECT * FROM announcements WHERE id = ?", [row["id"]]))
    assert (row["weekdays"], row["day_start"], row["day_end"]) == (None, None, None)
    updated = [a for a in audit_rows(data_dir) if a["entity"] == "announcements"][-1]
    assert json.loads(updated["old"]) == {"weekdays": [6, 7], "day_start": "22:00", "day_end": "06:00"}
    # Published, the manifest carries the schedule in the kiosk's format.
    boss.post(f"/admin/announcements/{row['id']}/edit", ANNOUNCEMENT | {"weekdays": ["1", "2"], "day_start": "08:00",
                                                                        "day_end": "12:30"})
    assert boss.post("/admin/publish/").status_code == 303
    manifest = json.loads(app.test_client().get("/api/v1/manifest").data)
    item = next(a for a in manifest["announcements"] if a["id"] == row["id"])
    assert (item["weekdays"], item["day_start"], item["day_end"]) == ([1, 2], "08:00", "12:30")


def test_publish_diff_shows_schedules(court):
    app, data_dir, _tokens = court
    boss = staff(app)
    video = next(db_for(data_dir).query("SELECT * FROM videos ORDER BY sort_order LIMIT 1"))
    title = json.loads(video["title"])
    form = {f"title.{k}": v for k, v in title.items()} | {"enabled": "1"}
    assert boss.post(f"/admin/videos/{video['id']}/edit", form | SCHEDULE).status_code == 303
    boss.post("/admin/announcements/new", ANNOUNCEMENT | {"weekdays": ["1", "2", "3", "4", "5"]})
    page = boss.get("/admin/publish/").get_data(as_text=True)
    diff = page[page.index('class="diff"'):]
    changed = diff[diff.index(title["en"]):]
    changed = changed[:changed.index("</li>")]
    assert "Weekdays" in changed and "Each day from" in changed and "Each day until" in changed
    assert "<del>always</del>" in changed and "<ins>Mon, Wed, Fri, 09:00–13:00</ins>" in changed
    added = diff[diff.index("Приём документов"):]
    assert "When: Mon–Fri, all day" in added[:added.index("</li>")]


def test_this_week_includes_weekly_schedules(court):
    app, data_dir, _tokens = court
    boss = staff(app)
    today = court_today(data_dir)
    soon = today + dt.timedelta(days=2)
    # An announcement that starts in two days, on that weekday only, in the morning.
    r = boss.post("/admin/announcements/new", ANNOUNCEMENT | {
        "starts_at": f"{soon}T08:00", "weekdays": [str(soon.isoweekday())], "day_start": "08:00", "day_end": "12:00"})
    assert r.status_code == 303
    # A video limited to a weekday that is not in the next week's range of dates.
    video = next(db_for(data_dir).query("SELECT * FROM videos ORDER BY sort_order LIMIT 1"))
    title = json.loads(video["title"])
    form = {f"title.{k}": v for k, v in title.items()} | {"enabled": "1"}
    assert boss.post(f"/admin/videos/{video['id']}/edit", form | {
        "weekdays": [str((today + dt.timedelta(days=1)).isoweekday())],
        "valid_to": (today + dt.timedelta(days=3)).isoformat()}).status_code == 303
    page = boss.get("/admin/").get_data(as_text=True)
    week = page[page.index("This week"):]
    rows = re.findall(r"<tr>(.*?)</tr>", week, re.S)
    starts = [r for r in rows if "Приём документов" in r and ">starts<" in r]
    assert len(starts) == 1 and f"{soon} 08:00" in starts[0] and "08:00–12:00" in starts[0]
    weekly_rows = [r for r in rows if "Приём документов" in r and ">shown on<" in r]
    assert len(weekly_rows) == 1 and f"{soon:%d.%m}" in weekly_rows[0]
    video_rows = [r for r in rows if title["en"] in r]
    tomorrow = today + dt.timedelta(days=1)
    assert any(">shown on<" in r and f"{tomorrow:%d.%m}, all day" in r for r in video_rows)
    assert any(">ends<" in r and (today + dt.timedelta(days=3)).isoformat() in r for r in video_rows)
