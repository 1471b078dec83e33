"""Population figures: the default inhabitants of 2020 from the shipped map, the import of Opgroeien
(checked as a whole, every problem by row and column, nothing written unless clean), the selector
of a gemeente's population in a year, and coverage as a share of inhabitants on the overview."""

import csv
import datetime
import io
import json
import re

import pytest
from django.urls import reverse
from openpyxl import Workbook

from huizen import selectors
from huizen.models import Bevolking, Gemeente
from huizen.services import REFERENTIEDATA, STANDAARDBRON, laad_referentiedata
from huizen.services_bevolking import controleer_bevolking, importeer_bevolking
from kern.cijfers import Filter
from kern.versies import versies
from tests.factories import HuisFactory

pytestmark = pytest.mark.django_db


def csv_bestand(*rijen) -> bytes:
    uit = io.StringIO()
    csv.writer(uit, delimiter=";").writerows(rijen)
    return uit.getvalue().encode("utf-8-sig")


def xlsx_bestand(*rijen) -> bytes:
    boek = Workbook()
    for rij in rijen:
        boek.active.append(list(rij))
    uit = io.BytesIO()
    boek.save(uit)
    return uit.getvalue()


def verwachte_inwoners_2020() -> dict[str, int]:
    """Today's gemeenten (NIS) with the sum of the 2020 inhabitants of their 2019 parts, computed
    from the shipped files themselves."""
    topologie = json.loads((REFERENTIEDATA / "gemeenten-2019.topojson").read_text(encoding="utf-8"))
    inwoners = {
        str(g["properties"]["nis"]): g["properties"]["inwoners_2020"]
        for g in topologie["objects"]["gemeenten"]["geometries"]
    }
    with (REFERENTIEDATA / "gemeenten.csv").open(encoding="utf-8", newline="") as bestand:
        opvolger = {r["nis"]: r["opvolger_nis"] for r in csv.DictReader(bestand)}
    som: dict[str, int] = {}
    for nis, aantal in inwoners.items():
        huidig = nis
        while opvolger.get(huidig):
            huidig = opvolger[huidig]
        som[huidig] = som.get(huidig, 0) + aantal
    return som


def test_standaard_inwoners_2020_opgeteld_langs_de_fusies(referentiedata):
    verwacht = verwachte_inwoners_2020()
    huidig = {g.nis: g for g in Gemeente.objects.huidig()}
    assert set(verwacht) == set(huidig)  # every gemeente of today, Flemish and Brussels
    opgeslagen = dict(
        Bevolking.objects.filter(jaar=2020, gemeente__in=huidig.values()).values_list(
            "gemeente__nis", "inwoners"
        )
    )
    assert opgeslagen == verwacht
    # A merger of 2025: more than its largest part alone.
    fusie = Gemeente.objects.get(nis="46030")
    delen = Bevolking.objects.filter(jaar=2020, gemeente__nis__in=["46003", "46013", "11056"])
    assert delen.count() == 3
    assert selectors.bevolking(fusie, 2025).inwoners == sum(d.inwoners for d in delen)
    assert Bevolking.objects.filter(bron=STANDAARDBRON).exists()


def test_herladen_referentiedata_laat_geimporteerde_cijfers_van_2020_staan(referentiedata):
    gent = Gemeente.objects.get(nis="44021")
    controle = controleer_bevolking(
        bestandsnaam="b.csv", inhoud=csv_bestand(["nis", "jaar", "inwoners"], ["44021", "2020", "1"])
    )
    importeer_bevolking(controle=controle, gebruiker=None)
    laad_referentiedata()
    assert Bevolking.objects.get(gemeente=gent, jaar=2020).inwoners == 1


def test_fouten_per_rij_en_kolom_en_niets_bewaard(referentiedata):
    aantal = Bevolking.objects.count()
    inhoud = csv_bestand(
        ["nis", "jaar", "inwoners", "kinderen_0_3"],
        ["44021", "2024", "265.000", "9000"],  # correct
        ["99999", "2024", "1000", ""],  # unknown NIS
        ["44021", "twintig", "1000", ""],  # year
        ["11002", "2024", "-5", "3"],  # inhabitants
        ["11002", "2023", "100", "200"],  # more children than inhabitants
        ["46030", "2022", "100000", ""],  # merged gemeente did not exist yet
        ["44021", "2024", "265000", ""],  # twice
    )
    controle = controleer_bevolking(bestandsnaam="bevolking.csv", inhoud=inhoud)
    gevonden = {(p.rij, p.kolom) for p in controle.problemen}
    assert gevonden == {
        (3, "A (nis)"),
        (4, "B (jaar)"),
        (5, "C (inwoners)"),
        (6, "D (kinderen_0_3)"),
        (7, "A (nis)"),
        (8, "A (nis)"),
    }
    assert not controle.is_schoon
    meldingen = {p.rij: p.melding for p in controle.problemen}
    assert "bestond niet op 1 januari 2022" in meldingen[7]
    assert "al op rij 2" in meldingen[8]
    with pytest.raises(ValueError):
        importeer_bevolking(controle=controle, gebruiker=None)
    assert Bevolking.objects.count() == aantal


def test_ontbrekende_kolom_en_onbekend_bestand():
    controle = controleer_bevolking(
        bestandsnaam="b.csv", inhoud=csv_bestand(["nis", "inwoners"], ["44021", "5"])
    )
    assert [p.melding for p in controle.problemen] == ["De kolom 'jaar' ontbreekt op de eerste rij."]
    controle = controleer_bevolking(bestandsnaam="b.txt", inhoud=b"nis;jaar")
    assert "Kies een Excel-bestand" in controle.problemen[0].melding


def test_xlsx_import_en_selector_neemt_laatste_jaar_tot_en_met(
    referentiedata, opgroeien_medewerker, django_capture_on_commit_callbacks
):
    gent = Gemeente.objects.get(nis="44021")
    voor = versies(["referentie"])
    inhoud = xlsx_bestand(
        ("gemeente", "nis", "jaar", "inwoners", "kinderen_0_3"),
        ("Gent", 44021, 2022, 263000, 8100),
        ("Gent", "44021", 2024, 265500, None),
    )
    controle = controleer_bevolking(bestandsnaam="bevolking.xlsx", inhoud=inhoud)
    assert controle.is_schoon, controle.problemen
    with django_capture_on_commit_callbacks(execute=True):
        resultaat = importeer_bevolking(controle=controle, gebruiker=opgroeien_medewerker)
    assert (resultaat.nieuw, resultaat.vervangen, resultaat.jaren) == (2, 0, [2022, 2024])
    assert versies(["referentie"]) != voor
    assert selectors.bevolking(gent, 2021).jaar == 2020
    in_2023 = selectors.bevolking(gent, 2023)
    assert (in_2023.jaar, in_2023.inwoners, in_2023.kinderen_0_3) == (2022, 263000, 8100)
    in_2030 = selectors.bevolking(gent, 2030)
    assert (in_2030.jaar, in_2030.inwoners) == (2024, 265500)
    assert (in_2030.kinderen_jaar, in_2030.kinderen_0_3) == (2022, 8100)  # latest year with children
    assert selectors.bevolking(gent, 2019) is None


def test_dekking_als_aandeel_van_inwoners_en_kinderen(referentiedata):
    gent, antwerpen = Gemeente.objects.get(nis="44021"), Gemeente.objects.get(nis="11002")
    HuisFactory(gemeenten=[gent])
    controle = controleer_bevolking(
        bestandsnaam="b.csv",
        inhoud=csv_bestand(
            ["nis", "jaar", "inwoners", "kinderen_0_3"],
            ["44021", "2025", "300", "30"],
            ["11002", "2025", "700", "90"],
        ),
    )
    importeer_bevolking(controle=controle, gebruiker=None)
    dag = datetime.date(2025, 6, 1)
    dekking = selectors.dekking(Filter(provincie="Oost-Vlaanderen", datum=dag))
    oost_vlaanderen = Gemeente.objects.geldig_op(dag).filter(provincie="Oost-Vlaanderen")
    alle_inwoners = sum(b.inwoners for b in selectors.bevolking_per_gemeente(2025, oost_vlaanderen).values())
    assert dekking.inwoners.aantal == 300
    assert dekking.inwoners.van == alle_inwoners
    assert dekking.kinderen.aantal == 30 and dekking.kinderen.van == 30  # only Gent has children figures
    assert dekking.zonder_kinderen == dekking.gemeenten - 1
    vlaanderen = selectors.dekking(Filter(datum=datetime.date(2025, 6, 1)))
    assert vlaanderen.kinderen.van == 120 and vlaanderen.kinderen.aantal == 30
    assert str(vlaanderen.kinderen.procent) == "25.0"
    assert selectors.bevolking(antwerpen, 2025).kinderen_0_3 == 90


def test_overzicht_met_datum_en_foute_datum(opgroeien_client, referentiedata):
    HuisFactory(gemeenten=[Gemeente.objects.get(nis="44021")])
    url = reverse("huizen:opgroeien_overzicht")
    antwoord = opgroeien_client.get(url, {"datum": "2023-03-01"})
    assert antwoord.status_code == 200
    inhoud = antwoord.content.decode()
    assert "op 1 maart 2023" in inhoud
    assert 'id="tabel-bevolking"' in inhoud
    assert "Inwoners in een gemeente met een Huis" in inhoud
    # Before the 2025 mergers: 300 Flemish and 19 Brussels gemeenten.
    assert re.search(r"<th scope=\"row\">Alle gemeenten</th><td class=\"getal\">319</td>", inhoud)
    for fout, melding in (
        ("31-02-2023", "Vul een geldige datum in"),
        ("morgen", "Vul een geldige datum in"),
        ("1800-01-01", "Kies een datum van 2000"),
    ):
        antwoord = opgroeien_client.get(url, {"datum": fout})
        assert antwoord.status_code == 200
        tekst = antwoord.content.decode()
        assert melding in tekst, fout
        assert 'id="tabel-bevolking"' not in tekst


def test_importpagina_toont_problemen_en_bewaart_niets(opgroeien_client, referentiedata):
    url = reverse("huizen:opgroeien_bevolking")
    assert "Bewaarde cijfers" in opgroeien_client.get(url).content.decode()
    aantal = Bevolking.objects.count()
    bestand = io.BytesIO(csv_bestand(["nis", "jaar", "inwoners"], ["44021", "2024", "veel"]))
    bestand.name = "fout.csv"
    antwoord = opgroeien_client.post(url, {"bestand": bestand})
    assert antwoord.status_code == 400
    inhoud = antwoord.content.decode()
    assert "Er is niets geïmporteerd" in inhoud
    assert "<td>2</td>" in inhoud and "C (inwoners)" in inhoud and "veel" in inhoud
    assert Bevolking.objects.count() == aantal

    bestand = io.BytesIO(csv_bestand(["nis", "jaar", "inwoners"], ["44021", "2024", "265000"]))
    bestand.name = "goed.csv"
    antwoord = opgroeien_client.post(url, {"bestand": bestand}, follow=True)
    assert "goed.csv is geïmporteerd: 1 nieuwe en 0 vervangen cijfers voor 2024" in antwoord.content.decode()
    assert Bevolking.objects.get(gemeente__nis="44021", jaar=2024).inwoners == 265000


def test_importpagina_alleen_voor_opgroeien(coordinator_client):
    antwoord = coordinator_client.get(reverse("huizen:opgroeien_bevolking"))
    assert antwoord.status_code in (302, 403, 404)
    assert Bevolking.objects.filter(bron__contains="geïmporteerd").count() == 0
