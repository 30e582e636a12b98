"""List, create, edit, delete and reorder rows of one content table, driven by a `Spec`.

Each content area describes its table once (fields, role, checks, hooks) and
calls `register(bp, spec)`; this module holds the one copy of the web part:
parsing, validation with the input kept, staged uploads (kept for the
retry when the form is refused: admin/kept_uploads.py), the web address name
filled from the title (admin/slug_field.py), one write transaction per change
and an audit row with old -> new values. The SQL is in crud_store.
"""
import contextlib
import sqlite3
from dataclasses import dataclass
from typing import Callable

from flask import abort, flash, render_template, request, url_for
from flask_babel import gettext as _

from .. import crud_store
from ..content import audit, get_settings
from ..db import get_db, write_transaction
from ..errors import ValidationError
from . import fields as F
from . import kept_uploads, slug_field
from .common import conflict_errors, done, loaded_json, opened_with, store, username
from .i18n import select_language
from .security import requires
from .uploads import UploadRefused, limit_bytes, stage, staging_file
from .zone import court_zone


@dataclass
class Spec:
    name: str                      # URL segment and blueprint suffix
    table: str
    title: object                  # plural, for the list page
    add_label: object              # "Add a ...": the button and the new form's heading
    fields: tuple
    role: str = "editor"
    pk: str = "id"
    pk_type: str = "int"
    order_by: str = "sort_order, id"
    sortable: bool = False
    unique: tuple = ()             # field names that must not repeat
    fixed: tuple = ()              # field names that cannot change after creation
    intro: object = None
    check: Callable | None = None          # (db, values, errors, row) -> None
    before_write: Callable | None = None   # (db, values, uploads, row, changes) -> None
    after_write: Callable | None = None    # (db, row_id, uploads, row, changes) -> None
    before_delete: Callable | None = None  # (db, row, changes) -> None
    form_extra: str | None = None          # template included on the edit page
    form_context: Callable | None = None   # (db, row) -> dict for form_extra
    row_extra: Callable | None = None      # (db, row) -> dict of list-only values
    list_extra: str | None = None          # template of one more list column (gets `r`), after the fields
    list_extra_label: object = None        # that column's heading
    slug: tuple | None = None              # (slug field, title field): the slug is filled from the title

    def label(self, row) -> str:
        for f in self.fields:
            if f.in_list:
                return F.show(f, row.get(f.name), select_language())
        return str(row[self.pk])

    def columns(self):
        return [f for f in self.fields if f.in_list]

    def form_fields(self):
        return [f for f in self.fields if f.in_form]

    def form_rows(self) -> list[list]:
        """The form's fields, consecutive ones with the same `row` grouped to sit side by side."""
        rows: list[list] = []
        for f in self.form_fields():
            if f.row and rows and rows[-1][0].row == f.row:
                rows[-1].append(f)
            else:
                rows.append([f])
        return rows

    def file_fields(self):
        return [f for f in self.fields if f.kind == "file"]


def get_row(spec: Spec, row_id):
    row = crud_store.row(get_db(), spec.table, spec.pk, row_id)
    if row is None:
        abort(404, _("This entry does not exist (it may have been deleted)."))
    return row


def ordered_rows(spec: Spec, db=None):
    return crud_store.rows(db or get_db(), spec.table, spec.order_by)


def form_values(spec: Spec, row, zone):
    return {f.name: F.to_form(f, row.get(f.name) if row else f.default, zone=zone) for f in spec.form_fields()
            if f.kind != "file"}


class Changes:
    """Old and new values of one change, for its audit row."""

    def __init__(self):
        self.old, self.new = {}, {}

    def add(self, key, old, new):
        self.old[key], self.new[key] = old, new


class EditConflict(Exception):
    """Someone else saved the row after this form was opened; `fresh` is the row as it is now."""

    def __init__(self, fresh):
        super().__init__("edit conflict")
        self.fresh = fresh


def render_form(spec: Spec, row, values, errors, status=200, loaded=None, kept=None):
    """`loaded`: the opened-with values (form_values of the row when the form was first shown);
    `kept`: field name -> kept_uploads.Kept, the checked files a refused form keeps for the retry."""
    db = get_db()
    if row is not None and loaded is None:
        loaded = form_values(spec, row, court_zone(db))
    # A new row's slug follows its title as it is typed (static/admin/admin.js); an existing one stays put.
    live_slug = {spec.slug[0]: slug_field.script_attributes() | {"data-slug-from": spec.slug[1]}} \
        if spec.slug and row is None else {}
    return render_template(
        "admin/form.html", spec=spec, row=row, values=values, errors=errors, db=db,
        loaded=loaded_json(loaded) if row is not None else None,
        choices={f.name: f.choice_list(db) for f in spec.fields if f.kind == "choice"},
        limits={f.name: limit_bytes(get_settings(db), f.upload) for f in spec.file_fields()},
        kept=kept or {}, live_slug=live_slug,
        **(spec.form_context(db, row) if spec.form_context and row is not None else {}),
    ), status


def _parse_form(spec: Spec, db, row, zone):
    """(values to store, what was typed, field -> error sentence, notes for the person after saving)."""
    values, raws, errors, notes = {}, {}, {}, []
    for f in spec.form_fields():
        if f.kind == "file" or (row is not None and f.name in spec.fixed):
            continue
        raws[f.name] = F.raw_value(f, request.form)
        try:
            values[f.name] = F.parse(f, raws[f.name], db=db, zone=zone)
        except F.Invalid as e:
            errors[f.name] = str(e)
    if spec.slug:
        notes.append(slug_field.fill(db, spec, values, raws, errors, row))
    for name in spec.unique:
        if name in values and values[name] is not None and name not in errors:
            if crud_store.is_taken(db, spec.table, name, values[name], spec.pk, row[spec.pk] if row is not None else None):
                errors[name] = _("“%(value)s” is already used; choose another.", value=values[name])
    if spec.check:
        spec.check(db, values, errors, row)
    return values, raws, errors, [n for n in notes if n]


def _mine(spec: Spec, db, zone, raws, loaded) -> dict:
    """The fields this person changed in the form (parsed both ways, so spacing and line ends do not count)."""
    def parsed(f, raw):
        try:
            return F.parse(f, raw, db=db, zone=zone)
        except F.Invalid:
            return raw

    by_name = {f.name: f for f in spec.form_fields()}
    return {k: v for k, v in raws.items() if k not in loaded or parsed(by_name[k], v) != parsed(by_name[k], loaded[k])}


def _staged_uploads(spec: Spec, staging: contextlib.ExitStack, settings, errors, row) -> dict:
    """Field name -> Staged: each file field's new upload, checked, or the file kept from the last try."""
    uploads = {}
    for f in spec.file_fields():
        upload = request.files.get(f.name)
        token = request.form.get(kept_uploads.kept_field(f.name), "")
        chosen = upload is not None and bool(upload.filename)
        if token and (chosen or request.form.get(kept_uploads.drop_field(f.name))):
            kept_uploads.forget(store(), token)  # replaced by a new file, or not wanted
            token = ""
        if not chosen and not token:
            if f.required and row is None:
                errors[f.name] = _("Choose a file to upload.")
            continue
        path = staging.enter_context(staging_file(store()))
        limit = limit_bytes(settings, f.upload)
        try:
            uploads[f.name] = (stage(upload, f.upload, path, limit) if chosen
                               else kept_uploads.claim(store(), token, f.upload, path, limit))
        except UploadRefused as e:
            errors[f.name] = str(e)
    return uploads


def _keep(spec: Spec, uploads: dict) -> dict:
    """Keep the checked files of a refused form for its retry (form.html says so); field name -> Kept."""
    kinds = {f.name: f.upload for f in spec.file_fields()}
    return {name: kept_uploads.keep(store(), staged, kinds[name]) for name, staged in uploads.items()}


def save(spec: Spec, row=None):
    db = get_db()
    settings = get_settings(db)
    zone = court_zone(db)
    values, raws, errors, notes = _parse_form(spec, db, row, zone)
    shown = form_values(spec, row, zone) | raws
    loaded = opened_with() if row is not None else None
    with contextlib.ExitStack() as staging:
        uploads = _staged_uploads(spec, staging, settings, errors, row)
        if errors:
            return render_form(spec, row, shown, errors, 422, loaded, _keep(spec, uploads))
        try:
            row_id = _write(spec, db, row, values, uploads, loaded, zone)
        except ValidationError as e:
            errors[e.field or "_form"] = str(e)
            return render_form(spec, row, shown, errors, 422, loaded, _keep(spec, uploads))
        except EditConflict as e:
            # Saving this form would undo the other person's changes: show theirs with this person's, to save again.
            errors.update(conflict_errors())
            merged = form_values(spec, e.fresh, zone) | _mine(spec, db, zone, raws, loaded)
            return render_form(spec, e.fresh, merged, errors, 409, kept=_keep(spec, uploads))
    saved = get_row(spec, row_id)
    message = (_("Saved “%(name)s”.", name=spec.label(saved)) if row is not None
               else _("Added “%(name)s”.", name=spec.label(saved)))
    for note in notes:
        flash(note, "ok")
    return done(url_for(f"{request.blueprint}.index"), message)


def _write(spec: Spec, db, row, values, uploads, loaded=None, zone=None):
    changes = Changes()
    with write_transaction(db):
        if row is not None and loaded is not None:
            row = crud_store.row(db, spec.table, spec.pk, row[spec.pk])
            if row is None:
                raise ValidationError(_("This entry does not exist (it may have been deleted)."))
            if form_values(spec, row, zone) != loaded:
                raise EditConflict(row)
        if spec.before_write:
            spec.before_write(db, values, uploads, row, changes)
        by_name = {f.name: f for f in spec.fields}
        if row is None:
            if spec.sortable:
                values.setdefault("sort_order", crud_store.next_sort_order(db, spec.table))
            try:
                row_id = crud_store.insert(db, spec.table, spec.pk, values)
            except sqlite3.IntegrityError as e:
                raise ValidationError(_("This could not be saved: %(why)s.", why=str(e))) from None
            for k, v in values.items():
                changes.add(k, None, F.for_audit(by_name[k], v) if k in by_name else v)
        else:
            row_id = row[spec.pk]
            changed = {k: v for k, v in values.items() if row.get(k) != v}
            if changed:
                crud_store.update(db, spec.table, row_id, changed)
            for k, v in changed.items():
                f = by_name.get(k)
                changes.add(k, F.for_audit(f, row.get(k)) if f else row.get(k), F.for_audit(f, v) if f else v)
        if spec.after_write:
            spec.after_write(db, row_id, uploads, row, changes)
        if row is None:
            audit(db, username(), "create", spec.table, row_id, None, changes.new)
        elif changes.new:
            audit(db, username(), "update", spec.table, row_id, changes.old, changes.new)
    return row_id


def reorder(spec: Spec, db, ids):
    """Store `ids` (every row's pk) as the new order, audited as one "reorder"; call in a write transaction.
    Returns whether the order changed."""
    old = [r[spec.pk] for r in ordered_rows(spec, db)]
    if sorted(map(str, ids)) != sorted(map(str, old)):
        raise ValidationError(_("The list changed while you were sorting it; reload the page and try again."))
    by_str = {str(i): i for i in old}
    new = [by_str[str(i)] for i in ids]
    if new == old:
        return False
    crud_store.set_order(db, spec.table, new)
    audit(db, username(), "reorder", spec.table, None, old, new)
    return True


def register(bp, spec: Spec) -> None:
    """Add index/new/edit/delete (and move/order when sortable) views to `bp`."""
    conv = "int" if spec.pk_type == "int" else "string"
    role = requires(spec.role)

    @bp.get("/")
    @role
    def index():
        db = get_db()
        zone = court_zone(db)
        lang = select_language()
        rows = []
        for r in ordered_rows(spec, db):
            r = r | (spec.row_extra(db, r) if spec.row_extra else {})
            rows.append({"id": r[spec.pk], "label": spec.label(r), "row": r,
                         "cells": [F.show(f, r.get(f.name), lang, db=db, zone=zone) for f in spec.columns()]})
        return render_template("admin/list.html", spec=spec, rows=rows)

    @bp.route("/new", methods=["GET", "POST"])
    @role
    def new():
        if request.method == "POST":
            return save(spec)
        return render_form(spec, None, form_values(spec, None, court_zone(get_db())), {})

    @bp.route(f"/<{conv}:row_id>/edit", methods=["GET", "POST"])
    @role
    def edit(row_id):
        row = get_row(spec, row_id)
        if request.method == "POST":
            return save(spec, row)
        return render_form(spec, row, form_values(spec, row, court_zone(get_db())), {})

    @bp.route(f"/<{conv}:row_id>/delete", methods=["GET", "POST"])
    @role
    def delete(row_id):
        row = get_row(spec, row_id)
        label = spec.label(row)
        if request.method == "GET":
            return render_template("admin/delete.html", spec=spec, row=row, label=label)
        db = get_db()
        changes = Changes()
        try:
            with write_transaction(db):
                if spec.before_delete:
                    spec.before_delete(db, row, changes)
                crud_store.delete(db, spec.table, row_id)
                old = {f.name: F.for_audit(f, row.get(f.name)) for f in spec.form_fields() if f.kind != "file"}
                audit(db, username(), "delete", spec.table, row_id, old | changes.old, None)
        except (ValidationError, sqlite3.IntegrityError) as e:
            message = str(e) if isinstance(e, ValidationError) else _(
                "“%(name)s” is still used by other content; change that first.", name=label)
            return render_template("admin/delete.html", spec=spec, row=row, label=label, error=message), 409
        return done(url_for(f"{bp.name}.index"), _("Deleted “%(name)s”.", name=label))

    if spec.sortable:
        @bp.post(f"/<{conv}:row_id>/move")
        @role
        def move(row_id):
            """One step up or down, or to the top ("direction")."""
            row = get_row(spec, row_id)
            db = get_db()
            direction = request.form.get("direction")
            with write_transaction(db):
                ids = [r[spec.pk] for r in ordered_rows(spec, db)]
                if row[spec.pk] not in ids:
                    abort(404)
                i = ids.index(row[spec.pk])
                if direction == "top":
                    ids.insert(0, ids.pop(i))
                else:
                    j = i - 1 if direction == "up" else i + 1
                    if 0 <= j < len(ids):
                        ids[i], ids[j] = ids[j], ids[i]
                moved = reorder(spec, db, ids)
            message = _("Moved “%(name)s” to the top of the list.", name=spec.label(row)) \
                if direction == "top" and moved else None
            return done(url_for(f"{bp.name}.index") + f"#row-{row_id}", message)

        @bp.post("/order")
        @role
        def order():
            data = request.get_json(silent=True)
            ids = data.get("ids") if isinstance(data, dict) else None
            if not isinstance(ids, list):
                abort(400, _("Send the new order as a list of ids."))
            db = get_db()
            try:
                with write_transaction(db):
                    reorder(spec, db, ids)
            except ValidationError as e:
                return {"error": str(e)}, 409
            return {"ok": True, "message": _("The new order is saved.")}
