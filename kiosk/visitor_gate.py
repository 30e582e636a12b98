"""VisitorGate: the app's part that decides what a touch does and when a visitor has left
(mixed into :class:`kiosk.app.KioskApp`).

Every touch passes :meth:`VisitorGate.gate_touch` first (kiosk.widgets.root.KioskRoot):
an emergency or a display swallows it, the idle warning or the attract loop is dismissed
by it. With no touch for the manifest's idle time the warning comes up, then the attract
loop, with the visitor's input reset, their screens dropped and the memory given back.
"""

from kivy.graphics.context import get_context

from kiosk.memory import collect_all


class VisitorGate:
    """Touch and idle methods of :class:`kiosk.app.KioskApp` (KioskRoot calls ``gate_touch``; a Clock tick ``_idle_tick``)."""

    @property
    def touch_blocked(self):
        """No widget gets touches: an emergency covers the screen, or this is a display."""
        return self.emergency_visible or self.mode == "display"

    def gate_touch(self):
        """Called for every touch before widgets see it; True swallows the touch."""
        if self.touch_blocked:
            return True  # an emergency is not dismissed by a touch; a display has nothing to touch
        self.idle.touch()
        if self.warning_shown:
            self.hide_warning()
            return True
        if self.outer.current == "attract":
            self.leave_attract()
            return True
        return False

    def _idle_tick(self, *_args):
        if self.outer.current != "main" or self.snapshotter is not None:
            return
        state, left = self.idle.state()
        if state == "active":
            if self.warning_shown:
                self.hide_warning()
        elif state == "warning":
            self.idle_left = left
            if not self.warning_shown:
                self.show_warning()
        else:
            self.show_attract()

    def show_warning(self):
        if not self.warning_shown and self.warning is not None:
            # below an emergency overlay, if one is up (index 0 is the top)
            self.root_widget.add_widget(self.warning, index=1 if self.emergency_visible else 0)
            self.warning_shown = True

    def hide_warning(self):
        if self.warning_shown:
            self.root_widget.remove_widget(self.warning)
            self.warning_shown = False

    def show_attract(self):
        """Reset for the next visitor and loop the videos full screen."""
        if self.outer.current == "main" and self.env.give_back_memory is not None:
            # before the loop plays, so its video does not stand still for it; and before the reset,
            # whose new texts would have every label of those screens drawn once more, and kept
            self.give_back_memory()
        self.reset_visitor()
        if self.pending is not None:
            self.apply_manifest(self.pending)
        if self.manifest is None:
            self.show_outer("waiting")
            return
        self.show_outer("attract")

    def give_back_memory(self):
        """Drop the visitor's screens and give their memory back to the system: ~90 MB here, in one full
        collection over their ~330k objects (0.3-0.5 s on this VM; no one is at the kiosk)."""
        self.drop_visitor_screens()
        free_graphics()
        self.env.give_back_memory()

    def leave_attract(self):
        self.idle.touch()
        self.go_home()


def free_graphics():
    """Free the GL buffers and textures of the widgets let go of now, not at Kivy's next clock tick:
    the ``malloc_trim`` that follows finds the renderer's copies of them freed (Mesa llvmpipe keeps
    textures in process memory). Trimmed before they were, ~45 MB more of the dropped screens stayed."""
    collect_all()  # (the screens were set aside from the collector's passes once built: kiosk/memory.py)
    get_context().gl_dealloc()
