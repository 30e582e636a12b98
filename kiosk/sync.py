"""Keep the local cache in step with the server (docs/manifest.md, "How a kiosk syncs").

:class:`SyncClient` polls ``GET {server}/api/v1/manifest`` with
``If-None-Match``, downloads the media a new manifest needs into staging
(resuming partial files with ``Range``), checks every file's size and sha256,
and only then lets :meth:`kiosk.cache.Cache.install` switch versions. Until
then the previous version stays current. It also posts heartbeats.

On every poll it also asks ``GET {server}/api/v1/hearings`` (the live hearings
feed, :mod:`court_contract.hearings`) with its own ``If-None-Match``: a
clerk's status change costs one small answer, never a manifest download. A
good feed is kept on disk (:meth:`kiosk.cache.Cache.save_hearings`) and handed
to ``on_hearings``; a 404, an error or a bad feed keeps the last one (logged
once, not counted against the manifest's back-off).

The server may be the Flask admin server or a static export behind nginx
(``http://host/courts/mng/``); ETags are treated as opaque strings.

Nothing here imports Kivy: ``on_update`` is called on the sync thread, so a
UI must hand it over to its own thread (e.g. ``Clock.schedule_once``).
"""

import contextlib
import logging
import random
import re
import threading
import time
from urllib.parse import urljoin

import requests

import kiosk
from kiosk.cache import MediaError
from kiosk.http import Deadline, new_session
from court_contract.hearings import FeedError, parse_feed
from court_contract.manifest import ManifestError, media_hashes, parse

log = logging.getLogger(__name__)

BACKOFF_CAP_S = 60.0
MAX_ERRORS = 20
MAX_MANIFEST_BYTES = 32 * 1024 * 1024
MAX_HEARINGS_BYTES = 4 * 1024 * 1024  # 2000 hearings of a few hundred bytes each, with room to spare
MANIFEST_DEADLINE_FACTOR = 2  # the manifest must arrive within 2x the longest timeout
_CHUNK = 64 * 1024  # a cut-off transfer loses at most one chunk of the part
_CONTENT_RANGE = re.compile(r"bytes (\d+)-(\d+)/(\d+|\*)\Z")


class SyncError(Exception):
    """The server answered, but not with what the protocol promises."""


def base_url(server_url):
    """Normalise a server URL so relative API paths join under it (keeps a path prefix)."""
    url = server_url.strip()
    return url if url.endswith("/") else url + "/"


class SyncClient:
    """Polls one server and installs new manifests into a :class:`~kiosk.cache.Cache`."""

    def __init__(
        self,
        server_url,
        cache,
        *,
        on_update=None,
        on_hearings=None,
        token=None,
        interval_s=2.0,
        heartbeat_interval_s=30.0,
        status_fn=None,
        session=None,
        clock=time.monotonic,
        sleep=None,
        rng=random.random,
        timeout=(5.0, 30.0),
    ):
        self.server_url = base_url(server_url)
        self.cache = cache
        self.on_update = on_update
        self.on_hearings = on_hearings  # called with a new feed dict, on the sync thread
        self.token = token
        self.interval_s = interval_s
        self.heartbeat_interval_s = heartbeat_interval_s
        self.status_fn = status_fn
        if session is None:
            session, self._adapter = new_session()
        else:
            self._adapter = None  # an injected session keeps its own behaviour
        self.session = session
        self.clock = clock
        self.rng = rng
        self.timeout = timeout
        self._stop = threading.Event()
        self._sleep = sleep if sleep is not None else self._stop.wait
        self._lock = threading.Lock()
        self._thread = None
        self._etags = {}
        self._started_at = clock()
        self._auth_warned = False
        self._heartbeat_warned = False
        self._repeats = 0
        self.last_error = None
        self.last_result = None
        self.errors = []
        self.failures = 0
        self.manifest_version = None
        self.hearings_etag = None
        self.hearings_error = None

    # --- URLs ----------------------------------------------------------------

    def _url(self, path):
        return urljoin(self.server_url, path)

    # --- errors ----------------------------------------------------------------

    def _record_error(self, sentence):
        """Keep the sentence; the same one again in a row only updates its time and count."""
        repeated = sentence == self.last_error and self.errors
        self.last_error = sentence
        stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        if repeated:
            self._repeats += 1
            self.errors = [*self.errors[:-1], f"{stamp} {sentence} (x{self._repeats})"]
            log.debug("sync: %s (x%d)", sentence, self._repeats)
        else:
            self._repeats = 1
            self.errors = [*self.errors, f"{stamp} {sentence}"][-MAX_ERRORS:]
            log.warning("sync: %s", sentence)

    # --- one poll ------------------------------------------------------------

    def poll_once(self):
        """Check the server once; return "unchanged", "updated" or "error"."""
        with self._lock:
            try:
                result = self._poll()
            except requests.Timeout:
                result = self._error(f"the server at {self.server_url} did not answer in time")
            except requests.ConnectionError as exc:
                result = self._error(f"cannot reach the server at {self.server_url} ({_reason(exc)})")
            except requests.RequestException as exc:
                result = self._error(f"the request to {self.server_url} failed ({_reason(exc)})")
            except ManifestError as exc:
                result = self._error(f"the server sent an invalid manifest: {exc}")
            except MediaError as exc:
                result = self._error(f"{exc}; keeping the current version")
            except SyncError as exc:
                result = self._error(str(exc))
            except OSError as exc:
                result = self._error(f"the cache at {self.cache.root} cannot be written ({exc.strerror or exc})")
            self.last_result = result
            if result != "error":
                self.failures = 0
                self.last_error = None
            else:
                self.failures += 1
            return result

    def _error(self, sentence):
        self._record_error(sentence)
        return "error"

    def _fetch_if_changed(self, path, etag, *, what, request, not_found, limit, deadline=None):
        """GET ``path`` with ``If-None-Match: etag``: None if unchanged (304), else ``(body, its ETag or None)``.

        A 404 raises SyncError(``not_found``), any other answer but 200 names the ``request``, and a body over
        ``limit`` bytes names ``what``; ``deadline`` (a kiosk.http.Deadline) bounds the headers and body.
        """
        headers = {"If-None-Match": etag} if etag else {}
        with (deadline if deadline is not None else contextlib.nullcontext(),
              self.session.get(self._url(path), headers=headers, timeout=self.timeout, stream=True) as resp):
            if resp.status_code == 304:
                return None
            if resp.status_code == 404:
                raise SyncError(not_found)
            if resp.status_code != 200:
                raise SyncError(f"the server answered HTTP {resp.status_code} to the {request}")
            return _read_limited(resp, limit, what), resp.headers.get("ETag") or None

    def _poll(self):
        # The whole manifest request, headers and body, gets one deadline.
        deadline = Deadline(self._adapter, MANIFEST_DEADLINE_FACTOR * max(self.timeout))
        try:
            fetched = self._fetch_if_changed(
                "api/v1/manifest", self._etags.get(self.server_url), what="the manifest", request="manifest request",
                not_found=f"the server at {self.server_url} has not published any content yet",
                limit=MAX_MANIFEST_BYTES, deadline=deadline)
        except requests.RequestException:
            if deadline.expired:
                raise SyncError(f"the server at {self.server_url} is too slow: the manifest did not arrive within "
                                f"{deadline.seconds:.0f} s") from None
            raise
        if fetched is None:
            return "unchanged"
        body, new_etag = fetched
        manifest = parse(body)
        current = self.cache.current()
        if self.manifest_version is None and current is not None:
            self.manifest_version = current["version"]
        if (
            current is not None
            and current["version"] == manifest["version"]
            and current["content_sha256"] == manifest["content_sha256"]
            and self._all_present(manifest)
        ):
            self._remember(new_etag)
            return "unchanged"
        for sha, info in media_hashes(manifest).items():
            if not self.cache.has_media(sha, info["size"]):
                self._download(sha, info["size"])
        installed = self.cache.install(body)
        self.manifest_version = installed["version"]
        self._remember(new_etag)
        log.info("sync: now showing version %s", installed["version"])
        _notify(self.on_update, installed, "on_update")
        return "updated"

    def _remember(self, etag):
        if etag:
            self._etags[self.server_url] = etag
        else:
            self._etags.pop(self.server_url, None)

    def _all_present(self, manifest):
        return all(self.cache.has_media(sha, info["size"]) for sha, info in media_hashes(manifest).items())

    def _download(self, sha, size):
        """Fetch one blob into staging (resuming a .part), then check and commit it."""
        part = self.cache.part_path(sha)
        have = part.stat().st_size if part.exists() else 0
        if have > size:
            part.unlink()
            have = 0
        if have == size:
            try:
                self.cache.commit_media(sha, size)
                return
            except MediaError:
                have = 0  # the finished part was wrong and is gone: fetch it again
        url = self._url(f"api/v1/media/{sha}")
        headers = {"Accept-Encoding": "identity"}
        if have:
            headers["Range"] = f"bytes={have}-"
        with self.session.get(url, headers=headers, timeout=self.timeout, stream=True) as resp:
            if resp.status_code == 416 and have:
                part.unlink()
                raise SyncError(f"the server refused to resume media file {sha[:12]}; it will be fetched again")
            if resp.status_code == 206 and have:
                match = _CONTENT_RANGE.match(resp.headers.get("Content-Range", ""))
                if not match or int(match.group(1)) != have:
                    part.unlink()
                    raise SyncError(f"the server resumed media file {sha[:12]} at the wrong place; it will be fetched again")
                mode = "ab"
            elif resp.status_code == 200:
                mode = "wb"  # no Range asked for, or the server ignored it: start over
                have = 0
            else:
                raise SyncError(f"the server answered HTTP {resp.status_code} for media file {sha[:12]}")
            received = have
            with open(part, mode) as fh:
                try:
                    for chunk in resp.iter_content(_CHUNK):
                        if self._stop.is_set():
                            raise SyncError(f"stopped while downloading media file {sha[:12]}; it will resume")
                        received += len(chunk)
                        if received > size:
                            break
                        fh.write(chunk)
                except requests.RequestException:
                    raise SyncError(
                        f"the download of media file {sha[:12]} was cut off at {received} of {size} bytes;"
                        " it will resume at the next poll"
                    ) from None
            if received > size:
                part.unlink()
                raise MediaError(f"media file {sha[:12]} is larger than the {size} bytes the manifest says")
        if received < size:
            raise SyncError(f"the download of media file {sha[:12]} stopped at {received} of {size} bytes")
        self.cache.commit_media(sha, size)

    # --- the hearings feed -------------------------------------------------------

    def poll_hearings(self):
        """Ask for the hearings feed once; return "unchanged", "updated" or "error".

        An error keeps the last feed (on disk and on screen); each new problem is
        logged once, and the recovery once.
        """
        with self._lock:
            try:
                result = self._poll_hearings()
            except requests.Timeout:
                result = self._hearings_problem("the hearings feed did not arrive in time")
            except requests.RequestException as exc:
                result = self._hearings_problem(f"the hearings feed cannot be fetched ({_reason(exc)})")
            except FeedError as exc:
                result = self._hearings_problem(f"the server sent an invalid hearings feed: {exc}")
            except SyncError as exc:
                result = self._hearings_problem(str(exc))
            except OSError as exc:
                result = self._hearings_problem(
                    f"the hearings feed cannot be kept in {self.cache.root} ({exc.strerror or exc})")
            if result != "error" and self.hearings_error is not None:
                log.info("sync: the hearings feed is back")
                self.hearings_error = None
            return result

    def _hearings_problem(self, sentence):
        if sentence != self.hearings_error:
            log.warning("sync: %s; keeping the last hearings", sentence)
            self.hearings_error = sentence
        return "error"

    def _poll_hearings(self):
        fetched = self._fetch_if_changed(
            "api/v1/hearings", self.hearings_etag, what="the hearings feed", request="hearings request",
            not_found=f"the server at {self.server_url} has no hearings feed (HTTP 404)", limit=MAX_HEARINGS_BYTES)
        if fetched is None:
            return "unchanged"
        body, etag = fetched
        feed = parse_feed(body)
        self.cache.save_hearings(body)
        self.hearings_etag = etag
        _notify(self.on_hearings, feed, "on_hearings")
        return "updated"

    # --- heartbeat -------------------------------------------------------------

    def send_heartbeat(self):
        """POST the kiosk's status to the server; return True if it was accepted."""
        body = {"kiosk_version": kiosk.__version__}
        extra_errors = []
        if self.status_fn is not None:
            try:
                status = self.status_fn()
            except Exception:  # the UI's callback must not stop syncing
                log.exception("sync: status_fn failed")
                status = None
            if isinstance(status, dict):
                body.update(status)
                if isinstance(status.get("errors"), list):
                    extra_errors = list(status["errors"])
        if self.manifest_version is None:
            current = self.cache.current()
            self.manifest_version = current["version"] if current else None
        body["manifest_version"] = self.manifest_version
        body["uptime_s"] = int(self.clock() - self._started_at)
        body["errors"] = (list(self.errors) + extra_errors)[-MAX_ERRORS:]
        headers = {}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        try:
            resp = self.session.post(self._url("api/v1/heartbeat"), json=body, headers=headers, timeout=self.timeout)
        except requests.RequestException as exc:
            log.info("sync: heartbeat not sent (%s)", _reason(exc))
            return False
        with resp:
            if resp.status_code == 401:
                if not self._auth_warned:
                    self._auth_warned = True
                    if self.token:
                        log.error(
                            "sync: the server rejected this kiosk's token (HTTP 401); "
                            "set the kiosk's token in its config to the one shown in the admin page"
                        )
                    else:
                        log.error(
                            "sync: the server wants a kiosk token for heartbeats (HTTP 401); "
                            "add the token shown in the admin page to the kiosk's config"
                        )
                return False
            if not 200 <= resp.status_code < 300:
                if not self._heartbeat_warned:
                    self._heartbeat_warned = True
                    log.warning("sync: the server answered HTTP %s to the heartbeat", resp.status_code)
                return False
        self._auth_warned = False
        self._heartbeat_warned = False
        return True

    # --- background thread -------------------------------------------------------

    def backoff_delay(self, failures):
        """Seconds to wait after ``failures`` failed polls in a row (full jitter, capped)."""
        if failures <= 0:
            return self.interval_s
        ceiling = min(BACKOFF_CAP_S, self.interval_s * 2 ** min(failures, 32))
        return self.rng() * ceiling

    def start(self):
        """Poll (and send heartbeats) on a daemon thread until :meth:`stop`."""
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-sync", daemon=True)
        self._thread.start()

    def stop(self, timeout=5.0):
        """Ask the thread to end and wait for it (at most ``timeout`` seconds)."""
        self._stop.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
        self._thread = None

    @property
    def running(self):
        return self._thread is not None and self._thread.is_alive()

    def _run(self):
        next_heartbeat = self.clock()
        while not self._stop.is_set():
            try:
                self.poll_once()
            except Exception:  # a bug must not end syncing for good
                log.exception("sync: unexpected failure while polling")
                self.failures += 1
            try:
                self.poll_hearings()
            except Exception:  # a bug must not end syncing for good
                log.exception("sync: unexpected failure while polling the hearings")
            if self._stop.is_set():
                break
            if self.heartbeat_interval_s and self.clock() >= next_heartbeat:
                try:
                    self.send_heartbeat()
                except Exception:  # a bug must not end syncing for good
                    log.exception("sync: unexpected failure while sending a heartbeat")
                next_heartbeat = self.clock() + self.heartbeat_interval_s
            self._sleep(self.backoff_delay(self.failures))


def _notify(callback, value, name):
    """Hand ``value`` to the UI's ``callback`` (if any); its failure is logged, never stops syncing."""
    if callback is not None:
        try:
            callback(value)
        except Exception:  # the UI's callback must not stop syncing
            log.exception("sync: %s callback failed", name)


def _read_limited(resp, limit, what):
    chunks, total = [], 0
    for chunk in resp.iter_content(_CHUNK):
        total += len(chunk)
        if total > limit:
            raise SyncError(f"{what} is larger than {limit // (1024 * 1024)} MiB")
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(exc):
    """A short human reason for a requests exception (no traceback noise)."""
    text = str(exc.args[0]) if exc.args else type(exc).__name__
    for marker in ("Connection refused", "Name or service not known", "timed out", "IncompleteRead", "Connection reset"):
        if marker in text:
            return marker.lower()
    return type(exc).__name__
