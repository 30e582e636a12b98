"""`court-kiosk-server prune-media`: unused files go, nothing in use does, and it is safe while serving."""
import io

import pytest
import requests

from admin_server.db import open_existing
from admin_server.errors import PublishError
from admin_server.prune import prune_media
from admin_server.publish import publish, rollback
from admin_server.store import MediaStore, StoreBusy
from admin_server.testing import run_cli, start_server
from tests.support.content import age, content, pdf, replace_ru_file  # noqa: F401 (fixture: a small content database)


def test_only_files_nothing_uses_are_removed(content):
    db, store, tid = content
    v1_file = db.execute("SELECT sha256 FROM template_files").fetchone()[0]
    publish(db, store)
    never_published = replace_ru_file(db, store, tid, 1)
    draft = replace_ru_file(db, store, tid, 2)  # replaced the first before it was ever published
    orphan = store.put_stream(io.BytesIO(pdf(3)), max_size=10**6).sha256  # an upload cut before its row
    (store.root / "README").write_text("not a media file")
    for sha in (v1_file, never_published, draft, orphan):
        age(store, sha)

    result = prune_media(db, store)

    assert sorted(result.removed) == sorted([never_published, orphan])
    assert result.freed_bytes == 2 * len(pdf(1)) and result.kept == 2
    assert not store.path(never_published).exists() and not store.path(orphan).exists()
    assert db["media"].count_where("sha256 = ?", [never_published]) == 0
    assert store.verify(v1_file) and store.verify(draft)
    assert (store.root / "README").exists()
    assert publish(db, store).changed  # the draft still publishes
    assert rollback(db, store, 1).changed  # and every published version can still be restored
    assert prune_media(db, store).removed == []  # nothing more to do


def test_keeping_only_the_newest_versions_frees_old_files_and_rollback_says_why_not(content):
    db, store, tid = content
    v1_file = db.execute("SELECT sha256 FROM template_files").fetchone()[0]
    publish(db, store)
    v2_file = replace_ru_file(db, store, tid, 1)
    publish(db, store)
    for sha in (v1_file, v2_file):
        age(store, sha)

    assert prune_media(db, store).removed == []  # by default every version stays restorable
    result = prune_media(db, store, keep_versions=1)

    assert result.removed == [v1_file]
    assert db["published_media"].count_where("sha256 = ?", [v1_file]) == 0  # the API cannot offer it
    with pytest.raises(PublishError, match="Version 1 cannot be restored: 1 of its files are missing"):
        rollback(db, store, 1)
    assert store.verify(v2_file)


def test_recent_files_are_spared(content):
    db, store, tid = content
    publish(db, store)
    fresh = replace_ru_file(db, store, tid, 1)
    replace_ru_file(db, store, tid, 2)
    assert prune_media(db, store).removed == []  # an hour's grace by default
    assert prune_media(db, store, min_age_s=0).removed == [fresh]


def test_dry_run_removes_nothing(content):
    db, store, tid = content
    publish(db, store)
    unused = replace_ru_file(db, store, tid, 1)
    replace_ru_file(db, store, tid, 2)
    result = prune_media(db, store, min_age_s=0, dry_run=True)
    assert result.removed == [unused] and result.message.startswith("Would remove 1 unused media files")
    assert store.verify(unused) and db["media"].count_where("sha256 = ?", [unused]) == 1


def test_nothing_is_removed_while_an_upload_is_under_way(content):
    db, store, tid = content
    publish(db, store)
    unused = replace_ru_file(db, store, tid, 1)
    replace_ru_file(db, store, tid, 2)
    with store.writing():  # what every upload holds, in any process
        with pytest.raises(StoreBusy, match="An upload is under way"):
            prune_media(db, store, min_age_s=0)
    assert store.verify(unused)
    assert prune_media(db, store, min_age_s=0).removed == [unused]


def test_a_bad_keep_versions_is_refused(content):
    db, store, _ = content
    with pytest.raises(ValueError, match="at least 1"):
        prune_media(db, store, keep_versions=0)


def test_the_command_while_the_server_serves(demo_dir, tmp_path, capsys):
    db = open_existing(demo_dir)
    store = MediaStore(demo_dir / "media")
    stray = store.put_stream(io.BytesIO(pdf(9)), max_size=10**6).sha256
    age(store, stray)
    published = db.execute("SELECT sha256 FROM published_media").fetchall()
    db.conn.close()
    server = start_server(demo_dir)
    try:
        assert run_cli(demo_dir, "prune-media", "--dry-run") == 0
        assert "Would remove 1 unused media files" in capsys.readouterr().out
        assert store.path(stray).exists()
        assert run_cli(demo_dir, "prune-media") == 0
        assert "Removed 1 unused media files" in capsys.readouterr().out
        assert not store.path(stray).exists()
        for (sha,) in published:  # every published file is still served
            assert requests.get(f"{server.url}/api/v1/media/{sha}", timeout=10).status_code == 200
    finally:
        server.stop()
    assert run_cli(demo_dir, "prune-media", "--keep-versions", "0") == 2
    assert "--keep-versions" in capsys.readouterr().err
