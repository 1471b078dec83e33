"""The demo survey data: a complete 2022 wave and a 2016 wave for the demo Huizen, resembling the
2022 survey report (seed 002), valid answer by answer, and loaded only once.

The Huizen's demo data is loaded once for this module, inside one transaction that is rolled back
at the end, so the other test modules never see it.
"""

from __future__ import annotations

from collections import Counter

import pytest
from django.db import transaction

from bevraging.models import Antwoord, Golf, Respons, Responsstatus, Statuswijziging
from bevraging.selectors import vragen_van, zichtbare_vragen
from bevraging.services import controleer_volledigheid
from demo.bevraging import demo_huizen, laad_bevraging_demodata
from demo.huizen import DEMO_HUIS_SLUG, DEMO_WACHTWOORD, laad_demodata
from huizen.selectors import Selectie, huizenlijst
from kern.cijfers import Filter


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        laad_demodata(wachtwoord=DEMO_WACHTWOORD)
        resultaat = laad_bevraging_demodata()
        yield resultaat
        transaction.set_rollback(True)


@pytest.fixture
def golven(demo, db):
    return {g.jaar: g for g in Golf.objects.filter(jaar__in=(2016, 2022))}


def _antwoorden(golf: Golf, sleutel: str) -> dict[int, object]:
    """Huis id -> answer value of the question in the wave."""
    return dict(
        Antwoord.objects.filter(respons__golf=golf, vraag__sleutel=sleutel).values_list(
            "respons__huis_id", "waarde"
        )
    )


def _procent(deel: int, geheel: int) -> float:
    return 100 * deel / geheel


def _met_locatie() -> dict[int, bool]:
    """The physical-location flag of the Opgroeien overview (at least one Locatie)."""
    return {h.pk: h.aantal_locaties > 0 for h in huizenlijst(Filter(), Selectie())}


def test_2022_heeft_een_gevalideerde_respons_voor_226_van_de_227_huizen(golven, demo):
    huizen = demo_huizen()
    assert len(huizen) == 227
    responsen = list(Respons.objects.filter(golf=golven[2022]).select_related("huis", "interviewer"))
    assert len(responsen) == 226 and demo.responsen[2022] == 226
    assert {r.status for r in responsen} == {Responsstatus.GEVALIDEERD}
    niet = {h.slug for h in huizen} - {r.huis.slug for r in responsen}
    assert len(niet) == 1 and DEMO_HUIS_SLUG not in niet
    assert demo.niet_bevraagd == next(h.naam for h in huizen if h.slug in niet)
    # An interview in spring 2022 by the demo Opgroeien staff member: started, submitted, validated.
    assert {r.interviewer.email for r in responsen} == {"opgroeien@demo.huizenvanhetkind.test"}
    assert all(r.gestart.year == 2022 and 3 <= r.gestart.month <= 6 for r in responsen)
    assert all(r.gestart <= r.ingediend <= r.gevalideerd for r in responsen)
    stappen = Counter(Statuswijziging.objects.filter(respons__golf=golven[2022]).values_list("van", "naar"))
    assert stappen == {
        ("niet_gestart", "concept"): 226,
        ("concept", "ingediend"): 226,
        ("ingediend", "gevalideerd"): 226,
    }


def test_elk_antwoord_past_bij_zijn_vraag_en_de_overslaglogica(golven):
    for golf in golven.values():
        vragen = {v.pk: v for v in vragen_van(golf.vragenlijst)}
        for antwoord in Antwoord.objects.filter(respons__golf=golf):
            vraag = vragen[antwoord.vraag_id]
            assert (
                vraag.controleer_waarde(
                    antwoord.waarde,
                    andere_tekst=antwoord.andere_tekst,
                    toelichting=antwoord.toelichting,
                    volledig=True,
                )
                == []
            ), (vraag.sleutel, antwoord.waarde)
            if isinstance(antwoord.waarde, list):  # codes in the order of the options
                assert antwoord.waarde == sorted(antwoord.waarde, key=vraag.optiecodes().index)
        for respons in Respons.objects.filter(golf=golf).select_related("golf__vragenlijst"):
            # Every required question that is shown is answered, and none that is hidden.
            assert controleer_volledigheid(respons=respons) == {}
            getoond = {v.pk for v in zichtbare_vragen(respons)}
            assert set(respons.antwoorden.values_list("vraag_id", flat=True)) <= getoond


def test_de_verdelingen_van_2022_lijken_op_het_rapport(golven):
    golf = golven[2022]
    n = 226

    vrijwilligers = Counter(_antwoorden(golf, "participatie.vrijwilligers").values())
    assert 60 <= _procent(vrijwilligers["ja"], n) <= 68  # report 64.0%
    # Only Huizen with volunteers were asked about their say.
    assert len(_antwoorden(golf, "participatie.inspraak_vrijwilligers")) == vrijwilligers["ja"]

    bereik = list(_antwoorden(golf, "doelgroep.bereik_alle_gezinnen").values())
    assert 25 <= _procent(sum(s >= 4 for s in bereik), n) <= 33  # report 29.3%
    assert 22 <= _procent(sum(s <= 2 for s in bereik), n) <= 31  # report 26.5%

    # Cooperation with the Lokaal Loket Kinderopvang by physical location (report's table).
    locatie = _met_locatie()
    loket = _antwoorden(golf, "kind_en_gezin_partners.lokaal_loket")
    verwacht = {True: (12.60, 8.66, 78.74), False: (23.33, 17.78, 58.89)}
    for groep, (laag, midden, hoog) in verwacht.items():
        scores = [s for pk, s in loket.items() if locatie[pk] == groep]
        assert abs(_procent(sum(s <= 2 for s in scores), len(scores)) - laag) <= 3
        assert abs(_procent(sum(s == 3 for s in scores), len(scores)) - midden) <= 3
        assert abs(_procent(sum(s >= 4 for s in scores), len(scores)) - hoog) <= 3

    # With a physical location the reach scores 4-5 about ten points higher.
    def hoog(scores):
        return _procent(sum(s >= 4 for s in scores), len(scores))

    bereik_per = _antwoorden(golf, "doelgroep.bereik_alle_gezinnen")
    verschil = hoog([s for pk, s in bereik_per.items() if locatie[pk]]) - hoog(
        [s for pk, s in bereik_per.items() if not locatie[pk]]
    )
    assert 6 <= verschil <= 14

    # The physical location the Huis reported is its profile's: 58% with one or more.
    fysiek = _antwoorden(golf, "toegankelijkheid.fysieke_locatie")
    assert all((fysiek[pk] in ("een", "meerdere")) == locatie[pk] for pk in fysiek)
    assert 55 <= _procent(sum(locatie[pk] for pk in fysiek), n) <= 61

    # Core partners: at most three; lokaal bestuur 72.8% in the report.
    kern = _antwoorden(golf, "kernpartners.belangrijkste_partners")
    assert len(kern) == n and max(len(c) for c in kern.values()) == 3
    assert abs(_procent(sum("lokaal_bestuur" in c for c in kern.values()), n) - 72.8) <= 3

    leeftijd = _antwoorden(golf, "doelgroep.leeftijd").values()
    assert abs(_procent(sum("0-3" in c for c in leeftijd), n) - 79.1) <= 3
    assert abs(_procent(sum("12-18" in c for c in leeftijd), n) - 14.2) <= 3

    perinataal = Counter(_antwoorden(golf, "doelgroep.perinatale_werking").values())
    assert (
        abs(_procent(perinataal["sterk"], n) - 17.3) <= 3 and abs(_procent(perinataal["nee"], n) - 57.3) <= 3
    )

    netwerk = Counter(_antwoorden(golf, "netwerken.bovengemeentelijk_actief").values())
    assert abs(_procent(netwerk["ja"], n) - 83.2) <= 3
    tevreden = list(_antwoorden(golf, "ondersteuning.tevredenheid").values())
    assert abs(_procent(sum(s >= 4 for s in tevreden), n) - 75.6) <= 3
    consultatiebureau = list(_antwoorden(golf, "kind_en_gezin_partners.consultatiebureau").values())
    assert abs(_procent(consultatiebureau.count(1), n) - 26.4) <= 3

    # Open fields next to scores and open questions hold Dutch text.
    toelichtingen = Antwoord.objects.filter(respons__golf=golf).exclude(toelichting="").count()
    assert toelichtingen > 2000
    assert all(_antwoorden(golf, "samenwerking.meerwaarde_gezinnen").values())


def test_2016_is_kleiner_en_verschilt_zoals_het_rapport_vergelijkt(golven):
    golf = golven[2016]
    responsen = Respons.objects.filter(golf=golf)
    n = responsen.count()
    assert 150 <= n <= 180
    assert set(responsen.values_list("status", flat=True)) == {Responsstatus.INGEDIEND}
    assert not responsen.filter(interviewer__isnull=False).exists()  # self-completed

    leeftijd = _antwoorden(golf, "doelgroep.leeftijd").values()
    assert abs(_procent(sum("12-18" in c for c in leeftijd), n) - 70.5) <= 3  # 2022: 14.2%
    fysiek = Counter(_antwoorden(golf, "toegankelijkheid.fysieke_locatie").values())
    assert 55 <= _procent(fysiek["ja"], n) <= 65  # "ook in 2016 ongeveer 6 op de 10"
    betrokken = Counter(_antwoorden(golf, "kind_en_gezin_partners.consultatiebureau").values())
    assert _procent(betrokken["ja"], n) >= 95  # 2022: 26.4% no cooperation at all
    vrijwilligers = Counter(_antwoorden(golf, "participatie.inzet_vrijwilligers").values())
    assert abs(_procent(vrijwilligers["ja"], n) - 38.2) <= 3
    participatie = Counter(_antwoorden(golf, "participatie.gebruikersparticipatie").values())
    assert abs(_procent(participatie["ja"], n) - 34.5) <= 3


def _inhoud(golf: Golf) -> list:
    return sorted(
        Antwoord.objects.filter(respons__golf=golf).values_list(
            "respons__huis__slug", "vraag__sleutel", "waarde", "toelichting", "andere_tekst"
        ),
        key=repr,
    )


def test_opnieuw_laden_schrijft_niets_en_geeft_dezelfde_antwoorden(golven):
    voor = {jaar: _inhoud(golf) for jaar, golf in golven.items()}
    aantallen = (Respons.objects.count(), Antwoord.objects.count(), Statuswijziging.objects.count())

    resultaat = laad_bevraging_demodata()

    assert resultaat.nieuw == {2022: 0, 2016: 0} and resultaat.antwoorden == {2022: 0, 2016: 0}
    assert (Respons.objects.count(), Antwoord.objects.count(), Statuswijziging.objects.count()) == aantallen

    # Deterministic: without the responses, a new load writes exactly the same answers again.
    Respons.objects.filter(golf__in=golven.values()).delete()
    resultaat = laad_bevraging_demodata()
    assert resultaat.nieuw == {2022: 226, 2016: len({r[0] for r in voor[2016]})}
    assert {jaar: _inhoud(golf) for jaar, golf in golven.items()} == voor


def test_een_bestaande_respons_blijft_zoals_ze_is(golven):
    respons = Respons.objects.get(golf=golven[2022], huis__slug=DEMO_HUIS_SLUG)
    antwoord = respons.antwoorden.get(vraag__sleutel="participatie.inspraak_ouders")
    Antwoord.objects.filter(pk=antwoord.pk).update(waarde=5, toelichting="Zelf aangepast")

    assert laad_bevraging_demodata().nieuw == {2022: 0, 2016: 0}
    assert Antwoord.objects.get(pk=antwoord.pk).toelichting == "Zelf aangepast"


def test_de_demogolf_exporteert_en_importeert_zonder_problemen(golven, settings, tmp_path):
    """The whole demo wave of 2022 makes a round trip through an XLSX export into a fresh wave."""
    from bevraging import services_uitwisseling as uitwisseling
    from bevraging.services import kopieer_vragenlijst, open_golf
    from kern.models import User
    from tests.factories import GolfFactory

    medewerker = User.objects.get(email="opgroeien@demo.huizenvanhetkind.test")
    export = uitwisseling.exporteer(golven[2022], formaat="xlsx")
    nieuw = GolfFactory(jaar=2035)
    kopieer_vragenlijst(van_golf=golven[2022], naar_golf=nieuw)
    nieuw = open_golf(golf=nieuw, door=medewerker)

    resultaat = uitwisseling.importeer(
        golf=nieuw, bestandsnaam=export.bestandsnaam, inhoud=export.inhoud, vervangen=False, door=medewerker
    )

    assert (export.aantal_huizen, resultaat.nieuw) == (226, 226)
    assert _inhoud(nieuw) == _inhoud(golven[2022])


def test_de_golf_van_2022_telt_29_intergemeentelijke_huizen_zoals_het_rapport(golven):
    """The 2022 wave is read as it was: 29 intermunicipal Huizen (Antwerpen with Borsbeek and Hasselt
    with Kortessem among them), although only 27 are intermunicipal since the 2025 mergers."""
    from bevraging.analyse.gegevens import Dimensie
    from bevraging.selectors import analyse
    from kern.cijfers import Werking, werking_van
    from kern.models import User

    medewerker = User.objects.get(email="opgroeien@demo.huizenvanhetkind.test")
    gegevens = analyse.analysegegevens(medewerker, golf=golven[2022])
    werking = Counter(h.werking for h in gegevens.huizen)
    assert werking[Werking.INTERGEMEENTELIJK] == 29
    assert gegevens.vastgelegd and gegevens.peildatum.isoformat() == "2022-06-30"
    vandaag = Counter(werking_van(h.aantal_gemeenten) for h in huizenlijst(Filter(), Selectie()))
    assert vandaag[Werking.INTERGEMEENTELIJK] == 27

    # The breakdown of a question by werking counts them so.
    vraag = gegevens.vraag("netwerken.bovengemeentelijk_actief")
    kruis = analyse.kruistabel(
        vraag, gegevens.per_sleutel, gegevens.antwoorden, gegevens.huizen, Dimensie.WERKING, {}
    )
    rij = next(r for r in kruis.alle_rijen if r.label == "Intergemeentelijk")
    assert len(rij.verdeling.huizen) == 29

    # Physical location is three-valued, as the Huizen answered it.
    fysiek = Counter(h.fysiek for h in gegevens.huizen)
    antwoorden = Counter(_antwoorden(golven[2022], "toegankelijkheid.fysieke_locatie").values())
    assert fysiek["ja"] == antwoorden["een"] + antwoorden["meerdere"]
    assert (fysiek["gepland"], fysiek["nee"]) == (antwoorden["gepland"], antwoorden["niet_gepland"])
    assert fysiek["gepland"] > 0
