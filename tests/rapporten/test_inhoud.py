"""The chapters of the council report about the loket and the survey, and the loket report (kind 3)
and the Flemish survey report (kind 1): what their HTML holds, and that the PDF opens."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from bevraging.models import Golfstatus, Responsstatus
from bevraging.services import laad_vragenlijst
from huizen.models import Werkingsgebied
from kern.tenancy import Rol
from rapporten.models import Rapportjob, Rapportsoort
from rapporten.soorten import maak_pdf
from tests.bevraging.conftest import kleine_inhoud
from tests.factories import (
    GemeenteFactory,
    GolfFactory,
    HuisFactory,
    LidmaatschapFactory,
    OpvangvraagFactory,
    ResponsFactory,
)

pytestmark = pytest.mark.django_db

DATUM = "2026-05-01"
SCORE = "participatie.inspraak_ouders"
JA_NEE = "participatie.vrijwilligers"
ROL = "participatie.rol_vrijwilligers"
OPEN = "kernpartners.opmerkingen"


def hoofdstuk(html: str, anker: str) -> str:
    begin = html.index(f'<section class="hoofdstuk" id="{anker}">')
    return html[begin : html.index("</section>", begin)]


def aanvragen(huis, gemeente, aantal: int, *, geboren_dagen: int = 60, **velden):
    ingediend = timezone.make_aware(datetime.datetime(2026, 3, 10, 10))
    for _ in range(aantal):
        start = datetime.date(2026, 9, 1)
        OpvangvraagFactory(
            huis=huis,
            gemeente=gemeente,
            ingediend=ingediend,
            bevestigd=ingediend,
            gewenste_start=start,
            kinderen=[{"geboortedatum": start - datetime.timedelta(days=geboren_dagen)}],
            **velden,
        )


# --- the loket chapter of the council report ----------------------------------------------------


def test_het_loketHoofdstuk_toont_kleine_aantallen_als_minder_dan_5(huis, gemeente):
    aanvragen(huis, gemeente, 4)  # babies
    aanvragen(huis, gemeente, 3, geboren_dagen=700)  # toddlers

    html, pdf = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})

    loket = hoofdstuk(html, "loket")
    assert 'href="#loket"' in html
    assert "In de voorbije 12 maanden vroegen 7 gezinnen uit Eigengem kinderopvang aan" in loket
    assert "&lt; 5" in loket
    # No exact count from 1 to 4 in any cell or sentence of the chapter.
    assert not re.search(r'<td class="getal">\s*[1-4]\s*</td>', loket)
    assert not re.search(r"\b[1-4] (gezinnen|aanvragen)\b", loket)
    assert "<svg" in loket and "<caption>Onvervulde vraag per gewenste startmaand" in loket
    assert pdf.startswith(b"%PDF")


def test_zonder_aanvragen_geen_loketHoofdstuk(huis, gemeente, ander_huis):
    andere = Werkingsgebied.objects.filter(huis=ander_huis).first().gemeente
    aanvragen(ander_huis, andere, 6)
    html, _ = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})
    assert 'id="loket"' not in html


# --- the survey chapter of the council report -----------------------------------------------------


def beantwoord(golf, huis, antwoorden: dict, status=Responsstatus.INGEDIEND):
    ResponsFactory(golf=golf, huis=huis, status=status, antwoorden=antwoorden)


@pytest.fixture
def golf(db):
    golf = GolfFactory(jaar=2031, naam="Bevraging 2031")
    laad_vragenlijst(golf=golf, inhoud=kleine_inhoud())
    return golf


@pytest.fixture
def antwoorden(golf, huis, cluster):
    """The Huis (validated) and six other Huizen of its cluster answered."""
    beantwoord(golf, huis, {SCORE: 2, JA_NEE: "nee"}, status=Responsstatus.GEVALIDEERD)
    for i in range(6):
        ander = HuisFactory(
            naam=f"Huis van het Kind Buur{i}",
            slug=f"buur{i}",
            gemeenten=[GemeenteFactory(naam=f"Buurgem{i}", cluster=cluster)],
        )
        beantwoord(
            golf,
            ander,
            {
                SCORE: 5,
                JA_NEE: "ja",
                ROL: f"Geheim antwoord van Huis van het Kind Buur{i} in Buurgem{i}",
                OPEN: f"Opmerking van Huis van het Kind Buur{i}",
            },
        )
    return golf


def test_het_bevragingsHoofdstuk_zet_het_huis_naast_cluster_en_vlaanderen(huis, gemeente, antwoorden):
    html, _ = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})

    bevraging = hoofdstuk(html, "bevraging")
    assert "Bevraging 2031" in bevraging and "Cluster 99. Testcluster" in bevraging
    rij = re.search(r"<tr><th scope=\"row\">Inspraak van ouders\?</th>(.*?)</tr>", bevraging, re.S).group(1)
    cellen = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", rij, re.S)]
    assert cellen[1:] == ["% score 4-5", "86 %", "86 %"]  # 6 of 7 Huizen gave 4-5
    assert "% ja" in bevraging
    assert "Buur" not in html and "Geheim" not in html


def test_zonder_ingediende_bevraging_geen_bevragingsHoofdstuk(huis, gemeente, golf):
    beantwoord(golf, huis, {SCORE: 2}, status=Responsstatus.CONCEPT)
    html, _ = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})
    assert 'id="bevraging"' not in html


def test_een_cluster_met_minder_dan_5_antwoorden_wordt_niet_getoond(huis, gemeente, golf):
    golf.status = Golfstatus.AFGESLOTEN
    golf.save(update_fields=["status"])
    beantwoord(golf, huis, {SCORE: 2, JA_NEE: "nee"})
    html, _ = maak_pdf("gemeenteraad", {"gemeente": gemeente.nis, "datum": DATUM})
    bevraging = hoofdstuk(html, "bevraging")
    assert "Cluster 99. Testcluster telt minder dan 5 antwoorden" in bevraging
    assert '<th scope="col" class="getal">Cluster' not in bevraging


# --- kind 3: the loket report ----------------------------------------------------------------------


def test_het_loketrapport_toont_het_hele_gebied_met_zijn_gemeenten_en_nooit_kleine_aantallen(huis, gemeente):
    aanvragen(huis, gemeente, 3)
    parameters = {"huis": huis.pk, "van": "2026-01-01", "tot": "2026-06-30"}

    html, pdf = maak_pdf("loket", parameters)

    assert "Rapport van het Lokaal Loket Kinderopvang" in html
    kopjes = re.findall(r'<section class="hoofdstuk" id="([\w-]+)">', html)
    # One chapter: separate per-gemeente chapters could be subtracted from it to undo suppression.
    assert kopjes == ["werkingsgebied"]
    assert "Wachttijd tot het eerste antwoord en tot de plaatsing" in html
    assert "&lt; 5" in html and not re.search(r'<td class="getal">\s*[1-4]\s*</td>', html)
    assert pdf.startswith(b"%PDF")


def test_loketrapport_starten_alleen_door_het_eigen_loket(client, huis, ander_huis):
    eigen = LidmaatschapFactory(huis=huis, rol=Rol.LOKET).gebruiker
    ander = LidmaatschapFactory(huis=ander_huis, rol=Rol.LOKET).gebruiker
    url = reverse("rapporten:nieuw_loket", kwargs={"huis_slug": huis.slug})

    client.force_login(ander)
    assert client.post(url).status_code == 404
    assert not Rapportjob.objects.exists()

    client.force_login(eigen)
    antwoord = client.post(url, {"van": "2026-01-01", "tot": "2026-06-30"})
    job = Rapportjob.objects.get()
    assert antwoord.status_code == 302 and job.soort == Rapportsoort.LOKET and job.huis == huis
    assert client.get(reverse("rapporten:job", kwargs={"job_pk": job.pk})).status_code == 200
    client.force_login(ander)
    assert client.get(reverse("rapporten:job", kwargs={"job_pk": job.pk})).status_code == 404


# --- kind 1: the Flemish survey report ---------------------------------------------------------------


def test_het_vlaamse_bevragingsrapport(antwoorden, opgroeien_medewerker):
    html, pdf = maak_pdf("opgroeien_bevraging", {"golf": antwoorden.pk, "door": opgroeien_medewerker.pk})

    assert "Vlaams rapport van de bevraging" in html and "Bevraging 2031" in html
    assert re.findall(r'<section class="hoofdstuk" id="([\w-]+)">', html) == [
        "dekking",
        "golfkaarten",
        "thema-participatie",
        "thema-kernpartners",
    ]
    for kop in [
        "Inspraak van ouders?",
        "Verdeling van de antwoorden",
        "Antwoorden per VRIND-cluster",
        "Antwoorden van gemeentelijke en intergemeentelijke Huizen",
        "Antwoorden van Huizen met, met een geplande en zonder fysieke locatie",
        "Enkele open antwoorden",
    ]:
        assert kop in html, kop
    assert "Geheim antwoord van […] in […]" in html
    assert "Buur" not in html  # no Huis or gemeente names
    # An open wave: its Huizen are grouped as they are today.
    assert f"De Huizen zijn ingedeeld zoals ze waren op {date_format(timezone.localdate(), 'j F Y')}" in html
    assert pdf.startswith(b"%PDF")


def test_bevragingsrapport_starten_alleen_door_opgroeien(client, golf, coordinator, opgroeien_medewerker):
    url = reverse("rapporten:nieuw_bevraging", kwargs={"golf_pk": golf.pk})
    client.force_login(coordinator)
    assert client.post(url).status_code in (403, 404)
    client.force_login(opgroeien_medewerker)
    assert client.post(url).status_code == 302
    assert Rapportjob.objects.get().soort == Rapportsoort.OPGROEIEN_BEVRAGING
    job = Rapportjob.objects.get()
    assert job.titel == "Vlaams rapport van de bevraging 2031"  # not "... bevraging Bevraging 2031"
    assert job.bestandsnaam == "bevraging-2031.pdf"
