"""The 100 % stacked bar chart (kern.grafieken.gestapeld_diagram): parts in proportion, a whole
bar per row, numbers where they fit, an accessible SVG without inline style or script."""

from django.template.loader import render_to_string

from kern.grafieken import DEELBREEDTE, LABELBREEDTE, gestapeld_diagram, staafdiagram

SCORES = ["Score 1-2", "Score 3", "Score 4-5"]


def test_de_delen_zijn_evenredig_en_vullen_samen_de_hele_staaf():
    grafiek = gestapeld_diagram(
        titel="Samenwerking met het Lokaal Loket",
        reeksen=SCORES,
        rijen=[("Met fysieke locatie", [12.6, 8.66, 78.74]), ("Zonder", [23.33, 17.78, 58.89])],
        notities=["n = 127", "n = 90"],
        palet="score",
    )
    met, zonder = grafiek.rijen
    assert [d.x for d in met.delen] == [LABELBREEDTE, LABELBREEDTE + 50, LABELBREEDTE + 85]
    assert [d.breedte for d in met.delen] == [50, 35, 315]
    for rij in grafiek.rijen:  # every bar ends exactly at 100 %
        laatste = rij.delen[-1]
        assert laatste.x + laatste.breedte == LABELBREEDTE + DEELBREEDTE
        assert sum(d.breedte for d in rij.delen) == DEELBREEDTE
    assert [d.tekst for d in zonder.delen] == ["23,3 %", "17,8 %", "58,9 %"]
    assert [d.toon_tekst for d in met.delen] == [True, False, True]  # 8,7 % is too narrow for its label
    assert (met.notitie, zonder.notitie) == ("n = 127", "n = 90")
    assert [tekst for _x, tekst in grafiek.schaal] == ["0 %", "25 %", "50 %", "75 %", "100 %"]


def test_een_rij_zonder_waarden_tekent_niets_en_nullen_geen_deel():
    grafiek = gestapeld_diagram(
        titel="Verdeling", reeksen=["Ja", "Nee"], rijen=[("Leeg", [None, None]), ("Alles ja", [100.0, 0.0])]
    )
    leeg, ja = grafiek.rijen
    assert leeg.delen == []
    assert [(d.naam, d.breedte) for d in ja.delen] == [("Ja", DEELBREEDTE)]


def test_de_legende_loopt_over_meerdere_regels_en_de_staven_schuiven_mee():
    reeksen = [f"Optie {i}" for i in range(6)]
    twee_regels = gestapeld_diagram(titel="Zes opties", reeksen=reeksen, rijen=[("A", [1.0] * 6)])
    een_regel = gestapeld_diagram(titel="Drie", reeksen=reeksen[:3], rijen=[("A", [1.0] * 3)])
    assert {y for _x, y, _r, _l in twee_regels.legende} == {4, 22}
    assert twee_regels.bovenrand > een_regel.bovenrand
    assert twee_regels.rijen[0].delen[0].y == twee_regels.bovenrand


def test_de_svg_heeft_een_tekstalternatief_en_geen_inline_stijl():
    grafiek = gestapeld_diagram(
        titel="Scores per cluster",
        reeksen=SCORES,
        rijen=[("3. Grootsteden", [25.0, 25.0, 50.0])],
        notities=["n = 4"],
        palet="score",
    )
    svg = render_to_string("grafieken/gestapeld.html", {"grafiek": grafiek})
    assert 'role="img"' in svg and 'aria-label="Scores per cluster (de cijfers staan ook in de tabel)"' in svg
    assert "style=" not in svg and "<script" not in svg
    assert "<title>3. Grootsteden, Score 4-5: 50,0 %</title>" in svg
    assert 'class="grafiek grafiek--gestapeld grafiek--score"' in svg
    assert ">n = 4</text>" in svg


def test_het_gewone_staafdiagram_blijft_ongewijzigd():
    grafiek = staafdiagram(titel="T", reeksen=["A"], rijen=[("R", [50.0])], maximum=100)
    svg = render_to_string("grafieken/staafdiagram.html", {"grafiek": grafiek})
    assert grafiek.rijen[0].staven[0].breedte == 180 and "grafiek--gestapeld" not in svg
