"""ReceptionScreen: this week's personal reception (Monday to Friday, today
highlighted), then each person's next reception with the booking note."""

import datetime as dt

from kivy.factory import Factory

from court_contract import reception
from kiosk.reception_text import no_reception_text
from kiosk.screens.base import KioskScreen
from kiosk.ui_text import format_date, room_words, t, weekday_name

WORKDAYS = 5


class ReceptionScreen(KioskScreen):
    def content_key(self):
        app = self.app
        return app.manifest, app.lang, app.today(), app.clock_time, app.font_scale  # (what runs now: the minute)

    def refresh(self):
        app, lang = self.app, self.app.lang
        slots = (app.manifest or {}).get("reception") or []
        holidays = (app.manifest or {}).get("holidays") or []
        now = app.local_now()
        today = now.date()
        weekend = today.isoweekday() > WORKDAYS
        # at the weekend the coming week is the one that matters
        days = reception.week_days(today + dt.timedelta(days=2) if weekend else today)[:WORKDAYS]
        self.ids.week.text = (f"{t('next_week' if weekend else 'this_week', lang)}: "
                              f"{format_date(days[0], lang, year=False)} – "
                              f"{format_date(days[-1], lang, year=False)}")
        body = self.ids.body
        body.clear_widgets()
        for day in days:
            card = Factory.DayCard()
            is_today = day == today
            card.role = "highlight" if is_today else "panel"
            card.ids.day.text = f"{weekday_name(day.isoweekday(), lang)}, {format_date(day, lang, year=False)}"
            card.ids.badge.text = t("today", lang) if is_today else ""
            held = reception.slots_on(slots, day, holidays)
            if not held:
                line = Factory.SlotLine()
                line.ids.time.text = ""
                line.ids.who.text = no_reception_text(holidays, day, lang, lambda text, _lang: app.pick(text))
                line.ids.who.role = "muted"
                card.ids.slots.add_widget(line)
            for slot in held:
                line = Factory.SlotLine()
                line.ids.time.text = f"{slot['start']}–{slot['end']}"
                line.ids.who.text = self.who(slot)
                card.ids.slots.add_widget(line)
            body.add_widget(card)
        body.add_widget(Factory.KLabel(text=t("next_reception", lang), base_size=40, bold=True,
                                       padding=[0, 24, 0, 0]))
        upcoming = reception.next_for_each_person(slots, now, holidays)
        if not upcoming:
            body.add_widget(Factory.KLabel(text=t("no_upcoming", lang), role="muted"))
        for slot, start in upcoming:
            card = Factory.NextCard()
            card.ids.person.text = app.pick(slot.get("person"))
            card.ids.position.text = " · ".join(
                x for x in (app.pick(slot.get("position")), app.pick(slot.get("court"))) if x)
            running = start <= now
            when = t("now_on", lang) if running else (
                f"{weekday_name(start.isoweekday(), lang)}, {format_date(start.date(), lang, year=False)}")
            card.ids.when.text = f"{when}, {slot['start']}–{slot['end']}"
            place = []
            if app.pick(slot.get("room")):
                place.append(room_words(app.pick(slot.get("room")), lang, sep=": "))
            if slot.get("phone"):
                place.append(f"{t('phone', lang)}: {slot['phone']}")
            card.ids.place.text = "    ".join(place)
            card.ids.note.text = app.pick(slot.get("booking_note"))
            body.add_widget(card)

    def who(self, slot):
        parts = [self.app.pick(slot.get("person")), self.app.pick(slot.get("position"))]
        room = self.app.pick(slot.get("room"))
        if room:
            parts.append(room_words(room, self.app.lang))
        return " — ".join(p for p in parts[:2] if p) + (f", {parts[2]}" if len(parts) > 2 else "")
