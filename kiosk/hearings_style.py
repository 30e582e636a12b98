"""Status badge colours for the hearing screens and the display board (plain data, no Kivy).

A status is always shown in colour AND in words (colour alone fails people who
do not see it); each badge's text colour is paired with its background and
checked for contrast (kiosk.widgets.theme.contrast_ratio) in the tests. Finished and cancelled
rows are greyed by their background (kiosk/screens/hearing_parts.kv), never by fading their words.
"""

from kiosk.widgets.theme import _hex

# status: (badge background, badge text), each pair at least 7:1 (the large-text mode's contrast)
BADGE = {
    "scheduled": (_hex("#DCE4F0"), _hex("#14213D")),    # the theme's quiet 'secondary'
    "in_progress": (_hex("#155A2C"), _hex("#FFFFFF")),  # green: it is on now
    "break": (_hex("#F2C14E"), _hex("#14213D")),        # amber
    "finished": (_hex("#D5D8DE"), _hex("#14213D")),     # grey, like the greyed row
    "postponed": (_hex("#8A3600"), _hex("#FFFFFF")),    # deep orange
    "moved": (_hex("#5B2A86"), _hex("#FFFFFF")),        # purple: go elsewhere
    "cancelled": (_hex("#A3161B"), _hex("#FFFFFF")),    # the theme's 'error' red
}
UNKNOWN = BADGE["scheduled"]


def badge(status):
    return BADGE.get(status, UNKNOWN)
