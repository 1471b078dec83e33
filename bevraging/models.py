"""The survey (bevraging) of all Huizen van het Kind: waves, versioned questionnaires, responses.

A **Golf** (wave, e.g. "Bevraging 2022") has one **Vragenlijst** (the questionnaire version asked in
that wave) of ordered **Thema's** holding ordered **Vragen**; closed questions have
**Antwoordopties**. The version is frozen when the wave opens: from then on themes, questions and
options refuse every change (`save()` and `delete()` raise `VragenlijstBevroren`; the services check
first, so a user gets a clear message). A **Vraagkoppeling** maps a question of an earlier wave onto
one of a later wave (same, recoded with an option mapping, or not comparable) for wave comparisons.

When a wave closes, **Golfhuis** keeps each responding Huis as it was at the wave's reference date
(its gemeenten, municipal or intermunicipal, VRIND clusters, provinces and physical location
ja / gepland / nee), so the wave's analysis reads the Huizen as they were, not as they are today.

Each Huis gets one **Respons** per wave, filled in by an Opgroeien interviewer (**Toewijzing**
records who is assigned), with one **Antwoord** per question; the coordinator of the Huis can leave a
**Commentaar** once it is submitted. Status changes follow `bevraging.workflow` and are recorded as
**Statuswijziging** rows (who, when, why).

Sub-items ("one score per Kind en Gezin-partner", "per actor") are modelled as **one Vraag per
item**, grouped by `groep` (with the shared lead text in `groep_tekst` and the item's short label in
`item`). We chose this over a separate Item model because every item then *is* a question with its
own stable key (`kind_en_gezin_partners.lokaal_loket`), so:
- analysis is per question everywhere (a distribution, a cross-tab by cluster, a drill-down) with no
  special case for items;
- an export has one column per question key (plus `<key>.toelichting` for the open field and
  `<key>.andere` for the "andere: …" text), and an import reads the same columns back;
- a wave mapping links two questions, so an item added, dropped or recoded in a later wave (2016
  asked about "onthaalouders" separately) is one Vraagkoppeling, not a mapping inside a mapping;
- one Antwoord per Respons x Vraag stays a plain unique constraint.
The interviewer page renders consecutive questions with the same `groep` as one grid.

Answer values (`Antwoord.waarde`, JSON), by question type:
- score_1_5: an int 1-5 (the five labels are the options with codes "1".."5");
- ja_nee, enkele_keuze: the option code (ja_nee has the options "ja" and "nee");
- meervoudige_keuze, leeftijdscategorieen: a list of option codes, in option order;
- getal: a number; open_tekst: a string.
`Antwoord.toelichting` holds the open field next to a closed question (`Vraag.open_veld`), and
`Antwoord.andere_tekst` the text of an "andere: …" option. Skip logic: a question with
`afhankelijk_van` is shown only when that question's answer has one of the codes in `toon_als`.

While its wave is in preparation a questionnaire is edited in the browser: a question is added,
reworded with a reason, retired or given skip logic; each of these is a **Vraagwijziging** (what,
the old and new wording, why, who, when). A retired question (`ingetrokken`) is not asked any more
but stays in the version with its key and its mapping to the earlier wave, so the earlier wave's
answers stay comparable and a later copy knows it was dropped.
"""

from __future__ import annotations

import decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kern.cijfers import Werking
from kern.tenancy import TenantQuerySet

SLEUTEL_PATROON = r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$"
THEMASLEUTEL_PATROON = r"^[a-z][a-z0-9_]*$"
CODE_PATROON = r"^[a-z0-9][a-z0-9_-]*$"

sleutel_validator = RegexValidator(
    SLEUTEL_PATROON,
    _("Gebruik kleine letters, cijfers en _, met een punt tussen de delen (bv. participatie.vrijwilligers)."),
)
themasleutel_validator = RegexValidator(
    THEMASLEUTEL_PATROON, _("Gebruik kleine letters, cijfers en _ (bv. kwaliteit_en_organisatie).")
)
code_validator = RegexValidator(
    CODE_PATROON, _("Gebruik kleine letters, cijfers, - en _ (bv. lokaal_loket).")
)

MAX_OPEN_TEKST = 5000


class VragenlijstBevroren(ValidationError):
    """A change to a questionnaire version that is frozen because its wave has opened."""

    def __init__(self, message=None, *args, **kwargs):
        super().__init__(
            message
            or _(
                "Deze vragenlijst is bevroren omdat de bevraging geopend is: thema's, vragen en "
                "antwoordopties kunnen niet meer wijzigen. Maak een nieuwe versie voor een volgende golf."
            ),
            *args,
            **kwargs,
        )


# --- Waves and questionnaires -------------------------------------------------------------------


class Modus(models.TextChoices):
    ZELF_INGEVULD = "zelf_ingevuld", _("zelf ingevuld door het Huis")
    INTERVIEW = "interview", _("interview door een intersectorale medewerker van Opgroeien")


class Golfstatus(models.TextChoices):
    IN_VOORBEREIDING = "in_voorbereiding", _("in voorbereiding")
    OPEN = "open", _("open")
    AFGESLOTEN = "afgesloten", _("afgesloten")


class Golf(models.Model):
    """One wave of the survey of all Huizen (2016, 2022, later ones)."""

    jaar = models.PositiveSmallIntegerField(_("jaar"), unique=True, validators=[MinValueValidator(2014)])
    naam = models.CharField(_("naam"), max_length=100, unique=True, help_text=_("Bv. Bevraging 2022."))
    start = models.DateField(_("start"), null=True, blank=True)
    eind = models.DateField(_("einde"), null=True, blank=True)
    modus = models.CharField(_("modus"), max_length=20, choices=Modus.choices)
    populatie = models.TextField(
        _("populatie"), blank=True, help_text=_("Wie bevraagd wordt, bv. alle erkende Huizen van het Kind.")
    )
    populatie_aantal = models.PositiveIntegerField(_("aantal Huizen in de populatie"), null=True, blank=True)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Golfstatus.choices, default=Golfstatus.IN_VOORBEREIDING
    )
    geopend_op = models.DateTimeField(_("geopend op"), null=True, blank=True, editable=False)
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("golf")
        verbose_name_plural = _("golven")
        ordering = ["-jaar"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True) | Q(eind__isnull=True) | Q(eind__gte=F("start")),
                name="golf_eind_na_start",
            ),
            models.UniqueConstraint(
                fields=["status"], condition=Q(status="open"), name="golf_hoogstens_een_open"
            ),
        ]

    def __str__(self):
        return self.naam

    def clean(self):
        if self.start and self.eind and self.eind < self.start:
            raise ValidationError({"eind": _("Het einde van de golf ligt vóór de start.")})


class Vragenlijst(models.Model):
    """The questionnaire version asked in one wave; frozen (`bevroren_op`) when the wave opens."""

    golf = models.OneToOneField(
        Golf, verbose_name=_("golf"), on_delete=models.CASCADE, related_name="vragenlijst"
    )
    naam = models.CharField(_("naam"), max_length=200)
    bevroren_op = models.DateTimeField(_("bevroren op"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("vragenlijst")
        verbose_name_plural = _("vragenlijsten")
        ordering = ["-golf__jaar"]

    def __str__(self):
        return self.naam

    @property
    def is_bevroren(self) -> bool:
        return self.bevroren_op is not None


class BevrorenBewaking(models.Model):
    """Refuses to save or delete a part of a frozen questionnaire version."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._weiger_als_bevroren()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._weiger_als_bevroren()
        return super().delete(*args, **kwargs)

    def clean(self):
        super().clean()
        self._weiger_als_bevroren()

    def _vragenlijst(self) -> Vragenlijst:
        raise NotImplementedError

    def _weiger_als_bevroren(self):
        vragenlijst = self._vragenlijst()
        if vragenlijst is not None and vragenlijst.is_bevroren:
            raise VragenlijstBevroren


class Thema(BevrorenBewaking):
    """One of the themes of a questionnaire, in order (2022: the twelve themes of seed 002)."""

    vragenlijst = models.ForeignKey(
        Vragenlijst, verbose_name=_("vragenlijst"), on_delete=models.CASCADE, related_name="themas"
    )
    sleutel = models.CharField(_("sleutel"), max_length=60, validators=[themasleutel_validator])
    titel = models.CharField(_("titel"), max_length=200)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    intro = models.TextField(_("inleiding"), blank=True)

    class Meta:
        verbose_name = _("thema")
        verbose_name_plural = _("thema's")
        ordering = ["vragenlijst", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vragenlijst", "sleutel"], name="thema_sleutel_uniek_per_versie"),
        ]

    def __str__(self):
        return self.titel

    def _vragenlijst(self):
        return Vragenlijst.objects.get(pk=self.vragenlijst_id) if self.vragenlijst_id else None


class Vraagtype(models.TextChoices):
    SCORE = "score_1_5", _("score van 1 tot 5")
    JA_NEE = "ja_nee", _("ja / nee")
    ENKELE_KEUZE = "enkele_keuze", _("één keuze uit een lijst")
    MEERVOUDIGE_KEUZE = "meervoudige_keuze", _("meerdere keuzes uit een lijst")
    LEEFTIJDSCATEGORIEEN = "leeftijdscategorieen", _("leeftijdscategorieën")
    GETAL = "getal", _("getal")
    OPEN_TEKST = "open_tekst", _("open tekst")


# Types whose answer is one or more option codes, and those with a list of codes.
MET_OPTIES = {
    Vraagtype.SCORE,
    Vraagtype.JA_NEE,
    Vraagtype.ENKELE_KEUZE,
    Vraagtype.MEERVOUDIGE_KEUZE,
    Vraagtype.LEEFTIJDSCATEGORIEEN,
}
MEERDERE_CODES = {Vraagtype.MEERVOUDIGE_KEUZE, Vraagtype.LEEFTIJDSCATEGORIEEN}
SCORECODES = ["1", "2", "3", "4", "5"]
JA_NEE_CODES = ["ja", "nee"]


def is_leeg(waarde) -> bool:
    """An answer value that counts as "not answered" (an empty list for a multiple choice too)."""
    return waarde is None or (isinstance(waarde, str) and not waarde.strip()) or waarde == []


class Vraag(BevrorenBewaking):
    """One question of a questionnaire version, with a key that stays the same across waves."""

    vragenlijst = models.ForeignKey(
        Vragenlijst,
        verbose_name=_("vragenlijst"),
        on_delete=models.CASCADE,
        related_name="vragen",
        editable=False,
        help_text=_("Die van het thema; hier bewaard zodat een sleutel uniek is per versie."),
    )
    thema = models.ForeignKey(Thema, verbose_name=_("thema"), on_delete=models.CASCADE, related_name="vragen")
    sleutel = models.CharField(
        _("sleutel"),
        max_length=120,
        validators=[sleutel_validator],
        help_text=_("Blijft dezelfde over de golven heen; is de kolomnaam in import en export."),
    )
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    tekst = models.TextField(_("vraag"))
    toelichting = models.TextField(_("toelichting"), blank=True)
    type = models.CharField(_("soort vraag"), max_length=30, choices=Vraagtype.choices)
    verplicht = models.BooleanField(_("verplicht"), default=True)
    open_veld = models.BooleanField(
        _("met open veld"), default=False, help_text=_("Een vrij tekstveld naast het antwoord.")
    )
    open_veld_label = models.CharField(_("label van het open veld"), max_length=300, blank=True)
    max_keuzes = models.PositiveSmallIntegerField(
        _("hoogstens zoveel keuzes"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    min_waarde = models.DecimalField(
        _("kleinste waarde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    max_waarde = models.DecimalField(
        _("grootste waarde"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    decimalen = models.PositiveSmallIntegerField(_("aantal decimalen"), default=0)
    eenheid = models.CharField(_("eenheid"), max_length=40, blank=True, help_text=_("Bv. euro per jaar."))
    groep = models.CharField(
        _("groep"),
        max_length=60,
        blank=True,
        validators=[themasleutel_validator],
        help_text=_("Vragen met dezelfde groep vormen samen één tabel (één vraag per item)."),
    )
    groep_tekst = models.TextField(_("vraag van de groep"), blank=True)
    item = models.CharField(
        _("item"), max_length=200, blank=True, help_text=_("Het item in de tabel van de groep.")
    )
    afhankelijk_van = models.ForeignKey(
        "self",
        verbose_name=_("alleen tonen na de vraag"),
        null=True,
        blank=True,
        on_delete=models.RESTRICT,
        related_name="afhankelijke_vragen",
    )
    toon_als = models.JSONField(
        _("tonen als het antwoord is"),
        default=list,
        blank=True,
        help_text=_('De antwoordcodes van die vraag waarbij deze vraag getoond wordt, bv. ["ja"].'),
    )
    ingetrokken = models.BooleanField(
        _("ingetrokken"),
        default=False,
        help_text=_("Niet meer gesteld in deze golf; blijft bewaard om met vroegere golven te vergelijken."),
    )

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["vragenlijst", "thema__volgorde", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vragenlijst", "sleutel"], name="vraag_sleutel_uniek_per_versie"),
            models.CheckConstraint(
                condition=Q(min_waarde__isnull=True)
                | Q(max_waarde__isnull=True)
                | Q(max_waarde__gte=F("min_waarde")),
                name="vraag_min_niet_boven_max",
            ),
            models.CheckConstraint(
                condition=Q(max_keuzes__isnull=True)
                | Q(type__in=["meervoudige_keuze", "leeftijdscategorieen"]),
                name="vraag_max_keuzes_alleen_bij_meerdere",
            ),
            models.CheckConstraint(
                condition=(Q(groep="") & Q(item="")) | (~Q(groep="") & ~Q(item="")),
                name="vraag_groep_en_item_samen",
            ),
            models.CheckConstraint(
                condition=~Q(afhankelijk_van=F("pk")), name="vraag_niet_afhankelijk_van_zichzelf"
            ),
        ]

    def __str__(self):
        return self.sleutel

    def save(self, *args, **kwargs):
        self._vul_vragenlijst()
        super().save(*args, **kwargs)

    def clean_fields(self, exclude=None):
        self._vul_vragenlijst()
        super().clean_fields(exclude)

    def _vul_vragenlijst(self):
        if self.thema_id and not self.vragenlijst_id:
            self.vragenlijst_id = self.thema.vragenlijst_id

    def _vragenlijst(self):
        if self.vragenlijst_id:
            return Vragenlijst.objects.get(pk=self.vragenlijst_id)
        return self.thema.vragenlijst if self.thema_id else None

    def clean(self):
        super().clean()
        fouten = {}
        if self.thema_id and self.vragenlijst_id and self.thema.vragenlijst_id != self.vragenlijst_id:
            fouten["thema"] = _("Het thema hoort bij een andere vragenlijst.")
        if self.afhankelijk_van_id:
            ouder = self.afhankelijk_van
            if ouder.vragenlijst_id != (self.vragenlijst_id or getattr(self.thema, "vragenlijst_id", None)):
                fouten["afhankelijk_van"] = _(
                    "Een vraag kan alleen afhangen van een vraag uit dezelfde vragenlijst."
                )
            elif ouder.pk == self.pk:
                fouten["afhankelijk_van"] = _("Een vraag kan niet van zichzelf afhangen.")
            elif not self.toon_als:
                fouten["toon_als"] = _("Geef de antwoorden waarbij deze vraag getoond wordt.")
            elif ouder.type in MET_OPTIES and ouder.pk:
                codes = set(ouder.optiecodes())
                onbekend = [c for c in self.toon_als if str(c) not in codes]
                if onbekend:
                    fouten["toon_als"] = _("Onbekende antwoordcodes: %(codes)s.") % {
                        "codes": ", ".join(map(str, onbekend))
                    }
        elif self.toon_als:
            fouten["toon_als"] = _("Kies eerst de vraag waarvan deze vraag afhangt.")
        if self.max_keuzes and self.type not in MEERDERE_CODES:
            fouten["max_keuzes"] = _(
                "Een maximum aantal keuzes geldt alleen voor een vraag met meerdere keuzes."
            )
        if self.min_waarde is not None and self.max_waarde is not None and self.min_waarde > self.max_waarde:
            fouten["max_waarde"] = _("De grootste waarde ligt onder de kleinste.")
        if bool(self.groep) != bool(self.item):
            fouten["item"] = _("Een vraag in een groep heeft een item, en omgekeerd.")
        if self.open_veld_label and not self.open_veld:
            fouten["open_veld_label"] = _(
                "Een label voor het open veld kan alleen als de vraag een open veld heeft."
            )
        if fouten:
            raise ValidationError(fouten)

    # --- Answers ------------------------------------------------------------------------------

    @property
    def kort(self) -> str:
        """The short label: the item of a grid, otherwise the question."""
        return self.item or self.tekst

    def opties(self) -> list[Antwoordoptie]:
        """The options in order (from a prefetch when there is one)."""
        return sorted(self.antwoordopties.all(), key=lambda o: (o.volgorde, o.pk or 0))

    def optiecodes(self) -> list[str]:
        return [o.code for o in self.opties()]

    def gekozen_codes(self, waarde) -> list[str]:
        """The option codes an answer value holds (empty for numbers and text)."""
        if is_leeg(waarde) or self.type not in MET_OPTIES:
            return []
        if self.type in MEERDERE_CODES:
            return [str(c) for c in waarde] if isinstance(waarde, list) else []
        return [str(waarde)]

    def in_optievolgorde(self, waarde):
        """The answer value as it is stored: chosen codes in the order of the options, text stripped."""
        if isinstance(waarde, list):
            volgorde = {code: i for i, code in enumerate(self.optiecodes())}
            return sorted(waarde, key=lambda c: volgorde.get(c, len(volgorde)))
        if isinstance(waarde, str):
            return waarde.strip()
        return waarde

    def controleer_waarde(
        self, waarde, *, andere_tekst: str = "", toelichting: str = "", volledig: bool = False
    ):
        """The Dutch error messages for an answer value to this question (empty: fine).

        The shape (type, known codes, range) is always checked, so nothing of the wrong kind is
        stored. `volledig` adds what only counts when the response is submitted: a required answer,
        the maximum number of choices and the text of an "andere: …" option.
        """
        fouten: list[str] = []
        if toelichting and not self.open_veld:
            fouten.append(_("Deze vraag heeft geen open veld."))
        if len(toelichting or "") > MAX_OPEN_TEKST or len(andere_tekst or "") > MAX_OPEN_TEKST:
            fouten.append(_("Een open antwoord is hoogstens %(max)d tekens lang.") % {"max": MAX_OPEN_TEKST})
        if is_leeg(waarde):
            if volledig and self.verplicht:
                fouten.append(_("Deze vraag is verplicht."))
            return fouten
        fouten.extend(self._controleer_vorm(waarde))
        if fouten:
            return fouten
        codes = self.gekozen_codes(waarde)
        andere = {o.code for o in self.opties() if o.is_andere}
        if andere_tekst and not andere.intersection(codes):
            fouten.append(_("Vul alleen een tekst bij 'andere' in als u 'andere' aanduidt."))
        if volledig:
            if self.type in MEERDERE_CODES and self.max_keuzes and len(codes) > self.max_keuzes:
                fouten.append(
                    _("Duid hoogstens %(max)d antwoorden aan; u duidde er %(aantal)d aan.")
                    % {"max": self.max_keuzes, "aantal": len(codes)}
                )
            if andere.intersection(codes) and not (andere_tekst or "").strip():
                fouten.append(_("Vul in wat u bij 'andere' bedoelt."))
        return fouten

    def _controleer_vorm(self, waarde) -> list[str]:
        if self.type == Vraagtype.SCORE:
            if isinstance(waarde, bool) or not isinstance(waarde, int) or not 1 <= waarde <= 5:
                return [_("Kies een score van 1 tot 5.")]
            return []
        if self.type in (Vraagtype.JA_NEE, Vraagtype.ENKELE_KEUZE):
            if not isinstance(waarde, str) or waarde not in self.optiecodes():
                return [_("Kies een van de antwoorden uit de lijst.")]
            return []
        if self.type in MEERDERE_CODES:
            if not isinstance(waarde, list) or not all(isinstance(c, str) for c in waarde):
                return [_("Duid een of meer antwoorden uit de lijst aan.")]
            if len(set(waarde)) != len(waarde) or not set(waarde) <= set(self.optiecodes()):
                return [_("Duid alleen antwoorden uit de lijst aan, elk één keer.")]
            return []
        if self.type == Vraagtype.GETAL:
            return self._controleer_getal(waarde)
        if not isinstance(waarde, str):
            return [_("Vul een tekst in.")]
        if len(waarde) > MAX_OPEN_TEKST:
            return [_("Een open antwoord is hoogstens %(max)d tekens lang.") % {"max": MAX_OPEN_TEKST}]
        return []

    def _controleer_getal(self, waarde) -> list[str]:
        if isinstance(waarde, bool) or not isinstance(waarde, int | float):
            return [_("Vul een getal in.")]
        getal = decimal.Decimal(str(waarde))
        if not getal.is_finite():
            return [_("Vul een getal in.")]
        exponent = getal.normalize().as_tuple().exponent
        if isinstance(exponent, int) and -exponent > self.decimalen:
            if self.decimalen == 0:
                return [_("Vul een geheel getal in.")]
            return [_("Gebruik hoogstens %(n)d cijfers na de komma.") % {"n": self.decimalen}]
        if self.min_waarde is not None and getal < decimal.Decimal(str(self.min_waarde)):
            return [_("Vul een getal van minstens %(min)s in.") % {"min": _getal_als_tekst(self.min_waarde)}]
        if self.max_waarde is not None and getal > decimal.Decimal(str(self.max_waarde)):
            return [_("Vul een getal van hoogstens %(max)s in.") % {"max": _getal_als_tekst(self.max_waarde)}]
        return []


def _getal_als_tekst(getal) -> str:
    tekst = f"{decimal.Decimal(str(getal)).normalize():f}"
    return tekst.replace(".", ",")


class Antwoordoptie(BevrorenBewaking):
    """One answer option of a closed question, with a code that stays stable across waves."""

    vraag = models.ForeignKey(
        Vraag, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="antwoordopties"
    )
    code = models.CharField(_("code"), max_length=60, validators=[code_validator])
    label = models.CharField(_("label"), max_length=300)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    is_andere = models.BooleanField(
        _("andere (met vrije tekst)"), default=False, help_text=_("Bv. 'Andere: …' met een tekstveld.")
    )

    class Meta:
        verbose_name = _("antwoordoptie")
        verbose_name_plural = _("antwoordopties")
        ordering = ["vraag", "volgorde", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["vraag", "code"], name="antwoordoptie_code_uniek_per_vraag"),
            models.UniqueConstraint(
                fields=["vraag"], condition=Q(is_andere=True), name="antwoordoptie_een_andere_per_vraag"
            ),
        ]

    def __str__(self):
        return f"{self.code}: {self.label}"

    def _vragenlijst(self):
        if not self.vraag_id:
            return None
        return Vragenlijst.objects.filter(vragen__pk=self.vraag_id).first()


class Wijzigingsoort(models.TextChoices):
    TOEGEVOEGD = "toegevoegd", _("toegevoegd")
    HERFORMULEERD = "herformuleerd", _("herformuleerd")
    INGETROKKEN = "ingetrokken", _("ingetrokken")
    TERUGGEZET = "teruggezet", _("opnieuw gesteld")
    VOORWAARDE = "voorwaarde", _("voorwaarde gewijzigd")


class Vraagwijziging(models.Model):
    """One change to a question of a questionnaire in preparation: what, before and after, why."""

    vraag = models.ForeignKey(
        Vraag, verbose_name=_("vraag"), on_delete=models.CASCADE, related_name="wijzigingen"
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Wijzigingsoort.choices)
    oude_tekst = models.TextField(_("vroeger"), blank=True)
    nieuwe_tekst = models.TextField(_("nu"), blank=True)
    reden = models.TextField(_("reden"), blank=True)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now)

    class Meta:
        verbose_name = _("wijziging van een vraag")
        verbose_name_plural = _("wijzigingen van vragen")
        ordering = ["vraag", "tijdstip", "pk"]

    def __str__(self):
        return f"{self.vraag.sleutel}: {self.get_soort_display()}"


# --- Mapping between waves ----------------------------------------------------------------------


class Koppelingsoort(models.TextChoices):
    ZELFDE = "zelfde", _("zelfde vraag en antwoordcodes")
    GEHERCODEERD = "gehercodeerd", _("vergelijkbaar na hercodering")
    NIET_VERGELIJKBAAR = "niet_vergelijkbaar", _("niet vergelijkbaar")


class Vraagkoppeling(models.Model):
    """How a question of an earlier wave (`van_vraag`) relates to one of a later wave (`naar_vraag`).

    `zelfde` and `gehercodeerd` link the same question (the same stable key) and make the two waves
    comparable; `optiemapping` of a recoded pair maps each earlier option code to the later code or
    list of codes it corresponds to, e.g. {"ja": ["een", "meerdere"], "nee": ["gepland", "niet_gepland"]}.
    `niet_vergelijkbaar` records a related question whose figures must not be compared, with why.
    `notitie` says what differs (wording, mode: "2016 zelf ingevuld, 2022 via interview").
    """

    van_vraag = models.ForeignKey(
        Vraag,
        verbose_name=_("vraag in de vroegere golf"),
        on_delete=models.CASCADE,
        related_name="koppelingen_naar",
    )
    naar_vraag = models.ForeignKey(
        Vraag,
        verbose_name=_("vraag in de latere golf"),
        on_delete=models.CASCADE,
        related_name="koppelingen_van",
    )
    soort = models.CharField(_("soort"), max_length=20, choices=Koppelingsoort.choices)
    optiemapping = models.JSONField(_("hercodering van de antwoordcodes"), default=dict, blank=True)
    notitie = models.TextField(_("notitie"), blank=True)

    class Meta:
        verbose_name = _("vraagkoppeling")
        verbose_name_plural = _("vraagkoppelingen")
        ordering = ["naar_vraag__thema__volgorde", "naar_vraag__volgorde", "van_vraag__sleutel"]
        constraints = [
            models.UniqueConstraint(fields=["van_vraag", "naar_vraag"], name="vraagkoppeling_uniek"),
            models.CheckConstraint(
                condition=~Q(van_vraag=F("naar_vraag")), name="vraagkoppeling_twee_vragen"
            ),
        ]

    def __str__(self):
        return f"{self.van_vraag.sleutel} → {self.naar_vraag.sleutel} ({self.get_soort_display()})"

    def naar_codes(self, oude_code: str) -> list[str]:
        """The later wave's codes an earlier option code corresponds to."""
        if self.soort == Koppelingsoort.ZELFDE:
            return [oude_code]
        doel = self.optiemapping.get(oude_code, [])
        return [doel] if isinstance(doel, str) else list(doel or [])

    def oude_code(self, nieuwe_code: str) -> str | None:
        """The earlier wave's code a later option code is counted under in a comparison."""
        if self.soort == Koppelingsoort.ZELFDE:
            return nieuwe_code
        for oud in self.optiemapping:
            if nieuwe_code in self.naar_codes(oud):
                return oud
        return None

    def clean(self):
        if not (self.van_vraag_id and self.naar_vraag_id):
            return
        van, naar = self.van_vraag, self.naar_vraag
        van_golf, naar_golf = van.vragenlijst.golf, naar.vragenlijst.golf
        if van_golf.jaar >= naar_golf.jaar:
            raise ValidationError({"naar_vraag": _("De latere vraag moet uit een latere golf komen.")})
        if self.soort in (Koppelingsoort.ZELFDE, Koppelingsoort.GEHERCODEERD) and van.sleutel != naar.sleutel:
            raise ValidationError(
                {
                    "soort": _(
                        "Vergelijkbare vragen delen hun sleutel; gebruik 'niet "
                        "vergelijkbaar' of pas de sleutel aan."
                    )
                }
            )
        if self.soort == Koppelingsoort.ZELFDE:
            if van.type != naar.type or van.optiecodes() != naar.optiecodes():
                raise ValidationError(
                    {"soort": _("De vragen verschillen in soort of antwoordcodes: kies 'gehercodeerd'.")}
                )
            if self.optiemapping:
                raise ValidationError({"optiemapping": _("Een hercodering hoort alleen bij 'gehercodeerd'.")})
        elif self.soort == Koppelingsoort.GEHERCODEERD:
            self._controleer_mapping(van, naar)
        elif self.optiemapping:
            raise ValidationError({"optiemapping": _("Een hercodering hoort alleen bij 'gehercodeerd'.")})

    def _controleer_mapping(self, van: Vraag, naar: Vraag):
        if not isinstance(self.optiemapping, dict) or not self.optiemapping:
            raise ValidationError({"optiemapping": _("Geef voor elke oude code de nieuwe code(s).")})
        oude, nieuwe = set(van.optiecodes()), set(naar.optiecodes())
        fout_oud = sorted(set(self.optiemapping) - oude)
        fout_nieuw = sorted({c for oud in self.optiemapping for c in self.naar_codes(oud)} - nieuwe)
        if fout_oud or fout_nieuw:
            raise ValidationError(
                {
                    "optiemapping": _("Onbekende codes: %(codes)s.")
                    % {"codes": ", ".join(fout_oud + fout_nieuw)}
                }
            )
        gezien: dict[str, str] = {}
        for oud in self.optiemapping:
            for nieuw in self.naar_codes(oud):
                if nieuw in gezien:
                    raise ValidationError(
                        {
                            "optiemapping": _("De nieuwe code %(code)s hoort bij meer dan één oude code.")
                            % {"code": nieuw}
                        }
                    )
                gezien[nieuw] = oud


# --- Assignments, responses and answers ---------------------------------------------------------


class Toewijzing(models.Model):
    """The Opgroeien staff member who interviews a Huis in a wave (one per Huis per wave)."""

    golf = models.ForeignKey(
        Golf, verbose_name=_("golf"), on_delete=models.CASCADE, related_name="toewijzingen"
    )
    huis = models.ForeignKey(
        "huizen.Huis", verbose_name=_("Huis"), on_delete=models.CASCADE, related_name="bevragingstoewijzingen"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        on_delete=models.PROTECT,
        related_name="bevragingstoewijzingen",
        limit_choices_to={"is_opgroeien": True},
    )
    toegewezen_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("toegewezen door"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    toegewezen_op = models.DateTimeField(_("toegewezen op"), default=timezone.now)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("toewijzing")
        verbose_name_plural = _("toewijzingen")
        ordering = ["golf", "huis__naam"]
        constraints = [
            models.UniqueConstraint(fields=["golf", "huis"], name="toewijzing_een_per_huis_per_golf"),
        ]

    def __str__(self):
        return f"{self.golf}: {self.huis} – {self.interviewer}"

    def clean(self):
        if self.interviewer_id and not self.interviewer.is_opgroeien:
            raise ValidationError(
                {"interviewer": _("Alleen een medewerker van Opgroeien kan interviewer zijn.")}
            )


class Responsstatus(models.TextChoices):
    NIET_GESTART = "niet_gestart", _("niet gestart")
    CONCEPT = "concept", _("concept")
    INGEDIEND = "ingediend", _("ingediend")
    GEVALIDEERD = "gevalideerd", _("gevalideerd")
    HEROPEND = "heropend", _("heropend")


class ResponsQuerySet(TenantQuerySet):
    def afgerond(self):
        """Submitted or validated: what the coordinator of the Huis may read."""
        return self.filter(status__in=[Responsstatus.INGEDIEND, Responsstatus.GEVALIDEERD])


class Respons(models.Model):
    """The answers of one Huis in one wave; `versie` guards autosave against lost updates."""

    golf = models.ForeignKey(Golf, verbose_name=_("golf"), on_delete=models.PROTECT, related_name="responsen")
    huis = models.ForeignKey(
        "huizen.Huis", verbose_name=_("Huis"), on_delete=models.PROTECT, related_name="bevragingsresponsen"
    )
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("interviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bevragingsresponsen",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Responsstatus.choices, default=Responsstatus.NIET_GESTART
    )
    heropen_reden = models.TextField(_("reden van heropenen"), blank=True)
    gestart = models.DateTimeField(_("gestart op"), null=True, blank=True)
    ingediend = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    gevalideerd = models.DateTimeField(_("gevalideerd op"), null=True, blank=True)
    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = ResponsQuerySet.as_manager()

    class Meta:
        verbose_name = _("respons")
        verbose_name_plural = _("responsen")
        ordering = ["golf", "huis__naam"]
        constraints = [
            models.UniqueConstraint(fields=["golf", "huis"], name="respons_een_per_huis_per_golf"),
            models.CheckConstraint(
                condition=~Q(status="heropend") | ~Q(heropen_reden=""), name="respons_heropend_met_reden"
            ),
        ]

    def __str__(self):
        return f"{self.huis} – {self.golf}"

    @property
    def vragenlijst(self) -> Vragenlijst:
        return self.golf.vragenlijst

    @property
    def is_bewerkbaar(self) -> bool:
        from bevraging.workflow import BEWERKBAAR

        return self.status in BEWERKBAAR

    def clean(self):
        if self.status == Responsstatus.HEROPEND and not self.heropen_reden.strip():
            raise ValidationError({"heropen_reden": _("Geef de reden waarom de respons heropend wordt.")})


class StatuswijzigingQuerySet(TenantQuerySet):
    huis_pad = "respons__huis"


class Statuswijziging(models.Model):
    """One status change of a response: from, to, who, when and why."""

    respons = models.ForeignKey(Respons, on_delete=models.CASCADE, related_name="statuswijzigingen")
    van = models.CharField(_("van"), max_length=20, choices=Responsstatus.choices)
    naar = models.CharField(_("naar"), max_length=20, choices=Responsstatus.choices)
    door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tijdstip = models.DateTimeField(_("tijdstip"), default=timezone.now)
    reden = models.TextField(_("reden"), blank=True)

    objects = StatuswijzigingQuerySet.as_manager()

    class Meta:
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")
        ordering = ["respons", "tijdstip", "pk"]

    def __str__(self):
        return f"{self.get_van_display()} → {self.get_naar_display()}"


class AntwoordQuerySet(TenantQuerySet):
    huis_pad = "respons__huis"


class Antwoord(models.Model):
    """The answer of one Huis to one question (see the module docstring for `waarde`)."""

    respons = models.ForeignKey(
        Respons, verbose_name=_("respons"), on_delete=models.CASCADE, related_name="antwoorden"
    )
    vraag = models.ForeignKey(
        Vraag, verbose_name=_("vraag"), on_delete=models.PROTECT, related_name="antwoorden"
    )
    waarde = models.JSONField(_("antwoord"), null=True, blank=True)
    toelichting = models.TextField(_("open veld"), blank=True)
    andere_tekst = models.TextField(_("andere, namelijk"), blank=True)
    gewijzigd = models.DateTimeField(_("gewijzigd"), auto_now=True)

    objects = AntwoordQuerySet.as_manager()

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["respons", "vraag__thema__volgorde", "vraag__volgorde"]
        constraints = [
            models.UniqueConstraint(fields=["respons", "vraag"], name="antwoord_een_per_vraag"),
        ]

    def __str__(self):
        return f"{self.vraag.sleutel}: {self.waarde!r}"

    def clean(self):
        if self.respons_id and self.vraag_id and self.vraag.vragenlijst.golf_id != self.respons.golf_id:
            raise ValidationError({"vraag": _("De vraag hoort niet bij de vragenlijst van deze golf.")})
        if self.vraag_id:
            fouten = self.vraag.controleer_waarde(
                self.waarde, andere_tekst=self.andere_tekst, toelichting=self.toelichting
            )
            if fouten:
                raise ValidationError({"waarde": fouten})


class CommentaarQuerySet(TenantQuerySet):
    huis_pad = "respons__huis"


class Commentaar(models.Model):
    """A remark of the Huis's coordinator on its submitted response, about a theme or a question."""

    respons = models.ForeignKey(
        Respons, verbose_name=_("respons"), on_delete=models.CASCADE, related_name="commentaren"
    )
    thema = models.ForeignKey(
        Thema,
        verbose_name=_("thema"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commentaren",
    )
    vraag = models.ForeignKey(
        Vraag,
        verbose_name=_("vraag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commentaren",
    )
    auteur = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    tekst = models.TextField(_("commentaar"), max_length=2000)
    aangemaakt = models.DateTimeField(_("aangemaakt"), default=timezone.now)

    objects = CommentaarQuerySet.as_manager()

    class Meta:
        verbose_name = _("commentaar")
        verbose_name_plural = _("commentaren")
        ordering = ["respons", "aangemaakt", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(thema__isnull=False, vraag__isnull=True)
                | Q(thema__isnull=True, vraag__isnull=False),
                name="commentaar_over_thema_of_vraag",
            ),
        ]

    def __str__(self):
        return f"{self.thema or self.vraag}: {self.tekst[:40]}"

    def clean(self):
        if bool(self.thema_id) == bool(self.vraag_id):
            raise ValidationError(_("Een commentaar gaat over één thema of één vraag."))
        vragenlijst_id = (self.thema or self.vraag).vragenlijst_id
        if self.respons_id and self.respons.golf.vragenlijst.pk != vragenlijst_id:
            raise ValidationError(_("Het thema of de vraag hoort niet bij deze bevraging."))
        if not self.tekst.strip():
            raise ValidationError({"tekst": _("Schrijf een commentaar.")})


# --- The Huizen as they were in a wave ----------------------------------------------------------


class Fysiekelocatie(models.TextChoices):
    JA = "ja", _("Met een of meer fysieke locaties")
    GEPLAND = "gepland", _("Zonder fysieke locatie, gepland")
    NEE = "nee", _("Zonder fysieke locatie of plan")


#: The question whose answer gives a Huis's physical location in a wave, and how its codes (2016:
#: ja/nee; 2022: een/meerdere/gepland/niet_gepland) read as ja / gepland / nee.
FYSIEKE_LOCATIE_VRAAG = "toegankelijkheid.fysieke_locatie"
FYSIEKE_LOCATIE_UIT_ANTWOORD = {
    "ja": Fysiekelocatie.JA,
    "een": Fysiekelocatie.JA,
    "meerdere": Fysiekelocatie.JA,
    "gepland": Fysiekelocatie.GEPLAND,
    "niet_gepland": Fysiekelocatie.NEE,
    "nee": Fysiekelocatie.NEE,
}


class Kenmerkbron(models.TextChoices):
    PEILDATUM = "peildatum", _("berekend op de peildatum van de golf")
    IMPORT = "import", _("uit het importbestand")


class Golfhuis(models.Model):
    """A Huis as it was in a wave: kept when the wave closes (`bevraging.services.leg_golfkenmerken_vast`)
    or given by an import, and read by every breakdown, filter and comparison of the wave.

    `clusters` holds the numbers of the VRIND clusters and `provincies` the provinces its gemeenten
    lay in then (an intermunicipal Huis across a border is in both); `gemeenten` are the gemeenten
    of that day, also those that merged since (a comparison maps them onto today's along
    `Gemeente.opvolger`).
    """

    golf = models.ForeignKey(
        Golf, verbose_name=_("golf"), on_delete=models.CASCADE, related_name="golfhuizen"
    )
    huis = models.ForeignKey(
        "huizen.Huis", verbose_name=_("Huis"), on_delete=models.PROTECT, related_name="golfkenmerken"
    )
    peildatum = models.DateField(_("peildatum"))
    gemeenten = models.ManyToManyField(
        "huizen.Gemeente", verbose_name=_("gemeenten"), blank=True, related_name="+"
    )
    werking = models.CharField(_("werking"), max_length=20, choices=Werking.choices)
    clusters = models.JSONField(_("VRIND-clusters (nummers)"), default=list, blank=True)
    provincies = models.JSONField(_("provincies"), default=list, blank=True)
    fysieke_locatie = models.CharField(_("fysieke locatie"), max_length=10, choices=Fysiekelocatie.choices)
    bron = models.CharField(
        _("bron"), max_length=20, choices=Kenmerkbron.choices, default=Kenmerkbron.PEILDATUM
    )
    vastgelegd = models.DateTimeField(_("vastgelegd op"), default=timezone.now)

    objects = TenantQuerySet.as_manager()

    class Meta:
        verbose_name = _("Huis in een golf")
        verbose_name_plural = _("Huizen in een golf")
        ordering = ["golf", "huis__naam"]
        constraints = [
            models.UniqueConstraint(fields=["golf", "huis"], name="golfhuis_een_per_huis_per_golf"),
        ]

    def __str__(self):
        return f"{self.huis} in {self.golf}"
