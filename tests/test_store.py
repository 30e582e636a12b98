"""The content-addressed media store: atomic, hashed, never half-written."""
import hashlib
import io

import pytest

from admin_server.errors import StoreError
from admin_server.filetypes import DOCX, MP4, ODT, PDF, sniff
from admin_server.store import MediaStore


@pytest.fixture
def store(tmp_path):
    s = MediaStore(tmp_path / "media")
    s.ensure()
    return s


def blobs(store):
    return sorted(p.name for p in store.root.iterdir() if p.is_file())


def test_put_names_the_file_by_its_sha256(store):
    data = b"%PDF-1.4 hello court"
    stored = store.put_stream(io.BytesIO(data), max_size=1000)
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.size == len(data)
    assert store.path(stored.sha256).read_bytes() == data
    assert store.verify(stored.sha256)
    assert list(store.tmp.iterdir()) == []


def test_same_content_twice_is_stored_once(store):
    a = store.put_stream(io.BytesIO(b"same"), max_size=100)
    b = store.put_stream(io.BytesIO(b"same"), max_size=100)
    assert a.sha256 == b.sha256
    assert blobs(store) == [a.sha256]


@pytest.mark.parametrize(
    "data, kwargs, message",
    [
        (b"x" * 2000, {"max_size": 1000}, "larger than the limit"),
        (b"", {"max_size": 1000}, "empty"),
        (b"x" * 500, {"max_size": 1000, "expected_size": 800}, "cut off"),
    ],
    ids=["oversize", "empty", "truncated"],
)
def test_bad_uploads_store_nothing(store, data, kwargs, message):
    with pytest.raises(StoreError, match=message):
        store.put_stream(io.BytesIO(data), **kwargs)
    assert blobs(store) == []
    assert list(store.tmp.iterdir()) == []


def test_a_stream_that_fails_midway_leaves_no_file(store):
    class Broken(io.RawIOBase):
        calls = 0

        def read(self, n=-1):
            self.calls += 1
            if self.calls > 2:
                raise ConnectionResetError("client went away")
            return b"y" * 100

    with pytest.raises(ConnectionResetError):
        store.put_stream(Broken(), max_size=10_000)
    assert blobs(store) == [] and list(store.tmp.iterdir()) == []


@pytest.mark.parametrize("name", ["../../etc/passwd", "..", "ABC", "a" * 63, "g" * 64, "/etc/passwd", ""])
def test_only_a_sha256_names_a_path(store, name):
    with pytest.raises(StoreError, match="not a sha256"):
        store.path(name)
    assert not store.exists(name)


def test_clean_temp_removes_leftovers(store):
    (store.tmp / "upload-dead").write_bytes(b"half")
    assert store.clean_temp() == 1
    assert list(store.tmp.iterdir()) == []


def test_sniff_by_content_not_name(tmp_path):
    from docx import Document

    docx = tmp_path / "real.docx"
    Document().save(docx)
    html_as_docx = tmp_path / "fake.docx"
    html_as_docx.write_text("<html><script>alert(1)</script></html>")
    pdf = tmp_path / "a.bin"
    pdf.write_bytes(b"%PDF-1.7\n...")
    mp4 = tmp_path / "clip.mov"
    mp4.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 20)
    import zipfile

    odt = tmp_path / "x.odt"
    with zipfile.ZipFile(odt, "w") as z:
        z.writestr("mimetype", ODT)
    plain_zip = tmp_path / "x.zip"
    with zipfile.ZipFile(plain_zip, "w") as z:
        z.writestr("a.txt", "hi")
    assert sniff(docx) == DOCX
    assert sniff(html_as_docx) is None
    assert sniff(pdf) == PDF
    assert sniff(mp4) == MP4
    assert sniff(odt) == ODT
    assert sniff(plain_zip) is None
