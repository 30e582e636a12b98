"""ClockWidget: the time and date in the court's time zone.

It shows ``app.clock_time`` / ``app.clock_date``, which the app refreshes
once a second from its injectable clock (so tests can freeze time).
"""

from kivy.uix.boxlayout import BoxLayout

from kiosk.widgets import load_kv


class ClockWidget(BoxLayout):
    def __init__(self, **kwargs):
        load_kv(__file__)
        super().__init__(**kwargs)
