"""content.json: the whole demo draft, the input of ``court-kiosk-server seed-demo``."""
from __future__ import annotations

import json
from pathlib import Path

from . import data, layout, plans
from .data import DATA_DIR, LANGS


def content(data_dir: Path = DATA_DIR) -> dict:
    return {
        "_notes": data.notes(data_dir),
        "settings": data.settings(data_dir),
        "mrp": data.mrp(data_dir),
        "fee_rules": data.fee_rules(data_dir),
        "reception": data.reception(data_dir),
        "template_categories": data.categories(data_dir),
        "templates": [
            {"slug": t["slug"], "category": t["category"], "title": t["title"],
             "description": t["description"],
             "files": {lang: layout.template_file(t["slug"], lang) for lang in LANGS}}
            for t in data.templates(data_dir)],
        "videos": [{"title": c["title"], "file": layout.clip_file(c["name"])}
                   for c in data.clips(data_dir)],
        "announcements": data.announcements(data_dir),
        "links": data.links(data_dir),
        "holidays": data.holidays(data_dir),
        "rooms": [
            {"number": r["number"], "name": r["name"], "floor": r["floor"], "wing": r["wing"], "way": r["way"],
             "plan": layout.plan_file(r["floor"]), "x": x, "y": y}
            for r in data.rooms(data_dir) for x, y in [plans.position(r)]],
        "hearings": data.hearings(data_dir),
    }


def make_json(out_dir: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    path = Path(out_dir) / layout.CONTENT
    text = json.dumps(content(data_dir), ensure_ascii=False, indent=2) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return [path]
