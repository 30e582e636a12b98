"""follow(): a widget that lives shorter than the object it watches, told of its changes, held weakly.

Kivy's ``fbind`` keeps its callback for as long as the watched object lives: a widget that
fbinds a bound method to the app's ``font_scale`` is kept alive by it (an on-screen
keyboard was), and a label that fbinds its Clock trigger to the root's ``scale`` leaves the
trigger behind on the root when it goes -- one more each time a screen rebuilds its rows
(a language change, new content, the hearings feed). ``bind``'s weak methods would only be
swept when the property next changes, and the root's scale never does on a kiosk. Here the
watched object gets one callback per property, and the widgets it tells are held in a weak
dictionary: a widget that goes leaves nothing behind.
"""

import weakref

_followers = weakref.WeakKeyDictionary()  # watched object -> {property: WeakKeyDictionary(widget -> method names)}


def follow(source, prop, widget, method):
    """Call ``getattr(widget, method)()`` whenever ``source.<prop>`` changes, while ``widget`` lives."""
    by_prop = _followers.get(source)
    if by_prop is None:
        by_prop = _followers[source] = {}
    widgets = by_prop.get(prop)
    if widgets is None:
        widgets = by_prop[prop] = weakref.WeakKeyDictionary()

        def changed(*_args):
            for follower, names in list(widgets.items()):
                for name in names:
                    getattr(follower, name)()

        source.fbind(prop, changed)
    widgets.setdefault(widget, set()).add(method)  # (a label may follow one property twice: texture, fit)


def follow_all(source, widget, **methods):
    """:func:`follow` for each ``property=method name`` (a screen watching the app: the app outlives it)."""
    for prop, method in methods.items():
        follow(source, prop, widget, method)
