"""The floor plans: demo/plans/floor-<n>.png, one a floor that has rooms in rooms.toml.

A simple, readable plan of the invented building (rooms.toml explains it): the
outer walls, one corridor west-east, two rows of door bays, fire stairs at both
ends, the main stairs and the lift in the middle, the entrance and the lobby on
floor 1 (with "you are here" where the kiosk stands). The rooms of rooms.toml
are coloured and numbered large; the other bays are offices, numbered small;
numbers sit by the doors, clear of where a kiosk marks the room.
`position` gives that mark (the middle across, in the room's outer part) as
fractions of the image, from the same geometry that draws it. Drawn with Pillow and
DejaVu Sans; PNG output with no metadata, so a re-run gives the same bytes.
"""
from __future__ import annotations

from pathlib import Path

from . import data, layout
from .data import BAYS, CENTRE_BAYS, DATA_DIR, LANGS

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
FONT_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
W, H = 1600, 900
# The building and its bands (pixels): outer walls, the bay row, the corridor between the rows.
LEFT, RIGHT, TOP, BOTTOM = 70, 1530, 150, 790
END = 100  # the fire stairs at each end
BAY_W = (RIGHT - LEFT - 2 * END) / BAYS
NORTH = (TOP, TOP + 260)
CORRIDOR = (NORTH[1], NORTH[1] + 120)
SOUTH = (CORRIDOR[1], BOTTOM)

INK, WALL, GREY = "#263238", "#37474f", "#90a4ae"
FLOOR, CORRIDOR_FILL, OFFICE, ROOM, ROOM_EDGE = "#fafafa", "#fff6da", "#eceff1", "#b9dcf8", "#1565c0"
STAIRS, HERE = "#d7ccc8", "#c62828"


def _font(size: int, bold: bool = False):
    from PIL import ImageFont
    return ImageFont.truetype(FONT_BOLD if bold else FONT, size)


def bay_box(side: str, bay: int, span: int = 1) -> tuple[float, float, float, float]:
    x0 = LEFT + END + bay * BAY_W
    y0, y1 = NORTH if side == "north" else SOUTH
    return x0, y0, x0 + span * BAY_W, y1


MARK_DEPTH = 90  # px from the outer wall: where a kiosk marks the room, clear of the number by its door


def position(room: dict) -> tuple[float, float]:
    """Where the kiosk marks the room on its plan, as fractions of the width and height (4 decimals):
    the middle across, in the room's outer part (its number is by the door, on the corridor side)."""
    x0, y0, x1, y1 = bay_box(room["side"], room["bay"], room["span"])
    y = y0 + MARK_DEPTH if room["side"] == "north" else y1 - MARK_DEPTH
    return round((x0 + x1) / 2 / W, 4), round(y / H, 4)


def _lines(text: dict) -> list[str]:
    """A trilingual text as lines, a language a line, the same word once (Лифт / Lift)."""
    return list(dict.fromkeys(text[lang] for lang in LANGS))


def _centred(draw, box, lines, size, fill=INK, bold=False, gap=4):
    """Lines centred in box, at the largest size up to `size` at which the longest fits across."""
    while size > 10 and max(_font(size, bold).getlength(t) for t in lines) > box[2] - box[0] - 12:
        size -= 1
    font = _font(size, bold)
    heights = [font.getbbox(t)[3] - font.getbbox(t)[1] for t in lines]
    total = sum(heights) + gap * (len(lines) - 1)
    x = (box[0] + box[2]) / 2
    y = (box[1] + box[3]) / 2 - total / 2
    for text, h in zip(lines, heights):
        draw.text((x, y + h), text, font=font, fill=fill, anchor="ms")
        y += h + gap


def _stairs(draw, box, steps_across: bool):
    draw.rectangle(box, fill=STAIRS, outline=WALL, width=3)
    x0, y0, x1, y1 = box
    if steps_across:  # treads across a flight that runs north-south
        for y in range(int(y0) + 14, int(y1) - 6, 16):
            draw.line((x0 + 8, y, x1 - 8, y), fill=GREY, width=2)
    else:
        for x in range(int(x0) + 14, int(x1) - 6, 16):
            draw.line((x, y0 + 8, x, y1 - 8), fill=GREY, width=2)


def _door_plate(box, side):
    """Where a room's number goes: by its door, so the kiosk's marker (see `position`) leaves it readable."""
    x0, y0, x1, y1 = box
    return (x0, y1 - 80, x1, y1 - 10) if side == "north" else (x0, y0 + 10, x1, y0 + 80)


def _door(draw, box, side):
    """A gap in the wall to the corridor, with a door leaf."""
    x0, _y0, x1, _y1 = box
    y = box[3] if side == "north" else box[1]
    a, b = x0 + 14, x0 + 50
    draw.line((a, y, b, y), fill=CORRIDOR_FILL, width=5)
    leaf = y - 36 if side == "north" else y + 36
    draw.line((a, y, a, leaf), fill=WALL, width=2)


def draw_floor(floor: int, rooms: list[dict], words: dict):
    from PIL import Image, ImageDraw

    img = Image.new("RGB", (W, H), "white")
    draw = ImageDraw.Draw(img)
    draw.text((LEFT, 56), "  ·  ".join(_lines({k: v.format(floor=floor) for k, v in words["floor"].items()})),
              font=_font(40, bold=True), fill=INK, anchor="ls")
    # a north arrow in the top right corner
    draw.polygon([(RIGHT - 30, 30), (RIGHT - 46, 76), (RIGHT - 14, 76)], fill=INK)
    draw.text((RIGHT - 30, 104), "N", font=_font(26, bold=True), fill=INK, anchor="ms")

    draw.rectangle((LEFT, TOP, RIGHT, BOTTOM), fill=FLOOR)
    draw.rectangle((LEFT + END, CORRIDOR[0], RIGHT - END, CORRIDOR[1]), fill=CORRIDOR_FILL)
    # fire stairs at both ends
    _stairs(draw, (LEFT, TOP, LEFT + END, BOTTOM), steps_across=True)
    _stairs(draw, (RIGHT - END, TOP, RIGHT, BOTTOM), steps_across=True)

    by_bay = {}
    for room in rooms:
        for b in range(room["bay"], room["bay"] + room["span"]):
            by_bay[(room["side"], b)] = room
    for side in ("north", "south"):
        for bay in range(BAYS):
            if bay in CENTRE_BAYS:
                continue
            room = by_bay.get((side, bay))
            if room is not None and room["bay"] != bay:
                continue  # the second bay of a wide room
            box = bay_box(side, bay, room["span"] if room else 1)
            plate = _door_plate(box, side)
            if room:
                draw.rectangle(box, fill=ROOM, outline=ROOM_EDGE, width=4)
                _centred(draw, plate, [room["number"]], 44, fill=ROOM_EDGE, bold=True)
            else:
                number = f"{floor}{2 * bay + (1 if side == 'north' else 2):02d}"
                draw.rectangle(box, fill=OFFICE, outline=WALL, width=3)
                _centred(draw, plate, [number], 28, fill=GREY)
            _door(draw, box, side)

    # the middle: main stairs and lift (north), lobby or waiting area (south)
    stairs = bay_box("north", CENTRE_BAYS[0])
    _stairs(draw, stairs, steps_across=False)
    _centred(draw, (stairs[0], stairs[1], stairs[2], stairs[1] + 110), _lines(words["stairs"]), 26, bold=True)
    lift = bay_box("north", CENTRE_BAYS[1])
    draw.rectangle(lift, fill=STAIRS, outline=WALL, width=3)
    inner = (lift[0] + 24, lift[1] + 80, lift[2] - 24, lift[3] - 60)
    draw.rectangle(inner, outline=WALL, width=2)
    draw.line(inner, fill=GREY, width=2)
    draw.line((inner[0], inner[3], inner[2], inner[1]), fill=GREY, width=2)
    _centred(draw, (lift[0], lift[1], lift[2], lift[1] + 80), _lines(words["lift"]), 26, bold=True)
    hall = bay_box("south", CENTRE_BAYS[0], 2)
    draw.rectangle(hall, fill=CORRIDOR_FILL)
    for x in (hall[0], hall[2]):
        draw.line((x, hall[1], x, hall[3]), fill=WALL, width=3)
    if floor == 1:
        _centred(draw, (hall[0], hall[1], hall[2], hall[1] + 95), _lines(words["lobby"]), 30, bold=True)
        # where the kiosk stands: a dot, the words under it
        kx, ky = (hall[0] + hall[2]) / 2, hall[1] + 120
        draw.ellipse((kx - 18, ky - 18, kx + 18, ky + 18), fill=HERE, outline="white", width=3)
        _centred(draw, (hall[0], ky + 24, hall[2], ky + 114), [words["here"][lang] for lang in LANGS], 26,
                 fill=HERE, bold=True)
    else:
        _centred(draw, (hall[0], hall[1], hall[2], hall[1] + 120), _lines(words["waiting"]), 30, bold=True)
        for row in range(2):  # benches
            y = hall[1] + 150 + row * 70
            draw.rectangle((hall[0] + 40, y, hall[2] - 40, y + 22), fill=OFFICE, outline=GREY, width=2)
    # the outer walls last, over everything
    draw.rectangle((LEFT, TOP, RIGHT, BOTTOM), outline=WALL, width=7)
    if floor == 1:  # the entrance: a gap in the south wall and an arrow in
        mid = (hall[0] + hall[2]) / 2
        draw.rectangle((mid - 70, BOTTOM - 4, mid + 70, BOTTOM + 4), fill=CORRIDOR_FILL)
        draw.polygon([(mid, BOTTOM - 6), (mid - 22, BOTTOM + 34), (mid + 22, BOTTOM + 34)], fill=INK)
        draw.text((mid, BOTTOM + 76), "  ·  ".join(_lines(words["entrance"])), font=_font(32, bold=True),
                  fill=INK, anchor="ms")
    return img


def floors(data_dir: Path = DATA_DIR) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {}
    for room in data.rooms(data_dir):
        out.setdefault(room["floor"], []).append(room)
    return dict(sorted(out.items()))


def make_plans(out_dir: Path, data_dir: Path = DATA_DIR) -> list[Path]:
    words = data.plan_words(data_dir)
    written = []
    for floor, rooms in floors(data_dir).items():
        path = Path(out_dir) / layout.plan_file(floor)
        path.parent.mkdir(parents=True, exist_ok=True)
        draw_floor(floor, rooms, words).save(path, format="PNG", optimize=True)
        written.append(path)
    return written
