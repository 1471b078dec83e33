"""The loket's figures (decree task 4) on a small known data set: every table, the waiting times
(median and 90th percentile exactly), the period and gemeente, and the hiding of small counts."""

import datetime
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.utils import timezone

from huizen.models import VrindCluster
from kern.cijfers import Filter, Periode
from loket import services
from loket.cijfers import berekening, maandtellingen, tabellen
from loket.cijfers.onderdrukking import onderdruk
from loket.cijfers.tabellen import Rapporttabel, Regel, Waarde
from loket.models import Aanbod, AanbodStatus, Opvangvraag
from loket.selectors import cijfers as loketcijfers
from tests.factories import (
    GemeenteFactory,
    HuisFactory,
    LoketAanbodFactory,
    OpvanglocatieFactory,
    OpvangvraagFactory,
    VrijePlaatsFactory,
)

pytestmark = pytest.mark.django_db

PERIODE = Periode(datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def moment(jaar, maand, dag, uur=10, minuut=0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(jaar, maand, dag, uur, minuut))


def geboren(start: datetime.date, *, jaar: int = 0, dagen: int = 60) -> dict:
    """A child `jaar` years and `dagen` days old on the wished start."""
    return {"voornaam": "Kind", "geboortedatum": start - datetime.timedelta(days=365 * jaar + dagen)}


@dataclass
class Gegevensset:
    huis: object
    gemeente_a: object
    gemeente_b: object
    l1: object
    l2: object
    vragen: dict


def maak_vraag(
    set_: dict, naam, huis, *, ingediend, antwoord_na=None, geplaatst_na=None, plaats=None, **velden
):
    """A confirmed request submitted at `ingediend` (and confirmed then), with the first answer and
    the confirmed placement `antwoord_na` / `geplaatst_na` days later."""
    start = velden.setdefault("gewenste_start", datetime.date(2026, 1, 15))
    velden.setdefault("kinderen", [geboren(start)])
    velden.setdefault("bevestigd", ingediend)
    if antwoord_na is not None:
        velden["eerste_antwoord"] = velden["bevestigd"] + datetime.timedelta(days=antwoord_na)
    vraag = OpvangvraagFactory(huis=huis, ingediend=ingediend, **velden)
    if geplaatst_na is not None:
        LoketAanbodFactory(
            opvangvraag=vraag,
            plaats=plaats,
            deadline=datetime.date(2025, 12, 31),
            status=AanbodStatus.BEVESTIGD,
            gemaakt=vraag.eerste_antwoord,
            bevestigd=vraag.bevestigd + datetime.timedelta(days=geplaatst_na),
        )
    set_[naam] = vraag
    return vraag


@pytest.fixture
def gegevensset(db) -> Gegevensset:
    """Nine confirmed requests of 2025 in two gemeenten of one loket, and requests that must not count.

    | vraag | gemeente | uitkomst    | leeftijd  | antwoord | plaatsing | voorrang       | start   |
    | a1    | A        | geplaatst   | baby      | 10 d     | 20 d      | werk, kwetsbaar|         |
    | a2    | A        | geplaatst   | peuter    | 2 d      | 30 d      | werk           |         |
    | a3    | A        | geplaatst   | baby      | 4 d      | 40 d      |                |         |
    | a4    | A        | wacht       | baby      | –        |           | werk           | 2026-01 |
    | a5    | A        | wacht (aanb)| baby      | 6 d      |           |                | 2026-01 |
    | a6    | A        | verlopen    | schoolkind|          |           |                | 2025-09 |
    | a7    | A        | ingetrokken | tweeling baby + peuter |    |                |         |
    | b1    | B        | geplaatst   | baby      | 1 d      | 10 d      | alleenstaand   |         |
    | b2    | B        | geplaatst   | baby      | 3 d      | 50 d      |                |         |
    """
    gemeente_a = GemeenteFactory(nis="99101", naam="Aagem")
    gemeente_b = GemeenteFactory(nis="99102", naam="Beegem")
    huis = HuisFactory(naam="Huis van het Kind Rapport", slug="rapport", gemeenten=[gemeente_a, gemeente_b])
    l1 = OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf Een", gemeente=gemeente_a)
    l2 = OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf Twee", gemeente=gemeente_b)
    p1 = VrijePlaatsFactory(locatie=l1, aantal=3)
    p2 = VrijePlaatsFactory(locatie=l2, aantal=2)
    VrijePlaatsFactory(locatie=l2, aantal=5, actief=False)
    v: dict = {}
    a, b = gemeente_a, gemeente_b
    maak_vraag(v, "a1", huis, gemeente=a, ingediend=moment(2025, 2, 1), antwoord_na=10, geplaatst_na=20,
               plaats=p1, status="geplaatst", opvang_voor_werk=True, kw_inkomen_uit_werk=True,
               kw_thuistaal=True, voorkeuren=[l1])  # fmt: skip
    start_a2 = datetime.date(2026, 1, 15)
    maak_vraag(v, "a2", huis, gemeente=a, ingediend=moment(2025, 3, 1), antwoord_na=2, geplaatst_na=30,
               plaats=p1, status="geplaatst", opvang_voor_werk=True, kinderen=[geboren(start_a2, jaar=2)],
               voorkeuren=[l1])  # fmt: skip
    maak_vraag(v, "a3", huis, gemeente=a, ingediend=moment(2025, 4, 1), antwoord_na=4, geplaatst_na=40,
               plaats=p1, status="geplaatst", voorkeuren=[l1])  # fmt: skip
    maak_vraag(v, "a4", huis, gemeente=a, ingediend=moment(2025, 5, 1), status="actief",
               opvang_voor_werk=True, voorkeuren=[l1, l2])  # fmt: skip
    maak_vraag(v, "a5", huis, gemeente=a, ingediend=moment(2025, 6, 1), antwoord_na=6, status="aanbod",
               gewenste_start=datetime.date(2026, 1, 20), voorkeuren=[l2, l1])  # fmt: skip
    start_a6 = datetime.date(2025, 9, 1)
    maak_vraag(v, "a6", huis, gemeente=a, ingediend=moment(2025, 7, 1), status="verlopen",
               soort_opvang="buitenschools", gewenste_start=start_a6, kinderen=[geboren(start_a6, jaar=4)],
               voorkeuren=[l1])  # fmt: skip
    start_a7 = datetime.date(2026, 2, 1)
    maak_vraag(v, "a7", huis, gemeente=a, ingediend=moment(2025, 8, 1), status="ingetrokken",
               gewenste_start=start_a7, kinderen=[geboren(start_a7), geboren(start_a7, jaar=2)],
               voorkeuren=[l1])  # fmt: skip
    maak_vraag(v, "b1", huis, gemeente=b, ingediend=moment(2025, 9, 1), antwoord_na=1, geplaatst_na=10,
               plaats=p2, status="geplaatst", alleenstaande_ouder=True, voorkeuren=[l2])  # fmt: skip
    maak_vraag(v, "b2", huis, gemeente=b, ingediend=moment(2025, 10, 1), antwoord_na=3, geplaatst_na=50,
               plaats=p2, status="geplaatst", voorkeuren=[l2])  # fmt: skip
    # Not counted: never confirmed (waiting, or expired), submitted before the period, another loket.
    OpvangvraagFactory(huis=huis, gemeente=a, ingediend=moment(2025, 11, 1), ingediend_niet_bevestigd=True,
                       voorkeuren=[l1])  # fmt: skip
    OpvangvraagFactory(huis=huis, gemeente=a, ingediend=moment(2025, 11, 2), status="verlopen",
                       bevestigd=None, voorkeuren=[l1])  # fmt: skip
    maak_vraag(v, "te_vroeg", huis, gemeente=a, ingediend=moment(2024, 12, 31, 23, 30), status="actief",
               voorkeuren=[l1])  # fmt: skip
    ander = HuisFactory(slug="ander-loket")
    maak_vraag(v, "elders", ander, ingediend=moment(2025, 5, 5), status="actief",
               voorkeuren=[OpvanglocatieFactory(huis=ander)])  # fmt: skip
    return Gegevensset(huis=huis, gemeente_a=a, gemeente_b=b, l1=l1, l2=l2, vragen=v)


def rij(tabel: Rapporttabel, label: str) -> list:
    regel = next(r for r in tabel.regels if r.label == label)
    return [w.getal for w in regel.waarden]


def tekst(tabel: Rapporttabel, label: str) -> list[str]:
    regel = next(r for r in tabel.regels if r.label == label)
    return [w.tekst for w in regel.waarden]


# --- the figures -------------------------------------------------------------------------------


def test_aanvragen_per_gemeente_en_uitkomst(gegevensset):
    cijfers = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    tabel = cijfers.tabellen["gemeenten"]
    assert tabel.kolommen == ("Woongemeente", "Geplaatst", "Wacht nog", "Ingetrokken of verlopen", "Totaal")
    assert [r.label for r in tabel.regels] == ["Aagem", "Beegem", "Totaal"]
    assert rij(tabel, "Aagem") == [3, 2, 2, 7]
    assert rij(tabel, "Beegem") == [2, 0, 0, 2]
    assert rij(tabel, "Totaal") == [5, 2, 2, 9]


def test_niet_bevestigde_aanvragen_tellen_apart(gegevensset):
    cijfers = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    assert cijfers.niet_bevestigd.getal == 2
    kern = dict(cijfers.kerncijfers)
    assert kern["Bevestigde aanvragen"].getal == 9
    assert kern["Niet bevestigd (niet meegeteld)"].getal == 2


def test_leeftijdsgroep_bij_de_start(gegevensset):
    tabel = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE).tabellen["leeftijdsgroep"]
    assert rij(tabel, "Baby (jonger dan 18 maanden)") == [4, 2, 0, 6]
    assert rij(tabel, "Peuter (18 maanden tot 3 jaar)") == [1, 0, 0, 1]
    assert rij(tabel, "Kleuter of schoolkind (vanaf 3 jaar)") == [0, 0, 1, 1]
    assert rij(tabel, "Broers of zussen in verschillende leeftijdsgroepen") == [0, 0, 1, 1]
    assert rij(tabel, "Totaal") == [5, 2, 2, 9]


def test_soort_opvang(gegevensset):
    tabel = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE).tabellen["soort-opvang"]
    assert rij(tabel, "Groepsopvang voor baby's en peuters") == [5, 2, 1, 8]
    assert rij(tabel, "Gezinsopvang voor baby's en peuters") == [0, 0, 0, 0]
    assert rij(tabel, "Buitenschoolse opvang") == [0, 0, 1, 1]


def test_voorrangsgroepen_en_kwetsbaarheid(gegevensset):
    cijfers = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    voorrang = cijfers.tabellen["voorrang"]
    assert rij(voorrang, "Werk of opleiding") == [2, 1, 0, 3]
    assert rij(voorrang, "Alleenstaande ouder") == [1, 0, 0, 1]
    assert rij(voorrang, "Laag inkomen") == [0, 0, 0, 0]
    assert rij(voorrang, "Geen voorrangsgroep") == [2, 1, 2, 5]
    kwetsbaar = cijfers.tabellen["kwetsbaarheid"]
    assert rij(kwetsbaar, "Kwetsbaar gezin") == [1, 0, 0, 1]
    assert rij(kwetsbaar, "Ander gezin") == [4, 2, 2, 8]


def test_mediaan_en_90e_percentiel_van_de_wachttijden(gegevensset):
    tabel = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE).tabellen["doorlooptijden"]
    # First answer after 1, 2, 3, 4, 6, 10 days; placement after 10, 20, 30, 40, 50 days. Shown
    # in whole days, rounded half up: a median of 3,5 days reads as 4 days.
    assert rij(tabel, "Tot het eerste antwoord") == [6, 4, 8, 1]
    assert rij(tabel, "Tot de plaatsing") == [5, 30, 46, 2]
    # One vulnerable family: no median or percentile over fewer than 5 values.
    assert rij(tabel, "Tot de plaatsing, kwetsbare gezinnen") == [1, None, None, 0]
    assert tekst(tabel, "Tot het eerste antwoord")[1:3] == ["4", "8"]
    assert tekst(tabel, "Tot de plaatsing, kwetsbare gezinnen")[1] == "–"


def test_percentiel_rekent_zoals_excel():
    assert berekening.percentiel_dagen([10, 20, 30, 40, 50], 90) == 46.0
    assert berekening.mediaan_dagen([1, 2, 3, 4, 6, 10]) == 3.5
    assert berekening.mediaan_dagen([7, 7, 7, 7]) is None


def test_onvervulde_vraag_per_startmaand(gegevensset):
    tabel = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE).tabellen["onvervulde-vraag"]
    assert [(r.label, [w.getal for w in r.waarden]) for r in tabel.regels] == [
        ("september 2025", [0, 1, 1]),
        ("januari 2026", [2, 0, 2]),
        ("Totaal", [2, 1, 3]),
    ]


def test_voorkeuren_tegenover_vrije_plaatsen(gegevensset):
    tabel = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE).tabellen["voorkeuren"]
    # a4 chose Een then Twee, a5 Twee then Een; Een offers 3 seats, Twee 2 (a withdrawn place of 5 not).
    assert rij(tabel, "Kinderdagverblijf Een (Aagem)") == [1, 2, 3, 3]
    assert rij(tabel, "Kinderdagverblijf Twee (Beegem)") == [1, 2, 2, 2]
    assert rij(tabel, "Totaal") == [2, 4, 5, 5]


def test_geanonimiseerde_aanvragen_tellen_mee(gegevensset):
    for naam in ("a6", "b2"):
        assert services.anonimiseer(vraag_id=gegevensset.vragen[naam].pk, reden="Bewaartermijn voorbij.")
    cijfers = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    assert rij(cijfers.tabellen["gemeenten"], "Totaal") == [5, 2, 2, 9]
    assert rij(cijfers.tabellen["doorlooptijden"], "Tot de plaatsing") == [5, 30.0, 46.0, 2]
    assert rij(cijfers.tabellen["leeftijdsgroep"], "Kleuter of schoolkind (vanaf 3 jaar)") == [0, 0, 1, 1]


def test_de_periode_telt_op_de_dag_van_indienen(gegevensset):
    tot_eind_februari = Periode(datetime.date(2024, 12, 31), datetime.date(2025, 2, 28))
    cijfers = loketcijfers.cijfers_loket(gegevensset.huis, tot_eind_februari)
    # te_vroeg (31-12-2024 23:30, Brussels time) and a1 (1-2-2025).
    assert rij(cijfers.tabellen["gemeenten"], "Totaal") == [1, 1, 0, 2]
    assert Periode.laatste_12_maanden(datetime.date(2026, 3, 10)) == Periode(
        datetime.date(2025, 3, 11), datetime.date(2026, 3, 10)
    )
    assert Periode.laatste_12_maanden(datetime.date(2028, 2, 29)).van == datetime.date(2027, 3, 1)


def test_een_gemeente_van_het_loket(gegevensset):
    cijfers = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE, gegevensset.gemeente_b)
    assert [r.label for r in cijfers.tabellen["gemeenten"].regels] == ["Beegem", "Totaal"]
    assert rij(cijfers.tabellen["gemeenten"], "Totaal") == [2, 0, 0, 2]
    assert [r.label for r in cijfers.tabellen["voorkeuren"].regels] == [
        "Kinderdagverblijf Twee (Beegem)",
        "Totaal",
    ]


def test_cijfers_van_een_gemeente_voor_de_gemeenteraad(gegevensset):
    cijfers = loketcijfers.cijfers_gemeente(gegevensset.gemeente_a, PERIODE)
    assert rij(cijfers.tabellen["leeftijdsgroep"], "Totaal") == [3, 2, 2, 7]
    # Its families chose Twee too (in Beegem): that location is listed with their choices.
    assert rij(cijfers.tabellen["voorkeuren"], "Kinderdagverblijf Twee (Beegem)") == [1, 2, 2, 0]


def test_vlaanderen_per_loket_provincie_en_cluster(gegevensset):
    cluster = VrindCluster.objects.create(nummer=77, naam="Testcluster rapportage")
    limburg = GemeenteFactory(nis="99103", naam="Ceegem", provincie="Limburg", cluster=cluster)
    ander = HuisFactory(naam="Huis van het Kind Limburg", slug="limburg", gemeenten=[limburg])
    locatie = OpvanglocatieFactory(huis=ander, gemeente=limburg)
    maak_vraag({}, "c1", ander, gemeente=limburg, ingediend=moment(2025, 3, 3), status="actief",
               voorkeuren=[locatie])  # fmt: skip

    alles = loketcijfers.cijfers_vlaanderen(PERIODE)
    loketten = alles.tabellen["loketten"]
    assert rij(loketten, "Huis van het Kind Rapport")[:4] == [5, 2, 2, 9]
    assert rij(loketten, "Huis van het Kind Limburg")[:4] == [0, 1, 0, 1]
    assert rij(loketten, "Totaal")[:4] == [5, 4, 2, 11]  # with the other loket's request "elders"
    assert rij(loketten, "Huis van het Kind Rapport")[4:] == [4, 30]

    for filter in ({"provincie": "Limburg"}, {"cluster": 77}):
        deel = loketcijfers.cijfers_vlaanderen(PERIODE, Filter(**filter))
        assert [r.label for r in deel.tabellen["loketten"].regels] == ["Huis van het Kind Limburg", "Totaal"]
        assert rij(deel.tabellen["gemeenten"], "Totaal") == [0, 1, 0, 1]
        assert rij(deel.tabellen["voorkeuren"], "Huis van het Kind Limburg") == [1, 1, 0, 0]
    oost = loketcijfers.cijfers_vlaanderen(PERIODE, Filter(provincie="Oost-Vlaanderen"))
    assert "Huis van het Kind Limburg" not in [r.label for r in oost.tabellen["loketten"].regels]


# --- small counts ------------------------------------------------------------------------------


def verborgen(tabel: Rapporttabel) -> list[list[str]]:
    return [[w.verborgen for w in regel.waarden] for regel in tabel.regels]


def test_een_klein_aantal_wordt_kleiner_dan_5():
    tabel = onderdruk(
        Rapporttabel("t", "T", ("Rij", "Aantal"), (Regel("een", (Waarde(3),)), Regel("twee", (Waarde(0),))))
    )
    assert [w.tekst for r in tabel.regels for w in r.waarden] == ["< 5", "0"]
    assert tabel.als_tabel().rijen[0][1].tekst == "< 5"
    assert "minder dan 5" in tabel.als_tabel().toelichting


def test_secundaire_onderdrukking_belet_terugrekenen_uit_de_totalen():
    tabel = Rapporttabel(
        "t",
        "T",
        ("Rij", "a", "b", "c", "Totaal"),
        (
            Regel("X", tuple(Waarde(n) for n in (3, 20, 30, 53))),
            Regel("Y", tuple(Waarde(n) for n in (10, 12, 40, 62))),
            Regel("Totaal", tuple(Waarde(n) for n in (13, 32, 70, 115))),
        ),
        rijsom=((0, 1, 2), 3),
        kolomsom=(0, 1, 2, 3),
    )
    resultaat = onderdruk(tabel)
    # The 3, the smallest other count of its row (20) and of its column (10), and then 12 so that
    # 20 cannot be computed from its column either.
    assert verborgen(resultaat) == [
        ["< 5", "verborgen", "", ""],
        ["verborgen", "verborgen", "", ""],
        ["", "", "", ""],
    ]
    assert tekst(resultaat, "X") == ["< 5", "verborgen", "30", "53"]
    assert_niets_terug_te_rekenen(resultaat)


def test_een_totaal_wordt_verborgen_als_niets_anders_helpt():
    # 1 + 5 = 6: with the 5 hidden, "< 5" + "at least 5" = 6 pins both; the total goes too.
    tabel = Rapporttabel(
        "t",
        "T",
        ("Rij", "a", "b", "Totaal"),
        (Regel("X", (Waarde(1), Waarde(5), Waarde(6))),),
        rijsom=((0, 1), 2),
    )
    assert verborgen(onderdruk(tabel)) == [["< 5", "verborgen", "verborgen"]]


def test_plaatsen_en_dagen_worden_niet_verborgen():
    tabel = onderdruk(
        Rapporttabel(
            "t", "T", ("Rij", "a", "b"), (Regel("X", (Waarde(2, "plaatsen"), Waarde(3.5, "dagen"))),)
        )
    )
    assert [w.tekst for w in tabel.regels[0].waarden] == ["2", "4"]


def assert_niets_terug_te_rekenen(tabel: Rapporttabel) -> None:
    """No row or column that adds up has exactly one hidden cell (so none equals total - shown)."""
    lijnen = []
    if tabel.rijsom:
        kolommen, totaal = tabel.rijsom
        lijnen += [[regel.waarden[k] for k in (*kolommen, totaal)] for regel in tabel.regels]
    for k in tabel.kolomsom:
        lijnen.append([regel.waarden[k] for regel in tabel.regels])
    for lijn in lijnen:
        assert sum(1 for w in lijn if w.verborgen) != 1, [w.tekst for w in lijn]


def test_onderdrukte_cijfers_van_het_loket(gegevensset):
    cijfers = onderdruk(loketcijfers.cijfers_loket(gegevensset.huis, PERIODE))
    gemeenten = cijfers.tabellen["gemeenten"]
    assert tekst(gemeenten, "Aagem")[0] == "< 5"  # the 3 placed families of Aagem
    for tabel in cijfers.tabellen.values():
        assert not any(w.is_klein and not w.verborgen for r in tabel.regels for w in r.waarden), tabel.naam
        assert_niets_terug_te_rekenen(tabel)
    # The same figure (e.g. the total of the placed requests) is hidden in all tables or in none,
    # and the headline figures show it as the tables do.
    per_sleutel: dict = {}
    for tabel in cijfers.tabellen.values():
        for regel in tabel.regels:
            for w in regel.waarden:
                if w.sleutel:
                    per_sleutel.setdefault(w.sleutel, set()).add(w.verborgen)
    assert per_sleutel and all(len(staten) == 1 for staten in per_sleutel.values()), per_sleutel
    kern = dict(cijfers.kerncijfers)
    assert kern["Geplaatst"].tekst == gemeenten.waarde("Totaal", "Geplaatst").tekst
    assert kern["Wacht nog"].tekst == "< 5"
    assert cijfers.niet_bevestigd.tekst == "< 5"
    # Medians are no counts: they stay.
    assert dict(cijfers.kerncijfers)["Mediaan dagen tot de plaatsing"].tekst == "30"


def test_grafieken_tekenen_geen_verborgen_aantal(gegevensset):
    exact = loketcijfers.grafieken(loketcijfers.cijfers_loket(gegevensset.huis, PERIODE))
    onderdrukt = loketcijfers.grafieken(onderdruk(loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)))
    assert set(exact) >= {"leeftijdsgroep", "soort-opvang", "voorrang", "doorlooptijden", "onvervulde-vraag"}
    baby = exact["leeftijdsgroep"].rijen[0]
    assert [s.tekst for s in baby.staven] == ["4", "2", "0"]
    assert [s.tekst for s in onderdrukt["leeftijdsgroep"].rijen[0].staven] == ["0"]


def test_de_gegevens_worden_in_een_vast_aantal_queries_gelezen(gegevensset, django_assert_max_num_queries):
    # What the writes marked is counted once they commit (here, in the test's transaction, before).
    maandtellingen.werk_bij()
    # 12: whether months are still to be counted, the loket's tables (the whole months of the
    # period from the monthly counts), one grouped read of the placements of families living elsewhere
    with django_assert_max_num_queries(12):
        loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    for i in range(15):
        maak_vraag({}, f"extra{i}", gegevensset.huis, gemeente=gegevensset.gemeente_b,
                   ingediend=moment(2025, 6, 10), antwoord_na=3, geplaatst_na=9,
                   plaats=Aanbod.objects.first().plaats, status="geplaatst",
                   voorkeuren=[gegevensset.l2])  # fmt: skip
    cache.clear()  # the factories write past the services, which raise the data versions
    maandtellingen.werk_bij()
    with django_assert_max_num_queries(12):
        cijfers = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    assert rij(cijfers.tabellen["gemeenten"], "Totaal")[3] == 24
    assert Opvangvraag.objects.count() > 24


def test_loketten_en_gemeenten_verraden_elkaar_niet():
    """Loket 1 serves gemeenten 1 and 2 (2 + 2 withdrawn requests), loket 2 serves gemeente 3 (14).
    Hiding the two 2's alone would still give loket 1's 4 as 18 - 14: the tables are guarded together."""

    def vraag(pk, huis, gemeente):
        nu = moment(2025, 5, 5)
        return berekening.Vraag(
            pk=pk, huis_id=huis, gemeente_id=gemeente, uitkomst="afgesloten", status="ingetrokken",
            soort_opvang="groepsopvang", voorrang=(), kwetsbaar=False, bevestigd=nu, eerste_antwoord=None,
            gewenste_start=nu.date(), leeftijdsgroep="baby",
        )  # fmt: skip

    vragen = [vraag(1, 1, 1), vraag(2, 1, 1), vraag(3, 1, 2), vraag(4, 1, 2)]
    vragen += [vraag(10 + i, 2, 3) for i in range(14)]
    gegevens = berekening.Gegevens(
        vragen=vragen,
        niet_bevestigd=0,
        keuzes=[],
        locaties={},
        aangeboden={},
        gemeenten={1: "Een", 2: "Twee", 3: "Drie"},
        huizen={1: "Loket Een", 2: "Loket Twee"},
    )
    cijfers = tabellen.Cijfers(
        titel="t",
        periode=PERIODE,
        tabellen={t.naam: t for t in (tabellen.tabel_loketten(gegevens), tabellen.tabel_gemeenten(gegevens))},
        niet_bevestigd=Waarde(0),
        verbanden=tabellen.verbanden_loketten_gemeenten(gegevens),
    )
    resultaat = onderdruk(cijfers)
    loketten, gemeenten = resultaat.tabellen["loketten"], resultaat.tabellen["gemeenten"]
    assert loketten.waarde("Loket Een", "Ingetrokken of verlopen").tekst == "< 5"
    assert [gemeenten.waarde(g, "Ingetrokken of verlopen").tekst for g in ("Een", "Twee")] == ["< 5", "< 5"]
    # Neither 18 - 14 (gemeenten) nor 18 - 14 (loketten) is left to compute.
    drie = gemeenten.waarde("Drie", "Ingetrokken of verlopen")
    totaal = gemeenten.waarde("Totaal", "Ingetrokken of verlopen")
    assert drie.verborgen or totaal.verborgen
    assert loketten.waarde("Loket Twee", "Ingetrokken of verlopen").verborgen or totaal.verborgen


def test_de_cijfers_volgen_een_wijziging_door_het_loket(gegevensset, django_capture_on_commit_callbacks):
    """The figures are cached, until a service of the loket writes: then they are computed again."""
    voor = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    assert loketcijfers.cijfers_loket(gegevensset.huis, PERIODE) == voor
    with django_capture_on_commit_callbacks(execute=True):
        services.trek_in(vraag=gegevensset.vragen["a4"], reden="Opvang elders gevonden.")
    na = loketcijfers.cijfers_loket(gegevensset.huis, PERIODE)
    kolom = "Ingetrokken of verlopen"
    assert na.tabellen["gemeenten"].waarde("Aagem", kolom).getal == (
        voor.tabellen["gemeenten"].waarde("Aagem", kolom).getal + 1
    )
    assert na.tabellen["gemeenten"].waarde("Aagem", "Wacht nog").getal == (
        voor.tabellen["gemeenten"].waarde("Aagem", "Wacht nog").getal - 1
    )
