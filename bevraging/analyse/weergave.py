"""The survey analysis as tables (with their CSV and XLSX downloads, `kern.tabellen`) and SVG charts
(`kern.grafieken`): what the pages and the reports show of `bevraging.analyse.berekening`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import urlencode

from bevraging.analyse.berekening import (
    Huisrij,
    Huisvergelijking,
    Kruistabel,
    OpenAntwoord,
    Verdeling,
    Vergelijking,
    clusterlijst,
)
from bevraging.analyse.gegevens import (
    BEANTWOORD,
    DECIMALEN,
    MINIMUM_ANTWOORDEN,
    NVT,
    ONTBREEKT,
    SCOREKLASSEN,
    Dimensie,
    Huisinfo,
)
from kern.grafieken import GestapeldDiagram, Staafdiagram, gestapeld_diagram, staafdiagram
from kern.tabellen import Cel, Tabel, getal

DIMENSIETITELS = {
    Dimensie.CLUSTER: "Antwoorden per VRIND-cluster",
    Dimensie.WERKING: "Antwoorden van gemeentelijke en intergemeentelijke Huizen",
    Dimensie.FYSIEK: "Antwoorden van Huizen met, met een geplande en zonder fysieke locatie",
    Dimensie.PROVINCIE: "Antwoorden per provincie",
}


def procenttekst(waarde: Decimal | None) -> str:
    return "–" if waarde is None else f"{getal(waarde, DECIMALEN)} %"


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


def _getalcel(waarde: Decimal | None) -> Cel:
    """A mean or a number with two decimals, as the survey report prints them."""
    return Cel(waarde, "gemiddelde")


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
            " Een Huis telt mee in elke cluster en provincie waarin een van zijn gemeenten lag in de golf."
        )
    if kruis.dimensie == Dimensie.FYSIEK:
        toelichting += (
            " Fysieke locatie: zoals het Huis in de golf antwoordde (ja, gepland of nee); zonder"
            " antwoord zoals zijn profiel het vermeldt."
        )
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
            "Gemeenten in de golf",
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


def huizentabel(rijen: Sequence[Huisrij], clusternamen: Mapping[int, str], titel: str) -> Tabel:
    return Tabel(
        naam="huizen",
        titel=titel,
        kolommen=[
            "Huis",
            "Gemeenten in de golf",
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
