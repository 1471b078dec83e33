"""The needs analysis of a gemeente (omgevingsanalyse), for a council member: the Huis that serves it
and its offer per life domain, the loket's demand against the free places, the unmet demand and
its trend, the waiting times, the share of vulnerable families, and the Huis's own answers on the
omgevingsanalyse in the survey, everything against the gemeente's VRIND cluster and Flanders.

It combines the reads of levensdomeinen, loket and bevraging (which never import each other), so it
lives here; the page (rapporten.views) and the council report's chapter (rapporten.rapporten) show
the same `Behoefteanalyse`. The whole analysis is cached per gemeente and day by the data versions
of everything it reads (`kern.versies`); who may see it is decided before (`mag_zien`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from bevraging.selectors.behoefte import Omgevingsanalyse, omgevingsanalyse
from huizen.models import Gemeente, Huis, Werkingsgebied
from huizen.selectors import huizen_in_gemeente
from kern.cijfers import Filter
from kern.tabellen import getal
from kern.tenancy import is_opgroeien
from kern.versies import gecachet
from levensdomeinen.selectors import cijfers_gecachet, domeinen_van_huis
from loket.selectors.behoefte import Loketbehoefte, Tabel, loketbehoefte

BRONNEN = ("loket", "huizen", "bevraging", "referentie")
STATUS = {"actief": "actief", "gepland": "gepland", "niet_actief": "niet actief", "": "–"}


@dataclass(frozen=True)
class Behoefteanalyse:
    gemeente: Gemeente
    datum: datetime.date
    huis: Huis | None
    andere_huizen: list[Huis]
    aantal_gemeenten_huis: int
    clusternaam: str
    samenvatting: list[str]
    domeinen: Tabel | None
    aantal_actief: int
    aantal_aanbod: int
    loket: Loketbehoefte
    omgevingsanalyse: Omgevingsanalyse | None


def gemeente_van(nis: str, datum: datetime.date) -> Gemeente | None:
    """The gemeente with this NIS code on `datum`, with its cluster."""
    return Gemeente.objects.geldig_op(datum).select_related("cluster").filter(nis=nis).first()


def mag_zien(gebruiker, gemeente: Gemeente, datum: datetime.date) -> bool:
    """Opgroeien staff, and the members (coordinators, loket staff) of a Huis that serves the
    gemeente on `datum`."""
    if is_opgroeien(gebruiker):
        return True
    if not (gebruiker.is_authenticated and gebruiker.is_active):
        return False
    return (
        Huis.objects.zichtbaar_voor(gebruiker)
        .filter(pk__in=huizen_in_gemeente(gemeente, datum).values("pk"))
        .exists()
    )


def zichtbare_gemeenten(gebruiker, datum: datetime.date):
    """The gemeenten whose needs analysis the user may see, by provincie and name (one query)."""
    gemeenten = Gemeente.objects.geldig_op(datum).order_by("provincie", "naam")
    if is_opgroeien(gebruiker):
        return gemeenten
    huizen = Huis.objects.zichtbaar_voor(gebruiker).values("pk")
    return gemeenten.filter(
        pk__in=Werkingsgebied.objects.geldig_op(datum).filter(huis__in=huizen).values("gemeente_id")
    )


def _domeinen(huis: Huis, cluster: int | None, datum: datetime.date) -> tuple[Tabel, int, int]:
    """The Huis's status and offer per life domain, and the share of Huizen active on it in the
    cluster and in Flanders."""
    aandelen, _zelfevaluatie = cijfers_gecachet(Filter(datum=datum))
    groepen = [("Cluster", g) for g in aandelen.per_cluster if cluster is not None and g.code == str(cluster)]
    groepen.append(("Vlaanderen", aandelen.alle))
    regels = domeinen_van_huis(huis)

    def aandeel(groep, code: str) -> str:
        if code not in groep.per_domein:
            return "0 %"
        waarde = groep.aandeel(code, "actief").procent
        return "–" if waarde is None else f"{getal(float(waarde), 0)} %"

    tabel = Tabel(
        naam="levensdomeinen",
        titel="Levensdomeinen: wat het Huis doet, en hoeveel Huizen er actief rond werken",
        kolommen=("Levensdomein", "Dit Huis", "Activiteiten", *(naam for naam, _g in groepen)),
        rijen=[
            (
                r.domein.naam,
                [
                    STATUS.get(r.status, r.status) + (" (top 3)" if r.top3 else ""),
                    str(r.aanbod),
                    *(aandeel(g, r.domein.code) for _n, g in groepen),
                ],
            )
            for r in regels
        ],
        toelichting="Dit Huis: werkt het Huis actief rond het domein, is het gepland of niet actief; "
        "top 3: een van de drie domeinen waar het Huis het sterkst op inzet. Activiteiten: het aanbod "
        "van het Huis over dat domein. Cluster en Vlaanderen: het aandeel Huizen dat er actief rond werkt.",
        tekstkolommen=(0,),
    )
    return tabel, sum(1 for r in regels if r.status == "actief"), len(regels)


def _maak(gemeente: Gemeente, datum: datetime.date) -> Behoefteanalyse:
    huizen = list(huizen_in_gemeente(gemeente, datum))
    huis = huizen[0] if huizen else None
    cluster = gemeente.cluster.nummer if gemeente.cluster_id else None
    clusternaam = gemeente.cluster.naam if gemeente.cluster_id else ""
    loket = loketbehoefte(gemeente, datum)
    domeinen, aantal_actief, aantal_domeinen = (None, 0, 0)
    omgeving = None
    aantal_aanbod = 0
    aantal_gemeenten = 0
    if huis is not None:
        domeinen, aantal_actief, aantal_domeinen = _domeinen(huis, cluster, datum)
        aantal_aanbod = sum(int(waarden[1]) for _label, waarden in domeinen.rijen)
        aantal_gemeenten = huis.gemeenten_op(datum).count()
        omgeving = omgevingsanalyse(huis, cluster)
    samenvatting = _samenvatting(
        gemeente, clusternaam, huis, aantal_gemeenten, aantal_actief, aantal_domeinen, omgeving
    )
    return Behoefteanalyse(
        gemeente=gemeente,
        datum=datum,
        huis=huis,
        andere_huizen=huizen[1:],
        aantal_gemeenten_huis=aantal_gemeenten,
        clusternaam=clusternaam,
        samenvatting=[*samenvatting, *loket.zinnen],
        domeinen=domeinen,
        aantal_actief=aantal_actief,
        aantal_aanbod=aantal_aanbod,
        loket=loket,
        omgevingsanalyse=omgeving,
    )


def _samenvatting(
    gemeente: Gemeente,
    clusternaam: str,
    huis: Huis | None,
    aantal_gemeenten: int,
    aantal_actief: int,
    aantal_domeinen: int,
    omgeving: Omgevingsanalyse | None,
) -> list[str]:
    zinnen = []
    if clusternaam:
        zinnen.append(
            f"{gemeente.naam} hoort bij de VRIND-cluster ‘{clusternaam}’: we vergelijken de gemeente met "
            "de gemeenten van die cluster en met heel Vlaanderen."
        )
    if huis is None:
        zinnen.append(f"In {gemeente.naam} werkt vandaag geen Huis van het Kind.")
        return zinnen
    gebied = (
        f"in {gemeente.naam}"
        if aantal_gemeenten <= 1
        else f"in {gemeente.naam} en {aantal_gemeenten - 1} andere gemeente"
        + ("n" if aantal_gemeenten > 2 else "")
    )
    zinnen.append(
        f"{huis.naam} werkt {gebied}. Het werkt actief rond {aantal_actief} van de {aantal_domeinen} "
        "levensdomeinen."
    )
    if omgeving is not None and omgeving.scores:
        score = omgeving.scores[0]
        zinnen.append(
            f"In de bevraging van {omgeving.jaar} gaf het Huis zichzelf voor zicht op de lokale noden "
            f"een {score.eigen}; het gemiddelde in Vlaanderen was {score.gemiddelden[-1]}."
        )
    return zinnen


def behoefteanalyse(gemeente: Gemeente, datum: datetime.date) -> Behoefteanalyse:
    """The needs analysis of `gemeente` on `datum`, cached per data version."""
    return gecachet("behoefteanalyse", BRONNEN, lambda: _maak(gemeente, datum), gemeente.pk, datum)
