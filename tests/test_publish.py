"""Publishing freezes drafts into numbered, immutable versions."""
import json
import sqlite3

import pytest

from admin_server.content import tri
from admin_server.db import connect, db_path
from admin_server.errors import DatabaseBusy, PublishError
from court_contract.manifest import canonical_json, sha256_hex
from admin_server.publish import current_manifest, latest, publish, rollback
from admin_server.schema import migrate, migrations
from tests.support.content import content  # noqa: F401 (fixture)


def manifest_of(db):
    body, sha = current_manifest(db)
    assert sha256_hex(body) == sha
    return json.loads(body)


def test_first_publish_is_version_1_with_canonical_json(content):
    db, store, _ = content
    result = publish(db, store)
    assert (result.version, result.changed) == (1, True)
    body, sha = current_manifest(db)
    manifest = json.loads(body)
    assert canonical_json(manifest) == body
    assert manifest["version"] == 1 and manifest["schema"] == 1
    t = manifest["templates"][0]
    assert t["url"] == "https://kiosk.example.kz/t/divorce"
    assert t["title"] == {"kk": "Неке", "ru": "Развод", "en": "Divorce"}
    assert manifest["media"] == {t["files"]["ru"]["sha256"]: {"size": t["files"]["ru"]["size"],
                                                             "type": "application/pdf"}}
    assert manifest["settings"]["mrp"] == [{"year": 2026, "value": 4325}]


def test_unchanged_publish_is_a_noop_that_says_so(content):
    db, store, _ = content
    first = publish(db, store)
    again = publish(db, store)
    assert not again.changed and again.version == first.version
    assert "Nothing changed" in again.message
    assert db["published_versions"].count == 1


def test_a_change_gives_a_new_version_and_etag(content):
    db, store, template_id = content
    first = publish(db, store)
    db["templates"].update(template_id, {"title": tri({"kk": "Жаңа", "ru": "Новый", "en": "New"})})
    db.conn.commit()
    second = publish(db, store)
    assert second.changed and second.version == 2 and second.sha256 != first.sha256
    assert manifest_of(db)["templates"][0]["title"]["en"] == "New"


def test_rollback_republishes_old_content_as_a_new_version(content):
    db, store, template_id = content
    publish(db, store)
    v1 = manifest_of(db)
    db["templates"].update(template_id, {"title": tri("Changed")})
    db.conn.commit()
    publish(db, store)
    result = rollback(db, store, 1)
    assert result.changed and result.version == 3
    v3 = manifest_of(db)
    assert v3["version"] == 3 and v3["templates"] == v1["templates"]
    assert v3["content_sha256"] == v1["content_sha256"]
    assert latest(db)["source_version"] == 1
    # Rolling back to what is already shown is a no-op.
    assert not rollback(db, store, 3).changed


def test_rollback_to_a_missing_version_is_refused(content):
    db, store, _ = content
    publish(db, store)
    with pytest.raises(PublishError, match="no published version 7"):
        rollback(db, store, 7)
    assert db["published_versions"].count == 1


def test_a_missing_media_file_refuses_publish_and_keeps_the_old_version(content):
    db, store, template_id = content
    publish(db, store)
    sha = db["template_files"].rows_where("template_id = ?", [template_id]).__next__()["sha256"]
    store.path(sha).unlink()
    db["templates"].update(template_id, {"title": tri("Other")})
    db.conn.commit()
    with pytest.raises(PublishError, match="template divorce \\(ru\\) is missing"):
        publish(db, store)
    assert db["published_versions"].count == 1


def test_unpublished_drafts_are_not_in_the_manifest(content):
    db, store, template_id = content
    publish(db, store)
    db["announcements"].insert({"text": tri("draft only")})
    db.conn.commit()
    assert "draft only" not in json.dumps(manifest_of(db), ensure_ascii=False)


def test_migrations_run_twice_change_nothing(tmp_path):
    db = connect(db_path(tmp_path))
    migrate(db)
    schema = db.schema
    migrate(db)
    assert db.schema == schema
    assert not migrations.pending(db)
    assert db["_sqlite_migrations"].count == len(migrations._migrations)


def test_a_locked_database_gives_a_clear_error_and_changes_nothing(content, tmp_path):
    db, store, template_id = content
    publish(db, store)
    db["templates"].update(template_id, {"title": tri("Locked out")})
    db.conn.commit()
    other = sqlite3.connect(db_path(tmp_path / "data"))
    other.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    try:
        waiting = connect(db_path(tmp_path / "data"), busy_timeout_s=0.2)
        with pytest.raises(DatabaseBusy, match="busy: another program is writing"):
            publish(waiting, store)
        waiting.conn.close()
    finally:
        other.rollback()
        other.close()
    assert db["published_versions"].count == 1
    assert publish(db, store).version == 2


def test_audit_log_is_append_only(content):
    db, store, _ = content
    publish(db, store)
    assert db["audit_log"].count >= 1
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE audit_log SET username = 'mallory'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM audit_log")


def test_announcement_times_get_the_courts_offset(content):
    db, store, _ = content
    from admin_server.content import set_settings

    set_settings(db, {"timezone": "Asia/Aqtau"})
    db["announcements"].insert({"text": tri("x"), "starts_at": "2026-12-01T09:00", "ends_at": "2026-12-02T18:00:00+06:00"})
    db.conn.commit()
    publish(db, store)
    a = manifest_of(db)["announcements"][0]
    assert a["starts_at"] == "2026-12-01T09:00:00+05:00"
    assert a["ends_at"] == "2026-12-02T18:00:00+06:00"


@pytest.mark.parametrize("settings, row, message", [
    ({"timezone": "Mars/Olympus"}, {"text": tri("x")}, "not a known zone"),
    ({}, {"text": tri("x"), "starts_at": "next tuesday"}, "is not a date and time"),
])
def test_bad_times_refuse_publish(content, settings, row, message):
    db, store, _ = content
    from admin_server.content import set_settings

    if settings:
        set_settings(db, settings)
    db["announcements"].insert(row)
    db.conn.commit()
    with pytest.raises(PublishError, match=message):
        publish(db, store)
    assert db["published_versions"].count == 0


def test_content_kiosks_would_refuse_is_not_published(content):
    db, store, _ = content
    publish(db, store)
    db["links"].insert({"kind": "e_service", "title": tri("Office"), "url": "javascript:alert(1)"})
    db.conn.commit()
    with pytest.raises(PublishError, match="Kiosks would refuse this content .*links\\[0\\]\\.url"):
        publish(db, store)
    assert db["published_versions"].count == 1
