"""The map module: outlines from TopoJSON, united along shared borders, written as SVG paths."""

import pytest

from kern.kaart import (
    GEEN_GEGEVENS,
    Pad,
    Projectie,
    categoriekaart,
    kaart,
    lees_topojson,
    midden,
    samenvoegen,
    svg_pad,
)

#: A plane where one degree is 100 units both ways (reference latitude 0).
VLAK = Projectie(west=0, noord=10, breedtegraad=0, schaal=100)

#: Two unit squares side by side; arc 0 is their shared border (x = 1), drawn with a wiggle
#: smaller than the tolerance, so simplification has something to remove.
TOPOLOGIE = {
    "type": "Topology",
    "arcs": [
        [[1, 10], [1.001, 9.5], [1, 9]],  # shared border, north to south
        [[1, 9], [0, 9], [0, 10], [1, 10]],  # west square's other sides
        [[1, 10], [2, 10], [2, 9], [1, 9]],  # east square's other sides
    ],
    "objects": {
        "vlakken": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "arcs": [[0, 1]], "properties": {"code": "W"}},
                {"type": "Polygon", "arcs": [[2, -1]], "properties": {"code": "O"}},
            ],
        }
    },
}


def test_areas_are_read_projected_and_simplified():
    vormen = lees_topojson(TOPOLOGIE, "vlakken", sleutel="code", projectie=VLAK, tolerantie=1)
    assert set(vormen) == {"W", "O"}
    assert vormen["W"].bounds == (0, 0, 100, 100)
    assert vormen["O"].bounds == (100, 0, 200, 100)
    assert len(vormen["W"].exterior.coords) == 5  # the wiggle on the shared border is gone


def test_neighbours_united_along_their_shared_border_make_one_area():
    vormen = lees_topojson(TOPOLOGIE, "vlakken", sleutel="code", projectie=VLAK, tolerantie=1)
    geheel = samenvoegen(vormen, ["W", "O", "onbekend"])
    assert geheel.geom_type == "Polygon"
    assert geheel.area == 200 * 100
    assert samenvoegen(vormen, ["onbekend"]) is None


def test_quantised_topology_is_decoded():
    gekwantiseerd = {
        "transform": {"scale": [0.5, 0.5], "translate": [0, 9]},
        "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
        "objects": {"o": {"geometries": [{"type": "Polygon", "arcs": [[0]], "properties": {"c": 1}}]}},
    }
    vormen = lees_topojson(gekwantiseerd, "o", sleutel="c", projectie=VLAK)
    assert vormen["1"].bounds == (0, 0, 100, 100)


def test_svg_path_data_is_compact_and_framed():
    vormen = lees_topojson(TOPOLOGIE, "vlakken", sleutel="code", projectie=VLAK, tolerantie=1)
    pad = svg_pad(vormen["O"])
    assert pad.d.startswith("M") and pad.d.endswith("z")
    assert (pad.x_min, pad.y_min, pad.x_max, pad.y_max) == (100, 0, 200, 100)
    getekend = kaart(titel="Vlakken", gebieden=[(pad, "a", "Oost", "/o/")], legende=[("a", "Oost")])
    assert getekend.viewbox == "96 -4 108 108"
    assert getekend.gebieden[0].titel == "Oost"


def test_het_midden_van_een_omtrek():
    assert midden("M0 0l10 0 0 10-10 0z") == (5, 5)
    # a square with a square hole in its right half (even-odd): the centre moves left
    x, y = midden("M0 0l20 0 0 10-20 0zM12 2l6 0 0 6-6 0z")
    assert x < 10 and y == pytest.approx(5)
    assert midden("M0 0l5 0z") is None


def test_afstanden_op_het_vlak_in_kilometer():
    # one degree of latitude is about 111 km
    assert VLAK.kilometer(100) == pytest.approx(111.19, abs=0.01)


def test_categoriekaart_kleurt_per_categorie_en_noemt_ze_allemaal():
    pad = Pad("M0 0l10 0 0 10z", 0, 0, 10, 10)
    getekend = categoriekaart(
        titel="Fysieke locatie",
        gebieden=[
            (pad, 2, "A: ja", "/a"),
            (pad, 0, "B: nee", "/b"),
            (pad, None, "C: geen", "/c"),
            (pad, 7, "D", ""),
        ],
        categorieen=[(0, "nee"), (1, "gepland"), (2, "ja")],
    )
    assert [g.klasse for g in getekend.gebieden] == ["klasse-5", "klasse-1", GEEN_GEGEVENS, GEEN_GEGEVENS]
    assert getekend.legende == [
        ("klasse-1", "nee"),
        ("klasse-3", "gepland"),
        ("klasse-5", "ja"),
        (GEEN_GEGEVENS, "Geen gegevens"),
    ]
    zonder = categoriekaart(titel="t", gebieden=[(pad, 1, "A", "")], categorieen=[(0, "a"), (1, "b")])
    assert zonder.legende == [("klasse-1", "a"), ("klasse-5", "b")]
