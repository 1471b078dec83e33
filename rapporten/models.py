"""A report job is a row: kind, parameters, who asked, status, progress, the file and the error.

A batch (`Rapportbatch`) groups the council reports Opgroeien starts in one action; its status and
progress are derived from its jobs. Who sees what is decided by `zichtbaar_voor` (tenancy style,
kern/tenancy.py): a report about a Huis by that Huis's coordinators and Opgroeien, a loket report by
the Huis's loket staff and Opgroeien, council and survey reports and batches by Opgroeien only.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from kern.tenancy import Rol, TenantQuerySet, huis_ids_van
from rapporten.opslag import opslag


class Rapportsoort(models.TextChoices):
    OPGROEIEN_BEVRAGING = "opgroeien_bevraging", _("Vlaams rapport van de bevraging")
    GEMEENTERAAD = "gemeenteraad", _("Rapport voor de gemeenteraad")
    LOKET = "loket", _("Rapport van het Lokaal Loket Kinderopvang")
    HUIS = "huis", _("Profielrapport van het Huis")


class Rapportstatus(models.TextChoices):
    WACHTRIJ = "wachtrij", _("in de wachtrij")
    BEZIG = "bezig", _("wordt gemaakt")
    KLAAR = "klaar", _("klaar")
    MISLUKT = "mislukt", _("mislukt")


OPEN = (Rapportstatus.WACHTRIJ, Rapportstatus.BEZIG)
AFGELOPEN = (Rapportstatus.KLAAR, Rapportstatus.MISLUKT)


class RapportjobQuerySet(TenantQuerySet):
    huis_pad = "huis"

    def zichtbaar_voor(self, user, rollen=None) -> RapportjobQuerySet:
        """Opgroeien sees every job; a Huis's coordinators its profile reports and its loket staff
        its loket reports; a council report of one gemeente that a Huis's member started from its
        needs analysis (it belongs to that Huis) every member of the Huis; batches of council
        reports and survey reports are for Opgroeien only."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.is_opgroeien:
            return self.all()
        return self.filter(
            Q(soort=Rapportsoort.HUIS, huis__in=huis_ids_van(user, [Rol.COORDINATOR]))
            | Q(soort=Rapportsoort.LOKET, huis__in=huis_ids_van(user, [Rol.LOKET]))
            | Q(soort=Rapportsoort.GEMEENTERAAD, batch=None, huis__in=huis_ids_van(user))
        )

    def open(self) -> RapportjobQuerySet:
        return self.filter(status__in=OPEN)


class Rapportjob(models.Model):
    """One PDF report to make (or made)."""

    soort = models.CharField(_("soort"), max_length=30, choices=Rapportsoort.choices)
    titel = models.CharField(_("titel"), max_length=250)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    huis = models.ForeignKey(
        "huizen.Huis",
        verbose_name=_("Huis"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="rapportjobs",
        help_text=_("Het Huis waarover het rapport gaat (profiel- en loketrapporten)."),
    )
    batch = models.ForeignKey(
        "rapporten.Rapportbatch",
        verbose_name=_("reeks"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="jobs",
    )
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Rapportstatus.choices, default=Rapportstatus.WACHTRIJ
    )
    voortgang = models.PositiveSmallIntegerField(_("voortgang (%)"), default=0)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=150)
    bestand = models.FileField(_("bestand"), storage=opslag, max_length=255, blank=True)
    fout = models.TextField(_("fout"), blank=True)
    pogingen = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    ingepland = models.DateTimeField(_("laatst ingepland"), null=True, blank=True)
    gestart = models.DateTimeField(_("gestart"), null=True, blank=True)
    klaar = models.DateTimeField(_("klaar op"), null=True, blank=True)

    objects = RapportjobQuerySet.as_manager()

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        ordering = ["-aangemaakt", "-pk"]
        indexes = [
            models.Index(fields=["status", "aangemaakt"], name="rapportjob_status"),
            models.Index(fields=["batch", "status"], name="rapportjob_batch_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(voortgang__lte=100), name="rapportjob_voortgang_max_100"),
        ]

    def __str__(self):
        return self.titel

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    @property
    def is_klaar(self) -> bool:
        return self.status == Rapportstatus.KLAAR and bool(self.bestand)

    @property
    def map(self) -> str:
        return f"rapporten/{self.pk}"

    @property
    def bestandspad(self) -> str:
        """Where the PDF goes: one fixed name per job, so a second run overwrites it."""
        return f"{self.map}/{self.bestandsnaam}"


@dataclass(frozen=True)
class Tellingen:
    totaal: int
    klaar: int
    mislukt: int
    bezig: int = 0

    @property
    def afgelopen(self) -> int:
        return self.klaar + self.mislukt

    @property
    def open(self) -> int:
        return self.totaal - self.afgelopen

    @property
    def wachtrij(self) -> int:
        return self.open - self.bezig

    @property
    def procent(self) -> int:
        """Done and failed jobs over all jobs, as a whole percentage (100 only when all ended)."""
        if not self.totaal:
            return 100
        return 100 * self.afgelopen // self.totaal


def _tellingen_annotaties(prefix: str = "aantal_") -> dict:
    return {
        f"{prefix}totaal": Count("jobs"),
        f"{prefix}klaar": Count("jobs", filter=Q(jobs__status=Rapportstatus.KLAAR)),
        f"{prefix}mislukt": Count("jobs", filter=Q(jobs__status=Rapportstatus.MISLUKT)),
        f"{prefix}bezig": Count("jobs", filter=Q(jobs__status=Rapportstatus.BEZIG)),
    }


class RapportbatchQuerySet(models.QuerySet):
    def zichtbaar_voor(self, user) -> RapportbatchQuerySet:
        """Batches (council reports for many gemeenten) are for Opgroeien staff only."""
        if not (user.is_authenticated and user.is_active and user.is_opgroeien):
            return self.none()
        return self.all()

    def met_tellingen(self) -> RapportbatchQuerySet:
        return self.annotate(**_tellingen_annotaties())


class Rapportbatch(models.Model):
    """Many reports started in one action, e.g. the council report of every gemeente of a
    provincie. Status and progress follow from its jobs; when all have ended, the finished PDFs
    are put into one ZIP and the requester gets one e-mail."""

    soort = models.CharField(_("soort"), max_length=30, choices=Rapportsoort.choices)
    titel = models.CharField(_("titel"), max_length=250)
    parameters = models.JSONField(_("bereik"), default=dict, blank=True)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("aangevraagd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True, db_index=True)
    bestandsnaam = models.CharField(_("bestandsnaam"), max_length=150)
    zip = models.FileField(_("ZIP-bestand"), storage=opslag, max_length=255, blank=True)
    afgerond = models.DateTimeField(_("afgerond op"), null=True, blank=True)
    gemaild = models.BooleanField(_("e-mail verstuurd"), default=False)

    objects = RapportbatchQuerySet.as_manager()

    class Meta:
        verbose_name = _("reeks rapporten")
        verbose_name_plural = _("reeksen rapporten")
        ordering = ["-aangemaakt", "-pk"]

    def __str__(self):
        return self.titel

    @property
    def map(self) -> str:
        return f"rapporten/reeks-{self.pk}"

    @property
    def zippad(self) -> str:
        return f"{self.map}/{self.bestandsnaam}"

    def tellingen(self) -> Tellingen:
        """The counts, from the annotations of `met_tellingen()` or else with one query."""
        if hasattr(self, "aantal_totaal"):
            return Tellingen(self.aantal_totaal, self.aantal_klaar, self.aantal_mislukt, self.aantal_bezig)
        rij = Rapportbatch.objects.filter(pk=self.pk).aggregate(**_tellingen_annotaties(""))
        return Tellingen(rij["totaal"], rij["klaar"], rij["mislukt"], rij["bezig"])

    def status(self, tellingen: Tellingen | None = None) -> str:
        """klaar once every job has ended and the ZIP is made (mislukt when not a single report
        succeeded); before that wachtrij while nothing has started, else bezig."""
        tellingen = tellingen or self.tellingen()
        if self.afgerond and not tellingen.open:
            return Rapportstatus.MISLUKT if tellingen.totaal and not tellingen.klaar else Rapportstatus.KLAAR
        if not tellingen.afgelopen and not tellingen.bezig:
            return Rapportstatus.WACHTRIJ
        return Rapportstatus.BEZIG
