"""Reception days in words for the reception screen and the display: what a day without reception says.

Kivy-free (tested without a window); which slots are held comes from
:mod:`court_contract.reception`, which days are holidays from :mod:`court_contract.calendar`.
"""

from court_contract import calendar
from kiosk.ui_text import t


def no_reception_text(holidays, day, lang, pick):
    """ "Independence Day: no reception" on a holiday, else "No reception"."""
    off = calendar.holiday_on(holidays, day)
    if off is None:
        return t("no_reception", lang)
    return t("holiday_no_reception", lang, name=pick(off.get("name"), lang))
