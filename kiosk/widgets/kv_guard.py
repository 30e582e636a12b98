"""A kv rule whose own widget is freed while the rule runs is skipped instead of raising.

A screen rebuilt (another language, large text, new content) drops its old rows. They are garbage,
but until Python's collector frees them their kv rules stay bound to the app's theme, font scale and
language, and run when those change. A collection can start at any allocation, so also inside one of
those rules, after Kivy checked the rule is still bound: the rule then reads its widget through a dead
weak proxy and Kivy raised ``ReferenceError`` out of the property change (kivy/kivy#3305). It failed a
layout check test now and then (``set_large_text(False)`` as a visitor leaves); in a kiosk it would
leave Kivy's loop and stop the app. Kivy's ``Builder.sync`` already
skips such a rule for the canvas rules it runs later; :func:`install` does the same for the rules run
when a property changes. A rule that fails while its widget is alive still raises.
"""

_installed = False


def _gone(proxy):
    try:
        proxy.__class__  # a dead kivy.weakproxy.WeakProxy raises here
    except ReferenceError:
        return True
    return False


def install():
    """Run every kv rule bound from now on through the guard (rules bind ``call_fn`` when applied)."""
    global _installed
    if _installed:
        return
    from kivy.lang import builder

    run_rule = builder.call_fn

    def call_fn(args, instance, value):
        try:
            run_rule(args, instance, value)
        except ReferenceError:
            if not _gone(args[0]):  # args: (the widget the rule sets, key, code, rule, names)
                raise

    builder.call_fn = call_fn
    _installed = True
