"""When to ask "still there?" and when to reset for the next visitor. Pure.

Timeline after the last touch at ``t0``::

    t0 ........ t0 + timeout ............ t0 + timeout + warning
      active        warning (countdown)       expired -> attract loop

A touch at any time (also during the warning) starts again from ``t0``.
The warning lasts at least :data:`MIN_WARNING_S` seconds, whatever the
settings say, so a visitor always has time to answer. Time comes from an
injectable ``now`` (seconds, monotonic), so tests move it by hand.
"""

import math
import time

MIN_WARNING_S = 20
DEFAULT_TIMEOUT_S = 90
DEFAULT_WARNING_S = 30


class IdleTimer:
    def __init__(self, timeout_s=DEFAULT_TIMEOUT_S, warning_s=DEFAULT_WARNING_S, now=time.monotonic):
        self.now = now
        self.timeout_s = DEFAULT_TIMEOUT_S
        self.warning_s = DEFAULT_WARNING_S
        self.configure(timeout_s, warning_s)
        self.last_touch = now()

    def configure(self, timeout_s, warning_s):
        """Apply the manifest's settings (bad values fall back to the defaults)."""
        if not isinstance(timeout_s, (int, float)) or isinstance(timeout_s, bool) or timeout_s <= 0:
            timeout_s = DEFAULT_TIMEOUT_S
        if not isinstance(warning_s, (int, float)) or isinstance(warning_s, bool):
            warning_s = DEFAULT_WARNING_S
        self.timeout_s = float(timeout_s)
        self.warning_s = float(max(MIN_WARNING_S, warning_s))

    def touch(self):
        self.last_touch = self.now()

    def state(self):
        """``("active", None)``, ``("warning", whole seconds left)`` or ``("expired", 0)``."""
        idle = self.now() - self.last_touch
        if idle < self.timeout_s:
            return "active", None
        left = self.timeout_s + self.warning_s - idle
        if left > 0:
            return "warning", math.ceil(left)
        return "expired", 0
