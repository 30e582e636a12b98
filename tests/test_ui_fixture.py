"""The UI tests' small court (tests/support/ui.py) is a valid manifest and feed, installed into a real cache."""

import json
import os

from court_contract.manifest import canonical_json
from tests.support.ui import NOW, make_cache


def test_fixture_manifest_is_valid_and_installs(tmp_path):
    cache, manifest = make_cache(tmp_path)
    current = cache.current()
    assert current["version"] == 1
    assert [t["slug"] for t in current["templates"]] == ["divorce", "alimony", "debt"]
    assert all(os.path.isfile(cache.media_path(sha)) for sha in manifest["media"])
    assert json.loads(canonical_json(manifest)) == current


def test_fixture_feed_is_valid_and_kept(tmp_path):
    cache, manifest = make_cache(tmp_path)
    feed = cache.load_hearings()
    today = [h for h in feed["hearings"] if h["date"] == NOW.date().isoformat()]
    assert len(today) == 40
    assert {h["status"] for h in today} == {"scheduled", "in_progress", "break", "finished", "postponed", "moved",
                                            "cancelled"}
    assert any(h["closed"] for h in today)
    rooms = {r["id"]: r for r in manifest["rooms"]}
    assert {h["room_id"] for h in today} <= set(rooms)
    assert all(os.path.isfile(cache.media_path(r["plan"]["file"]["sha256"])) for r in rooms.values() if r["plan"])


def test_fixture_now_is_a_tuesday():
    assert NOW.isoweekday() == 2
