"""Celery beat's scheduler, which also leaves a heartbeat in the database (kern.gezondheid)."""

from celery.beat import PersistentScheduler
from django.db import close_old_connections

from kern.gezondheid import meld_hartslag


class Planner(PersistentScheduler):
    """The default file-backed scheduler; every tick (at least every 30 seconds, the heartbeat
    task's interval) records that beat runs."""

    def tick(self, *args, **kwargs):
        close_old_connections()  # beat lives long: a connection the database dropped is replaced
        meld_hartslag("beat")
        return super().tick(*args, **kwargs)
