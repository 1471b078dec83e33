"""The calculations of the survey analysis, on the plain records of `bevraging.analyse.gegevens`:
whether a question applies, distributions, percentages and means (`kern.cijfers`, half up, with
`DECIMALEN` decimals), groups and cross-tabulations, wave comparisons, open answers and a Huis
against the averages. Nothing here reads the database or knows about HTTP.

Every figure keeps the Huizen behind it (`Verdeling.huizen_voor(...)`), so a count and the list of
its Huizen cannot disagree.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from bevraging.analyse.gegevens import (
    BEANTWOORD,
    DECIMALEN,
    FYSIEK_GROEPEN,
    GEEN_CLUSTER,
    MINIMUM_ANTWOORDEN,
    NVT,
    ONTBREEKT,
    SCOREKLASSEN,
    STATUSSEN,
    TOP,
    Antwoorden,
    Antwoordinfo,
    Dimensie,
    Huisinfo,
    Koppelinginfo,
    Optie,
    Vraaginfo,
)
from bevraging.models import Koppelingsoort, is_leeg
from kern.cijfers import Provincie, Werking, gemiddelde, mediaan, procent
from kern.tabellen import getal


def _decimaal(waarde) -> Decimal | None:
    if isinstance(waarde, bool) or not isinstance(waarde, int | float):
        return None
    try:
        getal_ = Decimal(str(waarde))
    except InvalidOperation:
        return None
    return getal_ if getal_.is_finite() else None


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
        return procent(self.aantal(waarde), self.n, DECIMALEN)

    @property
    def gemiddelde(self) -> Decimal | None:
        return gemiddelde(self.getallen, DECIMALEN)

    @property
    def mediaan(self) -> Decimal | None:
        return mediaan(self.getallen, DECIMALEN)

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
        return [(o, n, procent(n, self.n, DECIMALEN)) for o, n in gekozen[:aantal]]


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
                    procent(aantal_later, later.n, DECIMALEN),
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
                    procent(len(niet_toe_te_wijzen), later.n, DECIMALEN),
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


def clusterlijst(huis: Huisinfo, clusternamen: Mapping[int, str]) -> str:
    return ", ".join(clusternamen.get(c, str(c)) for c in huis.clusters) or "geen"


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
