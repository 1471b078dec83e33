"""A batch of council reports: one job per gemeente, one progress figure, one ZIP, one e-mail."""

import io
import zipfile
from dataclasses import replace

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from huizen.models import Gemeente
from kern.models import UitgaandeMail
from kern.rapportage import register
from rapporten import services
from rapporten.models import Rapportbatch, Rapportjob, Rapportstatus
from rapporten.services import Bereik, Bereiksoort, start_gemeenteraadsbatch
from tests.factories import GemeenteFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clustergemeenten(huis, ander_huis, cluster):
    """Three gemeenten in the test cluster: two with a Huis, one without."""
    GemeenteFactory(nis="99103", naam="Geenhuisgem", cluster=cluster)
    return list(Gemeente.objects.filter(cluster=cluster).order_by("naam"))


def test_een_reeks_voor_een_provincie_maakt_een_job_per_gemeente(
    opgroeien_medewerker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as geplande:
        batch, nieuw = start_gemeenteraadsbatch(
            bereik=Bereik(Bereiksoort.PROVINCIE, "Limburg"), door=opgroeien_medewerker
        )

    gemeenten = Gemeente.objects.geldig_op(timezone.localdate()).filter(provincie="Limburg")
    assert nieuw and len(geplande) == 1
    assert batch.jobs.count() == gemeenten.count() > 30
    assert {job.parameters["gemeente"] for job in batch.jobs.all()} == set(
        gemeenten.values_list("nis", flat=True)
    )
    assert set(batch.jobs.values_list("soort", "status")) == {("gemeenteraad", "wachtrij")}
    assert batch.titel.startswith("Rapporten voor de gemeenteraad: de gemeenten van Limburg")
    assert batch.status() == Rapportstatus.WACHTRIJ
    assert (batch.tellingen().totaal, batch.tellingen().procent) == (gemeenten.count(), 0)

    # asked again while it runs: the same batch
    assert start_gemeenteraadsbatch(
        bereik=Bereik(Bereiksoort.PROVINCIE, "Limburg"), door=opgroeien_medewerker
    ) == (
        batch,
        False,
    )


def test_de_voortgang_telt_klaar_en_mislukt_over_het_totaal(
    opgroeien_medewerker, clustergemeenten, cluster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        batch, _ = start_gemeenteraadsbatch(
            bereik=Bereik(Bereiksoort.CLUSTER, str(cluster.nummer)), door=opgroeien_medewerker
        )
    jobs = list(batch.jobs.order_by("pk"))
    assert len(jobs) == 3

    Rapportjob.objects.filter(pk=jobs[0].pk).update(status=Rapportstatus.KLAAR)
    assert (batch.tellingen().procent, batch.status()) == (33, Rapportstatus.BEZIG)
    Rapportjob.objects.filter(pk=jobs[1].pk).update(status=Rapportstatus.MISLUKT)
    assert batch.tellingen().procent == 66
    Rapportjob.objects.filter(pk=jobs[2].pk).update(status=Rapportstatus.KLAAR)
    tellingen = Rapportbatch.objects.met_tellingen().get(pk=batch.pk).tellingen()
    assert (tellingen.totaal, tellingen.klaar, tellingen.mislukt, tellingen.procent) == (3, 2, 1, 100)
    assert batch.status() == Rapportstatus.BEZIG  # until the ZIP is made


def test_de_reeks_loopt_af_met_een_zip_en_een_mail(
    opgroeien_medewerker,
    clustergemeenten,
    cluster,
    prive_opslag,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    echt = register.soorten["gemeenteraad"]

    def geenhuisgem_faalt(parameters):
        if parameters["gemeente"] == "99103":
            raise ValueError("kapot")
        return echt.bron(parameters)

    monkeypatch.setitem(register.soorten, "gemeenteraad", replace(echt, bron=geenhuisgem_faalt))

    with django_capture_on_commit_callbacks(execute=True):
        batch, _ = start_gemeenteraadsbatch(
            bereik=Bereik(Bereiksoort.CLUSTER, str(cluster.nummer)), door=opgroeien_medewerker
        )

    batch.refresh_from_db()
    assert batch.status() == Rapportstatus.KLAAR and batch.afgerond and batch.gemaild
    assert batch.zip.name == f"rapporten/reeks-{batch.pk}/{batch.bestandsnaam}"
    with zipfile.ZipFile(prive_opslag / batch.zip.name) as archief:
        namen = sorted(archief.namelist())
        pdfs = {naam: archief.read(naam) for naam in namen if naam.endswith(".pdf")}
        fouten = archief.read("niet-gelukt.txt").decode()
    datum = timezone.localdate()
    assert namen == [
        f"gemeenteraad-99101-eigengem-{datum:%Y-%m-%d}.pdf",
        f"gemeenteraad-99102-andergem-{datum:%Y-%m-%d}.pdf",
        "niet-gelukt.txt",
    ]
    assert all(inhoud.startswith(b"%PDF") for inhoud in pdfs.values())
    klaar = batch.jobs.filter(status=Rapportstatus.KLAAR)
    assert {(prive_opslag / j.bestand.name).read_bytes() for j in klaar} == set(pdfs.values())
    assert "Rapport voor de gemeenteraad van Geenhuisgem" in fouten and "ValueError" in fouten

    assert [m.to for m in mail.outbox] == [[opgroeien_medewerker.email]]
    bericht = mail.outbox[0]
    assert bericht.subject == "Uw rapporten voor de gemeenteraden zijn klaar"
    assert "2 van de 3 rapporten zijn gemaakt. 1 rapport lukte niet" in bericht.body
    assert f"/rapporten/batch/{batch.pk}/" in bericht.body

    # finishing it again (a re-delivered task) changes nothing and mails nobody
    assert services.rond_batch_af(batch.pk) == "al afgerond"
    assert UitgaandeMail.objects.count() == 1 and len(mail.outbox) == 1


def test_een_mislukt_rapport_opnieuw_proberen_maakt_de_zip_opnieuw_zonder_tweede_mail(
    opgroeien_medewerker,
    clustergemeenten,
    cluster,
    prive_opslag,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    echt = register.soorten["gemeenteraad"]
    kapot = {"99103"}

    def soms_kapot(parameters):
        if parameters["gemeente"] in kapot:
            raise ValueError("kapot")
        return echt.bron(parameters)

    monkeypatch.setitem(register.soorten, "gemeenteraad", replace(echt, bron=soms_kapot))
    with django_capture_on_commit_callbacks(execute=True):
        batch, _ = start_gemeenteraadsbatch(
            bereik=Bereik(Bereiksoort.CLUSTER, str(cluster.nummer)), door=opgroeien_medewerker
        )
    mislukt = batch.jobs.get(status=Rapportstatus.MISLUKT)

    kapot.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.probeer_opnieuw(job=mislukt, door=opgroeien_medewerker)

    mislukt.refresh_from_db()
    batch.refresh_from_db()
    assert mislukt.status == Rapportstatus.KLAAR and mislukt.pogingen == 1
    assert batch.status() == Rapportstatus.KLAAR and batch.tellingen().klaar == 3
    with zipfile.ZipFile(prive_opslag / batch.zip.name) as archief:
        assert len([n for n in archief.namelist() if n.endswith(".pdf")]) == 3
        assert "niet-gelukt.txt" not in archief.namelist()
    assert len(mail.outbox) == 1

    with pytest.raises(ValidationError, match="Alleen een mislukt rapport"):
        services.probeer_opnieuw(job=mislukt, door=opgroeien_medewerker)


def test_de_zip_wordt_gestreamd_van_schijf(
    prive_opslag, opgroeien_medewerker, clustergemeenten, cluster, django_capture_on_commit_callbacks
):
    """The ZIP is written entry by entry from the PDFs on disk into a file (never built in memory)."""
    with django_capture_on_commit_callbacks(execute=True):
        batch, _ = start_gemeenteraadsbatch(
            bereik=Bereik(Bereiksoort.CLUSTER, str(cluster.nummer)), door=opgroeien_medewerker
        )
    batch.refresh_from_db()
    jobs = list(batch.jobs.all())
    doel = io.BytesIO()
    services._schrijf_zip(doel, jobs, [])
    assert zipfile.ZipFile(doel).testzip() is None
    assert sorted(p.name for p in (prive_opslag / batch.map).iterdir()) == [batch.bestandsnaam]


def test_alleen_opgroeien_start_een_reeks(coordinator):
    with pytest.raises(PermissionDenied):
        start_gemeenteraadsbatch(bereik=Bereik(), door=coordinator)


def test_een_onbestaand_bereik_wordt_geweigerd(opgroeien_medewerker):
    for bereik in [
        Bereik(Bereiksoort.PROVINCIE, "Atlantis"),
        Bereik(Bereiksoort.CLUSTER, "12345"),
        Bereik("x"),
    ]:
        with pytest.raises(ValidationError):
            start_gemeenteraadsbatch(bereik=bereik, door=opgroeien_medewerker)
    assert not Rapportbatch.objects.exists()


def test_het_herstel_rondt_een_vergeten_reeks_af(
    opgroeien_medewerker, clustergemeenten, cluster, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        batch, _ = start_gemeenteraadsbatch(
            bereik=Bereik(Bereiksoort.CLUSTER, str(cluster.nummer)), door=opgroeien_medewerker
        )
    Rapportbatch.objects.filter(pk=batch.pk).update(afgerond=None)

    with django_capture_on_commit_callbacks(execute=True):
        assert services.herstel_vastgelopen()["reeksen"] == 1

    batch.refresh_from_db()
    assert batch.afgerond and len(mail.outbox) == 1
