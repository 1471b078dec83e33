"""`manage.py start_portaal [adres]`: the web server and a Celery worker side by side, as `make run`
starts them. When one of them stops (or on Ctrl-C) the other is stopped too.

The worker takes the tasks of both queues with two processes and runs beat inside it, so reports,
e-mail, reminders and the recovery of lost work run beside the web server as in production. It
does not reload when code changes (the web server does): restart after changing a task.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand

# Seconds the worker gets to finish the tasks it is running once it is asked to stop.
STOPTIJD = 60


def webserver(adres: str) -> list[str]:
    return [sys.executable, str(settings.BASE_DIR / "manage.py"), "runserver", adres]


def worker() -> list[str]:
    """The worker of the embedded default: both queues, two processes, beat inside it."""
    return [
        sys.executable,
        "-m",
        "celery",
        "-A",
        "hvhk",
        "worker",
        "--beat",
        "-Q",
        "standaard,rapporten",
        "--concurrency",
        "2",
        "--without-gossip",
        "--without-mingle",
        "-l",
        "INFO",
    ]


def _stop_bij_sigterm(signum, frame):
    raise SystemExit(0)


class Command(BaseCommand):
    help = "Start de webserver en een Celery-worker (met beat) samen; stopt beide samen."

    def add_arguments(self, parser):
        parser.add_argument("adres", nargs="?", default="127.0.0.1:8000", help="adres:poort van de webserver")

    def handle(self, *args, adres, **options):
        vorige = signal.signal(signal.SIGTERM, _stop_bij_sigterm)
        # Each in a process group of its own, stopped by this command: the web server's whole group
        # (runserver and its reloaded child) on SIGTERM; the worker warm, on SIGTERM to its main
        # process (it finishes the tasks it is running and hands back those it has not started).
        processen = [
            ("de worker", _start(worker()), signal.SIGTERM, False),
            ("de webserver", _start(webserver(adres)), signal.SIGTERM, True),
        ]
        try:
            while all(proces.poll() is None for _, proces, _, _ in processen):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(processen)
            signal.signal(signal.SIGTERM, vorige)

    def _stop(self, processen: list[tuple[str, subprocess.Popen, int, bool]]) -> None:
        for naam, proces, teken, hele_groep in processen:
            if proces.poll() is not None:
                self.stderr.write(f"{naam.capitalize()} is gestopt (code {proces.returncode}).")
            elif hele_groep:
                os.killpg(proces.pid, teken)
            else:
                proces.send_signal(teken)
        einde = time.monotonic() + STOPTIJD
        for naam, proces, _, _ in processen:
            try:
                proces.wait(timeout=max(einde - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                self.stderr.write(f"{naam.capitalize()} stopte niet binnen {STOPTIJD} s en wordt afgebroken.")
                os.killpg(proces.pid, signal.SIGKILL)  # with its group: the pool, the reloaded child
                proces.wait()


def _start(opdracht: list[str]) -> subprocess.Popen:
    return subprocess.Popen(opdracht, cwd=settings.BASE_DIR, process_group=0)  # noqa: S603  (fixed commands)
