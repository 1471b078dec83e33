"""The Opgroeien pages about life domains: the shares per domain (overall, per werking, per VRIND
cluster), the self-assessment averages, the heatmap behind every count, the downloads, and a fixed
number of queries however many Huizen there are."""

import csv
import datetime
import io
import re
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from huizen.models import Gemeente
from huizen.services import importeer_vrind_clusters
from kern.cijfers import Filter
from levensdomeinen import analyse, selectors, weergave
from levensdomeinen.models import (
    DomeinEngagement,
    Levensdomein,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)
from tests.factories import DomeinEngagementFactory, HuisFactory, LidmaatschapFactory, ZelfevaluatieFactory

pytestmark = pytest.mark.django_db

PAGINA = reverse("levensdomeinen:opgroeien_levensdomeinen")
HEATMAP = reverse("levensdomeinen:opgroeien_heatmap")
GEZONDHEID = "gezondheidszorg"
OPVANG = "kinderopvang"
ONDERWIJS = "onderwijs"
JEUGDHULP = "jeugdhulp"


def gemeente(nis: str) -> Gemeente:
    return Gemeente.objects.get(nis=nis)


def engagement(huis, code: str, status: str, top3: bool = False) -> DomeinEngagement:
    return DomeinEngagementFactory(
        huis=huis,
        levensdomein=code,
        status=status,
        top3=top3,
        reden_top3="Omdat het ertoe doet." if top3 else "",
    )


def zelfevaluatie(huis, datum: datetime.date, domeinen=None, principes=None) -> Zelfevaluatie:
    return ZelfevaluatieFactory(huis=huis, datum=datum, scores=domeinen, principes=principes)


@pytest.fixture
def landschap(referentiedata):
    """Six Huizen, chosen so that every figure is small and known.

    gent (Gent, cluster 3): gezondheidszorg actief + top 3, kinderopvang actief + top 3,
        onderwijs gepland + top 3, jeugdhulp niet actief.
    regio (Aalter, cluster 6, Oost-Vlaanderen + Brugge, cluster 3, West-Vlaanderen):
        gezondheidszorg niet actief, kinderopvang actief + top 3, onderwijs actief.
    duo (Kortrijk and Roeselare, both cluster 6): gezondheidszorg actief, kinderopvang gepland.
    antwerpen (Antwerpen, cluster 3): gezondheidszorg gepland, kinderopvang actief.
    brussel (Brussel, no cluster): gezondheidszorg actief + top 3.
    leeg (Leuven, no cluster): nothing recorded.

    Self-assessments: gent an old one (gezondheidszorg 1) and a latest one (gezondheidszorg 4,
    kinderopvang 5, participatie 3); regio gezondheidszorg 2, participatie 4; duo gezondheidszorg 3.
    """
    importeer_vrind_clusters(
        inhoud="nis,cluster\n44021,3\n31005,3\n11002,3\n44084,6\n34022,6\n36015,6\n", bron="test"
    )
    huizen = {
        "gent": HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gemeente("44021")]),
        "regio": HuisFactory(
            naam="Huis van het Kind Regio", slug="regio", gemeenten=[gemeente("44084"), gemeente("31005")]
        ),
        "duo": HuisFactory(
            naam="Huis van het Kind Duo", slug="duo", gemeenten=[gemeente("34022"), gemeente("36015")]
        ),
        "antwerpen": HuisFactory(
            naam="Huis van het Kind Antwerpen", slug="antwerpen", gemeenten=[gemeente("11002")]
        ),
        "brussel": HuisFactory(
            naam="Huis van het Kind Brussel", slug="brussel", gemeenten=[gemeente("21004")]
        ),
        "leeg": HuisFactory(naam="Huis van het Kind Leeg", slug="leeg", gemeenten=[gemeente("24062")]),
    }
    gent, regio, duo = huizen["gent"], huizen["regio"], huizen["duo"]
    engagement(gent, GEZONDHEID, "actief", top3=True)
    engagement(gent, OPVANG, "actief", top3=True)
    engagement(gent, ONDERWIJS, "gepland", top3=True)
    engagement(gent, JEUGDHULP, "niet_actief")
    engagement(regio, GEZONDHEID, "niet_actief")
    engagement(regio, OPVANG, "actief", top3=True)
    engagement(regio, ONDERWIJS, "actief")
    engagement(duo, GEZONDHEID, "actief")
    engagement(duo, OPVANG, "gepland")
    engagement(huizen["antwerpen"], GEZONDHEID, "gepland")
    engagement(huizen["antwerpen"], OPVANG, "actief")
    engagement(huizen["brussel"], GEZONDHEID, "actief", top3=True)

    zelfevaluatie(gent, datetime.date(2024, 1, 1), {GEZONDHEID: 1})
    zelfevaluatie(gent, datetime.date(2025, 1, 1), {GEZONDHEID: 4, OPVANG: 5}, {"participatie": 3})
    zelfevaluatie(regio, datetime.date(2025, 2, 1), {GEZONDHEID: 2}, {"participatie": 4})
    zelfevaluatie(duo, datetime.date(2025, 3, 1), {GEZONDHEID: 3})
    return huizen


def aantallen(groep: analyse.Groep, code: str) -> dict[str, int]:
    return {maat: aandeel.aantal for maat, aandeel in groep.per_domein[code].items()}


def slugs(antwoord) -> list[str]:
    return [h.slug for h in antwoord.context["pagina"].paginator.object_list]


# --- who may see ------------------------------------------------------------------------------


def test_alleen_opgroeien_ziet_de_levensdomeinen_van_alle_huizen(
    client, landschap, coordinator, opgroeien_medewerker
):
    paginas = [
        PAGINA,
        HEATMAP,
        f"{PAGINA}?tabel=levensdomeinen&formaat=csv",
        f"{HEATMAP}?formaat=csv&tabel=x",
    ]
    for pad in paginas:
        antwoord = client.get(pad)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/login/")
    client.force_login(coordinator)
    for pad in paginas:
        assert client.get(pad).status_code == 404
    client.force_login(opgroeien_medewerker)
    for pad in paginas[:2]:
        assert client.get(pad).status_code == 200
    assert client.post(PAGINA).status_code == 405


def test_het_overzicht_van_opgroeien_linkt_naar_de_levensdomeinen(opgroeien_client, landschap):
    assert f'href="{PAGINA}"' in opgroeien_client.get(reverse("huizen:opgroeien_overzicht")).content.decode()


# --- the shares -------------------------------------------------------------------------------


def test_aandelen_per_levensdomein_over_alle_huizen(landschap):
    cijfers = selectors.aandelen()

    assert cijfers.alle.huizen.aantal == 6
    assert aantallen(cijfers.alle, GEZONDHEID) == {
        "actief": 3,
        "top3": 2,
        "gepland": 1,
        "niet_actief": 1,
        "geen": 1,
    }
    assert aantallen(cijfers.alle, OPVANG) == {
        "actief": 3,
        "top3": 2,
        "gepland": 1,
        "niet_actief": 0,
        "geen": 2,
    }
    assert aantallen(cijfers.alle, ONDERWIJS) == {
        "actief": 1,
        "top3": 1,
        "gepland": 1,
        "niet_actief": 0,
        "geen": 4,
    }
    assert aantallen(cijfers.alle, "sociale-cohesie") == {
        "actief": 0,
        "top3": 0,
        "gepland": 0,
        "niet_actief": 0,
        "geen": 6,
    }
    assert cijfers.alle.aandeel(GEZONDHEID, "actief").procent == 50.0
    assert cijfers.alle.aandeel(GEZONDHEID, "top3").procent == Decimal("33.3")
    assert [d.code for d in cijfers.domeinen][:3] == [ONDERWIJS, GEZONDHEID, OPVANG]
    assert cijfers.alle.aandeel(GEZONDHEID, "top3").querystring == "levensdomein=gezondheidszorg&top3=1"


def test_aandelen_per_werking(landschap):
    per_werking = {g.code: g for g in selectors.aandelen().per_werking}

    assert list(per_werking) == ["gemeentelijk", "intergemeentelijk"]
    gemeentelijk, intergemeentelijk = per_werking["gemeentelijk"], per_werking["intergemeentelijk"]
    assert (gemeentelijk.huizen.aantal, intergemeentelijk.huizen.aantal) == (4, 2)
    assert aantallen(gemeentelijk, GEZONDHEID) == {
        "actief": 2,
        "top3": 2,
        "gepland": 1,
        "niet_actief": 0,
        "geen": 1,
    }
    assert aantallen(intergemeentelijk, GEZONDHEID) == {
        "actief": 1,
        "top3": 0,
        "gepland": 0,
        "niet_actief": 1,
        "geen": 0,
    }
    assert intergemeentelijk.aandeel(OPVANG, "gepland").procent == 50.0
    assert intergemeentelijk.aandeel(OPVANG, "actief").querystring == (
        "werking=intergemeentelijk&levensdomein=kinderopvang&status=actief"
    )


def test_aandelen_per_cluster_tellen_elk_huis_een_keer_per_cluster(landschap):
    per_cluster = {g.code: g for g in selectors.aandelen().per_cluster}

    assert list(per_cluster) == ["3", "6"]  # Brussel and Leeg lie in no cluster
    drie, zes = per_cluster["3"], per_cluster["6"]
    assert drie.label == "3. Grootsteden"
    assert (drie.huizen.aantal, zes.huizen.aantal) == (3, 2)  # regio counts in both, duo once
    assert aantallen(drie, OPVANG) == {"actief": 3, "top3": 2, "gepland": 0, "niet_actief": 0, "geen": 0}
    assert aantallen(zes, OPVANG) == {"actief": 1, "top3": 1, "gepland": 1, "niet_actief": 0, "geen": 0}
    assert aantallen(zes, GEZONDHEID) == {"actief": 1, "top3": 0, "gepland": 0, "niet_actief": 1, "geen": 0}
    assert zes.aandeel(GEZONDHEID, "actief").procent == 50.0
    assert zes.aandeel(OPVANG, "gepland").querystring == "cluster=6&levensdomein=kinderopvang&status=gepland"


def test_aandelen_binnen_een_provincie_en_een_cluster(landschap):
    oost = selectors.aandelen(Filter(provincie="Oost-Vlaanderen"))

    assert oost.alle.huizen.aantal == 2  # gent, and regio through Aalter
    assert {g.code: g.huizen.aantal for g in oost.per_cluster} == {"3": 2, "6": 1}
    assert oost.per_cluster[1].huizen.querystring == "provincie=Oost-Vlaanderen&cluster=6"

    zes = selectors.aandelen(Filter(cluster=6))
    assert zes.alle.huizen.aantal == 2
    assert [g.code for g in zes.per_cluster] == ["6"]  # only the chosen cluster
    assert aantallen(zes.alle, OPVANG) == aantallen(zes.per_cluster[0], OPVANG)


# --- the self-assessment averages -------------------------------------------------------------


def test_gemiddelden_van_de_laatste_zelfevaluatie_per_cluster(landschap):
    cijfers = selectors.zelfevaluatiecijfers()

    assert cijfers.alle.aantal_huizen == 3
    assert cijfers.alle.domeinen == {GEZONDHEID: 3.0, OPVANG: 5.0}  # gent's old 1 does not count
    assert cijfers.alle.principes == {"participatie": 3.5}
    per_cluster = {g.code: g.gemiddelden for g in cijfers.per_cluster}
    assert list(per_cluster) == ["3", "6"]
    assert per_cluster["3"].aantal_huizen == 2
    assert per_cluster["3"].domeinen == {GEZONDHEID: 3.0, OPVANG: 5.0}
    assert per_cluster["3"].principes == {"participatie": 3.5}
    assert per_cluster["6"].aantal_huizen == 2
    assert per_cluster["6"].domeinen == {GEZONDHEID: 2.5}  # duo once, though it has two gemeenten
    assert per_cluster["6"].principes == {"participatie": 4.0}
    assert [p.code for p in cijfers.principes][0] == "proportioneel-universalisme"


# --- the page, its charts and its downloads ----------------------------------------------------


def test_de_pagina_toont_tabellen_en_grafieken_met_dezelfde_cijfers(opgroeien_client, landschap):
    antwoord = opgroeien_client.get(PAGINA)
    tekst = antwoord.content.decode()

    assert antwoord.status_code == 200
    assert list(antwoord.context["tabellen"]) == list(weergave.TABELNAMEN)
    for naam in weergave.TABELNAMEN:
        assert f'id="tabel-{naam}"' in tekst
    assert tekst.count("<svg") == 2 + 2 + 2 + 2  # overall, per werking, averages; 2 clusters twice
    grafiek = antwoord.context["secties"][0].grafiek
    rij = next(r for r in grafiek.rijen if r.label == "Gezondheidszorg")
    assert [s.tekst for s in rij.staven] == ["50,0 %", "33,3 %", "16,7 %", "16,7 %"]
    assert f'<a href="{HEATMAP}?levensdomein=gezondheidszorg&amp;top3=1">2</a>' in tekst
    assert "Gezondheidszorg: 50,0 %" in tekst  # the bar's title
    scores = antwoord.context["secties"][3].grafiek
    assert [s.tekst for r in scores.rijen[1:3] for s in r.staven] == ["3,00", "5,00"]
    assert [t for _x, t in scores.schaal] == ["0", "1,25", "2,5", "3,75", "5"]
    assert "style=" not in tekst and "<script>" not in tekst


def test_de_uitsplitsing_toont_de_gekozen_maat(opgroeien_client, landschap):
    antwoord = opgroeien_client.get(PAGINA, {"maat": "niet_actief"})

    tabel = antwoord.context["tabellen"]["levensdomeinen-per-werking"]
    assert "die niet rond het levensdomein werken" in tabel.titel
    rij = next(r for r in tabel.rijen if r[0].waarde == "Gezondheidszorg")
    assert [c.waarde for c in rij[1:]] == [1, Decimal("16.7"), 0, 0, 1, 50]
    assert (
        "maat=niet_actief&amp;tabel=levensdomeinen-per-werking&amp;formaat=csv" in antwoord.content.decode()
    )


@pytest.mark.parametrize(
    "parameters",
    [
        {},
        {"provincie": "Oost-Vlaanderen"},
        {"cluster": "6", "maat": "top3"},
        {"maat": "geen"},
        {"maat": "gepland"},
    ],
)
def test_elk_aantal_leidt_naar_precies_die_huizen_in_de_heatmap(opgroeien_client, landschap, parameters):
    antwoord = opgroeien_client.get(PAGINA, parameters)
    gevolgd = 0
    for tabel in antwoord.context["tabellen"].values():
        for rij in tabel.rijen:
            for cel in rij:
                if cel.querystring is None:
                    continue
                cache.clear()  # the heatmap computed for this visit, not a page kept earlier
                heatmap = opgroeien_client.get(f"{HEATMAP}?{cel.querystring}")
                assert heatmap.status_code == 200, cel.querystring
                assert not heatmap.context["form"].errors, cel.querystring
                assert heatmap.context["pagina"].paginator.count == cel.waarde, (tabel.naam, cel.querystring)
                gevolgd += 1
    assert gevolgd > 80


def test_een_tabel_downloaden_als_csv_en_xlsx(opgroeien_client, landschap):
    antwoord = opgroeien_client.get(PAGINA, {"tabel": "levensdomeinen", "formaat": "csv"})
    assert antwoord["Content-Type"].startswith("text/csv")
    assert re.search(
        r'filename="huizen-van-het-kind-levensdomeinen-\d{4}-\d\d-\d\d\.csv"', antwoord["Content-Disposition"]
    )
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:5] == [
        "Levensdomein",
        "Actief: Huizen",
        "Actief: %",
        "In de top 3: Huizen",
        "In de top 3: %",
    ]
    assert len(rijen) == 11
    assert rijen[2] == ["Gezondheidszorg", "3", "50,0", "2", "33,3", "1", "16,7", "1", "16,7", "1", "16,7"]

    antwoord = opgroeien_client.get(
        PAGINA, {"tabel": "zelfevaluatie-levensdomeinen", "formaat": "xlsx", "cluster": "6"}
    )
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    waarden = [[c.value for c in rij] for rij in blad.iter_rows()]
    assert waarden[0] == ["Levensdomein", "Alle Huizen", "6. Platteland"]
    assert waarden[1] == ["Huizen met een zelfevaluatie", 2, 2]
    assert waarden[3] == ["Gezondheidszorg", 2.5, 2.5]
    assert waarden[2] == ["Onderwijs", None, None]

    antwoord = opgroeien_client.get(PAGINA, {"tabel": "zelfevaluatie-levensdomeinen", "formaat": "csv"})
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[3] == ["Gezondheidszorg", "3,00", "3,00", "2,50"]


# --- the heatmap ------------------------------------------------------------------------------


def test_de_heatmap_toont_de_stand_van_elk_huis_per_levensdomein(opgroeien_client, landschap):
    antwoord = opgroeien_client.get(HEATMAP)
    tekst = antwoord.content.decode()

    assert slugs(antwoord) == ["antwerpen", "brussel", "duo", "gent", "leeg", "regio"]
    rijen = {r.huis.slug: r for r in antwoord.context["rijen"]}
    gent = {c.levensdomein.code: (c.tekst, c.top3) for c in rijen["gent"].cellen}
    assert gent[GEZONDHEID] == ("actief", True)
    assert gent[ONDERWIJS] == ("gepland", True)
    assert gent[JEUGDHULP] == ("niet actief", False)
    assert gent["sociale-cohesie"] == ("–", False)
    assert str(rijen["regio"].werking.label) == "Intergemeentelijk"
    assert len(rijen["leeg"].cellen) == 10
    assert {c.status for c in rijen["leeg"].cellen} == {"geen"}
    assert tekst.count('class="heatmap__cel heatmap__cel--actief"') == 7
    assert tekst.count('class="heatmap__cel heatmap__cel--gepland"') == 3
    assert tekst.count('class="heatmap__cel heatmap__cel--niet_actief"') == 2
    assert tekst.count('class="heatmap__cel heatmap__cel--geen"') == 60 - 12
    assert tekst.count('<span class="visueel-verborgen">, in de top 3</span>') == 5
    assert tekst.count('<span class="visueel-verborgen">niet geregistreerd</span>') == 48
    assert "Kinderopvang</th>" in tekst


@pytest.mark.parametrize(
    ("parameters", "verwacht"),
    [
        ({"levensdomein": GEZONDHEID, "status": "actief"}, ["brussel", "duo", "gent"]),
        ({"levensdomein": GEZONDHEID, "top3": "1"}, ["brussel", "gent"]),
        (
            {"levensdomein": GEZONDHEID, "status": "actief", "top3": "1", "werking": "gemeentelijk"},
            ["brussel", "gent"],
        ),
        ({"levensdomein": OPVANG, "status": "geen"}, ["brussel", "leeg"]),
        ({"levensdomein": OPVANG, "status": "geen", "top3": "1"}, []),
        ({"levensdomein": OPVANG}, ["antwerpen", "brussel", "duo", "gent", "leeg", "regio"]),
        ({"werking": "intergemeentelijk"}, ["duo", "regio"]),
        ({"cluster": "6"}, ["duo", "regio"]),
        ({"provincie": "West-Vlaanderen", "cluster": "3"}, ["regio"]),
        ({"provincie": "Brussels Hoofdstedelijk Gewest"}, ["brussel"]),
    ],
)
def test_de_heatmap_filtert(opgroeien_client, landschap, parameters, verwacht):
    antwoord = opgroeien_client.get(HEATMAP, parameters)

    assert antwoord.status_code == 200
    assert not antwoord.context["form"].errors
    assert slugs(antwoord) == verwacht


def test_de_heatmap_downloaden(opgroeien_client, landschap):
    antwoord = opgroeien_client.get(
        HEATMAP,
        {"levensdomein": OPVANG, "status": "actief", "tabel": "levensdomeinen-heatmap", "formaat": "csv"},
    )
    rijen = list(csv.reader(io.StringIO(antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:4] == ["Huis", "Werking", "Onderwijs", "Gezondheidszorg"]
    assert [r[0] for r in rijen[1:]] == [
        "Huis van het Kind Antwerpen",
        "Huis van het Kind Gent",
        "Huis van het Kind Regio",
    ]
    assert rijen[2][:5] == [
        "Huis van het Kind Gent",
        "Gemeentelijk",
        "gepland (top 3)",
        "actief (top 3)",
        "actief (top 3)",
    ]
    assert rijen[2][-1] == "niet actief"
    assert rijen[1][2] == "niet geregistreerd"

    antwoord = opgroeien_client.get(HEATMAP, {"tabel": "levensdomeinen-heatmap", "formaat": "xlsx"})
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    assert blad.max_row == 7


def test_de_heatmap_toont_50_huizen_per_pagina(opgroeien_client, referentiedata):
    gemeenten = list(Gemeente.objects.huidig().filter(provincie="Limburg").order_by("nis")[:3])
    for i in range(53):
        huis = HuisFactory(naam=f"Huis van het Kind {i:02d}", gemeenten=[gemeenten[i % 3]])
        engagement(huis, GEZONDHEID, "actief")

    eerste = opgroeien_client.get(HEATMAP, {"levensdomein": GEZONDHEID, "status": "actief"})
    tweede = opgroeien_client.get(HEATMAP, {"levensdomein": GEZONDHEID, "status": "actief", "pagina": "2"})

    assert len(eerste.context["rijen"]) == 50
    assert [r.huis.naam for r in tweede.context["rijen"]] == [f"Huis van het Kind {i}" for i in (50, 51, 52)]
    assert "pagina 2 van 2" in tweede.content.decode()
    assert "levensdomein=gezondheidszorg&amp;status=actief&amp;pagina=1" in tweede.content.decode()
    assert opgroeien_client.get(HEATMAP, {"pagina": "veel"}).status_code == 200


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pad", "parameters", "melding"),
    [
        (PAGINA, {"cluster": "99"}, "Kies een van de mogelijkheden uit de lijst."),
        (PAGINA, {"cluster": "drie"}, "Kies een van de mogelijkheden uit de lijst."),
        (PAGINA, {"provincie": "Atlantis"}, "Kies een van de mogelijkheden uit de lijst."),
        (PAGINA, {"maat": "alles"}, "Kies wat de uitsplitsing moet tonen uit de lijst."),
        (PAGINA, {"tabel": "geheim", "formaat": "csv"}, "Deze tabel bestaat niet."),
        (
            PAGINA,
            {"tabel": "levensdomeinen", "formaat": "pdf"},
            "Kies CSV of XLSX als formaat van de download.",
        ),
        (PAGINA, {"formaat": "csv"}, "Kies welke tabel u wilt downloaden."),
        (HEATMAP, {"levensdomein": "astrologie"}, "Kies een waarde uit de lijst."),
        (HEATMAP, {"levensdomein": GEZONDHEID, "status": "misschien"}, "Kies een waarde uit de lijst."),
        (HEATMAP, {"levensdomein": GEZONDHEID, "top3": "ja"}, "Kies een waarde uit de lijst."),
        (HEATMAP, {"werking": "regionaal"}, "Kies een waarde uit de lijst."),
        (HEATMAP, {"status": "actief"}, "Kies het levensdomein waarvan u de status of de top 3 wilt zien."),
        (HEATMAP, {"top3": "1"}, "Kies het levensdomein waarvan u de status of de top 3 wilt zien."),
        (HEATMAP, {"tabel": "levensdomeinen", "formaat": "csv"}, "Deze tabel bestaat niet."),
    ],
)
def test_een_foute_filter_geeft_een_foutmelding(opgroeien_client, landschap, pad, parameters, melding):
    antwoord = opgroeien_client.get(pad, parameters)
    tekst = antwoord.content.decode()

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/html")
    assert "<title>Fout: " in tekst
    assert melding in tekst.replace("&#x27;", "'")


# --- a fixed number of queries, however many Huizen -------------------------------------------


def _maak_huizen(aantal: int, gemeenten: list[Gemeente], domeinen, principes) -> None:
    statussen = ["actief", "gepland", "niet_actief"]
    for i in range(aantal):
        huis = HuisFactory(gemeenten=[gemeenten[i % len(gemeenten)], gemeenten[(i + 1) % len(gemeenten)]])
        for j, domein in enumerate(domeinen):
            status = statussen[(i + j) % 3]
            DomeinEngagementFactory(
                huis=huis,
                levensdomein=domein,
                status=status,
                top3=status == "actief" and j < 3,
                reden_top3="x",
            )
        evaluatie = ZelfevaluatieFactory(huis=huis)
        Score.objects.bulk_create(
            [
                Score(zelfevaluatie=evaluatie, levensdomein=d, score=1 + (i + j) % 5)
                for j, d in enumerate(domeinen)
            ]
            + [Score(zelfevaluatie=evaluatie, werkingsprincipe=p, score=1 + i % 5) for p in principes]
        )
        LidmaatschapFactory(huis=huis)


@pytest.mark.parametrize(
    "pad",
    [
        PAGINA,
        f"{PAGINA}?provincie=Antwerpen&cluster=3&maat=top3",
        f"{PAGINA}?tabel=levensdomeinen-per-cluster&formaat=xlsx",
        f"{PAGINA}?tabel=zelfevaluatie-werkingsprincipes&formaat=csv",
        HEATMAP,
        f"{HEATMAP}?levensdomein=kinderopvang&status=actief&top3=1&werking=intergemeentelijk&cluster=3",
        f"{HEATMAP}?tabel=levensdomeinen-heatmap&formaat=csv",
    ],
)
def test_het_aantal_queries_groeit_niet_met_het_aantal_huizen(
    opgroeien_client, referentiedata, django_assert_max_num_queries, pad
):
    gemeenten = list(Gemeente.objects.huidig().filter(provincie="Antwerpen").order_by("nis")[:10])
    importeer_vrind_clusters(
        inhoud="nis,cluster\n" + "".join(f"{g.nis},{3 if i % 2 else 4}\n" for i, g in enumerate(gemeenten)),
        bron="test",
    )
    domeinen, principes = list(Levensdomein.objects.all()), list(Werkingsprincipe.objects.all())
    _maak_huizen(5, gemeenten, domeinen, principes)
    with CaptureQueriesContext(connection) as bij_vijf:
        assert opgroeien_client.get(pad).status_code == 200

    _maak_huizen(35, gemeenten, domeinen, principes)
    with django_assert_max_num_queries(len(bij_vijf.captured_queries)):
        antwoord = opgroeien_client.get(pad)
    assert antwoord.status_code == 200
    # 15 for the figures, plus the data versions read for the rendered page and for the figures.
    assert len(bij_vijf.captured_queries) <= 17
    if "pagina" in (antwoord.context or {}):
        assert antwoord.context["pagina"].paginator.count >= 5
        assert len(antwoord.context["rijen"]) >= 5
    if "aandelen" in (antwoord.context or {}):
        assert antwoord.context["aandelen"].alle.huizen.aantal >= 5


# --- the demo data ----------------------------------------------------------------------------


def _demo_levensdomeincijfers():
    """DEMO_LEVENSDOMEINCIJFERS: exported by demo.huizen, or by demo.levensdomeinen."""
    import demo.huizen

    cijfers = getattr(demo.huizen, "DEMO_LEVENSDOMEINCIJFERS", None)
    if cijfers is None:
        try:
            from demo.levensdomeinen import DEMO_LEVENSDOMEINCIJFERS as cijfers
        except ImportError:
            pytest.skip("de demodata hebben (nog) geen DEMO_LEVENSDOMEINCIJFERS: engagementen ontbreken")
    return cijfers


def test_de_aandelen_van_de_demodata_kloppen_met_de_demodata(referentiedata):
    import demo.huizen

    verwacht = _demo_levensdomeincijfers()
    demo.huizen.laad_demodata(wachtwoord=demo.huizen.DEMO_WACHTWOORD)

    cijfers = selectors.aandelen()

    assert cijfers.alle.huizen.aantal == demo.huizen.AANTAL_HUIZEN
    for maat in ("actief", "top3", "niet_actief", "gepland"):
        gevonden = {d.code: cijfers.alle.aandeel(d.code, maat).aantal for d in cijfers.domeinen}
        assert gevonden == verwacht[maat], maat
    # Every demo Huis recorded every domain, and the shares are of all 227 Huizen.
    assert all(cijfers.alle.aandeel(d.code, "geen").aantal == 0 for d in cijfers.domeinen)
    gezondheid = cijfers.alle.aandeel(GEZONDHEID, "niet_actief")
    verwacht_procent = Decimal(100 * verwacht["niet_actief"][GEZONDHEID]) / 227
    assert gezondheid.procent == verwacht_procent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
