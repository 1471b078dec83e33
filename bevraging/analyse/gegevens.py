"""The plain records the survey analysis works on, and its definitions.

`bevraging.selectors.analyse` fills these records from the database; `bevraging.analyse.berekening`
computes with them and `bevraging.analyse.weergave` turns the results into tables and charts.

Definitions (as in the 2022 survey report, seed 002):
- only responses that are submitted or validated count; the selectors pass only those;
- a question is *niet van toepassing* for a Huis when its skip logic hides it (the question it
  depends on is itself hidden or was not answered with one of `toon_als`), exactly as the interview
  shows it (`bevraging.selectors.zichtbare_vragen`); it is *ontbrekend* (missing) when it applies but
  has no answer; `n` is the number of Huizen that answered;
- percentages are of `n`, with two decimals, rounded half up (12,60 %); a multiple choice gives per
  option the % of the Huizen that answered the question and chose it (they add up to more than 100);
- scores are bucketed as the report does: 1-2, 3 and 4-5; the mean has two decimals, half up;
- the groups (VRIND cluster, province, gemeentelijk/intergemeentelijk, physical location ja /
  gepland / nee) are those of the Huis as it was in the wave (`bevraging.selectors.kenmerken`): a
  Huis belongs to every cluster and province one of its gemeenten lay in then (an intermunicipal
  Huis across a border counts in both), is intergemeentelijk with more than one gemeente then
  (`kern.cijfers.werking_van`), and has, plans or has no physical location as it answered in the
  wave (without an answer: as its profile says).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from django.db import models

from bevraging.models import MEERDERE_CODES, MET_OPTIES, Fysiekelocatie, Koppelingsoort, Vraagtype, is_leeg
from kern.cijfers import Werking

BEANTWOORD = "beantwoord"
ONTBREEKT = "ontbreekt"
NVT = "nvt"
STATUSSEN = {
    BEANTWOORD: "Beantwoord",
    ONTBREEKT: "Geen antwoord",
    NVT: "Niet van toepassing",
}
# The score buckets of the report: (code, label, scores).
SCOREKLASSEN: tuple[tuple[str, str, tuple[int, ...]], ...] = (
    ("1-2", "Score 1-2", (1, 2)),
    ("3", "Score 3", (3,)),
    ("4-5", "Score 4-5", (4, 5)),
)
GEEN_CLUSTER = "geen"
MINIMUM_ANTWOORDEN = 5  # fewer answers than this: a coordinator sees no figure for the group
TOP = 3  # the options shown in a summary of a choice question


class Dimensie(models.TextChoices):
    CLUSTER = "cluster", "VRIND-cluster"
    WERKING = "werking", "Gemeentelijk of intergemeentelijk"
    FYSIEK = "fysiek", "Fysieke locatie (ja, gepland, nee)"
    PROVINCIE = "provincie", "Provincie"


FYSIEK_GROEPEN = {str(f.value): str(f.label) for f in Fysiekelocatie}
DECIMALEN = 2  # percentages and means, as the survey report prints them (12,60 %)


# --- the plain records ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Optie:
    code: str
    label: str
    is_andere: bool = False


@dataclass(frozen=True)
class Vraaginfo:
    """A question of a wave's questionnaire (see bevraging.models.Vraag)."""

    sleutel: str
    tekst: str
    type: str
    opties: tuple[Optie, ...] = ()
    afhankelijk_van: str = ""  # the key of the question this one depends on
    toon_als: tuple[str, ...] = ()
    thema: str = ""
    thema_titel: str = ""
    groep_tekst: str = ""
    item: str = ""
    open_veld: bool = False
    open_veld_label: str = ""
    decimalen: int = 0
    eenheid: str = ""

    @property
    def is_score(self) -> bool:
        return self.type == Vraagtype.SCORE

    @property
    def is_ja_nee(self) -> bool:
        return self.type == Vraagtype.JA_NEE

    @property
    def is_enkele_keuze(self) -> bool:
        return self.type == Vraagtype.ENKELE_KEUZE

    @property
    def is_meervoudig(self) -> bool:
        return self.type in MEERDERE_CODES

    @property
    def is_getal(self) -> bool:
        return self.type == Vraagtype.GETAL

    @property
    def is_open(self) -> bool:
        return self.type == Vraagtype.OPEN_TEKST

    @property
    def heeft_opties(self) -> bool:
        return self.type in MET_OPTIES

    @property
    def heeft_teksten(self) -> bool:
        """Whether the question can have open answers (its own text, an open field or "andere")."""
        return self.is_open or self.open_veld or any(o.is_andere for o in self.opties)

    @property
    def kort(self) -> str:
        """The short label for a chart: the item of a grid, otherwise the question."""
        return self.item or self.tekst

    @property
    def soort(self) -> str:
        return str(Vraagtype(self.type).label) if self.type in Vraagtype.values else self.type

    def label(self, code: str) -> str:
        for optie in self.opties:
            if optie.code == code:
                return f"{code} – {optie.label}" if self.is_score else optie.label
        return code

    def codes(self, waarde) -> list[str]:
        """The option codes an answer value holds (as Vraag.gekozen_codes)."""
        if is_leeg(waarde) or not self.heeft_opties:
            return []
        if self.is_meervoudig:
            return [str(c) for c in waarde] if isinstance(waarde, list) else []
        return [str(waarde)]


@dataclass(frozen=True)
class Antwoordinfo:
    waarde: object = None
    toelichting: str = ""
    andere_tekst: str = ""


@dataclass(frozen=True)
class Huisinfo:
    """A responding Huis with the facts the groups look at (see the module docstring)."""

    pk: int
    naam: str
    slug: str = ""
    gemeenten: tuple[str, ...] = ()
    clusters: tuple[int, ...] = ()  # cluster numbers
    provincies: tuple[str, ...] = ()
    werking: str = Werking.GEMEENTELIJK.value
    fysiek: str = Fysiekelocatie.JA.value  # "ja", "gepland" or "nee" (Fysiekelocatie)

    @property
    def werking_label(self) -> str:
        return str(Werking(self.werking).label) if self.werking in Werking.values else self.werking

    @property
    def fysiek_label(self) -> str:
        return FYSIEK_GROEPEN.get(self.fysiek, self.fysiek)


@dataclass(frozen=True)
class Golfinfo:
    pk: int
    jaar: int
    naam: str
    modus: str
    modus_label: str


# The answers of the responding Huizen: Huis pk -> question key -> answer.
Antwoorden = Mapping[int, Mapping[str, Antwoordinfo]]


@dataclass(frozen=True)
class Koppelinginfo:
    """A mapping between a question of an earlier wave and one of a later wave (Vraagkoppeling)."""

    soort: str
    notitie: str
    van: Vraaginfo
    naar: Vraaginfo
    van_golf: Golfinfo
    naar_golf: Golfinfo
    optiemapping: Mapping[str, object] = field(default_factory=dict)

    @property
    def vergelijkbaar(self) -> bool:
        return self.soort != Koppelingsoort.NIET_VERGELIJKBAAR

    @property
    def soort_label(self) -> str:
        return str(Koppelingsoort(self.soort).label) if self.soort in Koppelingsoort.values else self.soort

    def naar_codes(self, oude_code: str) -> list[str]:
        if self.soort == Koppelingsoort.ZELFDE:
            return [oude_code]
        doel = self.optiemapping.get(oude_code, [])
        return [doel] if isinstance(doel, str) else [str(c) for c in (doel or [])]

    def oude_code(self, nieuwe_code: str) -> str | None:
        if self.soort == Koppelingsoort.ZELFDE:
            return nieuwe_code
        return next((oud for oud in self.optiemapping if nieuwe_code in self.naar_codes(oud)), None)
