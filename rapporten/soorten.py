"""The kinds of report: per kind its parameters, title, file name, template and context.

A report is a title page, a table of contents and a list of chapters (`Sectie`). Each chapter is
built by one function from the report's sources (`Huisbron`, `Gemeentebron`) and drawn by its own
partial template under templates/rapporten/pdf/secties/; a function returns None when it has
nothing to show, and then the chapter is left out (no placeholder text in a PDF). New chapters slot
in by adding a function to the kind's list (`HUIS_SECTIES`, `GEMEENTERAAD_SECTIES`).

Charts are the dashboards' own SVG (kern.grafieken + templates/grafieken/), embedded inline with
their colours inside the SVG (WeasyPrint does not apply the page's stylesheet inside an inline
SVG); every chart is followed by a table with its numbers.

Kinds made here: the Huis profile report (`huis`), the council report (`gemeenteraad`), the loket
report (`loket`, per loket and period) and the Flemish survey report (`opgroeien_bevraging`, per
wave). Loket figures always go through `loket.rapportage.onderdruk` (small counts hidden); survey
figures come from the analysis's own functions (bevraging.analyse, bevraging.selectors_analyse).
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from django.contrib.staticfiles import finders
from django.core.cache import cache as django_cache
from django.core.exceptions import ValidationError
from django.db.models import Avg, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

from bevraging import analyse as bevragingsanalyse
from bevraging import selectors_analyse
from bevraging.analyse import MINIMUM_ANTWOORDEN
from bevraging.models import Golf, Golfstatus, Respons, Responsstatus
from huizen.models import (
    Contactpunt,
    Coordinator,
    Gemeente,
    Huis,
    KindEnGezinPartner,
    Locatie,
    Openingsuur,
    Overlegorgaan,
    Partner,
    Subsidie,
    VrindCluster,
)
from huizen.selectors import huizen_in_gemeente
from kern.cijfers import Filter
from kern.grafieken import STAAFBREEDTE, GestapeldDiagram, Staafdiagram, staafdiagram
from kern.pdf import render_pdf, statische_url
from kern.tabellen import getal
from kern.tenancy import is_opgroeien
from levensdomeinen.models import DomeinEngagement, Levensdomein, Score, Werkingsprincipe, Zelfevaluatie
from levensdomeinen.selectors import Gemiddelden, cluster_van, publiek_aanbod, zelfevaluatie_gemiddelden
from loket import rapportage
from rapporten.models import Rapportsoort

STIJL = "css/rapport.css"
GRAFIEKSTIJL = "css/rapport-grafiek.css"
# Averages over all Huizen change slowly; a batch of 300 reports computes them once.
GEMIDDELDEN_CACHE_SECONDEN = 10 * 60


class OnbekendeSoort(ValidationError):
    pass


# --- The pieces of a report ---------------------------------------------------------------


@dataclass(frozen=True)
class Sectie:
    """One chapter: an anchor id, a title for the heading and the contents, and its partial."""

    id: str
    titel: str
    template: str
    gegevens: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Rapportkop:
    soort: str
    titel: str
    ondertitel: str
    datum: datetime.date
    stylesheet: str
    doelpubliek: str = ""


@dataclass(frozen=True)
class Grafiek:
    """A chart as inline SVG plus the table of its numbers (caption, column heads, rows)."""

    svg: SafeString
    titel: str
    kop: str
    reeksen: list[str]
    rijen: list[tuple[str, list[str]]]
    toelichting: str = ""


@cache
def _grafiekstijl() -> str:
    """The chart stylesheet without comments (inside an SVG it is markup, not raw text)."""
    gevonden = finders.find(GRAFIEKSTIJL)
    with open(gevonden, encoding="utf-8") as bestand:
        return re.sub(r"/\*.*?\*/", "", bestand.read(), flags=re.S).strip()


SVG_OPEN = re.compile(r"(<svg\b[^>]*>)")


def grafiek_svg(grafiek: Staafdiagram | GestapeldDiagram) -> SafeString:
    """The dashboards' chart template, with the chart colours inside the SVG for WeasyPrint."""
    template = (
        "grafieken/gestapeld.html" if isinstance(grafiek, GestapeldDiagram) else "grafieken/staafdiagram.html"
    )
    html = render_to_string(template, {"grafiek": grafiek})
    stijl = f"<style><![CDATA[{_grafiekstijl()}]]></style>"
    # Safe: the template escapes every value and the stylesheet is a static file of the portal.
    return mark_safe(SVG_OPEN.sub(lambda m: m.group(1) + stijl, html, count=1))  # nosec B308 B703


def _score(waarde: float | None) -> str:
    return "–" if waarde is None else getal(waarde, 1)


def _afgerond(waarde: float | None) -> float | None:
    """Rounded half up to one decimal, so the chart and the table show the same figure."""
    if waarde is None:
        return None
    return float(Decimal(str(waarde)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _scoreschaal(grafiek: Staafdiagram) -> Staafdiagram:
    """Scale marks at the whole scores 0 to 5."""
    return replace(
        grafiek,
        schaal=[(grafiek.labelbreedte + round(STAAFBREEDTE * s / 5), str(s)) for s in range(6)],
    )


def scoregrafiek(*, titel: str, kop: str, reeksen: list[str], rijen, toelichting: str = "") -> Grafiek:
    """A bar chart of scores 1 to 5 per row and series, with the same numbers as a table."""
    rijen = [(label, [_afgerond(w) for w in waarden]) for label, waarden in rijen]
    diagram = _scoreschaal(
        staafdiagram(titel=titel, reeksen=reeksen, rijen=rijen, maximum=5, eenheid="", decimalen=1)
    )
    return Grafiek(
        svg=grafiek_svg(diagram),
        titel=titel,
        kop=kop,
        reeksen=reeksen,
        rijen=[(label, [_score(w) for w in waarden]) for label, waarden in rijen],
        toelichting=toelichting,
    )


# --- Sources ---------------------------------------------------------------------------------


def laad_huis(huis_id: int) -> Huis:
    """The Huis with everything the report shows, in a fixed number of queries."""
    return (
        Huis.objects.filter(pk=huis_id)
        .prefetch_related(
            Prefetch("coordinatoren", queryset=Coordinator.objects.order_by("naam")),
            Prefetch(
                "locaties",
                queryset=Locatie.objects.select_related("gemeente")
                .prefetch_related(
                    Prefetch("openingsuren", queryset=Openingsuur.objects.order_by("weekdag", "van")),
                    Prefetch("partners", queryset=Partner.objects.order_by("naam")),
                )
                .order_by("naam"),
            ),
            Prefetch("contactpunten", queryset=Contactpunt.objects.order_by("soort", "waarde")),
            Prefetch("partners", queryset=Partner.objects.order_by("-kernpartner", "naam")),
            Prefetch("overlegorganen", queryset=Overlegorgaan.objects.order_by("soort", "naam")),
            Prefetch("subsidies", queryset=Subsidie.objects.order_by("-jaar")),
        )
        .get()
    )


@dataclass
class Huisbron:
    """What the chapters about one Huis read. `publiek` leaves out the contact details of people
    (coordinators, partners' contact persons) for a report that leaves the Huis."""

    huis: Huis
    datum: datetime.date
    publiek: bool = False
    gemeente: Gemeente | None = None

    def __post_init__(self):
        self.gemeenten = list(self.huis.gemeenten_op(self.datum).select_related("cluster").order_by("naam"))
        self.cluster = cluster_van(self.huis)


@dataclass
class Gemeentebron:
    """What the chapters of a council report read: the gemeente and the Huis working in it."""

    gemeente: Gemeente
    datum: datetime.date
    huisbron: Huisbron | None
    andere_huizen: list[Huis]
    periode: rapportage.Periode | None = None

    def __post_init__(self):
        if self.periode is None:
            self.periode = rapportage.Periode.laatste_12_maanden(self.datum)


# --- Averages over all Huizen (for the comparisons) ---------------------------------------


def _gecachet(sleutel: str, maak: Callable):
    return django_cache.get_or_set(f"rapporten:{sleutel}", maak, GEMIDDELDEN_CACHE_SECONDEN)


def zelfevaluatie_vlaanderen() -> Gemiddelden:
    return _gecachet("zelfevaluatie:vlaanderen", zelfevaluatie_gemiddelden)


def zelfevaluatie_cluster(cluster: VrindCluster) -> Gemiddelden:
    return _gecachet(
        f"zelfevaluatie:cluster:{cluster.nummer}",
        lambda: zelfevaluatie_gemiddelden(filter=Filter(cluster=cluster.nummer)),
    )


def samenwerking_vlaanderen() -> dict[str, float]:
    """The average cooperation score (1-5) with each Kind en Gezin partner, over all Huizen."""

    def maak():
        rijen = (
            Partner.objects.exclude(kind_en_gezin_partner="")
            .filter(samenwerking__isnull=False)
            .values("kind_en_gezin_partner")
            .annotate(gem=Avg("samenwerking"))
        )
        return {r["kind_en_gezin_partner"]: float(r["gem"]) for r in rijen}

    return _gecachet("samenwerking:vlaanderen", maak)


# --- Chapters about a Huis --------------------------------------------------------------------


def sectie_algemeen(bron: Huisbron) -> Sectie:
    huis = bron.huis
    gegevens = [
        ("Naam", huis.naam),
        ("Rechtsvorm", huis.get_rechtsvorm_display()),
        ("Vertegenwoordigd door", huis.vertegenwoordiger or "–"),
        ("Erkend sinds", huis.erkend_sinds.strftime("%d-%m-%Y") if huis.erkend_sinds else "–"),
        ("E-mail", huis.email or "–"),
        ("Telefoon", huis.telefoon or "–"),
        ("Website", huis.website or "–"),
        ("Aantal medewerkers", huis.aantal_medewerkers if huis.aantal_medewerkers is not None else "–"),
    ]
    coordinatoren = list(huis.coordinatoren.all())
    uren = sum((c.uren_per_week or 0) for c in coordinatoren)
    return Sectie(
        id="algemeen",
        titel="Het Huis van het Kind" if bron.publiek else "Algemene gegevens",
        template="rapporten/pdf/secties/algemeen.html",
        gegevens={
            "huis": huis,
            "gegevens": gegevens,
            "coordinatoren": coordinatoren,
            "uren_coordinatie": getal(uren, 1) if uren else "",
            "publiek": bron.publiek,
            "intergemeentelijk": len(bron.gemeenten) > 1,
            "aantal_gemeenten": len(bron.gemeenten),
        },
    )


def sectie_werkingsgebied(bron: Huisbron) -> Sectie:
    return Sectie(
        id="werkingsgebied",
        titel="Werkingsgebied",
        template="rapporten/pdf/secties/werkingsgebied.html",
        gegevens={
            "gemeenten": bron.gemeenten,
            "cluster": bron.cluster,
            "datum": bron.datum,
            "publiek": bron.publiek,
            "huis": bron.huis,
        },
    )


def sectie_locaties(bron: Huisbron) -> Sectie:
    locaties = list(bron.huis.locaties.all())
    contactpunten = list(bron.huis.contactpunten.all())
    return Sectie(
        id="locaties",
        titel="Locaties en contactpunten",
        template="rapporten/pdf/secties/locaties.html",
        gegevens={
            "locaties": [(locatie, locatie.openingsuren_per_dag()) for locatie in locaties],
            "contactpunten": contactpunten,
            "fysieke_locatie_gepland": bron.huis.fysieke_locatie_gepland,
            "publiek": bron.publiek,
        },
    )


def _samenwerkingsgrafiek(partners: list[Partner]) -> Grafiek | None:
    per_soort: dict[str, list[int]] = defaultdict(list)
    for partner in partners:
        if partner.kind_en_gezin_partner and partner.samenwerking:
            per_soort[partner.kind_en_gezin_partner].append(partner.samenwerking)
    if not per_soort:
        return None
    vlaanderen = samenwerking_vlaanderen()
    rijen = [
        (
            label,
            [
                sum(per_soort[code]) / len(per_soort[code]) if per_soort.get(code) else None,
                vlaanderen.get(code),
            ],
        )
        for code, label in KindEnGezinPartner.choices
    ]
    return scoregrafiek(
        titel="Samenwerking met de Kind en Gezin-partners (1 = geen, 5 = nauw)",
        kop="Kind en Gezin-partner",
        reeksen=["Dit Huis", "Gemiddelde Vlaanderen"],
        rijen=rijen,
        toelichting="Het gemiddelde van Vlaanderen is dat over alle Huizen die de samenwerking scoorden.",
    )


def sectie_partners(bron: Huisbron) -> Sectie:
    partners = list(bron.huis.partners.all())
    return Sectie(
        id="partners",
        titel="Partners",
        template="rapporten/pdf/secties/partners.html",
        gegevens={
            "partners": partners,
            "kernpartners": sum(1 for p in partners if p.kernpartner),
            "grafiek": _samenwerkingsgrafiek(partners),
            "publiek": bron.publiek,
        },
    )


def sectie_structuur(bron: Huisbron) -> Sectie:
    huis = bron.huis
    cofinanciering = {True: "ja", False: "nee"}.get(huis.cofinanciering_lokaal_bestuur, "niet ingevuld")
    return Sectie(
        id="structuur",
        titel="Organisatie en middelen",
        template="rapporten/pdf/secties/structuur.html",
        gegevens={
            "huis": huis,
            "overlegorganen": list(huis.overlegorganen.all()),
            "subsidies": list(huis.subsidies.all()),
            "cofinanciering": cofinanciering,
            "publiek": bron.publiek,
        },
    )


def _domeinen() -> list[Levensdomein]:
    return list(Levensdomein.objects.order_by("volgorde", "naam"))


def sectie_levensdomeinen(bron: Huisbron) -> Sectie:
    engagementen = {
        e.levensdomein_id: e
        for e in DomeinEngagement.objects.voor_huis(bron.huis).prefetch_related(
            Prefetch("partners", queryset=Partner.objects.order_by("naam"))
        )
    }
    rijen = [(domein, engagementen.get(domein.pk)) for domein in _domeinen()]
    actief = sum(1 for _, e in rijen if e and e.status == "actief")
    return Sectie(
        id="levensdomeinen",
        titel="Levensdomeinen",
        template="rapporten/pdf/secties/levensdomeinen.html",
        gegevens={
            "rijen": rijen,
            "aantal_actief": actief,
            "aantal": len(rijen),
            "top3": [(d, e) for d, e in rijen if e and e.top3],
            "publiek": bron.publiek,
        },
    )


def sectie_aanbod(bron: Huisbron) -> Sectie:
    aanbod = list(publiek_aanbod(bron.huis).select_related("locatie"))
    return Sectie(
        id="aanbod",
        titel="Aanbod",
        template="rapporten/pdf/secties/aanbod.html",
        gegevens={"aanbod": aanbod, "publiek": bron.publiek},
    )


def sectie_zelfevaluatie(bron: Huisbron) -> Sectie | None:
    laatste = (
        Zelfevaluatie.objects.voor_huis(bron.huis)
        .prefetch_related(Prefetch("scores", queryset=Score.objects.all()))
        .order_by("-datum", "-pk")
        .first()
    )
    domeinen = _domeinen()
    principes = list(Werkingsprincipe.objects.order_by("volgorde", "naam"))
    reeksen = ["Dit Huis", "Vlaanderen"]
    gemiddelden = [zelfevaluatie_vlaanderen()]
    if bron.cluster is not None:
        reeksen.append(f"Cluster {bron.cluster.naam}")
        gemiddelden.append(zelfevaluatie_cluster(bron.cluster))
    if laatste is None:
        return Sectie(
            id="zelfevaluatie",
            titel="Zelfevaluatie volgens de Roadmap",
            template="rapporten/pdf/secties/zelfevaluatie.html",
            gegevens={"laatste": None, "publiek": bron.publiek},
        )
    eigen_domeinen = {s.levensdomein_id: s.score for s in laatste.scores.all() if s.levensdomein_id}
    eigen_principes = {s.werkingsprincipe_id: s.score for s in laatste.scores.all() if s.werkingsprincipe_id}

    def rijen(refs, eigen, soort):
        return [
            (ref.naam, [eigen.get(ref.pk), *(getattr(g, soort).get(ref.code) for g in gemiddelden)])
            for ref in refs
        ]

    grafieken = [
        scoregrafiek(
            titel="Score per levensdomein (1 tot 5)",
            kop="Levensdomein",
            reeksen=reeksen,
            rijen=rijen(domeinen, eigen_domeinen, "domeinen"),
        ),
        scoregrafiek(
            titel="Score per werkingsprincipe (1 tot 5)",
            kop="Werkingsprincipe",
            reeksen=reeksen,
            rijen=rijen(principes, eigen_principes, "principes"),
        ),
    ]
    return Sectie(
        id="zelfevaluatie",
        titel="Zelfevaluatie volgens de Roadmap",
        template="rapporten/pdf/secties/zelfevaluatie.html",
        gegevens={
            "laatste": laatste,
            "grafieken": grafieken,
            "cluster": bron.cluster,
            "aantal_huizen": [g.aantal_huizen for g in gemiddelden],
            "publiek": bron.publiek,
        },
    )


HUIS_SECTIES: list[Callable[[Huisbron], Sectie | None]] = [
    sectie_algemeen,
    sectie_werkingsgebied,
    sectie_locaties,
    sectie_partners,
    sectie_structuur,
    sectie_levensdomeinen,
    sectie_aanbod,
    sectie_zelfevaluatie,
]


# --- The loket's figures (loket.rapportage, always with small counts hidden) ----------------------

# The tables of the council report's loket chapter, in order.
LOKET_TABELLEN_GEMEENTERAAD = ("doorlooptijden", "onvervulde-vraag", "leeftijdsgroep", "soort-opvang")
# Every table of the loket report (those a Cijfers has, in this order).
LOKET_TABELLEN = (
    "gemeenten",
    "leeftijdsgroep",
    "soort-opvang",
    "voorrang",
    "kwetsbaarheid",
    "doorlooptijden",
    "onvervulde-vraag",
    "voorkeuren",
)


@dataclass(frozen=True)
class Loketblok:
    """One table of loket.rapportage with its chart (if it has one): the same numbers twice."""

    naam: str
    titel: str
    kolommen: tuple[str, ...]
    rijen: list[tuple[str, list[str]]]
    toelichting: str
    svg: SafeString | None


def loketblokken(cijfers: rapportage.Cijfers, namen) -> list[Loketblok]:
    """The tables `namen` of figures that were hidden (`rapportage.onderdruk`), with their charts."""
    if not cijfers.onderdrukt:
        raise ValueError("Een rapport toont alleen cijfers met verborgen kleine aantallen.")
    diagrammen = rapportage.grafieken(cijfers)
    blokken = []
    for naam in namen:
        tabel = cijfers.tabellen.get(naam)
        if tabel is None or not tabel.regels:
            continue
        als_tabel = tabel.als_tabel()
        diagram = diagrammen.get(naam)
        if naam == "doorlooptijden" and all(r.waarden[1].getal is None for r in tabel.regels):
            diagram = None  # no median anywhere (fewer than 5 values): an empty chart says nothing
        blokken.append(
            Loketblok(
                naam=naam,
                titel=tabel.titel,
                kolommen=tabel.kolommen,
                rijen=[(regel.label, [w.tekst for w in regel.waarden]) for regel in tabel.regels],
                toelichting=als_tabel.toelichting,
                svg=grafiek_svg(diagram) if diagram is not None else None,
            )
        )
    return blokken


def _in_woorden(waarde: rapportage.Waarde | None) -> str:
    """A (hidden) count as the text of a sentence: "minder dan 5", "een klein aantal"."""
    if waarde is None:
        return "–"
    if waarde.verborgen == rapportage.TEKEN_KLEIN:
        return "minder dan 5"
    if waarde.verborgen:
        return "een niet getoond aantal"
    return waarde.tekst


def _loketzinnen(cijfers, gemeente: str, periode: rapportage.Periode, datum: datetime.date) -> list[str]:
    """The headline figures in plain language for a council."""
    w = cijfers.waarde
    wanneer = (
        "In de voorbije 12 maanden"
        if periode == rapportage.Periode.laatste_12_maanden(datum)
        else f"Van {periode.van:%d-%m-%Y} tot en met {periode.tot:%d-%m-%Y}"
    )
    zinnen = [
        f"{wanneer} vroegen {_in_woorden(w('alle:totaal'))} gezinnen uit {gemeente} kinderopvang aan "
        "bij het Lokaal Loket Kinderopvang.",
        f"Van die aanvragen leidden er {_in_woorden(w('alle:geplaatst'))} tot een plaats in de "
        f"kinderopvang; {_in_woorden(w('alle:wacht'))} gezinnen wachten nog en "
        f"{_in_woorden(w('alle:afgesloten'))} aanvragen werden ingetrokken of verliepen.",
    ]
    mediaan, p90 = w("plaatsing:mediaan"), w("plaatsing:p90")
    if mediaan is not None and mediaan.getal is not None and not mediaan.verborgen:
        zin = f"De helft van de gezinnen met een plaats had die binnen {mediaan.tekst} dagen"
        if p90 is not None and p90.getal is not None and not p90.verborgen:
            zin += f", 9 op de 10 binnen {p90.tekst} dagen"
        zinnen.append(zin + " na hun aanvraag.")
    else:
        zinnen.append("Er zijn te weinig plaatsingen om een gewone wachttijd te tonen.")
    onvervuld = w("alle:onvervuld")
    if onvervuld is not None:
        zinnen.append(
            f"{_in_woorden(onvervuld).capitalize()} aanvragen wachten nog of verliepen zonder plaats: dat is "
            "de vraag naar kinderopvang die (nog) niet beantwoord is."
        )
    return zinnen


# --- The survey (bevraging.analyse) -------------------------------------------------------------

BEVRAGING_MATEN = ("% score 4-5", "% ja")
BEVRAGING_VRAGEN_PER_THEMA = 5


def laatste_golf_met_respons(huis: Huis) -> Golf | None:
    """The latest wave that is closed, or in which the Huis's response is validated, and in which
    the Huis submitted its answers."""
    afgerond = Respons.objects.filter(huis=huis, status__in=selectors_analyse.AFGEROND)
    return (
        Golf.objects.filter(
            Q(status=Golfstatus.AFGESLOTEN, responsen__in=afgerond)
            | Q(responsen__in=afgerond.filter(status=Responsstatus.GEVALIDEERD))
        )
        .select_related("vragenlijst")
        .distinct()
        .order_by("-jaar", "-pk")
        .first()
    )


# --- Chapters of the council report --------------------------------------------------------


def sectie_gemeente(bron: Gemeentebron) -> Sectie:
    """The council report opens with the gemeente and its Huis at a glance."""
    kerncijfers = []
    if bron.huisbron is not None:
        huis = bron.huisbron.huis
        kerncijfers = [
            ("Gemeenten in het werkingsgebied", len(bron.huisbron.gemeenten)),
            ("Fysieke locaties", len(huis.locaties.all())),
            ("Niet-fysieke contactpunten", len(huis.contactpunten.all())),
            ("Partners", len(huis.partners.all())),
            ("Kernpartners", sum(1 for p in huis.partners.all() if p.kernpartner)),
        ]
    return Sectie(
        id="gemeente",
        titel=f"{bron.gemeente.naam} en het Huis van het Kind",
        template="rapporten/pdf/secties/gemeente.html",
        gegevens={
            "gemeente": bron.gemeente,
            "huis": bron.huisbron.huis if bron.huisbron else None,
            "andere_huizen": bron.andere_huizen,
            "kerncijfers": kerncijfers,
            "datum": bron.datum,
        },
    )


def _over_het_huis(functie: Callable[[Huisbron], Sectie | None]) -> Callable[[Gemeentebron], Sectie | None]:
    """A chapter about the gemeente's Huis; left out when no Huis works in the gemeente."""

    def sectie(bron: Gemeentebron) -> Sectie | None:
        return functie(bron.huisbron) if bron.huisbron is not None else None

    sectie.__name__ = functie.__name__
    return sectie


def sectie_bevraging(bron: Gemeentebron) -> Sectie | None:
    """The Huis's answers in its latest survey wave against its cluster and Flanders: per theme the
    score questions (% score 4-5) and yes/no questions (% ja), aggregates only; a cluster with fewer
    than 5 responses gets no column. Left out when the Huis has no submitted or validated response."""
    if bron.huisbron is None:
        return None
    huis = bron.huisbron.huis
    golf = laatste_golf_met_respons(huis)
    if golf is None:
        return None
    vergelijking = selectors_analyse.huisvergelijking_voor_rapport(huis=huis, golf=golf)
    if not vergelijking.eigen_beschikbaar:
        return None
    clusters = vergelijking.getoonde_clusters
    themas = []
    for _sleutel, titel, regels in vergelijking.per_thema:
        gekozen = [r for r in regels if r.maat in BEVRAGING_MATEN][:BEVRAGING_VRAGEN_PER_THEMA]
        if not gekozen:
            continue
        rijen = [
            (
                r.vraag.kort,
                r.eigen,
                r.maat,
                [_procent(r.vlaanderen), *(_procent(w) for w in r.clusters)],
            )
            for r in gekozen
        ]
        themas.append({"titel": titel, "rijen": rijen})
    if not themas:
        return None
    return Sectie(
        id="bevraging",
        titel="De bevraging van de Huizen van het Kind",
        template="rapporten/pdf/secties/bevraging.html",
        gegevens={
            "golf": golf,
            "themas": themas,
            "reeksen": ["Vlaanderen", *(f"Cluster {c.label}" for c in clusters)],
            "clusters": vergelijking.clusters,
            "verborgen_clusters": [c for c in vergelijking.clusters if not c.getoond],
            "antwoorden_vlaanderen": vergelijking.antwoorden_vlaanderen,
            "minimum": MINIMUM_ANTWOORDEN,
        },
    )


def _procent(waarde) -> str:
    return "–" if waarde is None else f"{getal(float(waarde), 0)} %"


def sectie_loket(bron: Gemeentebron) -> Sectie | None:
    """The loket's figures for the families of the gemeente (requests, placements, waiting times,
    unmet demand), small counts hidden. Left out when no family of the gemeente asked anything."""
    ruw = rapportage.cijfers_gemeente(bron.gemeente, bron.periode)
    totaal = ruw.waarde("alle:totaal")
    if totaal is None or not totaal.getal:
        return None
    cijfers = rapportage.onderdruk(ruw)
    return Sectie(
        id="loket",
        titel="Kinderopvang: het Lokaal Loket",
        template="rapporten/pdf/secties/loket.html",
        gegevens={
            "gemeente": bron.gemeente,
            "periode": cijfers.periode,
            "laatste_12_maanden": bron.periode == rapportage.Periode.laatste_12_maanden(bron.datum),
            "zinnen": _loketzinnen(cijfers, bron.gemeente.naam, bron.periode, bron.datum),
            "blokken": loketblokken(cijfers, LOKET_TABELLEN_GEMEENTERAAD),
            "uitleg": rapportage.UITLEG_ONDERDRUKKING,
        },
    )


GEMEENTERAAD_SECTIES: list[Callable[[Gemeentebron], Sectie | None]] = [
    sectie_gemeente,
    _over_het_huis(sectie_algemeen),
    _over_het_huis(sectie_werkingsgebied),
    _over_het_huis(sectie_locaties),
    _over_het_huis(sectie_partners),
    _over_het_huis(sectie_aanbod),
    _over_het_huis(sectie_levensdomeinen),
    _over_het_huis(sectie_zelfevaluatie),
    sectie_bevraging,
    sectie_loket,
]


# --- The kinds ------------------------------------------------------------------------------


def _datum(parameters: dict) -> datetime.date:
    waarde = parameters.get("datum")
    datum = parse_date(waarde) if isinstance(waarde, str) else None
    if datum is None:
        raise ValidationError({"datum": "Geef een geldige datum (JJJJ-MM-DD)."})
    return datum


class Huisrapport:
    """Kind 4: the profile report of one Huis, for its coordinator."""

    code = Rapportsoort.HUIS
    template = "rapporten/pdf/huis.html"

    def valideer(self, parameters: dict) -> dict:
        huis_id = parameters.get("huis")
        if not isinstance(huis_id, int) or not Huis.objects.filter(pk=huis_id).exists():
            raise ValidationError({"huis": "Dit Huis van het Kind bestaat niet."})
        datum = parameters.get("datum") or timezone.localdate().isoformat()
        schoon = {"huis": huis_id, "datum": datum}
        _datum(schoon)
        return schoon

    def titel(self, parameters: dict) -> str:
        huis = Huis.objects.get(pk=parameters["huis"])
        return f"Profielrapport {huis.naam} ({_datum(parameters):%d-%m-%Y})"

    def bestandsnaam(self, parameters: dict) -> str:
        huis = Huis.objects.get(pk=parameters["huis"])
        return f"profielrapport-{slugify(huis.slug)[:80]}-{_datum(parameters):%Y-%m-%d}.pdf"

    def context(self, parameters: dict) -> dict:
        datum = _datum(parameters)
        bron = Huisbron(huis=laad_huis(parameters["huis"]), datum=datum)
        return {
            "rapport": Rapportkop(
                soort="Profielrapport",
                titel=bron.huis.naam,
                ondertitel="Het profiel, de partners, het aanbod en de levensdomeinen van het Huis",
                datum=datum,
                stylesheet=statische_url(STIJL),
                doelpubliek="Voor de coördinator en de stuurgroep van het Huis",
            ),
            "secties": bouw_secties(HUIS_SECTIES, bron),
        }


class Gemeenteraadrapport:
    """Kind 2: the report per gemeente for its local council, in plain language."""

    code = Rapportsoort.GEMEENTERAAD
    template = "rapporten/pdf/gemeenteraad.html"

    def _gemeente(self, parameters: dict) -> Gemeente:
        nis = parameters.get("gemeente")
        datum = _datum(parameters)
        gemeente = Gemeente.objects.geldig_op(datum).filter(nis=nis).first() if isinstance(nis, str) else None
        if gemeente is None:
            raise ValidationError({"gemeente": "Deze gemeente bestaat niet op de gekozen datum."})
        return gemeente

    def valideer(self, parameters: dict) -> dict:
        schoon = {
            "gemeente": parameters.get("gemeente"),
            "datum": parameters.get("datum") or timezone.localdate().isoformat(),
        }
        self._gemeente(schoon)
        return schoon

    @staticmethod
    def titel_voor(gemeente: Gemeente, datum: datetime.date) -> str:
        return f"Rapport voor de gemeenteraad van {gemeente.naam} ({datum:%d-%m-%Y})"

    @staticmethod
    def bestandsnaam_voor(gemeente: Gemeente, datum: datetime.date) -> str:
        return f"gemeenteraad-{gemeente.nis}-{slugify(gemeente.naam)[:60]}-{datum:%Y-%m-%d}.pdf"

    def titel(self, parameters: dict) -> str:
        return self.titel_voor(self._gemeente(parameters), _datum(parameters))

    def bestandsnaam(self, parameters: dict) -> str:
        return self.bestandsnaam_voor(self._gemeente(parameters), _datum(parameters))

    def context(self, parameters: dict) -> dict:
        datum = _datum(parameters)
        gemeente = self._gemeente(parameters)
        huizen = list(huizen_in_gemeente(gemeente, datum))
        huisbron = (
            Huisbron(huis=laad_huis(huizen[0].pk), datum=datum, publiek=True, gemeente=gemeente)
            if huizen
            else None
        )
        bron = Gemeentebron(gemeente=gemeente, datum=datum, huisbron=huisbron, andere_huizen=huizen[1:])
        return {
            "rapport": Rapportkop(
                soort="Rapport voor de gemeenteraad",
                titel=gemeente.naam,
                ondertitel=f"Het Huis van het Kind in {gemeente.naam}",
                datum=datum,
                stylesheet=statische_url(STIJL),
                doelpubliek="Voor de gemeenteraad en het college",
            ),
            "gemeente": gemeente,
            "secties": bouw_secties(GEMEENTERAAD_SECTIES, bron),
        }


class Loketrapport:
    """Kind 3: the report of a Lokaal Loket Kinderopvang (decree task 4) per loket and period: the
    whole werkingsgebied with its per-gemeente table, small counts always hidden.

    There are no separate chapters per gemeente: their tables could be subtracted from the
    area's to recover a hidden small count. Per-gemeente detail is in the council reports."""

    code = Rapportsoort.LOKET
    template = "rapporten/pdf/loket.html"

    def valideer(self, parameters: dict) -> dict:
        huis_id = parameters.get("huis")
        if not isinstance(huis_id, int) or not Huis.objects.filter(pk=huis_id).exists():
            raise ValidationError({"huis": "Dit Huis van het Kind bestaat niet."})
        standaard = rapportage.Periode.laatste_12_maanden()
        schoon = {
            "huis": huis_id,
            "van": parameters.get("van") or standaard.van.isoformat(),
            "tot": parameters.get("tot") or standaard.tot.isoformat(),
        }
        self._periode(schoon)
        return schoon

    @staticmethod
    def _periode(parameters: dict) -> rapportage.Periode:
        van = parse_date(parameters["van"]) if isinstance(parameters.get("van"), str) else None
        tot = parse_date(parameters["tot"]) if isinstance(parameters.get("tot"), str) else None
        if van is None or tot is None:
            raise ValidationError({"van": "Geef een geldige periode (JJJJ-MM-DD)."})
        if tot < van:
            raise ValidationError({"tot": "Het einde van de periode ligt vóór het begin."})
        if (tot - van).days > 366 * rapportage.MAXIMALE_PERIODE_JAREN:
            raise ValidationError({"van": "Kies een periode van hoogstens 5 jaar."})
        return rapportage.Periode(van=van, tot=tot)

    def titel(self, parameters: dict) -> str:
        huis = Huis.objects.get(pk=parameters["huis"])
        return f"Rapport Lokaal Loket Kinderopvang {huis.naam} ({self._periode(parameters)})"

    def bestandsnaam(self, parameters: dict) -> str:
        huis = Huis.objects.get(pk=parameters["huis"])
        periode = self._periode(parameters)
        return f"loketrapport-{slugify(huis.slug)[:70]}-{periode.van:%Y-%m-%d}-{periode.tot:%Y-%m-%d}.pdf"

    @staticmethod
    def _sectie(id: str, titel: str, cijfers: rapportage.Cijfers, tabellen, inleiding: str) -> Sectie:
        cijfers = rapportage.onderdruk(cijfers)
        return Sectie(
            id=id,
            titel=titel,
            template="rapporten/pdf/secties/loketcijfers.html",
            gegevens={
                "inleiding": inleiding,
                "kerncijfers": [(label, w.tekst) for label, w in cijfers.kerncijfers],
                "blokken": loketblokken(cijfers, tabellen),
                "uitleg": rapportage.UITLEG_ONDERDRUKKING,
            },
        )

    def context(self, parameters: dict) -> dict:
        huis = Huis.objects.get(pk=parameters["huis"])
        periode = self._periode(parameters)
        secties = [
            self._sectie(
                "werkingsgebied",
                "Het hele werkingsgebied",
                rapportage.cijfers_loket(huis, periode),
                LOKET_TABELLEN,
                f"Alle aanvragen bij het loket van {huis.naam}, ingediend van {periode}.",
            )
        ]
        return {
            "rapport": Rapportkop(
                soort="Rapport van het Lokaal Loket Kinderopvang",
                titel=huis.naam,
                ondertitel=f"Opvangvragen, plaatsingen en wachttijden van {periode}",
                datum=periode.tot,
                stylesheet=statische_url(STIJL),
                doelpubliek="Voor de gemeenteraden, de organisatoren en Opgroeien (decreet, taak 4)",
            ),
            "periode": periode,
            "secties": secties,
        }


# --- Kind 1: the Flemish survey report -------------------------------------------------------

OPEN_ANTWOORDEN_PER_VRAAG = 5
KRUISDIMENSIES = (
    bevragingsanalyse.Dimensie.CLUSTER,
    bevragingsanalyse.Dimensie.WERKING,
    bevragingsanalyse.Dimensie.FYSIEK,
)


@dataclass(frozen=True)
class Tabelblok:
    """A table of bevraging.analyse (kern.tabellen.Tabel) as text, with its chart if it has one."""

    titel: str
    kolommen: list[str]
    rijen: list[list[str]]
    toelichting: str = ""
    svg: SafeString | None = None


def tabelblok(tabel, diagram=None, titel: str = "") -> Tabelblok:
    return Tabelblok(
        titel=titel or tabel.titel,
        kolommen=list(tabel.kolommen),
        rijen=[[cel.tekst for cel in rij] for rij in tabel.rijen],
        toelichting=tabel.toelichting,
        svg=grafiek_svg(diagram) if diagram is not None else None,
    )


def _zonder_namen(tekst: str, namen: list[str]) -> str:
    """An open answer without the names of Huizen and gemeenten (longest first)."""
    for naam in namen:
        tekst = re.sub(re.escape(naam), "[…]", tekst, flags=re.I)
    return tekst


class Bevragingsrapport:
    """Kind 1: the Flemish report of one survey wave, for Opgroeien. Made with the rights of the
    Opgroeien staff member who asked for it (`door`), through the analysis's own selectors."""

    code = Rapportsoort.OPGROEIEN_BEVRAGING
    template = "rapporten/pdf/bevraging.html"

    def valideer(self, parameters: dict) -> dict:
        golf_id = parameters.get("golf")
        if not isinstance(golf_id, int) or not Golf.objects.filter(pk=golf_id).exists():
            raise ValidationError({"golf": "Deze bevraging bestaat niet."})
        schoon = {"golf": golf_id, "door": parameters.get("door")}
        self._gebruiker(schoon)
        return schoon

    @staticmethod
    def _gebruiker(parameters: dict):
        from django.contrib.auth import get_user_model

        gebruiker = get_user_model().objects.filter(pk=parameters.get("door")).first()
        if gebruiker is None or not is_opgroeien(gebruiker):
            raise ValidationError({"door": "Alleen medewerkers van Opgroeien maken dit rapport."})
        return gebruiker

    def titel(self, parameters: dict) -> str:
        return f"Vlaams rapport van de bevraging {Golf.objects.get(pk=parameters['golf']).naam}"

    def bestandsnaam(self, parameters: dict) -> str:
        golf = Golf.objects.get(pk=parameters["golf"])
        return f"bevraging-{golf.jaar}-{slugify(golf.naam)[:60]}.pdf"

    def context(self, parameters: dict) -> dict:
        gebruiker = self._gebruiker(parameters)
        golf = Golf.objects.select_related("vragenlijst").get(pk=parameters["golf"])
        clusters_ = selectors_analyse.clusters()
        gegevens = selectors_analyse.analysegegevens(
            gebruiker, golf=golf, met_teksten=True, clusters_=clusters_
        )
        vragen, huizen = gegevens.per_sleutel, gegevens.huizen
        links = bevragingsanalyse.Koppelingen(vraag_url=lambda s: "", huizen_url=lambda s: "")
        namen = sorted(
            {h.naam for h in huizen} | {g for h in huizen for g in h.gemeenten}, key=len, reverse=True
        )
        verdelingen = bevragingsanalyse.samenvatting(gegevens.vragen, gegevens.antwoorden, gegevens.huis_pks)
        per_thema: dict[str, list] = {}
        titels: dict[str, str] = {}
        for v in verdelingen:
            per_thema.setdefault(v.vraag.thema, []).append(v)
            titels[v.vraag.thema] = v.vraag.thema_titel
        secties = []
        for thema, lijst in per_thema.items():
            items = [
                self._vraag(golf, gebruiker, v, gegevens, vragen, huizen, clusters_, links, namen)
                for v in lijst
            ]
            secties.append(
                Sectie(
                    id=f"thema-{slugify(thema)}",
                    titel=titels[thema],
                    template="rapporten/pdf/secties/bevraging_thema.html",
                    gegevens={"vragen": items},
                )
            )
        return {
            "rapport": Rapportkop(
                soort="Vlaams rapport van de bevraging",
                titel=golf.naam,
                ondertitel=f"De antwoorden van {len(huizen)} Huizen van het Kind per thema",
                datum=timezone.localdate(),
                stylesheet=statische_url(STIJL),
                doelpubliek="Voor Opgroeien",
            ),
            "golf": golf,
            "aantal_huizen": len(huizen),
            "secties": secties,
        }

    @staticmethod
    def _vraag(golf, gebruiker, v, gegevens, vragen, huizen, clusters_, links, namen) -> dict:
        vraag = v.vraag
        blokken = [tabelblok(bevragingsanalyse.kerncijfertabel(v, links))]
        verdelingstabel = bevragingsanalyse.verdelingstabel(v, links)
        if verdelingstabel is not None:
            blokken.append(tabelblok(verdelingstabel, bevragingsanalyse.verdelingsgrafiek(v)))
        if vraag.is_score:
            for dimensie in KRUISDIMENSIES:
                kruis = bevragingsanalyse.kruistabel(
                    vraag, vragen, gegevens.antwoorden, huizen, dimensie, clusters_.namen
                )
                tabel = bevragingsanalyse.kruistabeltabel(kruis, links, dimensie.label)
                diagram = (
                    bevragingsanalyse.kruistabelgrafiek(kruis, dimensie.label)
                    if dimensie == bevragingsanalyse.Dimensie.CLUSTER
                    else None
                )
                blokken.append(tabelblok(tabel, diagram))
        vergelijkingen = []
        if vraag.heeft_opties:
            for bron in selectors_analyse.vergelijkingsbronnen(
                gebruiker, golf=golf, sleutel=vraag.sleutel, clusters_=clusters_
            ):
                if bron.ander is None:
                    continue
                andere_vraag = bron.ander.vraag(bron.andere_sleutel)
                ander = bevragingsanalyse.verdeling(
                    andere_vraag, bron.ander.per_sleutel, bron.ander.antwoorden, bron.ander.huis_pks
                )
                eerder, later = (ander, v) if bron.golf_is_later else (v, ander)
                vergelijking = bevragingsanalyse.vergelijking(bron.koppeling, eerder, later)
                if vergelijking.vergelijkbaar and vergelijking.rijen:
                    vergelijkingen.append(
                        (
                            vergelijking.waarschuwingen,
                            tabelblok(
                                bevragingsanalyse.vergelijkingstabel(vergelijking, "vergelijking"),
                                bevragingsanalyse.vergelijkingsgrafiek(vergelijking),
                            ),
                        )
                    )
        open_antwoorden = []
        if vraag.heeft_teksten:
            for antwoord in bevragingsanalyse.open_antwoorden(
                vraag, vragen, gegevens.antwoorden, huizen, clusternamen=clusters_.namen
            )[:OPEN_ANTWOORDEN_PER_VRAAG]:
                open_antwoorden.append((antwoord.label, _zonder_namen(antwoord.tekst, namen)))
        return {
            "vraag": vraag,
            "n": v.n,
            "blokken": blokken,
            "vergelijkingen": vergelijkingen,
            "open_antwoorden": open_antwoorden,
        }


def bouw_secties(functies, bron) -> list[Sectie]:
    return [sectie for functie in functies if (sectie := functie(bron)) is not None]


SOORTEN = {
    soort.code: soort for soort in (Huisrapport(), Gemeenteraadrapport(), Loketrapport(), Bevragingsrapport())
}


def soort_van(code: str):
    try:
        return SOORTEN[code]
    except KeyError:
        raise OnbekendeSoort("Dit soort rapport bestaat niet.") from None


def maak_pdf(
    soort: str, parameters: dict, *, na_context: Callable[[], None] | None = None
) -> tuple[str, bytes]:
    """The report as (html, pdf bytes): the one function the task and the benchmark both call.

    `na_context` is called once the data is gathered (the task reports progress there).
    """
    rapport = soort_van(soort)
    context = rapport.context(parameters)
    if na_context is not None:
        na_context()
    return render_pdf(rapport.template, context)
