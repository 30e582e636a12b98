"""What the draft content still lacks in some language: the publish page's warning (it never blocks a publish).

`missing(content)` reads the manifest content of the drafts (manifest.build_content: only what kiosks will
show) and lists each item that has a text written in one or two of kk/ru/en but not all three, or that is
a claim template without a file in some language. Kiosks show another language in such a gap (Russian
first, court_contract.text.pick), so the visitor reads a language they did not choose. A text empty in all
three languages is not a gap: nothing was written (an optional description, say).
"""
from dataclasses import dataclass

from court_contract.text import LANGS

# Manifest section -> (the key naming an item, the key of its name, its trilingual texts), in the order
# the admin's menu lists them.
SECTIONS = {
    "court": (None, "name", ("name", "address")),
    "rooms": ("id", "name", ("name", "wing", "way")),
    "fee_rules": ("code", "title", ("title", "note", "legal_ref")),
    "reception": ("id", "person", ("person", "position", "court", "room", "booking_note")),
    "holidays": ("date", "name", ("name",)),
    "templates": ("slug", "title", ("title", "description")),
    "template_categories": ("code", "title", ("title",)),
    "videos": ("id", "title", ("title",)),
    "announcements": ("id", "text", ("text",)),
    "links": ("id", "title", ("title", "description")),
}


@dataclass(frozen=True)
class Gap:
    """One item with something missing in some languages."""
    section: str        # a key of SECTIONS
    key: object         # the item's id, code, slug or date (None for the court)
    name: dict          # its name as a trilingual text, to show in the reader's language
    texts: tuple = ()   # ((text key, (missing languages ...)), ...)
    files: tuple = ()   # the languages a claim template has no file in


def missing_in(text) -> tuple:
    """The languages a trilingual text lacks, when it has at least one ((), when it is complete or empty)."""
    if not isinstance(text, dict):
        return ()
    present = [lang for lang in LANGS if isinstance(text.get(lang), str) and text[lang].strip()]
    return tuple(lang for lang in LANGS if lang not in present) if present else ()


def missing(content: dict) -> list[Gap]:
    """Every item of `content` (manifest content, e.g. manifest.build_content) with a language gap."""
    gaps = []
    for section, (key_field, name_field, fields) in SECTIONS.items():
        items = [content.get(section) or {}] if key_field is None else content.get(section) or []
        for item in items:
            texts = tuple((f, langs) for f in fields if (langs := missing_in(item.get(f))))
            files = tuple(lang for lang in LANGS if lang not in (item.get("files") or {})) \
                if section == "templates" else ()
            if texts or files:
                name = item.get(name_field)
                if section == "rooms":  # a room is known by its number
                    name = {lang: " — ".join(p for p in (item.get("number"), (name or {}).get(lang)) if p)
                            for lang in LANGS}
                gaps.append(Gap(section, item.get(key_field) if key_field else None,
                                name if isinstance(name, dict) else {}, texts, files))
    return gaps
