"""Colours and sizes of the kiosk (a calm court palette), plain data.

Two palettes: ``normal`` (navy on white, gold accents) and ``contrast``
(black on white, yellow selection) used with large text. Every text colour
is paired with the background it is drawn on; :func:`contrast_ratio`
(WCAG 2) lets a test check each pair is at least 4.5:1.
"""


def _hex(code, alpha=1.0):
    code = code.lstrip("#")
    return [int(code[i:i + 2], 16) / 255 for i in (0, 2, 4)] + [alpha]


NORMAL = {
    "bg": _hex("#FFFFFF"),
    "fg": _hex("#14213D"),        # dark navy text
    "muted": _hex("#3D4A63"),     # secondary text, still 8:1 on white
    "panel": _hex("#EEF2F8"),     # cards
    "panel_fg": _hex("#14213D"),
    "bar": _hex("#14213D"),       # top and bottom bars
    "bar_fg": _hex("#FFFFFF"),
    "primary": _hex("#1F3F73"),   # buttons and tiles
    "primary_fg": _hex("#FFFFFF"),
    "secondary": _hex("#DCE4F0"),  # unselected choices
    "secondary_fg": _hex("#14213D"),
    "selected": _hex("#E3B341"),  # selected choice (gold)
    "selected_fg": _hex("#14213D"),
    "highlight": _hex("#FFF1C2"),  # today
    "highlight_fg": _hex("#14213D"),
    "accent": _hex("#C9A227"),    # decoration only, never text
    "error": _hex("#A3161B"),
    "ticker": _hex("#E6ECF5"),
    "ticker_fg": _hex("#14213D"),
    "emergency": _hex("#A3161B"),
    "emergency_fg": _hex("#FFFFFF"),
    "overlay": _hex("#14213D", 0.95),
    "overlay_fg": _hex("#FFFFFF"),
    "video_bg": _hex("#14213D"),
    "border": _hex("#FFFFFF", 0),  # outlines of controls (none in the normal palette)
    "bar_border": _hex("#FFFFFF", 0),
}

CONTRAST = dict(NORMAL)
CONTRAST.update({
    "fg": _hex("#000000"),
    "muted": _hex("#000000"),
    "panel": _hex("#FFFFFF"),
    "panel_fg": _hex("#000000"),
    "bar": _hex("#000000"),
    "primary": _hex("#000000"),
    "secondary": _hex("#FFFFFF"),
    "secondary_fg": _hex("#000000"),
    "selected": _hex("#FFE000"),
    "selected_fg": _hex("#000000"),
    "highlight": _hex("#FFE000"),
    "highlight_fg": _hex("#000000"),
    "error": _hex("#8B0000"),
    "ticker": _hex("#000000"),
    "ticker_fg": _hex("#FFFFFF"),
    "overlay": _hex("#000000", 0.95),
    "video_bg": _hex("#000000"),
    "border": _hex("#000000"),
    "bar_border": _hex("#FFFFFF"),
})

# (text, background) pairs that appear on screen.
TEXT_PAIRS = [
    ("fg", "bg"), ("muted", "bg"), ("panel_fg", "panel"), ("muted", "panel"), ("bar_fg", "bar"),
    ("primary_fg", "primary"), ("secondary_fg", "secondary"), ("selected_fg", "selected"),
    ("highlight_fg", "highlight"), ("error", "bg"), ("error", "panel"), ("ticker_fg", "ticker"),
    ("emergency_fg", "emergency"), ("overlay_fg", "overlay"), ("bar_fg", "video_bg"), ("fg", "highlight"),
]

FONT_SCALE = {False: 1.0, True: 1.25}


def palette(large):
    return CONTRAST if large else NORMAL


def _luminance(rgba):
    def channel(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(fg, bg):
    """WCAG 2 contrast ratio of two opaque colours given as [r, g, b(, a)] in 0..1."""
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)
