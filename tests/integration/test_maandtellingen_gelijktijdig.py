"""Staff members change requests of one loket and one month at the same moment: once every write
has committed, nothing is left to count and the monthly counts are those of the requests.

Each write marks its month in its own transaction and counts it once it commits, under one lock;
a count that ran while another write was not yet committed leaves that write's mark for the next.
PostgreSQL only (its advisory lock and row locks); it needs no broker.
"""

import datetime
import functools

import pytest
from django.db.models import Q
from django.utils import timezone

from kern.cijfers import Periode
from loket import services
from loket.cijfers import gegevens
from loket.models import Status, StatusMaandtelling, Telwijziging
from loket.termijnen import plus_maanden
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory
from tests.integration.gelijktijdig import gelijktijdig, postgresql  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql"),
]


def test_gelijktijdige_wijzigingen_in_een_maand_worden_allemaal_geteld(huis, loket_medewerker):
    vorige_maand = plus_maanden(timezone.localdate().replace(day=1), -1)
    periode = Periode(vorige_maand, plus_maanden(vorige_maand, 1) - datetime.timedelta(days=1))
    ingediend = timezone.make_aware(datetime.datetime.combine(vorige_maand, datetime.time(10)))
    locatie = OpvanglocatieFactory(huis=huis)
    vragen = [OpvangvraagFactory(huis=huis, ingediend=ingediend, voorkeuren=[locatie]) for _ in range(12)]
    acties = [
        functools.partial(services.trek_in, reden="Opvang gevonden", door=loket_medewerker),
        functools.partial(services.markeer_dringend, dringend=True, reden="Crisis", door=loket_medewerker),
        functools.partial(
            services.corrigeer_voorrang, velden={"laag_inkomen": True}, reden="Attest", door=loket_medewerker
        ),
    ]

    resultaten = gelijktijdig(*(functools.partial(acties[i % 3], vraag=v) for i, v in enumerate(vragen)))

    assert not [r for r in resultaten if isinstance(r, Exception)]
    assert not Telwijziging.objects.exists()
    ingetrokken = StatusMaandtelling.objects.get(huis=huis, maand=vorige_maand, status=Status.INGETROKKEN)
    assert ingetrokken.n == 4
    uit_maanden = gegevens.lees_tellingen(Q(huis=huis), Q(), periode)
    assert uit_maanden == gegevens.lees_tellingen(Q(huis=huis), Q(), periode, maandtellingen=False)
    assert sum(n for (groep, _status), n in uit_maanden.voorrang.items() if groep == "dringend") == 4
    assert sum(n for (groep, _status), n in uit_maanden.voorrang.items() if groep == "inkomen") == 4
