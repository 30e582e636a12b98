"""Recognise a file's type from its first bytes, never from its name.

Matroska and QuickTime are recognised only so that a refusal can name them:
kiosks are promised MP4 (H.264) and WebM (VP8/VP9) only (see PLAYABLE).
"""
import zipfile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PDF = "application/pdf"
MP4 = "video/mp4"
WEBM = "video/webm"
MATROSKA = "video/x-matroska"
QUICKTIME = "video/quicktime"
PNG = "image/png"
JPEG = "image/jpeg"

DOCUMENT_TYPES = frozenset({DOCX, ODT, PDF})
VIDEO_TYPES = frozenset({MP4, WEBM})
EXTENSIONS = {DOCX: "docx", ODT: "odt", PDF: "pdf", MP4: "mp4", WEBM: "webm", PNG: "png", JPEG: "jpg"}
# The codecs (ffprobe's codec_name) each video container may carry, by stream kind: what the kiosk is
# promised to play. A stream of another kind (subtitles, timecode data) is not shown and not checked.
PLAYABLE = {
    MP4: {"video": frozenset({"h264"}), "audio": frozenset({"aac", "mp3"})},
    WEBM: {"video": frozenset({"vp8", "vp9"}), "audio": frozenset({"vorbis", "opus"})},
}
EBML_MAGIC = b"\x1a\x45\xdf\xa3"
EBML_DOCTYPE = 0x4282
ZIP_MEMBER_PEEK = 256  # the "mimetype" member of an ODT is 39 bytes; never read more of it


def sniff(path) -> str | None:
    """The MIME type of the file at `path`, or None when it is none we accept."""
    with open(path, "rb") as f:
        head = f.read(4096)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(EBML_MAGIC):
        return {b"webm": WEBM, b"matroska": MATROSKA}.get(ebml_doctype(head))
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return QUICKTIME if head[8:12] == b"qt  " else MP4
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    return None


def _sniff_zip(path) -> str | None:
    # A DOCX/ODT is a zip with a known member; anything else zipped is refused.
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "mimetype" in names and _peek(z, "mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None


def _peek(z: zipfile.ZipFile, name: str) -> bytes:
    # A bounded read: a member's declared size can lie, and inflating it whole could fill memory.
    with z.open(name) as member:
        return member.read(ZIP_MEMBER_PEEK)


def _vint(data: bytes, at: int, keep_marker: bool) -> tuple[int, int]:
    """An EBML variable-length integer at `at`: (value, position after it)."""
    first = data[at]
    length = 8 - first.bit_length() + 1
    if not 1 <= length <= 8 or at + length > len(data):
        raise ValueError("bad EBML number")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[at + 1: at + length]:
        value = value << 8 | byte
    return value, at + length


def ebml_doctype(head: bytes) -> bytes | None:
    """The DocType ("webm" or "matroska") of the EBML header at the start of `head`, if it is readable."""
    try:
        size, at = _vint(head, len(EBML_MAGIC), keep_marker=False)
        end = min(at + size, len(head))
        while at < end:
            element, at = _vint(head, at, keep_marker=True)
            length, at = _vint(head, at, keep_marker=False)
            if element == EBML_DOCTYPE:
                return head[at: at + length].rstrip(b"\0")
            at += length
    except (ValueError, IndexError):
        return None
    return None
