"""Weekly schedules of videos and announcements in the admin: the day-part check and readable summaries.

The meaning of a schedule is docs/manifest.md, "Schedules": weekdays (null =
every day) and a day part day_start..day_end (null = all day; a part like
22:00-06:00 runs over midnight). The kiosk's kiosk/schedule.py applies it.
"""
import datetime as dt

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from .fields import Field
from .weekdays import weekday_list, weekdays_text

# Keys of a manifest item (and columns of its row) that decide when it shows.
SCHEDULE_KEYS = ("valid_from", "valid_to", "starts_at", "ends_at", "weekdays", "day_start", "day_end")


def schedule_fields() -> tuple:
    """Weekdays and a day part: the same fields on videos and announcements (plus a list-only summary)."""
    return (
        Field("weekdays", _l("Weekdays"), "weekdays", help=_l("None ticked: every day.")),
        Field("day_start", _l("Each day from"), "time", row="day_part"),
        Field("day_end", _l("Each day until"), "time", row="day_part",
              help=_l("Both empty: all day. An end before the start runs over midnight, e.g. 22:00 to 06:00.")),
        Field("weekly", _l("Weekly schedule"), "text", in_list=True, in_form=False),
    )


def weekly_column(db, row) -> dict:
    """The list's "Weekly schedule" cell (Spec.row_extra)."""
    return {"weekly": weekly_text(row) if has_weekly(row) else None}


def check_day_part(values: dict, errors: dict, start: str = "day_start", end: str = "day_end") -> None:
    """Both times or neither, and not the same time (the form's checks of one field come first)."""
    if start in errors or end in errors:
        return
    a, b = values.get(start), values.get(end)
    if bool(a) != bool(b):
        errors[end if a else start] = _("Give both times of the day part, or leave both empty to show it all day.")
    elif a and a == b:
        errors[end] = _("The end of the day part must differ from its start; leave both empty to show it all day.")


def day_part_text(start: str | None, end: str | None) -> str:
    if not start or not end:
        return _("all day")
    if end < start:
        return _("%(start)s–%(end)s (over midnight)", start=start, end=end)
    return f"{start}–{end}"


def has_weekly(item: dict) -> bool:
    return bool(weekday_list(item.get("weekdays")) or item.get("day_start") or item.get("day_end"))


def weekly_text(item: dict) -> str:
    """The weekly part of a row or manifest item, e.g. "Mon–Fri, 09:00–13:00"."""
    return f"{weekdays_text(item.get('weekdays'))}, {day_part_text(item.get('day_start'), item.get('day_end'))}"


def _local(value: str | None, zone) -> str | None:
    if not value:
        return None
    moment = dt.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def schedule_text(item: dict, zone=dt.timezone.utc) -> str:
    """Everything that decides when an item shows, in one line: dates, weekdays, day part."""
    start = item.get("valid_from") or _local(item.get("starts_at"), zone)
    end = item.get("valid_to") or _local(item.get("ends_at"), zone)
    parts = []
    if start and end:
        parts.append(_("%(start)s to %(end)s", start=start, end=end))
    elif start:
        parts.append(_("from %(start)s", start=start))
    elif end:
        parts.append(_("until %(end)s", end=end))
    if has_weekly(item):
        parts.append(weekly_text(item))
    return " · ".join(parts) or _("always")


def days_shown(row: dict, first: dt.date, n_days: int, zone) -> list[dt.date]:
    """The days from `first` (n_days of them) on which a video or announcement row can show at some time."""
    days = weekday_list(row.get("weekdays"))
    starts = row.get("starts_at") and dt.datetime.fromisoformat(row["starts_at"])
    ends = row.get("ends_at") and dt.datetime.fromisoformat(row["ends_at"])
    if starts and starts.tzinfo is None:
        starts = starts.replace(tzinfo=zone)
    if ends and ends.tzinfo is None:
        ends = ends.replace(tzinfo=zone)
    shown = []
    for i in range(n_days):
        day = first + dt.timedelta(days=i)
        if days and day.isoweekday() not in days:
            continue
        if row.get("valid_from") and day.isoformat() < row["valid_from"]:
            continue
        if row.get("valid_to") and day.isoformat() > row["valid_to"]:
            continue
        day_start = dt.datetime.combine(day, dt.time(0), zone)
        if starts and starts >= day_start + dt.timedelta(days=1):
            continue
        if ends and ends <= day_start:
            continue
        shown.append(day)
    return shown
