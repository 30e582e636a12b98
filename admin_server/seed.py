"""Load the demo court (media/demo/content.json) into an empty database."""
import json
from pathlib import Path

from sqlite_utils import Database

from .content import audit, has_content, register_media, set_settings, tri
from .errors import ValidationError
from .filetypes import DOCUMENT_TYPES, VIDEO_TYPES, sniff
from .store import MediaStore

REPO_MEDIA_DIR = Path(__file__).resolve().parent.parent / "media"
MAX_DEMO_FILE = 50 * 1024 * 1024
TRI_FIELDS = {
    "fee_rules": ("title", "note", "legal_ref"),
    "reception": ("person", "position", "court", "room", "booking_note"),
    "template_categories": ("title",),
    "announcements": ("text",),
    "links": ("title", "description"),
}


def _tri_row(row: dict, fields) -> dict:
    return {k: (tri(v) if k in fields and v is not None else v) for k, v in row.items()}


def _store(db: Database, store: MediaStore, media_dir: Path, rel: str, allowed) -> tuple[str, str]:
    path = media_dir / rel
    if not path.is_file():
        raise ValidationError(f"The demo file {path} is missing.")
    mime = sniff(path)
    if mime not in allowed:
        raise ValidationError(f"The demo file {path} is not of an accepted type.")
    stored = store.put_file(path, max_size=MAX_DEMO_FILE)
    register_media(db, stored, mime, path.name)
    return stored.sha256, path.name


def seed_demo(db: Database, store: MediaStore, media_dir: Path = REPO_MEDIA_DIR) -> str:
    """Fill an empty database with the demo court; refuses to touch existing content."""
    content_file = Path(media_dir) / "demo" / "content.json"
    if not content_file.is_file():
        raise ValidationError(f"Demo content not found at {content_file}.")
    if has_content(db):
        return "The database already has content; the demo was not loaded again."
    demo = json.loads(content_file.read_text(encoding="utf-8"))
    with db.atomic():
        set_settings(db, demo["settings"])
        db["mrp_values"].insert_all(demo["mrp"], pk="year", replace=True)
        for i, rule in enumerate(demo["fee_rules"]):
            db["fee_rules"].insert(dict(_tri_row(rule, TRI_FIELDS["fee_rules"]), sort_order=i,
                                        exempt=int(bool(rule.get("exempt")))))
        for i, slot in enumerate(demo["reception"]):
            db["reception_slots"].insert(dict(_tri_row(slot, TRI_FIELDS["reception"]), sort_order=i))
        for i, cat in enumerate(demo["template_categories"]):
            db["template_categories"].insert(dict(_tri_row(cat, TRI_FIELDS["template_categories"]), sort_order=i))
        for i, t in enumerate(demo["templates"]):
            template_id = db["templates"].insert({
                "slug": t["slug"], "category": t["category"], "title": tri(t["title"]),
                "description": tri(t.get("description") or ""), "sort_order": i,
            }).last_pk
            for lang, rel in t["files"].items():
                sha, name = _store(db, store, Path(media_dir), rel, DOCUMENT_TYPES)
                db["template_files"].insert({"template_id": template_id, "lang": lang, "sha256": sha, "name": name})
        for i, v in enumerate(demo["videos"]):
            sha, name = _store(db, store, Path(media_dir), v["file"], VIDEO_TYPES)
            db["videos"].insert({"title": tri(v["title"]), "sha256": sha, "name": name, "sort_order": i,
                                 "duration_s": v.get("duration_s")})
        for a in demo["announcements"]:
            db["announcements"].insert(_tri_row(a, TRI_FIELDS["announcements"]) | {"emergency": int(bool(a.get("emergency")))})
        for i, link in enumerate(demo["links"]):
            db["links"].insert(dict(_tri_row(link, TRI_FIELDS["links"]), sort_order=i))
        audit(db, None, "seed-demo", "content", None, None, {"templates": len(demo["templates"])})
    return (f"Loaded the demo court: {len(demo['templates'])} templates, {len(demo['videos'])} videos, "
            f"{len(demo['fee_rules'])} fee rules, {len(demo['reception'])} reception slots.")
