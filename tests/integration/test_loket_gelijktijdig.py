"""Two loket staff members offer the last free place at the same moment: exactly one offer.

`services.doe_aanbod` locks the place's row (SELECT ... FOR UPDATE), so the second offer waits for
the first and then finds the place taken. Only PostgreSQL has those row locks (SQLite locks the
whole database), so this test runs on PostgreSQL only; it needs no broker.
"""

import functools
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from loket import services
from loket.models import Aanbod, Status
from loket.selectors import bezet
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

RONDES = 20


@pytest.fixture
def postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("zet DATABASE_URL=postgres://... om gelijktijdige aanbiedingen te testen")


def _gelijktijdig(*opdrachten):
    """Run the callables in their own threads (own database connections), released together."""
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


def test_twee_medewerkers_bieden_tegelijk_de_laatste_plaats_aan(postgresql, huis, loket_medewerker):
    locatie = OpvanglocatieFactory(huis=huis)
    collega = type(loket_medewerker).objects.create_user(email="collega@voorbeeld.test")

    for ronde in range(RONDES):
        plaats = VrijePlaatsFactory(locatie=locatie, aantal=1)
        vraag_a = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
        vraag_b = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])

        resultaten = _gelijktijdig(
            functools.partial(services.doe_aanbod, vraag=vraag_a, plaats=plaats, door=loket_medewerker),
            functools.partial(services.doe_aanbod, vraag=vraag_b, plaats=plaats, door=collega),
        )

        aanbiedingen = [r for r in resultaten if isinstance(r, Aanbod)]
        fouten = [r for r in resultaten if not isinstance(r, Aanbod)]
        assert len(aanbiedingen) == 1, f"ronde {ronde}: {resultaten}"
        [fout] = fouten
        assert isinstance(fout, ValidationError) and "niet meer vrij" in str(fout), f"ronde {ronde}: {fout!r}"
        assert Aanbod.objects.filter(plaats=plaats).count() == 1
        assert bezet(plaats) == 1
        statussen = sorted(
            type(vraag_a).objects.filter(pk__in=[vraag_a.pk, vraag_b.pk]).values_list("status", flat=True)
        )
        assert statussen == sorted([Status.AANBOD, Status.ACTIEF])
