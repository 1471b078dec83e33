"""Bar charts (kern.grafieken) of the loket's tables: the same numbers as the table beside them."""

from __future__ import annotations

from kern.grafieken import Staafdiagram, staafdiagram
from loket.cijfers.tabellen import Cijfers, Rapporttabel

MAXIMUM_RIJEN_GRAFIEK = 40  # a longer table (e.g. all gemeenten of Flanders) gets no chart

# The outcome tables with a chart: table, title, and whether a table of one row gets one too.
UITKOMSTGRAFIEKEN = (
    ("gemeenten", "Aanvragen per woongemeente en uitkomst", False),
    ("loketten", "Aanvragen per loket en uitkomst", True),
    ("leeftijdsgroep", "Aanvragen per leeftijdsgroep en uitkomst", True),
    ("soort-opvang", "Aanvragen per soort opvang en uitkomst", True),
    ("voorrang", "Aanvragen per voorrangsgroep en uitkomst", True),
)


def _grafiek(tabel: Rapporttabel, kolommen: list[int], titel: str, **opties) -> Staafdiagram:
    regels = tabel.regels[:-1] if tabel.kolomsom else tabel.regels
    return staafdiagram(
        titel=titel,
        reeksen=[tabel.kolommen[k + 1] for k in kolommen],
        rijen=[(regel.label, [regel.waarden[k].grafiekwaarde for k in kolommen]) for regel in regels],
        **{"eenheid": "", "decimalen": 0, **opties},
    )


def _past(tabel: Rapporttabel | None, minimum: int) -> bool:
    return tabel is not None and minimum <= len(tabel.regels) <= MAXIMUM_RIJEN_GRAFIEK


def grafieken(cijfers: Cijfers) -> dict[str, Staafdiagram]:
    """The charts of the tables that have one, by table name; a hidden count draws no bar, and a
    table of more than MAXIMUM_RIJEN_GRAFIEK rows has no chart."""
    t = cijfers.tabellen
    resultaat = {}
    for naam, titel, ook_een_rij in UITKOMSTGRAFIEKEN:
        if _past(t.get(naam), 1 if ook_een_rij else 2):
            resultaat[naam] = _grafiek(t[naam], [0, 1, 2], titel)
    if "doorlooptijden" in t:
        resultaat["doorlooptijden"] = _grafiek(
            t["doorlooptijden"], [1, 2], "Wachttijd in dagen", eenheid="dagen", decimalen=0
        )
    if _past(t.get("onvervulde-vraag"), 2):
        resultaat["onvervulde-vraag"] = _grafiek(
            t["onvervulde-vraag"], [0, 1], "Onvervulde vraag per gewenste startmaand"
        )
    if _past(t.get("voorkeuren"), 2):
        resultaat["voorkeuren"] = _grafiek(t["voorkeuren"], [0, 2], "Eerste keuzes tegenover vrije plaatsen")
    return resultaat
