"""The Opgroeien pages: the overview of all Huizen, the Huizen behind each figure, the downloads,
and the werkingsgebied and subsidies that only Opgroeien staff change."""

import csv
import datetime
import html
import io
import statistics
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from openpyxl import load_workbook

import demo.huizen
from huizen import overzicht, selectors
from huizen.models import (
    ContactpuntSoort,
    Gemeente,
    Huis,
    PartnerSoort,
    Subsidie,
    Werkingsgebied,
    Wijziging,
)
from huizen.services import importeer_vrind_clusters
from kern.cijfers import Filter
from tests.datums import voluit
from tests.factories import (
    ContactpuntFactory,
    HuisFactory,
    LidmaatschapFactory,
    LocatieFactory,
    PartnerFactory,
    SubsidieFactory,
)

pytestmark = pytest.mark.django_db

OVERZICHT = reverse("huizen:opgroeien_overzicht")
LIJST = reverse("huizen:opgroeien_huizen")
VANDAAG = timezone.localdate()


def werkingsgebied_url(huis):
    return reverse("huizen:opgroeien_werkingsgebied", kwargs={"huis_slug": huis.slug})


def subsidies_url(huis):
    return reverse("huizen:opgroeien_subsidies", kwargs={"huis_slug": huis.slug})


def gemeente(nis: str) -> Gemeente:
    return Gemeente.objects.get(nis=nis)


def locatie(huis, naam="Locatie"):
    return LocatieFactory(huis=huis, naam=naam, gemeente=huis.gemeenten.first(), openingsuren=[])


def contactpunt(huis):
    return ContactpuntFactory(huis=huis, soort=ContactpuntSoort.EMAIL, waarde="info@huis.test")


def partner(huis, soort, *, kernpartner=True):
    return PartnerFactory(huis=huis, naam=f"Partner {soort}", soort=soort, kernpartner=kernpartner)


@pytest.fixture
def landschap(referentiedata):
    """Four Huizen, chosen so that every figure is small and known.

    gent: Gent, 2 locations, a contact point, core partners lokaal bestuur and CLB, a CKG partner
          that is no core partner; subsidies 2025 40.000 and 2026 41.000.
    regio: Aalter (Oost-Vlaanderen) and Brugge (West-Vlaanderen), no location but plans one, no
           contact point, core partner lokaal bestuur; subsidy 2026 4.000.
    antwerpen: Antwerpen, 1 location, a contact point, only a partner that is no core partner;
               subsidy 2026 60.000.
    oud: Hasselt until 2020: no gemeente today, nothing else.
    """
    importeer_vrind_clusters(inhoud="nis,cluster\n44021,3\n44084,6\n31005,3\n11002,3\n", bron="test")
    gent = HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gemeente("44021")])
    regio = HuisFactory(
        naam="Huis van het Kind Regio", slug="regio", gemeenten=[gemeente("44084"), gemeente("31005")]
    )
    regio.fysieke_locatie_gepland = True
    regio.save()
    antwerpen = HuisFactory(
        naam="Huis van het Kind Antwerpen", slug="antwerpen", gemeenten=[gemeente("11002")]
    )
    oud = HuisFactory(naam="Huis van het Kind Oud", slug="oud", gemeenten=[gemeente("71022")])
    Werkingsgebied.objects.filter(huis=oud).update(geldig_tot=datetime.date(2020, 12, 31))

    locatie(gent, "Huis Gent Noord")
    locatie(gent, "Huis Gent Zuid")
    locatie(antwerpen)
    contactpunt(gent)
    contactpunt(antwerpen)
    partner(gent, PartnerSoort.LOKAAL_BESTUUR)
    partner(gent, PartnerSoort.CLB)
    partner(gent, PartnerSoort.CKG, kernpartner=False)
    partner(regio, PartnerSoort.LOKAAL_BESTUUR)
    partner(antwerpen, PartnerSoort.LOKAAL_BESTUUR, kernpartner=False)
    SubsidieFactory(huis=gent, jaar=2025, bedrag=40000)
    SubsidieFactory(huis=gent, jaar=2026, bedrag=41000)
    SubsidieFactory(huis=regio, jaar=2026, bedrag=4000)
    SubsidieFactory(huis=antwerpen, jaar=2026, bedrag=60000)
    return {"gent": gent, "regio": regio, "antwerpen": antwerpen, "oud": oud}


def slugs(antwoord) -> list[str]:
    return [h.slug for h in antwoord.context["pagina"].paginator.object_list]


# --- who may see and change -----------------------------------------------------------------


def test_alleen_opgroeien_ziet_en_wijzigt(client, landschap, coordinator, opgroeien_medewerker):
    gent = landschap["gent"]
    paginas = [OVERZICHT, LIJST, werkingsgebied_url(gent), subsidies_url(gent)]

    for pad in paginas:
        antwoord = client.get(pad)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/login/")

    client.force_login(coordinator)
    for pad in paginas:
        assert client.get(pad).status_code == 404
    client.post(subsidies_url(gent), {"versie": 1, "form-TOTAL_FORMS": 0, "form-INITIAL_FORMS": 0})
    client.post(werkingsgebied_url(gent), {"actie": "beeindigen", "rij": 1, "versie": 1})
    assert Subsidie.objects.filter(huis=gent).count() == 2
    assert not Wijziging.objects.exists()

    client.force_login(opgroeien_medewerker)
    for pad in paginas:
        assert client.get(pad).status_code == 200
    assert client.put(subsidies_url(gent)).status_code == 405
    assert client.get(reverse("huizen:werkruimte", kwargs={"huis_slug": gent.slug})).status_code == 200


# --- the figures ----------------------------------------------------------------------------


def test_het_overzicht_telt_werking_dekking_locaties_aanspreekpunten_en_kernpartners(landschap):
    cijfers = selectors.overzicht()

    assert cijfers.huizen.aantal == 4
    assert {w: t.aantal for w, t in cijfers.werking.items()} == {
        "gemeentelijk": 2,
        "intergemeentelijk": 1,
        "zonder": 1,
    }
    vandaag = Gemeente.objects.huidig().count()
    assert (cijfers.dekking.gemeenten, cijfers.dekking.gedekt) == (vandaag, 4)
    assert len(cijfers.dekking.niet_gedekt) == vandaag - 4
    assert "Gent" not in {g.naam for g in cijfers.dekking.niet_gedekt}
    niet_gedekt = {g.nis for g in cijfers.dekking.niet_gedekt}
    assert (
        "71022" not in niet_gedekt and "71072" in niet_gedekt
    )  # Hasselt merged in 2025: the new one is open

    fysiek = {f: t["alle"].aantal for f, t in cijfers.fysiek.items()}
    assert fysiek == {"met": 2, "meerdere": 1, "zonder": 2, "gepland": 1, "niet_gepland": 1}
    assert cijfers.fysiek["met"]["gemeentelijk"].aantal == 2
    assert cijfers.fysiek["met"]["gemeentelijk"].procent == 100.0
    assert cijfers.fysiek["gepland"]["intergemeentelijk"].aantal == 1
    assert cijfers.fysiek["met"]["alle"].procent == 50.0

    assert cijfers.aanspreekpunt["met"]["alle"].aantal == 2
    assert cijfers.aanspreekpunt["zonder"]["alle"].aantal == 2
    assert cijfers.aanspreekpunt["zonder"]["gepland"].aantal == 1
    assert cijfers.aanspreekpunt["zonder"]["niet_gepland"].aantal == 1
    assert cijfers.aanspreekpunt["zonder"]["met"].aantal == 0

    kern = {soort: t.aantal for soort, t in cijfers.kernpartners.items()}
    assert kern["lokaal_bestuur"] == 2 and cijfers.kernpartners["lokaal_bestuur"].procent == 50.0
    assert kern["clb"] == 1
    assert kern["ckg"] == 0  # a partner, but no core partner
    assert kern["geen"] == 2
    assert set(kern) == {*PartnerSoort.values, "geen"}


def test_de_subsidieverdeling_per_jaar(landschap):
    jaren = selectors.overzicht().subsidies

    assert [j.jaar for j in jaren] == [2026, 2025]
    laatste = jaren[0]
    assert laatste.huizen.aantal == 3
    assert (laatste.minimum, laatste.mediaan, laatste.maximum) == (4000, 41000, 60000)
    # Inclusive quartiles of 4.000, 41.000, 60.000.
    assert (laatste.eerste_kwartiel, laatste.derde_kwartiel) == (22500, 50500)
    assert laatste.totaal == 105000
    assert {k: t.aantal for k, t in laatste.klassen.items()} == {
        "tot-5000": 1,
        "5000-10000": 0,
        "10000-25000": 0,
        "25000-50000": 1,
        "vanaf-50000": 1,
        "geen": 1,
    }
    eerder = jaren[1]
    assert (eerder.huizen.aantal, eerder.mediaan, eerder.eerste_kwartiel) == (1, 40000, 40000)
    assert eerder.klassen["geen"].aantal == 3


def test_de_mediaan_van_een_even_aantal_is_het_gemiddelde_van_de_middelste_twee(referentiedata):
    for bedrag in (1200, 7000, 8680, 87500):
        SubsidieFactory(huis=HuisFactory(), jaar=2024, bedrag=bedrag)

    jaar = selectors.overzicht().subsidies[0]

    assert jaar.mediaan == Decimal("7840") == statistics.median([1200, 7000, 8680, 87500])
    assert jaar.klassen["5000-10000"].aantal == 2 and jaar.klassen["vanaf-50000"].aantal == 1


def test_de_filter_op_provincie_en_cluster_geldt_overal(landschap):
    west = selectors.overzicht(Filter(provincie="West-Vlaanderen"))
    assert west.huizen.aantal == 1  # regio, through Brugge
    assert west.werking["intergemeentelijk"].aantal == 1
    assert west.dekking.gemeenten == Gemeente.objects.huidig().filter(provincie="West-Vlaanderen").count()
    assert west.dekking.gedekt == 1
    assert all(g.provincie == "West-Vlaanderen" for g in west.dekking.niet_gedekt)
    assert [j.jaar for j in west.subsidies] == [2026] and west.subsidies[0].mediaan == 4000

    oost = selectors.overzicht(Filter(provincie="Oost-Vlaanderen"))
    assert oost.huizen.aantal == 2  # gent, and regio through Aalter: a Huis across a border counts twice
    assert oost.kernpartners["lokaal_bestuur"].aantal == 2

    grootsteden = selectors.overzicht(Filter(cluster=3))
    assert grootsteden.huizen.aantal == 3  # Gent, Brugge (regio) and Antwerpen
    assert grootsteden.dekking.gemeenten == 3 and grootsteden.dekking.niet_gedekt == []
    platteland = selectors.overzicht(Filter(cluster=6, provincie="Oost-Vlaanderen"))
    assert platteland.huizen.aantal == 1 and platteland.fysiek["gepland"]["alle"].aantal == 1
    assert platteland.huizen.querystring == "provincie=Oost-Vlaanderen&cluster=6"


def test_het_overzicht_toont_de_cijfers_met_links(opgroeien_client, landschap):
    antwoord = opgroeien_client.get(OVERZICHT)
    tekst = antwoord.content.decode()

    assert antwoord.status_code == 200
    assert "<h1>Alle Huizen van het Kind</h1>" in tekst
    assert 'href="/opgroeien/huizen/?kernpartner=lokaal_bestuur">2</a>' in tekst
    assert "50,0 %" in tekst
    assert "Mediane subsidie 2026" in tekst and "€ 41.000" in tekst
    assert "€ 22.500" in tekst  # first quartile
    assert 'href="/opgroeien/huizen/?jaar=2026&amp;subsidieklasse=geen">1</a>' in tekst
    assert 'href="?tabel=partners&amp;formaat=csv"' in tekst
    assert tekst.count("<caption") == len(overzicht.TABELNAMEN)
    assert '<th scope="row">Lokaal bestuur</th>' in tekst
    assert "style=" not in tekst and "<style" not in tekst
    assert "<script>" not in tekst and "<script " not in tekst.split("</head>")[1]

    gefilterd = opgroeien_client.get(OVERZICHT, {"provincie": "West-Vlaanderen"}).content.decode()
    assert (
        'href="/opgroeien/huizen/?provincie=West-Vlaanderen&amp;soort=intergemeentelijk">1</a>' in gefilterd
    )
    assert 'href="?provincie=West-Vlaanderen&amp;tabel=partners&amp;formaat=csv"' in gefilterd


@pytest.mark.parametrize("filter", [Filter(), Filter(provincie="Oost-Vlaanderen"), Filter(cluster=3)])
def test_elk_aantal_op_de_pagina_leidt_naar_evenveel_huizen(opgroeien_client, landschap, filter):
    tekst = opgroeien_client.get(OVERZICHT, filter.parameters()).content.decode()
    links = 0
    for tabel in overzicht.tabellen(selectors.overzicht(filter)).values():
        for cel in (cel for rij in tabel.rijen for cel in rij if cel.querystring is not None):
            href = LIJST + (f"?{escape(cel.querystring)}" if cel.querystring else "")
            assert f'<a href="{href}">{cel.tekst}</a>' in tekst, (tabel.naam, cel)
            lijst = opgroeien_client.get(LIJST + f"?{cel.querystring}")
            if tabel.naam == "gemeenten":  # gemeenten with a Huis: the list of those Huizen
                assert lijst.context["pagina"].paginator.count == selectors.overzicht(filter).huizen.aantal
            else:
                assert lijst.context["pagina"].paginator.count == cel.waarde, (tabel.naam, cel)
            links += 1
    assert links > 50


# --- the list behind a figure ---------------------------------------------------------------


def test_de_lijst_toont_de_huizen_achter_een_cijfer(opgroeien_client, landschap):
    assert slugs(opgroeien_client.get(LIJST)) == ["antwerpen", "gent", "oud", "regio"]
    assert slugs(opgroeien_client.get(LIJST, {"kernpartner": "clb"})) == ["gent"]
    assert slugs(opgroeien_client.get(LIJST, {"kernpartner": "geen"})) == ["antwerpen", "oud"]
    assert slugs(opgroeien_client.get(LIJST, {"fysiek": "gepland"})) == ["regio"]
    assert slugs(opgroeien_client.get(LIJST, {"fysiek": "meerdere"})) == ["gent"]
    assert slugs(opgroeien_client.get(LIJST, {"contactpunt": "zonder", "fysiek": "niet_gepland"})) == ["oud"]
    assert slugs(
        opgroeien_client.get(LIJST, {"soort": "intergemeentelijk", "provincie": "West-Vlaanderen"})
    ) == ["regio"]
    assert slugs(opgroeien_client.get(LIJST, {"jaar": "2026", "subsidieklasse": "vanaf-50000"})) == [
        "antwerpen"
    ]
    assert slugs(opgroeien_client.get(LIJST, {"jaar": "2025"})) == ["gent"]

    antwoord = opgroeien_client.get(LIJST, {"jaar": "2025", "cluster": "3"})
    tekst = antwoord.content.decode()
    rij = antwoord.context["huizen"][0]
    assert (rij.subsidie, rij.subsidiejaar) == (40000, 2025)  # the chosen year, not the latest
    assert [r.gemeente.naam for r in rij.werkingsgebied_vandaag] == ["Gent"]
    assert [p.get_soort_display() for p in rij.kernpartners] == ["Lokaal bestuur", "CLB"]
    assert "<dt>Subsidiejaar</dt><dd>2025</dd>" in tekst and "<dd>3. Grootsteden</dd>" in tekst
    assert "1 Huizen in deze selectie" in tekst
    assert werkingsgebied_url(landschap["gent"]) in tekst and subsidies_url(landschap["gent"]) in tekst


def test_de_lijst_toont_50_huizen_per_pagina(opgroeien_client, referentiedata):
    for _ in range(51):
        HuisFactory()
    eerste = opgroeien_client.get(LIJST)
    assert len(eerste.context["huizen"]) == 50
    assert "Pagina 1 van 2" in eerste.content.decode()
    assert len(opgroeien_client.get(LIJST, {"pagina": "2"}).context["huizen"]) == 1
    assert len(opgroeien_client.get(LIJST, {"pagina": "oeps"}).context["huizen"]) == 50


@pytest.mark.parametrize(
    ("pad", "parameters", "melding"),
    [
        (OVERZICHT, {"cluster": "99"}, "Kies een van de mogelijkheden uit de lijst"),
        (OVERZICHT, {"cluster": "drie"}, "Kies een van de mogelijkheden uit de lijst"),
        (OVERZICHT, {"provincie": "Mars"}, "Kies een van de mogelijkheden uit de lijst"),
        (OVERZICHT, {"tabel": "geheim", "formaat": "csv"}, "Deze tabel bestaat niet."),
        (OVERZICHT, {"tabel": "partners", "formaat": "pdf"}, "Kies CSV of XLSX als formaat van de download."),
        (OVERZICHT, {"formaat": "csv"}, "Kies welke tabel u wilt downloaden."),
        (LIJST, {"soort": "half"}, "Kies een van de mogelijkheden uit de lijst"),
        (LIJST, {"fysiek": "ja"}, "Kies een van de mogelijkheden uit de lijst"),
        (LIJST, {"contactpunt": "1"}, "Kies een van de mogelijkheden uit de lijst"),
        (LIJST, {"kernpartner": "bakker"}, "Kies een van de mogelijkheden uit de lijst"),
        (LIJST, {"jaar": "twintig"}, "Vul een jaartal in, bv. 2026."),
        (LIJST, {"jaar": "1999"}, "Kies een jaar van 2014 tot en met"),
        (LIJST, {"jaar": "99999999999999999999"}, "Kies een jaar van 2014 tot en met"),
        (LIJST, {"subsidieklasse": "tot-5000"}, "Kies ook het jaar waarvan u de subsidiebedragen wilt zien."),
        (LIJST, {"jaar": "2026", "subsidieklasse": "veel"}, "Kies een van de mogelijkheden uit de lijst"),
        (LIJST, {"formaat": "docx"}, "Kies CSV of XLSX als formaat van de download."),
    ],
)
def test_een_ongeldige_filter_geeft_een_foutmelding(opgroeien_client, landschap, pad, parameters, melding):
    antwoord = opgroeien_client.get(pad, parameters)
    tekst = antwoord.content.decode()

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"].startswith("text/html")
    assert melding in html.unescape(tekst)
    assert "<title>Fout: " in tekst


# --- downloads ------------------------------------------------------------------------------


def lees_csv(antwoord) -> list[list[str]]:
    inhoud = antwoord.content
    assert inhoud.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig")), delimiter=";"))


def test_elke_tabel_van_het_overzicht_downloadt_als_csv(opgroeien_client, landschap):
    antwoord = opgroeien_client.get(OVERZICHT, {"tabel": "partners", "formaat": "csv"})

    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "text/csv; charset=utf-8"
    assert antwoord["Content-Disposition"] == (
        f'attachment; filename="huizen-van-het-kind-partners-{VANDAAG:%Y-%m-%d}.csv"'
    )
    rijen = lees_csv(antwoord)
    assert rijen[0] == ["Soort partner", "Huizen met een kernpartner van deze soort", "% van de Huizen"]
    assert ["Lokaal bestuur", "2", "50,0"] in rijen
    assert ["Geen enkele kernpartner", "2", "50,0"] in rijen

    subsidies = lees_csv(opgroeien_client.get(OVERZICHT, {"tabel": "subsidies", "formaat": "csv"}))
    assert subsidies[1] == [
        "2026",
        "3",
        "4000,00",
        "22500,00",
        "41000,00",
        "50500,00",
        "60000,00",
        "105000,00",
    ]

    west = lees_csv(
        opgroeien_client.get(
            OVERZICHT, {"provincie": "West-Vlaanderen", "tabel": "werking", "formaat": "csv"}
        )
    )
    assert west[1] == ["Alle Huizen", "1", "100,0"]

    for tabel in overzicht.TABELNAMEN:
        for formaat in ("csv", "xlsx"):
            assert opgroeien_client.get(OVERZICHT, {"tabel": tabel, "formaat": formaat}).status_code == 200


def test_de_lijst_downloadt_als_xlsx_met_vette_kopregel(opgroeien_client, landschap):
    antwoord = opgroeien_client.get(LIJST, {"provincie": "Oost-Vlaanderen", "formaat": "xlsx"})

    assert antwoord["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert f"huizen-van-het-kind-huizen-{VANDAAG:%Y-%m-%d}.xlsx" in antwoord["Content-Disposition"]
    blad = load_workbook(io.BytesIO(antwoord.content)).active
    rijen = list(blad.iter_rows(values_only=True))
    assert rijen[0][0] == "Huis" and all(cel.font.bold for cel in blad[1])
    assert [r[0] for r in rijen[1:]] == ["Huis van het Kind Gent", "Huis van het Kind Regio"]
    gent = rijen[1]
    assert gent[1] == "Gent" and gent[3] == "Gemeentelijk" and gent[4] == 2
    assert gent[7] == "Lokaal bestuur, CLB" and gent[-2:] == (2026, 41000)
    assert rijen[2][2] == "Oost-Vlaanderen, West-Vlaanderen" and rijen[2][5] == "ja"


def test_een_naam_die_op_een_formule_lijkt_blijft_tekst(opgroeien_client, referentiedata):
    HuisFactory(naam='=HYPERLINK("http://kwaad.test")', slug="formule")

    rijen = lees_csv(opgroeien_client.get(LIJST, {"formaat": "csv"}))
    assert rijen[1][0] == '\'=HYPERLINK("http://kwaad.test")'
    blad = load_workbook(io.BytesIO(opgroeien_client.get(LIJST, {"formaat": "xlsx"}).content)).active
    assert blad["A2"].data_type == "s" and blad["A2"].value.startswith("=HYPERLINK")


# --- a fixed number of queries, however many Huizen -----------------------------------------


def _maak_huizen(aantal: int, gemeenten: list[Gemeente]) -> None:
    for i in range(aantal):
        huis = HuisFactory(gemeenten=[gemeenten[i % len(gemeenten)], gemeenten[(i + 1) % len(gemeenten)]])
        locatie(huis)
        contactpunt(huis)
        partner(huis, PartnerSoort.values[i % len(PartnerSoort.values)])
        SubsidieFactory(huis=huis, jaar=2026, bedrag=1000 + 500 * i)
        LidmaatschapFactory(huis=huis)


@pytest.mark.parametrize(
    "pad",
    [
        OVERZICHT,
        f"{OVERZICHT}?provincie=Antwerpen&cluster=3",
        f"{OVERZICHT}?tabel=subsidieklassen&formaat=xlsx",
        LIJST,
        f"{LIJST}?fysiek=met&contactpunt=met&jaar=2026&subsidieklasse=tot-5000",
        f"{LIJST}?formaat=csv",
    ],
)
def test_het_aantal_queries_groeit_niet_met_het_aantal_huizen(
    opgroeien_client, referentiedata, django_assert_max_num_queries, pad
):
    gemeenten = list(Gemeente.objects.huidig().filter(provincie="Antwerpen").order_by("nis")[:10])
    importeer_vrind_clusters(inhoud="nis,cluster\n" + "".join(f"{g.nis},3\n" for g in gemeenten), bron="test")
    _maak_huizen(5, gemeenten)
    with CaptureQueriesContext(connection) as bij_vijf:
        assert opgroeien_client.get(pad).status_code == 200

    _maak_huizen(35, gemeenten)
    with django_assert_max_num_queries(len(bij_vijf.captured_queries)):
        antwoord = opgroeien_client.get(pad)
    assert antwoord.status_code == 200
    assert len(bij_vijf.captured_queries) <= 12
    if "pagina" in (antwoord.context or {}):
        assert antwoord.context["pagina"].paginator.count >= 5


# --- werkingsgebied -------------------------------------------------------------------------


def test_opgroeien_voegt_een_gemeente_toe_vanaf_een_datum(opgroeien_client, landschap, opgroeien_medewerker):
    gent = landschap["gent"]
    merelbeke = Gemeente.objects.huidig().get(naam="Merelbeke-Melle")
    begin = VANDAAG + datetime.timedelta(days=30)

    antwoord = opgroeien_client.post(
        werkingsgebied_url(gent),
        {"actie": "toevoegen", "versie": 1, "gemeente": merelbeke.pk, "vanaf": begin.isoformat()},
        follow=True,
    )

    assert (
        f"Merelbeke-Melle hoort vanaf {voluit(begin)} bij Huis van het Kind Gent."
        in antwoord.content.decode()
    )
    rij = Werkingsgebied.objects.get(huis=gent, gemeente=merelbeke)
    assert (rij.geldig_van, rij.geldig_tot) == (begin, None)
    gent.refresh_from_db()
    assert gent.versie == 2
    wijziging = Wijziging.objects.get(huis=gent)
    assert (wijziging.onderdeel, wijziging.actie, wijziging.gebruiker) == (
        "Werkingsgebied",
        "toegevoegd",
        opgroeien_medewerker,
    )
    assert wijziging.velden == [
        {"veld": "gemeente", "oud": "–", "nieuw": "Merelbeke-Melle"},
        {"veld": "vanaf", "oud": "–", "nieuw": f"{voluit(begin)}"},
    ]
    assert not gent.is_intergemeentelijk()  # not yet
    assert gent.is_intergemeentelijk(begin)


@pytest.mark.parametrize(
    ("nis", "vanaf", "veld", "melding"),
    [
        (
            "44021",
            "2026-01-01",
            "gemeente",
            "Gent hoort in die periode al bij het werkingsgebied van dit Huis",
        ),
        ("31005", "2030-01-01", "gemeente", "Brugge hoort in die periode bij Huis van het Kind Regio"),
        ("37022", "2024-06-01", "vanaf", "Tielt bestaat pas vanaf 1 januari 2025"),
        ("37022", "1-1-20", "vanaf", "Vul een geldige datum in"),
        ("", "2026-01-01", "gemeente", "Kies de gemeente die u wilt toevoegen."),
        ("44029", "2026-01-01", "gemeente", "Kies een gemeente uit de lijst van vandaag."),  # merged in 2019
    ],
)
def test_een_gemeente_toevoegen_die_niet_kan(opgroeien_client, landschap, nis, vanaf, veld, melding):
    gent = landschap["gent"]
    pk = Gemeente.objects.get(nis=nis).pk if nis else ""

    antwoord = opgroeien_client.post(
        werkingsgebied_url(gent), {"actie": "toevoegen", "versie": 1, "gemeente": pk, "vanaf": vanaf}
    )

    assert antwoord.status_code == 200
    form = antwoord.context["toevoegen"]
    assert melding in " ".join(form.errors[veld])
    assert f'value="{vanaf}"' in antwoord.content.decode()  # the input is kept
    assert Werkingsgebied.objects.filter(huis=gent).count() == 1
    assert not Wijziging.objects.exists()
    gent.refresh_from_db()
    assert gent.versie == 1


def test_opgroeien_beeindigt_een_gemeente_en_de_historiek_blijft(opgroeien_client, landschap):
    regio = landschap["regio"]
    brugge = Werkingsgebied.objects.get(huis=regio, gemeente__nis="31005")
    einde = VANDAAG + datetime.timedelta(days=10)

    antwoord = opgroeien_client.post(
        werkingsgebied_url(regio),
        {
            "actie": "beeindigen",
            "rij": brugge.pk,
            f"einde-{brugge.pk}-versie": 1,
            f"einde-{brugge.pk}-tot": einde,
        },
    )

    assert antwoord.status_code == 302
    brugge.refresh_from_db()
    assert brugge.geldig_tot == einde
    assert Werkingsgebied.objects.filter(huis=regio).count() == 2
    assert regio.is_intergemeentelijk()
    assert not regio.is_intergemeentelijk(einde + datetime.timedelta(days=1))
    wijziging = Wijziging.objects.get(huis=regio)
    assert wijziging.omschrijving == f"Brugge beëindigd op {voluit(einde)}"
    assert wijziging.velden == [{"veld": "tot en met", "oud": "–", "nieuw": f"{voluit(einde)}"}]

    tekst = opgroeien_client.get(werkingsgebied_url(regio)).content.decode()
    assert "Brugge beëindigd op" in tekst and f"{voluit(einde)}" in tekst


def test_een_gemeente_beeindigen_die_niet_kan(opgroeien_client, landschap):
    oud = landschap["oud"]
    hasselt = Werkingsgebied.objects.get(huis=oud)
    gent = landschap["gent"]
    rij = Werkingsgebied.objects.get(huis=gent)
    rij.geldig_van = datetime.date(2020, 1, 1)
    rij.save()

    voor_begin = opgroeien_client.post(
        werkingsgebied_url(gent),
        {
            "actie": "beeindigen",
            "rij": rij.pk,
            f"einde-{rij.pk}-versie": 1,
            f"einde-{rij.pk}-tot": "2019-12-31",
        },
    )
    assert voor_begin.status_code == 200
    assert "De einddatum ligt vóór de begindatum (1 januari 2020)" in voor_begin.content.decode()
    assert 'value="2019-12-31"' in voor_begin.content.decode()

    verleden = opgroeien_client.post(
        werkingsgebied_url(oud),
        {
            "actie": "beeindigen",
            "rij": hasselt.pk,
            f"einde-{hasselt.pk}-versie": 1,
            f"einde-{hasselt.pk}-tot": VANDAAG,
        },
    )
    assert verleden.status_code == 200  # an ended row is history: the page has no form for it
    assert "Deze koppeling is al afgelopen" in verleden.content.decode()

    ander_huis = opgroeien_client.post(
        werkingsgebied_url(gent),
        {
            "actie": "beeindigen",
            "rij": hasselt.pk,
            f"einde-{hasselt.pk}-versie": 1,
            f"einde-{hasselt.pk}-tot": VANDAAG,
        },
    )
    assert ander_huis.status_code == 400
    assert "Deze gemeente hoort niet bij het werkingsgebied van dit Huis." in ander_huis.content.decode()
    for onzin in ({"actie": "wissen"}, {"actie": "beeindigen", "rij": "x"}, {}):
        assert opgroeien_client.post(werkingsgebied_url(gent), onzin).status_code == 400

    hasselt.refresh_from_db()
    rij.refresh_from_db()
    assert (hasselt.geldig_tot, rij.geldig_tot) == (datetime.date(2020, 12, 31), None)
    assert not Wijziging.objects.exists()


def test_wie_een_verouderde_pagina_bewaart_krijgt_een_conflict(opgroeien_client, landschap):
    gent = landschap["gent"]
    rij = Werkingsgebied.objects.get(huis=gent)
    Huis.objects.filter(pk=gent.pk).update(versie=5)  # someone saved in the meantime

    antwoord = opgroeien_client.post(
        werkingsgebied_url(gent),
        {
            "actie": "beeindigen",
            "rij": rij.pk,
            f"einde-{rij.pk}-versie": 4,
            f"einde-{rij.pk}-tot": "2030-01-31",
        },
    )

    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Iemand anders heeft dit Huis intussen gewijzigd." in tekst
    assert 'value="2030-01-31"' in tekst and f'name="einde-{rij.pk}-versie" value="5"' in tekst
    rij.refresh_from_db()
    assert rij.geldig_tot is None

    opnieuw = opgroeien_client.post(
        werkingsgebied_url(gent),
        {
            "actie": "beeindigen",
            "rij": rij.pk,
            f"einde-{rij.pk}-versie": 5,
            f"einde-{rij.pk}-tot": "2030-01-31",
        },
    )
    assert opnieuw.status_code == 302
    rij.refresh_from_db()
    assert rij.geldig_tot == datetime.date(2030, 1, 31)


# --- subsidies ------------------------------------------------------------------------------


def subsidieformulier(rijen, *, initieel: int, versie: int = 1) -> dict:
    data = {"versie": versie, "form-TOTAL_FORMS": len(rijen), "form-INITIAL_FORMS": initieel}
    for i, rij in enumerate(rijen):
        for veld, waarde in rij.items():
            data[f"form-{i}-{veld}"] = waarde
    return data


def test_opgroeien_voegt_subsidies_toe_wijzigt_en_verwijdert_ze_in_een_keer(opgroeien_client, landschap):
    gent = landschap["gent"]
    formulier = opgroeien_client.get(subsidies_url(gent))
    assert formulier.context["formset"].initial == [
        {"jaar": 2026, "bedrag": Decimal("41000.00")},
        {"jaar": 2025, "bedrag": Decimal("40000.00")},
    ]
    assert 'value="41000,00"' in formulier.content.decode()

    antwoord = opgroeien_client.post(
        subsidies_url(gent),
        subsidieformulier(
            [
                {"jaar": 2026, "bedrag": "41.500,50"},
                {"jaar": 2025, "bedrag": "40000,00", "DELETE": "on"},
                {"jaar": 2024, "bedrag": "39.000"},
            ],
            initieel=2,
        ),
        follow=True,
    )

    assert "De subsidies van Huis van het Kind Gent zijn bewaard." in antwoord.content.decode()
    assert dict(Subsidie.objects.filter(huis=gent).values_list("jaar", "bedrag")) == {
        2026: Decimal("41500.50"),
        2024: Decimal("39000"),
    }
    wijziging = Wijziging.objects.get(huis=gent)
    assert (wijziging.onderdeel, wijziging.actie) == ("Subsidies", "gewijzigd")
    assert wijziging.velden == [
        {"veld": "2026", "oud": "€ 41.000,00", "nieuw": "€ 41.500,50"},
        {"veld": "2025", "oud": "€ 40.000,00", "nieuw": "–"},
        {"veld": "2024", "oud": "–", "nieuw": "€ 39.000,00"},
    ]
    gent.refresh_from_db()
    assert gent.versie == 2
    assert "€ 41.500,50" in antwoord.content.decode()  # in the history on the page


def test_subsidies_bewaren_zonder_wijziging_schrijft_niets(opgroeien_client, landschap):
    gent = landschap["gent"]
    antwoord = opgroeien_client.post(
        subsidies_url(gent),
        subsidieformulier(
            [
                {"jaar": 2026, "bedrag": "41000,00"},
                {"jaar": 2025, "bedrag": "40000"},
                {"jaar": "", "bedrag": ""},
            ],
            initieel=2,
        ),
        follow=True,
    )
    assert "Er was niets gewijzigd aan de subsidies." in antwoord.content.decode()
    assert not Wijziging.objects.exists()
    gent.refresh_from_db()
    assert gent.versie == 1


@pytest.mark.parametrize(
    ("rij", "veld", "melding"),
    [
        ({"jaar": 2013, "bedrag": "5000"}, "jaar", "Kies een jaar van 2014 tot en met {volgend}."),
        ({"jaar": "{te_laat}", "bedrag": "5000"}, "jaar", "Kies een jaar van 2014 tot en met {volgend}."),
        ({"jaar": "twee", "bedrag": "5000"}, "jaar", "Vul een jaartal in, bv. 2026."),
        ({"jaar": 2025, "bedrag": "5000"}, "jaar", "Voor 2025 staat er al een bedrag in de lijst."),
        ({"jaar": 2020, "bedrag": "-1"}, "bedrag", "Een subsidie kan niet negatief zijn."),
        ({"jaar": 2020, "bedrag": "200000,01"}, "bedrag", "Vul een bedrag van hoogstens € 200.000 in."),
        ({"jaar": 2020, "bedrag": "1000000000"}, "bedrag", "Vul een bedrag van hoogstens € 200.000 in."),
        ({"jaar": 2020, "bedrag": "veel"}, "bedrag", "Vul een bedrag in euro in, bv. 7840 of 7840,50."),
        ({"jaar": 2020, "bedrag": "1,234"}, "bedrag", "Vul hoogstens twee cijfers na de komma in."),
        ({"jaar": 2020, "bedrag": ""}, "bedrag", "Vul het bedrag in."),
    ],
)
def test_een_ongeldige_subsidie_geeft_een_foutmelding_bij_het_veld(
    opgroeien_client, landschap, rij, veld, melding
):
    gent = landschap["gent"]
    volgend = VANDAAG.year + 1
    rij = {k: str(v).format(te_laat=volgend + 1) for k, v in rij.items()}

    antwoord = opgroeien_client.post(
        subsidies_url(gent),
        subsidieformulier(
            [{"jaar": 2026, "bedrag": "41000"}, {"jaar": 2025, "bedrag": "40000"}, rij],
            initieel=2,
        ),
    )

    assert antwoord.status_code == 200
    fouten = antwoord.context["formset"].forms[2].errors
    assert melding.format(volgend=volgend) in fouten[veld]
    tekst = html.unescape(antwoord.content.decode())
    assert melding.format(volgend=volgend) in tekst and "Er is nog niets bewaard." in tekst
    assert f'name="form-2-{veld}" value="{rij[veld]}"' in tekst or rij[veld] == ""  # the input is kept
    assert Subsidie.objects.filter(huis=gent).count() == 2
    assert not Wijziging.objects.exists()


def test_subsidies_bewaren_op_een_verouderde_pagina_geeft_een_conflict(opgroeien_client, landschap):
    gent = landschap["gent"]
    SubsidieFactory(huis=gent, jaar=2024, bedrag=1)  # no version bump: the page compares the Huis's
    Huis.objects.filter(pk=gent.pk).update(versie=2)

    antwoord = opgroeien_client.post(
        subsidies_url(gent),
        subsidieformulier([{"jaar": 2026, "bedrag": "99999"}, {"jaar": 2025, "bedrag": "40000"}], initieel=2),
    )

    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "Iemand anders heeft dit Huis intussen gewijzigd." in tekst
    assert 'value="99999"' in tekst and 'name="versie" value="2"' in tekst
    assert "2024: € 1" in tekst  # what is saved now
    assert Subsidie.objects.get(huis=gent, jaar=2026).bedrag == 41000


# --- the home page and the demo data --------------------------------------------------------


def test_de_startpagina_toont_de_publieke_kerncijfers(client, landschap):
    cijfers = selectors.kerncijfers()
    assert (cijfers.aantal_huizen, cijfers.aantal_intergemeentelijk, cijfers.aantal_gemeenten_met_huis) == (
        4,
        1,
        4,
    )
    tekst = client.get("/").content.decode()
    assert "<dt>Intergemeentelijke Huizen</dt><dd>1</dd>" in tekst


def test_het_overzicht_klopt_met_de_demogegevens(referentiedata):
    demo.huizen.laad_demodata(wachtwoord=demo.huizen.DEMO_WACHTWOORD)
    verwacht = demo.huizen.DEMO_PROFIELCIJFERS

    cijfers = selectors.overzicht()

    assert cijfers.fysiek["met"]["alle"].aantal == verwacht["met_fysieke_locatie"]
    assert cijfers.fysiek["meerdere"]["alle"].aantal == verwacht["met_meerdere_locaties"]
    assert cijfers.fysiek["gepland"]["alle"].aantal == verwacht["plant_fysieke_locatie"]
    assert cijfers.aanspreekpunt["zonder"]["alle"].aantal == verwacht["zonder_contactpunt"]
    assert {
        soort: telling.aantal for soort, telling in cijfers.kernpartners.items() if soort != "geen"
    } == verwacht["kernpartner_per_soort"]
    laatste = cijfers.laatste_subsidiejaar
    bedragen = list(Subsidie.objects.filter(jaar=laatste.jaar).values_list("bedrag", flat=True))
    assert laatste.mediaan == statistics.median(bedragen)
    assert laatste.huizen.aantal == len(bedragen)
    assert cijfers.huizen.aantal == Huis.objects.count()


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"versie": "x"},
        {"versie": "1", "form-TOTAL_FORMS": "99999", "form-INITIAL_FORMS": "0"},
        {"versie": "1", "form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "5", "form-0-jaar": "2026"},
        {"actie": "toevoegen", "versie": "1", "gemeente": "abc", "vanaf": "31-02-2026"},
        {"actie": "toevoegen", "versie": "-3", "gemeente": "999999999", "vanaf": "0000-00-00"},
        {"actie": "beeindigen", "rij": "99999999999999999999", "versie": "1"},
    ],
)
def test_onzin_in_een_formulier_geeft_nooit_een_serverfout(opgroeien_client, landschap, data):
    gent = landschap["gent"]
    for pad in (werkingsgebied_url(gent), subsidies_url(gent)):
        assert opgroeien_client.post(pad, data).status_code in (200, 400)
    assert Subsidie.objects.filter(huis=gent).count() == 2
    assert Werkingsgebied.objects.filter(huis=gent).count() == 1
    assert not Wijziging.objects.exists()
