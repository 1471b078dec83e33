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

from kern.bewerken import Versiebeheer
from kern.cijfers import Provincie  # noqa: F401  (the provinces are a dimension of every figure)
from kern.tenancy import Rol, TenantQuerySet


class Gewest(models.TextChoices):
    VLAANDEREN = "Vlaams Gewest", _("Vlaams Gewest")
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


class Omtrek(models.Model):
    """The outline of a gemeente as SVG path data on the portal's map plane, computed from the
    shipped map when reference data is loaded (a merged gemeente: the union of its parts)."""

    gemeente = models.OneToOneField(
        Gemeente,
        verbose_name=_("gemeente"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="omtrek",
    )
    pad = models.TextField(_("SVG-padgegevens"))
    x_min = models.IntegerField()
    y_min = models.IntegerField()
    x_max = models.IntegerField()
    y_max = models.IntegerField()

    class Meta:
        verbose_name = _("omtrek op de kaart")
        verbose_name_plural = _("omtrekken op de kaart")

    def __str__(self):
        return str(self.gemeente_id)


class Bevolking(models.Model):
    """The inhabitants, and the children aged 0 to 3, of a gemeente on 1 January of a year: the
    denominators of coverage. Imported by Opgroeien; the inhabitants of 2020 of the shipped map
    are the default (`bron` tells which)."""

    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.CASCADE, related_name="bevolking"
    )
    jaar = models.PositiveSmallIntegerField(
        _("jaar"), validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    inwoners = models.PositiveIntegerField(_("inwoners"))
    kinderen_0_3 = models.PositiveIntegerField(_("kinderen van 0 tot 3 jaar"), null=True, blank=True)
    bron = models.CharField(_("bron"), max_length=200)

    class Meta:
        verbose_name = _("bevolkingscijfer")
        verbose_name_plural = _("bevolkingscijfers")
        ordering = ["gemeente__naam", "-jaar"]
        constraints = [
            models.UniqueConstraint(fields=["gemeente", "jaar"], name="bevolking_een_per_jaar"),
        ]

    def __str__(self):
        return f"{self.gemeente_id} {self.jaar}"


#: Slugs a Huis cannot have: /huizen/<slug>/ is a page of the portal (the map of the Huizen).
GERESERVEERDE_SLUGS = frozenset({"kaart"})


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
    korte_beschrijving = models.TextField(
        _("korte beschrijving"),
        max_length=600,
        blank=True,
        help_text=_("Wat het Huis doet, in enkele zinnen voor ouders. Hoogstens 600 tekens."),
    )
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    facebook = models.URLField(_("Facebook-pagina"), blank=True)
    instagram = models.URLField(_("Instagram-account"), blank=True)
    aantal_medewerkers = models.PositiveSmallIntegerField(
        _("aantal medewerkers"), null=True, blank=True, validators=[MaxValueValidator(1000)]
    )
    fysieke_locatie_gepland = models.BooleanField(
        _("plant een fysieke locatie"),
        default=False,
        help_text=_("Voor een Huis dat (nog) geen fysieke locatie heeft."),
    )
    beslissingsafspraken = models.TextField(_("afspraken over beslissingen"), blank=True)
    cofinanciering_lokaal_bestuur = models.BooleanField(
        _("cofinanciering door het lokaal bestuur"), null=True, blank=True
    )
    cofinanciering_bedrag = models.DecimalField(
        _("bedrag cofinanciering per jaar (euro)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    projectmiddelen = models.TextField(_("projectmiddelen"), blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
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

    def clean(self):
        if self.slug in GERESERVEERDE_SLUGS:
            raise ValidationError(
                {"slug": _("Deze korte naam is al in gebruik door een pagina van het portaal.")}
            )
        if self.cofinanciering_bedrag and self.cofinanciering_lokaal_bestuur is not True:
            raise ValidationError(
                {"cofinanciering_bedrag": _("Vul alleen een bedrag in als het lokaal bestuur cofinanciert.")}
            )

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


class Coordinator(Versiebeheer):
    """A coordinator of the Huis with contact data (not public)."""

    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="coordinatoren")
    naam = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    uren_per_week = models.DecimalField(
        _("uren per week"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )

    class Meta:
        verbose_name = _("coördinator")
        verbose_name_plural = _("coördinatoren")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class PartnerSoort(models.TextChoices):
    """The partner types of the 2022 survey's question on core partners (seed 002)."""

    LOKAAL_BESTUUR = "lokaal_bestuur", _("Lokaal bestuur")
    LOKAAL_LOKET = "lokaal_loket", _("Lokaal Loket Kinderopvang")
    PERINATAAL = "perinataal", _("Perinatale partners (vroedvrouwen, ECK …)")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang baby's en peuters")
    BUITENSCHOOLS = "buitenschoolse_opvang", _("Buitenschoolse opvang")
    CONSULTATIEBUREAU = "consultatiebureau", _("Consultatiebureau")
    SPEL_EN_ONTMOETING = "spel_en_ontmoeting", _("Spel en ontmoeting")
    OPVOEDINGSWINKEL = "opvoedingswinkel", _("Opvoedingswinkel")
    CKG = "ckg", _("CKG")
    CLB = "clb", _("CLB")
    ANDERE = "andere", _("Andere")


class KindEnGezinPartner(models.TextChoices):
    """The six Kind en Gezin partners whose cooperation the 2022 survey scored (seed 002)."""

    LOKAAL_TEAM = "lokaal_team", _("Lokaal team van Kind en Gezin")
    AANBODSVORMEN_PGO = "aanbodsvormen_pgo", _("Aanbodsvormen preventieve gezinsondersteuning")
    CONSULTATIEBUREAU = "consultatiebureau", _("Consultatiebureau")
    BUITENSCHOOLSE_OPVANG = "buitenschoolse_opvang", _("Buitenschoolse opvang en activiteiten")
    KINDEROPVANG = "kinderopvang", _("Kinderopvang voor baby's en peuters")
    LOKAAL_LOKET = "lokaal_loket", _("Lokaal Loket Kinderopvang")


class Partner(Versiebeheer):
    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="partners")
    naam = models.CharField(_("naam van de organisatie"), max_length=200)
    soort = models.CharField(_("soort partner"), max_length=30, choices=PartnerSoort.choices)
    kind_en_gezin_partner = models.CharField(
        _("Kind en Gezin-partner"),
        max_length=30,
        choices=KindEnGezinPartner.choices,
        blank=True,
        help_text=_("Alleen als de organisatie een van de zes Kind en Gezin-partners is."),
    )
    kernpartner = models.BooleanField(_("kernpartner"), default=False)
    samenwerking = models.PositiveSmallIntegerField(
        _("mate van samenwerking"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = geen samenwerking, 5 = nauwe samenwerking."),
    )
    samenwerking_beschrijving = models.TextField(_("beschrijving van de samenwerking"), blank=True)
    contactpersoon = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mailadres contactpersoon"), blank=True)
    contact_telefoon = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(
                condition=Q(samenwerking__isnull=True) | Q(samenwerking__gte=1, samenwerking__lte=5),
                name="partner_samenwerking_1_tot_5",
            ),
        ]

    def __str__(self):
        return self.naam


class Locatie(Versiebeheer):
    """A physical place of the Huis where families can go."""

    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="locaties")
    naam = models.CharField(_("naam"), max_length=200)
    straat = models.CharField(_("straat en huisnummer"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=4)
    gemeente = models.ForeignKey(Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT)
    toegankelijkheid = models.TextField(
        _("toegankelijkheid"),
        blank=True,
        help_text=_("Bv. rolstoeltoegankelijk, parkeerplaats, bereikbaar met het openbaar vervoer."),
    )
    draagt_naam_huis = models.BooleanField(_("draagt de naam Huis van het Kind"), default=True)
    partners = models.ManyToManyField(
        Partner, verbose_name=_("partners die hier werken"), blank=True, related_name="locaties"
    )

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def openingsuren_per_dag(self) -> list[tuple[str, list[str]]]:
        """Opening hours grouped by weekday, e.g. [("maandag", ["09:00–12:00", "13:00–16:00"])]."""
        dagen: dict[int, list[str]] = {}
        for uur in self.openingsuren.all():
            dagen.setdefault(uur.weekdag, []).append(f"{uur.van:%H:%M}–{uur.tot:%H:%M}")
        return [(Weekdag(dag).label, uren) for dag, uren in sorted(dagen.items())]


class Weekdag(models.IntegerChoices):
    MAANDAG = 0, _("maandag")
    DINSDAG = 1, _("dinsdag")
    WOENSDAG = 2, _("woensdag")
    DONDERDAG = 3, _("donderdag")
    VRIJDAG = 4, _("vrijdag")
    ZATERDAG = 5, _("zaterdag")
    ZONDAG = 6, _("zondag")


class OpeningsuurQuerySet(TenantQuerySet):
    huis_pad = "locatie__huis"


class Openingsuur(models.Model):
    locatie = models.ForeignKey(Locatie, on_delete=models.CASCADE, related_name="openingsuren")
    weekdag = models.PositiveSmallIntegerField(_("dag"), choices=Weekdag.choices)
    van = models.TimeField(_("van"))
    tot = models.TimeField(_("tot"))

    objects = OpeningsuurQuerySet.as_manager()

    class Meta:
        verbose_name = _("openingsuur")
        verbose_name_plural = _("openingsuren")
        ordering = ["weekdag", "van"]
        constraints = [
            models.CheckConstraint(condition=Q(tot__gt=models.F("van")), name="openingsuur_tot_na_van"),
        ]

    def __str__(self):
        return f"{self.get_weekdag_display()} {self.van:%H:%M}–{self.tot:%H:%M}"

    def clean(self):
        if self.van and self.tot and self.tot <= self.van:
            raise ValidationError({"tot": _("Het sluitingsuur moet na het openingsuur liggen.")})


class ContactpuntSoort(models.TextChoices):
    TELEFOON = "telefoon", _("Telefoon")
    EMAIL = "email", _("E-mail")
    WEBSITE = "website", _("Website")
    CHAT = "chat", _("Chat")
    WHATSAPP = "whatsapp", _("WhatsApp")
    SOCIALE_MEDIA = "sociale_media", _("Sociale media")


class Contactpunt(Versiebeheer):
    """A non-physical way to reach the Huis, with when it is answered."""

    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="contactpunten")
    soort = models.CharField(_("soort"), max_length=20, choices=ContactpuntSoort.choices)
    waarde = models.CharField(
        _("nummer, adres of link"), max_length=300, help_text=_("Bv. 09 123 45 67 of https://…")
    )
    beschikbaarheid = models.CharField(
        _("bereikbaar"), max_length=300, blank=True, help_text=_("Bv. werkdagen van 9 tot 12 uur.")
    )

    class Meta:
        verbose_name = _("contactpunt")
        verbose_name_plural = _("contactpunten")
        ordering = ["soort", "waarde"]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.waarde}"

    def clean(self):
        from django.core.validators import EmailValidator, URLValidator

        controles = {
            ContactpuntSoort.EMAIL: (EmailValidator(), _("Vul een geldig e-mailadres in.")),
            ContactpuntSoort.WEBSITE: (
                URLValidator(),
                _("Vul een volledige link in, beginnend met https://."),
            ),
            ContactpuntSoort.SOCIALE_MEDIA: (
                URLValidator(),
                _("Vul een volledige link in, beginnend met https://."),
            ),
        }
        if self.soort in controles and self.waarde:
            validator, melding = controles[self.soort]
            try:
                validator(self.waarde)
            except ValidationError:
                raise ValidationError({"waarde": melding}) from None


class OverlegorgaanSoort(models.TextChoices):
    STUURGROEP = "stuurgroep", _("Stuurgroep")
    KERNGROEP = "kerngroep", _("Kerngroep")
    ANDER = "ander", _("Ander overlegorgaan")


class Overlegorgaan(Versiebeheer):
    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="overlegorganen")
    soort = models.CharField(_("soort"), max_length=20, choices=OverlegorgaanSoort.choices)
    naam = models.CharField(_("naam"), max_length=200, blank=True)
    samenstelling = models.TextField(_("samenstelling"), blank=True)
    vergaderfrequentie = models.CharField(
        _("hoe vaak komt het samen"), max_length=100, blank=True, help_text=_("Bv. vier keer per jaar.")
    )

    class Meta:
        verbose_name = _("overlegorgaan")
        verbose_name_plural = _("overlegorganen")
        ordering = ["soort", "naam"]

    def __str__(self):
        return self.naam or self.get_soort_display()


class Wijziging(models.Model):
    """One change to a Huis's profile: who, when, which part, and each field's old and new value."""

    class Actie(models.TextChoices):
        TOEGEVOEGD = "toegevoegd", _("toegevoegd")
        GEWIJZIGD = "gewijzigd", _("gewijzigd")
        VERWIJDERD = "verwijderd", _("verwijderd")

    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="wijzigingen")
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("door"), null=True, on_delete=models.SET_NULL
    )
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now, db_index=True)
    onderdeel = models.CharField(_("onderdeel"), max_length=100)
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    actie = models.CharField(_("actie"), max_length=20, choices=Actie.choices)
    velden = models.JSONField(_("gewijzigde velden"), default=list)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("wijziging")
        verbose_name_plural = _("wijzigingen")
        ordering = ["-tijdstip", "-pk"]

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.onderdeel}: {self.omschrijving}"
