"""A court's first week of uploads: zip bombs, videos in the wrong container or codec, unreadable and
invisible characters in file names. Every refusal is a sentence and leaves nothing stored."""
import io
import shutil
import subprocess
import time
import zipfile
import zlib

import pytest

from admin_server.filetypes import MP4, WEBM
from tests.support.admin import (PDF_BYTES, add_category, admin, app, count, data_dir, db_for,  # noqa: F401
                                      docx_bytes, staging_leftovers, stored_blobs)
from tests.support.admin import TEMPLATE_FIELDS, media_rows, upload_template


@pytest.fixture
def editor(admin):
    add_category(admin)
    return admin


def assert_nothing_stored(data_dir, blobs):
    assert stored_blobs(data_dir) == blobs
    assert count(data_dir, "template_files") == 0 and count(data_dir, "videos") == 0
    assert staging_leftovers(data_dir) == []


# --- compressed-document bombs ------------------------------------------------------

def docx_with(extra: dict | None = None, big: tuple[str, int] | None = None) -> bytes:
    """A real DOCX, plus members; `big` = (name, size) adds a member of that many zeros, streamed in."""
    good = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name in good.namelist():
            z.writestr(name, good.read(name))
        for name, data in (extra or {}).items():
            z.writestr(name, data)
        if big:
            name, size = big
            with z.open(name, "w", force_zip64=True) as member:
                block = b"\0" * (1 << 20)
                for _ in range(size >> 20):
                    member.write(block)
    return buf.getvalue()


def lying_docx(real_size: int) -> bytes:
    """A DOCX whose extra member declares 1 KB unpacked but inflates to `real_size` bytes."""
    data = docx_with({"word/media/pad.bin": b"\0" * 1024})
    packed = zlib.compressobj(9, zlib.DEFLATED, -15)
    stream = b"".join(packed.compress(b"\0" * (1 << 20)) for _ in range(real_size >> 20)) + packed.flush()
    z = zipfile.ZipFile(io.BytesIO(data))
    info = z.getinfo("word/media/pad.bin")
    old_len = info.compress_size
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    body = data[:start] + stream + data[start + old_len:]
    # Point the later local headers and the central directory at their new places; keep the declared sizes.
    shift = len(stream) - old_len
    cd = body.rfind(b"PK\x05\x06")
    cd_offset = int.from_bytes(body[cd + 16: cd + 20], "little")
    body = body[:cd + 16] + (cd_offset + shift).to_bytes(4, "little") + body[cd + 20:]
    at = cd_offset + shift
    while body[at: at + 4] == b"PK\x01\x02":
        offset = int.from_bytes(body[at + 42: at + 46], "little")
        name_len, extra_len, comment_len = (int.from_bytes(body[at + i: at + i + 2], "little") for i in (28, 30, 32))
        name = body[at + 46: at + 46 + name_len].decode()
        if name == "word/media/pad.bin":
            body = body[:at + 20] + len(stream).to_bytes(4, "little") + body[at + 24:]
        elif offset > info.header_offset:
            body = body[:at + 42] + (offset + shift).to_bytes(4, "little") + body[at + 46:]
        at += 46 + name_len + extra_len + comment_len
    local = info.header_offset
    return body[:local + 18] + len(stream).to_bytes(4, "little") + body[local + 22:]


def test_a_docx_that_unpacks_to_hundreds_of_mb_is_refused(editor, data_dir):
    bomb = docx_with(big=("word/media/image1.bin", 300 << 20))
    assert len(bomb) < 2 << 20  # small on the wire, far under the 20 MB limit
    blobs = stored_blobs(data_dir)
    started = time.monotonic()
    r = upload_template(editor, {"file_ru": (bomb, "claim.docx")})
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert "would unpack to 300.8 MB, far beyond the limit of 20 MB" in page and "zip bomb" in page
    assert time.monotonic() - started < 5  # judged from the directory, not by inflating 300 MB
    assert_nothing_stored(data_dir, blobs)


def test_a_part_compressed_a_thousand_times_is_refused_under_the_total(editor, data_dir):
    # 40 MB in all is under 5 x 20 MB, but no real document part compresses 1000 times.
    bomb = docx_with(big=("word/document2.xml", 40 << 20))
    r = upload_template(editor, {"file_ru": (bomb, "claim.docx")})
    assert r.status_code == 422
    assert "A part of the document is compressed" in r.get_data(as_text=True)
    assert count(data_dir, "template_files") == 0


def test_a_docx_with_thousands_of_parts_is_refused(editor, data_dir):
    bomb = docx_with({f"customXml/extra{i}.xml": "" for i in range(2500)})
    r = upload_template(editor, {"file_ru": (bomb, "claim.docx")})
    assert r.status_code == 422
    assert "holds 2" in r.get_data(as_text=True) and "far more than a real document" in r.get_data(as_text=True)
    assert count(data_dir, "template_files") == 0


def test_a_part_that_lies_about_its_size_is_read_only_as_far_as_declared(editor, data_dir):
    bomb = lying_docx(64 << 20)
    info = zipfile.ZipFile(io.BytesIO(bomb)).getinfo("word/media/pad.bin")
    assert info.file_size == 1024  # the directory says 1 KB; the data says 64 MB
    blobs = stored_blobs(data_dir)
    r = upload_template(editor, {"file_ru": (bomb, "claim.docx")})
    assert r.status_code == 422 and "The document is damaged" in r.get_data(as_text=True)
    assert_nothing_stored(data_dir, blobs)


def test_an_odt_mimetype_member_is_peeked_not_inflated(editor, data_dir):
    from tests.support.admin import odt_bytes

    good = zipfile.ZipFile(io.BytesIO(odt_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        with z.open("mimetype", "w", force_zip64=True) as member:
            member.write(good.read("mimetype"))
            for _ in range(200):
                member.write(b" " * (1 << 20))
        for name in good.namelist()[1:]:
            z.writestr(name, good.read(name))
    r = upload_template(editor, {"file_ru": (buf.getvalue(), "claim.odt")})
    assert r.status_code == 422 and "zip bomb" in r.get_data(as_text=True)


def test_an_ordinary_docx_still_passes(editor, data_dir):
    assert upload_template(editor, {"file_ru": (docx_bytes(), "claim.docx")}).status_code == 303


# --- videos: the containers and codecs kiosks play ------------------------------------

SOUND = ("-f", "lavfi", "-i", "sine=duration=1")


def ffmpeg_clip(path, *args, sound=False) -> bytes:
    ffmpeg = shutil.which("ffmpeg")
    assert ffmpeg, "ffmpeg is needed for the video tests (scripts/install-system-deps.sh installs it)"
    subprocess.run([ffmpeg, "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=25",
                    *(SOUND if sound else ()), "-t", "1", "-pix_fmt", "yuv420p", *args, str(path)],
                   check=True, timeout=120)
    return path.read_bytes()


def upload_video(staff, content, name):
    return staff.upload("/admin/videos/new", {"title.ru": "Клип", "enabled": "1"}, {"file": (content, name)})


@pytest.mark.parametrize("make, name, says", [
    ("clip.mkv|-c:v|libx264", "clip.mp4", "This video is a Matroska (MKV) file"),
    ("clip.mkv|-c:v|libvpx|-b:v|200k", "clip.webm", "This video is a Matroska (MKV) file"),
    ("clip.mov|-c:v|libx264", "clip.mp4", "This video is a QuickTime (MOV) file"),
    ("clip.mp4|-c:v|mpeg4", "clip.mp4", "The picture in this MP4 file is coded as mpeg4"),
    ("clip.webm|-c:v|libvpx|-b:v|200k|-c:a|libvorbis", "clip.webm", None),
    ("clip.mp4|-c:v|libx264|-c:a|aac", "clip.mp4", None),
    ("clip.mp4|-c:v|libx264|-c:a|ac3", "clip.mp4", "The sound in this MP4 file is coded as ac3"),
], ids=["mkv named mp4", "mkv with vp8 named webm", "mov named mp4", "mpeg-4 part 2 in mp4", "webm with vorbis",
        "mp4 with aac", "mp4 with ac3 sound"])
def test_videos_kiosks_are_not_promised_to_play_are_refused(editor, data_dir, tmp_path, make, name, says):
    target, *args = make.split("|")
    content = ffmpeg_clip(tmp_path / target, *args, sound="-c:a" in args)
    blobs = stored_blobs(data_dir)
    r = upload_video(editor, content, name)
    if says is None:
        assert r.status_code == 303, r.get_data(as_text=True)
        return
    assert r.status_code == 422
    page = r.get_data(as_text=True)
    assert says in page and "MP4 (H.264" in page
    assert_nothing_stored(data_dir, blobs)


def test_mp3_sound_in_webm_is_refused(editor, data_dir, tmp_path):
    # ffmpeg will not write MP3 into WebM; Matroska with the webm doctype is what a careless tool makes.
    content = ffmpeg_clip(tmp_path / "clip.mkv", "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libmp3lame",
                          sound=True)
    content = content.replace(b"\x42\x82\x88matroska", b"\x42\x82\x84webm\xec\x82\x00\x00", 1)  # Void pads it
    r = upload_video(editor, content, "clip.webm")
    assert r.status_code == 422
    assert "The sound in this WEBM file is coded as mp3" in r.get_data(as_text=True)
    assert count(data_dir, "videos") == 0


def test_a_webm_named_mp4_is_stored_as_webm(editor, data_dir, tmp_path):
    content = ffmpeg_clip(tmp_path / "clip.webm", "-c:v", "libvpx-vp9", "-b:v", "200k")
    assert upload_video(editor, content, "clip.mp4").status_code == 303
    video = next(db_for(data_dir)["videos"].rows)
    assert (media_rows(data_dir)[video["sha256"]]["type"], video["name"]) == (WEBM, "clip.webm")


def test_an_h264_mp4_is_stored_as_mp4(editor, data_dir, tmp_path):
    content = ffmpeg_clip(tmp_path / "clip.mp4", "-c:v", "libx264")
    assert upload_video(editor, content, "Клип.MP4").status_code == 303
    video = next(db_for(data_dir)["videos"].rows)
    assert media_rows(data_dir)[video["sha256"]]["type"] == MP4 and video["name"] == "Клип.mp4"


# --- file names ---------------------------------------------------------------------

def raw_multipart(token: str, filename: bytes, content: bytes, fields: dict) -> tuple[bytes, str]:
    parts = [b"--XyZ\r\nContent-Disposition: form-data; name=\"%s\"\r\n\r\n%s\r\n" % (k.encode(), v.encode())
             for k, v in (fields | {"csrf_token": token}).items()]
    parts.append(b"--XyZ\r\nContent-Disposition: form-data; name=\"file_ru\"; filename=\"" + filename +
                 b"\"\r\nContent-Type: application/pdf\r\n\r\n" + content + b"\r\n")
    return b"".join(parts) + b"--XyZ--\r\n", "multipart/form-data; boundary=XyZ"


@pytest.mark.parametrize("filename", ["Иск".encode("cp1251") + b".pdf", b"claim\xff\xfe.pdf"],
                         ids=["cp1251", "stray bytes"])
def test_a_file_name_that_is_not_utf8_gets_a_sentence_about_the_name(editor, data_dir, filename):
    body, content_type = raw_multipart(editor.token, filename, PDF_BYTES, TEMPLATE_FIELDS)
    blobs = stored_blobs(data_dir)
    r = editor.client.post("/admin/templates/new", data=body, content_type=content_type)
    page = r.get_data(as_text=True)
    assert r.status_code in (400, 422)
    assert "The file name cannot be read" in page and "has expired" not in page
    assert_nothing_stored(data_dir, blobs)


def test_a_percent_escaped_name_that_is_not_utf8_gets_the_same_sentence(editor, data_dir):
    body, content_type = raw_multipart(editor.token, b"x.pdf\"; filename*=UTF-8''%C8%F1%EA.pdf; x=\"",
                                       PDF_BYTES, TEMPLATE_FIELDS)
    r = editor.client.post("/admin/templates/new", data=body, content_type=content_type)
    assert r.status_code == 422 and "The file name cannot be read" in r.get_data(as_text=True)
    assert count(data_dir, "template_files") == 0


@pytest.mark.parametrize("sent, kept", [
    ("divorce\u202egpj.exe.pdf", "divorcegpj.exe.pdf"),          # right-to-left override
    ("\u2066Иск\u2069 о разводе.pdf", "Иск о разводе.pdf"),       # isolates
    ("claim\x00\x01\x1f\x7f.pdf", "claim.pdf"),                     # NUL and C0 controls
    ("\u202a\u202b\u202c\u202d\u2067\u2068claim.pdf", "claim.pdf"),
])
def test_invisible_controls_are_stripped_from_file_names(editor, data_dir, sent, kept):
    r = upload_template(editor, {"file_ru": (PDF_BYTES, sent)})
    assert r.status_code == 303, r.get_data(as_text=True)
    assert next(db_for(data_dir)["template_files"].rows)["name"] == kept


def test_a_name_of_only_controls_has_no_name(editor, data_dir):
    r = upload_template(editor, {"file_ru": (PDF_BYTES, "\u202e\x00")})
    # the browser part keeps the field; the name left after stripping is empty
    assert r.status_code == 422 and "The file has no name" in r.get_data(as_text=True)
