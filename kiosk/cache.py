"""The kiosk's local cache: the last good manifests and their media.

Layout under ``root``::

    media/<sha256>                  immutable blobs, shared by all versions
    staging/<sha256>.part           downloads in progress (resumable)
    versions/<version>-<hash12>/manifest.json
    current  -> versions/<...>      the version on screen (a relative symlink)
    previous -> versions/<...>      the one before it (fallback if current is damaged)
    hearings.json                   the last good hearings feed (live data, not versioned)

A new version is written and fsynced in full before ``current`` is switched
with one atomic rename of a fresh symlink, so a crash at any point leaves
either the old or the new version current, never half of one. Blobs are
written only by :meth:`Cache.commit_media`, which checks size and sha256.

All file work happens in method calls; creating a Cache touches nothing.
"""

import hashlib
import logging
import os
import re
import shutil
import uuid
from pathlib import Path

from court_contract.hearings import FeedError, parse_feed
from court_contract.manifest import ManifestError, media_hashes, parse

log = logging.getLogger(__name__)

_SHA256 = re.compile(r"[0-9a-f]{64}\Z")
_VERSION_DIR = re.compile(r"(\d+)-[0-9a-f]{12}\Z")
_CHUNK = 1 << 20
KEEP_VERSIONS = 2
HEARINGS_FILE = "hearings.json"


class MediaError(Exception):
    """A media file is missing, or its bytes do not match the expected size or sha256."""


def sha256_file(path):
    """Return ``(hex digest, size)`` of a file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _fsync_dir(path):
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomic(path, data):
    """Write ``data`` to ``path`` so a crash leaves the old file or the new one, never half of one:
    written and fsynced beside it (``<name>.tmp``), renamed over it, then the folder fsynced."""
    tmp = path.with_name(f"{path.name}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(bytes(data))
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    _fsync_dir(path.parent)


def _check_sha(sha):
    if not isinstance(sha, str) or not _SHA256.match(sha):
        raise MediaError(f"{sha!r} is not a sha256 hex digest")
    return sha


class Cache:
    """Content cache rooted at ``root`` (see the module docstring for the layout)."""

    def __init__(self, root):
        self.root = Path(root)
        self.media_dir = self.root / "media"
        self.staging_dir = self.root / "staging"
        self.versions_dir = self.root / "versions"
        self._reported = set()

    # --- media -------------------------------------------------------------

    def media_path(self, sha):
        """Where the blob with this sha256 lives (whether or not it is there yet)."""
        return self.media_dir / _check_sha(sha)

    def part_path(self, sha):
        """Where a download of this blob is staged; creates the staging folder."""
        _check_sha(sha)
        os.makedirs(self.staging_dir, exist_ok=True)
        return self.staging_dir / f"{sha}.part"

    def has_media(self, sha, size):
        """True if the blob is present with the expected size (not re-hashed)."""
        try:
            st = os.stat(self.media_path(sha))
        except (OSError, MediaError):
            return False
        return st.st_size == size and not os.path.isdir(self.media_path(sha))

    def commit_media(self, sha, size):
        """Move a finished download from staging into media/ after checking it.

        On a size or sha256 mismatch the part is deleted and MediaError raised.
        """
        part = self.part_path(sha)
        try:
            actual_sha, actual_size = sha256_file(part)
        except FileNotFoundError:
            raise MediaError(f"media file {sha[:12]} has no finished download to check") from None
        if actual_size != size:
            os.unlink(part)
            raise MediaError(f"media file {sha[:12]} has {actual_size} bytes, the manifest says {size}")
        if actual_sha != sha:
            os.unlink(part)
            raise MediaError(f"media file {sha[:12]} has the wrong sha256 ({actual_sha[:12]}), so it was discarded")
        fd = os.open(part, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.makedirs(self.media_dir, exist_ok=True)
        target = self.media_dir / sha
        os.replace(part, target)
        _fsync_dir(self.media_dir)
        return target

    # --- the hearings feed ----------------------------------------------------

    @property
    def hearings_path(self):
        return self.root / HEARINGS_FILE

    def save_hearings(self, data):
        """Keep these feed bytes (already checked) as the last good feed: written and
        fsynced beside it, then renamed over it, so a crash leaves the old or the new one."""
        os.makedirs(self.root, exist_ok=True)
        _write_atomic(self.hearings_path, data)

    def load_hearings(self):
        """The last good hearings feed, or None (none kept yet, or the file is damaged: logged once)."""
        try:
            data = self.hearings_path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._report_hearings(f"it cannot be read ({exc.strerror})")
            return None
        try:
            return parse_feed(data)
        except FeedError as exc:
            self._report_hearings(str(exc))
            return None

    def _report_hearings(self, problem):
        key = (HEARINGS_FILE, problem)
        if key not in self._reported:
            self._reported.add(key)
            log.warning("the kept hearings feed %s cannot be used: %s", self.hearings_path, problem)

    # --- versions ----------------------------------------------------------

    def _link_target(self, name):
        """The version folder name a link points to, or None."""
        try:
            target = os.readlink(self.root / name)
        except OSError:
            return None
        parent, _, version = target.rpartition("/")
        if parent != "versions" or not _VERSION_DIR.match(version):
            return None
        return version

    def _read(self, folder):
        data = (self.versions_dir / folder / "manifest.json").read_bytes()
        return parse(data)

    def _report(self, folder, problem):
        key = (folder, problem)
        if key not in self._reported:
            self._reported.add(key)
            log.warning("cached version %s cannot be used: %s", folder, problem)

    def _candidates(self):
        seen = []
        for folder in (self._link_target("current"), self._link_target("previous")):
            if folder and folder not in seen:
                seen.append(folder)
        others = sorted(self._version_folders(), key=lambda f: int(f.split("-")[0]), reverse=True)
        return seen, [f for f in others if f not in seen]

    def _version_folders(self):
        try:
            names = os.listdir(self.versions_dir)
        except OSError:
            return []
        return [n for n in names if _VERSION_DIR.match(n)]

    def current(self):
        """The manifest on screen, or the last good one before it; None if none.

        A damaged current version is logged (once) and skipped in favour of
        the previous one, then any other complete cached version.
        """
        linked, others = self._candidates()
        for i, folder in enumerate(linked + others):
            try:
                manifest = self._read(folder)
            except FileNotFoundError:
                self._report(folder, "manifest.json is missing")
                continue
            except OSError as exc:
                self._report(folder, f"manifest.json cannot be read ({exc.strerror})")
                continue
            except ManifestError as exc:
                self._report(folder, str(exc))
                continue
            if i >= len(linked) and not self._complete(manifest):
                self._report(folder, "some of its media files are missing")
                continue
            return manifest
        return None

    def _complete(self, manifest):
        return all(self.has_media(sha, info["size"]) for sha, info in media_hashes(manifest).items())

    def install(self, manifest_bytes):
        """Make these manifest bytes the current version; return the parsed manifest.

        Every media file must already be in media/ (else MediaError); invalid
        bytes raise ManifestError. The previous version is kept; older
        versions and blobs only they use are removed.
        """
        manifest = parse(manifest_bytes)
        missing = [sha for sha, info in media_hashes(manifest).items() if not self.has_media(sha, info["size"])]
        if missing:
            raise MediaError(
                f"version {manifest['version']} cannot be installed: {len(missing)} media file(s) are missing"
                f" (first {missing[0][:12]})"
            )
        folder = f"{manifest['version']}-{manifest['content_sha256'][:12]}"
        vdir = self.versions_dir / folder
        os.makedirs(vdir, exist_ok=True)
        _write_atomic(vdir / "manifest.json", manifest_bytes)
        _fsync_dir(self.versions_dir)

        old = self._link_target("current")
        if old != folder:
            if old is not None:
                self._switch("previous", old)
            self._switch("current", folder)
        keep = {folder, self._link_target("previous")} - {None}
        self._prune(keep)
        self._reported.clear()
        log.info("installed manifest version %s (%s)", manifest["version"], folder)
        return manifest

    def _switch(self, link, folder):
        new = self.root / f"{link}.new"
        try:
            os.unlink(new)
        except FileNotFoundError:
            pass
        os.symlink(f"versions/{folder}", new)
        os.replace(new, self.root / link)
        _fsync_dir(self.root)

    def _prune(self, keep):
        """Remove version folders not in ``keep`` and blobs/parts only they used."""
        for name in os.listdir(self.versions_dir):
            path = self.versions_dir / name
            if name in keep:
                continue
            if not name.startswith(".trash-"):
                trash = self.versions_dir / f".trash-{name}-{uuid.uuid4().hex[:8]}"
                try:
                    os.rename(path, trash)
                except OSError as exc:
                    log.warning("could not remove old version %s: %s", name, exc.strerror)
                    continue
                path = trash
            shutil.rmtree(path, ignore_errors=True)
        referenced = set()
        for folder in keep:
            try:
                referenced.update(media_hashes(self._read(folder)))
            except (OSError, ManifestError):
                continue
        for directory, suffix in ((self.media_dir, ""), (self.staging_dir, ".part")):
            try:
                names = os.listdir(directory)
            except FileNotFoundError:
                continue
            for name in names:
                sha = name[: -len(suffix)] if suffix and name.endswith(suffix) else name
                if sha in referenced and name == sha + suffix:
                    continue
                try:
                    os.unlink(directory / name)
                except IsADirectoryError:
                    shutil.rmtree(directory / name, ignore_errors=True)
                except OSError as exc:
                    log.warning("could not remove %s: %s", directory / name, exc.strerror)
