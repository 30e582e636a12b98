"""Checks of the committed demo content in admin_server/demo/ (see media/README.md).

These tests read the files that media/make_demo_media.py generated from
media/data/; they regenerate only into temporary folders, to check that the
committed files are what the data and the recipe give.
"""
from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MEDIA = ROOT / "media"  # the recipe and its data
DEMO_ROOT = ROOT / "admin_server"  # paths in content.json are relative to this folder
DEMO = DEMO_ROOT / "demo"
CONTENT = DEMO / "content.json"
LANGS = ("kk", "ru", "en")
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
HHMM_RE = re.compile(r"^(?:[01]\d|2[0-3]):[0-5]\d$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
MAX_DEMO_BYTES = 6 * 1024 * 1024


def _load() -> dict:
    with CONTENT.open(encoding="utf-8") as fh:
        return json.load(fh)


CONTENT_DATA = _load() if CONTENT.exists() else {}
TEMPLATE_FILES = [
    (t["slug"], lang, t["files"][lang], t["title"][lang])
    for t in CONTENT_DATA.get("templates", []) for lang in LANGS if lang in t["files"]
]
VIDEO_FILES = [v["file"] for v in CONTENT_DATA.get("videos", [])]


@pytest.fixture(scope="module")
def content() -> dict:
    assert CONTENT.exists(), f"{CONTENT} is missing: run media/make_demo_media.py"
    return _load()


def _referenced_files(data: dict) -> list[str]:
    files = [f for t in data["templates"] for f in t["files"].values()]
    files += [v["file"] for v in data["videos"]]
    return files


def _trilingual_texts(node, path="$"):
    """Yield (path, dict) for every trilingual text in the tree."""
    if isinstance(node, dict):
        if set(node) & set(LANGS) and path.split(".")[-1] != "files":
            yield path, node
        else:
            for key, value in node.items():
                yield from _trilingual_texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _trilingual_texts(value, f"{path}[{i}]")


def _docx_text(path: Path) -> str:
    docx = pytest.importorskip("docx", reason="python-docx is a dev dependency")
    doc = docx.Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts += [cell.text for cell in row.cells]
    return "\n".join(parts)


# --------------------------------------------------------------------- json
def test_content_has_all_sections(content):
    for key in ("settings", "mrp", "fee_rules", "reception", "template_categories",
                "templates", "videos", "announcements", "links"):
        assert content.get(key), f"content.json has no {key!r}"


def test_every_referenced_file_exists_under_the_demo_root(content):
    for rel in _referenced_files(content):
        assert not rel.startswith("/") and ".." not in Path(rel).parts, rel
        assert (DEMO_ROOT / rel).is_file(), f"{rel} is referenced but missing"


def test_every_trilingual_text_is_complete(content):
    texts = list(_trilingual_texts(content))
    assert len(texts) > 100
    for path, text in texts:
        assert set(text) == set(LANGS), f"{path} has keys {sorted(text)}"
        for lang in LANGS:
            value = text[lang]
            assert isinstance(value, str) and value.strip(), f"{path}.{lang} is empty"


def test_kazakh_texts_use_kazakh_letters(content):
    # long Kazakh texts without any Kazakh-specific letter are almost surely Russian
    for path, text in _trilingual_texts(content):
        kk = text["kk"]
        if len(kk) >= 40:
            assert set(kk) & KAZAKH_LETTERS, f"{path}.kk looks untranslated: {kk!r}"


def test_official_wording_no_iskovoe_zayavlenie(content):
    dump = json.dumps(content, ensure_ascii=False).lower()
    assert "исковое заявление" not in dump
    assert "исковое заявл" not in dump


def test_settings(content):
    s = content["settings"]
    assert s["court_website"].startswith("https://")
    assert s["timezone"] == "Asia/Aqtau"
    assert s["default_language"] in LANGS
    assert 0 < s["idle_warning_s"] < s["idle_timeout_s"]
    assert s["idle_warning_s"] >= 20
    assert all(p.startswith("+7 ") for p in s["court_phones"])
    assert "@" in s["court_email"]


def test_mrp_values(content):
    mrp = {m["year"]: m["value"] for m in content["mrp"]}
    assert mrp == {2024: 3692, 2025: 3932, 2026: 4325}


# -------------------------------------------------------------------- fees
FEE_KEYS = {"code", "claim_kind", "applicant", "title", "note", "legal_ref", "percent",
            "mrp", "cap_mrp", "min_mrp", "base_rule", "factor", "exempt", "valid_from",
            "valid_to"}


def test_fee_rules_shape(content):
    rules = content["fee_rules"]
    codes = [r["code"] for r in rules]
    assert len(codes) == len(set(codes)), "fee rule codes must be unique"
    for r in rules:
        assert set(r) == FEE_KEYS, r["code"]
        assert SLUG_RE.match(r["code"]), r["code"]
        assert r["applicant"] in ("individual", "legal_entity", "any"), r["code"]
        assert DATE_RE.match(r["valid_from"]), r["code"]
        assert r["valid_to"] is None or DATE_RE.match(r["valid_to"])
        if r["exempt"]:
            assert r["percent"] is None and r["mrp"] is None and r["base_rule"] is None
        elif r["base_rule"] is None:
            assert r["percent"] is not None or r["mrp"] is not None, r["code"]
            assert r["factor"] is None, r["code"]
        else:
            assert r["factor"] is not None and 0 < r["factor"] <= 1, r["code"]
            assert r["percent"] is None and r["mrp"] is None, r["code"]


def test_fee_rules_base_rule_references_exist(content):
    by_code = {r["code"]: r for r in content["fee_rules"]}
    for r in content["fee_rules"]:
        if r["base_rule"] is not None:
            base = by_code.get(r["base_rule"])
            assert base is not None, f"{r['code']}: unknown base_rule {r['base_rule']!r}"
            assert base["base_rule"] is None, f"{r['code']}: chained base rules"
            assert base["applicant"] in (r["applicant"], "any"), r["code"]


def test_fee_rules_cover_the_domain(content):
    by_code = {r["code"]: r for r in content["fee_rules"]}
    pi, pl = by_code["property-individual"], by_code["property-legal"]
    assert (pi["percent"], pi["cap_mrp"]) == (1.0, 10000)
    assert (pl["percent"], pl["cap_mrp"]) == (3.0, 20000)
    assert by_code["divorce"]["mrp"] == 0.3
    assert (by_code["divorce-property"]["mrp"], by_code["divorce-property"]["percent"]) == (0.3, 1.0)
    assert by_code["non-property-individual"]["mrp"] == 0.5
    assert by_code["special-proceedings"]["mrp"] == 0.5
    assert by_code["state-body-individual"]["mrp"] == 0.3
    assert by_code["state-body-legal"]["mrp"] == 5
    appeals = [r for r in content["fee_rules"] if r["claim_kind"] == "appeal"]
    assert {r["base_rule"] for r in appeals} >= {"property-individual", "property-legal"}
    exempt_kinds = {r["claim_kind"] for r in content["fee_rules"] if r["exempt"]}
    assert {"labour", "alimony", "health_harm", "crime_damage", "authors_rights",
            "veterans_disability"} <= exempt_kinds
    assert by_code["exempt-veterans-disability"]["valid_from"] == "2025-09-15"


def test_notes_ask_the_court_to_check_articles(content):
    notes = " ".join(content["_notes"]).lower()
    assert "article" in notes and "check" in notes


# --------------------------------------------------------------- reception
def test_reception_slots(content):
    slots = content["reception"]
    assert {s["weekday"] for s in slots} >= {1, 2, 3, 4, 5}
    for s in slots:
        assert "id" not in s
        assert 1 <= s["weekday"] <= 7
        assert HHMM_RE.match(s["start"]) and HHMM_RE.match(s["end"])
        assert s["start"] < s["end"]
        assert s["phone"].startswith("+7 ")
        # the English name is a transliteration, not Cyrillic
        assert not re.search("[а-яА-ЯәғқңөұүһіӘҒҚҢӨҰҮҺІ]", s["person"]["en"])


# --------------------------------------------------------------- templates
def test_templates_count_slugs_and_categories(content):
    templates = content["templates"]
    assert len(templates) >= 10
    slugs = [t["slug"] for t in templates]
    assert len(slugs) == len(set(slugs)), "template slugs must be unique"
    for slug in slugs:
        assert SLUG_RE.match(slug), f"{slug!r} is not URL-safe"
    categories = {c["code"] for c in content["template_categories"]}
    for t in templates:
        assert t["category"] in categories, t["slug"]
        assert set(t["files"]) == set(LANGS), t["slug"]
        for lang, rel in t["files"].items():
            assert rel == f"demo/templates/{t['slug']}-{lang}.docx"


@pytest.mark.parametrize("slug,lang,rel,title", TEMPLATE_FILES,
                         ids=[f"{s}-{l}" for s, l, _, _ in TEMPLATE_FILES])
def test_docx_contains_court_and_title(content, slug, lang, rel, title):
    path = DEMO_ROOT / rel
    assert path.stat().st_size < 100_000, f"{rel} is unexpectedly large"
    text = _docx_text(path).casefold()
    court = content["settings"]["court_name"][lang]
    assert court.casefold() in text, f"{rel} does not name {court!r}"
    assert title.casefold() in text, f"{rel} does not contain its title {title!r}"
    assert "____" in text, f"{rel} has no blanks to fill in"
    if lang == "kk":
        assert set(text) & KAZAKH_LETTERS
    if lang == "ru":
        assert "исковое заявление" not in text


def test_docx_core_properties_are_fixed():
    docx = pytest.importorskip("docx", reason="python-docx is a dev dependency")
    for _slug, _lang, rel, title in TEMPLATE_FILES:
        props = docx.Document(str(DEMO_ROOT / rel)).core_properties
        assert props.title == title
        assert props.created is not None and props.created.year == 2026
        assert props.modified == props.created


# ------------------------------------------------------------------ videos
def _ffprobe(path: Path) -> dict:
    out = subprocess.run(
        ["ffprobe", "-v", "error", "-show_entries",
         "format=duration:stream=codec_type,codec_name,pix_fmt,width,height,avg_frame_rate",
         "-of", "json", str(path)],
        capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, f"ffprobe failed on {path.name}: {out.stderr.strip()}"
    return json.loads(out.stdout)


needs_ffprobe = pytest.mark.skipif(shutil.which("ffprobe") is None,
                                   reason="ffprobe is not installed (apt-get install ffmpeg)")


def test_three_videos_referenced(content):
    assert len(content["videos"]) >= 3
    assert "demo/videos/corrupt.mp4" not in _referenced_files(content)
    assert (DEMO / "videos" / "corrupt.mp4").is_file()


@needs_ffprobe
@pytest.mark.parametrize("rel", VIDEO_FILES)
def test_video_is_short_h264(rel):
    info = _ffprobe(DEMO_ROOT / rel)
    video = [s for s in info["streams"] if s["codec_type"] == "video"]
    audio = [s for s in info["streams"] if s["codec_type"] == "audio"]
    assert len(video) == 1
    v = video[0]
    assert v["codec_name"] == "h264"
    assert v["pix_fmt"] == "yuv420p"
    assert v["width"] <= 1280 and v["height"] <= 720
    assert v["avg_frame_rate"] == "25/1"
    assert all(a["codec_name"] == "aac" for a in audio)
    duration = float(info["format"]["duration"])
    assert 5.0 <= duration <= 15.0, duration


@needs_ffprobe
def test_corrupt_clip_is_not_decodable():
    out = subprocess.run(["ffprobe", "-v", "error", str(DEMO / "videos" / "corrupt.mp4")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0


def test_demo_media_total_size():
    total = sum(p.stat().st_size for p in DEMO.rglob("*") if p.is_file())
    assert total < MAX_DEMO_BYTES, f"admin_server/demo is {total} bytes"


def test_media_demo_is_a_link_to_the_one_copy():
    # the demo is committed once, in the package; media/demo keeps old paths working
    link = MEDIA / "demo"
    assert link.is_symlink(), "media/demo should be a symlink, not a second copy"
    assert link.resolve() == DEMO.resolve()


# ------------------------------------------------------------------- links
def test_links_and_announcements(content):
    kinds = {link["kind"] for link in content["links"]}
    assert kinds == {"e_service", "social"}
    urls = {link["url"] for link in content["links"]}
    assert {"https://office.sud.kz", "https://sud.gov.kz", "https://mng.sud.kz",
            "https://eotinish.kz"} <= urls
    icons = {link["icon"] for link in content["links"] if link["kind"] == "social"}
    assert {"facebook", "instagram", "telegram", "youtube"} <= icons
    for link in content["links"]:
        assert link["url"].startswith("https://"), link["url"]
    for ann in content["announcements"]:
        assert ann["emergency"] is False
        assert isinstance(ann["priority"], int)


# ------------------------------------------------------------------ recipe
def _recipe(monkeypatch):
    """media/make_demo_media.py, imported the way `python media/make_demo_media.py` runs it."""
    monkeypatch.syspath_prepend(str(MEDIA))
    spec = importlib.util.spec_from_file_location("make_demo_media", MEDIA / "make_demo_media.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _files(root: Path) -> list[Path]:
    return sorted(p.relative_to(root) for p in root.rglob("*") if "__pycache__" not in p.parts)


def test_recipe_does_nothing_at_import(monkeypatch):
    before = _files(MEDIA), _files(DEMO)
    module = _recipe(monkeypatch)
    assert callable(module.main)
    assert (_files(MEDIA), _files(DEMO)) == before


def test_recipe_matches_committed_json(monkeypatch):
    """content.json is generated: it must equal what the data files give, byte for byte."""
    module = _recipe(monkeypatch)
    assert module.content.content() == _load(), "content.json is stale: re-run the recipe"


def test_recipe_writes_the_committed_bytes(monkeypatch, tmp_path, capsys):
    pytest.importorskip("docx", reason="python-docx is a dev dependency")
    module = _recipe(monkeypatch)
    assert module.main(["--only", "json", "--out-dir", str(tmp_path)]) == 0
    assert module.main(["--only", "docx", "--out-dir", str(tmp_path)]) == 0
    written = [rel for rel in _files(tmp_path / "demo") if (tmp_path / "demo" / rel).is_file()]
    assert len(written) == 1 + len(TEMPLATE_FILES)
    for rel in written:
        assert (tmp_path / "demo" / rel).read_bytes() == (DEMO / rel).read_bytes(), \
            f"demo/{rel} differs from what the recipe writes: re-run the recipe"
    assert "demo/content.json" in capsys.readouterr().out
