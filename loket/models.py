"""The Lokaal Loket Kinderopvang: childcare locations and their free places, the families'
requests with ranked preferences and priority data, offers, events and the staff audit log.

A loket (`Loket`) is an organisation of its own with an area of one or more gemeenten
(`Loketgebied`), hosted in the workspace of one Huis (`Loket.huis`). Every loket row keyed on a
`huis` (requests, locations, rounds, settings) means "the loket hosted by this Huis". A request
(Opvangvraag) belongs to the loket whose area holds the family's home gemeente on the day it is
registered. Its personal data is seen only by the loket staff of the host Huis (not by
coordinators, not by Opgroeien staff) and, once an offer is made, by the provider of the place.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import DateField, OuterRef, Q, Subquery
from django.db.models.functions import Length, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huizen.models import Gemeente, Huis, Weekdag, geldig_op_filter
from kern.tabellen import datumtekst
from kern.tenancy import Rol, TenantQuerySet, huis_ids_van

WERKDAGEN = [Weekdag.MAANDAG, Weekdag.DINSDAG, Weekdag.WOENSDAG, Weekdag.DONDERDAG, Weekdag.VRIJDAG]


# --- the loket itself and its area --------------------------------------------------------------


class LoketQuerySet(TenantQuerySet):
    def met_gemeente_op(self, gemeente: Gemeente, datum: datetime.date) -> LoketQuerySet:
        """The lokets whose area covers `gemeente` on `datum` (at most one)."""
        return self.filter(
            pk__in=Loketgebied.objects.geldig_op(datum).filter(gemeente=gemeente).values("loket_id")
        )


class Loket(models.Model):
    """A Lokaal Loket Kinderopvang: the desk where families of its area register childcare requests.

    The loket is hosted in the workspace of one Huis (`huis`): its staff are that Huis's members
    with the role loket (`Lidmaatschap(rol=loket)`), and every loket row keyed on a `huis`
    (requests, locations, rounds, settings) means "the loket hosted by this Huis". Its area
    (`gebied`, Loketgebied rows with validity dates) may hold the gemeenten of several Huizen: an
    intermunicipal loket. `huizen` are the Huizen it works with, the host included. A Huis without
    a Loket hosts no loket.
    """

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    slug = models.SlugField(_("korte naam in de URL"), max_length=200, unique=True)
    organisator = models.CharField(
        _("organiserend bestuur"),
        max_length=200,
        help_text=_("Wie het loket organiseert, bv. het lokaal bestuur of OCMW Gent."),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    adres = models.CharField(_("adres"), max_length=300, blank=True)
    huis = models.OneToOneField(
        Huis,
        verbose_name=_("Huis van het Kind waar het loket werkt"),
        on_delete=models.CASCADE,
        related_name="loket",
    )
    huizen = models.ManyToManyField(
        Huis,
        verbose_name=_("Huizen van het Kind waarmee het loket samenwerkt"),
        related_name="samenwerkende_lokets",
        blank=True,
    )
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = LoketQuerySet.as_manager()

    class Meta:
        verbose_name = _("Lokaal Loket Kinderopvang")
        verbose_name_plural = _("Lokale Loketten Kinderopvang")
        ordering = ["naam"]

    def __str__(self):
        return self.naam

    def gemeenten_op(self, datum: datetime.date | None = None) -> models.QuerySet:
        """The gemeenten of the loket's area on `datum` (default today)."""
        datum = datum or timezone.localdate()
        return Gemeente.objects.filter(
            pk__in=Loketgebied.objects.filter(loket=self).geldig_op(datum).values("gemeente_id")
        )

    def is_intergemeentelijk(self, datum: datetime.date | None = None) -> bool:
        return self.gemeenten_op(datum).count() > 1


class LoketgebiedQuerySet(TenantQuerySet):
    huis_pad = "loket__huis"

    def geldig_op(self, datum: datetime.date) -> LoketgebiedQuerySet:
        return self.filter(geldig_op_filter(datum))


class Loketgebied(models.Model):
    """A gemeente in a loket's area, for a period, so a change keeps its history. A gemeente
    belongs to at most one loket on any day (checked by `loket.services.lokets`)."""

    loket = models.ForeignKey(Loket, verbose_name=_("loket"), on_delete=models.CASCADE, related_name="gebied")
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT, related_name="loketgebied"
    )
    geldig_van = models.DateField(_("vanaf"), null=True, blank=True)
    geldig_tot = models.DateField(_("tot en met"), null=True, blank=True)

    objects = LoketgebiedQuerySet.as_manager()

    class Meta:
        verbose_name = _("gemeente in het gebied van het loket")
        verbose_name_plural = _("gebied van het loket")
        ordering = ["gemeente__naam", "geldig_van"]
        constraints = [
            models.CheckConstraint(
                condition=Q(geldig_tot__isnull=True)
                | Q(geldig_van__isnull=True)
                | Q(geldig_tot__gte=models.F("geldig_van")),
                name="loketgebied_geldigheid_volgorde",
            ),
            models.UniqueConstraint(fields=["loket", "gemeente", "geldig_van"], name="loketgebied_uniek"),
        ]

    def __str__(self):
        return f"{self.loket} – {self.gemeente}"

    def clean(self):
        if self.geldig_van and self.geldig_tot and self.geldig_tot < self.geldig_van:
            raise ValidationError({"geldig_tot": _("De einddatum ligt vóór de begindatum.")})


def valideer_dagen(waarde) -> None:
    if not isinstance(waarde, list) or not waarde:
        raise ValidationError(_("Kies minstens één dag."))
    if any(not isinstance(dag, int) or dag not in Weekdag.values for dag in waarde) or len(
        set(waarde)
    ) != len(waarde):
        raise ValidationError(_("Kies dagen van de week, elke dag hoogstens één keer."))


def dagen_tekst(dagen: Iterable[int]) -> str:
    """Days in words, a run of three or more as a range: "maandag tot vrijdag", "maandag, dinsdag"."""
    reeksen: list[list[int]] = []
    for dag in sorted(set(dagen)):
        if reeksen and dag == reeksen[-1][-1] + 1:
            reeksen[-1].append(dag)
        else:
            reeksen.append([dag])
    delen = []
    for reeks in reeksen:
        if len(reeks) >= 3:
            delen.append(
                _("%(van)s tot %(tot)s") % {"van": Weekdag(reeks[0]).label, "tot": Weekdag(reeks[-1]).label}
            )
        else:
            delen.extend(str(Weekdag(dag).label) for dag in reeks)
    return ", ".join(delen)


class SoortOpvang(models.TextChoices):
    GROEPSOPVANG = "groepsopvang", _("groepsopvang voor baby's en peuters")
    GEZINSOPVANG = "gezinsopvang", _("gezinsopvang voor baby's en peuters")
    BUITENSCHOOLS = "buitenschools", _("buitenschoolse opvang")


class Tarief(models.TextChoices):
    INKOMENSTARIEF = "inkomenstarief", _("inkomenstarief (prijs volgens inkomen)")
    VRIJE_PRIJS = "vrije_prijs", _("vrije prijs")


class Leeftijdsgroep(models.TextChoices):
    BABY = "baby", _("baby (jonger dan 18 maanden)")
    PEUTER = "peuter", _("peuter (18 maanden tot 3 jaar)")
    SCHOOLKIND = "schoolkind", _("kleuter of schoolkind (vanaf 3 jaar)")

    @classmethod
    def bij_start(cls, geboortedatum: datetime.date, start: datetime.date) -> Leeftijdsgroep:
        """The age group of a child born on `geboortedatum` on the day care starts."""
        maanden = (start.year - geboortedatum.year) * 12 + start.month - geboortedatum.month
        if start.day < geboortedatum.day:
            maanden -= 1
        if maanden < 18:
            return cls.BABY
        if maanden < 36:
            return cls.PEUTER
        return cls.SCHOOLKIND


#: The stored age group of a request whose children are in more than one group at the wished start.
MEERDERE_LEEFTIJDSGROEPEN = "meerdere"
LEEFTIJDSGROEPEN_VAN_VRAAG = [
    *Leeftijdsgroep.choices,
    (MEERDERE_LEEFTIJDSGROEPEN, _("kinderen in verschillende leeftijdsgroepen")),
]


def leeftijdsgroep_van_vraag(geboortedata: Iterable[datetime.date], start: datetime.date) -> str:
    """The age group of a request's children on the wished start (`Leeftijdsgroep.bij_start`):
    their one group, `MEERDERE_LEEFTIJDSGROEPEN` when they are in different groups, "" without
    children."""
    groepen = {Leeftijdsgroep.bij_start(geboortedatum, start) for geboortedatum in geboortedata}
    if len(groepen) > 1:
        return MEERDERE_LEEFTIJDSGROEPEN
    return groepen.pop() if groepen else ""


class Dagdeel(models.TextChoices):
    VOLLE_DAG = "volle_dag", _("volle dagen")
    HALVE_DAG = "halve_dag", _("halve dagen")


class Organisator(models.Model):
    """A childcare organiser: runs one or more childcare locations."""

    naam = models.CharField(_("naam"), max_length=200, unique=True)
    ondernemingsnummer = models.CharField(_("ondernemingsnummer"), max_length=12, blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("organisator")
        verbose_name_plural = _("organisatoren")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class OpvanglocatieQuerySet(TenantQuerySet):
    def van_aanbieder(self, user) -> OpvanglocatieQuerySet:
        """The locations a provider user keeps: through a membership of the location or its organiser."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(
            Q(aanbieders__gebruiker=user) | Q(organisator__aanbieders__gebruiker=user)
        ).distinct()

    def open_op(self, datum: datetime.date | None = None) -> OpvanglocatieQuerySet:
        """Locations that can be chosen and offered on `datum` (today): active and not closed."""
        datum = datum or timezone.localdate()
        return self.filter(actief=True).filter(Q(sluit_op__isnull=True) | Q(sluit_op__gt=datum))

    def beheerbaar_door(self, user) -> OpvanglocatieQuerySet:
        """Locations whose places the user may keep: their provider, or the loket of its Huis."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(
            Q(pk__in=self.van_aanbieder(user).values("pk")) | Q(huis__in=huis_ids_van(user, [Rol.LOKET]))
        )


class Opvanglocatie(models.Model):
    """A childcare location (opvanglocatie) in the area of a Huis's loket."""

    huis = models.ForeignKey(
        Huis,
        verbose_name=_("loket (Huis van het Kind)"),
        on_delete=models.PROTECT,
        related_name="opvanglocaties",
        help_text=_("Het Huis van het Kind wiens Lokaal Loket Kinderopvang deze locatie opvolgt."),
    )
    naam = models.CharField(_("naam"), max_length=200)
    organisator = models.ForeignKey(
        Organisator, verbose_name=_("organisator"), on_delete=models.PROTECT, related_name="locaties"
    )
    straat = models.CharField(_("straat en huisnummer"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=4)
    gemeente = models.ForeignKey(Gemeente, verbose_name=_("gemeente"), on_delete=models.PROTECT)
    soort = models.CharField(_("soort opvang"), max_length=20, choices=SoortOpvang.choices)
    tarief = models.CharField(_("prijs"), max_length=20, choices=Tarief.choices)
    capaciteit_baby = models.PositiveSmallIntegerField(_("plaatsen voor baby's"), default=0)
    capaciteit_peuter = models.PositiveSmallIntegerField(_("plaatsen voor peuters"), default=0)
    capaciteit_schoolkind = models.PositiveSmallIntegerField(
        _("plaatsen voor kleuters en schoolkinderen"), default=0
    )
    opendagen = models.JSONField(_("opendagen"), default=list, validators=[valideer_dagen])
    open_van = models.TimeField(_("open van"))
    open_tot = models.TimeField(_("open tot"))
    inclusieve_opvang = models.BooleanField(
        _("inclusieve opvang"),
        default=False,
        help_text=_("Heeft ervaring en ondersteuning voor kinderen met een specifieke zorgbehoefte."),
    )
    toegankelijkheid = models.TextField(_("toegankelijkheid"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    actief = models.BooleanField(_("actief"), default=True)
    sluit_op = models.DateField(
        _("sluit op"),
        null=True,
        blank=True,
        help_text=_(
            "Vanaf deze dag is de locatie gesloten: ze kan niet meer gekozen of aangeboden worden, en "
            "wie er geplaatst is, komt met voorrang terug op de wachtlijst."
        ),
    )

    objects = OpvanglocatieQuerySet.as_manager()

    class Meta:
        verbose_name = _("opvanglocatie")
        verbose_name_plural = _("opvanglocaties")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(condition=Q(open_tot__gt=models.F("open_van")), name="opvanglocatie_uren"),
        ]

    def __str__(self):
        return f"{self.naam} ({self.gemeente})"

    def clean(self):
        if self.open_van and self.open_tot and self.open_tot <= self.open_van:
            raise ValidationError({"open_tot": _("Het sluitingsuur moet na het openingsuur liggen.")})

    def capaciteit(self, leeftijdsgroep: str) -> int:
        return getattr(self, f"capaciteit_{leeftijdsgroep}")

    def gesloten_op(self, datum: datetime.date) -> bool:
        """Whether the location is closed on `datum` (its closing date is that day or earlier)."""
        return self.sluit_op is not None and self.sluit_op <= datum

    @property
    def gesloten(self) -> bool:
        """Closed today (its closing date has come)."""
        return self.gesloten_op(timezone.localdate())

    @property
    def is_open(self) -> bool:
        """Active and not closed today: it can be chosen and offered."""
        return self.actief and not self.gesloten

    @property
    def opendagen_tekst(self) -> str:
        return dagen_tekst(self.opendagen)


class Aanbiederslidmaatschap(models.Model):
    """A provider user keeps the places of one location, or of all locations of an organiser."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="aanbiederslidmaatschappen",
    )
    organisator = models.ForeignKey(
        Organisator,
        verbose_name=_("organisator"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="aanbieders",
    )
    locatie = models.ForeignKey(
        Opvanglocatie,
        verbose_name=_("opvanglocatie"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="aanbieders",
    )

    class Meta:
        verbose_name = _("aanbieder")
        verbose_name_plural = _("aanbieders")
        constraints = [
            models.CheckConstraint(
                condition=Q(organisator__isnull=True, locatie__isnull=False)
                | Q(organisator__isnull=False, locatie__isnull=True),
                name="aanbieder_organisator_of_locatie",
            ),
        ]

    def __str__(self):
        return f"{self.gebruiker} – {self.organisator or self.locatie}"

    def clean(self):
        if bool(self.organisator_id) == bool(self.locatie_id):
            raise ValidationError(_("Kies een organisator of een opvanglocatie, niet beide."))


def is_aanbieder(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and Aanbiederslidmaatschap.objects.filter(gebruiker=user).exists()
    )


class VrijePlaatsQuerySet(TenantQuerySet):
    huis_pad = "locatie__huis"

    def aangeboden(self) -> VrijePlaatsQuerySet:
        """Places the location still offers (not withdrawn by the provider or the loket)."""
        return self.filter(actief=True)

    def aan_te_bieden(self, datum: datetime.date | None = None) -> VrijePlaatsQuerySet:
        """Offered places at a location that is open on `datum` (today): these can be offered."""
        return self.aangeboden().filter(locatie__in=Opvanglocatie.objects.open_op(datum).values("pk"))


class VrijePlaats(models.Model):
    """Free places a location offers: from a date, on some days, for an age group.

    `aantal` is how many children can start; open offers and confirmed placements take them, so
    `vrij = aantal - bezet` (see `loket.selectors.bezetting`).
    """

    locatie = models.ForeignKey(
        Opvanglocatie,
        verbose_name=_("opvanglocatie"),
        on_delete=models.CASCADE,
        related_name="vrije_plaatsen",
    )
    vanaf = models.DateField(_("vanaf"))
    dagen = models.JSONField(_("dagen"), validators=[valideer_dagen])
    dagdeel = models.CharField(_("volle of halve dagen"), max_length=10, choices=Dagdeel.choices)
    leeftijdsgroep = models.CharField(_("leeftijdsgroep"), max_length=12, choices=Leeftijdsgroep.choices)
    aantal = models.PositiveSmallIntegerField(
        _("aantal plaatsen"), validators=[MinValueValidator(1), MaxValueValidator(200)]
    )
    actief = models.BooleanField(
        _("nog aangeboden"),
        default=True,
        help_text=_("Een ingetrokken plaats blijft bewaard bij de aanbiedingen die ervoor gedaan werden."),
    )
    bijgewerkt = models.DateTimeField(_("bijgewerkt"), auto_now=True)
    bijgewerkt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = VrijePlaatsQuerySet.as_manager()

    class Meta:
        verbose_name = _("vrije plaats")
        verbose_name_plural = _("vrije plaatsen")
        ordering = ["vanaf", "leeftijdsgroep"]
        constraints = [models.CheckConstraint(condition=Q(aantal__gte=1), name="vrije_plaats_minstens_een")]

    def __str__(self):
        return (
            f"{self.locatie.naam}: {self.aantal} × {self.get_leeftijdsgroep_display()} "
            f"vanaf {datumtekst(self.vanaf)} ({dagen_tekst(self.dagen)}, {self.get_dagdeel_display()})"
        )

    @property
    def dagen_tekst(self) -> str:
        return dagen_tekst(self.dagen)


class Status(models.TextChoices):
    """The request lifecycle (DESIGN.md "The loket request lifecycle"); transitions in workflow.py."""

    INGEDIEND = "ingediend", _("wacht op bevestiging van het e-mailadres")
    ACTIEF = "actief", _("actief, op de wachtlijst")
    AANBOD = "aanbod", _("er is een plaats aangeboden")
    GEPLAATST = "geplaatst", _("geplaatst")
    INGETROKKEN = "ingetrokken", _("ingetrokken")
    VERLOPEN = "verlopen", _("verlopen")


AFGESLOTEN = (Status.GEPLAATST, Status.INGETROKKEN, Status.VERLOPEN)


class Flexibiliteit(models.TextChoices):
    GEEN = "geen", _("op de gewenste datum")
    EEN_MAAND = "1_maand", _("tot een maand later")
    DRIE_MAANDEN = "3_maanden", _("tot drie maanden later")
    ZES_MAANDEN = "6_maanden", _("tot zes maanden later")


# The five vulnerability features, in their order: a family is vulnerable with at least two of
# them, one of which among the first three.
KWETSBAARHEIDSKENMERKEN = [
    ("kw_inkomen_uit_werk", _("geen van de ouders heeft een inkomen uit werk")),
    ("kw_opleiding", _("geen van de ouders heeft een diploma secundair onderwijs")),
    ("kw_huisvesting", _("het gezin woont in een onzekere of ontoereikende woning")),
    ("kw_thuistaal", _("thuis wordt (bijna) geen Nederlands gesproken")),
    ("kw_gezondheid", _("een gezinslid heeft een ernstig gezondheidsprobleem")),
]


class VerwijzerSoort(models.TextChoices):
    OCMW = "ocmw", _("OCMW of sociaal huis")
    CAW = "caw", _("CAW")
    CONSULTATIEBUREAU = "consultatiebureau", _("consultatiebureau (Kind en Gezin)")
    GROEIPAKKET = "groeipakket", _("Groeipakket")
    SCHOOL = "school", _("school")
    ANDERE = "andere", _("andere organisatie")


class Verwijzer(models.Model):
    """A referral partner: an organisation (OCMW, CAW, consultatiebureau, ...) whose members
    register requests for families, with their consent, and follow them. Invited by a loket (its
    Huis) or by Opgroeien (no Huis: it may register at every loket)."""

    naam = models.CharField(_("naam van de organisatie"), max_length=200)
    soort = models.CharField(_("soort organisatie"), max_length=20, choices=VerwijzerSoort.choices)
    email = models.EmailField(_("e-mailadres van de organisatie"))
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    huis = models.ForeignKey(
        Huis,
        verbose_name=_("uitgenodigd door het loket van"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="verwijzers",
        help_text=_("Leeg: uitgenodigd door Opgroeien, voor meerdere lokets."),
    )
    aangemaakt = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("verwijzer")
        verbose_name_plural = _("verwijzers")
        ordering = ["naam", "pk"]

    def __str__(self):
        return self.naam


class Verwijzerslidmaatschap(models.Model):
    """A user works for a referral partner and sees the requests it registered."""

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="verwijzerslidmaatschappen",
    )
    verwijzer = models.ForeignKey(
        Verwijzer, verbose_name=_("verwijzer"), on_delete=models.CASCADE, related_name="leden"
    )

    class Meta:
        verbose_name = _("lid van een verwijzer")
        verbose_name_plural = _("leden van verwijzers")
        constraints = [
            models.UniqueConstraint(fields=["gebruiker", "verwijzer"], name="verwijzerslid_eenmaal"),
        ]

    def __str__(self):
        return f"{self.gebruiker} – {self.verwijzer}"


def is_verwijzer(user) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and Verwijzerslidmaatschap.objects.filter(gebruiker=user).exists()
    )


# --- marking the months whose figures a write changes ------------------------------------------------

#: The fields of a request the figures count by (`loket.cijfers`); a write of one of them marks
#: the request's month for counting again (`Maandtelling`).
TELVELDEN_VRAAG = frozenset(
    {
        "huis",
        "gemeente",
        "ingediend",
        "bevestigd",
        "status",
        "leeftijdsgroep",
        "soort_opvang",
        "gewenste_start",
        "eerste_antwoord",
        "eerste_keuze",
        "geplaatst_op",
        "geplaatst_bij",
        "opvang_voor_werk",
        "alleenstaande_ouder",
        "laag_inkomen",
        "pleegkind",
        "broer_zus_locatie",
        "dringend",
        *(veld for veld, _label in KWETSBAARHEIDSKENMERKEN),
    }
)
#: The same for a choice (the figures count the active choices of waiting requests).
TELVELDEN_VOORKEUR = frozenset({"opvangvraag", "locatie", "actief"})
# Fields that move a row to another month or loket: its old and its new month are marked.
_VERPLAATSEND = frozenset({"huis", "ingediend", "opvangvraag"})


def maand_van(moment: datetime.datetime) -> datetime.date:
    """The month a request submitted at `moment` is counted in: its first day, local time."""
    return timezone.localtime(moment).date().replace(day=1)


def _velden(namen: Iterable[str]) -> set[str]:
    return {naam.removesuffix("_id") for naam in namen}


def telt_mee(velden: Iterable[str] | None, telvelden: frozenset[str]) -> bool:
    """Whether writing `velden` (None: every field) changes what the figures count."""
    return velden is None or not telvelden.isdisjoint(_velden(velden))


def markeer_maanden(maanden: Iterable[tuple[int, datetime.date]]) -> None:
    """Mark these months of these lokets ((Huis pk, first day), as `maand_van`) for counting again,
    in the current transaction. Once it commits, the worker counts them (`loket.tasks.tel_maanden`,
    once per transaction); a reader of the figures counts what is still marked before it reads."""
    nieuw = [Telwijziging(huis_id=huis_id, maand=maand) for huis_id, maand in set(maanden)]
    if not nieuw:
        return
    Telwijziging.objects.bulk_create(nieuw)
    # once per transaction (and savepoint: a savepoint rolled back drops what it registered)
    verbinding = transaction.get_connection()
    hier = set(verbinding.savepoint_ids)
    if not any(f is _plan_telling and ids == hier for ids, f, _robuust in verbinding.run_on_commit):
        # robust: a count that cannot be handed over never fails the write that committed
        transaction.on_commit(_plan_telling, robust=True)


def _plan_telling() -> None:
    from kern.wachtrij import zet_in_wachtrij
    from loket.tasks import tel_maanden  # the tasks run the services, which use these models

    zet_in_wachtrij(tel_maanden.si())


class MaandMarkerendeQuerySet(TenantQuerySet):
    """Writes through a QuerySet (update, delete, bulk_create; bulk_update updates) mark the months
    whose figures they change (`markeer_maanden`). `telvelden`: the fields the figures count by;
    `vraagpad`: the path to the request (empty for the request itself)."""

    telvelden: frozenset[str] = frozenset()
    vraagpad = ""

    def maanden(self) -> set[tuple[int, datetime.date]]:
        """The (Huis pk, month) of the requests of these rows, as `maand_van`."""
        return set(
            self.order_by()
            .annotate(_maand=TruncMonth(f"{self.vraagpad}ingediend", output_field=DateField()))
            .values_list(f"{self.vraagpad}huis_id", "_maand")
            .distinct()
        )

    def update(self, **velden):
        if not telt_mee(velden, self.telvelden):
            return super().update(**velden)
        maanden = self.maanden()
        verplaatst = list(self.values_list("pk", flat=True)) if _VERPLAATSEND & _velden(velden) else []
        aantal = super().update(**velden)
        if verplaatst:
            maanden |= self.model.objects.filter(pk__in=verplaatst).maanden()
        markeer_maanden(maanden)
        return aantal

    update.alters_data = True

    def delete(self):
        maanden = self.maanden()
        resultaat = super().delete()
        markeer_maanden(maanden)
        return resultaat

    delete.alters_data = True
    delete.queryset_only = True

    def bulk_create(self, objs, *args, **kwargs):
        objs = super().bulk_create(objs, *args, **kwargs)
        markeer_maanden(self.maanden_van(objs))
        return objs

    def maanden_van(self, objs: Iterable[models.Model]) -> set[tuple[int, datetime.date]]:
        """The (Huis pk, month) of the requests of these rows."""
        raise NotImplementedError


class MaandMarkerend:
    """A model whose saves and deletes mark the month of its request (`markeer_maanden`), as its
    QuerySet (a `MaandMarkerendeQuerySet`) does for its writes; `vraag_van()`: that request."""

    def vraag_van(self) -> Opvangvraag:
        raise NotImplementedError

    def _maand(self) -> tuple[int, datetime.date]:
        vraag = self.vraag_van()
        return vraag.huis_id, maand_van(vraag.ingediend)

    def save(self, *args, **kwargs):
        velden = kwargs.get("update_fields")
        rijen = type(self)._default_manager.get_queryset()
        if not telt_mee(velden, rijen.telvelden):
            return super().save(*args, **kwargs)
        maanden = set()
        if not self._state.adding and telt_mee(velden, _VERPLAATSEND):  # where it was counted so far
            maanden = rijen.filter(pk=self.pk).maanden()
        super().save(*args, **kwargs)
        markeer_maanden({*maanden, self._maand()})

    save.alters_data = True

    def delete(self, *args, **kwargs):
        maand = self._maand()
        resultaat = super().delete(*args, **kwargs)
        markeer_maanden([maand])
        return resultaat

    delete.alters_data = True


class OpvangvraagQuerySet(MaandMarkerendeQuerySet):
    telvelden = TELVELDEN_VRAAG

    def maanden_van(self, objs: Iterable[Opvangvraag]) -> set[tuple[int, datetime.date]]:
        return {(vraag.huis_id, maand_van(vraag.ingediend)) for vraag in objs}

    def van_verwijzer(self, user) -> OpvangvraagQuerySet:
        """The requests registered by an organisation the user is a member of (a referral partner)."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(verwijzer__leden__gebruiker=user)

    def zichtbaar_voor(self, user, rollen: Iterable[str] | None = None) -> OpvangvraagQuerySet:
        """Only the loket staff of the request's Huis: no coordinators, no Opgroeien-wide view."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(huis__in=huis_ids_van(user, [Rol.LOKET]))

    def open(self) -> OpvangvraagQuerySet:
        return self.filter(status__in=[Status.ACTIEF, Status.AANBOD])

    def werk_leeftijdsgroep_bij(self) -> int:
        """Store the age group (`leeftijdsgroep_van_vraag`) of these requests again from their
        children, for writes that bypass the services (bulk copies); returns how many changed."""
        geboortedata: dict[int, list[datetime.date]] = {}
        for vraag_id, geboortedatum in Kind.objects.filter(opvangvraag__in=self.values("pk")).values_list(
            "opvangvraag_id", "geboortedatum"
        ):
            geboortedata.setdefault(vraag_id, []).append(geboortedatum)
        gewijzigd = [
            Opvangvraag(pk=pk, leeftijdsgroep=groep)
            for pk, start, opgeslagen in self.values_list("pk", "gewenste_start", "leeftijdsgroep")
            if (groep := leeftijdsgroep_van_vraag(geboortedata.get(pk, ()), start)) != opgeslagen
        ]
        Opvangvraag.objects.bulk_update(gewijzigd, ["leeftijdsgroep"], batch_size=1000)
        return len(gewijzigd)

    def werk_eerste_keuze_bij(self) -> int:
        """Store the location of the lowest ranked active choice of these requests again, for
        writes that bypass the services; returns how many requests were updated."""
        eerste = Voorkeur.objects.filter(opvangvraag=OuterRef("pk"), actief=True).order_by("rang")
        return self.update(eerste_keuze=Subquery(eerste.values("locatie")[:1]))

    def werk_plaatsing_bij(self) -> int:
        """Store when and where the first confirmed placement of these requests was confirmed
        (`Opvangvraag.geplaatst_op`, `geplaatst_bij`: of its confirmed offers the one with the
        earliest confirmation, the lowest id first), for writes that bypass the services; returns
        how many requests were updated."""
        eerste = Aanbod.objects.filter(
            opvangvraag=OuterRef("pk"), status=AanbodStatus.BEVESTIGD, bevestigd__isnull=False
        ).order_by("bevestigd", "pk")
        return self.update(
            geplaatst_op=Subquery(eerste.values("bevestigd")[:1]),
            geplaatst_bij=Subquery(eerste.values("plaats__locatie")[:1]),
        )


class VraagDeelQuerySet(TenantQuerySet):
    """Rows of a request (children, parents, preferences, events): seen as the request is."""

    huis_pad = "opvangvraag__huis"

    def zichtbaar_voor(self, user, rollen: Iterable[str] | None = None) -> VraagDeelQuerySet:
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(opvangvraag__huis__in=huis_ids_van(user, [Rol.LOKET]))


class VoorkeurQuerySet(MaandMarkerendeQuerySet, VraagDeelQuerySet):
    telvelden = TELVELDEN_VOORKEUR
    vraagpad = "opvangvraag__"

    def maanden_van(self, objs: Iterable[Voorkeur]) -> set[tuple[int, datetime.date]]:
        return Opvangvraag.objects.filter(pk__in={voorkeur.opvangvraag_id for voorkeur in objs}).maanden()


def nieuw_token() -> str:
    return secrets.token_urlsafe(32)


def nummercode(huis) -> str:
    """The capitals a loket's request numbers start with: its Huis's slug ("gent" -> "GENT"),
    unique as the slug is."""
    return huis.slug.upper()


def volgend_nummer(huis, ingediend: datetime.datetime) -> str:
    """The next readable number of a request of this loket registered at `ingediend`:
    <CODE>-<year>-<sequence per loket and year, four digits or more>, e.g. GENT-2026-0301.
    Whoever creates requests concurrently holds a lock on the Huis (`registreer_opvangvraag`)."""
    voorvoegsel = f"{nummercode(huis)}-{timezone.localtime(ingediend).year}-"
    laatste = (
        Opvangvraag.objects.filter(huis=huis, nummer__startswith=voorvoegsel)
        .order_by(Length("nummer").desc(), "-nummer")
        .values_list("nummer", flat=True)
        .first()
    )
    volgnummer = int(laatste.removeprefix(voorvoegsel)) + 1 if laatste else 1
    return f"{voorvoegsel}{volgnummer:04d}"


class Opvangvraag(MaandMarkerend, models.Model):
    """A family's childcare request to the loket of a Huis: one or more children registered together."""

    huis = models.ForeignKey(
        Huis,
        verbose_name=_("loket (Huis van het Kind)"),
        on_delete=models.PROTECT,
        related_name="opvangvragen",
    )
    token = models.CharField(max_length=64, unique=True, default=nieuw_token, editable=False)
    nummer = models.CharField(
        _("aanvraagnummer"),
        max_length=230,
        unique=True,
        null=True,
        editable=False,
        help_text=_("Leesbaar nummer voor gezin en loket, bv. GENT-2026-0301."),
    )
    indieningssleutel = models.UUIDField(unique=True, null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INGEDIEND)

    email = models.EmailField(
        _("e-mailadres voor de opvolging"),
        blank=True,
        help_text=_("Verplicht voor een aanvraag van het gezin; het loket kan zonder registreren."),
    )
    # The language the family registered in (the language switch): its e-mails go out in it.
    taal = models.CharField(
        _("taal van het gezin"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    postcode = models.CharField(_("postcode van de woonplaats"), max_length=4)
    gemeente = models.ForeignKey(
        Gemeente, verbose_name=_("woongemeente"), on_delete=models.PROTECT, related_name="+"
    )

    gewenste_start = models.DateField(_("gewenste startdatum"))
    # Derived from the children's birth dates and the wished start, kept by the services that write
    # either (`werk_leeftijdsgroep_bij`): the figures group by it without reading the children.
    leeftijdsgroep = models.CharField(
        _("leeftijdsgroep bij de gewenste start"),
        max_length=12,
        choices=LEEFTIJDSGROEPEN_VAN_VRAAG,
        blank=True,
        editable=False,
    )
    # Likewise the location of its lowest ranked active choice (`werk_eerste_keuze_bij`).
    eerste_keuze = models.ForeignKey(
        Opvanglocatie,
        verbose_name=_("eerste actieve keuze"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Likewise when and where its first confirmed placement was confirmed (`werk_plaatsing_bij`),
    # kept by the services that confirm or end a placement: the figures count the placements and
    # the waiting times to them without looking for the first confirmed offer per request.
    geplaatst_op = models.DateTimeField(
        _("eerste plaatsing bevestigd op"), null=True, blank=True, editable=False
    )
    geplaatst_bij = models.ForeignKey(
        Opvanglocatie,
        verbose_name=_("eerste plaatsing bij"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    flexibiliteit = models.CharField(
        _("flexibiliteit van de startdatum"),
        max_length=12,
        choices=Flexibiliteit.choices,
        default=Flexibiliteit.GEEN,
    )
    dagen = models.JSONField(_("dagen"), validators=[valideer_dagen])
    dagdeel = models.CharField(_("volle of halve dagen"), max_length=10, choices=Dagdeel.choices)
    uren_per_week = models.PositiveSmallIntegerField(
        _("uren per week"), validators=[MinValueValidator(1), MaxValueValidator(60)]
    )
    soort_opvang = models.CharField(_("soort opvang"), max_length=20, choices=SoortOpvang.choices)

    opvang_voor_werk = models.BooleanField(
        _("opvang nodig om te werken, werk te zoeken of een opleiding te volgen"), default=False
    )
    alleenstaande_ouder = models.BooleanField(_("alleenstaande ouder"), default=False)
    laag_inkomen = models.BooleanField(_("laag gezinsinkomen"), default=False)
    pleegkind = models.BooleanField(_("pleegkind"), default=False)
    broer_zus_locatie = models.ForeignKey(
        Opvanglocatie,
        verbose_name=_("broer of zus al in opvang op"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    kw_inkomen_uit_werk = models.BooleanField(KWETSBAARHEIDSKENMERKEN[0][1], default=False)
    kw_opleiding = models.BooleanField(KWETSBAARHEIDSKENMERKEN[1][1], default=False)
    kw_huisvesting = models.BooleanField(KWETSBAARHEIDSKENMERKEN[2][1], default=False)
    kw_thuistaal = models.BooleanField(KWETSBAARHEIDSKENMERKEN[3][1], default=False)
    kw_gezondheid = models.BooleanField(KWETSBAARHEIDSKENMERKEN[4][1], default=False)

    # Marked by the loket (a job that starts next week, a crisis): first in the queue and the
    # overdue list, with a shorter reasonable term (LOKET_DRINGEND_TERMIJN_DAGEN).
    dringend = models.BooleanField(_("dringend"), default=False)
    dringend_reden = models.CharField(_("waarom dringend"), max_length=300, blank=True)
    dringend_sinds = models.DateTimeField(_("dringend sinds"), null=True, blank=True)

    via_loket = models.BooleanField(
        _("geregistreerd door het loket"), default=False, help_text=_("Aan de balie of telefonisch.")
    )
    # Registered by a referral partner for the family, with its consent (`services.verwijzers`).
    verwijzer = models.ForeignKey(
        Verwijzer,
        verbose_name=_("geregistreerd door verwijzer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="opvangvragen",
    )
    verwijzer_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geregistreerd door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    toestemming_op = models.DateTimeField(
        _("toestemming van het gezin op"),
        null=True,
        blank=True,
        help_text=_("Het gezin gaf toestemming om de aanvraag te registreren en te delen met de verwijzer."),
    )
    berichten_via_verwijzer = models.BooleanField(
        _("berichten via de verwijzer"),
        default=False,
        help_text=_("Het gezin koos dat zijn berichten naar de verwijzer gaan."),
    )
    # A placed family that asks for other locations (moved house, new work) gets a new request
    # linked to its placed one (`services.start_overplaatsing`): the placement stays until the
    # provider confirms a place for the new request, which then ends it.
    overplaatsing_van = models.ForeignKey(
        "self",
        verbose_name=_("overplaatsing van"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="overplaatsingen",
    )
    overplaatsing_reden = models.CharField(_("reden van de overplaatsing"), max_length=300, blank=True)
    ingediend = models.DateTimeField(_("ingediend op"), default=timezone.now)
    bevestigd = models.DateTimeField(_("e-mailadres bevestigd op"), null=True, blank=True)
    herbevestigd = models.DateTimeField(_("laatst herbevestigd op"), null=True, blank=True)
    herbevestiging_gevraagd = models.DateTimeField(_("herbevestiging gevraagd op"), null=True, blank=True)
    vervalwaarschuwing = models.DateTimeField(
        _("waarschuwing voor verval verstuurd op"), null=True, blank=True
    )
    eerste_antwoord = models.DateTimeField(_("eerste antwoord op"), null=True, blank=True)
    afgesloten = models.DateTimeField(_("afgesloten op"), null=True, blank=True)
    geanonimiseerd = models.DateTimeField(_("geanonimiseerd op"), null=True, blank=True)

    objects = OpvangvraagQuerySet.as_manager()

    class Meta:
        verbose_name = _("opvangvraag")
        verbose_name_plural = _("opvangvragen")
        ordering = ["ingediend"]
        indexes = [
            models.Index(fields=["huis", "status", "gewenste_start"]),
            models.Index(fields=["status", "herbevestigd"]),
            # The figures: the requests submitted in a period, of a loket, of a gemeente or all.
            models.Index(fields=["huis", "ingediend"], name="opvangvraag_huis_ingediend"),
            models.Index(fields=["gemeente", "ingediend"], name="opvangvraag_gemeente_ingediend"),
            models.Index(fields=["ingediend"], name="opvangvraag_ingediend"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="opvangvraag_status_geldig"),
        ]

    def __str__(self):
        return f"Opvangvraag {self.pk}"

    def save(self, *args, **kwargs):
        if not self.nummer and self.huis_id:
            self.nummer = volgend_nummer(self.huis, self.ingediend)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "nummer"}
        super().save(*args, **kwargs)

    def vraag_van(self) -> Opvangvraag:
        return self

    @property
    def aantal_kwetsbaarheidskenmerken(self) -> int:
        return sum(bool(getattr(self, veld)) for veld, _label in KWETSBAARHEIDSKENMERKEN)

    @property
    def is_kwetsbaar(self) -> bool:
        """At least two of the five features, one of them among the first three."""
        eerste_drie = any(getattr(self, veld) for veld, _label in KWETSBAARHEIDSKENMERKEN[:3])
        return eerste_drie and self.aantal_kwetsbaarheidskenmerken >= 2

    @property
    def is_open(self) -> bool:
        return self.status in (Status.ACTIEF, Status.AANBOD)

    @property
    def is_afgesloten(self) -> bool:
        return self.status in AFGESLOTEN

    @property
    def dagen_tekst(self) -> str:
        return dagen_tekst(self.dagen)

    def leeftijdsgroepen(self) -> list[str]:
        return sorted(
            {
                Leeftijdsgroep.bij_start(kind.geboortedatum, self.gewenste_start)
                for kind in self.kinderen.all()
            }
        )


class Kind(models.Model):
    opvangvraag = models.ForeignKey(Opvangvraag, on_delete=models.CASCADE, related_name="kinderen")
    voornaam = models.CharField(_("voornaam"), max_length=100)
    geboortedatum = models.DateField(
        _("geboortedatum"), help_text=_("Of de verwachte geboortedatum als het kind nog niet geboren is.")
    )
    verwacht = models.BooleanField(_("nog niet geboren"), default=False)
    zorgnoden = models.TextField(
        _("specifieke zorgbehoefte"),
        blank=True,
        max_length=1000,
        help_text=_("Niet verplicht. Alleen wat de opvang moet weten om uw kind goed op te vangen."),
    )

    objects = VraagDeelQuerySet.as_manager()

    class Meta:
        verbose_name = _("kind")
        verbose_name_plural = _("kinderen")
        ordering = ["geboortedatum", "pk"]
        # Finding a possible duplicate request of the same child (`services.zoek_dubbels`).
        indexes = [models.Index(fields=["geboortedatum"], name="kind_geboortedatum")]

    def __str__(self):
        return self.voornaam

    def leeftijdsgroep_bij_start(self) -> str:
        return Leeftijdsgroep.bij_start(self.geboortedatum, self.opvangvraag.gewenste_start)


class Ouder(models.Model):
    opvangvraag = models.ForeignKey(Opvangvraag, on_delete=models.CASCADE, related_name="ouders")
    naam = models.CharField(_("naam"), max_length=150)
    email = models.EmailField(_("e-mailadres"), blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=30, blank=True)

    objects = VraagDeelQuerySet.as_manager()

    class Meta:
        verbose_name = _("ouder")
        verbose_name_plural = _("ouders")
        ordering = ["pk"]
        indexes = [models.Index(fields=["telefoon"], name="ouder_telefoon")]

    def __str__(self):
        return self.naam


#: `Voorkeur.beeindigd_reden` of a choice that ended because its location closed.
VOORKEUR_GESLOTEN = "opvanglocatie gesloten"


class Voorkeur(MaandMarkerend, models.Model):
    """A location the family would like, ranked (1 = first choice)."""

    opvangvraag = models.ForeignKey(Opvangvraag, on_delete=models.CASCADE, related_name="voorkeuren")
    locatie = models.ForeignKey(Opvanglocatie, verbose_name=_("opvanglocatie"), on_delete=models.PROTECT)
    rang = models.PositiveSmallIntegerField(
        _("rang"), validators=[MinValueValidator(1), MaxValueValidator(10)]
    )
    actief = models.BooleanField(_("actief"), default=True)
    beeindigd_reden = models.CharField(_("reden van beëindiging"), max_length=200, blank=True)

    objects = VoorkeurQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorkeur")
        verbose_name_plural = _("voorkeuren")
        ordering = ["opvangvraag", "rang"]
        constraints = [
            models.UniqueConstraint(fields=["opvangvraag", "locatie"], name="voorkeur_locatie_eenmaal"),
            models.UniqueConstraint(fields=["opvangvraag", "rang"], name="voorkeur_rang_eenmaal"),
        ]

    def __str__(self):
        return f"{self.rang}. {self.locatie}"

    def vraag_van(self) -> Opvangvraag:
        return self.opvangvraag


# --- the monthly counts behind the figures ------------------------------------------------------------


class Telwijziging(models.Model):
    """A month of a loket whose counts (`Maandtelling`) must be counted again: written in the
    transaction that changes one of its requests (`markeer_maanden`), removed once counted."""

    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="+")
    maand = models.DateField()

    def __str__(self):
        return f"{self.huis_id} {self.maand:%Y-%m}"


class Maandtelling(models.Model):
    """The requests a loket got in one month (`maand`: its first day, local time, of their
    submission), counted per home gemeente and what the figures group by
    (`loket.cijfers.maandtellingen`). The figures of a period read its whole months from these
    counts and only its first and last days from the requests themselves."""

    maand = models.DateField()
    huis = models.ForeignKey(Huis, on_delete=models.CASCADE, related_name="+")
    gemeente = models.ForeignKey(Gemeente, on_delete=models.CASCADE, related_name="+")

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["maand", "huis"], name="%(class)s_maand_huis")]

    def __str__(self):
        return f"{self.huis_id} {self.gemeente_id} {self.maand:%Y-%m}"


class StatusMaandtelling(Maandtelling):
    """Per status and location of the first confirmed placement: the confirmed requests (`n`),
    those never confirmed (`niet`), and the first confirmed request (`eerste`, its pk)."""

    status = models.CharField(max_length=12)
    geplaatst_bij = models.ForeignKey(Opvanglocatie, null=True, on_delete=models.CASCADE, related_name="+")
    n = models.PositiveIntegerField()
    niet = models.PositiveIntegerField()
    eerste = models.BigIntegerField(null=True)


class KenmerkMaandtelling(Maandtelling):
    """The confirmed requests per age group, type of care, vulnerability, status, answered or not
    and (still waiting or expired) month of the wished start; and of those, per priority group."""

    leeftijdsgroep = models.CharField(max_length=12)
    soort_opvang = models.CharField(max_length=20)
    kwetsbaar = models.BooleanField()
    status = models.CharField(max_length=12)
    antwoord = models.BooleanField()
    startmaand = models.DateField(null=True)
    n = models.PositiveIntegerField()
    v_werk = models.PositiveIntegerField()
    v_alleenstaand = models.PositiveIntegerField()
    v_inkomen = models.PositiveIntegerField()
    v_pleegkind = models.PositiveIntegerField()
    v_broer_zus = models.PositiveIntegerField()
    v_dringend = models.PositiveIntegerField()
    v_geen = models.PositiveIntegerField()


class KeuzeMaandtelling(Maandtelling):
    """Per location: the active choices of waiting confirmed requests (`n`), and how many of them
    are their request's first active choice (`als_eerste`)."""

    locatie = models.ForeignKey(Opvanglocatie, on_delete=models.CASCADE, related_name="+")
    n = models.PositiveIntegerField()
    als_eerste = models.PositiveIntegerField()


class DagenMaandtelling(Maandtelling):
    """The confirmed requests per vulnerability and number of calendar days from their confirmation
    to their first answer (`moment` "antwoord") or, placed ones, to their placement ("plaatsing")."""

    moment = models.CharField(max_length=10)
    kwetsbaar = models.BooleanField()
    wachtdagen = models.IntegerField()
    n = models.PositiveIntegerField()


class AanbodStatus(models.TextChoices):
    OPEN = "open", _("wacht op antwoord van het gezin")
    AANVAARD = "aanvaard", _("aanvaard, wacht op bevestiging van de opvang")
    BEVESTIGD = "bevestigd", _("plaatsing bevestigd")
    GEWEIGERD = "geweigerd", _("geweigerd door het gezin")
    VERLOPEN = "verlopen", _("niet beantwoord voor de termijn")
    VERVALLEN = "vervallen", _("vervallen")
    AFGEWEZEN = "afgewezen", _("afgewezen door de opvang")
    BEEINDIGD = "beeindigd", _("plaatsing beëindigd: de opvanglocatie sluit")


# Offers that hold places: nobody else can be offered them.
AANBOD_HOUDT_PLAATS = (AanbodStatus.OPEN, AanbodStatus.AANVAARD, AanbodStatus.BEVESTIGD)


class AanbodQuerySet(TenantQuerySet):
    huis_pad = "opvangvraag__huis"

    def zichtbaar_voor(self, user, rollen: Iterable[str] | None = None) -> AanbodQuerySet:
        """The loket staff of the Huis, and the provider of the location the place is at."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(
            Q(opvangvraag__huis__in=huis_ids_van(user, [Rol.LOKET]))
            | Q(plaats__locatie__in=Opvanglocatie.objects.van_aanbieder(user).values("pk"))
        )


class Aanbod(models.Model):
    """An offer of a free place to a request, with a deadline for the family's answer."""

    opvangvraag = models.ForeignKey(Opvangvraag, on_delete=models.CASCADE, related_name="aanbiedingen")
    plaats = models.ForeignKey(
        VrijePlaats, verbose_name=_("vrije plaats"), on_delete=models.PROTECT, related_name="aanbiedingen"
    )
    plaatsen = models.PositiveSmallIntegerField(_("aantal plaatsen"), default=1)
    status = models.CharField(
        _("status"), max_length=10, choices=AanbodStatus.choices, default=AanbodStatus.OPEN
    )
    deadline = models.DateField(_("antwoord uiterlijk op"))
    gemaakt = models.DateTimeField(_("aangeboden op"), default=timezone.now)
    gemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    beantwoord = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    bevestigd = models.DateTimeField(_("plaatsing bevestigd op"), null=True, blank=True)
    bevestigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The provider's reason to decline the family: for the loket only, never shown or sent to the
    # family (not in its page, its mails or its data export); erasure removes it.
    afwijzingsreden = models.TextField(_("reden van de opvang"), blank=True)
    afgewezen = models.DateTimeField(_("afgewezen op"), null=True, blank=True)
    afgewezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Ended because its location closed (`sluit_op`): a placement ended or an offer withdrawn.
    door_sluiting = models.BooleanField(_("beëindigd door sluiting van de locatie"), default=False)
    # A confirmed placement ends when the provider confirms another place for the family's transfer
    # request (`Opvangvraag.overplaatsing_van`); the offer stays confirmed for the figures.
    beeindigd = models.DateTimeField(_("plaatsing beëindigd op"), null=True, blank=True)

    objects = AanbodQuerySet.as_manager()

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbiedingen")
        ordering = ["-gemaakt"]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self):
        return f"Aanbod {self.pk}: {self.plaats.locatie.naam}"

    @property
    def locatie(self) -> Opvanglocatie:
        return self.plaats.locatie


class Gebeurtenis(models.Model):
    """Everything that happened to a request: who, when, why. Internal ones are for staff only."""

    class Soort(models.TextChoices):
        STATUS = "status", _("statuswijziging")
        WIJZIGING = "wijziging", _("gegevens gewijzigd")
        CORRECTIE = "correctie", _("voorrang of kwetsbaarheid gecorrigeerd")
        NOTITIE = "notitie", _("interne notitie")
        AANBOD = "aanbod", _("aanbod")
        HERINNERING = "herinnering", _("herinnering")

    opvangvraag = models.ForeignKey(Opvangvraag, on_delete=models.CASCADE, related_name="gebeurtenissen")
    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    van_status = models.CharField(_("van"), max_length=12, choices=Status.choices, blank=True)
    naar_status = models.CharField(_("naar"), max_length=12, choices=Status.choices, blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    door_gezin = models.BooleanField(_("door het gezin"), default=False)
    reden = models.TextField(_("reden"), blank=True)
    # The reason is text a person typed (a family's reason to withdraw, the loket's reason to
    # withdraw an offer), not the portal's own wording: erasure removes it.
    vrije_tekst = models.BooleanField(_("reden in eigen woorden"), default=False)
    intern = models.BooleanField(_("alleen voor het loket"), default=False)
    tijd = models.DateTimeField(_("tijdstip"), default=timezone.now)

    objects = VraagDeelQuerySet.as_manager()

    class Meta:
        verbose_name = _("gebeurtenis")
        verbose_name_plural = _("gebeurtenissen")
        ordering = ["tijd", "pk"]

    def __str__(self):
        return f"{self.get_soort_display()} {self.tijd:%d-%m-%Y %H:%M}"

    @property
    def wie(self) -> str:
        if self.door_gezin:
            return str(_("het gezin"))
        if self.door_id:
            return str(self.door)
        return str(_("het portaal"))


class Inzage(models.Model):
    """Audit log: a staff member saw or exported a request's personal data. Never changed."""

    class Actie(models.TextChoices):
        BEKEKEN = "bekeken", _("bekeken")
        GEEXPORTEERD = "geexporteerd", _("geëxporteerd")

    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    opvangvraag = models.ForeignKey(Opvangvraag, on_delete=models.PROTECT, null=True, related_name="inzages")
    actie = models.CharField(_("actie"), max_length=12, choices=Actie.choices)
    omschrijving = models.CharField(_("omschrijving"), max_length=255, blank=True)
    tijd = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("inzage")
        verbose_name_plural = _("inzagelog")
        ordering = ["-tijd"]

    def __str__(self):
        return f"{self.gebruiker} {self.get_actie_display()} {self.tijd:%d-%m-%Y %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Het inzagelog kan niet gewijzigd worden."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Het inzagelog kan niet gewist worden."))


# --- possible duplicate requests ------------------------------------------------------------


class DubbelAfhandeling(models.TextChoices):
    OPEN = "open", _("nog te bekijken")
    GEEN_DUBBEL = "geen_dubbel", _("geen dubbele aanvraag")
    SAMENGEVOEGD = "samengevoegd", _("samengevoegd met akkoord van het gezin")


class MogelijkDubbelQuerySet(TenantQuerySet):
    huis_pad = "nieuw__huis"

    def zichtbaar_voor(self, user, rollen: Iterable[str] | None = None) -> MogelijkDubbelQuerySet:
        """The loket staff of either request's Huis: both lokets concerned see the flag."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        huizen = huis_ids_van(user, [Rol.LOKET])
        return self.filter(Q(nieuw__huis__in=huizen) | Q(bestaand__huis__in=huizen))

    def voor_huis(self, huis) -> MogelijkDubbelQuerySet:
        return self.filter(Q(nieuw__huis=huis) | Q(bestaand__huis=huis))


class MogelijkDubbel(models.Model):
    """A new request that may be for a child that already has a running request at a loket
    (`services.zoek_dubbels`). It is only a flag: the family is never refused; the lokets
    concerned look at both side by side and dismiss it or merge them with the family's agreement."""

    nieuw = models.ForeignKey(
        Opvangvraag, verbose_name=_("nieuwe aanvraag"), on_delete=models.CASCADE, related_name="+"
    )
    bestaand = models.ForeignKey(
        Opvangvraag, verbose_name=_("eerdere aanvraag"), on_delete=models.CASCADE, related_name="+"
    )
    gevonden = models.DateTimeField(_("gevonden op"), default=timezone.now)
    reden = models.CharField(_("waarom mogelijk dubbel"), max_length=300)
    afhandeling = models.CharField(
        _("afhandeling"), max_length=12, choices=DubbelAfhandeling.choices, default=DubbelAfhandeling.OPEN
    )
    afgehandeld = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    afgehandeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("afgehandeld door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    behouden = models.ForeignKey(
        Opvangvraag,
        verbose_name=_("behouden aanvraag"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    notitie = models.TextField(_("notitie"), blank=True)

    objects = MogelijkDubbelQuerySet.as_manager()

    class Meta:
        verbose_name = _("mogelijk dubbele aanvraag")
        verbose_name_plural = _("mogelijk dubbele aanvragen")
        ordering = ["-gevonden", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["nieuw", "bestaand"], name="dubbel_paar_eenmaal"),
            models.CheckConstraint(condition=~Q(nieuw=models.F("bestaand")), name="dubbel_twee_aanvragen"),
        ]

    def __str__(self):
        return f"Mogelijk dubbel: {self.nieuw_id} en {self.bestaand_id}"

    @property
    def is_open(self) -> bool:
        return self.afhandeling == DubbelAfhandeling.OPEN


# --- allocation rounds ------------------------------------------------------------------------


class Rondevolgorde(models.TextChoices):
    """How families in the same priority group are ordered in an allocation round."""

    INSCHRIJVING = "inschrijving", _("inschrijvingsdatum (wie zich eerst inschreef, eerst)")
    LOTING = "loting", _("loting (één lotnummer per aanvraag, getrokken met een vastgelegde seed)")


class Loketinstelling(models.Model):
    """The settings of a Huis's loket for its allocation rounds."""

    huis = models.OneToOneField(
        Huis,
        verbose_name=_("loket (Huis van het Kind)"),
        on_delete=models.CASCADE,
        related_name="loketinstelling",
    )
    volgorde = models.CharField(
        _("volgorde binnen een voorranggroep"),
        max_length=12,
        choices=Rondevolgorde.choices,
        default=Rondevolgorde.INSCHRIJVING,
        help_text=_("Hoe gezinnen met dezelfde voorrang gerangschikt worden in een toewijzingsronde."),
    )
    gewijzigd = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("instelling van het loket")
        verbose_name_plural = _("instellingen van het loket")

    def __str__(self):
        return f"Instellingen van het loket van {self.huis}"


class RondeStatus(models.TextChoices):
    VOORSTEL = "voorstel", _("voorstel, nog na te kijken")
    UITGEVOERD = "uitgevoerd", _("uitgevoerd: aanbiedingen verstuurd")
    VERWORPEN = "verworpen", _("verworpen")


class RondeQuerySet(TenantQuerySet):
    """Rounds hold the priority data of the families: only the loket staff of the Huis see them."""

    def zichtbaar_voor(self, user, rollen: Iterable[str] | None = None) -> RondeQuerySet:
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(**{self._huis_lookup("in"): huis_ids_van(user, [Rol.LOKET])})


class Toewijzingsronde(models.Model):
    """An allocation round of a loket for one start month: its input, seed and proposal are stored
    (see `loket.toewijzing.opslag`) so the round can be replayed to the same result."""

    huis = models.ForeignKey(
        Huis,
        verbose_name=_("loket (Huis van het Kind)"),
        on_delete=models.PROTECT,
        related_name="toewijzingsrondes",
    )
    startmaand = models.DateField(_("startmaand"), help_text=_("De eerste dag van de maand van de start."))
    status = models.CharField(
        _("status"), max_length=12, choices=RondeStatus.choices, default=RondeStatus.VOORSTEL
    )
    volgorde = models.CharField(
        _("volgorde binnen een voorranggroep"), max_length=12, choices=Rondevolgorde.choices
    )
    seed = models.CharField(_("seed van de loting"), max_length=64, blank=True)
    regelsets = models.CharField(_("regelsets"), max_length=200, blank=True)
    invoer = models.JSONField(_("invoer"))
    resultaat = models.JSONField(_("resultaat"))
    stabiel = models.BooleanField(_("stabiel"), default=True)
    aantal_aanvragen = models.PositiveIntegerField(_("aanvragen"), default=0)
    aantal_met_plaats = models.PositiveIntegerField(_("aanvragen met een plaats"), default=0)
    aantal_plaatsgroepen = models.PositiveIntegerField(_("groepen vrije plaatsen"), default=0)
    aantal_aanbiedingen = models.PositiveIntegerField(_("verstuurde aanbiedingen"), default=0)
    aantal_overgeslagen = models.PositiveIntegerField(_("overgeslagen voorstellen"), default=0)
    aangemaakt = models.DateTimeField(_("aangemaakt op"), default=timezone.now)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    uitgevoerd = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verworpen = models.DateTimeField(_("verworpen op"), null=True, blank=True)
    verworpen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = RondeQuerySet.as_manager()

    class Meta:
        verbose_name = _("toewijzingsronde")
        verbose_name_plural = _("toewijzingsrondes")
        ordering = ["-aangemaakt", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["huis", "startmaand"],
                condition=Q(status="voorstel"),
                name="ronde_een_voorstel_per_maand",
            ),
            models.CheckConstraint(condition=Q(startmaand__day=1), name="ronde_startmaand_eerste_dag"),
        ]

    def __str__(self):
        return f"Toewijzingsronde {self.pk} ({self.startmaand:%m-%Y})"


class RondevoorstelQuerySet(TenantQuerySet):
    huis_pad = "ronde__huis"

    def zichtbaar_voor(self, user, rollen: Iterable[str] | None = None) -> RondevoorstelQuerySet:
        """Only the loket staff of the request's Huis, as the request itself."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        return self.filter(opvangvraag__huis__in=huis_ids_van(user, [Rol.LOKET]))


class Rondevoorstel(models.Model):
    """The proposal of a round for one request: a place or none, and why."""

    ronde = models.ForeignKey(Toewijzingsronde, on_delete=models.CASCADE, related_name="voorstellen")
    opvangvraag = models.ForeignKey(Opvangvraag, on_delete=models.CASCADE, related_name="rondevoorstellen")
    plaats = models.ForeignKey(
        VrijePlaats,
        verbose_name=_("voorgestelde plaats"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rang = models.PositiveSmallIntegerField(_("keuze van het gezin"), null=True, blank=True)
    plaatsen = models.PositiveSmallIntegerField(_("kinderen samen"), default=1)
    niet_samen = models.BooleanField(_("kinderen niet samen te plaatsen"), default=False)
    opmerking = models.CharField(_("opmerking"), max_length=300, blank=True)
    uitleg_gezin = models.TextField(_("uitleg voor het gezin"))
    uitleg_medewerker = models.TextField(_("uitleg voor het loket"))
    aanbod = models.ForeignKey(
        Aanbod, verbose_name=_("aanbod"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    overgeslagen = models.CharField(_("niet aangeboden omdat"), max_length=300, blank=True)

    objects = RondevoorstelQuerySet.as_manager()

    class Meta:
        verbose_name = _("voorstel van een ronde")
        verbose_name_plural = _("voorstellen van een ronde")
        ordering = ["ronde", "opvangvraag"]
        constraints = [
            models.UniqueConstraint(fields=["ronde", "opvangvraag"], name="rondevoorstel_eenmaal"),
        ]

    def __str__(self):
        return f"Voorstel voor aanvraag {self.opvangvraag_id} in ronde {self.ronde_id}"

    @property
    def uitleg_regels(self) -> list[str]:
        return self.uitleg_medewerker.splitlines()
