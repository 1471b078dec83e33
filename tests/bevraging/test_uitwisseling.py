"""Export and import of a wave's responses: one row per Huis, one column per question key.

An export imports again unchanged (round trip into a fresh wave); a file with problems is refused
cell by cell and imports nothing; only Opgroeien staff can use either page.
"""

from __future__ import annotations

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from bevraging import services_uitwisseling as uitwisseling
from bevraging.models import Antwoord, Golf, Golfstatus, Respons, Responsstatus, Statuswijziging
from bevraging.services import kopieer_vragenlijst, open_golf
from bevraging.uitwisseling.bestanden import als_getal
from bevraging.uitwisseling.indeling import HUISKOLOMMEN
from huizen.models import VrindCluster
from kern.tenancy import Rol
from tests.factories import (
    GemeenteFactory,
    GolfFactory,
    HuisFactory,
    LidmaatschapFactory,
    LocatieFactory,
    ResponsFactory,
    UserFactory,
)

ANTWOORDEN_A = {
    "omgevingsanalyse.zicht_lokale_noden": (4, "", ""),
    "omgevingsanalyse.opmerkingen": ("=SOM(A1) is geen formule;\n- en dit geen opsomming", "", ""),
    "kernpartners.belangrijkste_partners": (["lokaal_bestuur", "lokaal_loket", "andere"], "", "Sociaal Huis"),
    "kind_en_gezin_partners.lokaal_loket": (5, "Zelfde gebouw; zelfde team.", ""),
    "levensdomeinen.top3": (["onderwijs", "kinderopvang"], "Omdat ouders erom vragen.", ""),
    "toegankelijkheid.fysieke_locatie": ("een", "", ""),
    "doelgroep.leeftijd": (["0-3", "3-6"], "", ""),
    "participatie.vrijwilligers": ("ja", "", ""),
    "participatie.rol_vrijwilligers": ("Onthaal bij het consultatiebureau.", "", ""),
    "participatie.inspraak_vrijwilligers": (3, "", ""),
    "kwaliteit_en_organisatie.personeelsleden": (2, "", ""),
    "lokaal_bestuur.trekker": ("andere", "", "Leren@Vaart"),
    "lokaal_bestuur.cofinanciering": ("ja", "Personeel en lokalen.", ""),
    "lokaal_bestuur.cofinanciering_bedrag": (12500, "", ""),
}
ANTWOORDEN_B = {
    "doelgroep.specifieke_doelgroepen": ("Anderstalige gezinnen; vooral mama's.", "", ""),
    "participatie.vrijwilligers": ("nee", "", ""),
    "kwaliteit_en_organisatie.personeelsleden": (0, "", ""),
    "lokaal_bestuur.cofinanciering": ("nee", "", ""),
    "netwerken.bovengemeentelijk_actief": ("ja", "", ""),
    "netwerken.welke": (["zorgraad_elz", "een_gezin_een_plan"], "", ""),
}


@pytest.fixture(autouse=True)
def prive(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def golf(geleverde_golven):
    return geleverde_golven[2022]


def _cluster(nummer: int) -> VrindCluster:
    return VrindCluster.objects.get(nummer=nummer)


@pytest.fixture
def huis_a(referentiedata):
    """Intermunicipal, across two clusters and two provinces, with a physical location."""
    eerste = GemeenteFactory(nis="98001", naam="Eerstegem", provincie="Antwerpen", cluster=_cluster(5))
    tweede = GemeenteFactory(nis="98002", naam="Tweedegem", provincie="Limburg", cluster=_cluster(6))
    huis = HuisFactory(naam="Huis van het Kind Aaa", slug="aaa", gemeenten=[eerste, tweede])
    LocatieFactory(huis=huis, naam="Het Huis", straat="Markt 1", postcode="9999", gemeente=eerste)
    return huis


@pytest.fixture
def huis_b(referentiedata):
    """Municipal, no cluster, no physical location."""
    gemeente = GemeenteFactory(nis="98003", naam="Derdegem", provincie="Oost-Vlaanderen")
    return HuisFactory(naam="Huis van het Kind Bbb", slug="bbb", gemeenten=[gemeente])


def _respons(golf: Golf, huis, status: str, antwoorden: dict) -> Respons:
    respons = ResponsFactory(golf=golf, huis=huis, status=status)
    vragen = {v.sleutel: v for v in golf.vragenlijst.vragen.all()}
    for sleutel, (waarde, toelichting, andere) in antwoorden.items():
        antwoord = Antwoord(
            respons=respons,
            vraag=vragen[sleutel],
            waarde=waarde,
            toelichting=toelichting,
            andere_tekst=andere,
        )
        antwoord.full_clean()
        antwoord.save()
    return respons


@pytest.fixture
def responsen(golf, huis_a, huis_b):
    concept = HuisFactory(naam="Huis van het Kind Concept", slug="concept")
    return [
        _respons(golf, huis_a, Responsstatus.GEVALIDEERD, ANTWOORDEN_A),
        _respons(golf, huis_b, Responsstatus.INGEDIEND, ANTWOORDEN_B),
        _respons(golf, concept, Responsstatus.CONCEPT, {"participatie.vrijwilligers": ("ja", "", "")}),
    ]


@pytest.fixture
def nieuwe_golf(golf, opgroeien_medewerker):
    """A fresh wave with the 2022 questionnaire (the same keys), open."""
    nieuw = GolfFactory(jaar=2031)
    kopieer_vragenlijst(van_golf=golf, naar_golf=nieuw)
    return open_golf(golf=nieuw, door=opgroeien_medewerker)


def _inhoud(golf: Golf) -> dict:
    return {
        (slug, sleutel): (waarde, toelichting, andere)
        for slug, sleutel, waarde, toelichting, andere in Antwoord.objects.filter(
            respons__golf=golf
        ).values_list("respons__huis__slug", "vraag__sleutel", "waarde", "toelichting", "andere_tekst")
    }


def _rijen_csv(inhoud: bytes) -> list[list[str]]:
    assert inhoud.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(inhoud.decode("utf-8-sig"), newline=""), delimiter=";"))


def _xlsx(rijen: list[list]) -> bytes:
    boek = Workbook()
    for rij in rijen:
        boek.active.append(rij)
    buffer = io.BytesIO()
    boek.save(buffer)
    return buffer.getvalue()


# --- Export --------------------------------------------------------------------------------------


def test_export_heeft_per_huis_een_rij_met_cluster_werking_en_fysieke_locatie(responsen, golf):
    export = uitwisseling.exporteer(golf, formaat="csv")
    kop, labels, *rijen = _rijen_csv(export.inhoud)

    assert kop[:9] == list(HUISKOLOMMEN)
    assert labels[1] == HUISKOLOMMEN["slug"]
    # Questions in questionnaire order, each followed by its "andere" and open-field columns.
    assert kop.index("omgevingsanalyse.zicht_lokale_noden") < kop.index("kernpartners.belangrijkste_partners")
    i = kop.index("kernpartners.belangrijkste_partners")
    assert kop[i + 1] == "kernpartners.belangrijkste_partners.andere"
    i = kop.index("kind_en_gezin_partners.lokaal_loket")
    assert kop[i + 1] == "kind_en_gezin_partners.lokaal_loket.toelichting"
    assert labels[i] == "In welke mate werken jullie samen met het Lokaal Loket Kinderopvang?"

    # Submitted and validated only, by name: the draft is left out.
    assert [r[1] for r in rijen] == ["aaa", "bbb"]
    a, b = (dict(zip(kop, r, strict=True)) for r in rijen)
    assert a["nis"] == "98001 | 98002" and a["gemeenten"] == "Eerstegem | Tweedegem"
    assert a["provincie"] == "Antwerpen | Limburg"
    assert a["vrind_cluster"] == "5. Overgangsgebied | 6. Platteland"
    assert (a["intergemeentelijk"], a["fysieke_locatie"], a["status"]) == ("ja", "ja", "gevalideerd")
    assert (b["vrind_cluster"], b["intergemeentelijk"], b["fysieke_locatie"]) == ("", "nee", "nee")
    assert b["status"] == "ingediend"
    assert a["kernpartners.belangrijkste_partners"] == "lokaal_bestuur|lokaal_loket|andere"
    assert a["kernpartners.belangrijkste_partners.andere"] == "Sociaal Huis"
    assert a["kind_en_gezin_partners.lokaal_loket"] == "5"
    assert a["lokaal_bestuur.cofinanciering_bedrag"] == "12500"
    assert a["omgevingsanalyse.opmerkingen"].startswith("'=SOM(A1)")  # stays text in Excel
    assert b["participatie.rol_vrijwilligers"] == ""


def test_export_met_concepten_en_als_xlsx_met_blad_vragen(responsen, golf):
    export = uitwisseling.exporteer(golf, formaat="xlsx", met_concepten=True)
    boek = load_workbook(io.BytesIO(export.inhoud))
    assert boek.sheetnames == ["Antwoorden", "Vragen"]
    blad = boek["Antwoorden"]
    rijen = list(blad.iter_rows(values_only=True))
    assert [r[1] for r in rijen[2:]] == ["aaa", "bbb", "concept"]
    kop = list(rijen[0])
    a = dict(zip(kop, rijen[2], strict=True))
    assert a["kind_en_gezin_partners.lokaal_loket"] == 5 and a["omgevingsanalyse.opmerkingen"].startswith(
        "=SOM"
    )
    assert blad.cell(row=3, column=kop.index("omgevingsanalyse.opmerkingen") + 1).data_type == "s"
    vragen = {r[0]: r for r in boek["Vragen"].iter_rows(values_only=True)}
    assert "lokaal_bestuur = Lokaal bestuur" in vragen["kernpartners.belangrijkste_partners"][7]
    assert vragen["participatie.rol_vrijwilligers"][6] == "participatie.vrijwilligers = ja"


def test_export_pagina_downloadt_csv_en_xlsx(client, opgroeien_medewerker, responsen, golf):
    client.force_login(opgroeien_medewerker)
    url = reverse("bevraging:export", kwargs={"golf_pk": golf.pk})

    pagina = client.get(url)
    assert pagina.status_code == 200
    assert "<dd>1 concept, 1 ingediend, 1 gevalideerd</dd>" in pagina.content.decode()
    csv_bestand = client.get(url, {"formaat": "csv"})
    assert csv_bestand["Content-Type"].startswith("text/csv")
    assert 'filename="bevraging-2022-antwoorden-' in csv_bestand["Content-Disposition"]
    assert csv_bestand["Cache-Control"] == "private, no-store"
    assert len(_rijen_csv(csv_bestand.content)) == 4
    xlsx = client.get(url, {"formaat": "xlsx", "concepten": "on"})
    assert len(list(load_workbook(io.BytesIO(xlsx.content))["Antwoorden"].iter_rows())) == 5
    vragen = client.get(url, {"formaat": "csv", "bestand": "vragen"})
    assert "kernpartners.belangrijkste_partners.andere" in vragen.content.decode("utf-8-sig")

    fout = client.get(url, {"formaat": "pdf"})
    assert fout.status_code == 200 and "Kies een formaat: Excel (xlsx) of CSV (csv)." in fout.content.decode()


def test_export_telt_een_vast_aantal_queries(responsen, golf, django_assert_max_num_queries, referentiedata):
    with django_assert_max_num_queries(12) as weinig:
        uitwisseling.exportrijen(golf)
    for i in range(6):
        huis = HuisFactory(gemeenten=[GemeenteFactory(cluster=_cluster(i % 9 + 1))])
        _respons(golf, huis, Responsstatus.GEVALIDEERD, ANTWOORDEN_B)
    with django_assert_max_num_queries(len(weinig.captured_queries)):
        kolommen, rijen = uitwisseling.exportrijen(golf)
    assert len(rijen) == 8


# --- Round trip ----------------------------------------------------------------------------------


@pytest.mark.parametrize("formaat", ["xlsx", "csv"])
def test_export_importeert_ongewijzigd_in_een_nieuwe_golf(
    formaat, responsen, golf, nieuwe_golf, opgroeien_medewerker
):
    export = uitwisseling.exporteer(golf, formaat=formaat)

    controle = uitwisseling.controleer_import(
        golf=nieuwe_golf, bestandsnaam=export.bestandsnaam, inhoud=export.inhoud
    )
    assert controle.problemen == []
    assert (len(controle.rijen), controle.aantal_antwoorden) == (2, len(ANTWOORDEN_A) + len(ANTWOORDEN_B))
    resultaat = uitwisseling.importeer(
        golf=nieuwe_golf,
        bestandsnaam=export.bestandsnaam,
        inhoud=export.inhoud,
        vervangen=False,
        door=opgroeien_medewerker,
    )

    assert (resultaat.nieuw, resultaat.vervangen) == (2, 0)
    bron = {k: v for k, v in _inhoud(golf).items() if k[0] != "concept"}
    assert _inhoud(nieuwe_golf) == bron
    nieuw = {r.huis.slug: r for r in Respons.objects.filter(golf=nieuwe_golf).select_related("huis")}
    assert nieuw["aaa"].status == Responsstatus.GEVALIDEERD and nieuw["bbb"].status == Responsstatus.INGEDIEND
    assert all(r.interviewer is None for r in nieuw.values())
    wijziging = Statuswijziging.objects.get(respons=nieuw["aaa"])
    assert (wijziging.van, wijziging.naar, wijziging.door) == (
        "niet_gestart",
        "gevalideerd",
        opgroeien_medewerker,
    )
    assert wijziging.reden == f"geïmporteerd uit {export.bestandsnaam}"


def test_import_via_de_paginas_met_voorbeeld_en_bevestiging(
    client, opgroeien_medewerker, responsen, golf, nieuwe_golf, prive
):
    client.force_login(opgroeien_medewerker)
    bestand = uitwisseling.exporteer(golf, formaat="xlsx")
    url = reverse("bevraging:import", kwargs={"golf_pk": nieuwe_golf.pk})

    antwoord = client.post(url, {"bestand": SimpleUploadedFile("resultaten 2022.xlsx", bestand.inhoud)})

    bevestigen = reverse("bevraging:import_bevestigen", kwargs={"golf_pk": nieuwe_golf.pk})
    assert antwoord.status_code == 302 and antwoord["Location"] == bevestigen
    assert not Respons.objects.filter(golf=nieuwe_golf).exists()  # nothing yet
    assert len(list((prive / "bevraging-import").iterdir())) == 1
    voorbeeld = client.get(bevestigen).content.decode()
    assert "resultaten 2022.xlsx is gecontroleerd en klopt" in voorbeeld
    assert "<dt>Nieuwe responsen</dt><dd>2</dd>" in voorbeeld
    assert f"<dt>Antwoorden</dt><dd>{len(ANTWOORDEN_A) + len(ANTWOORDEN_B)}</dd>" in voorbeeld

    klaar = client.post(bevestigen, {"actie": "bevestigen"}, follow=True)

    assert (
        "resultaten 2022.xlsx is geïmporteerd in Bevraging 2031: 2 nieuwe en 0 vervangen"
        in klaar.content.decode()
    )
    assert Respons.objects.filter(golf=nieuwe_golf).count() == 2
    assert list((prive / "bevraging-import").iterdir()) == []  # the upload is gone
    # Confirming again imports nothing more.
    opnieuw = client.post(bevestigen, {"actie": "bevestigen"}, follow=True)
    assert "Er is geen bestand om te importeren" in opnieuw.content.decode()
    assert Respons.objects.filter(golf=nieuwe_golf).count() == 2


def test_annuleren_importeert_niets_en_verwijdert_het_bestand(
    client, opgroeien_medewerker, responsen, golf, nieuwe_golf, prive
):
    client.force_login(opgroeien_medewerker)
    bestand = uitwisseling.exporteer(golf, formaat="csv")
    client.post(
        reverse("bevraging:import", kwargs={"golf_pk": nieuwe_golf.pk}),
        {"bestand": SimpleUploadedFile("antwoorden.csv", bestand.inhoud)},
    )
    bevestigen = reverse("bevraging:import_bevestigen", kwargs={"golf_pk": nieuwe_golf.pk})

    antwoord = client.post(bevestigen, {"actie": "annuleren"}, follow=True)

    assert "De import is geannuleerd: er is niets geïmporteerd." in antwoord.content.decode()
    assert not Respons.objects.filter(golf=nieuwe_golf).exists()
    assert list((prive / "bevraging-import").iterdir()) == []


def test_bestaande_responsen_worden_geweigerd_of_op_vraag_vervangen(responsen, golf, opgroeien_medewerker):
    bestand = _xlsx(
        [
            ["slug", "participatie.vrijwilligers", "status"],
            ["aaa", "nee", "ingediend"],
        ]
    )

    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="x.xlsx", inhoud=bestand)
    assert [(p.rij, p.kolom) for p in controle.problemen] == [(2, "A (slug)")]
    assert "heeft al een respons in Bevraging 2022 (status gevalideerd)" in controle.problemen[0].melding

    # Replacing: the row is the whole response (the former answers are gone); a closed wave is fine.
    assert golf.status == Golfstatus.AFGESLOTEN
    resultaat = uitwisseling.importeer(
        golf=golf, bestandsnaam="x.xlsx", inhoud=bestand, vervangen=True, door=opgroeien_medewerker
    )
    assert (resultaat.nieuw, resultaat.vervangen, resultaat.antwoorden) == (0, 1, 1)
    respons = Respons.objects.get(golf=golf, huis__slug="aaa")
    assert respons.status == Responsstatus.INGEDIEND and respons.versie == 2
    assert {k[1]: v[0] for k, v in _inhoud(golf).items() if k[0] == "aaa"} == {
        "participatie.vrijwilligers": "nee"
    }
    assert respons.statuswijzigingen.get().van == "gevalideerd"


# --- A file with problems --------------------------------------------------------------------------


def _foutief_bestand() -> bytes:
    return _xlsx(
        [
            [
                "slug",
                "onbekende.kolom",
                "participatie.inspraak_ouders",
                "kernpartners.belangrijkste_partners",
                "participatie.vrijwilligers",
                "participatie.rol_vrijwilligers",
            ],
            ["bestaat-niet", "", 3, "", "", ""],
            ["aaa", "x", 7, "lokaal_bestuur", "ja", "Onthaal"],
            ["bbb", "", 2, "lokaal_bestuur|ckg|clb|perinataal", "misschien", ""],
            ["aaa", "", 1, "", "nee", "Toch een rol"],
        ]
    )


def test_een_foutief_bestand_toont_elk_probleem_met_rij_en_kolom(golf, huis_a, huis_b):
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="fout.xlsx", inhoud=_foutief_bestand())

    gevonden = {(p.rij, p.kolom, p.waarde): p.melding for p in controle.problemen}
    assert gevonden[(1, "B (onbekende.kolom)", "onbekende.kolom")].startswith("Onbekende kolom")
    assert gevonden[(2, "A (slug)", "bestaat-niet")].startswith("Onbekend Huis")
    assert gevonden[(3, "C (participatie.inspraak_ouders)", "7")] == "Kies een score van 1 tot 5."
    assert gevonden[(4, "D (kernpartners.belangrijkste_partners)", "lokaal_bestuur|ckg|clb|perinataal")] == (
        "Duid hoogstens 3 antwoorden aan; u duidde er 4 aan."
    )
    assert gevonden[(4, "E (participatie.vrijwilligers)", "misschien")] == (
        "Kies een van de antwoorden uit de lijst. Mogelijke codes: ja, nee."
    )
    assert gevonden[(5, "A (slug)", "aaa")] == "Dubbel Huis: Huis van het Kind Aaa staat ook op rij 3."
    assert gevonden[(5, "F (participatie.rol_vrijwilligers)", "Toch een rol")].startswith(
        "Deze vraag wordt alleen gesteld als participatie.vrijwilligers 'ja' is"
    )
    assert len(controle.problemen) == 7


def test_de_importpagina_weigert_een_foutief_bestand_en_importeert_niets(
    client, opgroeien_medewerker, golf, huis_a, huis_b, prive
):
    client.force_login(opgroeien_medewerker)
    aantallen = (Respons.objects.count(), Antwoord.objects.count())

    antwoord = client.post(
        reverse("bevraging:import", kwargs={"golf_pk": golf.pk}),
        {"bestand": SimpleUploadedFile("fout.xlsx", _foutief_bestand()), "vervangen": "on"},
    )

    tekst = antwoord.content.decode()
    assert antwoord.status_code == 200
    assert "Er is niets geïmporteerd: 7 problemen in fout.xlsx" in tekst
    assert "<td>C (participatie.inspraak_ouders)</td>" in tekst and "Kies een score van 1 tot 5." in tekst
    assert "Duid hoogstens 3 antwoorden aan; u duidde er 4 aan." in tekst
    assert (Respons.objects.count(), Antwoord.objects.count()) == aantallen
    assert not (prive / "bevraging-import").exists()


@pytest.mark.parametrize(
    ("naam", "inhoud", "melding"),
    [
        ("groot.xlsx", b"PK\x03\x04" + b"0" * (5 * 1024 * 1024), "het mag hoogstens 5 MB zijn"),
        ("foto.png", b"\x89PNG\r\n\x1a\n", "Kies een Excel-bestand (.xlsx) of een CSV-bestand (.csv)."),
        ("nep.xlsx", b"slug;status\r\naaa;ingediend\r\n", "eindigt op .xlsx maar is geen Excel-bestand"),
        ("nep.csv", b"PK\x03\x04rest", "eindigt op .csv maar is geen tekstbestand"),
    ],
)
def test_een_te_groot_of_ander_bestand_krijgt_een_duidelijke_fout(
    client, opgroeien_medewerker, golf, naam, inhoud, melding
):
    client.force_login(opgroeien_medewerker)
    antwoord = client.post(
        reverse("bevraging:import", kwargs={"golf_pk": golf.pk}),
        {"bestand": SimpleUploadedFile(naam, inhoud)},
    )
    assert antwoord.status_code == 200
    assert melding in antwoord.content.decode()
    assert "Het bestand kan niet gelezen worden" in antwoord.content.decode()


def test_een_beschadigd_excelbestand_geeft_een_fout_en_geen_500(client, opgroeien_medewerker, golf):
    client.force_login(opgroeien_medewerker)
    antwoord = client.post(
        reverse("bevraging:import", kwargs={"golf_pk": golf.pk}),
        {"bestand": SimpleUploadedFile("kapot.xlsx", b"PK\x03\x04" + b"\x00kapot" * 50)},
    )
    assert antwoord.status_code == 200
    assert "Dit Excel-bestand kan niet gelezen worden" in antwoord.content.decode()


# --- CSV variants ---------------------------------------------------------------------------------


def test_csv_met_bom_puntkomma_en_decimale_komma(golf, huis_a, huis_b, opgroeien_medewerker):
    tekst = (
        "\ufeffslug;lokaal_bestuur.cofinanciering;lokaal_bestuur.cofinanciering_bedrag;"
        "kwaliteit_en_organisatie.personeelsleden;doelgroep.leeftijd;omgevingsanalyse.opmerkingen\r\n"
        'aaa;ja;12.500;3,0;0-3|6-12;"Eén; twee"\r\n'
        "bbb;Nee;;0;3-6, 0-3;'-geen formule\r\n"
    )
    resultaat = uitwisseling.importeer(
        golf=golf,
        bestandsnaam="a.csv",
        inhoud=tekst.encode("utf-8"),
        vervangen=False,
        door=opgroeien_medewerker,
    )
    assert resultaat.nieuw == 2
    inhoud = _inhoud(golf)
    assert inhoud[("aaa", "lokaal_bestuur.cofinanciering_bedrag")][0] == 12500
    assert inhoud[("aaa", "kwaliteit_en_organisatie.personeelsleden")][0] == 3
    assert inhoud[("aaa", "omgevingsanalyse.opmerkingen")][0] == "Eén; twee"
    assert inhoud[("bbb", "lokaal_bestuur.cofinanciering")][0] == "nee"  # a label or code, any case
    assert inhoud[("bbb", "doelgroep.leeftijd")][0] == ["0-3", "3-6"]  # in option order
    assert inhoud[("bbb", "omgevingsanalyse.opmerkingen")][0] == "-geen formule"


def test_csv_van_excel_in_windows_1252_met_komma_en_nis_in_plaats_van_slug(golf, huis_a, huis_b):
    tekst = (
        'nis,omgevingsanalyse.opmerkingen,kwaliteit_en_organisatie.personeelsleden\r\n98003,Café,"1,5"\r\n'
    )
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.csv", inhoud=tekst.encode("cp1252"))
    assert [(p.rij, p.kolom, p.melding) for p in controle.problemen] == [
        (2, "C (kwaliteit_en_organisatie.personeelsleden)", "Vul een geheel getal in.")
    ]
    tekst = tekst.replace('"1,5"', "1").replace("98003", "98002 | 98001")
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.csv", inhoud=tekst.encode("cp1252"))
    assert controle.problemen == []
    assert controle.rijen[0].huis == huis_a
    assert controle.rijen[0].antwoorden[0].waarde == "Café"


@pytest.mark.parametrize(
    ("tekst", "getal"),
    [
        ("12", 12),
        ("12,5", 12.5),
        ("12.5", 12.5),
        ("1.250", 1250),
        ("1.250,75", 1250.75),
        ("1,250.75", 1250.75),
    ],
)
def test_getallen_lezen(tekst, getal):
    assert als_getal(tekst) == getal


def test_een_golf_in_voorbereiding_weigert_een_import(referentiedata, huis_a):
    golf = GolfFactory()
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.csv", inhoud=b"slug\r\naaa\r\n")
    assert "is nog in voorbereiding" in controle.problemen[0].melding


# --- Who may ------------------------------------------------------------------------------------


@pytest.mark.parametrize("naam", ["bevraging:export", "bevraging:import", "bevraging:import_bevestigen"])
def test_alleen_opgroeien_mag_importeren_en_exporteren(client, naam, golf, huis_a, responsen):
    url = reverse(naam, kwargs={"golf_pk": golf.pk})
    assert client.get(url)["Location"].startswith("/account/login/")  # anonymous
    for rol in (Rol.COORDINATOR, Rol.LOKET):
        client.force_login(LidmaatschapFactory(huis=huis_a, rol=rol).gebruiker)
        assert client.get(url, {"formaat": "csv"}).status_code == 404
        assert (
            client.post(url, {"bestand": SimpleUploadedFile("a.csv", b"slug\r\naaa\r\n")}).status_code == 404
        )
    client.force_login(UserFactory(opgroeien=True))
    assert client.get(url).status_code in (200, 302)


def test_een_ander_bestand_in_de_sessie_kan_niet_bevestigd_worden(
    client, opgroeien_medewerker, golf, nieuwe_golf, responsen
):
    """The session holds only a random name; a tampered name or another wave imports nothing."""
    client.force_login(opgroeien_medewerker)
    sessie = client.session
    sessie["bevraging_import"] = {
        "token": "../../etc/passwd",
        "bestandsnaam": "x.csv",
        "sha256": "0",
        "golf_pk": nieuwe_golf.pk,
        "vervangen": False,
    }
    sessie.save()
    bevestigen = reverse("bevraging:import_bevestigen", kwargs={"golf_pk": nieuwe_golf.pk})
    antwoord = client.post(bevestigen, {"actie": "bevestigen"}, follow=True)
    assert "Er is geen bestand om te importeren" in antwoord.content.decode()
    assert not Respons.objects.filter(golf=nieuwe_golf).exists()


# --- An import that helps --------------------------------------------------------------------------


def _waarden(controle, sleutel: str) -> list:
    """The value each row of a checked file gives the question, in row order."""
    return [
        next((a.waarde for a in r.antwoorden if a.vraag.sleutel == sleutel), None) for r in controle.rijen
    ]


JA_NEE_CSV = [("ja", "ja"), ("NEE", "nee"), ("True", "ja"), ("false", "nee"), ("1", "ja"), ("0", "nee")]
JA_NEE_CSV += [("WAAR", "ja"), ("onwaar", "nee")]


@pytest.mark.parametrize(("cel", "code"), JA_NEE_CSV)
def test_ja_nee_in_csv_in_elke_spelling(golf, huis_a, cel, code):
    tekst = f"slug;participatie.vrijwilligers;lokaal_bestuur.cofinanciering\r\naaa;{cel};{cel.upper()}\r\n"
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.csv", inhoud=tekst.encode())
    assert controle.is_schoon, controle.problemen
    assert _waarden(controle, "participatie.vrijwilligers") == [code]
    assert _waarden(controle, "lokaal_bestuur.cofinanciering") == [code]


@pytest.mark.parametrize(
    ("cel", "code"), [(True, "ja"), (False, "nee"), (1, "ja"), (0, "nee"), ("TRUE", "ja")]
)
def test_ja_nee_in_xlsx_ook_als_echte_booleaanse_waarde_of_getal(golf, huis_a, cel, code):
    inhoud = _xlsx([["slug", "participatie.vrijwilligers"], ["aaa", cel]])
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.xlsx", inhoud=inhoud)
    assert controle.is_schoon, controle.problemen
    assert _waarden(controle, "participatie.vrijwilligers") == [code]


def test_keuzevragen_aanvaarden_code_of_label_ook_met_een_komma_in_het_label(golf, huis_a, huis_b):
    inhoud = _xlsx(
        [
            ["slug", "toegankelijkheid.fysieke_locatie", "levensdomeinen.top3"],
            ["aaa", "Nee, maar een fysieke locatie is gepland", "Onderwijs, Cultuur, sport en jeugd"],
            ["bbb", "EEN", "kinderopvang;cultuur-sport-jeugd"],
        ]
    )
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.xlsx", inhoud=inhoud)
    assert controle.is_schoon, controle.problemen
    assert _waarden(controle, "toegankelijkheid.fysieke_locatie") == ["gepland", "een"]
    assert _waarden(controle, "levensdomeinen.top3") == [
        ["onderwijs", "cultuur-sport-jeugd"],
        ["kinderopvang", "cultuur-sport-jeugd"],
    ]


def test_de_kenmerken_van_het_huis_in_de_golf_worden_bewaard_en_de_ongebruikte_kolommen_gemeld(
    golf, huis_a, huis_b, opgroeien_medewerker
):
    from bevraging.models import Golfhuis, Kenmerkbron

    inhoud = _xlsx(
        [
            ["huis", "slug", "gemeenten", "vrind_cluster", "intergemeentelijk", "fysieke_locatie"],
            ["Aaa", "aaa", "Eerstegem", "6. Platteland", "Nee", "gepland"],
            ["Bbb", "bbb", "Derdegem", "", "", "1"],
        ]
    )
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.xlsx", inhoud=inhoud)
    assert controle.is_schoon, controle.problemen
    assert controle.waarschuwingen == [
        "De import leest deze kolommen niet: A (huis), C (gemeenten). Ze staan in de export om mee te lezen; "
        "wat erin staat, wordt niet bewaard. De gemeenten en provincie van een Huis in de golf volgen uit "
        "zijn werkingsgebied op de peildatum van de golf."
    ]
    assert [r.kenmerken for r in controle.rijen] == [
        {"werking": "gemeentelijk", "fysieke_locatie": "gepland", "clusters": [6]},
        {"fysieke_locatie": "ja"},
    ]

    uitwisseling.importeer(
        golf=golf, bestandsnaam="a.xlsx", inhoud=inhoud, vervangen=False, door=opgroeien_medewerker
    )
    a = Golfhuis.objects.get(golf=golf, huis=huis_a)
    assert (a.werking, a.fysieke_locatie, a.clusters, a.bron) == (
        "gemeentelijk",
        "gepland",
        [6],
        Kenmerkbron.IMPORT,
    )
    assert sorted(a.provincies) == ["Antwerpen", "Limburg"]  # from the werkingsgebied
    b = Golfhuis.objects.get(golf=golf, huis=huis_b)
    assert (b.werking, b.fysieke_locatie, b.clusters) == ("gemeentelijk", "ja", [])


def test_een_foutief_kenmerk_wordt_per_cel_gemeld(golf, huis_a):
    inhoud = _xlsx(
        [["slug", "vrind_cluster", "intergemeentelijk", "fysieke_locatie"], ["aaa", "12", "soms", "x"]]
    )
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.xlsx", inhoud=inhoud)
    assert [(p.kolom, p.melding.split(":")[0]) for p in controle.problemen] == [
        ("C (intergemeentelijk)", "Vul in of het Huis intergemeentelijk was"),
        ("D (fysieke_locatie)", "Onbekende fysieke locatie"),
        ("B (vrind_cluster)", "Onbekende VRIND-cluster"),
    ]


def test_de_problemen_hebben_een_samenvatting_per_kolom(client, opgroeien_medewerker, golf, huis_a, huis_b):
    inhoud = _xlsx(
        [
            ["slug", "participatie.inspraak_ouders", "participatie.vrijwilligers"],
            ["aaa", 7, "misschien"],
            ["bbb", 9, "ja"],
            ["onbekend", 0, "ja"],
        ]
    )
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="a.xlsx", inhoud=inhoud)
    assert [(s.kolom, s.aantal, s.eerste.rij, s.eerste.waarde) for s in controle.per_kolom] == [
        ("B (participatie.inspraak_ouders)", 3, 2, "7"),
        ("A (slug)", 1, 4, "onbekend"),
        ("C (participatie.vrijwilligers)", 1, 2, "misschien"),
    ]

    client.force_login(opgroeien_medewerker)
    tekst = client.post(
        reverse("bevraging:import", kwargs={"golf_pk": golf.pk}),
        {"bestand": SimpleUploadedFile("a.xlsx", inhoud)},
    ).content.decode()
    samenvatting = tekst.index("Problemen per kolom")
    assert samenvatting < tekst.index("Problemen per rij en kolom")
    assert '<th scope="row">B (participatie.inspraak_ouders)</th>\n      <td>3</td>' in tekst
    assert "rij 2, ‘7’: Kies een score van 1 tot 5." in tekst
