"""The analysis of the survey of all Huizen, on plain data: distributions, percentages, means,
cross-tabulations, wave comparisons, open answers and a Huis against the averages.

Nothing here reads the database or knows about HTTP: `bevraging.selectors_analyse` turns the rows
into the plain records below (`Vraaginfo`, `Huisinfo`, `Antwoordinfo`) and the views turn the results
into pages. Every figure keeps the Huizen behind it (`Verdeling.huizen_voor(...)`), so a count and
the list of its Huizen cannot disagree.

Definitions (as in the 2022 survey report, seed 002):
- only responses that are submitted or validated count; the selectors pass only those;
- a question is *niet van toepassing* for a Huis when its skip logic hides it (the question it
  depends on is itself hidden or was not answered with one of `toon_als`), exactly as the interview
  shows it (`bevraging.selectors.zichtbare_vragen`); it is *ontbrekend* (missing) when it applies but
  has no answer; `n` is the number of Huizen that answered;
- percentages are of `n`, with two decimals, rounded half up (12,60 %); a multiple choice gives per
  option the % of the Huizen that answered the question and chose it (they add up to more than 100);
- scores are bucketed as the report does: 1-2, 3 and 4-5; the mean has two decimals, half up;
- the groups (VRIND cluster, province, gemeentelijk/intergemeentelijk, with/without a physical
  location) are those of the Opgroeien overview (`huizen.overzicht`): a Huis belongs to every
  cluster and province one of its gemeenten lies in today (an intermunicipal Huis across a border
  counts in both), is intergemeentelijk with more than one gemeente today, and has a physical
  location when its profile lists at least one Locatie.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from urllib.parse import urlencode

from django.db import models

from bevraging.models import MEERDERE_CODES, MET_OPTIES, Koppelingsoort, Vraagtype, is_leeg
from huizen.models import Provincie
from kern.cijfers import Fysiek, Werking
from kern.grafieken import GestapeldDiagram, Staafdiagram, gestapeld_diagram, staafdiagram
from kern.tabellen import Cel, Tabel, getal

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
    FYSIEK = "fysiek", "Met of zonder fysieke locatie"
    PROVINCIE = "provincie", "Provincie"


DIMENSIETITELS = {
    Dimensie.CLUSTER: "Antwoorden per VRIND-cluster",
    Dimensie.WERKING: "Antwoorden van gemeentelijke en intergemeentelijke Huizen",
    Dimensie.FYSIEK: "Antwoorden van Huizen met en zonder fysieke locatie",
    Dimensie.PROVINCIE: "Antwoorden per provincie",
}
FYSIEK_GROEPEN = {Fysiek.MET.value: str(Fysiek.MET.label), Fysiek.ZONDER.value: str(Fysiek.ZONDER.label)}


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
    fysiek: str = Fysiek.MET.value  # "met" or "zonder"

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


# --- numbers ---------------------------------------------------------------------------------------


def _afronden(waarde: Decimal, decimalen: int) -> Decimal:
    return waarde.quantize(Decimal(1).scaleb(-decimalen), rounding=ROUND_HALF_UP)


def procent(aantal: int, van: int, decimalen: int = 2) -> Decimal | None:
    """`aantal` as a percentage of `van`, rounded half up (None when `van` is 0)."""
    if not van:
        return None
    return _afronden(Decimal(100 * aantal) / Decimal(van), decimalen)


def gemiddelde(waarden: Sequence[Decimal], decimalen: int = 2) -> Decimal | None:
    if not waarden:
        return None
    return _afronden(sum(waarden, Decimal(0)) / Decimal(len(waarden)), decimalen)


def mediaan(waarden: Sequence[Decimal], decimalen: int = 2) -> Decimal | None:
    if not waarden:
        return None
    gesorteerd = sorted(waarden)
    midden = len(gesorteerd) // 2
    if len(gesorteerd) % 2:
        return _afronden(gesorteerd[midden], decimalen)
    return _afronden((gesorteerd[midden - 1] + gesorteerd[midden]) / 2, decimalen)


def _decimaal(waarde) -> Decimal | None:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return None
    try:
        getal_ = Decimal(str(waarde))
    except InvalidOperation:
        return None
    return getal_ if getal_.is_finite() else None


def procenttekst(waarde: Decimal | None) -> str:
    return "–" if waarde is None else f"{getal(waarde, 2)} %"


def getaltekst(waarde: Decimal | None, decimalen: int = 2) -> str:
    return "–" if waarde is None else getal(waarde, decimalen)


# --- skip logic: applies, answered, missing --------------------------------------------------------


def is_van_toepassing(
    vraag: Vraaginfo, vragen: Mapping[str, Vraaginfo], antwoorden: Mapping[str, Antwoordinfo]
) -> bool:
    """Whether the skip logic shows `vraag` to a Huis with these answers (as the interview does)."""
    gezien: set[str] = set()
    huidige = vraag
    while huidige.afhankelijk_van:
        if huidige.sleutel in gezien:
            return False
        gezien.add(huidige.sleutel)
        ouder = vragen.get(huidige.afhankelijk_van)
        if ouder is None:
            return False
        antwoord = antwoorden.get(ouder.sleutel)
        codes = set(ouder.codes(antwoord.waarde)) if antwoord else set()
        if not codes & set(huidige.toon_als):
            return False
        huidige = ouder
    return True


def status(vraag: Vraaginfo, vragen: Mapping[str, Vraaginfo], antwoorden: Mapping[str, Antwoordinfo]) -> str:
    """BEANTWOORD, ONTBREEKT (applies, no answer) or NVT (hidden by the skip logic)."""
    if not is_van_toepassing(vraag, vragen, antwoorden):
        return NVT
    antwoord = antwoorden.get(vraag.sleutel)
    return ONTBREEKT if antwoord is None or is_leeg(antwoord.waarde) else BEANTWOORD


def antwoordtekst(vraag: Vraaginfo, antwoord: Antwoordinfo | None, toestand: str = BEANTWOORD) -> str:
    """A Huis's answer in words: "4 – goede samenwerking", "Ja", "CKG; Andere: buurtwerk", "12"."""
    if toestand == NVT:
        return "niet van toepassing"
    if antwoord is None or is_leeg(antwoord.waarde):
        return "geen antwoord"
    waarde = antwoord.waarde
    if vraag.heeft_opties:
        delen = []
        for code in vraag.codes(waarde):
            optie = next((o for o in vraag.opties if o.code == code), None)
            tekst = vraag.label(code)
            if optie is not None and optie.is_andere and antwoord.andere_tekst.strip():
                tekst = f"{optie.label.rstrip(' …:.')}: {antwoord.andere_tekst.strip()}"
            delen.append(tekst)
        return "; ".join(delen)
    if vraag.is_getal:
        getal_ = _decimaal(waarde)
        if getal_ is None:
            return str(waarde)
        return f"{getal(getal_, vraag.decimalen)} {vraag.eenheid}".strip()
    return str(waarde)


# --- a distribution -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdeling:
    """The answers of a set of Huizen to one question, keeping the Huizen behind every figure."""

    vraag: Vraaginfo
    huizen: tuple[int, ...]  # every responding Huis considered
    per_status: Mapping[str, tuple[int, ...]]
    per_code: Mapping[str, tuple[int, ...]]  # option code -> Huizen that chose it
    getallen: tuple[Decimal, ...] = ()  # the scores or numbers answered

    @property
    def n(self) -> int:
        return len(self.per_status[BEANTWOORD])

    @property
    def ontbrekend(self) -> int:
        return len(self.per_status[ONTBREEKT])

    @property
    def niet_van_toepassing(self) -> int:
        return len(self.per_status[NVT])

    def waarden(self) -> list[str]:
        """Every value `huizen_voor` understands: "" (all), the statuses, codes and score buckets."""
        klassen = [code for code, _label, _scores in SCOREKLASSEN] if self.vraag.is_score else []
        return ["", *STATUSSEN, *(o.code for o in self.vraag.opties), *klassen]

    def huizen_voor(self, waarde: str) -> tuple[int, ...]:
        """The Huizen behind a figure: "" all, a status, an option code or a score bucket."""
        if waarde == "":
            return self.huizen
        if waarde in self.per_status:
            return self.per_status[waarde]
        if self.vraag.is_score:
            for code, _label, scores in SCOREKLASSEN:
                if code == waarde:
                    gekozen = {pk for s in scores for pk in self.per_code.get(str(s), ())}
                    return tuple(pk for pk in self.huizen if pk in gekozen)
        return tuple(self.per_code.get(waarde, ()))

    def aantal(self, waarde: str) -> int:
        return len(self.huizen_voor(waarde))

    def procent(self, waarde: str) -> Decimal | None:
        """The share of the Huizen that answered (n)."""
        return procent(self.aantal(waarde), self.n)

    @property
    def gemiddelde(self) -> Decimal | None:
        return gemiddelde(self.getallen)

    @property
    def mediaan(self) -> Decimal | None:
        return mediaan(self.getallen)

    @property
    def minimum(self) -> Decimal | None:
        return min(self.getallen) if self.getallen else None

    @property
    def maximum(self) -> Decimal | None:
        return max(self.getallen) if self.getallen else None

    @property
    def procent_hoog(self) -> Decimal | None:
        """% score 4-5."""
        return self.procent("4-5") if self.vraag.is_score else None

    @property
    def procent_midden(self) -> Decimal | None:
        return self.procent("3") if self.vraag.is_score else None

    @property
    def procent_laag(self) -> Decimal | None:
        """% score 1-2."""
        return self.procent("1-2") if self.vraag.is_score else None

    @property
    def procent_ja(self) -> Decimal | None:
        return self.procent("ja") if self.vraag.is_ja_nee else None

    def categorieen(self) -> list[tuple[str, str]]:
        """The columns of a cross-tab: the score buckets, or the options."""
        if self.vraag.is_score:
            return [(code, label) for code, label, _scores in SCOREKLASSEN]
        return [(o.code, o.label) for o in self.vraag.opties]

    def top(self, aantal: int = TOP) -> list[tuple[Optie, int, Decimal | None]]:
        """The most chosen options (most first, then in the list's order), none chosen left out."""
        if self.vraag.is_score or self.vraag.is_ja_nee or not self.vraag.heeft_opties:
            return []
        gekozen = [(o, self.aantal(o.code)) for o in self.vraag.opties]
        gekozen = sorted((paar for paar in gekozen if paar[1]), key=lambda paar: -paar[1])
        return [(o, n, procent(n, self.n)) for o, n in gekozen[:aantal]]


def verdeling(
    vraag: Vraaginfo, vragen: Mapping[str, Vraaginfo], antwoorden: Antwoorden, huizen: Iterable[int]
) -> Verdeling:
    """The distribution of the answers of `huizen` (Huis pks, all responding) to `vraag`."""
    huizen = tuple(huizen)
    per_status: dict[str, list[int]] = {s: [] for s in STATUSSEN}
    per_code: dict[str, list[int]] = {o.code: [] for o in vraag.opties}
    getallen: list[Decimal] = []
    for pk in huizen:
        eigen = antwoorden.get(pk, {})
        toestand = status(vraag, vragen, eigen)
        per_status[toestand].append(pk)
        if toestand != BEANTWOORD:
            continue
        waarde = eigen[vraag.sleutel].waarde
        for code in dict.fromkeys(vraag.codes(waarde)):
            if code in per_code:
                per_code[code].append(pk)
        if vraag.is_score or vraag.is_getal:
            getal_ = _decimaal(waarde)
            if getal_ is not None:
                getallen.append(getal_)
    return Verdeling(
        vraag=vraag,
        huizen=huizen,
        per_status={s: tuple(pks) for s, pks in per_status.items()},
        per_code={c: tuple(pks) for c, pks in per_code.items()},
        getallen=tuple(getallen),
    )


def samenvatting(
    vragen: Sequence[Vraaginfo], antwoorden: Antwoorden, huizen: Iterable[int]
) -> list[Verdeling]:
    """A distribution for every question, in the questionnaire's order."""
    per_sleutel = {v.sleutel: v for v in vragen}
    huizen = tuple(huizen)
    return [verdeling(v, per_sleutel, antwoorden, huizen) for v in vragen]


# --- groups and cross-tabs ------------------------------------------------------------------------


@dataclass(frozen=True)
class Groep:
    dimensie: str
    code: str
    label: str
    huizen: tuple[int, ...]

    @property
    def sleutel(self) -> str:
        """The value of `groep=` in a link to the Huizen behind a figure."""
        return f"{self.dimensie}:{self.code}"


def _groepscodes(huis: Huisinfo, dimensie: str) -> list[str]:
    if dimensie == Dimensie.CLUSTER:
        return [str(c) for c in huis.clusters] or [GEEN_CLUSTER]
    if dimensie == Dimensie.PROVINCIE:
        return list(huis.provincies)
    if dimensie == Dimensie.WERKING:
        return [huis.werking]
    if dimensie == Dimensie.FYSIEK:
        return [huis.fysiek]
    return []


def mogelijke_groepen(dimensie: str, clusternamen: Mapping[int, str]) -> list[tuple[str, str]]:
    if dimensie == Dimensie.CLUSTER:
        return [(str(n), clusternamen[n]) for n in sorted(clusternamen)] + [
            (GEEN_CLUSTER, "Geen VRIND-cluster (bv. Brussel)")
        ]
    if dimensie == Dimensie.PROVINCIE:
        return [(str(p.value), str(p.label)) for p in Provincie]
    if dimensie == Dimensie.WERKING:
        return [(str(w.value), str(w.label)) for w in Werking]
    if dimensie == Dimensie.FYSIEK:
        return list(FYSIEK_GROEPEN.items())
    return []


# Groups shown even when empty (the others only when a Huis belongs to them).
ALTIJD_GETOOND = {
    Dimensie.WERKING: {Werking.GEMEENTELIJK.value, Werking.INTERGEMEENTELIJK.value},
    Dimensie.FYSIEK: set(FYSIEK_GROEPEN),
}


def groepen(huizen: Sequence[Huisinfo], dimensie: str, clusternamen: Mapping[int, str]) -> list[Groep]:
    """The groups of a dimension with their Huizen, in a fixed order (a Huis can be in two)."""
    leden: dict[str, list[int]] = {}
    for huis in huizen:
        for code in _groepscodes(huis, dimensie):
            leden.setdefault(code, []).append(huis.pk)
    altijd = ALTIJD_GETOOND.get(dimensie, set())
    return [
        Groep(dimensie, code, label, tuple(leden.get(code, ())))
        for code, label in mogelijke_groepen(dimensie, clusternamen)
        if code in leden or code in altijd
    ]


def groep(huizen: Sequence[Huisinfo], sleutel: str, clusternamen: Mapping[int, str]) -> Groep | None:
    """The group named by `sleutel` ("cluster:3", "fysiek:met" …); None when there is no such group."""
    dimensie, _, code = sleutel.partition(":")
    if dimensie not in Dimensie.values:
        return None
    for mogelijk, label in mogelijke_groepen(dimensie, clusternamen):
        if mogelijk == code:
            leden = tuple(h.pk for h in huizen if code in _groepscodes(h, dimensie))
            return Groep(dimensie, code, label, leden)
    return None


@dataclass(frozen=True)
class Kruisrij:
    groep: Groep | None  # None: all Huizen
    verdeling: Verdeling

    @property
    def label(self) -> str:
        return self.groep.label if self.groep else "Alle Huizen"

    @property
    def groepsleutel(self) -> str:
        return self.groep.sleutel if self.groep else ""


@dataclass(frozen=True)
class Kruistabel:
    vraag: Vraaginfo
    dimensie: str
    totaal: Kruisrij
    rijen: list[Kruisrij]

    @property
    def alle_rijen(self) -> list[Kruisrij]:
        return [self.totaal, *self.rijen]


def kruistabel(
    vraag: Vraaginfo,
    vragen: Mapping[str, Vraaginfo],
    antwoorden: Antwoorden,
    huizen: Sequence[Huisinfo],
    dimensie: str,
    clusternamen: Mapping[int, str],
) -> Kruistabel:
    """The answers to `vraag` per group of `dimensie` (rows), with all Huizen on top."""
    totaal = Kruisrij(None, verdeling(vraag, vragen, antwoorden, (h.pk for h in huizen)))
    rijen = [
        Kruisrij(g, verdeling(vraag, vragen, antwoorden, g.huizen))
        for g in groepen(huizen, dimensie, clusternamen)
    ]
    return Kruistabel(vraag=vraag, dimensie=dimensie, totaal=totaal, rijen=rijen)


# --- wave comparison ------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class Vergelijkingsrij:
    code: str
    label: str
    eerder: int
    eerder_procent: Decimal | None
    later: int
    later_procent: Decimal | None


@dataclass(frozen=True)
class Vergelijking:
    koppeling: Koppelinginfo
    eerder: Verdeling | None  # None when the questions are not comparable
    later: Verdeling | None
    rijen: list[Vergelijkingsrij]
    waarschuwingen: list[str]

    @property
    def vergelijkbaar(self) -> bool:
        return self.koppeling.vergelijkbaar

    @property
    def met_gemiddelde(self) -> bool:
        return bool(self.eerder and self.later and self.eerder.vraag.is_score and self.later.vraag.is_score)


def _citaat(tekst: str) -> str:
    return f"‘{tekst.strip()}’"


def waarschuwingen(koppeling: Koppelinginfo) -> list[str]:
    """What a reader must know before comparing: another mode, other wording, recoded answers."""
    eerder, later = koppeling.van_golf, koppeling.naar_golf
    meldingen = []
    if not koppeling.vergelijkbaar:
        meldingen.append(
            f"Niet vergelijkbaar: de vraag van {eerder.jaar} en die van {later.jaar} verschillen te veel "
            "om hun cijfers naast elkaar te zetten."
        )
        return meldingen
    if eerder.modus != later.modus:
        meldingen.append(
            f"Andere manier van bevragen: in {eerder.jaar} {eerder.modus_label}, in {later.jaar} "
            f"{later.modus_label}. Een verschil kan ook daaruit voortkomen."
        )
    if koppeling.van.tekst.strip() != koppeling.naar.tekst.strip():
        meldingen.append(
            f"Andere vraagstelling: {eerder.jaar} {_citaat(koppeling.van.tekst)}, "
            f"{later.jaar} {_citaat(koppeling.naar.tekst)}."
        )
    if koppeling.soort == Koppelingsoort.GEHERCODEERD:
        delen = []
        for optie in koppeling.van.opties:
            nieuw = [koppeling.naar.label(c) for c in koppeling.naar_codes(optie.code)]
            if nieuw:
                delen.append(f"{_citaat(optie.label)} = {' of '.join(_citaat(n) for n in nieuw)}")
        meldingen.append(
            f"Gehercodeerd: de antwoorden van {later.jaar} zijn geteld volgens de antwoorden van "
            f"{eerder.jaar}" + (f" ({'; '.join(delen)})." if delen else ".")
        )
    return meldingen


def vergelijking(koppeling: Koppelinginfo, eerder: Verdeling | None, later: Verdeling | None) -> Vergelijking:
    """The earlier and later wave's answers side by side, in the earlier wave's answer codes.

    A Huis of the later wave counts under an earlier code when one of its codes maps onto it
    (so a multiple choice still counts each Huis once per code); percentages are of each wave's n.
    For scores in both waves the rows are the buckets 1-2, 3 and 4-5.
    """
    meldingen = waarschuwingen(koppeling)
    if not koppeling.vergelijkbaar or eerder is None or later is None:
        return Vergelijking(koppeling, None, None, [], meldingen)
    rijen: list[Vergelijkingsrij] = []
    if eerder.vraag.is_score and later.vraag.is_score and koppeling.soort == Koppelingsoort.ZELFDE:
        for code, label, _scores in SCOREKLASSEN:
            rijen.append(
                Vergelijkingsrij(
                    code,
                    label,
                    eerder.aantal(code),
                    eerder.procent(code),
                    later.aantal(code),
                    later.procent(code),
                )
            )
    else:
        omgezet: dict[str, set[int]] = {}
        niet_toe_te_wijzen: set[int] = set()
        for nieuwe_code, pks in later.per_code.items():
            oud = koppeling.oude_code(nieuwe_code)
            if oud is None:
                niet_toe_te_wijzen.update(pks)
            else:
                omgezet.setdefault(oud, set()).update(pks)
        for optie in eerder.vraag.opties:
            aantal_later = len(omgezet.get(optie.code, ()))
            rijen.append(
                Vergelijkingsrij(
                    optie.code,
                    optie.label,
                    eerder.aantal(optie.code),
                    eerder.procent(optie.code),
                    aantal_later,
                    procent(aantal_later, later.n),
                )
            )
        if niet_toe_te_wijzen:
            rijen.append(
                Vergelijkingsrij(
                    "",
                    "Niet toe te wijzen aan een antwoord van de vroegere golf",
                    0,
                    None,
                    len(niet_toe_te_wijzen),
                    procent(len(niet_toe_te_wijzen), later.n),
                )
            )
    return Vergelijking(koppeling, eerder, later, rijen, meldingen)


# --- open answers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpenAntwoord:
    huis: Huisinfo
    soort: str  # "antwoord", "toelichting" or "andere"
    label: str
    tekst: str
    clusters: str = ""  # the Huis's VRIND clusters in words


def _zoekvorm(tekst: str) -> str:
    """Lower case without accents, so "coordinatie" finds "coördinatie"."""
    ontleed = unicodedata.normalize("NFKD", tekst.casefold())
    return "".join(teken for teken in ontleed if not unicodedata.combining(teken))


def open_antwoorden(
    vraag: Vraaginfo,
    vragen: Mapping[str, Vraaginfo],
    antwoorden: Antwoorden,
    huizen: Sequence[Huisinfo],
    *,
    cluster: str = "",
    zoekterm: str = "",
    clusternamen: Mapping[int, str] | None = None,
) -> list[OpenAntwoord]:
    """The open texts to a question (the answer of an open question, the open field, "andere: …"),
    of the Huizen in `cluster` (a number or GEEN_CLUSTER; "" all) whose text or name holds `zoekterm`."""
    gezocht = _zoekvorm(zoekterm.strip())
    lijst = []
    for huis in sorted(huizen, key=lambda h: (h.naam.casefold(), h.pk)):
        if cluster == GEEN_CLUSTER and huis.clusters:
            continue
        if cluster not in ("", GEEN_CLUSTER) and cluster not in {str(c) for c in huis.clusters}:
            continue
        eigen = antwoorden.get(huis.pk, {})
        antwoord = eigen.get(vraag.sleutel)
        if antwoord is None or status(vraag, vragen, eigen) == NVT:
            continue
        clusterlabel = clusterlijst(huis, clusternamen or {})
        teksten = []
        if vraag.is_open and isinstance(antwoord.waarde, str) and antwoord.waarde.strip():
            teksten.append(("antwoord", "Antwoord", antwoord.waarde.strip()))
        if antwoord.andere_tekst.strip():
            andere = next((o.label for o in vraag.opties if o.is_andere), "Andere")
            teksten.append(("andere", andere.rstrip(" …:."), antwoord.andere_tekst.strip()))
        if antwoord.toelichting.strip():
            teksten.append(
                ("toelichting", vraag.open_veld_label or "Toelichting", antwoord.toelichting.strip())
            )
        for soort, label, tekst in teksten:
            if gezocht and gezocht not in _zoekvorm(tekst) and gezocht not in _zoekvorm(huis.naam):
                continue
            lijst.append(
                OpenAntwoord(huis=huis, soort=soort, label=label, tekst=tekst, clusters=clusterlabel)
            )
    return lijst


# --- a Huis against Flanders and its cluster ------------------------------------------------------


@dataclass(frozen=True)
class Clusterkolom:
    nummer: int
    label: str
    antwoorden: int  # responding Huizen of the cluster
    getoond: bool  # at least MINIMUM_ANTWOORDEN of them


@dataclass(frozen=True)
class Vergelijkingsregel:
    """One figure of a question: the Huis's answer, Flanders and each shown cluster."""

    vraag: Vraaginfo
    eigen: str
    maat: str
    soort: str  # "procent" or "gemiddelde"
    vlaanderen: Decimal | None
    vlaanderen_n: int
    clusters: tuple[Decimal | None, ...]


@dataclass(frozen=True)
class Huisvergelijking:
    """Aggregates only: never another Huis's answer or open text."""

    huis: Huisinfo
    eigen_beschikbaar: bool
    antwoorden_vlaanderen: int
    clusters: list[Clusterkolom]
    per_thema: list[tuple[str, str, list[Vergelijkingsregel]]]  # (theme key, title, rows)

    @property
    def getoonde_clusters(self) -> list[Clusterkolom]:
        return [c for c in self.clusters if c.getoond]


def _drempel(verdeling: Verdeling, waarde: Decimal | None, minimum: int) -> Decimal | None:
    return waarde if verdeling.n >= minimum else None


Maat = tuple[str, str, Callable[[Verdeling], Decimal | None], str]


def _maten(vraag: Vraaginfo, eigen_tekst: str, eigen_codes: set[str], met_eigen: bool) -> list[Maat]:
    """The figures compared for a question: (label, soort, how to measure, the Huis's answer)."""
    if vraag.is_score:
        return [
            ("% score 4-5", "procent", lambda v: v.procent_hoog, eigen_tekst),
            ("Gemiddelde score", "gemiddelde", lambda v: v.gemiddelde, eigen_tekst),
        ]
    if vraag.is_ja_nee:
        return [("% ja", "procent", lambda v: v.procent_ja, eigen_tekst)]
    if vraag.is_getal:
        return [("Gemiddelde", "gemiddelde", lambda v: v.gemiddelde, eigen_tekst)]
    maten: list[Maat] = []
    for optie in vraag.opties:
        gekozen = ("gekozen" if optie.code in eigen_codes else "niet gekozen") if met_eigen else "–"
        maten.append(
            (f"% koos ‘{optie.label}’", "procent", lambda v, code=optie.code: v.procent(code), gekozen)
        )
    return maten


def huisvergelijking(
    vragen: Sequence[Vraaginfo],
    antwoorden: Antwoorden,
    huizen: Sequence[Huisinfo],
    huis: Huisinfo,
    eigen: Mapping[str, Antwoordinfo] | None,
    clusternamen: Mapping[int, str],
    minimum: int = MINIMUM_ANTWOORDEN,
) -> Huisvergelijking:
    """The Huis's answers (`eigen`; None when its response is not submitted) next to % score 4-5,
    the mean, % ja and the share per option in Flanders and in each cluster of the Huis.

    `antwoorden` and `huizen` are all responding Huizen. A cluster with fewer than `minimum`
    responses gets no column; a figure over fewer than `minimum` answers is left out (None).
    """
    per_sleutel = {v.sleutel: v for v in vragen}
    alle = tuple(h.pk for h in huizen)
    clusters = []
    leden_per_cluster = []
    for nummer in huis.clusters:
        leden = tuple(h.pk for h in huizen if nummer in h.clusters)
        clusters.append(
            Clusterkolom(nummer, clusternamen.get(nummer, str(nummer)), len(leden), len(leden) >= minimum)
        )
        if len(leden) >= minimum:
            leden_per_cluster.append(leden)
    per_thema: dict[str, tuple[str, list[Vergelijkingsregel]]] = {}
    for vraag in vragen:
        if vraag.is_open:
            continue
        vl = verdeling(vraag, per_sleutel, antwoorden, alle)
        cl = [verdeling(vraag, per_sleutel, antwoorden, leden) for leden in leden_per_cluster]
        if eigen is None:
            eigen_tekst, eigen_codes = "–", set()
        else:
            toestand = status(vraag, per_sleutel, eigen)
            antwoord = eigen.get(vraag.sleutel)
            eigen_tekst = antwoordtekst(vraag, antwoord, toestand)
            eigen_codes = set(vraag.codes(antwoord.waarde)) if antwoord and toestand == BEANTWOORD else set()
        regels = per_thema.setdefault(vraag.thema, (vraag.thema_titel, []))[1]
        for maat, soort, waarde, tekst in _maten(vraag, eigen_tekst, eigen_codes, eigen is not None):
            regels.append(
                Vergelijkingsregel(
                    vraag=vraag,
                    eigen=tekst,
                    maat=maat,
                    soort=soort,
                    vlaanderen=_drempel(vl, waarde(vl), minimum),
                    vlaanderen_n=vl.n,
                    clusters=tuple(_drempel(v, waarde(v), minimum) for v in cl),
                )
            )
    return Huisvergelijking(
        huis=huis,
        eigen_beschikbaar=eigen is not None,
        antwoorden_vlaanderen=len(alle),
        clusters=clusters,
        per_thema=[(sleutel, titel, rijen) for sleutel, (titel, rijen) in per_thema.items()],
    )


# --- tables: the page and its CSV and XLSX downloads ----------------------------------------------


@dataclass(frozen=True)
class Linkcel(Cel):
    """A cell that links to another page (`href`, with its query string)."""

    href: str = ""


@dataclass(frozen=True)
class Procentcel(Linkcel):
    """A percentage with two decimals as the survey report prints them (12,60 %).

    Stored as `gemiddelde` so the CSV and XLSX downloads keep both decimals (12,60 / 0.00).
    """

    soort: str = "gemiddelde"

    @property
    def tekst(self) -> str:
        return procenttekst(None if self.waarde is None else Decimal(self.waarde))


def _tekst(waarde) -> Cel:
    return Cel(str(waarde))


def _getalcel(waarde: Decimal | None, decimalen: int = 2) -> Cel:
    return Cel(waarde, "gemiddelde" if decimalen == 2 else "aantal")


@dataclass(frozen=True)
class Koppelingen:
    """How the tables link: to a question's page and to the Huizen behind a figure."""

    vraag_url: Callable[[str], str]
    huizen_url: Callable[[str], str]
    filter: Mapping[str, str] = field(default_factory=dict)

    def vraag(self, sleutel: str, **extra: str) -> str:
        parameters = {**self.filter, **{k: v for k, v in extra.items() if v}}
        return self.vraag_url(sleutel) + (f"?{urlencode(parameters)}" if parameters else "")

    def huizen(self, sleutel: str, waarde: str = "", groep: str = "") -> str:
        parameters = {
            **self.filter,
            **({"waarde": waarde} if waarde else {}),
            **({"groep": groep} if groep else {}),
        }
        return self.huizen_url(sleutel) + (f"?{urlencode(parameters)}" if parameters else "")


def _aantalcel(verdeling: Verdeling, waarde: str, links: Koppelingen | None, groep: str = "") -> Cel:
    aantal = verdeling.aantal(waarde)
    if links is None:
        return Cel(aantal, "aantal")
    return Linkcel(aantal, "aantal", href=links.huizen(verdeling.vraag.sleutel, waarde, groep))


def _top_tekst(verdeling: Verdeling) -> str:
    return "; ".join(f"{o.label} ({procenttekst(p)})" for o, _n, p in verdeling.top())


def thematabellen(verdelingen: Sequence[Verdeling], links: Koppelingen) -> dict[str, Tabel]:
    """Per theme a table with a compact summary of every question (named "thema-<key>")."""
    per_thema: dict[str, list[Verdeling]] = {}
    titels: dict[str, str] = {}
    for v in verdelingen:
        per_thema.setdefault(v.vraag.thema, []).append(v)
        titels[v.vraag.thema] = v.vraag.thema_titel
    tabellen = {}
    for thema, lijst in per_thema.items():
        rijen = []
        for v in lijst:
            vraag = v.vraag
            rijen.append(
                [
                    Linkcel(vraag.tekst, href=links.vraag(vraag.sleutel)),
                    _tekst(vraag.soort),
                    _aantalcel(v, BEANTWOORD, links),
                    _aantalcel(v, ONTBREEKT, links),
                    _aantalcel(v, NVT, links),
                    Procentcel(v.procent_laag),
                    Procentcel(v.procent_midden),
                    Procentcel(v.procent_hoog),
                    _getalcel(v.gemiddelde),
                    Procentcel(v.procent_ja),
                    _tekst(_top_tekst(v) or "–"),
                ]
            )
        naam = f"thema-{thema}"
        tabellen[naam] = Tabel(
            naam=naam,
            titel=titels[thema],
            kolommen=[
                "Vraag",
                "Soort vraag",
                "Beantwoord (n)",
                "Geen antwoord",
                "Niet van toepassing",
                "% score 1-2",
                "% score 3",
                "% score 4-5",
                "Gemiddelde",
                "% ja",
                "Meest gekozen",
            ],
            rijen=rijen,
            toelichting=(
                "Percentages van de Huizen die de vraag beantwoordden (n). Niet van toepassing: de vraag "
                "werd niet gesteld omdat een eerder antwoord ze overbodig maakte."
            ),
        )
    return tabellen


def themagrafieken(verdelingen: Sequence[Verdeling]) -> dict[str, list[GestapeldDiagram | Staafdiagram]]:
    """Per theme: the score questions as 100 % bars (1-2 / 3 / 4-5), the yes/no questions as % ja."""
    per_thema: dict[str, list[Verdeling]] = {}
    for v in verdelingen:
        per_thema.setdefault(v.vraag.thema, []).append(v)
    grafieken: dict[str, list[GestapeldDiagram | Staafdiagram]] = {}
    for thema, lijst in per_thema.items():
        scores = [v for v in lijst if v.vraag.is_score and v.n]
        ja_nee = [v for v in lijst if v.vraag.is_ja_nee and v.n]
        titel = lijst[0].vraag.thema_titel
        grafieken[thema] = []
        if scores:
            grafieken[thema].append(scoregrafiek(f"{titel}: scores", [(v.vraag.kort, v) for v in scores]))
        if ja_nee:
            grafieken[thema].append(
                staafdiagram(
                    titel=f"{titel}: % ja",
                    reeksen=["% ja"],
                    rijen=[(v.vraag.kort, [_float(v.procent_ja)]) for v in ja_nee],
                    maximum=100,
                    decimalen=2,
                )
            )
    return grafieken


def _float(waarde: Decimal | None) -> float | None:
    return None if waarde is None else float(waarde)


def scoregrafiek(titel: str, rijen: Sequence[tuple[str, Verdeling]]) -> GestapeldDiagram:
    return gestapeld_diagram(
        titel=titel,
        reeksen=[label for _c, label, _s in SCOREKLASSEN],
        rijen=[(label, [_float(v.procent(code)) for code, _l, _s in SCOREKLASSEN]) for label, v in rijen],
        notities=[f"n = {v.n}" for _label, v in rijen],
        decimalen=1,
        palet="score",
    )


def kerncijfertabel(v: Verdeling, links: Koppelingen) -> Tabel:
    """n, missing, not applicable and the key figures of the question."""
    rijen = [
        [_tekst("Beantwoord (n)"), _aantalcel(v, BEANTWOORD, links)],
        [_tekst("Geen antwoord (ontbrekend)"), _aantalcel(v, ONTBREEKT, links)],
        [_tekst("Niet van toepassing"), _aantalcel(v, NVT, links)],
    ]
    if v.vraag.is_score:
        rijen += [
            [_tekst("% score 4-5"), Procentcel(v.procent_hoog)],
            [_tekst("% score 1-2"), Procentcel(v.procent_laag)],
            [_tekst("Gemiddelde score"), _getalcel(v.gemiddelde)],
        ]
    if v.vraag.is_ja_nee:
        rijen.append([_tekst("% ja"), Procentcel(v.procent_ja)])
    if v.vraag.is_getal:
        eenheid = f" ({v.vraag.eenheid})" if v.vraag.eenheid else ""
        rijen += [
            [_tekst(f"Gemiddelde{eenheid}"), _getalcel(v.gemiddelde)],
            [_tekst(f"Mediaan{eenheid}"), _getalcel(v.mediaan)],
            [_tekst(f"Kleinste{eenheid}"), _getalcel(v.minimum)],
            [_tekst(f"Grootste{eenheid}"), _getalcel(v.maximum)],
        ]
    return Tabel(
        naam="kerncijfers",
        titel="Kerncijfers",
        kolommen=["Kerncijfer", "Waarde"],
        rijen=rijen,
        toelichting="Alleen ingediende of gevalideerde antwoorden tellen mee.",
    )


def verdelingstabel(v: Verdeling, links: Koppelingen) -> Tabel | None:
    """The answers per option (per score, then per bucket) in counts and % of n."""
    vraag = v.vraag
    if not vraag.heeft_opties:
        return None
    rijen = [
        [_tekst(vraag.label(o.code)), _aantalcel(v, o.code, links), Procentcel(v.procent(o.code))]
        for o in vraag.opties
    ]
    if vraag.is_score:
        rijen += [
            [_tekst(label), _aantalcel(v, code, links), Procentcel(v.procent(code))]
            for code, label, _s in SCOREKLASSEN
        ]
    toelichting = f"Percentages van de {v.n} Huizen die de vraag beantwoordden."
    if vraag.is_meervoudig:
        toelichting += " Een Huis kon meer dan één antwoord aanduiden: samen is dat meer dan 100 %."
    return Tabel(
        naam="verdeling",
        titel="Verdeling van de antwoorden",
        kolommen=["Antwoord", "Huizen", "% van de Huizen die antwoordden"],
        rijen=rijen,
        toelichting=toelichting,
    )


def verdelingsgrafiek(v: Verdeling) -> Staafdiagram | GestapeldDiagram | None:
    vraag = v.vraag
    if not vraag.heeft_opties or not v.n:
        return None
    return staafdiagram(
        titel=f"Verdeling van de antwoorden (n = {v.n})",
        reeksen=["% van de Huizen die antwoordden"],
        rijen=[(vraag.label(o.code), [_float(v.procent(o.code))]) for o in vraag.opties],
        maximum=100,
        decimalen=2,
    )


def kruistabeltabel(kruis: Kruistabel, links: Koppelingen, dimensielabel: str) -> Tabel:
    """Rows = groups, columns = score buckets or options, each a count and a row %, with n."""
    vraag = kruis.vraag
    categorieen = kruis.totaal.verdeling.categorieen()
    kolommen = [dimensielabel, "Beantwoord (n)"]
    for _code, label in categorieen:
        kolommen += [f"{label}: Huizen", f"{label}: %"]
    if vraag.is_score or vraag.is_getal:
        kolommen.append("Gemiddelde")
    kolommen += ["Geen antwoord", "Niet van toepassing"]
    rijen = []
    for rij in kruis.alle_rijen:
        v, groepsleutel = rij.verdeling, rij.groepsleutel
        cellen: list[Cel] = [_tekst(rij.label), _aantalcel(v, BEANTWOORD, links, groepsleutel)]
        for code, _label in categorieen:
            cellen += [_aantalcel(v, code, links, groepsleutel), Procentcel(v.procent(code))]
        if vraag.is_score or vraag.is_getal:
            cellen.append(_getalcel(v.gemiddelde))
        cellen += [_aantalcel(v, ONTBREEKT, links, groepsleutel), _aantalcel(v, NVT, links, groepsleutel)]
        rijen.append(cellen)
    toelichting = "Rijpercentages: van de Huizen in de groep die de vraag beantwoordden (n)."
    if kruis.dimensie in (Dimensie.CLUSTER, Dimensie.PROVINCIE):
        toelichting += (
            " Een Huis telt mee in elke cluster en provincie waarin een van zijn gemeenten vandaag ligt."
        )
    if kruis.dimensie == Dimensie.FYSIEK:
        toelichting += " Fysieke locatie: het profiel van het Huis vermeldt minstens één locatie."
    if vraag.is_meervoudig:
        toelichting += " Een Huis kon meer dan één antwoord aanduiden."
    return Tabel(
        naam="kruistabel",
        titel=DIMENSIETITELS.get(kruis.dimensie, dimensielabel),
        kolommen=kolommen,
        rijen=rijen,
        toelichting=toelichting,
    )


def kruistabelgrafiek(kruis: Kruistabel, dimensielabel: str) -> GestapeldDiagram | Staafdiagram | None:
    vraag = kruis.vraag
    rijen = [r for r in kruis.alle_rijen if r.verdeling.n]
    if not rijen or not vraag.heeft_opties:
        return None
    titel = DIMENSIETITELS.get(kruis.dimensie, dimensielabel)
    if vraag.is_score:
        return scoregrafiek(titel, [(r.label, r.verdeling) for r in rijen])
    categorieen = kruis.totaal.verdeling.categorieen()
    if not vraag.is_meervoudig:
        return gestapeld_diagram(
            titel=titel,
            reeksen=[label for _c, label in categorieen],
            rijen=[(r.label, [_float(r.verdeling.procent(c)) for c, _l in categorieen]) for r in rijen],
            notities=[f"n = {r.verdeling.n}" for r in rijen],
            decimalen=1,
        )
    if len(rijen) > 4:  # four colours; the table holds every group
        return None
    return staafdiagram(
        titel=titel,
        reeksen=[r.label for r in rijen],
        rijen=[(label, [_float(r.verdeling.procent(c)) for r in rijen]) for c, label in categorieen],
        maximum=100,
        decimalen=2,
    )


def vergelijkingstabel(vergelijking: Vergelijking, naam: str) -> Tabel:
    eerder, later = vergelijking.koppeling.van_golf, vergelijking.koppeling.naar_golf
    rijen = [
        [
            _tekst(r.label),
            Cel(r.eerder, "aantal"),
            Procentcel(r.eerder_procent),
            Cel(r.later, "aantal"),
            Procentcel(r.later_procent),
        ]
        for r in vergelijking.rijen
    ]
    if vergelijking.eerder and vergelijking.later:
        rijen.append(
            [
                _tekst("Beantwoord (n)"),
                Cel(vergelijking.eerder.n, "aantal"),
                Procentcel(None),
                Cel(vergelijking.later.n, "aantal"),
                Procentcel(None),
            ]
        )
        if vergelijking.met_gemiddelde:
            rijen.append(
                [
                    _tekst("Gemiddelde score"),
                    _getalcel(vergelijking.eerder.gemiddelde),
                    Procentcel(None),
                    _getalcel(vergelijking.later.gemiddelde),
                    Procentcel(None),
                ]
            )
    return Tabel(
        naam=naam,
        titel=f"Vergelijking {eerder.naam} en {later.naam}",
        kolommen=[
            "Antwoord",
            f"{eerder.jaar}: Huizen",
            f"{eerder.jaar}: %",
            f"{later.jaar}: Huizen",
            f"{later.jaar}: %",
        ],
        rijen=rijen,
        toelichting=" ".join(vergelijking.waarschuwingen),
    )


def vergelijkingsgrafiek(vergelijking: Vergelijking) -> Staafdiagram | None:
    if not vergelijking.rijen:
        return None
    eerder, later = vergelijking.koppeling.van_golf, vergelijking.koppeling.naar_golf
    return staafdiagram(
        titel=f"{eerder.jaar} en {later.jaar} naast elkaar (% van de Huizen die antwoordden)",
        reeksen=[str(eerder.jaar), str(later.jaar)],
        rijen=[(r.label, [_float(r.eerder_procent), _float(r.later_procent)]) for r in vergelijking.rijen],
        maximum=100,
        decimalen=2,
    )


def clusterlijst(huis: Huisinfo, clusternamen: Mapping[int, str]) -> str:
    return ", ".join(clusternamen.get(c, str(c)) for c in huis.clusters) or "geen"


def _huiscellen(huis: Huisinfo, clusternamen: Mapping[int, str]) -> list[Cel]:
    return [
        _tekst(", ".join(huis.gemeenten) or "–"),
        _tekst(clusterlijst(huis, clusternamen)),
        _tekst(huis.werking_label),
        _tekst(huis.fysiek_label),
    ]


def open_antwoordentabel(lijst: Sequence[OpenAntwoord], clusternamen: Mapping[int, str]) -> Tabel:
    return Tabel(
        naam="open-antwoorden",
        titel="Open antwoorden",
        kolommen=[
            "Huis",
            "Gemeenten vandaag",
            "VRIND-cluster",
            "Werking",
            "Fysieke locatie",
            "Veld",
            "Antwoord",
        ],
        rijen=[
            [_tekst(a.huis.naam), *_huiscellen(a.huis, clusternamen), _tekst(a.label), _tekst(a.tekst)]
            for a in lijst
        ],
    )


@dataclass(frozen=True)
class Huisrij:
    huis: Huisinfo
    antwoord: str
    toelichting: str
    clusters: str = ""


def huisrijen(
    vraag: Vraaginfo,
    vragen: Mapping[str, Vraaginfo],
    antwoorden: Antwoorden,
    huizen: Sequence[Huisinfo],
    pks: Iterable[int],
    clusternamen: Mapping[int, str] | None = None,
) -> list[Huisrij]:
    """The Huizen behind a figure (by name) with their answer in words and their open field."""
    gekozen = set(pks)
    rijen = []
    for huis in sorted((h for h in huizen if h.pk in gekozen), key=lambda h: (h.naam.casefold(), h.pk)):
        eigen = antwoorden.get(huis.pk, {})
        antwoord = eigen.get(vraag.sleutel)
        toestand = status(vraag, vragen, eigen)
        rijen.append(
            Huisrij(
                huis=huis,
                antwoord=antwoordtekst(vraag, antwoord, toestand),
                toelichting=antwoord.toelichting.strip() if antwoord and toestand != NVT else "",
                clusters=clusterlijst(huis, clusternamen or {}),
            )
        )
    return rijen


def huizentabel(rijen: Sequence[Huisrij], clusternamen: Mapping[int, str], titel: str) -> Tabel:
    return Tabel(
        naam="huizen",
        titel=titel,
        kolommen=[
            "Huis",
            "Gemeenten vandaag",
            "VRIND-cluster",
            "Werking",
            "Fysieke locatie",
            "Antwoord",
            "Open veld",
        ],
        rijen=[
            [
                _tekst(r.huis.naam),
                *_huiscellen(r.huis, clusternamen),
                _tekst(r.antwoord),
                _tekst(r.toelichting),
            ]
            for r in rijen
        ],
    )


def huisvergelijkingstabellen(vergelijking: Huisvergelijking) -> dict[str, Tabel]:
    """Per theme the Huis's answers next to Flanders and its cluster(s) ("thema-<key>")."""
    clusters = vergelijking.getoonde_clusters
    tabellen = {}
    for thema, titel, regels in vergelijking.per_thema:
        rijen = []
        for r in regels:

            def cel(waarde: Decimal | None, soort: str = r.soort) -> Cel:
                return Procentcel(waarde) if soort == "procent" else _getalcel(waarde)

            rijen.append(
                [
                    _tekst(r.vraag.tekst),
                    _tekst(r.eigen),
                    _tekst(r.maat),
                    cel(r.vlaanderen),
                    *(cel(w) for w in r.clusters),
                    Cel(r.vlaanderen_n, "aantal"),
                ]
            )
        naam = f"thema-{thema}"
        tabellen[naam] = Tabel(
            naam=naam,
            titel=titel,
            kolommen=[
                "Vraag",
                "Jullie antwoord",
                "Cijfer",
                "Vlaanderen",
                *(f"Cluster {c.label}" for c in clusters),
                "Antwoorden in Vlaanderen (n)",
            ],
            rijen=rijen,
            toelichting=(
                "Cijfers over alle Huizen met een ingediende of gevalideerde bevraging; een cijfer over "
                f"minder dan {MINIMUM_ANTWOORDEN} antwoorden wordt niet getoond (–)."
            ),
        )
    return tabellen
