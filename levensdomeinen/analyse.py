"""Figures over the life domains of all Huizen for Opgroeien staff: what they count and how, with
no query of their own (the queries are in levensdomeinen.selectors, the tables and charts in
levensdomeinen.weergave).

- the heatmap: where each Huis stands on each life domain (`Heatmaprij`, `heatmap`);
- the shares of Huizen active, planned, not active, not recorded and in the top 3 per domain,
  overall, per werking and per VRIND cluster (`Groep`, `Aandelen`, `groep`);
- the averages of the latest Roadmap self-assessment of each Huis (`Gemiddelden`,
  `Zelfevaluatiecijfers`).

Every share is a `kern.cijfers.Aandeel`: the number, what it is a share of, and the query string
of the heatmap that lists exactly those Huizen.

Definitions (as on the Opgroeien overview, huizen.selectors):
- a Huis is in a provincie or cluster when a gemeente of its werkingsgebied lies there today;
  a Huis whose gemeenten lie in two clusters counts in both (Huis van het Kind Brussel and Huizen
  without a gemeente today belong to no cluster);
- gemeentelijk: one gemeente today, intergemeentelijk: more than one;
- "niet geregistreerd": the Huis recorded nothing (no DomeinEngagement) for the domain;
- top 3: the engagement is marked top 3 (whatever its status, which can't be "niet actief");
- the self-assessment figures take the latest Zelfevaluatie of each Huis (date, then id).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import models

from huizen.models import Huis
from kern.cijfers import Aandeel, Filter, Werking, querystring, werking_van
from levensdomeinen.models import Domeinstatus, Levensdomein, Werkingsprincipe

GEEN = "geen"  # the status of a domain the Huis recorded nothing about
ALLE = "alle"  # the group of all Huizen in the filter


class Maat(models.TextChoices):
    """What a share counts: Huizen with a status on the domain, or with it in their top 3."""

    ACTIEF = "actief", "Actief"
    TOP3 = "top3", "In de top 3"
    GEPLAND = "gepland", "Gepland"
    NIET_ACTIEF = "niet_actief", "Niet actief"
    GEEN = GEEN, "Niet geregistreerd"


# The status filter of the heatmap: the recorded statuses, and "nothing recorded".
STATUS_KEUZES = [
    (Domeinstatus.ACTIEF.value, "Actief"),
    (Domeinstatus.GEPLAND.value, "Gepland"),
    (Domeinstatus.NIET_ACTIEF.value, "Niet actief"),
    (GEEN, "Niet geregistreerd"),
]
# The text of a heatmap cell (a cell without an engagement shows "–").
STATUSTEKST = {
    Domeinstatus.ACTIEF.value: "actief",
    Domeinstatus.GEPLAND.value: "gepland",
    Domeinstatus.NIET_ACTIEF.value: "niet actief",
}
# How each share narrows the heatmap to its Huizen.
MAAT_PARAMETERS = {
    Maat.ACTIEF: {"status": Domeinstatus.ACTIEF.value},
    Maat.TOP3: {"top3": "1"},
    Maat.GEPLAND: {"status": Domeinstatus.GEPLAND.value},
    Maat.NIET_ACTIEF: {"status": Domeinstatus.NIET_ACTIEF.value},
    Maat.GEEN: {"status": GEEN},
}
# "Huizen ..." in the titles of the breakdowns.
MAAT_ZIN = {
    Maat.ACTIEF: "die actief rond het levensdomein werken",
    Maat.TOP3: "met het levensdomein in hun top 3",
    Maat.GEPLAND: "die werk rond het levensdomein plannen",
    Maat.NIET_ACTIEF: "die niet rond het levensdomein werken",
    Maat.GEEN: "die niets registreerden over het levensdomein",
}


# --- the heatmap: which Huizen, and where each stands per domain ------------------------------


@dataclass(frozen=True)
class Domeinselectie:
    """Which Huizen of the filter the heatmap shows: by werking, and by status or top 3 on one
    life domain (`levensdomein` is a code; `status` a Domeinstatus value or GEEN)."""

    werking: str = ""
    levensdomein: str = ""
    status: str = ""
    top3: bool = False

    def parameters(self) -> dict[str, str]:
        parameters = {}
        if self.werking:
            parameters["werking"] = self.werking
        if self.levensdomein:
            parameters["levensdomein"] = self.levensdomein
        if self.status:
            parameters["status"] = self.status
        if self.top3:
            parameters["top3"] = "1"
        return parameters


@dataclass(frozen=True)
class Heatmapcel:
    levensdomein: Levensdomein
    status: str  # a Domeinstatus value, or GEEN
    top3: bool

    @property
    def tekst(self) -> str:
        return STATUSTEKST.get(self.status, "–")

    @property
    def exporttekst(self) -> str:
        if self.status == GEEN:
            return "niet geregistreerd"
        return f"{self.tekst} (top 3)" if self.top3 else self.tekst


@dataclass(frozen=True)
class Heatmaprij:
    huis: Huis
    werking: Werking
    cellen: list[Heatmapcel]


def heatmap(
    huizen: Iterable[Huis], stand: dict[int, dict[int, tuple[str, bool]]], domeinen: list[Levensdomein]
) -> list[Heatmaprij]:
    """A row per Huis (with `aantal_gemeenten`) with a cell per domain, from the (status, top3)
    of each Huis id and domain id it recorded."""
    rijen = []
    for huis in huizen:
        per_domein = stand.get(huis.pk, {})
        cellen = []
        for domein in domeinen:
            status, top3 = per_domein.get(domein.pk, (GEEN, False))
            cellen.append(Heatmapcel(levensdomein=domein, status=status, top3=top3))
        rijen.append(Heatmaprij(huis=huis, werking=werking_van(huis.aantal_gemeenten), cellen=cellen))
    return rijen


# --- the shares per domain --------------------------------------------------------------------


@dataclass(frozen=True)
class Groep:
    """A group of Huizen (all in the filter, a werking or a cluster) and its shares per domain."""

    code: str
    label: str
    huizen: Aandeel
    per_domein: dict[str, dict[str, Aandeel]]  # domain code -> Maat value -> Aandeel

    def aandeel(self, domein: str, maat: str) -> Aandeel:
        return self.per_domein[domein][maat]


@dataclass(frozen=True)
class Aandelen:
    filter: Filter
    domeinen: list[Levensdomein]
    alle: Groep
    per_werking: list[Groep]  # gemeentelijk, intergemeentelijk (and without gemeente, if any)
    per_cluster: list[Groep]  # the clusters with Huizen in the filter, by number

    @property
    def clusters(self) -> list[tuple[int, str]]:
        return [(int(g.code), g.label) for g in self.per_cluster]


def tel(rijen: Iterable[dict]) -> dict[str, dict[str, int]]:
    """Counts of engagements per (levensdomein__code, status, top3) as counts per domain code and
    Maat (plus "geregistreerd": every engagement)."""
    tellingen: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for rij in rijen:
        per_maat = tellingen[rij["levensdomein__code"]]
        per_maat[rij["status"]] += rij["n"]
        per_maat["geregistreerd"] += rij["n"]
        if rij["top3"]:
            per_maat[Maat.TOP3] += rij["n"]
    return tellingen


def groep(
    code: str,
    label: str,
    totaal: int,
    tellingen: dict[str, dict[str, int]],
    parameters: dict[str, str],
    domeinen: list[Levensdomein],
) -> Groep:
    """The shares of a group of `totaal` Huizen per domain and Maat, from `tel(...)`; each leads
    to the heatmap of the group (`parameters`) narrowed to the domain and Maat."""

    def aandeel(aantal: int, extra: dict[str, str]) -> Aandeel:
        return Aandeel(aantal=aantal, van=totaal, querystring=querystring(parameters, extra))

    per_domein = {}
    for domein in domeinen:
        geteld = tellingen.get(domein.code, {})
        aantallen = {maat: geteld.get(maat, 0) for maat in Maat.values if maat != GEEN}
        aantallen[GEEN] = totaal - geteld.get("geregistreerd", 0)
        per_domein[domein.code] = {
            maat: aandeel(aantallen[maat], {"levensdomein": domein.code, **MAAT_PARAMETERS[maat]})
            for maat in Maat.values
        }
    return Groep(code=code, label=label, huizen=aandeel(totaal, {}), per_domein=per_domein)


# --- the self-assessment averages -------------------------------------------------------------


@dataclass(frozen=True)
class Gemiddelden:
    """Average self-assessment scores by code of life domain and of working principle."""

    aantal_huizen: int
    domeinen: dict[str, Decimal]
    principes: dict[str, Decimal]


@dataclass(frozen=True)
class Gemiddeldengroep:
    code: str
    label: str
    gemiddelden: Gemiddelden


@dataclass(frozen=True)
class Zelfevaluatiecijfers:
    filter: Filter
    domeinen: list[Levensdomein]
    principes: list[Werkingsprincipe]
    alle: Gemiddelden
    per_cluster: list[Gemiddeldengroep]
