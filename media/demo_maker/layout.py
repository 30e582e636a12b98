"""Where the generated demo goes and how its files are named.

The demo ships inside the admin_server package (package data), so
``court-kiosk-server seed-demo`` finds it in an installed server too. Paths in
content.json are relative to the folder that holds demo/.
"""
from pathlib import Path

OUT_DIR = Path(__file__).resolve().parents[2] / "admin_server"
DEMO = "demo"
CONTENT = f"{DEMO}/content.json"


def template_file(slug: str, lang: str) -> str:
    return f"{DEMO}/templates/{slug}-{lang}.docx"


def clip_file(name: str) -> str:
    return f"{DEMO}/videos/{name}.mp4"


def plan_file(floor: int) -> str:
    return f"{DEMO}/plans/floor-{floor}.png"
