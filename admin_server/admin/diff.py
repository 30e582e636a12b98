"""What changed between the published manifest and the draft, per content type. Pure."""
from dataclasses import dataclass, field

from court_contract.manifest import VOLATILE_KEYS
from court_contract.text import pick


# section key in the manifest -> (key of an item, the text that names it)
SECTIONS = (
    ("fee_rules", "code", "title"),
    ("reception", "id", "person"),
    ("template_categories", "code", "title"),
    ("templates", "slug", "title"),
    ("videos", "id", "title"),
    ("announcements", "id", "text"),
    ("links", "id", "title"),
    ("holidays", "date", "name"),
)
VOLATILE = (*VOLATILE_KEYS, "media")


@dataclass
class Item:
    key: str
    label: str
    fields: list = field(default_factory=list)
    before: dict | None = None   # the published item (changed, removed)
    after: dict | None = None    # the draft item (added, changed)


@dataclass
class Section:
    name: str
    added: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    reordered: bool = False

    @property
    def empty(self) -> bool:
        return not (self.added or self.changed or self.removed or self.reordered)


def _label(item: dict, text_key: str, lang: str) -> str:
    value = item.get(text_key)
    return pick(value, lang) if isinstance(value, dict) else str(value or "")


def _changed_fields(old: dict, new: dict) -> list:
    return sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))


def diff_section(name: str, key: str, text_key: str, old: list, new: list, lang: str) -> Section:
    section = Section(name)
    old_by = {str(i[key]): i for i in old}
    new_by = {str(i[key]): i for i in new}
    for k, item in new_by.items():
        if k not in old_by:
            section.added.append(Item(k, _label(item, text_key, lang), after=item))
        elif item != old_by[k]:
            section.changed.append(Item(k, _label(item, text_key, lang), _changed_fields(old_by[k], item),
                                        before=old_by[k], after=item))
    for k, item in old_by.items():
        if k not in new_by:
            section.removed.append(Item(k, _label(item, text_key, lang), before=item))
    common_old = [k for k in old_by if k in new_by]
    common_new = [k for k in new_by if k in old_by]
    section.reordered = common_old != common_new
    return section


def diff(published: dict | None, draft: dict, lang: str) -> list[Section]:
    """Sections of the draft that differ from `published` (None: nothing published yet)."""
    published = published or {}
    sections = []
    general = Section("settings")
    for part in ("court", "settings"):
        old, new = dict(published.get(part) or {}), dict(draft.get(part) or {})
        old_mrp, new_mrp = old.pop("mrp", None), new.pop("mrp", None)
        if old != new:
            general.changed.append(Item(part, part, _changed_fields(old, new)))
        if part == "settings" and old_mrp != new_mrp:
            mrp = diff_section("mrp", "year", "value", old_mrp or [], new_mrp or [], lang)
            if not mrp.empty:
                sections.append(mrp)
    if not general.empty:
        sections.insert(0, general)
    for name, key, text_key in SECTIONS:
        section = diff_section(name, key, text_key, published.get(name) or [], draft.get(name) or [], lang)
        if not section.empty:
            sections.append(section)
    return sections


def count(sections: list[Section]) -> int:
    return sum(len(s.added) + len(s.changed) + len(s.removed) + int(s.reordered) for s in sections)
