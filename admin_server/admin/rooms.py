"""Courtrooms: number, name, floor, wing, the way there and the room's place on its floor's plan.

Rooms are content, published in the manifest's `rooms` list; hearings and reception slots
point at them. A floor has one plan: a room saved without a plan of its own takes the plan
of its floor, and a new plan uploaded for a room replaces the old one on its whole floor.
"""
from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from . import crud
from .common import blueprint, store
from .fields import Field
from .uploads import store_staged

bp = blueprint("admin_rooms", __name__, url_prefix="/admin/rooms")


def check(db, values, errors, row):
    x, y = values.get("plan_x"), values.get("plan_y")
    if (x is None) != (y is None) and "plan_x" not in errors and "plan_y" not in errors:
        errors["plan_y" if y is None else "plan_x"] = _("Give both positions on the plan, or neither.")


def floor_plan(db, floor, other_than=None):
    """The plan (sha256) other rooms of `floor` use, or None."""
    row = db.execute("SELECT plan_sha256 FROM rooms WHERE floor = ? AND plan_sha256 IS NOT NULL AND id IS NOT ? "
                     "ORDER BY id LIMIT 1", [floor, other_than]).fetchone()
    return row[0] if row else None


def before_write(db, values, uploads, row, changes):
    staged = uploads.get("plan")
    if staged is not None:
        values["plan_sha256"] = store_staged(db, store(), staged)
        changes.add("plan", row and row["plan_sha256"], staged.name)
    elif not (row and row["plan_sha256"]) or (row and values.get("floor", row["floor"]) != row["floor"]):
        plan = floor_plan(db, values.get("floor", row and row["floor"]), row and row["id"])
        if plan and plan != (row and row["plan_sha256"]):
            values["plan_sha256"] = plan


def after_write(db, row_id, uploads, row, changes):
    if uploads.get("plan") is None:
        return
    # The new plan replaces the floor's old one (or none) for every room of the floor.
    room = db["rooms"].get(row_id)
    old = row["plan_sha256"] if row else None
    others = [r["id"] for r in db.query(
        "SELECT id FROM rooms WHERE floor = ? AND id != ? AND (plan_sha256 IS NULL OR plan_sha256 IS ?)",
        [room["floor"], row_id, old])]
    for other in others:
        db["rooms"].update(other, {"plan_sha256": room["plan_sha256"]})
    if others:
        changes.add("plan_also_for_rooms", None, others)


def before_delete(db, row, changes):
    # Hearings from today on would be left on the screens with no room to go to: refused.
    from ..content import get_settings
    from ..errors import ValidationError
    from ..hearings import court_today

    today = court_today(get_settings(db)).isoformat()
    coming = db.execute("SELECT count(*) FROM hearings WHERE date >= ? AND (room_id = ? OR moved_to_room_id = ?)",
                        [today, row["id"], row["id"]]).fetchone()[0]
    if coming:
        raise ValidationError(ngettext(
            "%(num)d hearing from today on is in this courtroom: move it to another room first, or switch the "
            "room off instead of deleting it.",
            "%(num)d hearings from today on are in this courtroom: move them to another room first, or switch the "
            "room off instead of deleting it.", coming))
    # A clerk loses the room, a reception slot forgets it; past hearings keep its id.
    db.execute("DELETE FROM user_rooms WHERE room_id = ?", [row["id"]])
    slots = [r[0] for r in db.execute("SELECT id FROM reception_slots WHERE room_id = ?", [row["id"]]).fetchall()]
    if slots:
        db.execute("UPDATE reception_slots SET room_id = NULL WHERE room_id = ?", [row["id"]])
        changes.old["reception_slots"] = slots


def form_context(db, row) -> dict:
    if not row["plan_sha256"]:
        return {"plan_url": None}
    name = db.execute("SELECT original_name FROM media WHERE sha256 = ?", [row["plan_sha256"]]).fetchone()
    url = url_for("admin_media.view", sha256=row["plan_sha256"])
    return {"plan_url": url, "plan_x": row["plan_x"], "plan_y": row["plan_y"],
            "current_files": {"plan": {"name": (name and name[0]) or _("floor plan"), "url": url}}}


def row_extra(db, row) -> dict:
    return {"has_plan": bool(row["plan_sha256"])}


def choices(db, empty=True, every=False):
    """(id, "204 — Зал …") of the enabled rooms (`every`: all), for the room pickers."""
    from court_contract.text import pick

    from ..content import tri_from_db
    from .i18n import select_language

    lang = select_language()
    rows = db.query(f"SELECT id, number, name FROM rooms {'' if every else 'WHERE enabled = 1'} "
                    "ORDER BY floor, number, id")
    items = [(r["id"], " — ".join(p for p in (r["number"], pick(tri_from_db(r["name"]), lang)) if p)) for r in rows]
    return ([("", "—")] if empty else []) + items


SPEC = crud.Spec(
    name="rooms", table="rooms", title=_l("Courtrooms"), add_label=_l("Add a courtroom"), sortable=True,
    order_by="sort_order, floor, number, id", unique=("number",), check=check, before_write=before_write,
    after_write=after_write, before_delete=before_delete, form_context=form_context,
    form_extra="admin/room_plan.html", row_extra=row_extra,
    list_extra="admin/room_plan_cell.html", list_extra_label=_l("Plan"),
    intro=_l("Courtrooms as visitors find them: hearings and reception days point here. Upload one plan per "
             "floor; the other rooms of the floor take it. Click the plan to mark where a room is."),
    fields=(
        Field("number", _l("Room number"), "text", required=True, in_list=True, max_length=20,
              help=_l("As written on the door, e.g. 204 or 3A.")),
        Field("name", _l("Name"), "tri", required=True, in_list=True, max_length=120),
        Field("floor", _l("Floor"), "int", required=True, in_list=True, minimum=-9, maximum=200, default=1),
        Field("wing", _l("Wing"), "tri", max_length=120),
        Field("way", _l("How to get there"), "tri_area", max_length=600),
        Field("plan", _l("Floor plan (PNG or JPEG)"), "file", upload="image"),
        Field("plan_x", _l("Position on the plan, across (0-1)"), "float", minimum=0, maximum=1, row="pos"),
        Field("plan_y", _l("Position on the plan, down (0-1)"), "float", minimum=0, maximum=1, row="pos",
              help=_l("0 is the left or top edge, 1 the right or bottom edge.")),
        Field("enabled", _l("Shown"), "bool", in_list=True, default=1),
    ),
)
crud.register(bp, SPEC)
