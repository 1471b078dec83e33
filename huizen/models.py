"""Gemeenten and their reference data, and the Huis van het Kind: the tenant of the portal."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hvhk.tenancy import Rol, TenantQuerySet


class Gewest(models.TextChoices):
    VLAANDEREN = "Vlaams Gewest", _("Vlaams Gewest")
    BRUSSEL = "Brussels Hoofdstedelijk Gewest", _("Brussels Hoofdstedelijk Gewest")


class Provincie(models.TextChoices):
    ANTWERPEN = "Antwerpen", _("Antwerpen")
    LIMBURG = "Limburg", _("Limburg")
    OOST_VLAANDEREN = "Oost-Vlaanderen", _("Oost-Vlaanderen")
    VLAAMS_BRABANT = "Vlaams-Brabant", _("Vlaams-Brabant")
    WEST_VLAANDEREN = "West-Vlaanderen", _("West-Vlaanderen")
    BRUSSEL = "Brussels Hoofdstedelijk Gewest", _("Brussels Hoofdstedelijk Gewest")


def geldig_op_filter(datum: datetime.date, prefix: str = "") -> Q:
    """Rows with a validity period (geldig_van/geldig_tot, both optional) that cover `datum`."""
    return (Q(**{f"{prefix}geldig_van__isnull": True}) | Q(**{f"{prefix}geldig_van__lte": datum})) & (
        Q(**{f"{prefix}geldig_tot__isnull": True}) | Q(**{f"{prefix}geldig_tot__gte": datum})
    )


class VrindCluster(models.Model):
    """One of the nine VRIND clusters of Flemish gemeenten used by the survey reports."""

    nummer = models.PositiveSmallIntegerField(_("nummer"), unique=True)
    naam = models.CharField(_("naam"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("VRIND-cluster")
        verbose_name_plural = _("VRIND-clusters")
        ordering = ["nummer"]

    def __str__(self):
        return f"{self.nummer}. {self.naam}"


class GemeenteQuerySet(models.QuerySet):
    def geldig_op(self, datum: datetime.date) -> GemeenteQuerySet:
        return self.filter(geldig_op_filter(datum))

    def huidig(self) -> GemeenteQuerySet:
        return self.geldig_op(timezone.localdate())


class Gemeente(models.Model):
    """A municipality with its REFNIS code, valid for a period; a merger names its successor."""

    nis = models.CharField(_("NIS-code"), max_length=5, unique=True)
    naam = models.CharField(_("naam"), max_length=100)
    provincie = models.CharField(_("provincie"), max_length=40, choices=Provincie.choices)
    gewest = models.CharField(_("gewest"), max_length=40, choices=Gewest.choices)
    geldig_van = models.DateField(_("geldig vanaf"), null=True, blank=True)
    geldig_tot = models.DateField(_("geldig tot en met"), null=True, blank=True)
    opvolger = models.ForeignKey(
        "self",
        verbose_name=_("opgegaan in"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="voorgangers",
    )
    cluster = models.ForeignKey(
        VrindCluster,
        verbose_name=_("VRIND-cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="gemeenten",
    )
    cluster_bron = models.CharField(
        _("bron van de clusterindeling"),
        max_length=200,
        blank=True,
        help_text=_("Waar de clusterindeling vandaan komt, bv. een import of 'demogegevens'."),
    )

    objects = GemeenteQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_van__isnull=True)
                | Q(geldig_tot__gte=models.F("geldig_van")),
                name="gemeente_geldigheid_volgorde",
            ),
        ]

    def __str__(self):
        return self.naam

    def is_geldig_op(self, datum: datetime.date) -> bool:
        return (self.geldig_van is None or self.geldig_van <= datum) and (
            self.geldig_tot is None or self.geldig_tot >= datum
        )

    def huidige_gemeente(self) -> Gemeente:
        """The gemeente this one is today, following mergers."""
        gemeente, gezien = self, set()
        while gemeente.opvolger_id and gemeente.pk not in gezien:
            gezien.add(gemeente.pk)
            gemeente = gemeente.opvolger
        return gemeente


class Deelgemeente(models.Model):
    code = models.CharField(_("code"), max_length=10, unique=True)
    naam = models.CharField(_("naam"), max_length=100, db_index=True)
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="deelgemeenten"
    )

    class Meta:
        verbose_name = _("deelgemeente")
        verbose_name_plural = _("deelgemeenten")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Postcode(models.Model):
    postcode = models.CharField(_("postcode"), max_length=4, db_index=True)
    plaats = models.CharField(_("plaats"), max_length=100)
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="postcodes"
    )

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["postcode", "plaats"]
        constraints = [
            models.UniqueConstraint(fields=["postcode", "plaats"], name="postcode_plaats_uniek"),
        ]

    def __str__(self):
        return f"{self.postcode} {self.plaats}"


class Rechtsvorm(models.TextChoices):
    FEITELIJKE_VERENIGING = "feitelijke_vereniging", _("feitelijke vereniging")
    VZW = "vzw", _("vzw")


class HuisQuerySet(TenantQuerySet):
    huis_pad = ""

    def met_werkingsgebied_op(self, datum: datetime.date) -> HuisQuerySet:
        """Annotate `aantal_gemeenten` on `datum`; a Huis is intermunicipal when it is above 1."""
        return self.annotate(
            aantal_gemeenten=models.Count(
                "werkingsgebied", filter=geldig_op_filter(datum, "werkingsgebied__"), distinct=True
            )
        )


class Huis(models.Model):
    """A Huis van het Kind: the local partnership, and the tenant of the portal."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam in de URL"), max_length=200, unique=True)
    rechtsvorm = models.CharField(
        _("rechtsvorm"),
        max_length=30,
        choices=Rechtsvorm.choices,
        default=Rechtsvorm.FEITELIJKE_VERENIGING,
    )
    vertegenwoordiger = models.CharField(
        _("vertegenwoordigende organisatie"),
        max_length=200,
        blank=True,
        help_text=_("Bij een feitelijke vereniging meestal het lokaal bestuur."),
    )
    erkend_sinds = models.DateField(_("erkend sinds"), null=True, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    gemeenten = models.ManyToManyField(
        Gemeente, through="Werkingsgebied", related_name="huizen", verbose_name=_("gemeenten")
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = HuisQuerySet.as_manager()

    class Meta:
        verbose_name = _("Huis van het Kind")
        verbose_name_plural = _("Huizen van het Kind")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def get_absolute_url(self):
        return reverse("huizen:detail", kwargs={"slug": self.slug})

    def gemeenten_op(self, datum: datetime.date | None = None) -> models.QuerySet:
        datum = datum or timezone.localdate()
        return self.gemeenten.filter(geldig_op_filter(datum, "werkingsgebied__")).distinct()

    def is_intergemeentelijk(self, datum: datetime.date | None = None) -> bool:
        """Derived from the werkingsgebied: more than one gemeente on `datum` (default today)."""
        return self.gemeenten_op(datum).count() > 1


class WerkingsgebiedQuerySet(TenantQuerySet):
    def geldig_op(self, datum: datetime.date):
        return self.filter(geldig_op_filter(datum))


class Werkingsgebied(models.Model):
    """A gemeente a Huis covers, for a period, so a merger or a change keeps its history."""

    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="werkingsgebied")
    gemeente = models.ForeignKey(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.PROTECT,
        related_name="werkingsgebied",
    )
    geldig_van = models.DateField(_("vanaf"), null=True, blank=True)
    geldig_tot = models.DateField(_("tot en met"), null=True, blank=True)

    objects = WerkingsgebiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente in het werkingsgebied")
        verbose_name_plural = _("werkingsgebied")
        ordering = ["gemeente__naam", "geldig_van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_van__isnull=True)
                | Q(geldig_tot__gte=models.F("geldig_van")),
                name="werkingsgebied_geldigheid_volgorde",
            ),
            models.UniqueConstraint(fields=["huis", "gemeente", "geldig_van"], name="werkingsgebied_uniek"),
        ]

    def __str__(self):
        return f"{self.huis} – {self.gemeente}"

    def clean(self):
        if self.geldig_van and self.geldig_tot and self.geldig_tot < self.geldig_van:
            raise ValidationError({"geldig_tot": _("De einddatum ligt vóór de begindatum.")})


class Subsidie(models.Model):
    """The yearly subsidy Opgroeien grants a Huis."""

    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="subsidies")
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(2014), MaxValueValidator(2100)]
    )
    bedrag = models.DecimalField(
        _("bedrag (euro)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("subsidie")
        verbose_name_plural = _("subsidies")
        ordering = ["huis__naam", "-jaar"]
        constraints = [
            models.UniqueConstraint(fields=["huis", "jaar"], name="subsidie_een_per_jaar"),
            models.CheckConstraint(condition=Q(bedrag__gte=0), name="subsidie_niet_negatief"),
        ]

    def __str__(self):
        return f"{self.huis} {self.jaar}: € {self.bedrag}"


class Lidmaatschap(models.Model):
    """A user's role in a Huis: coordinator or loket staff."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="lidmaatschappen",
    )
    huis = models.ForeignKey(
        Huis, verbose_name=_("Huis"), on_delete=models.CASCADE, related_name="lidmaatschappen"
    )
    rol = models.CharField(_("rol"), max_length=20, choices=Rol.choices)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("lidmaatschap")
        verbose_name_plural = _("lidmaatschappen")
        ordering = ["huis__naam", "rol", "gebruiker__email"]
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "huis", "rol"], name="lidmaatschap_uniek"),
        ]

    def __str__(self):
        return f"{self.gebruiker} – {self.get_rol_display()} – {self.huis}"
