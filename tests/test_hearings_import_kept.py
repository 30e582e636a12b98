"""The hearings import page keeps a checked file when the form is refused for another field (the day, the
column mapping), with the content forms' staged-upload token (admin/kept_uploads.py): the retry needs no file."""
import re

import pytest

from tests.support.admin import admin, app, data_dir, signed_in  # noqa: F401 (fixtures)
from tests.support.hearings import EN, GOOD, URL, confirm_form, csv_bytes, hearings, rooms  # noqa: F401 (fixture)

KEPT = "file.kept"


def kept_token(page: str) -> str:
    match = re.search(rf'name="{re.escape(KEPT)}" value="([0-9a-f]{{32}})"', page)
    assert match, "the refused form does not carry the kept file"
    return match.group(1)


@pytest.fixture
def refused(admin, rooms):  # noqa: F811
    """An upload refused for its day: the page and the kept file's token."""
    r = admin.upload(URL, {"day": "4 December"}, {"file": (csv_bytes(EN, GOOD), "day.csv")})
    text = r.get_data(as_text=True)
    assert r.status_code == 422 and "Enter the day like 2026-12-04" in text
    return text


def test_a_refused_day_keeps_the_file_and_the_retry_imports_it(admin, data_dir, refused):  # noqa: F811
    assert "day.csv" in refused and "no need to choose it again" in refused
    retry = admin.post(URL, {"day": "2026-12-04", KEPT: kept_token(refused)})  # no file chosen
    text = retry.get_data(as_text=True)
    assert retry.status_code == 200 and "3 hearings are ready to import." in text and "day.csv" in text
    assert admin.post(URL + "confirm", confirm_form(text)).status_code == 303
    assert len(hearings(data_dir)) == 3


def test_refused_twice_the_file_is_still_kept(admin, refused):  # noqa: F811
    again = admin.post(URL, {"day": "still not a day", KEPT: kept_token(refused)}).get_data(as_text=True)
    assert "Enter the day like" in again and "day.csv" in again
    assert admin.post(URL, {"day": "", KEPT: kept_token(again)}).status_code == 200


def test_a_kept_token_is_used_once(admin, refused):  # noqa: F811
    token = kept_token(refused)
    assert admin.post(URL, {"day": "", KEPT: token}).status_code == 200
    stale = admin.post(URL, {"day": "", KEPT: token})
    assert stale.status_code == 422 and "no longer here" in stale.get_data(as_text=True)


def test_do_not_use_this_file_asks_for_a_file(admin, refused):  # noqa: F811
    r = admin.post(URL, {"day": "", KEPT: kept_token(refused), "file.drop": "1"})
    assert r.status_code == 422 and "Choose the CSV or XLSX file" in r.get_data(as_text=True)


def test_a_new_file_replaces_the_kept_one(admin, refused):  # noqa: F811
    token = kept_token(refused)
    header_only = csv_bytes(EN, [])
    r = admin.upload(URL, {"day": "", KEPT: token}, {"file": (header_only, "other.csv")})
    assert "other.csv" in r.get_data(as_text=True)
    gone = admin.post(URL, {"day": "", KEPT: token})  # the replaced file was forgotten
    assert gone.status_code == 422 and "no longer here" in gone.get_data(as_text=True)


def test_another_users_kept_file_cannot_be_claimed(app, data_dir, refused):  # noqa: F811
    other = signed_in(app, data_dir, "editor", "eve")
    r = other.post(URL, {"day": "", KEPT: kept_token(refused)})
    assert r.status_code == 422 and "another user" in r.get_data(as_text=True)
    assert hearings(data_dir) == []


def test_a_made_up_token_is_refused(admin, rooms):  # noqa: F811
    r = admin.post(URL, {"day": "", KEPT: "0" * 32})
    assert r.status_code == 422 and "no longer here" in r.get_data(as_text=True)
