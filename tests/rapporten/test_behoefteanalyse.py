"""The needs analysis of a gemeente: its figures on a small world counted by hand, small counts
hidden, who may see it, its queries, and the council report made from its page."""

import datetime
import io
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from huizen.models import VrindCluster
from kern.tenancy import Rol
from rapporten import opslag
from rapporten.behoefte import behoefteanalyse
from rapporten.models import Rapportjob, Rapportstatus
from tests.factories import (
    DomeinEngagementFactory,
    GemeenteFactory,
    GolfFactory,
    HuisAanbodFactory,
    HuisFactory,
    LidmaatschapFactory,
    LoketAanbodFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    ResponsFactory,
    ThemaFactory,
    UserFactory,
    VraagFactory,
    VragenlijstFactory,
    VrijePlaatsFactory,
    levensdomein,
)

pytestmark = pytest.mark.django_db

VANDAAG = timezone.localdate()
# Every request of the world was submitted and confirmed at noon, 60 days ago.
BASIS = timezone.make_aware(
    datetime.datetime.combine(VANDAAG - datetime.timedelta(days=60), datetime.time(12))
)
KWARTAAL = f"{BASIS.year} K{(BASIS.month - 1) // 3 + 1}"


def client_voor(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


def _volgende_maand() -> datetime.date:
    eerste = VANDAAG.replace(day=1)
    return (eerste + datetime.timedelta(days=32)).replace(day=5)


def wachtend(huis, aantal: int, *, peuter: bool = False, **velden):
    start = _volgende_maand()
    kinderen = [{"geboortedatum": start - datetime.timedelta(days=700 if peuter else 60)}]
    for _ in range(aantal):
        OpvangvraagFactory(
            huis=huis, gewenste_start=start, kinderen=kinderen, ingediend=BASIS, bevestigd=BASIS, **velden
        )


def geplaatst(huis, dagen: int, **velden):
    """A request placed `dagen` days after its confirmation, its first offer two days before."""
    gemaakt = BASIS + datetime.timedelta(days=dagen - 2)
    LoketAanbodFactory(
        plaatsing_bevestigd=True,
        gemaakt=gemaakt,
        opvangvraag__huis=huis,
        opvangvraag__ingediend=BASIS,
        opvangvraag__bevestigd=BASIS,
        opvangvraag__eerste_antwoord=gemaakt,
        **{f"opvangvraag__{k}": v for k, v in velden.items()},
    )


KWETSBAAR = {"kw_inkomen_uit_werk": True, "kw_opleiding": True}


@pytest.fixture
def wereld(db):
    """Two gemeenten in cluster 97 (Hier with Huis A, Buur with Huis B) and one (Ver) in cluster 98.

    Hier: 6 babies wait (3 of them vulnerable, 5 with a low income), 2 toddlers wait, 1 request
    expired, 5 were placed after 10, 20, 30, 40 and 50 days (2 of them vulnerable); 3 free baby
    seats from today and 4 toddler seats from next month. Buur: 5 babies wait, 5 were placed after 4
    days each; 2 free baby seats. Ver: 4 babies wait, no free seat.
    """
    cluster = VrindCluster.objects.create(nummer=97, naam="Testplatteland")
    ander = VrindCluster.objects.create(nummer=98, naam="Teststeden")
    hier = GemeenteFactory(nis="97001", naam="Hierbeek", cluster=cluster)
    buur = GemeenteFactory(nis="97002", naam="Buurbeek", cluster=cluster)
    ver = GemeenteFactory(nis="98001", naam="Verstad", cluster=ander)
    huis = HuisFactory(naam="Huis van het Kind Hierbeek", slug="hierbeek", gemeenten=[hier])
    buurhuis = HuisFactory(naam="Huis van het Kind Buurbeek", slug="buurbeek", gemeenten=[buur])
    verhuis = HuisFactory(naam="Huis van het Kind Verstad", slug="verstad", gemeenten=[ver])

    wachtend(huis, 3, laag_inkomen=True, **KWETSBAAR)
    wachtend(huis, 2, laag_inkomen=True)
    wachtend(huis, 1)
    wachtend(huis, 2, peuter=True)
    OpvangvraagFactory(huis=huis, status="verlopen", ingediend=BASIS, bevestigd=BASIS)
    for dagen in (10, 20):
        geplaatst(huis, dagen, **KWETSBAAR)
    for dagen in (30, 40, 50):
        geplaatst(huis, dagen)
    locatie = OpvanglocatieFactory(huis=huis, gemeente=hier)
    VrijePlaatsFactory(locatie=locatie, vanaf=VANDAAG, leeftijdsgroep="baby", aantal=3)
    VrijePlaatsFactory(locatie=locatie, vanaf=_volgende_maand(), leeftijdsgroep="peuter", aantal=4)

    wachtend(buurhuis, 5)
    for _ in range(5):
        geplaatst(buurhuis, 4)
    VrijePlaatsFactory(locatie__huis=buurhuis, locatie__gemeente=buur, vanaf=VANDAAG, aantal=2)

    wachtend(verhuis, 4)

    # The Huis's life domains and offer
    DomeinEngagementFactory(huis=huis, levensdomein=levensdomein(), in_top3=True)
    HuisAanbodFactory(huis=huis, levensdomeinen=[levensdomein()])
    HuisAanbodFactory(huis=huis, levensdomeinen=[levensdomein()])

    # A closed survey wave: Hierbeek scored 4 and said how, Buurbeek 2, Verstad 3.
    golf = GolfFactory(status="afgesloten")
    thema = ThemaFactory(vragenlijst=VragenlijstFactory(golf=golf), sleutel="omgevingsanalyse")
    VraagFactory(
        thema=thema, sleutel="omgevingsanalyse.zicht_lokale_noden", score=True, tekst="Zicht op noden?"
    )
    VraagFactory(thema=thema, sleutel="omgevingsanalyse.hoe", type="open_tekst", tekst="Hoe krijgt u zicht?")
    for h, score in ((huis, "4"), (buurhuis, "2"), (verhuis, "3")):
        antwoorden = {"omgevingsanalyse.zicht_lokale_noden": score}
        if h is huis:
            antwoorden["omgevingsanalyse.hoe"] = "Via de consultatiebureaus en de scholen."
        ResponsFactory(golf=golf, huis=h, na_indiening=True, antwoorden=antwoorden)
    return {"huis": huis, "hier": hier, "buur": buur, "ver": ver, "golf": golf}


def rij(tabel, label):
    return dict(tabel.rijen)[label]


def test_de_cijfers_van_de_gemeente_naast_cluster_en_vlaanderen(wereld):
    b = behoefteanalyse(wereld["hier"], VANDAAG)
    loket = b.loket
    assert loket.druk.kolommen == ("Leeftijdsgroep", "Hier", "Cluster Testplatteland", "Vlaanderen")
    # babies: 6 wait on 3 seats here; 11 on 5 in the cluster; 15 on 5 in Flanders
    assert rij(loket.druk, "Baby's (jonger dan 18 maanden)") == ["2,0", "2,2", "3,0"]
    # toddlers: 2 wait here (a small count: hidden, and the ratio with it)
    assert rij(loket.druk, "Peuters (18 maanden tot 3 jaar)") == ["< 5", "< 5", "< 5"]

    baby = loket.vraag_en_aanbod[0]
    assert baby.rijen[0][1] == ["0", "3"]  # this month and earlier
    assert baby.rijen[1][1] == ["6", "0"]  # next month
    assert rij(baby, "Samen") == ["6", "3"]
    peuter = loket.vraag_en_aanbod[1]
    assert peuter.rijen[1][1] == ["< 5", "4"] and rij(peuter, "Samen") == ["< 5", "4"]

    # unmet: 8 waiting + 1 expired of 14 here; 14 of 24 in the cluster; 18 of 28 in Flanders
    per_kwartaal, aandeel = loket.trend
    assert rij(per_kwartaal, KWARTAAL) == ["14", "9"]
    assert rij(aandeel, KWARTAAL) == ["64,3 %", "58,3 %", "64,3 %"]

    # median days to the placement: 30 here; 4,4,4,4,4,10,20,30,40,50 -> 7 in the cluster and Flanders
    assert rij(loket.wachttijden, "Tot de plaatsing") == ["30", "7", "7"]
    assert rij(loket.wachttijden, "Tot het eerste aanbod") == ["28", "5", "5"]

    kwetsbaar, voorrang, aantallen = loket.kwetsbaar
    # 5 vulnerable of 14 requests here, of 24 in the cluster, of 28 in Flanders; 2 of 5 placements
    assert rij(kwetsbaar, "Bij de aanvragen") == ["35,7 %", "20,8 %", "17,9 %"]
    assert rij(kwetsbaar, "Bij de plaatsingen") == ["< 5", "< 5", "< 5"]
    assert rij(voorrang, "Bij de aanvragen") == ["35,7 %", "20,8 %", "17,9 %"]
    assert rij(voorrang, "Bij de plaatsingen") == ["0,0 %", "0,0 %", "0,0 %"]
    assert rij(aantallen, "Aanvragen") == ["14", "5", "5"]
    assert rij(aantallen, "Plaatsingen") == ["5", "< 5", "0"]

    # the Huis, its offer per life domain, and the survey
    assert b.huis == wereld["huis"] and b.aantal_actief == 1 and b.aantal_aanbod == 2
    assert b.domeinen.rijen[0][1][:2] == ["actief (top 3)", "2"]
    o = b.omgevingsanalyse
    assert o.kolommen == ["Vlaanderen"] and o.antwoorden_cluster == 2  # fewer than 5: no cluster
    assert o.scores[0].eigen == "4 (score 4)" and o.scores[0].gemiddelden == ["3,0"]
    assert o.scores[0].hoog == ["33 %"]
    assert o.open_antwoorden == [("Hoe krijgt u zicht?", "Via de consultatiebureaus en de scholen.")]


def test_kleine_aantallen_blijven_verborgen_op_de_pagina(wereld):
    client = client_voor(UserFactory(opgroeien=True))
    pagina = client.get(reverse("rapporten:behoefteanalyse", kwargs={"nis": "98001"})).content.decode()
    # Verstad: 4 babies wait, no Huis-level figure shows the 4
    assert "Verstad" in pagina and "&lt; 5" in pagina
    assert not re.search(r"<td[^>]*>4</td>", pagina)


def test_wie_de_behoefteanalyse_ziet(wereld):
    url = reverse("rapporten:behoefteanalyse", kwargs={"nis": "97001"})
    huis = wereld["huis"]
    for rol in (Rol.COORDINATOR, Rol.LOKET):
        gebruiker = LidmaatschapFactory(huis=huis, rol=rol).gebruiker
        antwoord = client_voor(gebruiker).get(url)
        assert antwoord.status_code == 200 and "Behoefteanalyse Hierbeek" in antwoord.content.decode()
        lijst = client_voor(gebruiker).get(reverse("rapporten:behoefteanalyses")).content.decode()
        assert url in lijst and "97002" not in lijst
    assert client_voor(UserFactory(opgroeien=True)).get(url).status_code == 200
    buur = LidmaatschapFactory(huis=HuisFactory(gemeenten=[wereld["buur"]]), rol=Rol.COORDINATOR).gebruiker
    assert client_voor(buur).get(url).status_code == 404
    assert (
        client_voor(buur).post(reverse("rapporten:nieuw_gemeenteraad", kwargs={"nis": "97001"})).status_code
        == 404
    )
    assert client_voor(UserFactory()).get(url).status_code == 404
    assert Client().get(url).status_code == 302  # to the login
    assert (
        client_voor(UserFactory(opgroeien=True))
        .get(reverse("rapporten:behoefteanalyse", kwargs={"nis": "00000"}))
        .status_code
        == 404
    )
    assert not Rapportjob.objects.exists()


def test_de_werkruimte_en_het_overzicht_linken_naar_de_behoefteanalyse(wereld):
    url = reverse("rapporten:behoefteanalyse", kwargs={"nis": "97001"})
    coordinator = LidmaatschapFactory(huis=wereld["huis"], rol=Rol.COORDINATOR).gebruiker
    werkruimte = reverse("huizen:werkruimte", kwargs={"huis_slug": "hierbeek"})
    assert url in client_voor(coordinator).get(werkruimte).content.decode()
    overzicht = client_voor(UserFactory(opgroeien=True)).get(reverse("huizen:opgroeien_overzicht"))
    assert reverse("rapporten:behoefteanalyses") in overzicht.content.decode()


def _pagina_queries(client) -> int:
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        antwoord = client.get(reverse("rapporten:behoefteanalyse", kwargs={"nis": "97001"}))
    assert antwoord.status_code == 200
    return len(queries)


def test_het_aantal_queries_groeit_niet_met_de_gegevens(wereld):
    client = client_voor(UserFactory(opgroeien=True))
    voor = _pagina_queries(client)
    # more of everything: requests of every kind, places, gemeenten, Huizen, answers
    for i in range(3):
        gemeente = GemeenteFactory(cluster=VrindCluster.objects.get(nummer=97 + i % 2))
        huis = HuisFactory(gemeenten=[gemeente])
        wachtend(huis, 3, laag_inkomen=True)
        wachtend(huis, 2, peuter=True, **KWETSBAAR)
        geplaatst(huis, 12 + i)
        VrijePlaatsFactory(locatie__huis=huis, locatie__gemeente=gemeente, vanaf=VANDAAG, aantal=2)
        ResponsFactory(
            golf=wereld["golf"],
            huis=huis,
            na_indiening=True,
            antwoorden={"omgevingsanalyse.zicht_lokale_noden": "5"},
        )
    wachtend(wereld["huis"], 7)
    geplaatst(wereld["huis"], 15, **KWETSBAAR)
    HuisAanbodFactory(huis=wereld["huis"], levensdomeinen=[levensdomein()])
    assert _pagina_queries(client) == voor
    # cached by the data versions: a second visit reads only the user, the gemeente and the versions
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("rapporten:behoefteanalyse", kwargs={"nis": "97001"}))
    assert len(queries) < 10


def test_het_raadsrapport_van_een_gemeente_vanaf_haar_pagina(wereld, django_capture_on_commit_callbacks):
    coordinator = LidmaatschapFactory(huis=wereld["huis"], rol=Rol.COORDINATOR).gebruiker
    client = client_voor(coordinator)
    pagina = client.get(reverse("rapporten:behoefteanalyse", kwargs={"nis": "97001"})).content.decode()
    actie = reverse("rapporten:nieuw_gemeenteraad", kwargs={"nis": "97001"})
    assert f'action="{actie}"' in pagina

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(actie)
    job = Rapportjob.objects.get()
    assert antwoord["Location"] == reverse("rapporten:job", kwargs={"job_pk": job.pk})
    assert job.soort == "gemeenteraad" and job.huis == wereld["huis"] and job.batch is None
    assert job.status == Rapportstatus.KLAAR, job.fout
    # the Huis's loket staff see it too; another Huis does not
    loket = client_voor(LidmaatschapFactory(huis=wereld["huis"], rol=Rol.LOKET).gebruiker)
    assert loket.get(reverse("rapporten:download", kwargs={"job_pk": job.pk})).status_code == 200
    ander = client_voor(LidmaatschapFactory(rol=Rol.COORDINATOR).gebruiker)
    assert ander.get(reverse("rapporten:job", kwargs={"job_pk": job.pk})).status_code == 404

    pdf = PdfReader(io.BytesIO(opslag.pad(job.bestand.name).read_bytes()))
    catalogus = pdf.trailer["/Root"]
    assert bool(catalogus["/MarkInfo"]["/Marked"])  # a tagged PDF
    assert catalogus["/Lang"] == "nl-BE"
    assert "/StructTreeRoot" in catalogus
    titel = pdf.metadata.title or ""
    assert "Hierbeek" in titel
    tekst = "\n".join(pagina.extract_text() for pagina in pdf.pages)
    assert "Behoefteanalyse Hierbeek" in tekst and "Wachtende gezinnen per vrije plaats" in tekst


def test_opgroeien_kiest_gemeenten_voor_een_reeks(wereld, django_capture_on_commit_callbacks):
    client = client_voor(UserFactory(opgroeien=True))
    url = reverse("rapporten:batch_nieuw")
    fout = client.post(url, {"bereik": "gemeenten"})
    assert "Kies een of meer gemeenten." in fout.content.decode()
    with django_capture_on_commit_callbacks(execute=False):
        antwoord = client.post(url, {"bereik": "gemeenten", "gemeenten": ["98001", "97001"]})
    assert antwoord.status_code == 302
    jobs = Rapportjob.objects.order_by("titel")
    assert [j.parameters["gemeente"] for j in jobs] == ["97001", "98001"]
    assert jobs[0].batch.titel.startswith("Rapporten voor de gemeenteraad: Hierbeek en Verstad")


def test_twee_huizen_in_de_gemeente_elk_hun_eigen_raadsrapport(wereld, django_capture_on_commit_callbacks):
    tweede = HuisFactory(naam="Huis van het Kind Tweede", gemeenten=[wereld["hier"]])
    actie = reverse("rapporten:nieuw_gemeenteraad", kwargs={"nis": "97001"})
    jobs = []
    for huis in (wereld["huis"], tweede, wereld["huis"]):
        client = client_voor(LidmaatschapFactory(huis=huis, rol=Rol.LOKET).gebruiker)
        with django_capture_on_commit_callbacks(execute=False):
            antwoord = client.post(actie)
        job = Rapportjob.objects.get(pk=antwoord["Location"].rstrip("/").split("/")[-1])
        assert job.huis == huis and client.get(antwoord["Location"]).status_code == 200
        jobs.append(job.pk)
    assert jobs[0] != jobs[1] and jobs[2] == jobs[0]  # the same report of the same Huis once
