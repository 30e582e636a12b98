"""Crash safety during uploads: a power cut of the real server, 50 times, mid-upload.

`court-kiosk-server serve` (gunicorn, 2 workers) runs in its own process group; a staff member
(tests/support/staff.py) uploads a template document of some MB and a video clip made by ffmpeg
through the web admin over HTTP, and the whole group (master, workers, a running ffprobe) gets
SIGKILL at a random point of an upload. The point is chosen per kill: a phase, in turn, and a
random delay inside it, watched from outside (the client's progress, the media store's temp
folder, the finished blob):

  sending     the form body is still on the wire (a slow sender: chunks with pauses)
  parsing     the body has arrived, the server reads the form (no staging file yet)
  staging     the server copies the file to its staging file
  checking    the staging file is complete: its type is sniffed, a document's zip is tested, a
              video is probed with ffprobe (recorded as "probing" when an ffprobe was running)
  storing     the checked file is copied into the content store (media/.tmp/upload-*)
  committing  the blob is in place, the database transaction and the answer are under way

After every kill, with the server dead: `check_intact` (tests/test_crash_safety.py: PRAGMA
integrity_check, consecutive versions, every published manifest and all its media present and
hash-correct); no published version appeared or vanished; every file in media/ is named by its
own sha256 (no half file); every media row has its blob and every draft row its media row.
After each restart: the staging leftovers of the kill are gone (cleaned at start), neither the
killed upload nor any leftover's content is served by /api/v1/media/<sha> or /admin/media/<sha>
unless it was committed whole, the draft file views serve whole files, an upload succeeds, and
every fourth round a publish succeeds and serves the new file to kiosks.

Uploads edit one template and one video (so each published manifest holds two files and
check_intact stays cheap); publishes are interleaved, so the last published version holds
earlier successful uploads. About 55-110 s on 2 cores (server start-ups are most of it, and
slower when the machine is busy); with -s it prints one summary line.
"""
import hashlib
import io
import os
import random
import signal
import struct
import subprocess
import sys
import threading
import time
import zipfile
from collections import Counter
from pathlib import Path

import requests

from admin_server.db import connect, db_path
from admin_server.store import MediaStore
from admin_server.testing import run_cli
from tests.support.admin import docx_bytes, make_video
from tests.support.power_cut import Server, no_server_left  # noqa: F401 (autouse: no server left)
from tests.support.publish_kill import check_intact
from tests.support.staff import PacedBody, Staff, add_staff, post_paced

KILLS = 50
PUBLISH_EVERY = 4  # rounds
DOC_MB = 4
ORDER = ("sending", "parsing", "staging", "checking", "storing", "committing")
TARGETS = {"document": ("sending", "staging", "checking", "storing", "committing"),
           "video": ("sending", "staging", "probing", "storing", "committing")}  # probing: ffprobe runs
SEND_PAUSE_S = 0.008  # per 128 KB chunk: a 4 MB body takes ~0.25 s on the wire
TEMPLATE_FIELDS = {"title.ru": "Развод", "slug": "divorce", "category": "family", "enabled": "1"}
VIDEO_FIELDS = {"title.ru": "Клип", "enabled": "1"}


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- contents: every upload unique ------------------------------------------------------

class Contents:
    def __init__(self, tmp_path: Path, rng: random.Random):
        self.rng, self.n = rng, 0
        self.docx = docx_bytes()
        # ~4 MB of hardly compressible video, 8 s at 25 frames/s: ffprobe counts 200 packets.
        self.clip = make_video(tmp_path / "clip.mp4", seconds=8, size="640x360", noise=True,
                               extra=("-preset", "ultrafast", "-b:v", "4M")).read_bytes()

    def document(self) -> bytes:
        """A real DOCX with a stored (uncompressed) random part: DOC_MB MB for the zip test to read."""
        self.n += 1
        buf = io.BytesIO(self.docx)
        with zipfile.ZipFile(buf, "a") as z:
            z.writestr(zipfile.ZipInfo(f"word/media/scan{self.n}.bin"), self.rng.randbytes(DOC_MB << 20))
        return buf.getvalue()

    def video(self) -> bytes:
        """The clip with a unique `free` box after it: another file, still playable."""
        self.n += 1
        payload = f"court-kiosk upload {self.n} ".encode() + self.rng.randbytes(32)
        return self.clip + struct.pack(">I4s", 8 + len(payload), b"free") + payload


# --- one upload, watched from outside -----------------------------------------------------

class Attempt:
    def __init__(self, staff: Staff, kind: str, slot: dict, content: bytes, paced: bool):
        self.kind, self.content, self.sha, self.size = kind, content, sha256(content), len(content)
        url, fields, field, name = slot[kind]
        self.url = url
        self.body = PacedBody(dict(fields, csrf_token=staff.token), {field: (name, content)},
                              chunk_size=128 * 1024 if paced else 1 << 20, pause_s=SEND_PAUSE_S if paced else 0)
        self.staff, self.response, self.error = staff, None, None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        try:
            self.response = post_paced(self.staff, self.url, body=self.body, timeout=60)
        except requests.RequestException as e:
            self.error = e

    def start(self, store: MediaStore):
        self.tmp, self.blob = store.tmp, store.root / self.sha
        self.before = {e.name for e in os.scandir(self.tmp)} if self.tmp.exists() else set()
        self.thread.start()

    def phase(self) -> str:
        if self.response is not None or self.error is not None:
            return "over"
        if not self.body.done:
            return "sending"
        stage_size, storing = None, False
        try:
            entries = [e for e in os.scandir(self.tmp) if e.name not in self.before]
        except FileNotFoundError:
            entries = []
        for e in entries:
            if e.name.startswith("upload-"):
                storing = True
            elif e.name.startswith("stage-"):
                try:
                    stage_size = e.stat().st_size
                except FileNotFoundError:
                    pass
        if storing:
            return "storing"
        if self.blob.exists():
            return "committing"
        if stage_size is None:
            return "parsing"
        return "staging" if stage_size < self.size else "checking"

    def watch(self) -> dict:
        """Run to the end, noting when each phase was first seen (for the delays of the kills)."""
        seen = {}
        while (ph := self.phase()) != "over":
            seen.setdefault(ph, time.monotonic())
            time.sleep(0.0002)
        seen["over"] = time.monotonic()
        self.thread.join()
        return seen


# --- checks ----------------------------------------------------------------------------------

class Checker:
    def __init__(self, data_dir: Path):
        self.data_dir, self.store = data_dir, MediaStore(data_dir / "media")
        self.verified = set()  # blob names already hashed (blobs are immutable)
        self.checks = 0

    def versions(self) -> list:
        return [r["version"] for r in self.query("SELECT version FROM published_versions ORDER BY version")]

    def intact(self) -> list:
        self.checks += 1
        return check_intact(self.data_dir)

    def query(self, sql, params=()):
        db = connect(db_path(self.data_dir))
        try:
            return list(db.query(sql, params))
        finally:
            db.conn.close()

    def slot_shas(self, ids) -> dict:
        return {"document": self.query("SELECT sha256 FROM template_files WHERE template_id = ? AND lang = 'ru'",
                                       [ids["template"]])[0]["sha256"],
                "video": self.query("SELECT sha256 FROM videos WHERE id = ?", [ids["video"]])[0]["sha256"]}

    def media_rows(self) -> dict:
        return {r["sha256"]: r["size"] for r in self.query("SELECT sha256, size FROM media")}

    def leftovers(self) -> list[Path]:
        return sorted(self.store.tmp.iterdir()) if self.store.tmp.exists() else []

    def after_kill(self, versions_before: list) -> list:
        """With the server dead: everything on disk is whole and consistent."""
        versions = self.intact()
        assert versions == versions_before, "an upload must not publish, nor a kill lose a version"
        for p in self.store.root.iterdir():
            if p.is_file() and p.name not in self.verified:
                assert p.stat().st_size > 0 and self.store.verify(p.name), f"half file in media/: {p.name}"
                self.verified.add(p.name)
        rows = self.media_rows()
        for sha, size in rows.items():
            assert self.store.exists(sha, size), f"media row {sha} without its whole blob"
        drafts = self.query("SELECT sha256 FROM template_files UNION SELECT sha256 FROM videos")
        assert all(r["sha256"] in rows for r in drafts), "a draft names a file that is not stored"
        return versions


def upload_and_wait(staff, slot, kind, content) -> str:
    attempt = Attempt(staff, kind, slot, content, paced=False)
    attempt.thread.start()
    attempt.thread.join()
    assert attempt.error is None, attempt.error
    assert attempt.response.status_code == 303, attempt.response.text[-2000:]
    return attempt.sha


def publish(staff, checker: Checker, expect: set) -> int:
    before = checker.query("SELECT COALESCE(MAX(version), 0) AS v FROM published_versions")[0]["v"]
    r = staff.post("/admin/publish/", {"note": "upload kill test"})
    assert r.status_code == 303, r.text[-2000:]
    row = checker.query("SELECT version, manifest FROM published_versions ORDER BY version DESC LIMIT 1")[0]
    assert row["version"] == before + 1, "the publish did not make a new version"
    for sha in expect:
        assert f'"{sha}"' in row["manifest"], "the new version lacks an upload made before it"
    return row["version"]


def get_sha(staff, path) -> tuple[int, str | None]:
    r = staff.get(path)
    return r.status_code, (sha256(r.content) if r.status_code == 200 else None)


def test_sigkill_during_uploads_through_the_web_admin(tmp_path):
    rng = random.Random(20261129)
    started = time.monotonic()
    data_dir, server_tmp = tmp_path / "data", tmp_path / "server-tmp"
    server_tmp.mkdir()
    assert run_cli(data_dir, "init") == 0
    add_staff(data_dir, "uploader", "admin")
    contents = Contents(tmp_path, rng)
    checker = Checker(data_dir)
    store = checker.store

    server = Server(data_dir, server_tmp)
    staff = Staff.over_http(server.url, "uploader")
    assert staff.login().status_code == 303
    assert staff.post("/admin/categories/new", {"code": "family", "title.kk": "Отбасы", "title.ru": "Семья",
                                                "title.en": "Family"}).status_code == 303
    first_doc, first_clip = contents.document(), contents.video()
    assert staff.post("/admin/templates/new", TEMPLATE_FIELDS,
                      files={"file_ru": ("divorce.docx", first_doc)}).status_code == 303
    assert staff.post("/admin/videos/new", VIDEO_FIELDS,
                      files={"file": ("clip.mp4", first_clip)}).status_code == 303
    ids = {"template": checker.query("SELECT id FROM templates")[0]["id"],
           "video": checker.query("SELECT id FROM videos")[0]["id"]}
    slot = {"document": (f"/admin/templates/{ids['template']}/edit", TEMPLATE_FIELDS, "file_ru", "divorce.docx"),
            "video": (f"/admin/videos/{ids['video']}/edit", VIDEO_FIELDS, "file", "clip.mp4")}
    make = {"document": contents.document, "video": contents.video}
    publish(staff, checker, {sha256(first_doc), sha256(first_clip)})
    successes = 3

    # How long each phase lasts here, so a kill's random delay falls inside its phase.
    durations = {}
    for kind in ("document", "video", "document", "video"):
        attempt = Attempt(staff, kind, slot, make[kind](), paced=False)
        attempt.start(store)
        seen = attempt.watch()
        assert attempt.response.status_code == 303
        successes += 1
        times = sorted(seen.items(), key=lambda kv: kv[1])
        for (ph, t0), (_next, t1) in zip(times, times[1:]):
            durations.setdefault((kind, ph), []).append(t1 - t0)
    duration = {k: max(v) for k, v in durations.items()}

    plan = [(kind, target) for kind, targets in TARGETS.items() for target in targets]
    plan = (plan * (KILLS // len(plan) + 1))[:KILLS]
    rng.shuffle(plan)
    phases, committed_kills, missed, orphans_found, orphans_cleaned, orphan_blobs = Counter(), 0, 0, 0, 0, 0
    versions = checker.intact()
    for round_no, (kind, target) in enumerate(plan, 1):
        # The kill: one upload (retried while the phase is missed because the upload was quicker).
        for _try in range(8):
            attempt = Attempt(staff, kind, slot, make[kind](), paced=target == "sending")
            if target == "sending":
                delay = rng.uniform(0, SEND_PAUSE_S * len(attempt.body) / (128 * 1024))
            elif target == "probing":  # within the first 60 % of ffprobe's run
                delay = rng.uniform(0, 0.6 * duration[(kind, "checking")])
            else:  # a phase of a few ms is cut where the watcher first sees it: that is random enough
                delay = max(0.0, rng.uniform(-0.005, duration.get((kind, target), 0)))
            target_phase = "checking" if target == "probing" else target
            attempt.start(store)
            first, hit = None, None
            while (ph := attempt.phase()) != "over":
                now = time.monotonic()
                if ORDER.index(ph) >= ORDER.index(target_phase):
                    probing = ph == "checking" and target == "probing" and any(
                        comm == "ffprobe" for _pid, comm in server.group())
                    if ph == target_phase and (probing or target != "probing"):
                        first = first or now
                    if ph != target_phase or (first and now - first >= delay):
                        server.power_cut()
                        hit = "probing" if probing else ph
                        break
                time.sleep(0.0002)
            attempt.thread.join(10)
            assert not attempt.thread.is_alive(), "the client hung after the power cut"
            if hit:
                break
            missed += 1
            assert attempt.response is not None and attempt.response.status_code == 303, attempt.error
            successes += 1
        else:
            server.power_cut()  # missed every time: cut the power with the server idle
            hit = "idle"
        phases[f"{kind[:3]}:{hit}"] += 1

        # Dead server: the disk is whole and consistent.
        versions = checker.after_kill(versions)
        shas = checker.slot_shas(ids)
        rows = checker.media_rows()
        committed = shas[kind] == attempt.sha
        committed_kills += committed
        if not committed:
            assert attempt.sha not in rows, "a media row without the draft that uses it"
            # Killed between the blob's rename and the commit: a whole file nobody uses.
            orphan_blobs += store.exists(attempt.sha)
        leftovers = {p.name: sha256(p.read_bytes()) for p in checker.leftovers()}
        orphans_found += len(leftovers)
        assert list(server_tmp.iterdir()) == [], "the server left files in its TMPDIR"

        # Power back: the server starts, the leftovers are gone and nothing half is served.
        server = Server(data_dir, server_tmp)
        staff.base = server.url
        staff.session.close()  # drop the dead keep-alive connections; the cookie and CSRF token stay valid
        assert checker.leftovers() == [], f"staging leftovers not cleaned at start: {checker.leftovers()}"
        orphans_cleaned += len(leftovers)
        for sha in {attempt.sha, *leftovers.values()}:
            whole = sha == attempt.sha and committed
            assert staff.get(f"/api/v1/media/{sha}").status_code == 404, "an unpublished upload is served"
            assert get_sha(staff, f"/admin/media/{sha}") == ((200, sha) if whole else (404, None))
        assert get_sha(staff, f"/admin/templates/{ids['template']}/file/ru") == (200, shas["document"])
        assert get_sha(staff, f"/admin/media/{shas['video']}") == (200, shas["video"])

        # The admin still works: an upload succeeds, and every few rounds it is published.
        other = "video" if kind == "document" else "document"
        fresh = upload_and_wait(staff, slot, other, make[other]())
        successes += 1
        assert checker.slot_shas(ids)[other] == fresh
        assert get_sha(staff, f"/admin/media/{fresh}") == (200, fresh)
        if round_no % PUBLISH_EVERY == 0 or round_no == KILLS:
            current = set(checker.slot_shas(ids).values())
            publish(staff, checker, current)
            for sha in current:
                assert get_sha(staff, f"/api/v1/media/{sha}") == (200, sha)
            versions = checker.versions()

    # One more upload and publish after the last restart, then a clean stop.
    latest = upload_and_wait(staff, slot, "document", contents.document())
    successes += 1
    publish(staff, checker, {latest})
    server.stop()
    versions = checker.intact()
    assert len(versions) >= KILLS // PUBLISH_EVERY + 2

    kills = sum(phases.values())
    elapsed = time.monotonic() - started
    by_phase = ", ".join(f"{p} {n}" for p, n in sorted(phases.items()))
    print(f"\n{kills} SIGKILLs of the server group mid-upload ({by_phase}; {missed} retried when the upload "
          f"was quicker); {committed_kills} killed uploads were committed whole, the others rolled back; "
          f"{successes} uploads succeeded, {len(versions)} versions published, {checker.checks} integrity checks ok; "
          f"orphan staging files found {orphans_found}, cleaned at start {orphans_cleaned}; whole unreferenced "
          f"blobs {orphan_blobs}; half files served 0; {elapsed:.0f} s")
    assert kills == KILLS
    hits = Counter()
    for p, n in phases.items():
        hits[p.split(":")[1]] += n
    for group in ("sending", ("staging", "checking"), "probing", "storing", "committing"):
        assert sum(hits[p] for p in ((group,) if isinstance(group, str) else group)) >= 2, (group, phases)


# --- the clean-up at start and its lock ---------------------------------------------------------

HOLDER = """
import sys, time
from admin_server.store import MediaStore
store = MediaStore(sys.argv[1])
with store.writing():
    (store.tmp / "upload-in-flight").write_bytes(b"half a file")
    print("writing", flush=True)
    time.sleep(60)
"""


def test_clean_temp_spares_an_upload_in_progress_and_removes_a_killed_ones(tmp_path):
    store = MediaStore(tmp_path / "media")
    store.ensure()
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(store.root)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "writing"
        assert store.clean_temp() == 0  # another process is writing: its file stays
        assert [p.name for p in store.tmp.iterdir()] == ["upload-in-flight"]
        assert store.put_stream(io.BytesIO(b"meanwhile"), max_size=100).size == 9  # writers share the lock
    finally:
        holder.kill()
        holder.wait()
    assert store.clean_temp() == 1  # killed: its lock went with it, the leftover goes now
    assert list(store.tmp.iterdir()) == []


def test_a_worker_killed_alone_is_cleaned_up_after_by_the_one_that_replaces_it(tmp_path):
    """A worker killed mid-probe (gunicorn's timeout, the OOM killer) while the master lives on."""
    data_dir, server_tmp = tmp_path / "data", tmp_path / "server-tmp"
    server_tmp.mkdir()
    assert run_cli(data_dir, "init") == 0
    add_staff(data_dir, "uploader", "admin")
    clip = make_video(tmp_path / "clip.mp4", seconds=8, size="640x360", noise=True,
                      extra=("-preset", "ultrafast", "-b:v", "4M")).read_bytes()
    server = Server(data_dir, server_tmp)
    try:
        staff = Staff.over_http(server.url, "uploader")
        assert staff.login().status_code == 303
        store = MediaStore(data_dir / "media")
        slot = {"video": ("/admin/videos/new", VIDEO_FIELDS, "file", "clip.mp4")}
        for n in range(10):
            attempt = Attempt(staff, "video", slot, clip + struct.pack(">I4s", 9, b"free") + bytes([n]), paced=False)
            attempt.start(store)
            probe = None
            while probe is None and attempt.phase() != "over":
                probe = next((pid for pid, comm in server.group() if comm == "ffprobe"), None)
            if probe is not None:
                worker = int(Path(f"/proc/{probe}/stat").read_text().rsplit(")", 1)[1].split()[1])  # its parent
                os.kill(worker, signal.SIGKILL)
                break
            attempt.thread.join()
        else:
            raise AssertionError("never caught ffprobe running")
        attempt.thread.join(10)
        assert attempt.response is None and attempt.error is not None  # its worker died
        deadline = time.monotonic() + 15
        while list(store.tmp.iterdir()):
            assert time.monotonic() < deadline, f"left behind: {list(store.tmp.iterdir())}"
            time.sleep(0.05)
        assert server.process.poll() is None  # the master lived on and replaced the worker
        staff.session.close()
        assert upload_and_wait(staff, slot, "video", clip) == sha256(clip)
    finally:
        server.power_cut()
