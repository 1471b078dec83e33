"""The loket's figures as tables: one function per table, from the counts and the arithmetic of
`loket.cijfers.berekening`, with their titles, columns and notes (no queries). The tables take a
report's `Tellingen` (or its records, `Gegevens`, which they count first).

A `Cijfers` is one report (a loket, a gemeente or Flanders in a period): its tables by name, the
number of requests never confirmed, and the sums across tables that hiding small counts guards too
(`Verband`). `Rapporttabel.als_tabel()` gives the kern.tabellen.Tabel for pages and downloads.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kern.cijfers import Periode, afronden
from kern.tabellen import Cel, Tabel
from loket.cijfers import berekening as b
from loket.cijfers.berekening import Gegevens, Tellingen
from loket.models import Leeftijdsgroep, SoortOpvang
from loket.selectors import VOORRANGSGROEPEN

KLEIN = 5  # counts under this are hidden in everything that leaves the loket
TEKEN_KLEIN = "< 5"
TEKEN_VERBORGEN = "verborgen"
UITLEG_ONDERDRUKKING = (
    "< 5: minder dan 5 gezinnen. Verborgen: niet getoond, zodat een klein aantal niet uit een "
    "totaal kan worden berekend."
)

# Every table of a loket's report, in this order; Flanders-wide a table per loket comes first.
LOKET_TABELLEN = (
    "gemeenten",
    "leeftijdsgroep",
    "soort-opvang",
    "voorrang",
    "kwetsbaarheid",
    "doorlooptijden",
    "onvervulde-vraag",
    "voorkeuren",
    "elders-geplaatst",
)
# Flanders-wide a request counts once, at the loket where the family lives.
VLAANDEREN_TABELLEN = ("loketten", *(naam for naam in LOKET_TABELLEN if naam != "elders-geplaatst"))

MAANDEN = (
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
)
UITKOMSTKOLOMMEN = ["Geplaatst", "Wacht nog", "Ingetrokken of verlopen", "Totaal"]
LEEFTIJDSRIJEN: tuple[tuple[str, str], ...] = (
    (Leeftijdsgroep.BABY, "Baby (jonger dan 18 maanden)"),
    (Leeftijdsgroep.PEUTER, "Peuter (18 maanden tot 3 jaar)"),
    (Leeftijdsgroep.SCHOOLKIND, "Kleuter of schoolkind (vanaf 3 jaar)"),
    (b.MEERDERE, "Broers of zussen in verschillende leeftijdsgroepen"),
)


# --- values and tables --------------------------------------------------------------------------


@dataclass(frozen=True)
class Waarde:
    """One figure. `soort`: "aantal" (families or requests: hidden when small), "plaatsen" (seats
    of a location: never hidden) or "dagen" (a duration; None when not shown). `sleutel` names the
    same figure in other tables. `verborgen` is "" or the sign shown instead ("< 5", "verborgen")."""

    getal: int | float | None
    soort: str = "aantal"
    sleutel: str = ""
    verborgen: str = ""

    @property
    def is_klein(self) -> bool:
        return self.soort == "aantal" and isinstance(self.getal, int) and 0 < self.getal < KLEIN

    @property
    def cel(self) -> Cel:
        if self.verborgen:
            return Cel(self.verborgen, "aantal")
        return Cel(self.getal, "dagen" if self.soort == "dagen" else "aantal")

    @property
    def tekst(self) -> str:
        return self.cel.tekst

    @property
    def grafiekwaarde(self) -> float | None:
        return None if self.verborgen or self.getal is None else float(self.getal)


@dataclass(frozen=True)
class Regel:
    label: str
    waarden: tuple[Waarde, ...]
    id: str = ""  # names the row for a `Verband` (e.g. "gemeente:12")


# Cells of different tables whose signed sum is 0: (table name, row id, value column, +1 or -1).
Verband = tuple[tuple[str, str, int, int], ...]


@dataclass(frozen=True)
class Rapporttabel:
    """A table of figures: `kolommen` names the row labels' column first, then one per value.

    `rijsom` = (columns, total column): in every row those value columns add up to the total
    column. `kolomsom`: value columns whose last row is the sum of the rows above. Both tell
    the suppression of small counts which lines a hidden count could be computed from."""

    naam: str
    titel: str
    kolommen: tuple[str, ...]
    regels: tuple[Regel, ...]
    toelichting: str = ""
    rijsom: tuple[tuple[int, ...], int] | None = None
    kolomsom: tuple[int, ...] = ()
    onderdrukt: bool = False

    @property
    def heeft_verborgen(self) -> bool:
        return any(w.verborgen for regel in self.regels for w in regel.waarden)

    def als_tabel(self) -> Tabel:
        """As a kern.tabellen.Tabel: for the page (templates/tabellen/_tabel.html) and downloads."""
        toelichting = self.toelichting
        if self.heeft_verborgen:
            toelichting = f"{toelichting} {UITLEG_ONDERDRUKKING}".strip()
        return Tabel(
            naam=self.naam,
            titel=self.titel,
            kolommen=list(self.kolommen),
            rijen=[[Cel(regel.label), *(w.cel for w in regel.waarden)] for regel in self.regels],
            toelichting=toelichting,
        )

    def waarde(self, rij: str, kolom: str) -> Waarde:
        """The value in the row labelled `rij` and the column named `kolom`."""
        k = self.kolommen.index(kolom) - 1
        return next(regel.waarden[k] for regel in self.regels if regel.label == rij)


@dataclass(frozen=True)
class Cijfers:
    """All figures of one report: a loket, a gemeente or Flanders (a part of it) in a period."""

    titel: str
    periode: Periode
    tabellen: dict[str, Rapporttabel]
    niet_bevestigd: Waarde
    onderdrukt: bool = False
    verbanden: tuple[Verband, ...] = ()  # sums across tables that the suppression guards too

    def als_tabellen(self) -> dict[str, Tabel]:
        return {naam: tabel.als_tabel() for naam, tabel in self.tabellen.items()}

    def waarde(self, sleutel: str) -> Waarde | None:
        for tabel in self.tabellen.values():
            for regel in tabel.regels:
                for w in regel.waarden:
                    if w.sleutel == sleutel:
                        return w
        return None

    @property
    def kerncijfers(self) -> list[tuple[str, Waarde]]:
        """The headline figures, taken from the tables (so hidden there means hidden here)."""
        rijen = [
            ("Bevestigde aanvragen", self.waarde("alle:totaal")),
            ("Geplaatst", self.waarde("alle:geplaatst")),
            ("Wacht nog", self.waarde("alle:wacht")),
            ("Ingetrokken of verlopen", self.waarde("alle:afgesloten")),
            ("Van kwetsbare gezinnen", self.waarde("kwetsbaar:totaal")),
            ("Mediaan dagen tot het eerste antwoord", self.waarde("antwoord:mediaan")),
            ("Mediaan dagen tot de plaatsing", self.waarde("plaatsing:mediaan")),
            ("Niet bevestigd (niet meegeteld)", self.niet_bevestigd),
        ]
        return [(label, w) for label, w in rijen if w is not None]


def cijfers(
    titel: str, periode: Periode, gegevens: Gegevens | Tellingen, tabellen: list[Rapporttabel], **extra
) -> Cijfers:
    return Cijfers(
        titel=titel,
        periode=periode,
        tabellen={t.naam: t for t in tabellen},
        niet_bevestigd=_aantal(gegevens.niet_bevestigd),
        **extra,
    )


def _aantal(n: int, sleutel: str = "") -> Waarde:
    return Waarde(n, "aantal", sleutel)


def _dagen(waarde: float | None, sleutel: str = "") -> Waarde:
    """A duration in whole days (a median of 64 and 65 days reads as 65 days, not 64,50)."""
    return Waarde(None if waarde is None else int(afronden(waarde, 0)), "dagen", sleutel)


def _sleutels(sleutel: str, *namen: str) -> list[str]:
    return [f"{sleutel}:{naam}" if sleutel else "" for naam in namen]


def _uitkomstwaarden(per_status: Counter, sleutel: str = "") -> tuple[Waarde, ...]:
    """Placed, waiting, withdrawn or expired, total: one row of an outcome table (from the
    requests per status)."""
    sleutels = _sleutels(sleutel, *b.UITKOMSTEN, "totaal")
    return tuple(_aantal(n, s) for n, s in zip(b.uitkomsten(per_status), sleutels, strict=True))


def _uitkomsttabel(
    naam: str,
    titel: str,
    rijkop: str,
    groepen: list[tuple[str, Counter, str]],
    alle: Counter,
    toelichting: str,
) -> Rapporttabel:
    """Rows (label, requests per status, row id) by outcome, and the total row."""
    regels = [Regel(label, _uitkomstwaarden(telling), id) for label, telling, id in groepen]
    regels.append(Regel("Totaal", _uitkomstwaarden(alle, "alle"), "totaal"))
    return Rapporttabel(
        naam=naam,
        titel=titel,
        kolommen=(rijkop, *UITKOMSTKOLOMMEN),
        regels=tuple(regels),
        toelichting=toelichting,
        rijsom=((0, 1, 2), 3),
        kolomsom=(0, 1, 2, 3),
    )


# --- one function per table -------------------------------------------------------------------------


def _alle(t: Tellingen) -> Counter:
    """All confirmed requests of the report, per status."""
    return b.som(t.per_loket_gemeente.values())


def tabel_gemeenten(gegevens: Gegevens | Tellingen, gemeente_ids: Iterable[int] = ()) -> Rapporttabel:
    """Requests per home gemeente and outcome (`gemeente_ids` are listed even without requests;
    their names are in `gegevens.gemeenten`)."""
    t = b.tel(gegevens)
    per_gemeente: dict[int, Counter] = defaultdict(Counter)
    for (_huis, gemeente), telling in t.per_loket_gemeente.items():
        per_gemeente[gemeente].update(telling)
    namen = t.gemeenten
    ids = set(per_gemeente) | set(gemeente_ids)
    groepen = [
        (namen[g], per_gemeente.get(g, Counter()), f"gemeente:{g}")
        for g in sorted(ids, key=lambda g: (namen[g], g))
    ]
    return _uitkomsttabel(
        "gemeenten",
        "Aanvragen per woongemeente",
        "Woongemeente",
        groepen,
        _alle(t),
        "De gemeente waar het gezin woont.",
    )


def tabel_leeftijdsgroep(gegevens: Gegevens | Tellingen) -> Rapporttabel:
    """Requests per age group of the children on the wished start, and outcome."""
    t = b.tel(gegevens)
    groepen = [
        (label, b.per_status(t.kenmerken, leeftijdsgroep=groep), "") for groep, label in LEEFTIJDSRIJEN
    ]
    onbekend = b.per_status(t.kenmerken, leeftijdsgroep=b.ONBEKEND)
    if onbekend.total():
        groepen.append(("Onbekend", onbekend, ""))
    return _uitkomsttabel(
        "leeftijdsgroep",
        "Aanvragen per leeftijdsgroep bij de start",
        "Leeftijd bij de gewenste start",
        groepen,
        _alle(t),
        "Een aanvraag voor broers of zussen telt één keer.",
    )


def tabel_soort_opvang(gegevens: Gegevens | Tellingen) -> Rapporttabel:
    """Requests per type of care asked for, and outcome."""
    t = b.tel(gegevens)
    groepen = [
        (str(label).capitalize(), b.per_status(t.kenmerken, soort_opvang=soort), "")
        for soort, label in SoortOpvang.choices
    ]
    return _uitkomsttabel(
        "soort-opvang",
        "Aanvragen per soort opvang",
        "Soort opvang",
        groepen,
        _alle(t),
        "",
    )


def _voorrang(t: Tellingen, sleutel: str) -> Counter:
    return Counter({status: n for (groep, status), n in t.voorrang.items() if groep == sleutel})


def tabel_voorrang(gegevens: Gegevens | Tellingen) -> Rapporttabel:
    """Requests per priority group (a request counts in each group it belongs to), and outcome."""
    t = b.tel(gegevens)
    regels = []
    for sleutel, _veld, label in VOORRANGSGROEPEN:
        regels.append(Regel(label[0].upper() + label[1:], _uitkomstwaarden(_voorrang(t, sleutel))))
    regels.append(Regel("Geen voorrangsgroep", _uitkomstwaarden(_voorrang(t, ""))))
    return Rapporttabel(
        naam="voorrang",
        titel="Aanvragen per voorrangsgroep",
        kolommen=("Voorrangsgroep", *UITKOMSTKOLOMMEN),
        regels=tuple(regels),
        toelichting=(
            "Een gezin kan tot meer dan één voorrangsgroep horen: de rijen tellen niet op. "
            "Dringend: door het loket als dringend gemarkeerd."
        ),
        rijsom=((0, 1, 2), 3),
    )


def tabel_kwetsbaarheid(gegevens: Gegevens | Tellingen) -> Rapporttabel:
    """Requests of vulnerable and other families, and outcome."""
    t = b.tel(gegevens)
    kwetsbaar = b.per_status(t.kenmerken, kwetsbaar=True)
    andere = b.per_status(t.kenmerken, kwetsbaar=False)
    return Rapporttabel(
        naam="kwetsbaarheid",
        titel="Aanvragen van kwetsbare gezinnen",
        kolommen=("Gezin", *UITKOMSTKOLOMMEN),
        regels=(
            Regel("Kwetsbaar gezin", _uitkomstwaarden(kwetsbaar, "kwetsbaar")),
            Regel("Ander gezin", _uitkomstwaarden(andere)),
            Regel("Totaal", _uitkomstwaarden(_alle(t), "alle")),
        ),
        toelichting=(
            "Kwetsbaar: minstens twee van de vijf kenmerken, waarvan minstens één van de eerste drie "
            "(geen inkomen uit werk, geen diploma secundair onderwijs, onzekere huisvesting)."
        ),
        rijsom=((0, 1, 2), 3),
        kolomsom=(0, 1, 2, 3),
    )


def _wachttijdregel(label: str, dagen: Counter, nog: int, sleutel: str = "", wacht: str = "") -> Regel:
    """n, median and 90th percentile of the days, and how many still wait. `sleutel` names the
    median and percentile ("antwoord" -> "antwoord:mediaan"), `wacht` the counts ("alle")."""
    mediaan, p90 = _sleutels(sleutel, "mediaan", "p90")
    n, nog_sleutel = _sleutels(wacht, "geplaatst", "wacht")
    return Regel(
        label,
        (
            _aantal(dagen.total(), n),
            _dagen(b.mediaan_dagen(dagen), mediaan),
            _dagen(b.percentiel_dagen(dagen, 90), p90),
            _aantal(nog, nog_sleutel),
        ),
    )


def _dagen_van(dagen: dict[tuple[int, bool], Counter], kwetsbaar: bool | None = None) -> Counter:
    """The days of all requests (or only those of vulnerable families, or of the others)."""
    return b.som(telling for (_huis, k), telling in dagen.items() if kwetsbaar is None or k == kwetsbaar)


def tabel_doorlooptijden(gegevens: Gegevens | Tellingen) -> Rapporttabel:
    """Days to the first answer and to the placement: n, median and 90th percentile, and how many
    requests still wait without one."""
    t = b.tel(gegevens)
    zonder_antwoord = b.per_status(t.kenmerken, antwoord=False)
    kwetsbaar_zonder_antwoord = b.per_status(t.kenmerken, kwetsbaar=True, antwoord=False)
    regels = (
        _wachttijdregel(
            "Tot het eerste antwoord",
            _dagen_van(t.dagen_antwoord),
            b.wachtend(zonder_antwoord),
            sleutel="antwoord",
        ),
        _wachttijdregel(
            "Tot het eerste antwoord, kwetsbare gezinnen",
            _dagen_van(t.dagen_antwoord, True),
            b.wachtend(kwetsbaar_zonder_antwoord),
        ),
        _wachttijdregel(
            "Tot de plaatsing",
            _dagen_van(t.dagen_plaatsing),
            b.wachtend(_alle(t)),
            sleutel="plaatsing",
            wacht="alle",
        ),
        _wachttijdregel(
            "Tot de plaatsing, kwetsbare gezinnen",
            _dagen_van(t.dagen_plaatsing, True),
            b.wachtend(b.per_status(t.kenmerken, kwetsbaar=True)),
            wacht="kwetsbaar",
        ),
    )
    return Rapporttabel(
        naam="doorlooptijden",
        titel="Wachttijd tot het eerste antwoord en tot de plaatsing",
        kolommen=(
            "Wachttijd",
            "Aantal aanvragen",
            "Mediaan (dagen)",
            "90e percentiel (dagen)",
            "Wachten nog zonder antwoord of plaatsing",
        ),
        regels=regels,
        toelichting=(
            "Kalenderdagen vanaf de bevestiging van de aanvraag tot het eerste aanbod of tot de "
            "bevestigde plaatsing. 9 op de 10 gezinnen wachtten niet langer dan het 90e percentiel. "
            f"Over minder dan {b.MINIMUM_VOOR_PERCENTIEL} aanvragen wordt geen mediaan of percentiel "
            "getoond."
        ),
    )


def tabel_onvervulde_vraag(gegevens: Gegevens | Tellingen) -> Rapporttabel:
    """Requests still waiting or expired without a placement, per month of the wished start."""
    per_maand = b.tel(gegevens).onvervuld

    def waarden(per_status: Counter, sleutel: str = "") -> tuple[Waarde, ...]:
        wacht = b.wachtend(per_status)
        getallen = (wacht, per_status.total() - wacht, per_status.total())
        sleutels = _sleutels(sleutel, "wacht", "verlopen", "onvervuld")
        return tuple(_aantal(n, s) for n, s in zip(getallen, sleutels, strict=True))

    regels = [
        Regel(f"{MAANDEN[maand - 1]} {jaar}", waarden(per_maand[(jaar, maand)]))
        for jaar, maand in sorted(per_maand)
    ]
    regels.append(Regel("Totaal", waarden(b.som(per_maand.values()), "alle")))
    return Rapporttabel(
        naam="onvervulde-vraag",
        titel="Onvervulde vraag per gewenste startmaand",
        kolommen=("Gewenste startmaand", "Wacht nog", "Verlopen zonder plaatsing", "Totaal"),
        regels=tuple(regels),
        toelichting=(
            "Aanvragen die nog wachten of verliepen zonder plaatsing, naar de maand waarin de opvang "
            "moest starten."
        ),
        rijsom=((0, 1), 2),
        kolomsom=(0, 1, 2),
    )


def tabel_voorkeuren(gegevens: Gegevens | Tellingen, *, per_loket: bool = False) -> Rapporttabel:
    """Per location (or per loket): active first choices and all active choices of the waiting
    requests, the seats of the free places it still offers, and the period's placements there."""
    gegevens = b.tel(gegevens)
    eerste = gegevens.eerste_keuzes
    alle = gegevens.alle_keuzes
    plaatsingen = gegevens.plaatsingen

    def groep(locatie_id: int) -> tuple[str, int]:
        locatie = gegevens.locaties[locatie_id]
        if per_loket:
            return gegevens.huizen.get(locatie.huis_id, str(locatie.huis_id)), locatie.huis_id
        return locatie.naam, locatie_id

    sommen: dict[tuple[str, int], list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for locatie_id in gegevens.locaties:
        som = sommen[groep(locatie_id)]
        som[0] += eerste[locatie_id]
        som[1] += alle[locatie_id]
        som[2] += gegevens.aangeboden.get(locatie_id, 0)
        som[3] += plaatsingen[locatie_id]

    def waarden(som: list[int], sleutel: str) -> tuple[Waarde, ...]:
        # A loket's waiting requests choose its own locations, and are placed there.
        wacht, geplaatst = _sleutels(sleutel, "wacht", "geplaatst")
        return (
            _aantal(som[0], wacht),
            _aantal(som[1]),
            Waarde(som[2], "plaatsen"),
            _aantal(som[3], geplaatst),
        )

    regels = [
        Regel(label, waarden(sommen[(label, pk)], f"loket:{pk}" if per_loket else ""))
        for label, pk in sorted(sommen)
    ]
    totaal = [sum(som[i] for som in sommen.values()) for i in range(4)]
    regels.append(Regel("Totaal", waarden(totaal, "alle")))
    return Rapporttabel(
        naam="voorkeuren",
        titel="Voorkeuren en vrije plaatsen per " + ("loket" if per_loket else "opvanglocatie"),
        kolommen=(
            "Loket" if per_loket else "Opvanglocatie",
            "Eerste keuze van wachtende gezinnen",
            "Alle keuzes van wachtende gezinnen",
            "Plaatsen aangeboden",
            "Plaatsingen",
        ),
        regels=tuple(regels),
        toelichting=(
            "Keuzes: de actieve voorkeuren van de aanvragen die nog wachten; de eerste keuze is de "
            "hoogst gerangschikte. Plaatsen aangeboden: de vrije plaatsen die de opvang vandaag nog "
            "aanbiedt, ook die al aan een gezin aangeboden zijn. Plaatsingen: van de aanvragen uit "
            "deze periode."
        ),
        kolomsom=(0, 1, 2, 3),
    )


def tabel_loketten(gegevens: Gegevens | Tellingen, huis_ids: Iterable[int] = ()) -> Rapporttabel:
    """Per loket: requests per outcome, and the median days to the first answer and to placement
    (`huis_ids` are listed even without requests; their names are in `gegevens.huizen`)."""
    t = b.tel(gegevens)
    per_huis: dict[int, Counter] = defaultdict(Counter)
    for (huis, _gemeente), telling in t.per_loket_gemeente.items():
        per_huis[huis].update(telling)
    ids = set(per_huis) | set(huis_ids)
    namen = t.huizen

    def dagen(per_loket: dict[tuple[int, bool], Counter], huis: int | None) -> Counter:
        return b.som(telling for (h, _k), telling in per_loket.items() if huis is None or h == huis)

    def waarden(huis: int | None, sleutel: str) -> tuple[Waarde, ...]:
        return (
            *_uitkomstwaarden(per_huis.get(huis, Counter()) if huis is not None else _alle(t), sleutel),
            _dagen(b.mediaan_dagen(dagen(t.dagen_antwoord, huis))),
            _dagen(b.mediaan_dagen(dagen(t.dagen_plaatsing, huis))),
        )

    regels = [
        Regel(namen[h], waarden(h, f"loket:{h}"), f"loket:{h}")
        for h in sorted(ids, key=lambda h: (namen[h], h))
    ]
    regels.append(Regel("Totaal", waarden(None, "alle"), "totaal"))
    return Rapporttabel(
        naam="loketten",
        titel="Aanvragen per loket",
        kolommen=(
            "Loket",
            *UITKOMSTKOLOMMEN,
            "Mediaan dagen tot het eerste antwoord",
            "Mediaan dagen tot de plaatsing",
        ),
        regels=tuple(regels),
        toelichting="Het Huis van het Kind waarvan het Lokaal Loket Kinderopvang de aanvraag ontving.",
        rijsom=((0, 1, 2), 3),
        kolomsom=(0, 1, 2, 3),
    )


def tabel_elders_geplaatst(per_loket: list[tuple[str, int]]) -> Rapporttabel:
    """Placed at a location of this loket, the family living elsewhere: per home loket."""
    regels = [Regel(naam, (_aantal(n),), f"loket:{naam}") for naam, n in per_loket]
    regels.append(Regel("Totaal", (_aantal(sum(n for _naam, n in per_loket)),), "totaal"))
    return Rapporttabel(
        naam="elders-geplaatst",
        titel="Geplaatst bij dit loket, gezin woont elders",
        kolommen=("Loket van de woonplaats", "Geplaatst"),
        regels=tuple(regels),
        toelichting=(
            "Aanvragen van gezinnen die bij een ander loket registreerden en een plaats kregen bij "
            "een opvanglocatie van dit loket. Ze tellen in de andere tabellen bij het loket waar het "
            "gezin woont."
        ),
        kolomsom=(0,),
    )


def algemene_tabellen(gegevens: Gegevens | Tellingen) -> list[Rapporttabel]:
    """The tables every report has."""
    gegevens = b.tel(gegevens)
    return [
        tabel_leeftijdsgroep(gegevens),
        tabel_soort_opvang(gegevens),
        tabel_voorrang(gegevens),
        tabel_kwetsbaarheid(gegevens),
        tabel_doorlooptijden(gegevens),
        tabel_onvervulde_vraag(gegevens),
    ]


def verbanden_loketten_gemeenten(gegevens: Gegevens | Tellingen) -> tuple[Verband, ...]:
    """The tables per loket and per gemeente count the same requests. For each group of loketten
    and gemeenten linked by requests, in every outcome column: the group's loketten add up to its
    gemeenten, and also to the total minus the other gemeenten (and the other way round)."""
    groepen = b.samenhangende_groepen(b.tel(gegevens).per_loket_gemeente)
    knopen = set().union(*groepen)
    loketten = sorted(k for k in knopen if k.startswith("loket:"))
    gemeenten = sorted(k for k in knopen if k.startswith("gemeente:"))
    verbanden: list[Verband] = []
    for groep in groepen:
        eigen_loketten = [k for k in loketten if k in groep]
        eigen_gemeenten = [k for k in gemeenten if k in groep]
        for k in range(4):
            verbanden.append(
                (
                    *(("loketten", lk, k, 1) for lk in eigen_loketten),
                    *(("gemeenten", g, k, -1) for g in eigen_gemeenten),
                )
            )
            if len(groepen) > 1:
                verbanden.append(
                    (
                        *(("loketten", lk, k, 1) for lk in eigen_loketten),
                        *(("gemeenten", g, k, 1) for g in gemeenten if g not in groep),
                        ("gemeenten", "totaal", k, -1),
                    )
                )
                verbanden.append(
                    (
                        *(("gemeenten", g, k, 1) for g in eigen_gemeenten),
                        *(("loketten", lk, k, 1) for lk in loketten if lk not in groep),
                        ("loketten", "totaal", k, -1),
                    )
                )
    return tuple(verbanden)
