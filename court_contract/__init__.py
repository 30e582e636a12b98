"""The protocol between the admin server and the kiosks, in one place.

Standard library only: both ``admin_server`` and ``kiosk`` import this
package, and it imports neither (tests/test_import_rules.py keeps it so).

- :mod:`court_contract.text` — languages and picking a text in one of them;
- :mod:`court_contract.manifest` — the manifest schema, parse/validate,
  canonical JSON and the content digest;
- :mod:`court_contract.fees` — fee calculation, fee-rule checks and limits;
- :mod:`court_contract.zone` — the court's time zone (one fallback);
- :mod:`court_contract.schedule` and :mod:`court_contract.reception` —
  what shows when, and personal reception days;
- :mod:`court_contract.calendar` — working days, public holidays and
  transferred working days;
- :mod:`court_contract.heartbeat` — the heartbeat body and usage counts.

docs/manifest.md describes the same protocol in words.
"""
