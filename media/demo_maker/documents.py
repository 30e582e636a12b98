"""The claim templates as DOCX files: demo/templates/<slug>-<lang>.docx.

The text comes from media/data/templates/<slug>.toml and document.toml; this
module only lays it out (A4, Times New Roman 12 pt, addressee block on the
right). The files are reproducible: fixed core properties and zip timestamps.
"""
from __future__ import annotations

import datetime as _dt
import io
import zipfile
from pathlib import Path

from . import data, layout
from .data import DATA_DIR, LANGS

FIXED_DATE = _dt.datetime(2026, 1, 1, 0, 0, 0)
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
DOCX_LANG = {"kk": "kk-KZ", "ru": "ru-RU", "en": "en-GB"}
# what each kind of party gets: the hint under the name blank, the ID label
PARTY_HINT = {"person": "person_hint", "person_opt": "person_hint", "org": "org_hint",
              "any": "any_hint"}
PARTY_ID = {"person": "iin", "person_opt": "iin_opt", "org": "bin", "any": "iin_bin"}


def normalize_zip(blob: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes (reproducible bytes)."""
    src = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0o644 << 16
            dst.writestr(zi, src.read(info.filename), compresslevel=9)
    return out.getvalue()


def field(label: str = "") -> str:
    """Label followed by underscores up to about 20 em (Times-like widths)."""
    def em(ch: str) -> float:
        if ch.isupper():
            return 0.68
        if ch.isalpha():
            return 0.48
        if ch.isdigit():
            return 0.5
        return 0.28
    used = sum(em(ch) for ch in label) + (0.25 if label else 0)
    n = max(8, int((20.0 - used) / 0.5))
    return (label + " " if label else "") + "_" * n


def build_docx(tpl: dict, lang: str, wording: dict, category_title: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt, RGBColor

    where = f"templates/{tpl['slug']}.toml"

    def c(key: str) -> str:
        return wording["common"][key][lang]

    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
    sec.left_margin, sec.right_margin = Cm(3.0), Cm(1.5)
    sec.top_margin, sec.bottom_margin = Cm(2.0), Cm(2.0)
    text_width = Cm(16.5)

    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(12)
    rpr = normal.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.append(rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), "Times New Roman")
    lang_el = OxmlElement("w:lang")
    lang_el.set(qn("w:val"), DOCX_LANG[lang])
    rpr.append(lang_el)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.line_spacing = 1.0

    def para(text="", *, bold=False, italic=False, size=None, align=None, indent=None,
             first=None, before=None, after=None, color=None):
        p = doc.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold = bold
            run.italic = italic
            if size:
                run.font.size = Pt(size)
            if color:
                run.font.color.rgb = RGBColor(*color)
        pf = p.paragraph_format
        if align is not None:
            pf.alignment = align
        if indent is not None:
            pf.left_indent = indent
        if first is not None:
            pf.first_line_indent = first
        if before is not None:
            pf.space_before = Pt(before)
        if after is not None:
            pf.space_after = Pt(after)
        return p

    block = Cm(7.5)  # the address block is 9 cm wide: 21 em at 12 pt

    # --- addressee
    if tpl["court"] == "appeal":
        court_lines = [line[lang] for line in wording["to_appeal"]]
    else:
        court_lines = [wording["to_city_court"][lang]]
    for line in court_lines:
        para(line, bold=True, indent=block)
    if tpl["court"] == "case":
        para(wording["case_line"][lang], indent=block)

    # --- parties
    for role, kind in tpl["parties"]:
        role_name = data.pick(wording["roles"], role, f"{where} parties", "role")[lang]
        para(indent=block)
        para(role_name + ":", bold=True, indent=block)
        para(field(), indent=block)
        if kind == "list":
            para(wording["other_parties_hint"][lang], italic=True, size=9, indent=block)
            para(field(), indent=block)
            continue
        para(c(data.pick(PARTY_HINT, kind, f"{where} parties", "kind of party")),
             italic=True, size=9, indent=block)
        if role == "appellant":
            para(wording["appellant_status"][lang], italic=True, size=9, indent=block)
        para(field(c(PARTY_ID[kind])), indent=block)
        para(field(c("legal_address" if kind == "org" else "address")), indent=block)
        para(field(c("contacts")), indent=block)
    if tpl["extra"]:
        para(indent=block)
        for line in tpl["extra"]:
            para(line[lang], indent=block)

    # --- heading and body
    para(tpl["title"][lang], bold=True, size=14, align=WD_ALIGN_PARAGRAPH.CENTER,
         before=24, after=12)
    for text in tpl["body"]:
        para(text[lang], align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=Cm(1.25), after=6)

    ask = tpl["ask"]
    para(ask[lang] if ask else c("ask"), bold=True, align=WD_ALIGN_PARAGRAPH.LEFT,
         first=Cm(1.25), before=6, after=6)
    for i, text in enumerate(tpl["requests"], 1):
        para(f"{i}. {text[lang]}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=Cm(1.25), after=3)

    if tpl["mediation"]:
        para(c("mediation"), italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY,
             first=Cm(1.25), before=9, after=3)

    para(c("attachments"), bold=True, first=Cm(1.25), before=12, after=3)
    for i, text in enumerate(tpl["attachments"], 1):
        para(f"{i}. {text[lang]}", align=WD_ALIGN_PARAGRAPH.JUSTIFY, first=Cm(1.25))

    # --- date and signature(s)
    if tpl["signatures"] == "both":
        para(c("date"), before=24, after=12)
        for role in ("plaintiff", "defendant"):
            para(f"{wording['roles'][role][lang]}: ____________ / ____________________ /",
                 align=WD_ALIGN_PARAGRAPH.RIGHT, after=12)
    else:
        p = para(c("date") + "\t" + c("signature"), before=24)
        p.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)

    para(c("note"), italic=True, size=9, color=(0x59, 0x59, 0x59), before=30,
         align=WD_ALIGN_PARAGRAPH.JUSTIFY)

    cp = doc.core_properties
    cp.title = tpl["title"][lang]
    cp.subject = c("subject")
    cp.author = "court-kiosk"
    cp.last_modified_by = "court-kiosk"
    cp.category = category_title
    cp.keywords = f"court-kiosk; demo; {tpl['slug']}; {lang}"
    # the wording is part of every file's bytes: changing it changes all 42 files
    cp.comments = "Demo sample generated by media/make_demo_media.py"
    cp.language = DOCX_LANG[lang]
    cp.content_status = "Demo"
    cp.version = "1"
    cp.revision = 1
    cp.created = FIXED_DATE
    cp.modified = FIXED_DATE
    cp.last_printed = FIXED_DATE

    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


def make_templates(out_dir: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    wording = data.document_wording(data_dir)
    category_titles = {c["code"]: c["title"] for c in data.categories(data_dir)}
    written = []
    for tpl in data.templates(data_dir):
        for lang in LANGS:
            path = Path(out_dir) / layout.template_file(tpl["slug"], lang)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(build_docx(tpl, lang, wording, category_titles[tpl["category"]][lang]))
            written.append(path)
    return written
