"""Pillars, life domains with their sub-themes, working principles and target groups (reference
data, seeded by a migration and edited in the admin), and what each Huis records about them: its
engagement per life domain, its offer (aanbod) and its dated Roadmap self-assessments."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.bewerken import Versiebeheer
from kern.tenancy import TenantQuerySet


class Referentie(models.Model):
    """A fixed list item with a stable code (used in code, exports and across survey waves)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    naam = models.CharField(_("naam"), max_length=150)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        abstract = True
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


class Pijler(Referentie):
    """One of the three pillars of the decree on preventive family support."""

    class Meta(Referentie.Meta):
        verbose_name = _("pijler")
        verbose_name_plural = _("pijlers")


class Levensdomein(Referentie):
    """One of the ten life domains of the Roadmap Huizen van het Kind (2019)."""

    beschrijving = models.TextField(_("beschrijving"), blank=True)

    class Meta(Referentie.Meta):
        verbose_name = _("levensdomein")
        verbose_name_plural = _("levensdomeinen")


class Subthema(models.Model):
    levensdomein = models.ForeignKey(Levensdomein, on_delete=models.CASCADE, related_name="subthemas")
    naam = models.CharField(_("naam"), max_length=200)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("subthema")
        verbose_name_plural = _("subthema's")
        ordering = ["levensdomein__volgorde", "volgorde", "naam"]
        constraints = [models.UniqueConstraint(fields=["levensdomein", "naam"], name="subthema_uniek")]

    def __str__(self):
        return self.naam


class Werkingsprincipe(Referentie):
    """One of the six working principles of the Roadmap."""

    class Meta(Referentie.Meta):
        verbose_name = _("werkingsprincipe")
        verbose_name_plural = _("werkingsprincipes")


class Doelgroep(Referentie):
    """A target group of the offer: expecting parents, an age band, vulnerable families …"""

    class Meta(Referentie.Meta):
        verbose_name = _("doelgroep")
        verbose_name_plural = _("doelgroepen")


class Domeinstatus(models.TextChoices):
    ACTIEF = "actief", _("We werken er actief rond")
    GEPLAND = "gepland", _("Gepland")
    NIET_ACTIEF = "niet_actief", _("Niet actief")


MAX_TOP3 = 3


class DomeinEngagement(Versiebeheer):
    """Where a Huis stands on one life domain: status, top 3 with its reason, partners involved."""

    huis = models.ForeignKey("huizen.Huis", on_delete=models.CASCADE, related_name="domeinengagementen")
    levensdomein = models.ForeignKey(Levensdomein, on_delete=models.PROTECT, related_name="engagementen")
    status = models.CharField(_("status"), max_length=20, choices=Domeinstatus.choices)
    top3 = models.BooleanField(_("behoort tot de top 3 van het Huis"), default=False)
    reden_top3 = models.TextField(_("waarom in de top 3"), blank=True)
    reden_niet_actief = models.TextField(_("waarom (nog) niet actief"), blank=True)
    partners = models.ManyToManyField(
        "huizen.Partner", verbose_name=_("betrokken partners"), blank=True, related_name="domeinengagementen"
    )

    class Meta:
        verbose_name = _("engagement per levensdomein")
        verbose_name_plural = _("engagementen per levensdomein")
        ordering = ["levensdomein__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["huis", "levensdomein"], name="engagement_een_per_domein"),
            models.CheckConstraint(
                condition=~Q(top3=True, status="niet_actief"), name="engagement_top3_niet_als_niet_actief"
            ),
        ]

    def __str__(self):
        return f"{self.levensdomein}: {self.get_status_display()}"

    def clean(self):
        if self.top3 and self.status == Domeinstatus.NIET_ACTIEF:
            raise ValidationError(
                {"top3": _("Een levensdomein waar het Huis niet rond werkt, kan niet in de top 3.")}
            )
        if self.top3 and not self.reden_top3.strip():
            raise ValidationError(
                {"reden_top3": _("Schrijf kort waarom dit levensdomein in de top 3 staat.")}
            )


class Planning(models.TextChoices):
    EENMALIG = "eenmalig", _("Eenmalig")
    TERUGKEREND = "terugkerend", _("Terugkerend")
    DOORLOPEND = "doorlopend", _("Doorlopend (op afspraak of tijdens de openingsuren)")


class Aanbod(Versiebeheer):
    """An activity or service of the Huis, shown publicly on its page."""

    huis = models.ForeignKey("huizen.Huis", on_delete=models.CASCADE, related_name="aanbod")
    titel = models.CharField(_("titel"), max_length=200)
    beschrijving = models.TextField(_("beschrijving"), max_length=2000)
    levensdomeinen = models.ManyToManyField(
        Levensdomein, verbose_name=_("levensdomeinen"), related_name="aanbod"
    )
    pijlers = models.ManyToManyField(Pijler, verbose_name=_("pijlers"), blank=True, related_name="aanbod")
    doelgroepen = models.ManyToManyField(Doelgroep, verbose_name=_("doelgroepen"), related_name="aanbod")
    organiserende_partner = models.ForeignKey(
        "huizen.Partner",
        verbose_name=_("georganiseerd door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="aanbod",
    )
    locatie = models.ForeignKey(
        "huizen.Locatie",
        verbose_name=_("locatie"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="aanbod",
    )
    planning = models.CharField(_("wanneer"), max_length=20, choices=Planning.choices)
    datum = models.DateField(_("datum"), null=True, blank=True, help_text=_("Voor een eenmalige activiteit."))
    ritme = models.CharField(
        _("ritme"), max_length=200, blank=True, help_text=_("Bv. elke woensdag van 14 tot 16 uur.")
    )
    gratis = models.BooleanField(_("gratis"), default=True)
    prijs = models.CharField(_("prijs"), max_length=200, blank=True, help_text=_("Bv. € 5 per sessie."))
    inschrijvingslink = models.URLField(_("link om in te schrijven"), blank=True)

    class Meta:
        verbose_name = _("aanbod")
        verbose_name_plural = _("aanbod")
        ordering = ["titel"]

    def __str__(self):
        return self.titel

    def clean(self):
        fouten = {}
        if self.planning == Planning.EENMALIG and not self.datum:
            fouten["datum"] = _("Vul de datum van de eenmalige activiteit in.")
        if self.planning == Planning.TERUGKEREND and not self.ritme.strip():
            fouten["ritme"] = _("Beschrijf wanneer de activiteit terugkomt.")
        if not self.gratis and not self.prijs.strip():
            fouten["prijs"] = _("Vul de prijs in, of duid aan dat het aanbod gratis is.")
        if fouten:
            raise ValidationError(fouten)


class Zelfevaluatie(models.Model):
    """A dated Roadmap self-assessment; earlier ones are kept so progress shows over time."""

    huis = models.ForeignKey("huizen.Huis", on_delete=models.CASCADE, related_name="zelfevaluaties")
    datum = models.DateField(_("datum"), default=timezone.localdate)
    opgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opgesteld door"), null=True, on_delete=models.SET_NULL
    )
    blinde_vlekken = models.TextField(_("blinde vlekken"), blank=True)
    prioriteiten = models.TextField(_("prioriteiten voor de komende periode"), blank=True)
    aangemaakt = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("zelfevaluatie")
        verbose_name_plural = _("zelfevaluaties")
        ordering = ["-datum", "-pk"]

    def __str__(self):
        return f"Zelfevaluatie {self.datum:%d-%m-%Y}"


class ScoreQuerySet(TenantQuerySet):
    huis_pad = "zelfevaluatie__huis"


class Score(models.Model):
    """Where the Huis stands (1-5) on one life domain or one working principle."""

    zelfevaluatie = models.ForeignKey(Zelfevaluatie, on_delete=models.CASCADE, related_name="scores")
    levensdomein = models.ForeignKey(Levensdomein, null=True, blank=True, on_delete=models.PROTECT)
    werkingsprincipe = models.ForeignKey(Werkingsprincipe, null=True, blank=True, on_delete=models.PROTECT)
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    objects = ScoreQuerySet.as_manager()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.CheckConstraint(
                condition=Q(levensdomein__isnull=False, werkingsprincipe__isnull=True)
                | Q(levensdomein__isnull=True, werkingsprincipe__isnull=False),
                name="score_over_domein_of_principe",
            ),
            models.CheckConstraint(condition=Q(score__gte=1, score__lte=5), name="score_1_tot_5"),
            models.UniqueConstraint(fields=["zelfevaluatie", "levensdomein"], name="score_een_per_domein"),
            models.UniqueConstraint(
                fields=["zelfevaluatie", "werkingsprincipe"], name="score_een_per_principe"
            ),
        ]

    def __str__(self):
        return f"{self.levensdomein or self.werkingsprincipe}: {self.score}"
