"""`manage.py start_portaal` (what `make run` starts): the web server and the worker live and stop
together."""

import sys
from io import StringIO

from django.core.management import call_command

from hvhk.management.commands import start_portaal

# A stand-in for the worker: it notes that it was asked to stop (SIGTERM, Celery's warm shutdown).
WORKER = """
import signal, sys, time
def stop(*_):
    open(sys.argv[1], "w").write("gestopt")
    sys.exit(0)
signal.signal(signal.SIGTERM, stop)
open(sys.argv[2], "w").write("klaar")
time.sleep(120)
"""


def test_de_worker_stopt_mee_als_de_webserver_stopt(monkeypatch, tmp_path):
    gestopt, klaar = tmp_path / "gestopt", tmp_path / "klaar"
    monkeypatch.setattr(
        start_portaal, "worker", lambda: [sys.executable, "-c", WORKER, str(gestopt), str(klaar)]
    )
    # The web server stops by itself (say the port is taken) once the worker has started.
    webserver = (
        f"import os, sys, time\nwhile not os.path.exists({str(klaar)!r}): time.sleep(0.1)\nsys.exit(1)"
    )
    monkeypatch.setattr(start_portaal, "webserver", lambda adres: [sys.executable, "-c", webserver])
    fouten = StringIO()

    call_command("start_portaal", "127.0.0.1:0", stderr=fouten)

    assert gestopt.read_text() == "gestopt"
    assert "De webserver is gestopt (code 1)." in fouten.getvalue()


def test_de_worker_neemt_beide_wachtrijen_en_beat():
    opdracht = start_portaal.worker()
    assert opdracht[1:6] == ["-m", "celery", "-A", "hvhk", "worker"]
    assert "--beat" in opdracht and opdracht[opdracht.index("-Q") + 1] == "standaard,rapporten"
