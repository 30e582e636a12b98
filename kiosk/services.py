"""BackgroundServices: what a running kiosk does beside its screens (never while rendering snapshots).

The systemd watchdog, the heartbeat's screen thumbnail now and then, the usage
counts written to disk off the UI thread, solo drawing (kiosk.redraw: the video
and the ticker repaint only their own pixels; a snapshot draws whole frames), the
pace of Kivy's loop (kiosk.loop_pace) and screens built ahead of the visitor
(kiosk.screens.base.Prebuilder). The
app starts them in ``on_start`` and stops them in ``on_stop``; content sync is the
app's own (kiosk.app).
"""

import logging
import threading

from kivy.clock import Clock

log = logging.getLogger(__name__)


class BackgroundServices:
    """``env``: the app's :class:`kiosk.env.KioskEnv` (watchdog, thumbnail and usage timings);
    ``frames``: :class:`kiosk.frames.FrameHooks`; ``thumbnails``: :class:`kiosk.frames.Thumbnailer`;
    ``usage``: a :class:`kiosk.usage.UsageCounter` or None."""

    def __init__(self, env, frames, thumbnails, usage):
        self.env = env
        self.frames = frames
        self.thumbnails = thumbnails
        self.usage = usage
        self._events = []
        self.drawing = None
        self.pace = None
        self.prebuilder = None

    @property
    def prebuilt(self):
        """Screens built ahead of the visitor so far."""
        return self.prebuilder.built if self.prebuilder is not None else 0

    def start(self):
        from kivy.app import App

        from kiosk.loop_pace import LoopPace
        from kiosk.redraw import SoloDrawing
        from kiosk.screens.base import Prebuilder

        env = self.env
        self.drawing = SoloDrawing()
        self.drawing.install()
        app = App.get_running_app()
        if app is not None:
            self.pace = LoopPace(app)
            self.pace.start()
        if app is not None and getattr(app, "mode", "") == "kiosk":
            self.prebuilder = Prebuilder(app)
            self.prebuilder.start()
        self._start_watchdog()
        if env.set_aside is not None:
            self.frames.after_next_frame(env.set_aside)  # what the first frame needed stays
        if env.thumbnail_every_s and env.thumbnail_every_s > 0:
            self._events.append(Clock.schedule_once(self._start_thumbnails, max(0.0, env.thumbnail_first_s or 0.0)))
        if env.trim_memory is not None and env.trim_every_s and env.trim_every_s > 0:
            self._events.append(Clock.schedule_interval(lambda _dt: env.trim_memory(), env.trim_every_s))
        if self.usage is not None and env.usage_save_s and env.usage_save_s > 0:
            self._events.append(Clock.schedule_interval(self._save_usage_later, env.usage_save_s))

    def stop(self):
        for event in self._events:
            event.cancel()
        self._events = []
        if self.drawing is not None:
            self.drawing.uninstall()
            self.drawing = None
        if self.prebuilder is not None:
            self.prebuilder.stop()
            self.prebuilder = None
        if self.pace is not None:
            self.pace.stop()
            self.pace = None

    def _start_watchdog(self):
        """READY=1 once the first frame is drawn, then WATCHDOG=1 from the Kivy clock:
        a frozen UI thread stops the pings and systemd restarts the kiosk."""
        dog = self.env.watchdog
        if dog is None:
            return

        def first_frame():
            dog.ready()
            interval = dog.ping_interval_s()
            if interval:
                log.info("systemd watchdog: pinging every %.1f s", interval)
                self._events.append(Clock.schedule_interval(lambda _dt: dog.ping(), interval))

        self.frames.after_next_frame(first_frame)

    def _start_thumbnails(self, *_args):
        self.thumbnails.take()
        self._events.append(Clock.schedule_interval(self.thumbnails.take, self.env.thumbnail_every_s))

    def _save_usage_later(self, *_args):
        threading.Thread(target=self.usage.save, name="kiosk-usage-save", daemon=True).start()
