"""follow(): a widget that lives shorter than the object it watches, told of its changes, held weakly.

Kivy's ``fbind`` keeps its callback for as long as the watched object lives: a label that
fbinds to the app's ``font_scale`` or the root's ``scale`` is kept alive by it (a bound
method) or leaves a trigger behind on it (a Clock trigger holds the label weakly), and
``bind``'s weak methods are only swept when the property next changes -- the root's scale
never does on a kiosk. The kiosk drops a visitor's screens between visitors
(:meth:`kiosk.app.KioskApp.drop_visitor_screens`), so this would keep every screen, or grow
by a few hundred callbacks a visitor. Here the watched object gets one callback per
property, and the widgets it tells are held in a weak dictionary: a dropped widget leaves
nothing behind.
"""

import weakref

_followers = weakref.WeakKeyDictionary()  # watched object -> {property: WeakKeyDictionary(widget -> method name)}


def follow(source, prop, widget, method):
    """Call ``getattr(widget, method)()`` whenever ``source.<prop>`` changes, while ``widget`` lives."""
    by_prop = _followers.get(source)
    if by_prop is None:
        by_prop = _followers[source] = {}
    widgets = by_prop.get(prop)
    if widgets is None:
        widgets = by_prop[prop] = weakref.WeakKeyDictionary()

        def changed(*_args):
            for follower, name in list(widgets.items()):
                getattr(follower, name)()

        source.fbind(prop, changed)
    widgets[widget] = method


def followers(source, prop):
    """How many live widgets follow ``source.<prop>`` (for tests)."""
    return len(_followers.get(source, {}).get(prop, ()))
