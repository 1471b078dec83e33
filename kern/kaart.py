"""Maps drawn on the server as SVG, the same on a page and in a PDF.

Two halves, both knowing no domain:

- Building outlines, once, when reference data is loaded: `lees_topojson` decodes a TopoJSON
  object (quantised, delta-encoded arcs), projects it onto a plane (`Projectie`) and simplifies it
  arc by arc. A border shared by two areas is one arc in TopoJSON, so it is simplified once and
  both neighbours keep exactly the same line: no gaps or overlaps, and `samenvoegen` can unite
  neighbouring areas cleanly (e.g. municipalities that merged). `svg_pad` writes an outline as
  compact SVG path data (integers, relative moves) with its bounding box.
- Drawing, on every (uncached) page: `kaart` takes stored path data, a CSS class, a title and a
  link per area and computes the viewBox; templates/kaart/kaart.html prints it. No script, no
  inline style (the Content-Security-Policy forbids both); colours come from CSS classes.
  `choropleet` colours the areas by quantile class of a value (`kwantielklassen`), with a legend
  of the classes and one for areas without a figure; `categoriekaart` colours them by a fixed
  list of categories (e.g. ja / gepland / nee), every category in the legend.

A map is decoration for sighted readers: every page shows the same information in a table.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import reduce

import shapely
from shapely.geometry import LineString, MultiPolygon, Polygon

#: Simplification tolerance in plane units (see `Projectie.schaal`): detail smaller than this goes.
TOLERANTIE = 0.6
#: Space around the areas inside the viewBox, in plane units.
MARGE = 4
#: Kilometres per degree of latitude (a sphere with the Earth's mean radius of 6,371 km).
KM_PER_BREEDTEGRAAD = 6371 * math.pi / 180
#: The height of a line of a legend drawn as an SVG.
LEGENDEREGEL = 20
#: The CSS modifier class drawn hatched (grafiek-palet.css), e.g. a gemeente without a Huis.
GEARCEERD = "zonder"


@dataclass(frozen=True)
class Projectie:
    """Equirectangular projection, squeezed east-west by the cosine of a reference latitude so that
    shapes keep their proportions near it; x grows eastwards, y southwards (as in SVG).

    `schaal` is plane units per degree of latitude; (west, noord) is the plane's origin.
    """

    west: float
    noord: float
    breedtegraad: float
    schaal: float

    def __call__(self, lengte: float, breedte: float) -> tuple[float, float]:
        factor = math.cos(math.radians(self.breedtegraad))
        return (lengte - self.west) * factor * self.schaal, (self.noord - breedte) * self.schaal

    def kilometer(self, eenheden: float) -> float:
        """A distance on the plane in kilometres (true near the reference latitude)."""
        return eenheden / self.schaal * KM_PER_BREEDTEGRAAD


def _bogen(topologie: Mapping, projectie: Projectie, tolerantie: float) -> list[list[tuple[float, float]]]:
    """The arcs of a topology, decoded, projected and simplified (their end points kept)."""
    transformatie = topologie.get("transform")
    bogen = []
    for boog in topologie["arcs"]:
        punten = []
        x = y = 0
        for positie in boog:
            if transformatie:
                x, y = x + positie[0], y + positie[1]
                (sx, sy), (tx, ty) = transformatie["scale"], transformatie["translate"]
                punten.append(projectie(x * sx + tx, y * sy + ty))
            else:
                punten.append(projectie(positie[0], positie[1]))
        if len(punten) > 2:
            gesloten = punten[0] == punten[-1]
            # A closed arc (an island, an enclave) must stay a ring; an open one keeps its ends.
            lijn = LineString(punten).simplify(tolerantie, preserve_topology=gesloten)
            punten = list(lijn.coords)
        bogen.append(punten)
    return bogen


def _ring(verwijzingen: Iterable[int], bogen: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    punten: list[tuple[float, float]] = []
    for index in verwijzingen:
        boog = bogen[index] if index >= 0 else bogen[~index][::-1]
        punten.extend(boog[1:] if punten else boog)
    return punten


def _veelhoek(ringen: list[list[int]], bogen) -> Polygon | None:
    buiten, *gaten = (_ring(r, bogen) for r in ringen)
    if len(buiten) < 4:
        return None  # simplified away: smaller than the tolerance
    return Polygon(buiten, [gat for gat in gaten if len(gat) >= 4])


def lees_topojson(
    topologie: Mapping,
    object_naam: str,
    *,
    sleutel: str,
    projectie: Projectie,
    tolerantie: float = TOLERANTIE,
) -> dict[str, Polygon | MultiPolygon]:
    """The areas of one object of a TopoJSON topology, by the property `sleutel`, projected and
    simplified (shared borders stay shared)."""
    bogen = _bogen(topologie, projectie, tolerantie)
    vormen = {}
    for geometrie in topologie["objects"][object_naam]["geometries"]:
        if geometrie["type"] == "Polygon":
            delen = [geometrie["arcs"]]
        elif geometrie["type"] == "MultiPolygon":
            delen = geometrie["arcs"]
        else:
            continue
        veelhoeken = [v for v in (_veelhoek(deel, bogen) for deel in delen) if v is not None]
        if not veelhoeken:
            continue
        vorm = veelhoeken[0] if len(veelhoeken) == 1 else MultiPolygon(veelhoeken)
        vormen[str(geometrie["properties"][sleutel])] = vorm if vorm.is_valid else shapely.make_valid(vorm)
    return vormen


def samenvoegen(vormen: Mapping[str, Polygon | MultiPolygon], delen: Iterable[str]):
    """One area made of the given areas (e.g. a municipality and those that merged into it);
    None when none of them has a shape."""
    gevonden = [vormen[deel] for deel in delen if deel in vormen]
    if not gevonden:
        return None
    if len(gevonden) == 1:
        return gevonden[0]
    return shapely.union_all(gevonden)


@dataclass(frozen=True)
class Pad:
    """SVG path data of an area in plane units, with its bounding box."""

    d: str
    x_min: int
    y_min: int
    x_max: int
    y_max: int


def _ringdata(coords) -> tuple[str, list[tuple[int, int]]]:
    punten: list[tuple[int, int]] = []
    for x, y in coords:
        punt = (round(x), round(y))
        if not punten or punt != punten[-1]:
            punten.append(punt)
    if len(punten) > 1 and punten[0] == punten[-1]:
        punten.pop()  # "z" closes the ring
    if len(punten) < 3:
        return "", []
    (x0, y0), stappen = punten[0], []
    vorige = punten[0]
    for punt in punten[1:]:
        stappen.append(f"{punt[0] - vorige[0]} {punt[1] - vorige[1]}")
        vorige = punt
    return f"M{x0} {y0}l" + " ".join(stappen).replace(" -", "-") + "z", punten


def svg_pad(vorm) -> Pad | None:
    """Compact SVG path data (draw with fill-rule evenodd) for a polygon or multipolygon in plane
    units, rounded to whole units; None when nothing is left of it at that precision."""
    veelhoeken = [g for g in getattr(vorm, "geoms", [vorm]) if isinstance(g, Polygon)]
    stukken, alle = [], []
    for veelhoek in veelhoeken:
        for ring in (veelhoek.exterior, *veelhoek.interiors):
            data, punten = _ringdata(ring.coords)
            if data:
                stukken.append(data)
                alle.extend(punten)
    if not stukken:
        return None
    xs, ys = [p[0] for p in alle], [p[1] for p in alle]
    return Pad("".join(stukken), min(xs), min(ys), max(xs), max(ys))


_GETAL = re.compile(r"-?\d+")


def midden(d: str) -> tuple[float, float] | None:
    """The centre (centroid) of an area drawn by `svg_pad` path data, in plane units; rings
    count even-odd as they are drawn (a ring inside another is a hole). None without area."""
    veelhoeken = []
    for ring in d.split("M")[1:]:
        getallen = [int(g) for g in _GETAL.findall(ring)]
        x, y = getallen[0], getallen[1]
        punten = [(x, y)]
        for dx, dy in zip(getallen[2::2], getallen[3::2], strict=False):
            x, y = x + dx, y + dy
            punten.append((x, y))
        if len(punten) >= 3:
            veelhoek = Polygon(punten)
            veelhoeken.append(veelhoek if veelhoek.is_valid else shapely.make_valid(veelhoek))
    if not veelhoeken:
        return None
    vorm = reduce(lambda a, b: a.symmetric_difference(b), veelhoeken)
    if vorm.is_empty or vorm.area == 0:
        return None
    punt = vorm.centroid
    return punt.x, punt.y


# --- drawing ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gebied:
    """One area on a map: its path data, a CSS modifier class, a title and where it links to."""

    d: str
    klasse: str
    titel: str
    url: str


@dataclass(frozen=True)
class Kaart:
    titel: str
    viewbox: str
    breedte: int
    hoogte: int
    gebieden: list[Gebied]
    legende: list[tuple[str, str]]  # (CSS modifier class, label)

    @property
    def legenderegels(self) -> list[tuple[int, int, str, str]]:
        """The legend drawn as an SVG (in a PDF): (y of the swatch, y of the text, class, label)."""
        return [
            (i * LEGENDEREGEL, i * LEGENDEREGEL + 12, klasse, label)
            for i, (klasse, label) in enumerate(self.legende)
        ]

    @property
    def legendehoogte(self) -> int:
        return len(self.legende) * LEGENDEREGEL

    @property
    def gearceerd(self) -> bool:
        """Whether an area is hatched (class "zonder"): the pattern is then defined in the SVG."""
        return any(g.klasse == GEARCEERD for g in self.gebieden)


def kaart(
    *,
    titel: str,
    gebieden: Iterable[tuple[Pad, str, str, str]],
    legende: Iterable[tuple[str, str]] = (),
) -> Kaart:
    """A map of the areas given as (path, CSS class, title, URL), framed to fit them all."""
    paden = list(gebieden)
    if paden:
        x_min = min(p.x_min for p, *_ in paden) - MARGE
        y_min = min(p.y_min for p, *_ in paden) - MARGE
        breedte = max(p.x_max for p, *_ in paden) + MARGE - x_min
        hoogte = max(p.y_max for p, *_ in paden) + MARGE - y_min
    else:
        x_min = y_min = 0
        breedte, hoogte = 100, 50
    return Kaart(
        titel=titel,
        viewbox=f"{x_min} {y_min} {breedte} {hoogte}",
        breedte=breedte,
        hoogte=hoogte,
        gebieden=[Gebied(pad.d, klasse, tekst, url) for pad, klasse, tekst, url in paden],
        legende=list(legende),
    )


# --- choropleths -----------------------------------------------------------------------------

#: The CSS class of an area without a figure, and of the classes of a choropleth (light to dark).
GEEN_GEGEVENS = "geen-gegevens"
KLASSEN = ("klasse-1", "klasse-2", "klasse-3", "klasse-4", "klasse-5")


@dataclass(frozen=True)
class Klasse:
    """One class of a choropleth: its CSS class and the lowest and highest value in it."""

    klasse: str
    laag: float
    hoog: float


def kwantielklassen(waarden: Iterable[float], aantal: int = len(KLASSEN)) -> list[Klasse]:
    """At most `aantal` classes holding about equally many of the values (quantiles); equal
    values always share a class, so there are fewer classes when there are few distinct values."""
    gesorteerd = sorted(waarden)
    if not gesorteerd:
        return []
    aantal = max(1, min(aantal, len(KLASSEN), len(set(gesorteerd))))
    klassen: list[Klasse] = []
    begin = 0
    for nummer in range(1, aantal + 1):
        einde = max(begin + 1, math.ceil(nummer * len(gesorteerd) / aantal))
        if begin >= len(gesorteerd):
            break
        hoog = gesorteerd[min(einde, len(gesorteerd)) - 1]
        while einde < len(gesorteerd) and gesorteerd[einde] == hoog:
            einde += 1  # equal values stay together
        klassen.append(Klasse(KLASSEN[len(klassen)], gesorteerd[begin], hoog))
        begin = einde
    return klassen


def klasse_van(waarde: float | None, klassen: list[Klasse]) -> str:
    if waarde is None:
        return GEEN_GEGEVENS
    for klasse in klassen:
        if waarde <= klasse.hoog:
            return klasse.klasse
    return klassen[-1].klasse if klassen else GEEN_GEGEVENS


def choropleet(
    *,
    titel: str,
    gebieden: Iterable[tuple[Pad, float | None, str, str]],
    opmaak: Callable[[float], str],
    geen_gegevens: str = "Geen gegevens",
) -> Kaart:
    """A map whose areas, given as (path, value or None, title, URL), are coloured by quantile
    class of their value; the legend names each class's range (`opmaak` writes a value) and,
    when an area has none, the class without figures."""
    paden = list(gebieden)
    klassen = kwantielklassen(w for _pad, w, _titel, _url in paden if w is not None)
    legende = [
        (k.klasse, opmaak(k.laag) if k.laag == k.hoog else f"{opmaak(k.laag)} tot {opmaak(k.hoog)}")
        for k in klassen
    ]
    if any(w is None for _pad, w, _titel, _url in paden):
        legende.append((GEEN_GEGEVENS, geen_gegevens))
    return kaart(
        titel=titel,
        gebieden=[(pad, klasse_van(w, klassen), tekst, url) for pad, w, tekst, url in paden],
        legende=legende,
    )


def categoriekaart(
    *,
    titel: str,
    gebieden: Iterable[tuple[Pad, float | None, str, str]],
    categorieen: Sequence[tuple[float, str]],
    geen_gegevens: str = "Geen gegevens",
) -> Kaart:
    """A map whose areas, given as (path, value or None, title, URL), are coloured by category:
    `categorieen` lists (value, label) from light to dark, spread over the classes of a choropleth;
    the legend names every category, and, when an area has none, the class without figures. A
    value that is not a category counts as without figures."""
    paden = list(gebieden)
    stappen = max(len(categorieen) - 1, 1)
    klassen = {
        waarde: KLASSEN[round(i * (len(KLASSEN) - 1) / stappen)]
        for i, (waarde, _label) in enumerate(categorieen)
    }
    legende = [(klassen[waarde], label) for waarde, label in categorieen]
    getekend = [(pad, klassen.get(w, GEEN_GEGEVENS), tekst, url) for pad, w, tekst, url in paden]
    if any(klasse == GEEN_GEGEVENS for _pad, klasse, _tekst, _url in getekend):
        legende.append((GEEN_GEGEVENS, geen_gegevens))
    return kaart(titel=titel, gebieden=getekend, legende=legende)
