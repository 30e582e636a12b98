"""kiosk.cache: content-addressed blobs, versions switched atomically, crash safety."""

import hashlib
import os
import types

import pytest

import kiosk.cache as cache_mod
from kiosk.cache import Cache, MediaError
from court_contract.manifest import ManifestError, parse
from tests.support.manifests import blobs_of, build_manifest, encode


def put_media(cache, blobs):
    for sha, blob in blobs.items():
        cache.part_path(sha).write_bytes(blob)
        cache.commit_media(sha, len(blob))


def install(cache, version, **kw):
    put_media(cache, blobs_of(kw))
    return cache.install(encode(build_manifest(version, **kw)))


@pytest.fixture
def cache(tmp_path):
    return Cache(tmp_path / "cache")


def test_empty_cache_has_no_current_and_creates_nothing(tmp_path):
    cache = Cache(tmp_path / "cache")
    assert cache.current() is None
    assert not (tmp_path / "cache").exists()


def test_commit_media_checks_and_moves_the_part(cache):
    blob = b"hello media"
    sha = hashlib.sha256(blob).hexdigest()
    assert not cache.has_media(sha, len(blob))
    cache.part_path(sha).write_bytes(blob)
    path = cache.commit_media(sha, len(blob))
    assert path == cache.media_path(sha) == cache.root / "media" / sha
    assert path.read_bytes() == blob
    assert cache.has_media(sha, len(blob))
    assert not cache.has_media(sha, len(blob) + 1)
    assert not cache.part_path(sha).exists()


def test_commit_media_with_wrong_hash_deletes_the_part(cache):
    sha = hashlib.sha256(b"expected").hexdigest()
    cache.part_path(sha).write_bytes(b"tampered")
    with pytest.raises(MediaError, match="wrong sha256"):
        cache.commit_media(sha, len(b"tampered"))
    assert not cache.part_path(sha).exists()
    assert not cache.media_path(sha).exists()


def test_commit_media_with_wrong_size_deletes_the_part(cache):
    sha = hashlib.sha256(b"expected").hexdigest()
    cache.part_path(sha).write_bytes(b"expected")
    with pytest.raises(MediaError, match="has 8 bytes, the manifest says 9"):
        cache.commit_media(sha, 9)
    assert not cache.part_path(sha).exists()


def test_commit_media_without_a_part(cache):
    with pytest.raises(MediaError, match="no finished download"):
        cache.commit_media("b" * 64, 1)


@pytest.mark.parametrize("bad", ["../../etc/passwd", "A" * 64, "a" * 63, ""])
def test_paths_refuse_anything_but_a_sha256(cache, bad):
    with pytest.raises(MediaError, match="is not a sha256 hex digest"):
        cache.media_path(bad)
    with pytest.raises(MediaError):
        cache.part_path(bad)
    assert cache.has_media(bad, 0) is False


def test_install_switches_current_with_a_relative_symlink(cache):
    manifest = install(cache, 1)
    assert cache.current() == manifest
    link = cache.root / "current"
    assert link.is_symlink()
    target = os.readlink(link)
    assert target == f"versions/1-{manifest['content_sha256'][:12]}"
    assert (cache.root / target / "manifest.json").read_bytes() == encode(manifest)
    assert not (cache.root / "current.new").exists()


def test_install_requires_every_media_file(cache):
    first = install(cache, 1)
    manifest = build_manifest(2, videos=(b"not downloaded",))
    with pytest.raises(MediaError, match="version 2 cannot be installed: 1 media file"):
        cache.install(encode(manifest))
    assert cache.current() == first


def test_install_rejects_an_invalid_manifest(cache):
    first = install(cache, 1)
    with pytest.raises(ManifestError):
        cache.install(b'{"schema": 1}')
    assert cache.current() == first


def test_install_keeps_two_versions_and_prunes_older_ones(cache):
    install(cache, 1, videos=(b"v1",))
    v2 = install(cache, 2, videos=(b"v2",))
    assert cache.current() == v2
    assert (cache.root / "previous").is_symlink()
    v1_blob = cache.media_path(hashlib.sha256(b"v1").hexdigest())
    assert v1_blob.exists()  # the previous version stays complete
    stale = cache.part_path("c" * 64)
    stale.write_bytes(b"abandoned download")
    v3 = install(cache, 3, videos=(b"v3",))
    assert cache.current() == v3
    folders = sorted(os.listdir(cache.root / "versions"))
    assert folders == sorted(f"{m['version']}-{m['content_sha256'][:12]}" for m in (v2, v3))
    assert not v1_blob.exists()  # only version 1 used it
    assert cache.media_path(hashlib.sha256(b"v2").hexdigest()).exists()
    assert cache.media_path(hashlib.sha256(b"divorce template kk").hexdigest()).exists()  # shared
    assert not stale.exists()


def test_reinstalling_the_current_version_is_harmless(cache):
    install(cache, 1, videos=(b"v1",))
    v2 = install(cache, 2, videos=(b"v2",))
    assert cache.install(encode(v2)) == v2
    assert cache.current() == v2
    # the previous version is still kept
    assert cache.media_path(hashlib.sha256(b"v1").hexdigest()).exists()
    assert len(os.listdir(cache.root / "versions")) == 2


def test_a_corrupt_current_manifest_falls_back_to_the_previous_one(cache, caplog):
    v1 = install(cache, 1, videos=(b"v1",))
    install(cache, 2, videos=(b"v2",))
    (cache.root / "current" / "manifest.json").write_bytes(b'{"schema": 1, "trunc')
    assert cache.current() == v1
    assert "cannot be used: the manifest is not valid JSON" in caplog.text
    caplog.clear()
    assert cache.current() == v1
    assert caplog.text == ""  # logged once, not on every call


def test_a_missing_current_manifest_with_no_previous_gives_none(cache, caplog):
    install(cache, 1)
    os.unlink(cache.root / "current" / "manifest.json")
    assert cache.current() is None
    assert "manifest.json is missing" in caplog.text


def test_fallback_skips_versions_whose_media_are_gone(cache):
    v1 = install(cache, 1, videos=(b"v1",))
    v2 = install(cache, 2, videos=(b"v2",))
    os.unlink(cache.root / "current")
    os.unlink(cache.root / "previous")
    assert cache.current() == v2  # highest complete version on disk
    os.unlink(cache.media_path(hashlib.sha256(b"v2").hexdigest()))
    assert cache.current() == v1
    os.unlink(cache.media_path(hashlib.sha256(b"v1").hexdigest()))
    assert cache.current() is None


def test_a_new_cache_object_sees_the_installed_version(cache):
    v1 = install(cache, 1)
    assert Cache(cache.root).current() == v1


# --- crash safety -------------------------------------------------------------------------


class Crash(BaseException):
    """Stands for the process being killed (BaseException: no `except Exception` catches it)."""


class CrashingOS(types.ModuleType):
    """Delegates to os, but raises Crash on the n-th call that changes the disk."""

    MUTATING = {"replace", "rename", "symlink", "unlink", "fsync", "write", "open", "makedirs", "mkdir", "close"}

    def __init__(self, crash_at):
        super().__init__("os")
        self.crash_at = crash_at
        self.calls = []

    def __getattr__(self, name):
        real = getattr(os, name)
        if name not in self.MUTATING:
            return real

        def wrapper(*args, **kwargs):
            self.calls.append(name)
            if len(self.calls) == self.crash_at:
                raise Crash(f"killed at call {self.crash_at} ({name})")
            return real(*args, **kwargs)

        return wrapper


def _count_install_calls(tmp_path, monkeypatch):
    cache = Cache(tmp_path / "count")
    install(cache, 1, videos=(b"v1",))
    put_media(cache, blobs_of({"videos": (b"v2",)}))
    counter = CrashingOS(crash_at=-1)
    monkeypatch.setattr(cache_mod, "os", counter)
    cache.install(encode(build_manifest(2, videos=(b"v2",))))
    monkeypatch.setattr(cache_mod, "os", os)
    return len(counter.calls)


def test_a_kill_at_any_step_of_install_leaves_old_or_new_current(tmp_path, monkeypatch):
    steps = _count_install_calls(tmp_path, monkeypatch)
    assert steps >= 10  # write, fsyncs, symlinks, renames, prune
    old_m, new_m = build_manifest(1, videos=(b"v1",)), build_manifest(2, videos=(b"v2",))
    outcomes = set()
    for crash_at in range(1, steps + 1):
        root = tmp_path / f"run{crash_at}"
        cache = Cache(root)
        install(cache, 1, videos=(b"v1",))
        put_media(cache, blobs_of({"videos": (b"v2",)}))
        monkeypatch.setattr(cache_mod, "os", CrashingOS(crash_at))
        with pytest.raises(Crash):
            cache.install(encode(new_m))
        monkeypatch.setattr(cache_mod, "os", os)
        # the `current` link itself (no fallback) names a complete version
        linked = parse((root / "current" / "manifest.json").read_bytes())
        assert linked in (old_m, new_m), f"crash at step {crash_at} broke the current link"
        # "restart": a fresh Cache object on the same folder
        after = Cache(root).current()
        assert after == linked
        assert after in (old_m, new_m), f"crash at step {crash_at} left {after!r}"
        outcomes.add(after["version"])
        # and the next install recovers from whatever was left behind
        again = Cache(root)
        assert again.install(encode(new_m)) == new_m
        assert again.current() == new_m
        v3 = install(again, 3, videos=(b"v3",))
        assert again.current() == v3
        assert not (root / "current.new").exists()
    assert outcomes == {1, 2}  # some crashes came before the switch, some after


def test_a_kill_during_commit_media_never_leaves_a_bad_blob(tmp_path, monkeypatch):
    blob = b"x" * 5000
    sha = hashlib.sha256(blob).hexdigest()
    for crash_at in range(1, 8):
        cache = Cache(tmp_path / f"c{crash_at}")
        cache.part_path(sha).write_bytes(blob)
        monkeypatch.setattr(cache_mod, "os", CrashingOS(crash_at))
        try:
            cache.commit_media(sha, len(blob))
        except Crash:
            pass
        monkeypatch.setattr(cache_mod, "os", os)
        media = cache.media_path(sha)
        assert not media.exists() or media.read_bytes() == blob


def test_a_kill_at_any_step_of_save_hearings_leaves_the_old_feed_or_the_new(tmp_path, monkeypatch):
    old, new = b'{"revision": 1}', b'{"revision": 2, "hearings": []}'
    counter = CrashingOS(crash_at=-1)
    monkeypatch.setattr(cache_mod, "os", counter)
    Cache(tmp_path / "count").save_hearings(new)
    monkeypatch.setattr(cache_mod, "os", os)
    steps = len(counter.calls)
    assert steps >= 6  # makedirs, open, write, fsync, close, replace, fsync of the folder
    outcomes = set()
    for crash_at in range(1, steps + 1):
        cache = Cache(tmp_path / f"run{crash_at}")
        cache.save_hearings(old)
        monkeypatch.setattr(cache_mod, "os", CrashingOS(crash_at))
        with pytest.raises(Crash):
            cache.save_hearings(new)
        monkeypatch.setattr(cache_mod, "os", os)
        kept = cache.hearings_path.read_bytes()
        assert kept in (old, new), f"a kill at step {crash_at} left {kept!r}"
        outcomes.add(kept)
        cache.save_hearings(new)  # and the next save recovers from whatever was left behind
        assert cache.hearings_path.read_bytes() == new
    assert outcomes == {old, new}  # some kills came before the rename, some after
