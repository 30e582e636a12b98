"""Switching from the clip on show to the next one, prerolled in the other slot, without a gap.

Part of :class:`kiosk.video.vlc_backend.VlcPlayer` (a mixin, run on its
control thread), apart so the player module keeps its interface and control
loop: near the end of the clip on show the next one is resumed early enough
to cover libVLC's resume delay (learnt as it goes), and its first picture
goes on show one frame interval after the last picture of the clip that ends.
"""

RESUME_GUESS_S = 0.06  # libVLC's delay from resume to the next picture, until measured
LATE_PICTURE_S = 0.25  # after a clip's end event, how long a last picture of it may still come


class Cue:
    """A switch under way: ``slot`` was resumed to follow ``old``; it goes on show at ``at``."""

    def __init__(self, slot, old, at, latest, now):
        self.slot, self.old, self.at, self.latest = slot, old, at, latest
        self.made_at = now

    def due(self):
        """When the switch is due (None: not known yet): ``at``, or one frame after a picture of the
        old clip that came before ``at`` and later than planned. Any thread may ask."""
        at = self.at
        if at is None:
            return None
        newest = self.old.newest_at
        return max(at, newest + self.old.frame_s) if newest < at else at


class ClipSwitching:
    """The switch between clips, for VlcPlayer: works on the player's slots and switch state
    (``_show``, ``_cue``, ``_resume_at``, ``_planned``, ``_switch_pending``, ``resume_delay_s``)."""

    def _near_end(self, slot, picture_no, displayed_at):
        """A picture near the end of the clip on screen: plan when to resume the next clip and when to show it."""
        if slot is not self._show or slot.state != "playing":
            return
        last_at = displayed_at + (slot.frames - 1 - picture_no) * slot.frame_s  # its last picture
        switch_at = last_at + slot.frame_s
        cue = self._cue
        if cue is not None:
            if cue.old is slot and picture_no >= slot.frames - 1:
                cue.at = switch_at
            return
        nxt = self._other(slot)
        if nxt.state != "ready":
            return
        # picture k of the next clip is due k frames after the switch; the first one it shows once
        # resumed follows the ones it has (it was paused on picture 0 or 1): aim half a frame early
        # (and no later than the switch, which must not wait for libVLC's end event)
        first_new = nxt.picture_no + 1
        self._resume_at = min(switch_at, switch_at + (first_new - 0.5) * nxt.frame_s - self.resume_delay_s)
        self._planned = (slot, nxt, switch_at, picture_no >= slot.frames - 1)
        self._check_resume(self.clock())

    def _check_resume(self, now):
        if self._resume_at is None or now < self._resume_at:
            return
        self._resume_at = None
        slot, nxt, switch_at, last_known = self._planned
        if slot is self._show and slot.state == "playing" and nxt.state == "ready" and self._cue is None:
            self._cue_next(nxt, slot, at=switch_at if last_known else None, latest=switch_at + 1.0)

    def _cue_next(self, slot, old, at=None, latest=None):
        """Resume ``slot`` to follow ``old``; it goes on show at ``at`` (None: when old's last picture is known)."""
        now = self.clock()
        self._resume_at = None
        slot.needs_resume = slot.state == "ready"  # (a slot still prerolling was never paused)
        slot.hold()
        slot.state = "cued"
        if old is None or old is slot:
            self._switch(slot)
            return
        self._cue = Cue(slot, old, at, latest if latest is not None else now + LATE_PICTURE_S, now)
        self._check_cue(now)  # may switch at once: showing the first picture goes before resuming
        self._resume(slot)

    def _resume(self, slot):
        if slot.needs_resume:
            slot.needs_resume = False
            slot.resume(self.clock())

    def _check_cue(self, now):
        cue = self._cue
        due = cue.due()
        if due is not None and due > cue.at:
            cue.at = due  # a late picture of the old clip: the switch follows it
        if due is None or now < due:
            if now >= cue.latest:
                self._switch(cue.slot)
            return
        self._switch(cue.slot, at=max(due, cue.made_at))  # frame() could not show it before the cue

    def _switch(self, slot, at=None):
        """Put ``slot`` on show; ``at``: when frame() began to return it (see frame()), if already due."""
        old = self._show
        now = self.clock()
        now = min(now, at) if at is not None else now
        self._cue = self._resume_at = None
        for measured in (old, slot):
            self._learn_resume_delay(measured)
        slot.state = "playing"
        slot.last_frame_at = now
        self._show = slot
        self.switched_at = now
        self._picture_ready()
        slot.release(now + slot.frame_s)
        self._switch_pending = False
        self._clip_started(slot.index, slot.path)
        self._resume(slot)
        if old is not None and old is not slot:
            old.stop()
            self._preroll_after(slot.index, old)
        if slot.ended_early:
            slot.state = "ended"
            self._advance(slot)

    def _learn_resume_delay(self, slot):
        """libVLC's delay from resume to the next picture, as it was for ``slot`` (once measured)."""
        if slot is not None and slot.resume_delay is not None:
            self.resume_delay_s = min(0.3, 0.7 * self.resume_delay_s + 0.3 * slot.resume_delay)
            slot.resume_delay = None

    def _advance(self, slot):
        """The clip on screen has ended (or failed): show the next one."""
        other = self._other(slot)
        cue = self._cue
        at = self._after_last(slot)
        if cue is not None and cue.slot is other:  # already resumed: switch one frame after the last picture
            cue.at = at if cue.at is None else max(cue.at, at)  # (a set cue.at came from the last picture)
            cue.latest = min(cue.latest, self.clock() + LATE_PICTURE_S)
            self._check_cue(self.clock())
        elif other.state == "ready":
            self._cue_next(other, slot, at=at)
        elif other.state == "preroll":
            self._switch_pending = True  # keep the last picture until it is ready
        else:
            index = self.playlist.after(slot.index) if slot.index is not None else None
            if index is None:
                index = self.playlist.first_good(0)
            self._start_visible(index, other)

    def _after_last(self, slot):
        """When to switch after ``slot`` ended: one frame after its newest picture. (libVLC's end event
        may come just before the last picture: if it comes before then, the switch follows it.)"""
        return slot.newest_picture_at() + slot.frame_s
