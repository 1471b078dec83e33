"""The report pages: who may start, see and download what; progress by htmx polling."""

import pytest
from django.test import Client
from django.urls import reverse

from kern.tenancy import Rol
from rapporten.models import Rapportbatch, Rapportjob, Rapportstatus
from tests.factories import GemeenteFactory, GolfFactory, LidmaatschapFactory
from tests.toegang import Slachtoffer, loop_als

pytestmark = pytest.mark.django_db


def client_voor(gebruiker) -> Client:
    client = Client()
    client.force_login(gebruiker)
    return client


@pytest.fixture
def klaar_rapport(huis, coordinator, django_capture_on_commit_callbacks):
    """The coordinator starts the Huis's report on the workspace; it is made in-process."""
    client = client_voor(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(reverse("rapporten:nieuw_huis", kwargs={"huis_slug": huis.slug}))
    job = Rapportjob.objects.get()
    assert antwoord.status_code == 302 and antwoord["Location"] == reverse(
        "rapporten:job", kwargs={"job_pk": job.pk}
    )
    assert job.status == Rapportstatus.KLAAR
    return job


def test_de_werkruimte_biedt_het_rapport_aan_de_coordinator(huis, coordinator):
    loket = LidmaatschapFactory(huis=huis, rol=Rol.LOKET).gebruiker
    werkruimte = reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})
    actie = reverse("rapporten:nieuw_huis", kwargs={"huis_slug": huis.slug})

    assert actie in client_voor(coordinator).get(werkruimte).content.decode()
    assert actie not in client_voor(loket).get(werkruimte).content.decode()
    assert client_voor(loket).post(actie).status_code == 404
    assert not Rapportjob.objects.exists()


def test_de_coordinator_downloadt_het_rapport_van_het_huis(klaar_rapport, coordinator):
    client = client_voor(coordinator)

    pagina = client.get(reverse("rapporten:job", kwargs={"job_pk": klaar_rapport.pk})).content.decode()
    download = reverse("rapporten:download", kwargs={"job_pk": klaar_rapport.pk})
    assert "Status: klaar" in pagina and download in pagina and "hx-get" not in pagina

    antwoord = client.get(download)
    assert antwoord.status_code == 200
    assert antwoord["Content-Type"] == "application/pdf"
    assert antwoord["Content-Disposition"] == f'attachment; filename="{klaar_rapport.bestandsnaam}"'
    assert "no-store" in antwoord["Cache-Control"] and "private" in antwoord["Cache-Control"]
    assert b"".join(antwoord.streaming_content).startswith(b"%PDF")

    lijst = client.get(reverse("rapporten:lijst")).content.decode()
    assert klaar_rapport.titel in lijst and download in lijst


def test_een_ander_huis_en_een_anonieme_bezoeker_krijgen_het_rapport_niet(klaar_rapport, lid_ander_huis):
    anders = client_voor(lid_ander_huis)
    for naam in ["rapporten:job", "rapporten:job_voortgang", "rapporten:download"]:
        url = reverse(naam, kwargs={"job_pk": klaar_rapport.pk})
        assert anders.get(url).status_code == 404
        antwoord = Client().get(url)
        assert antwoord.status_code == 302 and antwoord["Location"].startswith("/account/login/")
    assert klaar_rapport.titel not in anders.get(reverse("rapporten:lijst")).content.decode()
    assert (
        anders.post(reverse("rapporten:job_opnieuw", kwargs={"job_pk": klaar_rapport.pk})).status_code == 404
    )


def test_opgroeien_ziet_het_huisrapport_ook(klaar_rapport, opgroeien_medewerker):
    assert (
        client_voor(opgroeien_medewerker)
        .get(reverse("rapporten:download", kwargs={"job_pk": klaar_rapport.pk}))
        .status_code
        == 200
    )


def test_een_rapport_in_de_wachtrij_ververst_zichzelf(huis, coordinator, django_capture_on_commit_callbacks):
    client = client_voor(coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("rapporten:nieuw_huis", kwargs={"huis_slug": huis.slug}))
    job = Rapportjob.objects.get()

    pagina = client.get(reverse("rapporten:job", kwargs={"job_pk": job.pk})).content.decode()
    fragment = reverse("rapporten:job_voortgang", kwargs={"job_pk": job.pk})
    assert f'hx-get="{fragment}"' in pagina and 'hx-trigger="every 2s"' in pagina
    assert '<progress id="job-balk" max="100" value="0">' in pagina
    assert client.get(reverse("rapporten:download", kwargs={"job_pk": job.pk})).status_code == 404

    antwoord = client.get(fragment, HTTP_HX_REQUEST="true")
    assert antwoord.content.decode().lstrip().startswith("{#") is False
    assert "<html" not in antwoord.content.decode() and "hx-get" in antwoord.content.decode()


def test_een_mislukt_rapport_opnieuw_proberen(huis, coordinator, django_capture_on_commit_callbacks):
    client = client_voor(coordinator)
    with django_capture_on_commit_callbacks(execute=False):
        client.post(reverse("rapporten:nieuw_huis", kwargs={"huis_slug": huis.slug}))
    job = Rapportjob.objects.get()
    Rapportjob.objects.filter(pk=job.pk).update(
        status=Rapportstatus.MISLUKT, fout="Het rapport duurde te lang."
    )
    pagina = client.get(reverse("rapporten:job", kwargs={"job_pk": job.pk})).content.decode()
    assert "Het rapport duurde te lang." in pagina and "Opnieuw proberen" in pagina

    with django_capture_on_commit_callbacks(execute=True):
        antwoord = client.post(
            reverse("rapporten:job_opnieuw", kwargs={"job_pk": job.pk}), {"volgende": "https://elders.test/"}
        )

    assert antwoord["Location"] == reverse("rapporten:job", kwargs={"job_pk": job.pk})
    job.refresh_from_db()
    assert job.status == Rapportstatus.KLAAR
    assert client.get(reverse("rapporten:job_opnieuw", kwargs={"job_pk": job.pk})).status_code == 405


def test_opgroeien_start_een_reeks_en_volgt_ze_op(
    opgroeien_medewerker, huis, cluster, django_capture_on_commit_callbacks
):
    client = client_voor(opgroeien_medewerker)
    url = reverse("rapporten:batch_nieuw")
    formulier = client.get(url).content.decode()
    assert "Testcluster (1 gemeenten)" in formulier

    fout = client.post(url, {"bereik": "cluster"})
    assert fout.status_code == 200 and "Kies de VRIND-cluster." in fout.content.decode()
    assert not Rapportbatch.objects.exists()

    with django_capture_on_commit_callbacks(execute=False):
        antwoord = client.post(url, {"bereik": "cluster", "cluster": str(cluster.nummer)})
    batch = Rapportbatch.objects.get()
    assert antwoord["Location"] == reverse("rapporten:batch", kwargs={"batch_pk": batch.pk})
    pagina = client.get(antwoord["Location"]).content.decode()
    assert 'hx-trigger="every 2s"' in pagina and '<progress id="batch-balk" max="100" value="0">' in pagina
    assert "0 van de 1 rapporten afgewerkt" in pagina

    # the same choice again while it runs: back to the running batch
    with django_capture_on_commit_callbacks(execute=False):
        opnieuw = client.post(url, {"bereik": "cluster", "cluster": str(cluster.nummer)})
    assert opnieuw["Location"] == antwoord["Location"] and Rapportbatch.objects.count() == 1

    from rapporten.services import plan_batch

    with django_capture_on_commit_callbacks(execute=True):
        plan_batch(batch.pk)
    fragment = client.get(
        reverse("rapporten:batch_voortgang", kwargs={"batch_pk": batch.pk})
    ).content.decode()
    zip_url = reverse("rapporten:batch_zip", kwargs={"batch_pk": batch.pk})
    assert 'value="100"' in fragment and "hx-get" not in fragment and zip_url in fragment
    antwoord = client.get(zip_url)
    assert antwoord["Content-Type"] == "application/zip" and "no-store" in antwoord["Cache-Control"]

    lijst = client.get(reverse("rapporten:lijst")).content.decode()
    assert batch.titel in lijst and zip_url in lijst


def test_een_reeks_is_alleen_voor_opgroeien(
    coordinator, opgroeien_medewerker, django_capture_on_commit_callbacks
):
    GemeenteFactory()
    with django_capture_on_commit_callbacks(execute=False):
        client_voor(opgroeien_medewerker).post(
            reverse("rapporten:batch_nieuw"), {"bereik": "provincie", "provincie": "Limburg"}
        )
    batch = Rapportbatch.objects.get()
    job = batch.jobs.first()
    client = client_voor(coordinator)
    for url in [
        reverse("rapporten:batch_nieuw"),
        reverse("rapporten:batch", kwargs={"batch_pk": batch.pk}),
        reverse("rapporten:batch_voortgang", kwargs={"batch_pk": batch.pk}),
        reverse("rapporten:batch_zip", kwargs={"batch_pk": batch.pk}),
        reverse("rapporten:job", kwargs={"job_pk": job.pk}),
    ]:
        assert client.get(url).status_code == 404, url
    assert "Rapporten voor de gemeenteraad" not in client.get(reverse("rapporten:lijst")).content.decode()


def test_de_lijst_is_gepagineerd_en_nieuwste_eerst(opgroeien_medewerker, huis):
    for i in range(30):
        Rapportjob.objects.create(soort="huis", titel=f"Rapport {i:02d}", bestandsnaam="x.pdf", huis=huis)
    client = client_voor(opgroeien_medewerker)

    eerste = client.get(reverse("rapporten:lijst")).content.decode()
    tweede = client.get(reverse("rapporten:lijst") + "?pagina=2").content.decode()

    assert "Rapport 29" in eerste and "Rapport 05" in eerste and "Rapport 04" not in eerste
    assert "Rapport 04" in tweede and "Pagina 2 van 2" in tweede


def test_buitenstaanders_zien_en_wijzigen_niets_aan_de_rapporten(
    klaar_rapport, opgroeien_medewerker, django_capture_on_commit_callbacks
):
    """The tenancy walk of tests/test_toegang.py over the report pages only."""
    with django_capture_on_commit_callbacks(execute=True):
        client_voor(opgroeien_medewerker).post(
            reverse("rapporten:batch_nieuw"), {"bereik": "cluster", "cluster": "99"}
        )
    batch = Rapportbatch.objects.get()
    slachtoffer = Slachtoffer(
        waarden={
            "huis_slug": ["eigen"],
            "job_pk": [str(klaar_rapport.pk)],
            "batch_pk": [str(batch.pk)],
            "golf_pk": [str(GolfFactory().pk)],
            "nis": [klaar_rapport.huis.gemeenten.get().nis],
        },
        merktekens=["Profielrapport", "Rapport voor de gemeenteraad", "Eigengem", "%PDF", "PK\x03\x04"],
    )
    buitenstaander = Client()
    buitenstaander.force_login(LidmaatschapFactory(rol=Rol.COORDINATOR).gebruiker)
    loket = Client()
    loket.force_login(LidmaatschapFactory(huis=klaar_rapport.huis, rol=Rol.LOKET).gebruiker)

    def rapportpagina(naam: str) -> bool:
        return naam.startswith("rapporten:") and naam != "rapporten:lijst"

    problemen = loop_als(Client(), slachtoffer, wie="anoniem", ingelogd=False, alleen=rapportpagina)
    problemen += loop_als(buitenstaander, slachtoffer, wie="ander Huis", ingelogd=True, alleen=rapportpagina)
    # The Huis's loket staff may start their own loket report (tests/rapporten/test_inhoud.py) and
    # read the needs analysis of its gemeente (tests/rapporten/test_behoefteanalyse.py).
    eigen = {
        "rapporten:nieuw_loket",
        "rapporten:behoefteanalyses",
        "rapporten:behoefteanalyse",
        "rapporten:nieuw_gemeenteraad",
    }
    problemen += loop_als(
        loket,
        slachtoffer,
        wie="loket van het Huis",
        ingelogd=True,
        alleen=lambda naam: rapportpagina(naam) and naam not in eigen,
    )
    assert problemen == [], "\n".join(problemen)
