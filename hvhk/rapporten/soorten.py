"""The kinds of report: per kind its parameters, title, file name, template and context.

A report is a title page, a table of contents and a list of chapters (`Sectie`). Each chapter is
built by one function from the report's sources (`Huisbron`, `Gemeentebron`) and drawn by its own
partial template under templates/rapporten/pdf/secties/; a function returns None when it has
nothing to show, and then the chapter is left out (no placeholder text in a PDF). New chapters slot
in by adding a function to the kind's list (`HUIS_SECTIES`, `GEMEENTERAAD_SECTIES`).

Charts are the dashboards' own SVG (hvhk.grafieken + templates/grafieken/), embedded inline with
their colours inside the SVG (WeasyPrint does not apply the page's stylesheet inside an inline
SVG); every chart is followed by a table with its numbers.

Kinds made here: the Huis profile report (`huis`) and the council report (`gemeenteraad`). The
survey report for Opgroeien and the loket report are recognised but not made yet.
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
from django.db.models import Avg, Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import slugify

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
from huizen.overzicht import Filter
from huizen.selectors import huizen_in_gemeente
from hvhk.grafieken import STAAFBREEDTE, Staafdiagram, staafdiagram
from hvhk.pdf import render_pdf, statische_url
from hvhk.rapporten.models import Rapportsoort
from hvhk.tabellen import getal
from levensdomeinen.models import DomeinEngagement, Levensdomein, Score, Werkingsprincipe, Zelfevaluatie
from levensdomeinen.selectors import Gemiddelden, cluster_van, publiek_aanbod, zelfevaluatie_gemiddelden

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


def grafiek_svg(grafiek: Staafdiagram) -> SafeString:
    """The dashboards' chart template, with the chart colours inside the SVG for WeasyPrint."""
    html = render_to_string("grafieken/staafdiagram.html", {"grafiek": grafiek})
    stijl = f"<style><![CDATA[{_grafiekstijl()}]]></style>"
    return mark_safe(SVG_OPEN.sub(lambda m: m.group(1) + stijl, html, count=1))


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
    """The Huis's answers to the Opgroeien survey against its cluster and Flanders.

    Not made yet: the survey analysis is being built (bevraging app). Return a Sectie with
    template "rapporten/pdf/secties/bevraging.html" once `bevraging` offers a selector for it.
    """
    return None


def sectie_loket(bron: Gemeentebron) -> Sectie | None:
    """The loket's figures for the gemeente (requests, placements, waiting times, unmet demand;
    small counts suppressed).

    Not made yet: the loket figures are being built (loket app). Return a Sectie with template
    "rapporten/pdf/secties/loket.html" once `loket` offers a selector for it.
    """
    return None


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


def bouw_secties(functies, bron) -> list[Sectie]:
    return [sectie for functie in functies if (sectie := functie(bron)) is not None]


SOORTEN = {soort.code: soort for soort in (Huisrapport(), Gemeenteraadrapport())}


def soort_van(code: str):
    try:
        return SOORTEN[code]
    except KeyError:
        raise OnbekendeSoort("Dit soort rapport kan het portaal nog niet maken.") from None


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
