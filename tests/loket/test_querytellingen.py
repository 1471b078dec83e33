"""The loket's personal pages read in a number of queries that does not grow with the data: the
queue (page 1), one request, the provider's page and the family's private status page. Each test
counts the queries of a page, adds more rows of what the page shows (and of what it does not),
and counts again."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from loket import services
from tests.factories import AanbiederFactory, OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def locaties(huis):
    return [OpvanglocatieFactory(huis=huis, naam=f"Locatie {i}") for i in range(3)]


def aantal_queries(client, url: str) -> int:
    """The queries of a page once the session's once-a-minute reads (the main menu) are done,
    computed, not read from the cache of rendered parts."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(url)
    assert antwoord.status_code == 200
    return len(queries)


def meer_aanvragen(huis, locaties, aantal: int, *, door=None) -> list:
    """Requests with two children, all locations chosen, a note, and an offer for every third."""
    vragen = []
    for i in range(aantal):
        vraag = OpvangvraagFactory(
            huis=huis,
            voorkeuren=list(locaties),
            kinderen=[{"voornaam": f"Kind{i}"}, {"voornaam": f"Tweeling{i}"}],
            opvang_voor_werk=bool(i % 2),
            kw_opleiding=True,
            kw_thuistaal=bool(i % 2),
        )
        services.voeg_notitie_toe(vraag=vraag, tekst=f"Notitie {i}", door=door)
        if i % 3 == 0:
            plaats = VrijePlaatsFactory(locatie=locaties[i % len(locaties)], aantal=2)
            services.doe_aanbod(vraag=vraag, plaats=plaats, door=door)
        vragen.append(vraag)
    return vragen


@pytest.mark.parametrize(
    "zoekvraag", ["", "?zoek=Kind&volgorde=voorrang", "?zoek=0470123456&volgorde=nieuwste"]
)
def test_de_eerste_pagina_van_de_wachtrij(loket_client, huis, locaties, loket_medewerker, zoekvraag):
    url = reverse("loket:wachtrij", kwargs={"huis_slug": huis.slug}) + zoekvraag
    meer_aanvragen(huis, locaties, 4, door=loket_medewerker)
    weinig = aantal_queries(loket_client, url)
    meer_aanvragen(huis, locaties, 40, door=loket_medewerker)
    assert aantal_queries(loket_client, url) == weinig


def test_een_aanvraag_met_haar_geschiedenis(loket_client, huis, locaties, loket_medewerker):
    (vraag,) = meer_aanvragen(huis, locaties, 1, door=loket_medewerker)
    url = reverse("loket:vraag_detail", kwargs={"huis_slug": huis.slug, "vraag_pk": vraag.pk})
    weinig = aantal_queries(loket_client, url)
    for i in range(15):
        services.voeg_notitie_toe(vraag=vraag, tekst=f"Nog een notitie {i}", door=loket_medewerker)
    aanbod = vraag.aanbiedingen.get()
    services.trek_aanbod_in(aanbod=aanbod, reden="Plaats vergist.", door=loket_medewerker)
    services.doe_aanbod(vraag=vraag, plaats=VrijePlaatsFactory(locatie=locaties[1], aantal=2), door=None)
    meer_aanvragen(huis, locaties, 20, door=loket_medewerker)
    assert aantal_queries(loket_client, url) == weinig


def test_de_stand_van_de_aanvraag_voor_het_gezin(client, huis, locaties, loket_medewerker):
    (vraag,) = meer_aanvragen(huis, locaties, 1, door=loket_medewerker)
    url = reverse("loket:aanvraag", kwargs={"token": vraag.token})
    weinig = aantal_queries(client, url)
    aanbod = vraag.aanbiedingen.get()
    services.trek_aanbod_in(aanbod=aanbod, reden="Plaats vergist.", door=loket_medewerker)
    services.doe_aanbod(vraag=vraag, plaats=VrijePlaatsFactory(locatie=locaties[1], aantal=2), door=None)
    meer_aanvragen(huis, locaties, 20, door=loket_medewerker)
    assert aantal_queries(client, url) == weinig


def test_de_pagina_van_de_aanbieder_met_aanvaarde_aanbiedingen(
    client, huis, locaties, loket_medewerker, django_capture_on_commit_callbacks
):
    aanbieder = AanbiederFactory(locatie=locaties[0]).gebruiker
    for locatie in locaties[1:]:
        AanbiederFactory(locatie=locatie, gebruiker=aanbieder)
    client.force_login(aanbieder)
    url = reverse("loket:aanbieder")

    def aanvaarde(aantal: int) -> None:
        for vraag in meer_aanvragen(huis, locaties, aantal, door=loket_medewerker):
            plaats = VrijePlaatsFactory(locatie=locaties[vraag.pk % len(locaties)], aantal=2)
            for aanbod in vraag.aanbiedingen.all():
                services.trek_aanbod_in(aanbod=aanbod, reden="Andere plaats.", door=loket_medewerker)
            services.beantwoord_aanbod(
                aanbod=services.doe_aanbod(vraag=vraag, plaats=plaats, door=None), aanvaard=True
            )

    aanvaarde(2)
    weinig = aantal_queries(client, url)
    with django_capture_on_commit_callbacks(execute=True):
        aanvaarde(12)
    antwoord = client.get(url)
    assert len(antwoord.context["aanvaard"]) == 14
    assert aantal_queries(client, url) == weinig
