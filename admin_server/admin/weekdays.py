"""Weekdays in the admin: their names, reading a stored set of them, and a short summary.

A set of weekdays is stored as JSON text of ISO weekdays, e.g. [1,2,3], or NULL
for every day (docs/manifest.md, "Schedules"). The weekdays form field and the
schedule summaries both read it, so it lives here, below both.
"""
import json

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

ALL_WEEKDAYS = (1, 2, 3, 4, 5, 6, 7)
WEEKDAY_SHORT = {1: _l("Mon"), 2: _l("Tue"), 3: _l("Wed"), 4: _l("Thu"), 5: _l("Fri"), 6: _l("Sat"), 7: _l("Sun")}
WEEKDAY_LONG = {1: _l("Monday"), 2: _l("Tuesday"), 3: _l("Wednesday"), 4: _l("Thursday"), 5: _l("Friday"),
                6: _l("Saturday"), 7: _l("Sunday")}


def weekday_list(stored) -> list[int]:
    """The stored weekdays (JSON text, a list or None) as a list of ints; [] means every day."""
    if not stored:
        return []
    if isinstance(stored, str):
        try:
            stored = json.loads(stored)
        except ValueError:
            return []
    if not isinstance(stored, list):
        return []
    return sorted({int(d) for d in stored if str(d).isdigit() and int(d) in ALL_WEEKDAYS})


def weekdays_text(days) -> str:
    """[1, 2, 3, 4, 5] -> "Mon–Fri"; [1, 3] -> "Mon, Wed"; none -> "every day"."""
    days = weekday_list(days)
    if not days:
        return _("every day")
    runs: list[list[int]] = []
    for d in days:
        if runs and d == runs[-1][-1] + 1:
            runs[-1].append(d)
        else:
            runs.append([d])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{WEEKDAY_SHORT[run[0]]}–{WEEKDAY_SHORT[run[-1]]}")
        else:
            parts.extend(str(WEEKDAY_SHORT[d]) for d in run)
    return ", ".join(parts)
