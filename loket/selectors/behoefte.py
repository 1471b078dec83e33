"""The loket's part of the needs analysis of a gemeente (omgevingsanalyse), against its VRIND cluster
and Flanders: the families waiting against the free places per age group and month of the wished
start, the unmet demand per quarter, the waiting times and the share of vulnerable families and of
the social priority groups among requests and placements.

Every figure is counted in the database (GROUP BY with conditional counts; waiting times as a count
per number of days), in a fixed number of queries: five for the gemeente, five for all of Flanders
grouped by VRIND cluster. Flanders and the clusters are computed once per day and data version
(`kern.versies`: scopes "loket", "huizen", "referentie") and serve every gemeente.

The gemeente's counts leave the loket with small counts hidden, exactly as the loket's figures
(`loket.cijfers.onderdrukking`); a share is shown only when both of its counts are shown. Shares of
a cluster or of Flanders are hidden when they count fewer than 5 families.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth, ExtractQuarter, ExtractYear

from huizen.models import Gemeente
from kern.cijfers import Periode, afronden, procent
from kern.tabellen import getal
from kern.versies import gecachet
from loket.cijfers.berekening import WACHTEND, mediaan_dagen
from loket.cijfers.gegevens import kalenderdagen
from loket.cijfers.onderdrukking import onderdruk
from loket.cijfers.tabellen import (
    KLEIN,
    MAANDEN,
    TEKEN_KLEIN,
    UITLEG_ONDERDRUKKING,
    Cijfers,
    Rapporttabel,
    Regel,
    Waarde,
)
from loket.models import Leeftijdsgroep, Opvangvraag, Status, VrijePlaats
from loket.selectors import KWETSBAAR, vrije_plaatsen_met_bezetting

BRONNEN = ("loket", "huizen", "referentie")
# How many months the demand table shows one by one after the first (this month and earlier).
MAANDEN_VOORUIT = 5
# How many quarters the trend of the unmet demand covers (the report's quarter included).
KWARTALEN = 8
GROEPEN: tuple[tuple[str, str], ...] = (
    (Leeftijdsgroep.BABY, "baby's (jonger dan 18 maanden)"),
    (Leeftijdsgroep.PEUTER, "peuters (18 maanden tot 3 jaar)"),
    (Leeftijdsgroep.SCHOOLKIND, "kleuters en schoolkinderen"),
)
# The social priority groups: a single parent, a low income, a foster child.
SOCIALE_VOORRANG = Q(alleenstaande_ouder=True) | Q(laag_inkomen=True) | Q(pleegkind=True)
ONVERVULD = (*WACHTEND, Status.VERLOPEN)
Kwartaal = tuple[int, int]


# --- the counts ---------------------------------------------------------------------------------


@dataclass
class Telling:
    """The counts of one area (the gemeente, or one VRIND cluster; Flanders is their sum)."""

    wachtend: Counter = field(default_factory=Counter)  # (age group, month index) -> waiting families
    meerdere: int = 0  # waiting requests of siblings in different age groups
    vrij: Counter = field(default_factory=Counter)  # (age group, month index) -> free seats
    kwartalen: dict[Kwartaal, Counter] = field(default_factory=lambda: defaultdict(Counter))
    periode: Counter = field(default_factory=Counter)  # totaal, kwetsbaar, voorrang; and of the placed
    dagen_aanbod: Counter = field(default_factory=Counter)  # days to the first offer -> requests
    dagen_plaatsing: Counter = field(default_factory=Counter)  # days to the placement -> placements

    def plus(self, ander: Telling) -> Telling:
        som = Telling()
        for naam in ("wachtend", "vrij", "periode", "dagen_aanbod", "dagen_plaatsing"):
            getattr(som, naam).update(getattr(self, naam))
            getattr(som, naam).update(getattr(ander, naam))
        som.meerdere = self.meerdere + ander.meerdere
        for bron in (self, ander):
            for kwartaal, telling in bron.kwartalen.items():
                som.kwartalen[kwartaal].update(telling)
        return som


def _maandindex(jaar, maand, datum: datetime.date) -> int:
    """0 for the month of `datum` and earlier, 1..MAANDEN_VOORUIT for the months after, then one more
    for everything later."""
    verschil = (int(jaar) - datum.year) * 12 + int(maand) - datum.month
    return min(max(verschil, 0), MAANDEN_VOORUIT + 1)


def kwartalen_tot(datum: datetime.date) -> list[Kwartaal]:
    """The last `KWARTALEN` quarters up to the one of `datum`, oldest first."""
    jaar, kwartaal = datum.year, (datum.month - 1) // 3 + 1
    uitkomst = []
    for _ in range(KWARTALEN):
        uitkomst.append((jaar, kwartaal))
        jaar, kwartaal = (jaar, kwartaal - 1) if kwartaal > 1 else (jaar - 1, 4)
    return uitkomst[::-1]


def _begin_kwartaal(kwartaal: Kwartaal) -> datetime.date:
    return datetime.date(kwartaal[0], 3 * (kwartaal[1] - 1) + 1, 1)


def _tel(vragen: Q, plaatsen: Q, groep: str, datum: datetime.date) -> dict[object, Telling]:
    """The counts of the confirmed requests of `vragen` and the free places of `plaatsen`, per value
    of `groep` (a lookup from the request's and the location's gemeente, e.g. "cluster__nummer")."""
    tellingen: dict[object, Telling] = defaultdict(Telling)
    bevestigd = Opvangvraag.objects.filter(vragen, bevestigd__isnull=False).order_by()
    sleutel = f"gemeente__{groep}"

    for rij in (
        bevestigd.filter(status__in=WACHTEND)
        .values(
            sleutel,
            "leeftijdsgroep",
            jaar=ExtractYear("gewenste_start"),
            maand=ExtractMonth("gewenste_start"),
        )
        .annotate(n=Count("pk"))
    ):
        telling = tellingen[rij[sleutel]]
        if rij["leeftijdsgroep"] in Leeftijdsgroep.values:
            maand = _maandindex(rij["jaar"], rij["maand"], datum)
            telling.wachtend[(rij["leeftijdsgroep"], maand)] += rij["n"]
        else:
            telling.meerdere += rij["n"]

    for rij in (
        vrije_plaatsen_met_bezetting(VrijePlaats.objects.aangeboden().filter(plaatsen, locatie__actief=True))
        .order_by()
        .values(
            f"locatie__{sleutel}", "leeftijdsgroep", jaar=ExtractYear("vanaf"), maand=ExtractMonth("vanaf")
        )
        .annotate(n=Sum("vrij_aantal"))
    ):
        if rij["n"]:
            maand = _maandindex(rij["jaar"], rij["maand"], datum)
            tellingen[rij[f"locatie__{sleutel}"]].vrij[(rij["leeftijdsgroep"], maand)] += rij["n"]

    kwartalen = kwartalen_tot(datum)
    begin = Periode(van=_begin_kwartaal(kwartalen[0]), tot=datum).begin
    einde = Periode.laatste_12_maanden(datum).einde
    for rij in (
        bevestigd.filter(ingediend__gte=begin, ingediend__lt=einde)
        .values(sleutel, jaar=ExtractYear("ingediend"), kwartaal=ExtractQuarter("ingediend"))
        .annotate(totaal=Count("pk"), onvervuld=Count("pk", filter=Q(status__in=ONVERVULD)))
    ):
        per_kwartaal = tellingen[rij[sleutel]].kwartalen[(int(rij["jaar"]), int(rij["kwartaal"]))]
        per_kwartaal.update({"totaal": rij["totaal"], "onvervuld": rij["onvervuld"]})

    periode = Periode.laatste_12_maanden(datum)
    in_periode = bevestigd.filter(ingediend__gte=periode.begin, ingediend__lt=periode.einde)
    geplaatst = Q(status=Status.GEPLAATST)
    for rij in in_periode.values(sleutel).annotate(
        totaal=Count("pk"),
        kwetsbaar=Count("pk", filter=KWETSBAAR),
        voorrang=Count("pk", filter=SOCIALE_VOORRANG),
        geplaatst=Count("pk", filter=geplaatst),
        geplaatst_kwetsbaar=Count("pk", filter=geplaatst & KWETSBAAR),
        geplaatst_voorrang=Count("pk", filter=geplaatst & SOCIALE_VOORRANG),
    ):
        tellingen[rij.pop(sleutel)].periode.update(rij)

    for rij in (
        in_periode.filter(eerste_antwoord__isnull=False)
        .values_list(sleutel, kalenderdagen("bevestigd", "eerste_antwoord"))
        .annotate(n=Count("pk"))
    ):
        tellingen[rij[0]].dagen_aanbod[rij[1].days] += rij[2]
    for rij in (
        in_periode.filter(status=Status.GEPLAATST, geplaatst_op__isnull=False)
        .values_list(sleutel, kalenderdagen("bevestigd", "geplaatst_op"))
        .annotate(n=Count("pk"))
    ):
        tellingen[rij[0]].dagen_plaatsing[rij[1].days] += rij[2]
    return dict(tellingen)


def tellingen_per_cluster(datum: datetime.date) -> dict[int | None, Telling]:
    """All of Flanders per VRIND cluster number (None: gemeenten without a cluster), cached."""
    return gecachet("behoefte-clusters", BRONNEN, lambda: _tel(Q(), Q(), "cluster__nummer", datum), datum)


def telling_gemeente(gemeente: Gemeente, datum: datetime.date) -> Telling:
    """The families living in the gemeente (whichever loket they turned to) and the free places of
    the locations in it."""

    def maak() -> Telling:
        gevonden = _tel(Q(gemeente=gemeente), Q(locatie__gemeente=gemeente), "pk", datum)
        return gevonden.get(gemeente.pk, Telling())

    return gecachet("behoefte-gemeente", BRONNEN, maak, gemeente.pk, datum)


# --- as tables ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Tabel:
    """A table as text: a caption, the column heads (the row labels' first) and the rows."""

    naam: str
    titel: str
    kolommen: tuple[str, ...]
    rijen: list[tuple[str, list[str]]]
    toelichting: str = ""
    tekstkolommen: tuple[int, ...] = ()  # value columns (from 0) that hold words, not figures


@dataclass(frozen=True)
class Loketbehoefte:
    """The loket's part of the needs analysis of one gemeente, ready to show."""

    periode: Periode
    zinnen: list[str]
    vraag_en_aanbod: list[Tabel]
    druk: Tabel
    trend: list[Tabel]
    wachttijden: Tabel
    kwetsbaar: list[Tabel]
    uitleg: str = UITLEG_ONDERDRUKKING
    heeft_vragen: bool = True


def _maandlabels(datum: datetime.date) -> list[str]:
    labels = [f"Tot en met {MAANDEN[datum.month - 1]} {datum.year}"]
    jaar, maand = datum.year, datum.month
    for _ in range(MAANDEN_VOORUIT):
        jaar, maand = (jaar, maand + 1) if maand < 12 else (jaar + 1, 1)
        labels.append(f"{MAANDEN[maand - 1]} {jaar}")
    return [*labels, "Later"]


def _kwartaallabel(kwartaal: Kwartaal) -> str:
    return f"{kwartaal[0]} K{kwartaal[1]}"


def _gemeentetabellen(telling: Telling, datum: datetime.date, kwartalen: list[Kwartaal]) -> Cijfers:
    """The gemeente's counts as loket tables, small counts hidden over all of them at once."""
    maanden = _maandlabels(datum)
    tabellen = []
    for groep, label in GROEPEN:
        regels = [
            Regel(maand, (Waarde(telling.wachtend[(groep, i)]), Waarde(telling.vrij[(groep, i)], "plaatsen")))
            for i, maand in enumerate(maanden)
        ]
        totaal_wacht = sum(telling.wachtend[(groep, i)] for i in range(len(maanden)))
        totaal_vrij = sum(telling.vrij[(groep, i)] for i in range(len(maanden)))
        regels.append(
            Regel("Samen", (Waarde(totaal_wacht, sleutel=f"wacht:{groep}"), Waarde(totaal_vrij, "plaatsen")))
        )
        tabellen.append(
            Rapporttabel(
                naam=f"vraag-{groep}",
                titel=f"Wachtende gezinnen en vrije plaatsen voor {label}",
                kolommen=("Gewenste start", "Wachtende gezinnen", "Vrije plaatsen"),
                regels=tuple(regels),
                kolomsom=(0,),
            )
        )
    tabellen.append(
        Rapporttabel(
            naam="kwartalen",
            titel="Aanvragen per kwartaal",
            kolommen=("Kwartaal", "Aanvragen", "Zonder plaats"),
            regels=tuple(
                Regel(
                    _kwartaallabel(k),
                    (
                        Waarde(telling.kwartalen.get(k, Counter())["totaal"]),
                        Waarde(telling.kwartalen.get(k, Counter())["onvervuld"]),
                    ),
                )
                for k in kwartalen
            ),
        )
    )
    p = telling.periode
    tabellen.append(
        Rapporttabel(
            naam="gezinnen",
            titel="Kwetsbare gezinnen en voorrangsgroepen in aantallen",
            kolommen=("Aantal", "Alle gezinnen", "Kwetsbaar", "Sociale voorrangsgroep"),
            regels=(
                Regel("Aanvragen", (Waarde(p["totaal"]), Waarde(p["kwetsbaar"]), Waarde(p["voorrang"]))),
                Regel(
                    "Plaatsingen",
                    (
                        Waarde(p["geplaatst"]),
                        Waarde(p["geplaatst_kwetsbaar"]),
                        Waarde(p["geplaatst_voorrang"]),
                    ),
                ),
            ),
        )
    )
    tabellen.append(
        Rapporttabel(
            naam="meerdere",
            titel="Broers en zussen in verschillende leeftijdsgroepen",
            kolommen=("Groep", "Wachtende gezinnen"),
            regels=(Regel("Samen", (Waarde(telling.meerdere),)),),
        )
    )
    return onderdruk(
        Cijfers(
            titel="Behoefteanalyse",
            periode=Periode.laatste_12_maanden(datum),
            tabellen={t.naam: t for t in tabellen},
            niet_bevestigd=Waarde(0),
        )
    )


def _verhouding(wacht: Waarde | int, vrij: int) -> str:
    """Waiting families per free seat, one decimal; hidden with the count."""
    if isinstance(wacht, Waarde):
        if wacht.verborgen:
            return wacht.verborgen
        wacht = int(wacht.getal or 0)
    elif 0 < wacht < KLEIN:
        return TEKEN_KLEIN
    if not vrij:
        return "geen vrije plaats" if wacht else "–"
    return getal(float(afronden(wacht / vrij, 1)), 1)


def _aandeel(teller: Waarde | int, noemer: Waarde | int) -> str:
    """A share in percent; hidden when either count is hidden (the gemeente) or the share counts
    fewer than 5 families (a cluster, Flanders)."""
    for waarde in (teller, noemer):
        if isinstance(waarde, Waarde) and waarde.verborgen:
            return waarde.verborgen
    t = int(teller.getal or 0) if isinstance(teller, Waarde) else teller
    n = int(noemer.getal or 0) if isinstance(noemer, Waarde) else noemer
    if not n:
        return "–"
    if 0 < t < KLEIN:
        return TEKEN_KLEIN
    return f"{getal(float(procent(t, n)), 1)} %"


def _mediaan(dagen: Counter) -> str:
    waarde = mediaan_dagen(dagen)
    return "te weinig" if waarde is None else getal(float(afronden(waarde, 0)), 0)


def loketbehoefte(gemeente: Gemeente, datum: datetime.date) -> Loketbehoefte:
    """The loket's part of the needs analysis of `gemeente` on `datum` (small counts hidden)."""
    per_cluster = tellingen_per_cluster(datum)
    vlaanderen = Telling()
    for telling in per_cluster.values():
        vlaanderen = vlaanderen.plus(telling)
    nummer = gemeente.cluster.nummer if gemeente.cluster_id else None
    cluster = per_cluster.get(nummer, Telling()) if nummer is not None else None
    clusternaam = f"Cluster {gemeente.cluster.naam}" if cluster is not None else ""
    hier = telling_gemeente(gemeente, datum)
    # the quarters from the first one in which Flanders had a request (the loket's first days)
    kwartalen = kwartalen_tot(datum)
    while len(kwartalen) > 1 and not vlaanderen.kwartalen.get(kwartalen[0], Counter())["totaal"]:
        kwartalen.pop(0)
    cijfers = _gemeentetabellen(hier, datum, kwartalen)
    t = cijfers.tabellen
    vergeleken = [
        ("Hier", None),
        *([(clusternaam, cluster)] if cluster is not None else []),
        ("Vlaanderen", vlaanderen),
    ]
    kolommen = tuple(naam for naam, _t in vergeleken)

    vraag_en_aanbod = [
        Tabel(
            naam=tabel.naam,
            titel=tabel.titel,
            kolommen=tabel.kolommen,
            rijen=[(r.label, [w.tekst for w in r.waarden]) for r in tabel.regels],
        )
        for tabel in (t[f"vraag-{groep}"] for groep, _l in GROEPEN)
    ]

    def totaal_vrij(telling: Telling, groep: str) -> int:
        return sum(n for (g, _m), n in telling.vrij.items() if g == groep)

    def totaal_wacht(telling: Telling, groep: str) -> int:
        return sum(n for (g, _m), n in telling.wachtend.items() if g == groep)

    druk = Tabel(
        naam="druk",
        titel="Wachtende gezinnen per vrije plaats",
        kolommen=("Leeftijdsgroep", *kolommen),
        rijen=[
            (
                label.capitalize(),
                [
                    _verhouding(t[f"vraag-{groep}"].regels[-1].waarden[0], totaal_vrij(hier, groep))
                    if telling is None
                    else _verhouding(totaal_wacht(telling, groep), totaal_vrij(telling, groep))
                    for _naam, telling in vergeleken
                ],
            )
            for groep, label in GROEPEN
        ],
        toelichting="Hoe hoger het getal, hoe meer gezinnen er op één vrije plaats wachten.",
    )

    per_kwartaal = t["kwartalen"]
    trend = [
        Tabel(
            naam="kwartalen",
            titel=per_kwartaal.titel + " van gezinnen uit de gemeente",
            kolommen=per_kwartaal.kolommen,
            rijen=[(r.label, [w.tekst for w in r.waarden]) for r in per_kwartaal.regels],
        ),
        Tabel(
            naam="onvervuld",
            titel="Aandeel aanvragen zonder plaats, per kwartaal",
            kolommen=("Kwartaal", *kolommen),
            rijen=[
                (
                    _kwartaallabel(k),
                    [
                        _aandeel(per_kwartaal.regels[i].waarden[1], per_kwartaal.regels[i].waarden[0])
                        if telling is None
                        else _aandeel(
                            telling.kwartalen.get(k, Counter())["onvervuld"],
                            telling.kwartalen.get(k, Counter())["totaal"],
                        )
                        for _naam, telling in vergeleken
                    ],
                )
                for i, k in enumerate(kwartalen)
            ],
            toelichting="Een aanvraag zonder plaats wacht nog, of verliep zonder dat het gezin een plaats "
            "kreeg. Ingetrokken aanvragen tellen niet mee. Het laatste kwartaal loopt nog.",
        ),
    ]

    wachttijden = Tabel(
        naam="wachttijden",
        titel="Wachttijd in dagen (mediaan)",
        kolommen=("Wachttijd", *kolommen),
        rijen=[
            (
                "Tot het eerste aanbod",
                [
                    _mediaan(hier.dagen_aanbod if telling is None else telling.dagen_aanbod)
                    for _n, telling in vergeleken
                ],
            ),
            (
                "Tot de plaatsing",
                [
                    _mediaan(hier.dagen_plaatsing if telling is None else telling.dagen_plaatsing)
                    for _n, telling in vergeleken
                ],
            ),
        ],
        toelichting="De helft van de gezinnen wachtte korter, de helft langer. Tot het eerste aanbod: "
        "alle gezinnen die al een aanbod kregen, ook wie het weigerde; tot de plaatsing: de gezinnen "
        "die een plaats kregen. Over minder dan 5 gezinnen tonen we geen wachttijd (‘te weinig’).",
    )

    gezinnen = t["gezinnen"]
    aanvragen, plaatsingen = gezinnen.regels

    def aandeel(regel_hier: Regel, kolom: int, sleutel: str, noemer: str) -> list[str]:
        return [
            _aandeel(regel_hier.waarden[kolom], regel_hier.waarden[0])
            if telling is None
            else _aandeel(telling.periode[sleutel], telling.periode[noemer])
            for _n, telling in vergeleken
        ]

    kwetsbaar = [
        Tabel(
            naam="kwetsbaar",
            titel="Aandeel kwetsbare gezinnen",
            kolommen=("Aandeel", *kolommen),
            rijen=[
                ("Bij de aanvragen", aandeel(aanvragen, 1, "kwetsbaar", "totaal")),
                ("Bij de plaatsingen", aandeel(plaatsingen, 1, "geplaatst_kwetsbaar", "geplaatst")),
            ],
            toelichting="Kwetsbaar: het gezin heeft minstens twee van de vijf kenmerken (geen inkomen uit "
            "werk, geen diploma secundair onderwijs, onzekere woning, thuistaal niet Nederlands, ernstig "
            "gezondheidsprobleem), waarvan minstens één van de eerste drie.",
        ),
        Tabel(
            naam="voorrang",
            titel="Aandeel gezinnen in een sociale voorrangsgroep",
            kolommen=("Aandeel", *kolommen),
            rijen=[
                ("Bij de aanvragen", aandeel(aanvragen, 2, "voorrang", "totaal")),
                ("Bij de plaatsingen", aandeel(plaatsingen, 2, "geplaatst_voorrang", "geplaatst")),
            ],
            toelichting="Sociale voorrangsgroep: alleenstaande ouder, laag gezinsinkomen of pleegkind.",
        ),
        Tabel(
            naam="gezinnen",
            titel=gezinnen.titel + " (hier)",
            kolommen=gezinnen.kolommen,
            rijen=[(r.label, [w.tekst for w in r.waarden]) for r in gezinnen.regels],
        ),
    ]

    zinnen = _zinnen(gemeente, hier, cijfers, datum)
    return Loketbehoefte(
        periode=cijfers.periode,
        zinnen=zinnen,
        vraag_en_aanbod=vraag_en_aanbod,
        druk=druk,
        trend=trend,
        wachttijden=wachttijden,
        kwetsbaar=kwetsbaar,
        heeft_vragen=bool(hier.periode["totaal"] or hier.wachtend or hier.vrij),
    )


def _in_woorden(waarde: Waarde) -> str:
    if waarde.verborgen == TEKEN_KLEIN:
        return "minder dan 5"
    if waarde.verborgen:
        return "een niet getoond aantal"
    return waarde.tekst


def _zinnen(gemeente: Gemeente, hier: Telling, cijfers: Cijfers, datum: datetime.date) -> list[str]:
    """The headline figures in plain language."""
    t = cijfers.tabellen
    aanvragen = t["gezinnen"].regels[0].waarden
    zinnen = [
        f"In de voorbije 12 maanden vroegen {_in_woorden(aanvragen[0])} gezinnen uit {gemeente.naam} "
        "kinderopvang aan bij een Lokaal Loket Kinderopvang."
    ]
    wachten = [
        (
            label,
            t[f"vraag-{groep}"].regels[-1].waarden[0],
            sum(n for (g, _m), n in hier.vrij.items() if g == groep),
        )
        for groep, label in GROEPEN
    ]
    for label, wacht, vrij in wachten:
        if wacht.getal or vrij:
            zinnen.append(
                f"Voor {label} wachten vandaag {_in_woorden(wacht)} gezinnen op een plaats; de "
                f"opvanglocaties in {gemeente.naam} bieden "
                + (
                    f"{vrij} vrije {'plaats' if vrij == 1 else 'plaatsen'} aan."
                    if vrij
                    else "geen vrije plaats aan."
                )
            )
    meerdere = t["meerdere"].regels[0].waarden[0]
    if meerdere.getal:
        zinnen.append(
            f"Daarnaast wachten {_in_woorden(meerdere)} gezinnen op een plaats voor broers of zussen in "
            "verschillende leeftijdsgroepen."
        )
    mediaan = mediaan_dagen(hier.dagen_plaatsing)
    if mediaan is not None:
        zinnen.append(
            f"De helft van de gezinnen die een plaats kregen, had die binnen "
            f"{getal(float(afronden(mediaan, 0)), 0)} dagen na hun aanvraag."
        )
    return zinnen
