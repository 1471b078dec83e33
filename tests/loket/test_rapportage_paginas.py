"""The report pages: the loket's own page (exact counts, suppressed downloads) and Opgroeien's
Flanders-wide page (always suppressed), their filters, errors, downloads and who may see them."""

import csv
import datetime
import io
import re

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from kern.cijfers import Periode
from kern.tenancy import Rol
from loket.cijfers import maandtellingen
from tests.factories import HuisFactory, LidmaatschapFactory, UserFactory
from tests.loket import test_rapportage as basis
from tests.loket.test_rapportage import assert_niets_terug_te_rekenen, maak_vraag, moment

pytestmark = pytest.mark.django_db

gegevensset = basis.gegevensset  # the known data set, see tests/loket/test_rapportage.py

HEEL_2025 = {"van": "2025-01-01", "tot": "2025-12-31"}


@pytest.fixture
def huis(gegevensset):
    """The loket whose figures the data set holds (its staff is `loket_medewerker`)."""
    return gegevensset.huis


def loket_url(gegevensset) -> str:
    return reverse("loket:rapportage", kwargs={"huis_slug": gegevensset.huis.slug})


VLAANDEREN_URL = "/opgroeien/loket/"


def regels(antwoord) -> list[list[str]]:
    assert antwoord.status_code == 200, antwoord.content[:500]
    tekst = antwoord.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(tekst), delimiter=";"))


def rij(tabel, label):
    return next(r for r in tabel.regels if r.label == label)


def teksten(tabel, label) -> list[str]:
    return [w.tekst for w in rij(tabel, label).waarden]


# --- the loket's page ----------------------------------------------------------------------------


def test_het_loket_ziet_zijn_exacte_cijfers_met_grafieken(loket_client, gegevensset):
    antwoord = loket_client.get(loket_url(gegevensset), HEEL_2025)
    assert antwoord.status_code == 200
    cijfers = antwoord.context["cijfers"]
    assert not cijfers.onderdrukt
    assert teksten(cijfers.tabellen["gemeenten"], "Aagem") == ["3", "2", "2", "7"]
    html = antwoord.content.decode()
    assert "<svg" in html and 'role="img"' in html
    assert '<th scope="row">Aagem</th><td class="getal">3</td>' in html
    assert "Kerncijfers van 1 januari 2025 tot en met 31 december 2025" in html
    assert f"Cijfers over de opvangvragen bij {gegevensset.huis.loket.naam} per gemeente" in html
    # Every chart stands beside its table; no inline style or script (strict CSP).
    assert html.count("<figure") == len([s for s in antwoord.context["secties"] if s["grafiek"]])
    assert " style=" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert "tabel=gemeenten&amp;formaat=csv" in html


def test_het_loket_kan_de_cijfers_zien_zoals_ze_het_loket_verlaten(loket_client, gegevensset):
    antwoord = loket_client.get(loket_url(gegevensset), {**HEEL_2025, "klein": "on"})
    cijfers = antwoord.context["cijfers"]
    assert cijfers.onderdrukt
    assert teksten(cijfers.tabellen["gemeenten"], "Aagem")[0] == "< 5"
    assert "&lt; 5" in antwoord.content.decode()


def test_de_download_van_het_loket_verbergt_kleine_aantallen(loket_client, gegevensset):
    antwoord = loket_client.get(loket_url(gegevensset), {**HEEL_2025, "tabel": "gemeenten", "formaat": "csv"})
    assert antwoord["Content-Type"].startswith("text/csv")
    assert "huizen-van-het-kind-gemeenten-" in antwoord["Content-Disposition"]
    inhoud = regels(antwoord)
    assert inhoud[0] == ["Woongemeente", "Geplaatst", "Wacht nog", "Ingetrokken of verlopen", "Totaal"]
    aagem = next(r for r in inhoud if r[0] == "Aagem")
    assert aagem[1] == "< 5"  # the 3 placed families
    assert "3" not in aagem[1:]
    # No row or column lets the 3 be computed from a total: none has exactly one hidden cell.
    lichaam = [r[1:] for r in inhoud[1:]]
    for lijn in [*lichaam, *zip(*lichaam, strict=True)]:
        assert sum(1 for cel in lijn if cel in ("< 5", "verborgen")) != 1, lijn


def test_download_als_excel(loket_client, gegevensset):
    antwoord = loket_client.get(
        loket_url(gegevensset), {**HEEL_2025, "tabel": "doorlooptijden", "formaat": "xlsx"}
    )
    assert antwoord.status_code == 200
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = [[c.value for c in r] for r in blad.iter_rows()]
    assert rijen[0][:3] == ["Wachttijd", "Aantal aanvragen", "Mediaan (dagen)"]
    assert rijen[1] == ["Tot het eerste antwoord", 6, 4, 8, "< 5"]
    assert rijen[4][0] == "Tot de plaatsing, kwetsbare gezinnen"
    assert rijen[4][1:4] == ["< 5", None, None]


def test_periode_en_gemeente_filteren(loket_client, gegevensset):
    antwoord = loket_client.get(loket_url(gegevensset), {"van": "01-09-2025", "tot": "31-12-2025"})
    totaal = rij(antwoord.context["cijfers"].tabellen["gemeenten"], "Totaal")
    assert [w.getal for w in totaal.waarden] == [2, 0, 0, 2]  # b1 and b2

    antwoord = loket_client.get(loket_url(gegevensset), {**HEEL_2025, "gemeente": gegevensset.gemeente_a.pk})
    gemeenten = antwoord.context["cijfers"].tabellen["gemeenten"]
    assert [r.label for r in gemeenten.regels] == ["Aagem", "Totaal"]
    assert [w.getal for w in rij(gemeenten, "Totaal").waarden] == [3, 2, 2, 7]
    assert ("Woongemeente", "Aagem") in antwoord.context["gekozen"]


def test_zonder_keuze_de_laatste_12_maanden(loket_client, gegevensset):
    with time_machine.travel(moment(2026, 1, 10), tick=False):
        antwoord = loket_client.get(loket_url(gegevensset))
    cijfers = antwoord.context["cijfers"]
    assert cijfers.periode == Periode(datetime.date(2025, 1, 11), datetime.date(2026, 1, 10))
    assert rij(cijfers.tabellen["gemeenten"], "Totaal").waarden[3].getal == 9


@pytest.mark.parametrize(
    ("parameters", "veld", "fout"),
    [
        ({"van": "2025-12-31", "tot": "2025-01-01"}, "tot", "ligt vóór de begindatum"),
        ({"van": "2019-01-01", "tot": "2025-01-02"}, "van", "hoogstens 5 jaar"),
        ({"van": "gisteren"}, "van", "Vul een geldige datum in"),
        ({"tot": "9999-12-31"}, "tot", "van 2000 tot en met 2099"),
        ({"gemeente": "999999"}, "gemeente", "Kies een gemeente uit de lijst"),
        ({"gemeente": "abc"}, "gemeente", "Kies een gemeente uit de lijst"),
    ],
)
def test_een_ongeldige_keuze_geeft_een_fout_bij_het_veld(loket_client, gegevensset, parameters, veld, fout):
    antwoord = loket_client.get(loket_url(gegevensset), parameters)
    assert antwoord.status_code == 200
    assert "cijfers" not in antwoord.context
    html = antwoord.content.decode()
    assert re.search(rf'<p class="veld__fout" id="id_{veld}_error">[^<]*{fout}', html), html
    assert "<title>Fout: " in html


@pytest.mark.parametrize(
    ("parameters", "fout"),
    [
        ({"tabel": "bestaat-niet", "formaat": "csv"}, "Deze tabel bestaat niet."),
        ({"tabel": "gemeenten", "formaat": "pdf"}, "Kies CSV of XLSX"),
        ({"formaat": "csv"}, "Kies welke tabel u wilt downloaden."),
    ],
)
def test_een_ongeldige_download_geeft_een_fout(loket_client, gegevensset, parameters, fout):
    antwoord = loket_client.get(loket_url(gegevensset), parameters)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/html")
    assert fout in antwoord.content.decode()


def test_wie_de_pagina_van_het_loket_ziet(client, gegevensset):
    url = loket_url(gegevensset)
    assert client.get(url).status_code == 302  # anonymous: to the login page
    for rol_of_gebruiker in (
        LidmaatschapFactory(huis=gegevensset.huis, rol=Rol.COORDINATOR).gebruiker,
        LidmaatschapFactory(rol=Rol.LOKET).gebruiker,  # loket of another Huis
        UserFactory(opgroeien=True),
    ):
        client.force_login(rol_of_gebruiker)
        assert client.get(url).status_code == 404
        assert client.get(url, {"tabel": "gemeenten", "formaat": "csv"}).status_code == 404
    client.force_login(LidmaatschapFactory(huis=gegevensset.huis, rol=Rol.LOKET).gebruiker)
    assert client.get(url).status_code == 200


def test_de_werkruimte_van_het_loket_linkt_naar_de_rapportage(loket_client, gegevensset):
    antwoord = loket_client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": gegevensset.huis.slug}))
    assert loket_url(gegevensset) in antwoord.content.decode()


def test_het_aantal_queries_hangt_niet_af_van_het_aantal_aanvragen(
    loket_client, gegevensset, django_assert_max_num_queries
):
    maandtellingen.werk_bij()  # what the writes marked is counted once they commit
    with django_assert_max_num_queries(19):
        assert loket_client.get(loket_url(gegevensset), HEEL_2025).status_code == 200
    plaats = gegevensset.l2.vrije_plaatsen.first()
    for i in range(12):
        maak_vraag({}, f"extra{i}", gegevensset.huis, gemeente=gegevensset.gemeente_b,
                   ingediend=moment(2025, 6, 10), antwoord_na=3, geplaatst_na=9, plaats=plaats,
                   status="geplaatst", voorkeuren=[gegevensset.l2])  # fmt: skip
    cache.clear()  # the factories write past the services, which raise the data versions
    maandtellingen.werk_bij()
    with django_assert_max_num_queries(19):
        assert loket_client.get(
            loket_url(gegevensset), {**HEEL_2025, "tabel": "voorkeuren", "formaat": "csv"}
        )
    with django_assert_max_num_queries(19):
        antwoord = loket_client.get(loket_url(gegevensset), HEEL_2025)
    assert rij(antwoord.context["cijfers"].tabellen["gemeenten"], "Totaal").waarden[3].getal == 21


# --- Opgroeien's page ------------------------------------------------------------------------------


def test_opgroeien_ziet_vlaanderen_met_kleine_aantallen_verborgen(opgroeien_client, gegevensset):
    antwoord = opgroeien_client.get(reverse("loket:rapportage_vlaanderen"), HEEL_2025)
    assert antwoord.status_code == 200
    cijfers = antwoord.context["cijfers"]
    assert cijfers.onderdrukt
    assert teksten(cijfers.tabellen["gemeenten"], "Aagem")[0] == "< 5"
    # 2 waiting, 2 withdrawn or expired; the total 9 is hidden too, else the 1 waiting request of the
    # other loket could be computed from the column's total.
    assert teksten(cijfers.tabellen["loketten"], "Huis van het Kind Rapport")[:4] == [
        "5",
        "< 5",
        "< 5",
        "verborgen",
    ]
    for tabel in cijfers.tabellen.values():
        assert_niets_terug_te_rekenen(tabel)
    html = antwoord.content.decode()
    assert '<th scope="row">Aagem</th><td class="getal">&lt; 5</td>' in html
    assert " style=" not in html and "<svg" in html


def test_de_download_van_opgroeien_is_onderdrukt(opgroeien_client, gegevensset):
    antwoord = opgroeien_client.get(VLAANDEREN_URL, {**HEEL_2025, "tabel": "gemeenten", "formaat": "csv"})
    aagem = next(r for r in regels(antwoord) if r[0] == "Aagem")
    assert aagem[1] == "< 5"
    antwoord = opgroeien_client.get(VLAANDEREN_URL, {**HEEL_2025, "tabel": "loketten", "formaat": "xlsx"})
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = {r[0].value: [c.value for c in r[1:]] for r in blad.iter_rows(min_row=2)}
    assert rijen["Huis van het Kind Rapport"][:4] == [5, "< 5", "< 5", "verborgen"]


def test_opgroeien_filtert_op_provincie_en_cluster(opgroeien_client, gegevensset):
    antwoord = opgroeien_client.get(VLAANDEREN_URL, {**HEEL_2025, "provincie": "Limburg"})
    labels = [r.label for r in antwoord.context["cijfers"].tabellen["loketten"].regels]
    assert labels == ["Totaal"]
    antwoord = opgroeien_client.get(VLAANDEREN_URL, {**HEEL_2025, "provincie": "Oost-Vlaanderen"})
    labels = [r.label for r in antwoord.context["cijfers"].tabellen["loketten"].regels]
    assert "Huis van het Kind Rapport" in labels
    antwoord = opgroeien_client.get(VLAANDEREN_URL, {"cluster": "999", "van": "2025-02-30"})
    assert antwoord.status_code == 200 and "cijfers" not in antwoord.context
    html = antwoord.content.decode()
    assert 'id="id_cluster_error"' in html and 'id="id_van_error"' in html


def test_alleen_opgroeien_ziet_de_pagina_van_vlaanderen(client, gegevensset):
    assert client.get(VLAANDEREN_URL).status_code == 302
    for gebruiker in (
        LidmaatschapFactory(huis=gegevensset.huis, rol=Rol.LOKET).gebruiker,
        LidmaatschapFactory(huis=gegevensset.huis, rol=Rol.COORDINATOR).gebruiker,
    ):
        client.force_login(gebruiker)
        assert client.get(VLAANDEREN_URL).status_code == 404
    client.force_login(UserFactory(opgroeien=True))
    assert client.get(VLAANDEREN_URL).status_code == 200


def test_het_overzicht_van_opgroeien_linkt_naar_de_loketten(opgroeien_client, gegevensset):
    antwoord = opgroeien_client.get(reverse("huizen:opgroeien_overzicht"))
    assert VLAANDEREN_URL in antwoord.content.decode()


def test_vlaanderen_in_een_vast_aantal_queries(opgroeien_client, gegevensset, django_assert_max_num_queries):
    maandtellingen.werk_bij()  # what the writes marked is counted once they commit
    with django_assert_max_num_queries(18):
        assert opgroeien_client.get(VLAANDEREN_URL, HEEL_2025).status_code == 200
    plaats = gegevensset.l1.vrije_plaatsen.first()
    for i in range(12):
        maak_vraag({}, f"extra{i}", gegevensset.huis, gemeente=gegevensset.gemeente_a,
                   ingediend=moment(2025, 7, 10), antwoord_na=5, geplaatst_na=12, plaats=plaats,
                   status="geplaatst", voorkeuren=[gegevensset.l1])  # fmt: skip
    cache.clear()  # the factories write past the services, which raise the data versions
    maandtellingen.werk_bij()
    with django_assert_max_num_queries(18):
        antwoord = opgroeien_client.get(VLAANDEREN_URL, HEEL_2025)
    assert antwoord.context["cijfers"].tabellen["loketten"].waarde("Totaal", "Totaal").getal == 22


def test_een_enkele_datum_geeft_12_maanden(loket_client, gegevensset):
    antwoord = loket_client.get(loket_url(gegevensset), {"van": "2025-03-01"})
    assert antwoord.context["cijfers"].periode == Periode(
        datetime.date(2025, 3, 1), datetime.date(2026, 2, 28)
    )
    antwoord = loket_client.get(loket_url(gegevensset), {"tot": "2025-06-30"})
    assert antwoord.context["cijfers"].periode == Periode(
        datetime.date(2024, 7, 1), datetime.date(2025, 6, 30)
    )


def test_een_wijziging_in_het_beheer_laat_de_cijfers_van_het_loket_volgen(
    loket_client, gegevensset, rf, django_capture_on_commit_callbacks
):
    """The loket's figures are cached until its data versions are raised: the functional admin
    raises them as the services do ("loket" and "loket:<huis pk>")."""
    from django.contrib import admin

    from kern.versies import versies
    from loket.models import Opvanglocatie

    huis = gegevensset.huis
    scopes = ["loket", f"loket:{huis.pk}"]
    locatie = Opvanglocatie.objects.get(huis=huis, naam="Kinderdagverblijf Een")
    assert "Kinderdagverblijf Een" in loket_client.get(loket_url(gegevensset), HEEL_2025).content.decode()
    Opvanglocatie.objects.filter(pk=locatie.pk).update(naam="Buiten het beheer om")
    assert "Kinderdagverblijf Een" in loket_client.get(loket_url(gegevensset), HEEL_2025).content.decode()
    voor = versies(scopes)

    beheer = admin.site._registry[Opvanglocatie]
    request = rf.post("/beheer/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    locatie.naam = "Kinderdagverblijf Nieuw"
    with django_capture_on_commit_callbacks(execute=True):
        beheer.save_model(request, locatie, form=None, change=True)
    assert versies(scopes) == tuple(v + 1 for v in voor)
    html = loket_client.get(loket_url(gegevensset), HEEL_2025).content.decode()
    assert "Kinderdagverblijf Nieuw" in html and "Kinderdagverblijf Een" not in html

    # A location moved to another loket raises the versions of both lokets.
    ander = HuisFactory(slug="ander-beheer")
    locatie.huis = ander
    with django_capture_on_commit_callbacks(execute=True):
        beheer.save_model(request, locatie, form=None, change=True)
    assert versies([f"loket:{huis.pk}", f"loket:{ander.pk}"]) == (voor[1] + 2, 1)


def test_de_pagina_van_vlaanderen_volgt_een_wijziging_door_een_dienst(
    opgroeien_client, gegevensset, django_capture_on_commit_callbacks
):
    """The rendered figures are cached per data version: a write through a service shows on the
    next visit, exactly as a page computed from scratch."""
    from huizen.services import bewaar_onderdeel

    def pagina() -> str:  # without the CSRF token, which differs per visit
        html = opgroeien_client.get(VLAANDEREN_URL, HEEL_2025).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)

    voor = pagina()
    assert pagina() == voor  # from the cache
    assert "Huis van het Kind Rapport" in voor
    huis = gegevensset.huis
    with django_capture_on_commit_callbacks(execute=True):
        bewaar_onderdeel(
            gebruiker=UserFactory(opgroeien=True), huis=huis, obj=huis, onderdeel="profiel",
            gegevens={"naam": "Huis van het Kind Hernoemd"}, verwachte_versie=huis.versie,
        )  # fmt: skip
    na = pagina()
    assert "Huis van het Kind Hernoemd" in na and "Huis van het Kind Rapport" not in na
    cache.clear()
    assert pagina() == na


def test_de_pagina_van_het_loket_volgt_een_nieuwe_aanvraag(
    loket_client, gegevensset, django_capture_on_commit_callbacks
):
    """The loket's rendered figures are cached per data version: once a service raised the loket's
    version, the next visit shows the new request, exactly as a page computed from scratch."""
    from loket import services

    def pagina() -> str:  # without the CSRF token of the PDF form, which differs per visit
        html = loket_client.get(loket_url(gegevensset), HEEL_2025).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)

    voor = pagina()
    assert pagina() == voor  # from the cache
    maak_vraag({}, "nieuw", gegevensset.huis, gemeente=gegevensset.gemeente_b,
               ingediend=moment(2025, 6, 10), status="actief", voorkeuren=[gegevensset.l2])  # fmt: skip
    assert pagina() == voor  # written past the services: no version raised yet
    with django_capture_on_commit_callbacks(execute=True):
        services.gewijzigd(gegevensset.huis.pk)
    na = pagina()
    assert na != voor
    cache.clear()
    assert pagina() == na
