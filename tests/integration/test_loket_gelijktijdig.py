"""Two loket staff members offer the last free place at the same moment: exactly one offer.

`services.doe_aanbod` locks the place's row (SELECT ... FOR UPDATE), so the second offer waits for
the first and then finds the place taken. Only PostgreSQL has those row locks (SQLite locks the
whole database), so this test runs on PostgreSQL only; it needs no broker.
"""

import functools

import pytest
from django.core.exceptions import ValidationError

from loket import services
from loket.models import Aanbod, Status
from loket.selectors import bezet
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory
from tests.integration.gelijktijdig import gelijktijdig, postgresql  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql"),
]

RONDES = 20


def test_twee_medewerkers_bieden_tegelijk_de_laatste_plaats_aan(huis, loket_medewerker):
    locatie = OpvanglocatieFactory(huis=huis)
    collega = type(loket_medewerker).objects.create_user(email="collega@voorbeeld.test")

    for ronde in range(RONDES):
        plaats = VrijePlaatsFactory(locatie=locatie, aantal=1)
        vraag_a = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
        vraag_b = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])

        resultaten = gelijktijdig(
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
