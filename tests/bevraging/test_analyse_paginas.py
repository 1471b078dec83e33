"""The survey analysis pages: seed 002's table of cooperation with the Lokaal Loket by physical
location, the Huizen behind a figure, the wave comparison with its warnings, the open answers,
the downloads, the coordinator's view of their Huis against the averages, who may see what, and a
number of queries that does not grow with the number of Huizen."""

import csv
import io
import re
from decimal import Decimal
from html import unescape

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.text import slugify
from openpyxl import load_workbook

from bevraging.models import Antwoord, Respons, Responsstatus, Vraag
from huizen.models import Huis, Locatie, VrindCluster, Werkingsgebied
from kern.versies import verhoog
from tests.factories import GemeenteFactory, HuisFactory, LocatieFactory, ResponsFactory

pytestmark = pytest.mark.django_db

LOKET = "kind_en_gezin_partners.lokaal_loket"
KINDEROPVANG = "kind_en_gezin_partners.kinderopvang"
LOCATIE = "toegankelijkheid.fysieke_locatie"
VRIJWILLIGERS = "participatie.vrijwilligers"
ROL_VRIJWILLIGERS = "participatie.rol_vrijwilligers"
OPMERKINGEN = "omgevingsanalyse.opmerkingen"


@pytest.fixture
def golven(geleverde_golven, referentiedata):
    return geleverde_golven


def nieuw_huis(naam: str, *, clusters=(None,), provincie="Oost-Vlaanderen", locatie=False, slug=None) -> Huis:
    gemeenten = [
        GemeenteFactory(cluster=VrindCluster.objects.get(nummer=n) if n else None, provincie=provincie)
        for n in clusters
    ]
    huis = HuisFactory(naam=naam, slug=slug or slugify(naam), gemeenten=gemeenten)
    if locatie:
        LocatieFactory(huis=huis, naam="Huis", gemeente=gemeenten[0], openingsuren=[])
    return huis


def beantwoord(golf, huis, antwoorden: dict, status=Responsstatus.INGEDIEND) -> Respons:
    """A response with its answers; a dict value holds the Antwoord's fields."""
    return ResponsFactory(golf=golf, huis=huis, status=status, antwoorden=antwoorden)


def vraag_url(golf, sleutel=LOKET, **parameters) -> str:
    url = reverse("bevraging:analyse_vraag", kwargs={"golf_pk": golf.pk, "vraag": sleutel})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in parameters.items()) if parameters else "")


def sectie(html: str, naam: str) -> str:
    """The section of the table `naam` (id="tabel-<naam>")."""
    begin = html.index(f'id="tabel-{naam}"')
    return html[begin : html.index("</section>", begin)]


def rij(html: str, label: str) -> str:
    """The (first) table row whose header is `label`, as text without tags."""
    for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        if re.search(rf"<th scope=\"row\">(<a [^>]*>)?{re.escape(label)}(</a>)?</th>", tr):
            return " | ".join(
                unescape(re.sub(r"<[^>]+>", "", cel)).strip()
                for cel in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", tr, re.S)
            )
    raise AssertionError(f"geen rij {label!r}")


# --- seed 002: cooperation with the Lokaal Loket by physical location -------------------------


def _scores(aantal_laag, aantal_midden, aantal_hoog) -> list[int]:
    laag = [1 if i % 2 else 2 for i in range(aantal_laag)]
    hoog = [4 if i % 3 == 0 else 5 for i in range(aantal_hoog)]
    return laag + [3] * aantal_midden + hoog


@pytest.fixture
def lokaal_loket(golven):
    """217 Huizen: 127 with a physical location (score 1-2 / 3 / 4-5: 16 / 11 / 100), 90 without
    (21 / 16 / 53), as in the table of seed 002 (12,60 % / 8,66 % / 78,74 % and 23,33 % / 17,78 % /
    58,89 %)."""
    golf = golven[2022]
    vraag = Vraag.objects.get(vragenlijst__golf=golf, sleutel=LOKET)
    gemeente = GemeenteFactory()
    huizen = Huis.objects.bulk_create(
        [Huis(naam=f"Huis van het Kind {i:03d}", slug=f"hvhk-{i:03d}") for i in range(217)]
    )
    huizen = list(Huis.objects.filter(slug__startswith="hvhk-").order_by("naam"))
    Werkingsgebied.objects.bulk_create([Werkingsgebied(huis=h, gemeente=gemeente) for h in huizen])
    met, zonder = huizen[:127], huizen[127:]
    Locatie.objects.bulk_create(
        [Locatie(huis=h, naam="Huis", straat="Kerkstraat 1", postcode="9000", gemeente=gemeente) for h in met]
    )
    Respons.objects.bulk_create([Respons(golf=golf, huis=h, status=Responsstatus.INGEDIEND) for h in huizen])
    responsen = {r.huis_id: r for r in Respons.objects.filter(golf=golf)}
    scores = dict(zip(met, _scores(16, 11, 100), strict=True)) | dict(
        zip(zonder, _scores(21, 16, 53), strict=True)
    )
    Antwoord.objects.bulk_create(
        [Antwoord(respons=responsen[h.pk], vraag=vraag, waarde=s) for h, s in scores.items()]
    )
    return {"golf": golf, "met": met, "zonder": zonder, "scores": scores}


def test_samenwerking_met_het_lokaal_loket_per_fysieke_locatie_zoals_in_het_rapport(
    opgroeien_client, lokaal_loket
):
    antwoord = opgroeien_client.get(vraag_url(lokaal_loket["golf"], dimensie="fysiek"))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()

    assert rij(html, "Met een of meer fysieke locaties") == (
        "Met een of meer fysieke locaties | 127 | 16 | 12,60 % | 11 | 8,66 % | 100 | 78,74 % | 4,12 | 0 | 0"
    )
    assert rij(html, "Zonder fysieke locatie of plan") == (
        "Zonder fysieke locatie of plan | 90 | 21 | 23,33 % | 16 | 17,78 % | 53 | 58,89 % | 3,63 | 0 | 0"
    )
    assert rij(html, "Alle Huizen").startswith(
        "Alle Huizen | 217 | 37 | 17,05 % | 27 | 12,44 % | 153 | 70,51 %"
    )
    assert "Antwoorden van Huizen met, met een geplande en zonder fysieke locatie" in html
    assert 'class="grafiek grafiek--gestapeld grafiek--score"' in html  # the chart beside the table


def test_elk_aantal_leidt_naar_precies_de_huizen_erachter(opgroeien_client, lokaal_loket):
    antwoord = opgroeien_client.get(vraag_url(lokaal_loket["golf"], dimensie="fysiek"))
    met_rij = antwoord.context["tabellen"]["kruistabel"].rijen[1]
    assert met_rij[0].tekst == "Met een of meer fysieke locaties"
    href = met_rij[2].href  # Score 1-2: Huizen
    assert "waarde=1-2" in href and "groep=fysiek%3Aja" in href

    lijst = opgroeien_client.get(href)
    assert lijst.status_code == 200
    verwacht = sorted(h.naam for h in lokaal_loket["met"] if lokaal_loket["scores"][h] <= 2)
    assert len(verwacht) == 16
    assert [r.huis.naam for r in lijst.context["pagina"].paginator.object_list] == verwacht
    html = lijst.content.decode()
    assert "16 Huizen in deze selectie" in html
    assert "1 – geen samenwerking" in html and "Met een of meer fysieke locaties" in html
    assert lokaal_loket["zonder"][0].naam not in html


def test_de_kruistabel_downloadt_als_csv_en_xlsx_met_twee_decimalen(opgroeien_client, lokaal_loket):
    golf = lokaal_loket["golf"]
    csv_antwoord = opgroeien_client.get(vraag_url(golf, dimensie="fysiek", tabel="kruistabel", formaat="csv"))
    assert csv_antwoord["Content-Type"].startswith("text/csv")
    assert "kruistabel" in csv_antwoord["Content-Disposition"]
    rijen = list(csv.reader(io.StringIO(csv_antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0][:4] == [
        "Fysieke locatie (ja, gepland, nee)",
        "Beantwoord (n)",
        "Score 1-2: Huizen",
        "Score 1-2: %",
    ]
    assert rijen[2][:8] == [
        "Met een of meer fysieke locaties",
        "127",
        "16",
        "12,60",
        "11",
        "8,66",
        "100",
        "78,74",
    ]

    xlsx = opgroeien_client.get(vraag_url(golf, dimensie="fysiek", tabel="kruistabel", formaat="xlsx"))
    blad = load_workbook(io.BytesIO(xlsx.content)).active
    assert blad[4][0].value == "Zonder fysieke locatie, gepland"  # three groups: ja, gepland, nee
    zonder = [c.value for c in blad[5]]
    assert zonder[0] == "Zonder fysieke locatie of plan"
    assert [float(w) for w in zonder[3:8:2]] == [23.33, 17.78, 58.89]
    assert blad.cell(row=5, column=4).number_format == "0.00"


def test_het_overzicht_van_de_golf_vat_elke_vraag_samen_en_linkt_naar_de_vraag(
    opgroeien_client, lokaal_loket
):
    golf = lokaal_loket["golf"]
    antwoord = opgroeien_client.get(reverse("bevraging:analyse", kwargs={"golf_pk": golf.pk}) + "?fysiek=nee")
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    tekst = "In welke mate werken jullie samen met het Lokaal Loket Kinderopvang?"
    assert (
        rij(html, tekst)
        == f"{tekst} | score van 1 tot 5 | 90 | 0 | 0 | 23,33 % | 17,78 % | 58,89 % | 3,63 | – | –"
    )
    assert f'href="{vraag_url(golf, fysiek="nee")}"' in html
    # every theme of the questionnaire has its table, each downloadable
    assert html.count('class="blok opgroeien-tabel analyse-tabel"') == 12
    download = opgroeien_client.get(
        reverse("bevraging:analyse", kwargs={"golf_pk": golf.pk})
        + "?tabel=thema-kind_en_gezin_partners&formaat=xlsx"
    )
    blad = load_workbook(io.BytesIO(download.content)).active
    assert blad.cell(row=1, column=8).value == "% score 4-5"
    assert [c.value for c in blad[7]][:3] == [tekst, "score van 1 tot 5", 217]


# --- missing, not applicable, only submitted responses ----------------------------------------


def test_ontbrekend_niet_van_toepassing_en_alleen_ingediende_of_gevalideerde_responsen(
    opgroeien_client, golven
):
    golf = golven[2022]
    ja = nieuw_huis("Huis Ja")
    leeg = nieuw_huis("Huis Leeg")
    nee = nieuw_huis("Huis Nee")
    concept = nieuw_huis("Huis Concept")
    beantwoord(golf, ja, {VRIJWILLIGERS: "ja", ROL_VRIJWILLIGERS: "Ze helpen bij activiteiten."})
    beantwoord(golf, leeg, {VRIJWILLIGERS: "ja"}, status=Responsstatus.GEVALIDEERD)
    beantwoord(golf, nee, {VRIJWILLIGERS: "nee"})
    beantwoord(
        golf,
        concept,
        {VRIJWILLIGERS: "ja", ROL_VRIJWILLIGERS: "Nog niet ingediend"},
        status=Responsstatus.CONCEPT,
    )

    antwoord = opgroeien_client.get(vraag_url(golf, ROL_VRIJWILLIGERS))
    kern = antwoord.context["verdeling"]
    assert (kern.n, kern.ontbrekend, kern.niet_van_toepassing) == (1, 1, 1)
    html = antwoord.content.decode()
    assert rij(html, "Beantwoord (n)") == "Beantwoord (n) | 1"
    assert rij(html, "Niet van toepassing") == "Niet van toepassing | 1"
    assert "Nog niet ingediend" not in html

    vrijwilligers = opgroeien_client.get(vraag_url(golf, VRIJWILLIGERS)).context["verdeling"]
    assert vrijwilligers.n == 3 and vrijwilligers.procent_ja == Decimal("66.67")

    lijst = opgroeien_client.get(vraag_url(golf, ROL_VRIJWILLIGERS).rstrip("/") + "/huizen/?waarde=nvt")
    assert [r.huis.naam for r in lijst.context["rijen"]] == ["Huis Nee"]
    assert "niet van toepassing" in lijst.content.decode()


# --- comparison with 2016 ---------------------------------------------------------------------


def test_vergelijking_met_2016_toont_hercodering_en_modus_en_verbergt_wat_niet_vergelijkbaar_is(
    opgroeien_client, golven
):
    g2016, g2022 = golven[2016], golven[2022]
    for i, (oud, nieuw, opvang_oud, opvang_nieuw) in enumerate(
        [
            ("ja", "een", 5, 4),
            ("ja", "meerdere", 4, 5),
            ("nee", "gepland", 2, 3),
            ("ja", "niet_gepland", 1, 5),
        ]
    ):
        huis = nieuw_huis(f"Huis {i}")
        beantwoord(g2016, huis, {LOCATIE: oud, KINDEROPVANG: opvang_oud})
        beantwoord(g2022, huis, {LOCATIE: nieuw, KINDEROPVANG: opvang_nieuw})

    antwoord = opgroeien_client.get(vraag_url(g2022, LOCATIE))
    html = antwoord.content.decode()
    assert "Andere manier van bevragen: in 2016 zelf ingevuld door het Huis, in 2022 interview" in html
    assert "Gehercodeerd" in html
    vergelijking = sectie(html, "vergelijking-1")
    assert rij(vergelijking, "Ja") == "Ja | 3 | 75,00 % | 2 | 50,00 %"
    assert rij(vergelijking, "Nee") == "Nee | 1 | 25,00 % | 2 | 50,00 %"

    # kinderopvang: the same score in 2016 (comparable), and the 2016 onthaalouders (not comparable)
    antwoord = opgroeien_client.get(vraag_url(g2022, KINDEROPVANG))
    html = antwoord.content.decode()
    vergelijkingen = antwoord.context["vergelijkingen"]
    assert [(v.koppeling.soort, t is not None) for v, t, _g, _b in vergelijkingen] == [
        ("zelfde", True),
        ("niet_vergelijkbaar", False),
    ]
    assert rij(sectie(html, "vergelijking-1"), "Score 4-5") == "Score 4-5 | 2 | 50,00 % | 3 | 75,00 %"
    assert "Niet vergelijkbaar: de vraag van 2016 en die van 2022 verschillen te veel" in html
    assert "In 2022 vallen de onthaalouders onder de kinderopvang" in html
    assert [n for n in antwoord.context["tabellen"] if n.startswith("vergelijking")] == ["vergelijking-1"]

    # participatie.vrijwilligers is only "niet vergelijkbaar": no figures of 2016 at all
    antwoord = opgroeien_client.get(vraag_url(g2022, VRIJWILLIGERS))
    assert not [n for n in antwoord.context["tabellen"] if n.startswith("vergelijking")]
    assert "Deze vragen worden niet naast elkaar gezet." in antwoord.content.decode()

    # and from the 2016 side, the 2022 answers recoded the same way
    antwoord = opgroeien_client.get(vraag_url(g2016, LOCATIE))
    assert rij(sectie(antwoord.content.decode(), "vergelijking-1"), "Ja") == "Ja | 3 | 75,00 % | 2 | 50,00 %"


# --- open answers -----------------------------------------------------------------------------


def test_open_antwoorden_zoeken_en_per_cluster(opgroeien_client, golven):
    golf = golven[2022]
    beantwoord(
        golf,
        nieuw_huis("Huis Gent", clusters=[3]),
        {LOKET: {"waarde": 5, "toelichting": "Zelfde gebouw en coördinatie"}},
    )
    beantwoord(
        golf, nieuw_huis("Huis Aalter", clusters=[6]), {LOKET: {"waarde": 2, "toelichting": "Weinig contact"}}
    )
    beantwoord(
        golf,
        nieuw_huis("Huis Eeklo", clusters=[6]),
        {LOKET: {"waarde": 4, "toelichting": "Coordinatie loopt goed"}},
    )

    html = opgroeien_client.get(vraag_url(golf)).content.decode()
    assert all(
        t in html for t in ("Zelfde gebouw en coördinatie", "Weinig contact", "Coordinatie loopt goed")
    )

    gezocht = opgroeien_client.get(vraag_url(golf, q="coordinatie"))
    assert [a.huis.naam for a in gezocht.context["pagina"].object_list] == ["Huis Eeklo", "Huis Gent"]
    assert "Weinig contact" not in gezocht.content.decode()

    cluster = opgroeien_client.get(vraag_url(golf, q="coordinatie", open_cluster="6"))
    assert [a.huis.naam for a in cluster.context["pagina"].object_list] == ["Huis Eeklo"]
    # the rest of the page keeps all Huizen: the search only narrows the open answers
    assert cluster.context["verdeling"].n == 3

    csv_antwoord = opgroeien_client.get(
        vraag_url(golf, q="coordinatie", tabel="open-antwoorden", formaat="csv")
    )
    rijen = list(csv.reader(io.StringIO(csv_antwoord.content.decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rijen[1:]] == ["Huis Eeklo", "Huis Gent"]


def test_open_antwoorden_worden_gepagineerd(opgroeien_client, golven):
    golf = golven[2022]
    for i in range(27):
        beantwoord(golf, nieuw_huis(f"Huis {i:02d}"), {OPMERKINGEN: f"Opmerking nummer {i:02d}"})
    eerste = opgroeien_client.get(vraag_url(golf, OPMERKINGEN))
    assert len(eerste.context["pagina"].object_list) == 25
    assert "27 open antwoorden" in eerste.content.decode()
    tweede = opgroeien_client.get(vraag_url(golf, OPMERKINGEN, pagina=2))
    assert [a.tekst for a in tweede.context["pagina"].object_list] == [
        "Opmerking nummer 25",
        "Opmerking nummer 26",
    ]


# --- bad input --------------------------------------------------------------------------------


def test_foute_invoer_geeft_een_duidelijke_fout_en_nooit_een_500(opgroeien_client, golven):
    golf = golven[2022]
    analyse = reverse("bevraging:analyse", kwargs={"golf_pk": golf.pk})
    fout = opgroeien_client.get(analyse + "?cluster=abc&werking=x")
    assert fout.status_code == 200 and "Kies een waarde uit de lijst." in fout.content.decode()
    assert "Fout:" in fout.content.decode()
    assert (
        "Deze tabel bestaat niet."
        in opgroeien_client.get(analyse + "?tabel=geen&formaat=csv").content.decode()
    )
    assert (
        "Kies een uitsplitsing uit de lijst."
        in opgroeien_client.get(vraag_url(golf, dimensie="kleur")).content.decode()
    )
    lang = opgroeien_client.get(vraag_url(golf, q="x" * 101)).content.decode()
    assert "Zoek op hoogstens 100 tekens." in lang
    huizen = vraag_url(golf).rstrip("/") + "/huizen/"
    assert (
        "Kies een waarde uit de lijst."
        in opgroeien_client.get(huizen + "?waarde=7&groep=cluster:99").content.decode()
    )
    assert opgroeien_client.get(vraag_url(golf, "bestaat.niet")).status_code == 404
    assert opgroeien_client.get(reverse("bevraging:analyse", kwargs={"golf_pk": 999999})).status_code == 404
    assert opgroeien_client.get(vraag_url(golf, pagina="abc")).status_code == 200
    assert opgroeien_client.post(analyse).status_code == 405


# --- who may see ------------------------------------------------------------------------------


def test_alleen_opgroeien_ziet_de_analyse(
    client, golven, huis, coordinator, loket_medewerker, lid_ander_huis
):
    golf = golven[2022]
    beantwoord(golf, huis, {OPMERKINGEN: "Eigen opmerking"})
    paginas = [
        reverse("bevraging:analyse", kwargs={"golf_pk": golf.pk}),
        vraag_url(golf, OPMERKINGEN),
        vraag_url(golf, OPMERKINGEN).rstrip("/") + "/huizen/",
        vraag_url(golf, OPMERKINGEN, tabel="open-antwoorden", formaat="csv"),
    ]
    for pad in paginas:
        antwoord = client.get(pad)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/login/")
    for gebruiker in (coordinator, loket_medewerker, lid_ander_huis):
        client.force_login(gebruiker)
        for pad in paginas:
            antwoord = client.get(pad)
            assert antwoord.status_code == 404, (gebruiker, pad)
            assert b"Eigen opmerking" not in antwoord.content


# --- the coordinator: their Huis against Flanders and the cluster -----------------------------


def vergelijking_url(huis, golf) -> str:
    return reverse("bevraging:huis_vergelijking", kwargs={"huis_slug": huis.slug, "golf_pk": golf.pk})


@pytest.fixture
def platteland(golven, huis):
    """The coordinator's Huis and five others in cluster 6, two in cluster 3."""
    golf = golven[2022]
    Werkingsgebied.objects.filter(huis=huis).delete()
    Werkingsgebied.objects.create(
        huis=huis, gemeente=GemeenteFactory(cluster=VrindCluster.objects.get(nummer=6))
    )
    beantwoord(
        golf,
        huis,
        {
            LOKET: {"waarde": 4, "toelichting": "Onze eigen toelichting"},
            VRIJWILLIGERS: "ja",
            OPMERKINGEN: "Eigen tekst",
        },
    )
    for i, (score, vrijwilligers) in enumerate([(5, "ja"), (1, "nee"), (2, "ja"), (5, "nee"), (3, "ja")]):
        beantwoord(
            golf,
            nieuw_huis(f"Huis Platteland {i}", clusters=[6]),
            {
                LOKET: {"waarde": score, "toelichting": f"Geheime toelichting {i}"},
                VRIJWILLIGERS: vrijwilligers,
                OPMERKINGEN: f"Geheime opmerking {i}",
            },
        )
    for i, score in enumerate([1, 2]):
        beantwoord(golf, nieuw_huis(f"Huis Stad {i}", clusters=[3]), {LOKET: score, VRIJWILLIGERS: "nee"})
    return golf


def test_de_coordinator_ziet_zijn_huis_naast_vlaanderen_en_de_cluster_maar_geen_ander_huis(
    client, platteland, huis, coordinator
):
    client.force_login(coordinator)
    antwoord = client.get(vergelijking_url(huis, platteland))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    tabel = antwoord.context["tabellen"]["thema-kind_en_gezin_partners"]
    assert tabel.kolommen == [
        "Vraag",
        "Jullie antwoord",
        "Cijfer",
        "Vlaanderen",
        "Cluster 6. Platteland",
        "Antwoorden in Vlaanderen (n)",
    ]
    loket = [[c.tekst for c in r] for r in tabel.rijen if r[0].tekst.endswith("Lokaal Loket Kinderopvang?")]
    # Flanders: scores 4,5,1,2,5,3,1,2 -> 3 of 8 score 4-5, mean 2,88; cluster 6: 4,5,1,2,5,3 -> 3 of 6, 3,33
    assert [r[1:] for r in loket] == [
        ["4 – goede samenwerking", "% score 4-5", "37,50 %", "50,00 %", "8"],
        ["4 – goede samenwerking", "Gemiddelde score", "2,88", "3,33", "8"],
    ]
    vrijwilligers = next(
        r for r in antwoord.context["tabellen"]["thema-participatie"].rijen if r[2].tekst == "% ja"
    )
    assert [c.tekst for c in vrijwilligers[1:5]] == ["Ja", "% ja", "50,00 %", "66,67 %"]
    assert "Geheime" not in html and "Geheim antwoord" not in html
    assert "Huis Platteland" not in html and "Huis Stad" not in html
    assert "Eigen tekst" not in html  # open questions are not compared

    csv_antwoord = client.get(vergelijking_url(huis, platteland) + "?tabel=thema-participatie&formaat=csv")
    assert csv_antwoord.status_code == 200 and "Geheime" not in csv_antwoord.content.decode("utf-8-sig")


def test_een_kleine_cluster_toont_alleen_vlaanderen(client, platteland, opgroeien_medewerker):
    stad = Huis.objects.get(naam="Huis Stad 0")
    client.force_login(opgroeien_medewerker)  # Opgroeien may open a coordinator's view too
    antwoord = client.get(vergelijking_url(stad, platteland))
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert "In cluster 3. Grootsteden zijn er minder dan 5 ingediende bevragingen" in html
    assert antwoord.context["tabellen"]["thema-kind_en_gezin_partners"].kolommen == [
        "Vraag",
        "Jullie antwoord",
        "Cijfer",
        "Vlaanderen",
        "Antwoorden in Vlaanderen (n)",
    ]


def test_zonder_ingediende_bevraging_ziet_de_coordinator_alleen_de_gemiddelden(
    client, golven, huis, coordinator
):
    golf = golven[2022]
    beantwoord(golf, huis, {LOKET: 1, VRIJWILLIGERS: "nee"}, status=Responsstatus.CONCEPT)
    for i in range(5):
        beantwoord(golf, nieuw_huis(f"Huis {i}"), {LOKET: 5, VRIJWILLIGERS: "ja"})
    client.force_login(coordinator)
    antwoord = client.get(vergelijking_url(huis, golf))
    html = antwoord.content.decode()
    assert "De antwoorden van jullie Huis zijn nog niet ingediend" in html
    assert not antwoord.context["vergelijking"].eigen_beschikbaar
    loket = next(
        r
        for r in antwoord.context["tabellen"]["thema-kind_en_gezin_partners"].rijen
        if "Lokaal Loket" in r[0].tekst
    )
    assert [c.tekst for c in loket[1:5]] == [
        "–",
        "% score 4-5",
        "100,00 %",
        "5",
    ]  # the concept does not count


def test_de_vergelijking_is_alleen_voor_de_coordinator_van_het_huis(
    client, platteland, huis, loket_medewerker, lid_ander_huis
):
    url = vergelijking_url(huis, platteland)
    assert client.get(url).status_code == 302
    for gebruiker in (loket_medewerker, lid_ander_huis):
        client.force_login(gebruiker)
        antwoord = client.get(url)
        assert antwoord.status_code == 404 and b"Onze eigen toelichting" not in antwoord.content
    client.force_login(lid_ander_huis)
    assert (
        client.get(
            reverse("bevraging:huis_vergelijking", kwargs={"huis_slug": huis.slug, "golf_pk": 999999})
        ).status_code
        == 404
    )


# --- a bounded number of queries --------------------------------------------------------------


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(url).status_code == 200
    return len(vastgelegd)


def test_het_aantal_queries_hangt_niet_af_van_het_aantal_huizen(
    opgroeien_client, golven, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    golf = golven[2022]
    analyse = reverse("bevraging:analyse", kwargs={"golf_pk": golf.pk})
    paginas = [
        analyse,
        vraag_url(golf, LOCATIE, dimensie="cluster"),
        vraag_url(golf, LOCATIE).rstrip("/") + "/huizen/",
    ]

    def voeg_toe(aantal, begin):
        for i in range(begin, begin + aantal):
            huis = nieuw_huis(f"Huis {i:03d}", clusters=[1 + i % 9, 1 + (i + 1) % 9], locatie=i % 2 == 0)
            beantwoord(golven[2016], huis, {LOCATIE: "ja" if i % 3 else "nee"})
            beantwoord(
                golf, huis, {LOCATIE: "een", LOKET: 1 + i % 5, VRIJWILLIGERS: "ja", OPMERKINGEN: "Tekst"}
            )
        # The factories write past the services, which would raise the data versions.
        with django_capture_on_commit_callbacks(execute=True):
            verhoog("huizen", f"golf:{golf.pk}", f"golf:{golven[2016].pk}")

    voeg_toe(3, 0)
    opgroeien_client.get(reverse("toegankelijkheid"))  # the session's menu is read once, then kept
    weinig = [_queries(opgroeien_client, url) for url in paginas]
    voeg_toe(30, 3)
    veel = [_queries(opgroeien_client, url) for url in paginas]
    assert veel == weinig
    # session, user and menu; the questions with their options, the clusters, the Huizen (with
    # two prefetches), the answers and the number of responses; the question page the same again
    # for the wave it is compared with, plus the mappings
    with django_assert_max_num_queries(16):
        opgroeien_client.get(analyse)
    with django_assert_max_num_queries(28):
        opgroeien_client.get(paginas[1])
