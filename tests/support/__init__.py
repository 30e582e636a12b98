"""Helpers shared by the tests; test modules import these, never each other.

Fixtures here are registered for every test in tests/conftest.py (pytest_plugins). The real
server and nginx launchers live in admin_server/testing.py (bench/ uses them too).
"""
