"""court-kiosk: the kiosk client (touch UI and waiting-room display).

The non-UI core lives in plain modules that never import Kivy:
:mod:`kiosk.cache`, :mod:`kiosk.sync`, :mod:`kiosk.config`,
:mod:`kiosk.programme` (what plays and shows now), :mod:`kiosk.status` (the heartbeat's
status), :mod:`kiosk.usage` and :mod:`kiosk.watchdog`.
The protocol with the server (manifest, fees, schedules, texts) is
:mod:`court_contract`. Importing the package does nothing else: no network, no config, no files.
"""

__version__ = "0.1.0"
