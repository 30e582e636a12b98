"""What the hearing screens say and find: pure Python, no Kivy.

The feed (:mod:`court_contract.hearings`) says what is on today; the
manifest's ``rooms`` say where that is. From the two this module makes the
words a visitor reads -- the status, the kind of case, "where and when now"
for a postponed or moved hearing, a room's label -- and answers a search
typed on the on-screen keyboard. It also splits one courtroom's day into
now / next / later for a door sign.

Every text comes from :mod:`kiosk.ui_text`, so kk, ru and en stay in one table.
"""

import datetime as dt
import re

from court_contract.hearings import STATUSES
from court_contract.text import pick
from kiosk.ui_text import format_date, t

# A visitor on a Russian keyboard (or without the Kazakh row) still finds «Қали» with «Кали».
_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у", "һ": "х",
                       "і": "и", "ё": "е"})
_NOT_WORD = re.compile(r"[\W_]+")
SEARCH_FIELDS = ("case_number", "judge", "parties")
RUNNING = ("in_progress", "break")
OVER = ("finished", "cancelled")  # shown greyed, at the end of a board


def fold(text):
    """Lower case, Kazakh letters as their Russian look-alikes, punctuation as spaces."""
    return _NOT_WORD.sub(" ", (text or "").casefold().translate(_FOLD)).strip()


def matches(hearing, query):
    """True if every word of ``query`` is in the case number, judge or parties.

    A closed hearing carries none of them, so a search never finds one.
    """
    words = fold(query).split()
    if not words:
        return True
    haystack = " ".join(fold(hearing.get(key)) for key in SEARCH_FIELDS)
    return all(word in haystack for word in words)


def search(hearings, query):
    return [h for h in hearings if matches(h, query)]


def status_text(status, lang):
    return t(f"status_{status}", lang) if status in STATUSES else status


def kind_text(kind, lang):
    try:
        return t(f"kind_{kind}", lang)
    except KeyError:
        return ""


def rooms_by_id(manifest):
    """The manifest's rooms by id; a missing or malformed list is no rooms (old manifests have none)."""
    rooms = (manifest or {}).get("rooms")
    if not isinstance(rooms, list):
        return {}
    return {r["id"]: r for r in rooms if isinstance(r, dict) and isinstance(r.get("id"), int)}


def room_by_number(manifest, number):
    """The room whose door number is ``number`` (text, as on the door), or None."""
    wanted = str(number).strip().casefold()
    for room in rooms_by_id(manifest).values():
        if str(room.get("number", "")).strip().casefold() == wanted:
            return room
    return None


def room_number(rooms, room_id):
    room = rooms.get(room_id)
    return str(room.get("number", "")) if room else ""


def room_label(room, lang):
    """"Зал 305 · Зал №1" style: the number people see on doors, then the room's name if it has one."""
    if not room:
        return ""
    number = str(room.get("number", ""))
    name = pick(room.get("name"), lang) if isinstance(room.get("name"), dict) else ""
    head = f"{t('hall', lang)} {number}".strip()
    return f"{head} · {name}" if name and name != number else head


def floor_text(room, lang):
    """"3-қабат, Б қанаты" / "3 этаж, крыло Б": the floor, then the wing as the content says it."""
    if not room:
        return ""
    parts = []
    if isinstance(room.get("floor"), int):
        parts.append(t("floor_n", lang, n=room["floor"]))
    wing = pick(room.get("wing"), lang) if isinstance(room.get("wing"), dict) else ""
    if wing:
        parts.append(wing)
    return ", ".join(parts)


def way_text(room, lang):
    return pick(room.get("way"), lang) if room and isinstance(room.get("way"), dict) else ""


def when_text(postponed_to, lang):
    """"7 December, 10:00" (or just the date) from the feed's postponed_to."""
    day, _, at = (postponed_to or "").partition("T")
    try:
        date = dt.date.fromisoformat(day)
    except ValueError:
        return ""
    text = format_date(date, lang, year=False)
    return f"{text}, {at}" if at else text


def where_now(hearing, rooms, lang):
    """"Postponed to 7 December, 10:00" / "Moved to room 305"; "" when nothing moved
    (or the feed does not say where to: the status word says the rest)."""
    status = hearing.get("status")
    if status == "postponed":
        when = when_text(hearing.get("postponed_to"), lang)
        return t("postponed_to", lang, when=when) if when else ""
    if status == "moved":
        number = room_number(rooms, hearing.get("moved_to_room_id"))
        return t("moved_to", lang, room=number) if number else ""
    return ""


def current_room_id(hearing):
    """The room the hearing is held in now (the new one once it moved)."""
    if hearing.get("status") == "moved" and hearing.get("moved_to_room_id") is not None:
        return hearing["moved_to_room_id"]
    return hearing.get("room_id")


LATE_MIN = 60  # a hearing not started is still awaited this long after its time (courts run late)


def _minutes(hhmm):
    hours, _, minutes = str(hhmm).partition(":")
    return int(hours) * 60 + int(minutes)


def door_plan(hearings, room_id, now):
    """One courtroom's day for its door sign: ``{"now": [...], "next": hearing | None, "later": [...]}``.

    ``hearings``: the day's list in time order; ``now``: the court-local time of day.
    Now: what runs in this room. Next and later: what is still to be heard here -- scheduled
    here, or moved here from another room (whatever its time: a move is news about now) --
    then, in "later", a notice for each hearing moved away, postponed or cancelled, so the
    people who come for it read where and when it is now (or that it will not be heard).
    A hearing that has not started stops being awaited (and its notice goes) LATE_MIN
    minutes after its time: the court went on without it; a cancellation's notice goes at
    its time. Finished and cancelled hearings are never next.
    """
    late = _minutes(now.strftime("%H:%M")) - LATE_MIN
    now_on = [h for h in hearings if h.get("status") in RUNNING and current_room_id(h) == room_id]
    ahead = []  # (hearing, heard here?) in time order
    for h in hearings:
        status = h.get("status")
        if status == "moved" and h.get("moved_to_room_id") == room_id:
            ahead.append((h, True))
        elif h.get("room_id") != room_id or _minutes(h["time"]) < late:
            continue
        elif status == "scheduled":
            ahead.append((h, True))
        elif status in ("postponed", "moved"):  # moved away
            ahead.append((h, False))
        elif status == "cancelled" and _minutes(h["time"]) >= late + LATE_MIN:  # still ahead: its people come
            ahead.append((h, False))
    nxt = next((h for h, here in ahead if here), None)
    return {"now": now_on, "next": nxt, "later": [h for h, _here in ahead if h is not nxt]}


def pages(items, per_page):
    """``items`` cut into pages of ``per_page`` (at least one page, maybe empty)."""
    per_page = max(1, int(per_page))
    return [items[i:i + per_page] for i in range(0, len(items), per_page)] or [[]]
