"""Recognise a file's type from its first bytes, never from its name."""
import zipfile

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PDF = "application/pdf"
MP4 = "video/mp4"
WEBM = "video/webm"
PNG = "image/png"
JPEG = "image/jpeg"

DOCUMENT_TYPES = frozenset({DOCX, ODT, PDF})
VIDEO_TYPES = frozenset({MP4, WEBM})
EXTENSIONS = {DOCX: "docx", ODT: "odt", PDF: "pdf", MP4: "mp4", WEBM: "webm", PNG: "png", JPEG: "jpg"}


def sniff(path) -> str | None:
    """The MIME type of the file at `path`, or None when it is none we accept."""
    with open(path, "rb") as f:
        head = f.read(64)
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x1a\x45\xdf\xa3"):
        return WEBM
    if len(head) >= 12 and head[4:8] == b"ftyp":
        return MP4
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(path)
    return None


def _sniff_zip(path) -> str | None:
    # A DOCX/ODT is a zip with a known member; anything else zipped is refused.
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
            if "mimetype" in names and z.read("mimetype").strip() == ODT.encode():
                return ODT
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return DOCX
    except (zipfile.BadZipFile, OSError, KeyError):
        return None
    return None
