"""`court-kiosk-server import-hearings` and `pull-hearings`, and the pull against a fake case system on 127.0.0.1."""
import datetime as dt
import http.server
import json
import threading
import time

import pytest

from admin_server import hearings_pull
from admin_server.cli import main
from admin_server.content import get_settings, set_settings, tri
from admin_server.db import connect, db_path
from admin_server.schema import migrate
from tests.support.hearings import EN, GOOD, RU, csv_bytes, xlsx_bytes


@pytest.fixture
def data_dir(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    db = connect(db_path(data))
    migrate(db)
    for number in ("101", "102", "3"):
        db["rooms"].insert({"number": number, "name": tri(f"Зал {number}"), "floor": 1})
    db.conn.commit()
    db.conn.close()
    return data


def hearings(data_dir):
    db = connect(db_path(data_dir))
    try:
        return list(db.query("SELECT * FROM hearings ORDER BY date, time"))
    finally:
        db.conn.close()


def run(data_dir, *args, capsys):
    code = main(["--data-dir", str(data_dir), *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_import_a_good_csv(data_dir, tmp_path, capsys):
    path = tmp_path / "day.csv"
    path.write_bytes(csv_bytes(RU, GOOD, delimiter=";", encoding="utf-8-sig"))
    code, out, err = run(data_dir, "import-hearings", str(path), capsys=capsys)
    assert (code, err) == (0, "")
    assert out == ("Imported 3 hearings for 2026-12-04: 0 unchanged kept their status, 3 added, 0 removed.\n")
    assert len(hearings(data_dir)) == 3


def test_import_a_good_xlsx_for_one_day(data_dir, tmp_path, capsys):
    path = tmp_path / "week.xlsx"
    path.write_bytes(xlsx_bytes(EN, GOOD + [["2026-12-07", "10:00", "101", "A-9", "civil", "", "", "no"]]))
    code, out, _ = run(data_dir, "import-hearings", str(path), "--date", "2026-12-07", capsys=capsys)
    assert code == 0 and "for 2026-12-07" in out and "3 rows on other days were skipped." in out
    assert [h["case_number"] for h in hearings(data_dir)] == ["A-9"]


def test_a_bad_file_exits_2_with_a_sentence_per_row_and_stores_nothing(data_dir, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes(EN, GOOD + [["2026-12-04", "9:70", "404", "A-1", "civil", "", "", "no"]]))
    code, out, err = run(data_dir, "import-hearings", str(path), capsys=capsys)
    assert code == 2 and out == ""
    assert "bad.csv was not imported; nothing was stored:" in err
    assert "Row 5: “9:70” is not a time like 09:30." in err and "Row 5: room “404” is not in the list of rooms." in err
    assert hearings(data_dir) == []


def test_unknown_columns_are_named_and_can_be_mapped(data_dir, tmp_path, capsys):
    path = tmp_path / "odd.csv"
    path.write_bytes(csv_bytes(["Дата", "Начало"] + RU[2:], GOOD))
    code, _, err = run(data_dir, "import-hearings", str(path), capsys=capsys)
    assert code == 2 and "no column for: time" in err and hearings(data_dir) == []
    code, out, _ = run(data_dir, "import-hearings", str(path), "--column", "Начало=time", capsys=capsys)
    assert code == 0 and len(hearings(data_dir)) == 3


@pytest.mark.parametrize("args, words", [
    (["--date", "04.12.2026"], "'04.12.2026' does not match the format '%Y-%m-%d'"),
    (["--column", "Начало"], "is not TITLE=FIELD"),
    (["--column", "Начало=start"], "is not TITLE=FIELD"),
])
def test_bad_arguments_exit_2(data_dir, tmp_path, capsys, args, words):
    path = tmp_path / "day.csv"
    path.write_bytes(csv_bytes(EN, GOOD))
    code, _, err = run(data_dir, "import-hearings", str(path), *args, capsys=capsys)
    assert code == 2 and words in err and hearings(data_dir) == []


def test_a_missing_file_exits_2(data_dir, tmp_path, capsys):
    code, _, err = run(data_dir, "import-hearings", str(tmp_path / "none.csv"), capsys=capsys)
    assert code == 2 and "does not exist" in err


# --- the pull ------------------------------------------------------------------------------------------------

class FakeCaseSystem:
    """A tiny HTTP server on 127.0.0.1 answering every GET with `body` (after `delay_s`)."""

    def __init__(self):
        self.body, self.content_type, self.status, self.delay_s = b"", "text/csv", 200, 0.0
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                time.sleep(outer.delay_s)
                self.send_response(outer.status)
                self.send_header("Content-Type", outer.content_type)
                self.send_header("Content-Length", str(len(outer.body)))
                self.end_headers()
                try:
                    self.wfile.write(outer.body)
                except OSError:
                    pass

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hearings"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def case_system():
    fake = FakeCaseSystem()
    yield fake
    fake.close()


@pytest.fixture
def db(data_dir):
    db = connect(db_path(data_dir))
    yield db
    db.conn.close()


def last(db):
    return get_settings(db)["hearings_pull_last"]


def test_pull_a_good_csv(db, case_system):
    case_system.body = csv_bytes(EN, GOOD)
    message = hearings_pull.pull(db, case_system.url)
    assert message.startswith("Imported 3 hearings for 2026-12-04")
    assert db["hearings"].count == 3 and {r["source"] for r in db["hearings"].rows} == {"pull"}
    assert last(db)["ok"] is True and last(db)["message"] == message and last(db)["at"]


def test_pull_a_good_json_list(db, case_system):
    case_system.content_type = "application/json"
    case_system.body = json.dumps([dict(zip(EN, row)) | {"closed": row[7] == "да"} for row in GOOD]).encode()
    hearings_pull.pull(db, case_system.url)
    assert [(r["time"], r["closed"]) for r in db.query("SELECT * FROM hearings ORDER BY time")] == [
        ("09:30", 0), ("09:45", 1), ("11:00", 0)]


@pytest.mark.parametrize("body, status, words", [
    (csv_bytes(EN, [["2026-12-04", "09:30", "404", "A-1", "civil", "", "", ""]]), 200, "room “404” is not in the list"),
    (b"[{\"date\": ", 200, "not valid JSON"),
    (b"{\"rows\": 3}", 200, "not a list of hearings"),
    (b"", 503, "answered HTTP 503"),
])
def test_a_bad_answer_stores_nothing_and_is_recorded(db, case_system, body, status, words):
    db["hearings"].insert({"date": "2026-12-04", "time": "08:00", "room_id": 1, "case_number": "OLD",
                           "case_kind": "civil", "closed": 0, "status": "in_progress"})
    db.conn.commit()
    case_system.body, case_system.status = body, status
    with pytest.raises((hearings_pull.PullFailed, hearings_pull.hi.ImportRefused)) as failed:
        hearings_pull.pull(db, case_system.url)
    assert words in str(failed.value)
    assert [r["case_number"] for r in db["hearings"].rows] == ["OLD"]
    assert last(db)["ok"] is False and words in last(db)["message"]


def test_a_case_system_that_does_not_answer_in_time(db, case_system):
    case_system.body, case_system.delay_s = csv_bytes(EN, GOOD), 3
    started = time.monotonic()
    with pytest.raises(hearings_pull.PullFailed, match="did not answer within 0.5 s"):
        hearings_pull.pull(db, case_system.url, timeout_s=0.5)
    assert time.monotonic() - started < 2.5
    assert db["hearings"].count == 0 and last(db)["ok"] is False


def test_an_answer_too_big_is_refused(db, case_system, monkeypatch):
    case_system.body = csv_bytes(EN, GOOD * 50)
    monkeypatch.setattr(hearings_pull.hi, "MAX_FILE_BYTES", 1000)
    with pytest.raises(hearings_pull.PullFailed, match="more than"):
        hearings_pull.pull(db, case_system.url)
    assert db["hearings"].count == 0


def test_only_web_addresses_are_pulled(db, tmp_path):
    with pytest.raises(hearings_pull.PullFailed, match="not an http"):
        hearings_pull.pull(db, f"file://{tmp_path}/x.csv")


def test_the_pull_is_due_by_the_setting():
    now = dt.datetime(2026, 12, 4, 9, 0, tzinfo=dt.timezone.utc)
    at = lambda minutes: {"at": (now - dt.timedelta(minutes=minutes)).isoformat()}  # noqa: E731
    assert hearings_pull.is_due({"hearings_pull_every_min": 15, "hearings_pull_last": {"at": None}}, now)
    assert not hearings_pull.is_due({"hearings_pull_every_min": 15, "hearings_pull_last": at(10)}, now)
    assert hearings_pull.is_due({"hearings_pull_every_min": 15, "hearings_pull_last": at(15)}, now)
    assert hearings_pull.is_due({"hearings_pull_every_min": 5, "hearings_pull_last": at(6)}, now)


def test_pull_hearings_command(data_dir, db, case_system, capsys):
    code, out, _ = run(data_dir, "pull-hearings", capsys=capsys)
    assert code == 0 and "No pull address is set" in out
    set_settings(db, {"hearings_pull_url": case_system.url})
    db.conn.commit()
    case_system.body = csv_bytes(EN, GOOD)
    code, out, _ = run(data_dir, "pull-hearings", capsys=capsys)
    assert code == 0 and out.startswith("Imported 3 hearings")
    code, out, _ = run(data_dir, "pull-hearings", capsys=capsys)
    assert code == 0 and "less than hearings_pull_every_min minutes ago" in out
    case_system.status = 500
    code, _, err = run(data_dir, "pull-hearings", "--now", capsys=capsys)
    assert code == 1 and "The pull stored nothing: The case system answered HTTP 500" in err
    assert len(hearings(data_dir)) == 3
