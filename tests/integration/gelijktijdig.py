"""Running services at the same moment, each in its own thread and database connection.

Only PostgreSQL has row locks (SQLite locks the whole database), so the tests that use this run
on PostgreSQL only (`postgresql` fixture); they need no broker.
"""

import threading

import pytest
from django.db import connection


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("zet DATABASE_URL=postgres://... om gelijktijdige acties te testen")


def gelijktijdig(*opdrachten):
    """Run the callables in their own threads (own database connections), released together.
    Returns what each returned, or the exception it raised."""
    start = threading.Barrier(len(opdrachten))
    resultaten: list = [None] * len(opdrachten)

    def werk(index, opdracht):
        try:
            start.wait(timeout=10)
            resultaten[index] = opdracht()
        except Exception as fout:  # noqa: BLE001  (the test inspects what each thread got)
            resultaten[index] = fout
        finally:
            connection.close()

    draden = [threading.Thread(target=werk, args=(i, o)) for i, o in enumerate(opdrachten)]
    for draad in draden:
        draad.start()
    for draad in draden:
        draad.join(timeout=30)
    assert not any(draad.is_alive() for draad in draden), "een draad bleef hangen"
    return resultaten
