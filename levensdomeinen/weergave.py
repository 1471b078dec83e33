"""The figures over the life domains of all Huizen as the Opgroeien page shows them: tables (also
for the CSV and XLSX downloads), bar charts with the same numbers, and the sections of the page.

The figures come from levensdomeinen.selectors (`aandelen`, `zelfevaluatiecijfers`,
`heatmaprijen`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from kern.cijfers import Aandeel
from kern.grafieken import Staafdiagram, staafdiagram
from kern.tabellen import Cel, Tabel
from levensdomeinen.analyse import (
    MAAT_ZIN,
    Aandelen,
    Gemiddelden,
    Groep,
    Heatmaprij,
    Maat,
    Zelfevaluatiecijfers,
)
from levensdomeinen.models import Levensdomein


def heatmaptabel(rijen: list[Heatmaprij], domeinen: list[Levensdomein]) -> Tabel:
    """The heatmap as a table for the downloads."""
    return Tabel(
        naam="levensdomeinen-heatmap",
        titel="Levensdomeinen per Huis van het Kind",
        kolommen=["Huis", "Werking", *(d.naam for d in domeinen)],
        rijen=[
            [Cel(rij.huis.naam), Cel(str(rij.werking.label)), *(Cel(c.exporttekst) for c in rij.cellen)]
            for rij in rijen
        ],
    )


# --- the figures as tables: for the page and for the CSV and XLSX downloads ------------------


def _aantal_cel(aandeel: Aandeel) -> Cel:
    return Cel(aandeel.aantal, "aantal", querystring=aandeel.querystring)


def _procent_cel(aandeel: Aandeel | None) -> Cel:
    return Cel(aandeel.procent if aandeel else None, "procent")


TABELNAMEN = (
    "levensdomeinen",
    "levensdomeinen-per-werking",
    "levensdomeinen-per-cluster",
    "zelfevaluatie-levensdomeinen",
    "zelfevaluatie-werkingsprincipes",
)


def _uitsplitsing(
    naam: str, titel: str, groepen: list[Groep], domeinen, maat: str, toelichting: str
) -> Tabel:
    kolommen = ["Levensdomein"]
    for groep in groepen:
        kolommen += [f"{groep.label}: Huizen", f"{groep.label}: %"]
    rijen = [
        [Cel("Huizen in de groep")]
        + [c for g in groepen for c in (_aantal_cel(g.huizen), _procent_cel(None))]
    ]
    for domein in domeinen:
        rij = [Cel(domein.naam)]
        for groep in groepen:
            aandeel = groep.aandeel(domein.code, maat)
            rij += [_aantal_cel(aandeel), _procent_cel(aandeel)]
        rijen.append(rij)
    return Tabel(naam=naam, titel=titel, kolommen=kolommen, rijen=rijen, toelichting=toelichting)


def _gemiddelden(naam, titel, onderwerp, items, groepen: list[tuple[str, Gemiddelden]], soort: str) -> Tabel:
    return Tabel(
        naam=naam,
        titel=titel,
        kolommen=[onderwerp, *(label for label, _g in groepen)],
        rijen=[[Cel("Huizen met een zelfevaluatie"), *(Cel(g.aantal_huizen, "aantal") for _l, g in groepen)]]
        + [
            [Cel(item.naam), *(Cel(getattr(g, soort).get(item.code), "gemiddelde") for _l, g in groepen)]
            for item in items
        ],
        toelichting="Gemiddelde score van 1 tot 5 over de laatste zelfevaluatie van elk Huis.",
    )


def tabellen(
    aandelen: Aandelen, zelfevaluatie: Zelfevaluatiecijfers, maat: str = Maat.ACTIEF
) -> dict[str, Tabel]:
    """Every figure of the page as a table, by name (see TABELNAMEN), in page order; the
    breakdowns per werking and cluster show `maat`."""
    maat = Maat(maat)
    alle = aandelen.alle
    clusteruitleg = (
        "Een Huis telt mee in elke cluster waarin een van zijn gemeenten vandaag ligt. "
        "Huis van het Kind Brussel en Huizen zonder gemeente vandaag horen bij geen cluster."
    )
    gemiddelden = [("Alle Huizen", zelfevaluatie.alle)] + [
        (g.label, g.gemiddelden) for g in zelfevaluatie.per_cluster
    ]
    resultaat = [
        Tabel(
            naam="levensdomeinen",
            titel="Huizen per levensdomein: actief, top 3, gepland, niet actief",
            kolommen=[
                "Levensdomein",
                *(kop for m in Maat for kop in (f"{m.label}: Huizen", f"{m.label}: %")),
            ],
            rijen=[
                [Cel(d.naam)]
                + [
                    c
                    for m in Maat.values
                    for c in (_aantal_cel(alle.aandeel(d.code, m)), _procent_cel(alle.aandeel(d.code, m)))
                ]
                for d in aandelen.domeinen
            ],
            toelichting=(
                f"Percentages van de {alle.huizen.aantal} Huizen in deze selectie. Niet geregistreerd: "
                "het Huis vulde niets in over het levensdomein."
            ),
        ),
        _uitsplitsing(
            "levensdomeinen-per-werking",
            f"Huizen {MAAT_ZIN[maat]}: gemeentelijk en intergemeentelijk",
            [alle, *aandelen.per_werking],
            aandelen.domeinen,
            maat,
            "Intergemeentelijk: het Huis werkt vandaag in meer dan één gemeente.",
        ),
        _uitsplitsing(
            "levensdomeinen-per-cluster",
            f"Huizen {MAAT_ZIN[maat]}: per VRIND-cluster",
            aandelen.per_cluster,
            aandelen.domeinen,
            maat,
            clusteruitleg,
        ),
        _gemiddelden(
            "zelfevaluatie-levensdomeinen",
            "Zelfevaluatie: gemiddelde score per levensdomein",
            "Levensdomein",
            zelfevaluatie.domeinen,
            gemiddelden,
            "domeinen",
        ),
        _gemiddelden(
            "zelfevaluatie-werkingsprincipes",
            "Zelfevaluatie: gemiddelde score per werkingsprincipe",
            "Werkingsprincipe",
            zelfevaluatie.principes,
            gemiddelden,
            "principes",
        ),
    ]
    return {tabel.naam: tabel for tabel in resultaat}


# --- the same figures as bar charts ------------------------------------------------------------


@dataclass(frozen=True)
class Grafieken:
    domeinen: Staafdiagram
    per_werking: Staafdiagram
    per_cluster: list[Staafdiagram]
    zelfevaluatie_domeinen: Staafdiagram
    zelfevaluatie_principes: Staafdiagram
    zelfevaluatie_per_cluster: list[Staafdiagram]


def grafieken(aandelen: Aandelen, zelfevaluatie: Zelfevaluatiecijfers, maat: str = Maat.ACTIEF) -> Grafieken:
    """The charts of the page, with the numbers of `tabellen(...)` (percentages and averages)."""
    maat = Maat(maat)
    domeinen = aandelen.domeinen
    getoond = [Maat.ACTIEF, Maat.TOP3, Maat.GEPLAND, Maat.NIET_ACTIEF]  # four colours

    def procenten(groep: Groep, maten) -> list[tuple[str, list[float | None]]]:
        return [(d.naam, [groep.aandeel(d.code, m).procent for m in maten]) for d in domeinen]

    per_werking = [aandelen.alle, *aandelen.per_werking][:4]
    per_cluster_score = []
    for groep in zelfevaluatie.per_cluster:
        g = groep.gemiddelden
        per_cluster_score.append(
            staafdiagram(
                titel=f"{groep.label}: gemiddelde score ({g.aantal_huizen} Huizen met een zelfevaluatie)",
                reeksen=["Gemiddelde score"],
                rijen=[(d.naam, [g.domeinen.get(d.code)]) for d in domeinen]
                + [(p.naam, [g.principes.get(p.code)]) for p in zelfevaluatie.principes],
                maximum=5,
                eenheid="",
                decimalen=2,
            )
        )
    return Grafieken(
        domeinen=staafdiagram(
            titel="Aandeel van de Huizen per levensdomein",
            reeksen=[str(m.label) for m in getoond],
            rijen=procenten(aandelen.alle, getoond),
            maximum=100,
        ),
        per_werking=staafdiagram(
            titel=f"Aandeel van de Huizen {MAAT_ZIN[maat]}, naar werking",
            reeksen=[g.label for g in per_werking],
            rijen=[(d.naam, [g.aandeel(d.code, maat).procent for g in per_werking]) for d in domeinen],
            maximum=100,
        ),
        per_cluster=[
            staafdiagram(
                titel=f"{g.label}: aandeel van de {g.huizen.aantal} Huizen {MAAT_ZIN[maat]}",
                reeksen=[str(maat.label)],
                rijen=procenten(g, [maat]),
                maximum=100,
            )
            for g in aandelen.per_cluster
        ],
        zelfevaluatie_domeinen=staafdiagram(
            titel="Gemiddelde score per levensdomein in de zelfevaluatie",
            reeksen=["Alle Huizen"],
            rijen=[(d.naam, [zelfevaluatie.alle.domeinen.get(d.code)]) for d in domeinen],
            maximum=5,
            eenheid="",
            decimalen=2,
        ),
        zelfevaluatie_principes=staafdiagram(
            titel="Gemiddelde score per werkingsprincipe in de zelfevaluatie",
            reeksen=["Alle Huizen"],
            rijen=[(p.naam, [zelfevaluatie.alle.principes.get(p.code)]) for p in zelfevaluatie.principes],
            maximum=5,
            eenheid="",
            decimalen=2,
        ),
        zelfevaluatie_per_cluster=per_cluster_score,
    )


@dataclass(frozen=True)
class Sectie:
    """A table of the page with the chart(s) of its numbers."""

    tabel: Tabel
    grafiek: Staafdiagram | None = None
    meervoud: list[Staafdiagram] = dataclasses.field(default_factory=list)  # one chart per group
    meervoud_titel: str = ""


def secties(tabellen: dict[str, Tabel], grafieken: Grafieken, maat: str = Maat.ACTIEF) -> list[Sectie]:
    """The page in order: each table (see TABELNAMEN) with its charts."""
    maat = Maat(maat)
    return [
        Sectie(tabellen["levensdomeinen"], grafieken.domeinen),
        Sectie(tabellen["levensdomeinen-per-werking"], grafieken.per_werking),
        Sectie(
            tabellen["levensdomeinen-per-cluster"],
            meervoud=grafieken.per_cluster,
            meervoud_titel=f"Grafieken per VRIND-cluster: {str(maat.label).lower()}",
        ),
        Sectie(tabellen["zelfevaluatie-levensdomeinen"], grafieken.zelfevaluatie_domeinen),
        Sectie(
            tabellen["zelfevaluatie-werkingsprincipes"],
            grafieken.zelfevaluatie_principes,
            meervoud=grafieken.zelfevaluatie_per_cluster,
            meervoud_titel="Grafieken van de zelfevaluatie per VRIND-cluster",
        ),
    ]
