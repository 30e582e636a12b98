"""EmergencyOverlay: an emergency announcement over everything, in all three languages at once.

:meth:`EmergencyOverlay.announce` gets what :mod:`court_contract.schedule` says is
in force (the app passes it on every re-evaluation): the overlay adds itself to the
window's root on top of every screen (the attract loop, the idle warning, a
visitor's half-finished task, the display mode), holds the video loop, reports
the announcements as shown once drawn (heartbeat ``emergency_shown``), and
removes itself when the announcement ends or a new version drops it. Touches
do not dismiss it (the app's touch gate swallows them).

White on the theme's dark red (contrast 7:1), the court's name and the
clock; the texts are as large as fits: the font size is the largest that
lets every language of every emergency fit on the screen.
"""

import logging
import sys

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.widget import Widget

from court_contract.text import LANGS, pick
from kiosk.icons import icon
from kiosk.screens.overlay import Overlay
from kiosk.ui_text import t
from kiosk.widgets import common  # noqa: F401  (FitLabel for the kv)
from kiosk.widgets import load_kv
from kiosk.widgets.common import esc

log = logging.getLogger(__name__)

MAX_FONT = 84
MIN_FONT = 26


def emergency_texts(item):
    """The announcement's text in kk, ru, en order, each language once (a missing one is left out)."""
    text = item.get("text")
    if not isinstance(text, dict):
        value = pick(text, "ru")
        return [("ru", value)] if value else []
    lines, seen = [], set()
    for lang in LANGS:
        value = text.get(lang)
        if isinstance(value, str) and value.strip() and value.strip() not in seen:
            seen.add(value.strip())
            lines.append((lang, value.strip()))
    return lines


class EmergencyOverlay(Overlay):
    name = StringProperty("emergency")
    landscape = BooleanProperty(False)
    font_size = NumericProperty(MAX_FONT)
    gap = NumericProperty(28)

    def __init__(self, **kwargs):
        load_kv(sys.modules[__name__].__file__)
        self.lines = []
        self._fit_trigger = Clock.create_trigger(self.fit, 0)
        super().__init__(**kwargs)
        self.app.bind(emergencies=self.rebuild)
        self.bind(size=self._resized)
        self.ids.area.bind(size=self._fit_trigger)
        self.rebuild()

    # --- in force or not ------------------------------------------------------------
    def announce(self, items):
        """The emergency announcements in force now: show, update or take away the overlay."""
        app = self.app
        if [(a.get("id"), a.get("text")) for a in items] == [(a.get("id"), a.get("text")) for a in app.emergencies]:
            return
        app.emergencies = items
        if items and not app.emergency_visible:
            self._show()
        elif not items and app.emergency_visible:
            self._hide()
        elif items:
            self._ack()

    def _show(self):
        app = self.app
        log.warning("emergency announcement(s) %s on screen", [a.get("id") for a in app.emergencies])
        app.hold_video()
        if self.parent is None:
            app.root_widget.add_widget(self)  # on top of everything, the idle warning too
        app.emergency_visible = True
        app.board.update(emergency_on_screen=[a.get("id") for a in app.emergencies])
        self._ack()

    def _hide(self):
        app = self.app
        log.info("emergency over")
        if self.parent is not None:
            app.root_widget.remove_widget(self)
        app.emergency_visible = False
        app.board.update(emergency_on_screen=[])
        app.release_video()

    def _ack(self):
        """Once the overlay is drawn, report these announcements as shown (heartbeat ``emergency_shown``)."""
        app = self.app
        ids = [a.get("id") for a in app.emergencies]

        def drawn():
            if app.emergency_visible:
                app.board.emergency_shown(ids)
                app.board.update(emergency_on_screen=[a.get("id") for a in app.emergencies])

        app.after_next_frame(drawn)

    # --- drawing ----------------------------------------------------------------------
    def _resized(self, *_args):
        self.landscape = self.width > self.height
        self._fit_trigger()

    def court_line(self, manifest):
        """The court's name in every language, one per line (nobody has chosen a language)."""
        name = ((manifest or {}).get("court") or {}).get("name")
        if not isinstance(name, dict):
            return pick(name, "ru")
        seen = []
        for lang in LANGS:
            value = name.get(lang)
            if isinstance(value, str) and value.strip() and value.strip() not in seen:
                seen.append(value.strip())
        return "\n".join(seen)

    def heading(self):
        """"⚠ ШҰҒЫЛ ХАБАРЛАНДЫРУ · ЭКСТРЕННОЕ ОБЪЯВЛЕНИЕ · EMERGENCY NOTICE" (UI wording, markup)."""
        # no-break spaces inside each phrase: a long line wraps between languages, not inside one
        words = " · ".join(esc(t("emergency", lang).upper()).replace(" ", "\u00a0") for lang in LANGS)
        return f"{icon('warning')} {words}"

    def rebuild(self, *_args):
        body = self.ids.body
        body.clear_widgets()
        self.lines = []
        for n, item in enumerate(self.app.emergencies):
            if n:
                rule = Widget(size_hint_y=None, height=4)
                with rule.canvas:
                    from kivy.graphics import Color, Rectangle

                    Color(*self.app.theme["emergency_fg"])
                    rect = Rectangle()
                rule.bind(pos=lambda w, _v, r=rect: setattr(r, "pos", w.pos),
                          size=lambda w, _v, r=rect: setattr(r, "size", (w.width, w.height)))
                body.add_widget(rule)
            for lang, text in emergency_texts(item):
                label = Factory.EmergencyLine(text=text, bold=(lang == "kk"))
                label.lang = lang
                self.lines.append(label)
                body.add_widget(label)
        self._fit_trigger()

    def fit(self, *_args):
        """The largest font size (MIN_FONT..MAX_FONT) at which all lines fit the free area."""
        area = self.ids.area
        width, height = area.width, area.height
        if not self.lines or width <= 10 or height <= 10:
            return
        rules = len(self.ids.body.children) - len(self.lines)
        spacing = self.gap * max(0, len(self.ids.body.children) - 1) + 4 * rules

        def total(size):
            for label in self.lines:
                label.font_size = size
                label.text_size = (width, None)
                label.texture_update()
            return sum(label.texture_size[1] for label in self.lines) + spacing

        lo, hi = MIN_FONT, MAX_FONT
        if total(hi) <= height:
            best = hi
        else:
            best = lo
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if total(mid) <= height:
                    lo = best = mid
                else:
                    hi = mid
            total(best)
        self.font_size = best
        for label in self.lines:
            label.height = label.texture_size[1]
