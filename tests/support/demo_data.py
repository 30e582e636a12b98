"""The demo's recipe (media/demo_maker) and a copy of its data files (media/data) for a test to edit."""
from pathlib import Path
import shutil

import pytest

MEDIA = Path(__file__).resolve().parents[2] / "media"


@pytest.fixture
def maker(monkeypatch):
    """The media/demo_maker package, imported as `python media/make_demo_media.py` does."""
    monkeypatch.syspath_prepend(str(MEDIA))
    import demo_maker.content
    import demo_maker.data
    import demo_maker.documents
    import demo_maker.plans
    return demo_maker


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """A copy of media/data/ in the test's folder."""
    return Path(shutil.copytree(MEDIA / "data", tmp_path / "data"))


def edit(path: Path, old: str, new: str) -> None:
    """Replace ``old``, which must stand exactly once in the file, by ``new``."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
