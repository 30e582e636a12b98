"""Checking uploaded files before anything is stored.

An upload is first copied (streamed, with the size limit) to a private
staging file in the media store's temp folder; there its type is read from
its content, documents are checked for polyglots and, being zip archives,
for bombs (from the archive's directory, reading members only within
bounds), and videos are probed with ffprobe for the codecs kiosks play. Only
a file that passes goes into the content store. The name the browser sent is
kept as a download name only, never used as a path.
"""
import contextlib
import json
import os
import re
import subprocess
import tempfile
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from flask import Request, current_app
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.formparser import FormDataParser

from court_contract.text import without_bad_characters

from ..content import get_settings, register_media
from ..filetypes import (DOCUMENT_TYPES, EXTENSIONS, JPEG, MATROSKA, PDF, PLAYABLE, PNG, QUICKTIME, VIDEO_TYPES,
                         sniff)
from ..store import CHUNK, MediaStore

IMAGE_TYPES = frozenset({PNG, JPEG})  # floor plans
KINDS = {"document": DOCUMENT_TYPES, "video": VIDEO_TYPES, "image": IMAGE_TYPES}
LIMIT_SETTING = {"document": "max_document_mb", "video": "max_video_mb", "image": "max_document_mb"}
MAX_IMAGE_SIDE = 8000  # pixels; a kiosk decodes the whole picture
# Markup a browser could render if it ever sniffed the file instead of trusting its type.
MARKUP = (b"<html", b"<script", b"<!doctype html", b"<body", b"<iframe", b"<svg", b"<object", b"<embed")
MAX_NAME = 120
PROBE_TIMEOUT_S = 60
# What is left of a name whose %-escaped bytes (filename*=UTF-8''...) were not UTF-8: werkzeug's "replace".
UNDECODABLE = re.compile("\ufffd")
# Zip bombs, judged from the archive's central directory before anything is inflated. Real DOCX/ODT
# files hold tens of parts; their XML compresses 5-20 times and their pictures hardly at all.
MAX_ZIP_ENTRIES = 2000
UNPACKED_FACTOR = 5        # everything unpacked may be at most this many times the upload limit
MAX_RATIO = 100            # ... and no sizeable part compressed more than this many times
RATIO_FROM = 1024 * 1024   # (tiny parts may compress very well: a run of spaces)
CONTAINER_NAMES = {MATROSKA: "Matroska (MKV)", QUICKTIME: "QuickTime (MOV)"}


class UploadRefused(Exception):
    """str() is the sentence shown to the person; nothing has been stored."""


def unreadable_name() -> str:
    return _("The file name cannot be read: its letters are not in the UTF-8 encoding. "
             "Rename the file with ordinary letters (e.g. divorce-kk.docx) and upload it again.")


class NamesFormParser(FormDataParser):
    """Werkzeug drops a whole multipart form, silently, when a part's header (in practice a file name sent
    by a script or an old tool in a local code page) is not UTF-8; the page would then blame a missing
    CSRF token. Say what is wrong instead."""

    def _parse_multipart(self, *args, **kwargs):
        try:
            return super()._parse_multipart(*args, **kwargs)
        except UnicodeDecodeError:
            raise BadRequest(unreadable_name()) from None


class UploadRequest(Request):
    form_data_parser_class = NamesFormParser


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
    if UNDECODABLE.search(name or ""):
        raise UploadRefused(unreadable_name())
    # A name loses the characters no text may hold (court_contract.text.bad_characters) rather than being
    # refused: C0/C1 controls, DEL, line breaks, and the bidi controls and marks that can make
    # "invoice\u202Efdp.exe" read as "invoiceexe.pdf".
    name = without_bad_characters(unicodedata.normalize("NFC", name or "")).strip()
    if not name:
        raise UploadRefused(_("The file has no name. Choose the file again."))
    if "/" in name or "\\" in name or name.startswith("."):
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
                raise too_large(max_size)
            out.write(chunk)
    if size == 0:
        raise UploadRefused(_("The file is empty; nothing was stored."))
    mime = sniff(path)
    if kind == "document":
        check_document(path, mime, max_size)
    elif kind == "image":
        check_image(path, mime)
    else:
        check_video_type(path, mime)
    staged = Staged(path, mime, with_extension(name, mime), size)
    if kind == "video":
        staged.duration_s = probe_video(path, mime)
    return staged


def too_large(max_size: int) -> UploadRefused:
    return UploadRefused(_("The file is larger than the limit of %(mb)s MB; nothing was stored.", mb=_mb(max_size)))


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


def check_document(path: Path, mime: str | None, max_size: int) -> None:
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
            check_zip_bounds(z.infolist(), max_size)
            read_back(z, path)
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error, NotImplementedError):
        raise UploadRefused(_("The document is damaged. Save it again and upload it.")) from None


def check_zip_bounds(members: list[zipfile.ZipInfo], max_size: int) -> None:
    """Refuse a zip bomb from the central directory alone, before anything is inflated."""
    if len(members) > MAX_ZIP_ENTRIES:
        raise UploadRefused(_("The document holds %(n)d parts, far more than a real document (at most %(max)d); "
                              "it is refused and nothing was stored.", n=len(members), max=MAX_ZIP_ENTRIES))
    unpacked = sum(m.file_size for m in members)
    if unpacked > UNPACKED_FACTOR * max_size:
        raise UploadRefused(_("The document would unpack to %(mb)s MB, far beyond the limit of %(limit)s MB "
                              "for a file: it looks like a “zip bomb”. It is refused and nothing was stored.",
                              mb=_mb(unpacked), limit=_mb(max_size)))
    for m in members:
        if m.file_size > RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise UploadRefused(_("A part of the document is compressed %(ratio)d times, far more than real "
                                  "documents are: it looks like a “zip bomb”. It is refused and nothing was "
                                  "stored.", ratio=m.file_size // max(m.compress_size, 1)))


def read_back(z: zipfile.ZipFile, path: Path) -> None:
    """Inflate every part, each only up to its declared size, and refuse a part whose data says otherwise.

    zipfile itself would stop a part at its declared size and find the CRC of those bytes right; a phone's
    reader that inflates the stream to its end would still meet the bomb. So the deflate stream must end
    exactly at the declared size, with the declared CRC.
    """
    with open(path, "rb") as f:
        for info in z.infolist():
            if info.compress_type == zipfile.ZIP_STORED:
                with z.open(info) as member:
                    while member.read(CHUNK):
                        pass
            elif info.compress_type == zipfile.ZIP_DEFLATED:
                _inflate_exactly(f, info)
            else:  # Word and LibreOffice write only these two
                raise zipfile.BadZipFile(f"compression method {info.compress_type}")


def _inflate_exactly(f, info: zipfile.ZipInfo) -> None:
    f.seek(info.header_offset)
    local = f.read(30)
    if local[:4] != b"PK\x03\x04":
        raise zipfile.BadZipFile("no local header")
    f.seek(info.header_offset + 30 + int.from_bytes(local[26:28], "little") + int.from_bytes(local[28:30], "little"))
    inflate, left, out, crc = zlib.decompressobj(-zlib.MAX_WBITS), info.compress_size, 0, 0
    while left > 0 and not inflate.eof:
        data = f.read(min(CHUNK, left))
        if not data:
            raise zipfile.BadZipFile("the archive ends inside a part")
        left -= len(data)
        while data and not inflate.eof:
            piece = inflate.decompress(data, info.file_size - out + 1)  # one byte more shows a lie
            out += len(piece)
            if out > info.file_size:
                raise zipfile.BadZipFile("a part is longer than the archive says")
            crc = zlib.crc32(piece, crc)
            data = inflate.unconsumed_tail
    if not inflate.eof or out != info.file_size or crc != info.CRC:
        raise zipfile.BadZipFile("a part does not read back as the archive says")


def check_image(path: Path, mime: str | None) -> None:
    """A PNG or JPEG picture that decodes, of a size a kiosk can show."""
    if mime not in IMAGE_TYPES:
        raise UploadRefused(_("This file is not a PNG or JPEG picture (its content says so, whatever its name)."))
    _no_polyglot(path, mime)
    from PIL import Image, UnidentifiedImageError  # only the server's image uploads need Pillow

    try:
        with Image.open(path) as image:
            width, height = image.size
            if max(width, height) > MAX_IMAGE_SIDE:
                raise UploadRefused(_("The picture is %(w)d × %(h)d pixels; at most %(max)d on each side, please.",
                                      w=width, h=height, max=MAX_IMAGE_SIDE))
            image.load()  # decodes every pixel: a cut-off file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise UploadRefused(_("The picture is damaged or cut off. Save it again as PNG or JPEG and upload it.")) \
            from None


def check_video_type(path: Path, mime: str | None) -> None:
    if mime in CONTAINER_NAMES:
        raise UploadRefused(_("This video is a %(container)s file, whatever its name; kiosks play only MP4 "
                              "(H.264) and WebM (VP8 or VP9) videos. Export it again as MP4 (H.264) and upload "
                              "that.", container=CONTAINER_NAMES[mime]))
    if mime not in VIDEO_TYPES:
        raise UploadRefused(_("This file is not an MP4 or WebM video (its content says so, whatever its name)."))
    _no_polyglot(path, mime)


def probe_video(path: Path, mime: str) -> float:
    """Duration in seconds of a playable video; every packet is read, so a cut-off file fails."""
    cmd = [current_app.config["FFPROBE"], "-v", "error", "-count_packets", "-show_entries",
           "format=duration:stream=codec_type,codec_name,nb_read_packets", "-of", "json", str(path)]
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
    check_codecs(info.get("streams", []), mime)
    if not duration > 0:
        raise unplayable
    return round(duration, 2)


def check_codecs(streams: list[dict], mime: str) -> None:
    """Refuse a picture or sound coded in a way the kiosk is not promised to play in this container."""
    container = EXTENSIONS[mime].upper()
    for stream in streams:
        allowed = PLAYABLE[mime].get(stream.get("codec_type"))
        codec = stream.get("codec_name") or "?"
        if allowed is None or codec in allowed:
            continue
        if stream["codec_type"] == "video":
            raise UploadRefused(_("The picture in this %(container)s file is coded as %(codec)s; kiosks play only "
                                  "MP4 with H.264 and WebM with VP8 or VP9. Export it again as MP4 (H.264) and "
                                  "upload that.", container=container, codec=codec))
        raise UploadRefused(_("The sound in this %(container)s file is coded as %(codec)s; in %(container)s "
                              "kiosks play only %(codecs)s. Export it again as MP4 (H.264 with AAC sound) and "
                              "upload that.", container=container, codec=codec,
                              codecs=", ".join(sorted(allowed))))


def store_staged(db, store: MediaStore, staged: Staged) -> str:
    """Move a checked file into the content store and register it; returns its sha256."""
    stored = store.put_file(staged.path, max_size=staged.size)
    register_media(db, stored, staged.mime, staged.name)
    return stored.sha256
