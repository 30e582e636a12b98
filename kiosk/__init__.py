"""court-kiosk: the kiosk client (touch UI and waiting-room display).

The non-UI core lives in plain modules that never import Kivy:
:mod:`kiosk.cache`, :mod:`kiosk.sync`, :mod:`kiosk.config`, :mod:`kiosk.env` (what the app
gets from outside), :mod:`kiosk.programme` (what plays and shows now), :mod:`kiosk.status` (the
heartbeat's status), :mod:`kiosk.usage` and :mod:`kiosk.watchdog`, and the screens' pure helpers
:mod:`kiosk.templates_search`, :mod:`kiosk.fee_text` and :mod:`kiosk.calculator_choices`.
The Kivy app is :mod:`kiosk.app` (with its parts :mod:`kiosk.visitor_gate`, :mod:`kiosk.video_loop`,
:mod:`kiosk.frames`, :mod:`kiosk.snapshot`), its screens :mod:`kiosk.screens`, its widgets :mod:`kiosk.widgets`.
The protocol with the server (manifest, fees, schedules, texts) is
:mod:`court_contract`. Importing the package does nothing else: no network, no config, no files.
"""

__version__ = "0.1.0"
