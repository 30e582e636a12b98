"""Reads the demo's data files (media/data/*.toml) into checked Python values.

Each function reads one kind of content and returns it in the shape the
generators write. TOML has no null: a key left out of a file means "none" (or
the default the file's header names). Every text a visitor sees is a table
{kk, ru, en}; a missing language, an unknown key (usually a typo) or a name
that refers to nothing is refused with a DataError naming the file.
"""
from __future__ import annotations

import re
import tomllib
from pathlib import Path

from court_contract.hearings import KINDS, STATUSES

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
LANGS = ("kk", "ru", "en")


class DataError(ValueError):
    """A data file is missing, is not valid TOML or does not have the expected shape."""


# ----------------------------------------------------------------- helpers
def read(data_dir: Path, name: str) -> dict:
    path = Path(data_dir) / name
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise DataError(f"The data file {path} is missing.") from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError(f"{path} is not valid TOML: {exc}.") from None


def tri(value, where: str) -> dict:
    """A trilingual text, returned with its keys in the order kk, ru, en."""
    if not isinstance(value, dict) or set(value) != set(LANGS):
        found = sorted(value) if isinstance(value, dict) else type(value).__name__
        raise DataError(f"{where} must have the texts kk, ru and en (found: {found}).")
    for lang in LANGS:
        if not isinstance(value[lang], str) or not value[lang].strip():
            raise DataError(f"{where}.{lang} must be a non-empty text.")
    return {lang: value[lang] for lang in LANGS}


def fields(row, where: str, required: tuple, optional: tuple = ()) -> dict:
    """row itself, once it has every required key and no unknown one."""
    if not isinstance(row, dict):
        raise DataError(f"{where} must be a table.")
    missing = [k for k in required if k not in row]
    if missing:
        raise DataError(f"{where} has no {', '.join(missing)}.")
    unknown = sorted(set(row) - set(required) - set(optional))
    if unknown:
        raise DataError(f"{where} has unknown keys: {', '.join(unknown)}.")
    return row


def entries(doc: dict, key: str, where: str) -> list:
    """The [[key]] tables of a file; a file without any is refused."""
    rows = doc.get(key)
    if not isinstance(rows, list) or not rows:
        raise DataError(f"{where} has no [[{key}]] entries.")
    return rows


def pick(table: dict, key, where: str, what: str):
    """table[key], or a sentence naming the keys that exist."""
    if not isinstance(key, str) or key not in table:
        raise DataError(f"{where}: {key!r} is not a known {what} "
                        f"(known: {', '.join(table)}).")
    return table[key]


def tri_tables(value, where: str) -> dict:
    """A table of named trilingual texts, e.g. [roles.plaintiff], [roles.defendant]."""
    if not isinstance(value, dict) or not value:
        raise DataError(f"{where} must be a table of named texts.")
    return {key: tri(text, f"{where}.{key}") for key, text in value.items()}


def one_of(value, choices: tuple, where: str):
    if value not in choices:
        raise DataError(f"{where} must be one of {', '.join(choices)} (found: {value!r}).")
    return value


def fill(pattern: dict, where: str, **values) -> dict:
    """A trilingual pattern with {name} placeholders filled in."""
    try:
        return {lang: text.format(**values) for lang, text in pattern.items()}
    except (KeyError, IndexError, ValueError) as exc:
        raise DataError(f"{where} has a placeholder that cannot be filled ({exc}); "
                        f"the known ones are {', '.join('{' + k + '}' for k in values)}.") from None


# ------------------------------------------------------ settings and courts
def courts(data_dir: Path = DATA_DIR) -> dict:
    return tri_tables(read(data_dir, "courts.toml"), "courts.toml")


def settings(data_dir: Path = DATA_DIR) -> dict:
    """The kiosk settings in file order; court_name names a court of courts.toml."""
    doc = read(data_dir, "settings.toml")
    if "court_name" not in doc:
        raise DataError("settings.toml has no court_name.")
    out = {}
    for key, value in doc.items():
        if key == "court_name":
            value = pick(courts(data_dir), value, "settings.toml court_name", "court")
        elif isinstance(value, dict):
            value = tri(value, f"settings.toml {key}")
        out[key] = value
    return out


def mrp(data_dir: Path = DATA_DIR) -> list[dict]:
    out = []
    for i, r in enumerate(entries(read(data_dir, "mrp.toml"), "values", "mrp.toml")):
        fields(r, f"mrp.toml values[{i}]", ("year", "value"))
        out.append({"year": r["year"], "value": r["value"]})
    return out


# ---------------------------------------------------------------- fee rules
FEE_NUMBERS = ("percent", "mrp", "cap_mrp", "min_mrp", "base_rule", "factor")


def fee_rules(data_dir: Path = DATA_DIR) -> list[dict]:
    doc = read(data_dir, "fee_rules.toml")
    defaults = fields(doc.get("defaults"), "fee_rules.toml [defaults]",
                      ("legal_ref", "valid_from"))
    refs = tri_tables(doc.get("legal_refs"), "fee_rules.toml [legal_refs]")
    out = []
    for i, r in enumerate(entries(doc, "rule", "fee_rules.toml")):
        where = f"fee_rules.toml rule {r.get('code', i + 1)!r}"
        fields(r, where, ("code", "claim_kind", "applicant", "title", "note"),
               FEE_NUMBERS + ("exempt", "legal_ref", "valid_from", "valid_to"))
        out.append({
            "code": r["code"], "claim_kind": r["claim_kind"], "applicant": r["applicant"],
            "title": tri(r["title"], f"{where} title"), "note": tri(r["note"], f"{where} note"),
            "legal_ref": pick(refs, r.get("legal_ref", defaults["legal_ref"]),
                              f"{where} legal_ref", "legal reference"),
            **{k: r.get(k) for k in FEE_NUMBERS},
            "exempt": r.get("exempt", False),
            "valid_from": r.get("valid_from", defaults["valid_from"]),
            "valid_to": r.get("valid_to"),
        })
    return out


# ---------------------------------------------------------------- reception
def reception(data_dir: Path = DATA_DIR) -> list[dict]:
    """The slots; one held in the demo court's own building points at its room of rooms.toml
    (room_number, which seed-demo turns into the room's id)."""
    doc = read(data_dir, "reception.toml")
    positions = tri_tables(doc.get("positions"), "reception.toml [positions]")
    room = tri(doc.get("room"), "reception.toml [room]")
    booking = tri(doc.get("booking_note"), "reception.toml [booking_note]")
    known_courts = courts(data_dir)
    home_court = read(data_dir, "settings.toml").get("court_name")
    room_numbers = {r["number"] for r in rooms(data_dir)}
    out = []
    for i, s in enumerate(entries(doc, "slot", "reception.toml")):
        where = f"reception.toml slot {i + 1}"
        fields(s, where, ("person", "position", "court", "weekday", "start", "end", "room",
                          "phone"), ("valid_from", "valid_to"))
        out.append({
            "person": tri(s["person"], f"{where} person"),
            "position": pick(positions, s["position"], f"{where} position", "position"),
            "court": pick(known_courts, s["court"], f"{where} court", "court"),
            "weekday": s["weekday"], "start": s["start"], "end": s["end"],
            "room": fill(room, "reception.toml [room]", room=s["room"]),
            "phone": s["phone"],
            "booking_note": fill(booking, "reception.toml [booking_note]", phone=s["phone"]),
            "valid_from": s.get("valid_from"), "valid_to": s.get("valid_to"),
            "room_number": _home_room(s, home_court, room_numbers, where),
        })
    return out


def _home_room(slot: dict, home_court, room_numbers: set, where: str):
    if slot["court"] != home_court:
        return None  # another court's building: no room of ours
    if slot["room"] not in room_numbers:
        raise DataError(f"{where} is held in room {slot['room']} of this court's building, which is not "
                        "in rooms.toml.")
    return slot["room"]


# ------------------------------------------------------------ rooms and plans
BAYS = 10  # door bays a side of the corridor, west to east
CENTRE_BAYS = (4, 5)  # stairs and lift (north), entrance hall or waiting area (south)
WINGS = {"west": range(0, 4), "east": range(6, 10)}
PLAN_WORDS = ("floor", "entrance", "stairs", "lift", "lobby", "waiting", "here")
_ROOM_NUMBER = re.compile(r"(\d+)(\d\d)\Z")


def door_place(number: str, floor: int, where: str) -> tuple[str, int]:
    """(side, bay) of a door number: floor * 100 + n, odd n north and even n south, two a bay."""
    match = _ROOM_NUMBER.match(number) if isinstance(number, str) else None
    if not match or int(match.group(1)) != floor or not 1 <= int(match.group(2)) <= 2 * BAYS:
        raise DataError(f"{where} number must be floor * 100 + 1..{2 * BAYS} "
                        f"(found {number!r} on floor {floor}).")
    n = int(match.group(2))
    return ("north" if n % 2 else "south"), (n - 1) // 2


def rooms(data_dir: Path = DATA_DIR) -> list[dict]:
    """The rooms in file order, each with its side of the corridor and its first bay and span."""
    doc = read(data_dir, "rooms.toml")
    wings = tri_tables(doc.get("wings"), "rooms.toml [wings]")
    out, taken = [], {}
    for i, r in enumerate(entries(doc, "room", "rooms.toml")):
        where = f"rooms.toml room {r.get('number', i + 1)!r}"
        fields(r, where, ("number", "floor", "wing", "name", "way"), ("span",))
        if not isinstance(r["floor"], int) or not 1 <= r["floor"] <= 9:
            raise DataError(f"{where} floor must be a whole number 1-9.")
        span = one_of(r.get("span", 1), (1, 2), f"{where} span")
        side, bay = door_place(r["number"], r["floor"], where)
        bays = range(bay, bay + span)
        wing = one_of(r["wing"], tuple(WINGS), f"{where} wing")
        if not set(bays) <= set(WINGS[wing]):
            raise DataError(f"{where} takes bays {bays.start}-{bays.stop - 1}, which are not all in the "
                            f"{wing} wing (bays {WINGS[wing].start}-{WINGS[wing].stop - 1}).")
        for b in bays:
            other = taken.setdefault((r["floor"], side, b), r["number"])
            if other != r["number"]:
                raise DataError(f"{where} overlaps room {other}.")
        out.append({"number": r["number"], "floor": r["floor"], "side": side, "bay": bay, "span": span,
                    "wing_key": wing, "name": tri(r["name"], f"{where} name"),
                    "wing": pick(wings, wing, f"{where} wing", "wing"),
                    "way": tri(r["way"], f"{where} way")})
    return out


def plan_words(data_dir: Path = DATA_DIR) -> dict:
    """The words drawn on the floor plans ([plan.*] of rooms.toml)."""
    words = tri_tables(read(data_dir, "rooms.toml").get("plan"), "rooms.toml [plan]")
    missing = [w for w in PLAN_WORDS if w not in words]
    if missing:
        raise DataError(f"rooms.toml [plan] has no {', '.join(missing)}.")
    return words


# ---------------------------------------------------------------- hearings
HEARING_DAYS = ("today", "next")
TODAY_ONLY = ("in_progress", "break", "finished")  # a hearing cannot have begun on the next working day
_HHMM = re.compile(r"(?:[01]\d|2[0-3]):[0-5]\d\Z")


def _hhmm(value, where: str) -> str:
    if not isinstance(value, str) or not _HHMM.match(value):
        raise DataError(f"{where} must be a time like 09:30 (found {value!r}).")
    return value


def _text(value, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(f"{where} must be a non-empty text.")
    return value


def hearings(data_dir: Path = DATA_DIR) -> list[dict]:
    """The hearing templates: no dates (seed-demo gives them today's and the next working day's)."""
    doc = read(data_dir, "hearings.toml")
    pattern = fields(doc.get("case_number"), "hearings.toml [case_number]", ("pattern",))["pattern"]
    if not isinstance(pattern, str) or pattern.count("{case}") != 1:
        raise DataError("hearings.toml [case_number] pattern must contain {case} once.")
    fill({"ru": pattern}, "hearings.toml [case_number] pattern", year="26", case="2/1")
    room_numbers = {r["number"] for r in rooms(data_dir)}
    out = []
    for i, h in enumerate(entries(doc, "hearing", "hearings.toml")):
        where = f"hearings.toml hearing {i + 1} ({h.get('case', '?')})"
        fields(h, where, ("day", "time", "room", "kind", "case", "judge", "parties"),
               ("closed", "status", "postponed_days", "postponed_time", "moved_to", "note"))
        status = one_of(h.get("status", "scheduled"), STATUSES, f"{where} status")
        day = one_of(h["day"], HEARING_DAYS, f"{where} day")
        if status in TODAY_ONLY and day != "today":
            raise DataError(f"{where} is {status} on the next working day; only today's hearings can be.")
        pick({n: n for n in room_numbers}, h["room"], f"{where} room", "room of rooms.toml")
        item = {"day": day, "time": _hhmm(h["time"], f"{where} time"), "room": h["room"],
                "kind": one_of(h["kind"], KINDS, f"{where} kind"),
                # {year} stays for seed-demo to fill in
                "case_number": pattern.replace("{case}", _text(h["case"], f"{where} case")),
                "judge": _text(h["judge"], f"{where} judge"), "parties": _text(h["parties"], f"{where} parties"),
                "closed": one_of(h.get("closed", False), (True, False), f"{where} closed"),
                "status": status, "postponed_days": None, "postponed_time": None, "moved_to": None,
                "note": h.get("note", "")}
        if not isinstance(item["note"], str):
            raise DataError(f"{where} note must be a text.")
        if status == "postponed":
            days = h.get("postponed_days")
            if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 180:
                raise DataError(f"{where} is postponed: give postponed_days, 1-180.")
            item["postponed_days"] = days
            if "postponed_time" in h:
                item["postponed_time"] = _hhmm(h["postponed_time"], f"{where} postponed_time")
        elif "postponed_days" in h or "postponed_time" in h:
            raise DataError(f"{where} has a postponement but is {status}.")
        if status == "moved":
            pick({n: n for n in room_numbers}, h.get("moved_to"), f"{where} moved_to", "room of rooms.toml")
            if h["moved_to"] == h["room"]:
                raise DataError(f"{where} moves to its own room {h['room']}.")
            item["moved_to"] = h["moved_to"]
        elif "moved_to" in h:
            raise DataError(f"{where} has moved_to but is {status}.")
        out.append(item)
    return out


# --------------------------------------------------- announcements, links, notes
def announcements(data_dir: Path = DATA_DIR) -> list[dict]:
    out = []
    for i, a in enumerate(entries(read(data_dir, "announcements.toml"), "announcement",
                                  "announcements.toml")):
        where = f"announcements.toml announcement {i + 1}"
        fields(a, where, ("text",), ("starts_at", "ends_at", "priority", "emergency"))
        out.append({"text": tri(a["text"], f"{where} text"), "starts_at": a.get("starts_at"),
                    "ends_at": a.get("ends_at"), "priority": a.get("priority", 0),
                    "emergency": a.get("emergency", False)})
    return out


def links(data_dir: Path = DATA_DIR) -> list[dict]:
    out = []
    for i, link in enumerate(entries(read(data_dir, "links.toml"), "link", "links.toml")):
        where = f"links.toml link {i + 1}"
        fields(link, where, ("kind", "title", "description", "url", "icon"))
        out.append({"kind": link["kind"], "title": tri(link["title"], f"{where} title"),
                    "description": tri(link["description"], f"{where} description"),
                    "url": link["url"], "icon": link["icon"]})
    return out


def holidays(data_dir: Path = DATA_DIR) -> list[dict]:
    """Public holidays and transferred working days, by date; names come from [names]."""
    doc = read(data_dir, "holidays.toml")
    names = tri_tables(doc.get("names"), "holidays.toml [names]")
    moved = tri(doc.get("moved"), "holidays.toml [moved]")
    out, seen = [], set()
    for i, h in enumerate(entries(doc, "day", "holidays.toml")):
        where = f"holidays.toml day {h.get('date', i + 1)}"
        fields(h, where, ("date", "name"), ("working", "moved"))
        day = h["date"]
        if not hasattr(day, "isoformat") or hasattr(day, "hour"):
            raise DataError(f"{where} date must be a date like 2026-12-16 (no quotes).")
        if day in seen:
            raise DataError(f"{where} is listed twice.")
        seen.add(day)
        name = pick(names, h["name"], f"{where} name", "holiday name")
        if h.get("moved"):  # the day off of a holiday that fell on a weekend
            name = {lang: moved[lang].format(holiday=name[lang]) for lang in LANGS}
        out.append({"date": day.isoformat(), "name": name, "working": h.get("working", False)})
    return sorted(out, key=lambda h: h["date"])


def notes(data_dir: Path = DATA_DIR) -> list[str]:
    return [fields(n, f"notes.toml note {i + 1}", ("text",))["text"]
            for i, n in enumerate(entries(read(data_dir, "notes.toml"), "note", "notes.toml"))]


# ------------------------------------------------------------ templates
def categories(data_dir: Path = DATA_DIR) -> list[dict]:
    out = []
    for i, c in enumerate(entries(read(data_dir, "categories.toml"), "category",
                                  "categories.toml")):
        where = f"categories.toml category {c.get('code', i + 1)!r}"
        fields(c, where, ("code", "title"))
        out.append({"code": c["code"], "title": tri(c["title"], f"{where} title")})
    return out


def document_wording(data_dir: Path = DATA_DIR) -> dict:
    """The wording every claim template shares (document.toml)."""
    name = "document.toml"
    doc = fields(read(data_dir, name), name,
                 ("to_city_court", "to_appeal", "case_line", "appellant_status",
                  "other_parties_hint", "roles", "common", "lines"))
    out = {}
    for key, value in doc.items():
        if isinstance(value, list):
            out[key] = [tri(v, f"{name} {key}[{i}]") for i, v in enumerate(value)]
        elif key in ("roles", "common", "lines"):
            out[key] = tri_tables(value, f"{name} [{key}]")
        else:
            out[key] = tri(value, f"{name} [{key}]")
    return out


def _paragraphs(t: dict, key: str, where: str) -> list[dict]:
    rows = t[key]
    if not isinstance(rows, list) or not rows:
        raise DataError(f"{where} has no [[{key}]] paragraphs.")
    return [tri(p, f"{where} {key}[{i}]") for i, p in enumerate(rows)]


def templates(data_dir: Path = DATA_DIR) -> list[dict]:
    """The claim templates in the order of templates.toml, one file each."""
    order = read(data_dir, "templates.toml").get("order")
    if not isinstance(order, list) or not order:
        raise DataError("templates.toml has no order = [...] list of slugs.")
    duplicates = sorted({s for s in order if order.count(s) > 1})
    if duplicates:
        raise DataError(f"templates.toml lists {', '.join(duplicates)} more than once.")
    unlisted = sorted(p.stem for p in (Path(data_dir) / "templates").glob("*.toml")
                      if p.stem not in order)
    if unlisted:
        raise DataError(f"templates/{unlisted[0]}.toml is not listed in templates.toml "
                        "(add its slug to order, or remove the file).")
    category_codes = {c["code"]: c for c in categories(data_dir)}
    lines = document_wording(data_dir)["lines"]
    out = []
    for slug in order:
        where = f"templates/{slug}.toml"
        t = fields(read(data_dir, where), where,
                   ("category", "parties", "title", "description", "body", "requests",
                    "attachments"), ("court", "mediation", "signatures", "ask", "extra"))
        pick(category_codes, t["category"], f"{where} category", "category")
        parties = []
        for i, p in enumerate(t["parties"]):
            fields(p, f"{where} parties[{i}]", ("role", "kind"))
            parties.append((p["role"], p["kind"]))
        extra = []
        for i, e in enumerate(t.get("extra", [])):
            if isinstance(e, dict) and set(e) == {"line"}:
                extra.append(pick(lines, e["line"], f"{where} extra[{i}]", "line of document.toml"))
            else:
                extra.append(tri(e, f"{where} extra[{i}]"))
        out.append({
            "slug": slug, "category": t["category"],
            "title": tri(t["title"], f"{where} title"),
            "description": tri(t["description"], f"{where} description"),
            "court": one_of(t.get("court", "city"), ("city", "case", "appeal"), f"{where} court"),
            "parties": parties,
            "extra": extra,
            "mediation": t.get("mediation", True),
            "ask": tri(t["ask"], f"{where} ask") if "ask" in t else None,
            "signatures": one_of(t.get("signatures", "one"), ("one", "both"),
                                 f"{where} signatures"),
            **{key: _paragraphs(t, key, where) for key in ("body", "requests", "attachments")},
        })
    return out


# ---------------------------------------------------------------- clips
def clips(data_dir: Path = DATA_DIR) -> list[dict]:
    out = []
    for i, c in enumerate(entries(read(data_dir, "clips.toml"), "clip", "clips.toml")):
        where = f"clips.toml clip {c.get('name', i + 1)!r}"
        fields(c, where, ("name", "footer", "bg", "title", "card_title", "card_sub",
                          "facts_head", "facts"))
        if not (isinstance(c["bg"], list) and len(c["bg"]) == 2):
            raise DataError(f"{where} bg must be a list of two colours.")
        out.append({
            "name": c["name"], "footer": c["footer"], "bg": tuple(c["bg"]),
            **{k: tri(c[k], f"{where} {k}") for k in ("title", "card_title", "card_sub",
                                                      "facts_head")},
            "facts": [tri(f, f"{where} facts[{j}]") for j, f in enumerate(c["facts"])],
        })
    return out
