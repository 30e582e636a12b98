#!/usr/bin/env python3
"""Regenerate the demo court's files (admin_server/demo/) from media/data/.

Run BY HAND by a developer when the demo content changes; never at install or
test time. The output is committed and ships inside the admin_server package.

What it writes (paths relative to admin_server/):
    demo/content.json                   the whole demo draft content (input of
                                        ``court-kiosk-server seed-demo``)
    demo/templates/<slug>-<lang>.docx   claim templates, lang = kk, ru, en
    demo/plans/floor-<n>.png            the floor plans of the rooms (Pillow)
    demo/videos/<name>.mp4              the lobby clips (H.264 + AAC)
    demo/videos/corrupt.mp4             a deliberately broken MP4 for player
                                        tests; NOT referenced by content.json

How to run (from the project root):
    .venv/bin/python media/make_demo_media.py            # everything
    .venv/bin/python media/make_demo_media.py --only json   # or docx, plans, videos

Needs: python-docx and pillow (dev dependencies), ffmpeg with libx264 and
drawtext on PATH, and the DejaVu fonts (Debian: fonts-dejavu-core).
Texts live in media/data/ (see media/README.md); the code in demo_maker/.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from demo_maker import clips, content, documents, layout, plans
from demo_maker.data import DATA_DIR, DataError

PARTS = {"json": content.make_json, "docx": documents.make_templates,
         "plans": plans.make_plans, "videos": clips.make_videos}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", choices=tuple(PARTS), help="regenerate only this part")
    parser.add_argument("--data-dir", type=Path, default=DATA_DIR,
                        help="the TOML data files (default: media/data/)")
    parser.add_argument("--out-dir", type=Path, default=layout.OUT_DIR,
                        help="the folder that receives demo/ (default: admin_server/)")
    args = parser.parse_args(argv)
    written: list[Path] = []
    try:
        for name, make in PARTS.items():
            if args.only in (None, name):
                written += make(args.out_dir, args.data_dir)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 2
    for path in written:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:12]
        print(f"{path.stat().st_size:>9}  {digest}  {path.relative_to(args.out_dir)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
