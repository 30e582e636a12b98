"""Kivy widgets shared by the screens.

Each module that has a ``.kv`` file beside it loads it with :func:`load_kv`
the first time one of its widgets is built -- never at import.
"""

from pathlib import Path

_loaded = set()


def load_kv(module_file, name=None):
    """Load the ``.kv`` file next to ``module_file`` (once per process)."""
    from kivy.lang import Builder

    path = Path(module_file).with_name(name) if name else Path(module_file).with_suffix(".kv")
    key = str(path.resolve())
    if key not in _loaded:
        from kiosk.widgets.kv_guard import install

        install()  # before the first rule is loaded, so before any is applied (see kv_guard)
        Builder.load_file(key)
        _loaded.add(key)
