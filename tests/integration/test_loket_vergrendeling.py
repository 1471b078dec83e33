"""Two actions on one family's offers at the same moment never deadlock.

Every service that changes a family's request or offers locks the request first, then its offers
by id, then the free place (DESIGN.md section 3). Each pair below races 50 times, two threads
released by a barrier: the only errors are the clear refusals the services give by design
(ValidationError), and the request ends in a consistent state. Runs on PostgreSQL only.
"""

import datetime
import functools
import logging

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from loket import services
from loket.models import Aanbod, AanbodStatus, Opvangvraag, Status
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory
from tests.integration.gelijktijdig import gelijktijdig, postgresql  # noqa: F401  (fixture)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("postgresql"),
]

RONDES = 50
RONDES_HTTP = 5
LOPEND = (AanbodStatus.OPEN, AanbodStatus.AANVAARD)


@pytest.fixture
def gezin_met_twee_aanbiedingen(huis, loket_medewerker):
    """A factory: a new family with an open offer at each of two locations (offer ids ascending)."""
    locaties = [OpvanglocatieFactory(huis=huis), OpvanglocatieFactory(huis=huis)]
    plaatsen = [VrijePlaatsFactory(locatie=locatie, aantal=RONDES + RONDES_HTTP) for locatie in locaties]

    def maak() -> tuple[Opvangvraag, Aanbod, Aanbod]:
        vraag = OpvangvraagFactory(huis=huis, voorkeuren=locaties)
        eerste, tweede = (
            services.doe_aanbod(vraag=vraag, plaats=plaats, door=loket_medewerker) for plaats in plaatsen
        )
        return Opvangvraag.objects.get(pk=vraag.pk), eerste, tweede

    return maak


class Verslag:
    """What went wrong over all rounds: errors other than ValidationError, inconsistent states,
    and deadlocks that only the retry of `kern.transacties` hid (the lock order prevents them)."""

    def __init__(self, caplog):
        self.fouten: list[str] = []
        self.inconsistent: list[str] = []
        self.caplog = caplog
        caplog.set_level(logging.WARNING, logger="kern.transacties")

    def onverwacht(self, ronde: int, resultaten: list) -> None:
        for resultaat in resultaten:
            if isinstance(resultaat, Exception) and not isinstance(resultaat, ValidationError):
                eerste_regel = str(resultaat).splitlines()[0]
                self.fouten.append(f"ronde {ronde}: {type(resultaat).__name__}: {eerste_regel}")

    def controleer(self, ronde: int, voorwaarde: bool, toestand) -> None:
        if not voorwaarde:
            self.inconsistent.append(f"ronde {ronde}: {toestand}")

    @property
    def herhaald(self) -> int:
        return sum(record.name == "kern.transacties" for record in self.caplog.records)

    def __str__(self) -> str:
        return (
            f"{len(self.fouten)} fouten, {len(self.inconsistent)} inconsistente rondes van {RONDES}, "
            f"{self.herhaald} keer opnieuw geprobeerd:\n" + "\n".join(self.fouten[:5] + self.inconsistent[:5])
        )

    def assert_zonder_fouten(self) -> None:
        assert not self.fouten and not self.inconsistent and not self.herhaald, str(self)


def _statussen(*aanbiedingen: Aanbod) -> list[str]:
    return [Aanbod.objects.get(pk=aanbod.pk).status for aanbod in aanbiedingen]


def _status(vraag: Opvangvraag) -> str:
    return Opvangvraag.objects.get(pk=vraag.pk).status


def _aanvaard(aanbod: Aanbod):
    return functools.partial(services.beantwoord_aanbod, aanbod=aanbod, aanvaard=True)


def test_twee_aanbiedingen_tegelijk_aanvaarden(gezin_met_twee_aanbiedingen, caplog):
    verslag = Verslag(caplog)
    for ronde in range(RONDES):
        vraag, eerste, tweede = gezin_met_twee_aanbiedingen()

        resultaten = gelijktijdig(_aanvaard(eerste), _aanvaard(tweede))

        verslag.onverwacht(ronde, resultaten)
        statussen = _statussen(eerste, tweede)
        verslag.controleer(
            ronde,
            sorted(statussen) == sorted([AanbodStatus.AANVAARD, AanbodStatus.VERVALLEN])
            and _status(vraag) == Status.AANBOD
            and sum(isinstance(r, Aanbod) for r in resultaten) == 1,
            (statussen, _status(vraag), resultaten),
        )
    verslag.assert_zonder_fouten()


def test_aanvaarden_terwijl_de_termijn_van_een_aanbod_verstrijkt(gezin_met_twee_aanbiedingen, caplog):
    """Even rounds: the hourly expiry ends the family's other offer; odd rounds: the offer itself."""
    verslag = Verslag(caplog)
    gisteren = timezone.localdate() - datetime.timedelta(days=1)
    for ronde in range(RONDES):
        vraag, verstreken, open_aanbod = gezin_met_twee_aanbiedingen()
        Aanbod.objects.filter(pk=verstreken.pk).update(deadline=gisteren)
        zelfde = ronde % 2 == 1
        aanvaard = verstreken if zelfde else open_aanbod

        resultaten = gelijktijdig(
            _aanvaard(aanvaard),
            functools.partial(services.laat_aanbod_verlopen, aanbod_id=verstreken.pk),
        )

        verslag.onverwacht(ronde, resultaten)
        statussen = _statussen(verstreken, open_aanbod)
        if zelfde:
            # Too late to accept: the offer expires, the other one stays open.
            goed = statussen == [AanbodStatus.VERLOPEN, AanbodStatus.OPEN] and isinstance(
                resultaten[0], ValidationError
            )
        else:
            goed = statussen[1] == AanbodStatus.AANVAARD and statussen[0] in (
                AanbodStatus.VERLOPEN,
                AanbodStatus.VERVALLEN,
            )
        verslag.controleer(
            ronde, goed and _status(vraag) == Status.AANBOD, (statussen, _status(vraag), resultaten)
        )
    verslag.assert_zonder_fouten()


def test_gezin_trekt_in_terwijl_het_loket_een_aanbod_intrekt(
    gezin_met_twee_aanbiedingen, loket_medewerker, caplog
):
    verslag = Verslag(caplog)
    for ronde in range(RONDES):
        vraag, eerste, tweede = gezin_met_twee_aanbiedingen()

        resultaten = gelijktijdig(
            functools.partial(services.trek_in, vraag=vraag, reden="We vonden opvang."),
            functools.partial(
                services.trek_aanbod_in, aanbod=eerste, reden="Plaats vervalt.", door=loket_medewerker
            ),
        )

        verslag.onverwacht(ronde, resultaten)
        statussen = _statussen(eerste, tweede)
        verslag.controleer(
            ronde,
            _status(vraag) == Status.INGETROKKEN
            and statussen == [AanbodStatus.VERVALLEN, AanbodStatus.VERVALLEN]
            and not Aanbod.objects.filter(opvangvraag=vraag, status__in=LOPEND).exists(),
            (statussen, _status(vraag), resultaten),
        )
    verslag.assert_zonder_fouten()


def test_twee_aanbiedingen_tegelijk_aanvaarden_via_de_pagina(gezin_met_twee_aanbiedingen):
    """The family's page, twice at once (two tabs): one acceptance, one clear message, never a 500."""
    serverfouten = 0
    for ronde in range(RONDES_HTTP):
        vraag, eerste, tweede = gezin_met_twee_aanbiedingen()

        def aanvaard_via_pagina(aanbod, token=vraag.token):
            url = reverse("loket:aanbod_antwoord", kwargs={"token": token, "aanbod_pk": aanbod.pk})
            return Client(raise_request_exception=False).post(
                url, {"antwoord": "aanvaarden", "bevestigd": "on"}
            )

        antwoorden = gelijktijdig(
            functools.partial(aanvaard_via_pagina, eerste), functools.partial(aanvaard_via_pagina, tweede)
        )

        codes = sorted(antwoord.status_code for antwoord in antwoorden)
        if 500 in codes:
            serverfouten += 1
            continue
        assert codes == [200, 303], f"ronde {ronde}: {codes}"
        [geweigerd] = [antwoord for antwoord in antwoorden if antwoord.status_code == 200]
        assert "Op dit aanbod kan niet meer geantwoord worden." in geweigerd.content.decode()
        assert sorted(_statussen(eerste, tweede)) == sorted([AanbodStatus.AANVAARD, AanbodStatus.VERVALLEN])
    assert serverfouten == 0, f"{serverfouten} van {RONDES_HTTP} rondes gaven een serverfout (500)"
