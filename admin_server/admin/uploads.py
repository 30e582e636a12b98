"""Checking uploaded files before anything is stored.

An upload is first copied (streamed, with the size limit) to a private
staging file in the media store's temp folder; there its type is read from
its content, documents are checked for polyglots and videos are probed with
ffprobe. Only a file that passes goes into the content store. The name the
browser sent is kept as a download name only, never used as a path.
"""
import contextlib
import json
import os
import re
import subprocess
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _

from ..content import get_settings, register_media
from ..filetypes import DOCUMENT_TYPES, EXTENSIONS, PDF, VIDEO_TYPES, sniff
from ..store import CHUNK, MediaStore

KINDS = {"document": DOCUMENT_TYPES, "video": VIDEO_TYPES}
LIMIT_SETTING = {"document": "max_document_mb", "video": "max_video_mb"}
# Markup a browser could render if it ever sniffed the file instead of trusting its type.
MARKUP = (b"<html", b"<script", b"<!doctype html", b"<body", b"<iframe", b"<svg", b"<object", b"<embed")
MAX_NAME = 120
PROBE_TIMEOUT_S = 60


class UploadRefused(Exception):
    """str() is the sentence shown to the person; nothing has been stored."""


@dataclass
class Staged:
    path: Path
    mime: str
    name: str
    size: int
    duration_s: float | None = None


def limit_bytes(settings: dict, kind: str) -> int:
    return int(float(settings[LIMIT_SETTING[kind]]) * 1024 * 1024)


def request_limit(db, kinds) -> int:
    """The largest body a request carrying files of these kinds may have (parts + form overhead)."""
    settings = get_settings(db)
    return sum(limit_bytes(settings, k) for k in kinds) + 1024 * 1024


def clean_name(name: str) -> str:
    """The browser's file name as a download name; refuse one that tries to be a path."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise UploadRefused(_("The file has no name. Choose the file again."))
    if "/" in name or "\\" in name or name.startswith(".") or any(ord(c) < 32 or c == "\x7f" for c in name):
        raise UploadRefused(_("The file name “%(name)s” looks like a folder path, not a file name. "
                              "Rename the file (e.g. divorce-kk.docx) and upload it again.", name=name[:80]))
    name = re.sub(r"[\"<>:|?*;]", "_", name)
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    return (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if len(name) > MAX_NAME else name


def with_extension(name: str, mime: str) -> str:
    """Make the download name end with the extension of its real type."""
    ext = EXTENSIONS[mime]
    stem, dot, old = name.rpartition(".")
    if dot and old.lower() in EXTENSIONS.values():
        name = stem
    return f"{name}.{ext}"


@contextlib.contextmanager
def staging_file(store: MediaStore):
    """A private file in the store's temp folder, for the whole request (`clean_temp` spares it)."""
    with store.writing():
        fd, name = tempfile.mkstemp(dir=store.tmp, prefix="stage-")
        os.close(fd)
        try:
            yield Path(name)
        finally:
            Path(name).unlink(missing_ok=True)


def stage(file_storage, kind: str, path: Path, max_size: int) -> Staged:
    """Copy the upload to `path` and check it; raise UploadRefused with the reason."""
    name = clean_name(file_storage.filename)
    size = 0
    with open(path, "wb") as out:
        while chunk := file_storage.stream.read(CHUNK):
            size += len(chunk)
            if size > max_size:
                raise UploadRefused(_("The file is larger than the limit of %(mb)s MB; nothing was stored.",
                                      mb=_mb(max_size)))
            out.write(chunk)
    if size == 0:
        raise UploadRefused(_("The file is empty; nothing was stored."))
    mime = sniff(path)
    if kind == "document":
        check_document(path, mime)
    else:
        check_video_type(path, mime)
    staged = Staged(path, mime, with_extension(name, mime), size)
    if kind == "video":
        staged.duration_s = probe_video(path)
    return staged


def _mb(n: int) -> str:
    value = n / 1048576
    return str(int(value)) if value.is_integer() else f"{value:.1f}"


def _head(path: Path, n: int = 1024) -> bytes:
    with open(path, "rb") as f:
        return f.read(n).lower()


def _no_polyglot(path: Path, mime: str) -> None:
    head = _head(path)
    if any(m in head for m in MARKUP):
        raise UploadRefused(_("The file contains web page code (HTML) as well as a document or video; "
                              "such files are refused. Save it again from your editor and upload that."))
    if mime != PDF and b"%pdf-" in head:
        raise UploadRefused(_("The file is at the same time a PDF and another type; such files are refused. "
                              "Save it again from your editor and upload that."))
    if mime in (PDF, *VIDEO_TYPES) and zipfile.is_zipfile(path):
        raise UploadRefused(_("The file is at the same time an archive and a %(type)s; such files are refused.",
                              type=EXTENSIONS[mime].upper()))


def check_document(path: Path, mime: str | None) -> None:
    if mime not in DOCUMENT_TYPES:
        raise UploadRefused(_("This file is not a PDF, DOCX or ODT document (its content says so, whatever its "
                              "name). Save it as one of these and upload it again."))
    _no_polyglot(path, mime)
    if mime == PDF:
        with open(path, "rb") as f:
            f.seek(max(0, path.stat().st_size - 2048))
            if b"%%EOF" not in f.read():
                raise UploadRefused(_("The PDF is incomplete (it has no end marker). Save it again and upload it."))
        return
    try:
        with zipfile.ZipFile(path) as z:
            if any(n.startswith(("/", "\\")) or ".." in n.split("/") for n in z.namelist()):
                raise UploadRefused(_("The document contains files with paths outside it; it is refused."))
            if z.testzip() is not None:
                raise UploadRefused(_("The document is damaged (a part of it does not read back). "
                                      "Save it again and upload it."))
    except (zipfile.BadZipFile, OSError, EOFError):
        raise UploadRefused(_("The document is damaged. Save it again and upload it.")) from None


def check_video_type(path: Path, mime: str | None) -> None:
    if mime not in VIDEO_TYPES:
        raise UploadRefused(_("This file is not an MP4 or WebM video (its content says so, whatever its name)."))
    _no_polyglot(path, mime)


def probe_video(path: Path) -> float:
    """Duration in seconds of a playable video; every packet is read, so a cut-off file fails."""
    cmd = [current_app.config["FFPROBE"], "-v", "error", "-count_packets", "-show_entries",
           "format=duration:stream=codec_type,nb_read_packets", "-of", "json", str(path)]
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=PROBE_TIMEOUT_S, check=False)
    except FileNotFoundError:
        current_app.logger.error("ffprobe not found (%s)", cmd[0])
        raise UploadRefused(_("The server cannot check videos: ffprobe is not installed. "
                              "Ask the administrator to install ffmpeg.")) from None
    except subprocess.TimeoutExpired:
        raise UploadRefused(_("Checking the video took too long; it was not stored.")) from None
    unplayable = UploadRefused(_("The video cannot be played: it is damaged or cut off. "
                                 "Export it again as MP4 (H.264) or WebM and upload it."))
    if done.returncode != 0 or done.stderr.strip():
        raise unplayable
    try:
        info = json.loads(done.stdout)
        duration = float(info["format"]["duration"])
    except (ValueError, KeyError, TypeError):
        raise unplayable from None
    video = [s for s in info.get("streams", []) if s.get("codec_type") == "video"]
    if not video or not int(video[0].get("nb_read_packets") or 0):
        raise UploadRefused(_("The file has no picture (no video stream); upload a video."))
    if not duration > 0:
        raise unplayable
    return round(duration, 2)


def store_staged(db, store: MediaStore, staged: Staged) -> str:
    """Move a checked file into the content store and register it; returns its sha256."""
    stored = store.put_file(staged.path, max_size=staged.size)
    register_media(db, stored, staged.mime, staged.name)
    return stored.sha256
