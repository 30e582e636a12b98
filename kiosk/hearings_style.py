"""Status badge colours for the hearing screens and the display board (plain data, no Kivy).

A status is always shown in colour AND in words (colour alone fails people who
do not see it); each badge's text colour is paired with its background and
checked for 4.5:1 contrast (kiosk.widgets.theme.contrast_ratio) in the tests.
"""

from kiosk.widgets.theme import _hex

# status: (badge background, badge text)
BADGE = {
    "scheduled": (_hex("#DCE4F0"), _hex("#14213D")),    # the theme's quiet 'secondary'
    "in_progress": (_hex("#1B6E3A"), _hex("#FFFFFF")),  # green: it is on now
    "break": (_hex("#F2C14E"), _hex("#14213D")),        # amber
    "finished": (_hex("#D5D8DE"), _hex("#3D4A63")),     # grey, like the greyed row
    "postponed": (_hex("#9A3D00"), _hex("#FFFFFF")),    # deep orange
    "moved": (_hex("#5B2A86"), _hex("#FFFFFF")),        # purple: go elsewhere
    "cancelled": (_hex("#A3161B"), _hex("#FFFFFF")),    # the theme's 'error' red
}
UNKNOWN = BADGE["scheduled"]
FINISHED_OPACITY = 0.55  # finished and cancelled rows are greyed out


def badge(status):
    return BADGE.get(status, UNKNOWN)
