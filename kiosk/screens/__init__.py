"""The kiosk's screens: one module and one .kv file each.

:func:`make_screen` imports a screen's module and builds it when it is first
needed (its kv file is loaded then, not at import of this package).
"""

import importlib

SCREENS = {
    "waiting": ("kiosk.screens.waiting", "WaitingScreen"),
    "attract": ("kiosk.screens.attract", "AttractScreen"),
    "main": ("kiosk.screens.main", "MainScreen"),
    "warning": ("kiosk.screens.warning", "IdleWarning"),
    "emergency": ("kiosk.screens.emergency", "EmergencyOverlay"),
    "display": ("kiosk.screens.display", "DisplayScreen"),
    "home": ("kiosk.screens.home", "HomeScreen"),
    "fees": ("kiosk.screens.fees", "FeesScreen"),
    "calculator": ("kiosk.screens.calculator", "CalculatorScreen"),
    "reception": ("kiosk.screens.reception", "ReceptionScreen"),
    "templates": ("kiosk.screens.templates", "TemplatesScreen"),
    "template": ("kiosk.screens.template", "TemplateScreen"),
    "links": ("kiosk.screens.links", "LinksScreen"),
    "videos": ("kiosk.screens.videos", "VideosScreen"),
    "hearings": ("kiosk.screens.hearings", "HearingsScreen"),
    "hearing": ("kiosk.screens.hearing", "HearingScreen"),
}


def make_screen(name):
    module_name, class_name = SCREENS[name]
    cls = getattr(importlib.import_module(module_name), class_name)
    return cls(name=name)
