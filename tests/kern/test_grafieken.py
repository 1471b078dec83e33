from django.template.loader import render_to_string

from kern.grafieken import LABELBREEDTE, STAAFBREEDTE, staafdiagram


def test_de_staven_zijn_evenredig_met_de_waarden_en_een_ontbrekende_waarde_tekent_niets():
    grafiek = staafdiagram(
        titel="Actief per levensdomein",
        reeksen=["Vlaanderen", "Cluster"],
        rijen=[("Onderwijs", [50.0, 100.0]), ("Jeugdhulp", [25.0, None])],
        maximum=100,
    )
    onderwijs, jeugdhulp = grafiek.rijen
    assert [s.breedte for s in onderwijs.staven] == [STAAFBREEDTE // 2, STAAFBREEDTE]
    assert [s.breedte for s in jeugdhulp.staven] == [STAAFBREEDTE // 4]
    assert all(s.x == LABELBREEDTE for s in onderwijs.staven)
    assert onderwijs.staven[0].tekst == "50,0 %"


def test_de_svg_heeft_een_tekstalternatief_en_geen_inline_stijl():
    grafiek = staafdiagram(
        titel="Score per domein", reeksen=["Huis"], rijen=[("Onderwijs", [3.5])], maximum=5, eenheid=""
    )
    svg = render_to_string("grafieken/staafdiagram.html", {"grafiek": grafiek})
    assert 'role="img"' in svg and 'aria-label="Score per domein' in svg
    assert "style=" not in svg and "<script" not in svg
    assert "<title>Onderwijs: 3,5</title>" in svg


def test_de_schaal_toont_zoveel_decimalen_als_nodig():
    grafiek = staafdiagram(titel="Score", reeksen=["H"], rijen=[("Onderwijs", [3.0])], maximum=5, eenheid="")
    assert [tekst for _x, tekst in grafiek.schaal] == ["0", "1,25", "2,5", "3,75", "5"]
    procent = staafdiagram(titel="Aandeel", reeksen=["Huis"], rijen=[("Onderwijs", [30.0])], maximum=100)
    assert [tekst for _x, tekst in procent.schaal] == ["0 %", "25 %", "50 %", "75 %", "100 %"]


def test_getallen_worden_afgerond_en_niet_afgekapt():
    from kern.tabellen import Cel

    assert Cel(3.675, "gemiddelde").tekst == "3,68"
    assert Cel(72.86, "procent").tekst == "72,9 %"
    grafiek = staafdiagram(titel="Score", reeksen=["H"], rijen=[("Onderwijs", [3.67])], maximum=5, eenheid="")
    assert grafiek.rijen[0].staven[0].tekst == "3,7"


def test_zonder_maximum_loopt_de_schaal_in_ronde_stappen_tot_boven_de_grootste_waarde():
    dagen = staafdiagram(
        titel="Wachttijd", reeksen=["Alle"], rijen=[("Gent", [197.6])], eenheid="dagen", decimalen=0
    )
    assert [tekst for _x, tekst in dagen.schaal] == [f"{n} dagen" for n in (0, 50, 100, 150, 200)]
    assert dagen.rijen[0].staven[0].tekst == "198 dagen"
    # A few families: whole steps, never 0,75 of a family.
    weinig = staafdiagram(titel="Gezinnen", reeksen=["A"], rijen=[("Gent", [3.0])], eenheid="", decimalen=0)
    assert [tekst for _x, tekst in weinig.schaal] == ["0", "1", "2", "3", "4"]
    # A share of at most 40 % ends at 40 %, not at 100 % or at 39,2 %.
    aandeel = staafdiagram(titel="Aandeel", reeksen=["A"], rijen=[("Gent", [39.2])])
    assert [tekst for _x, tekst in aandeel.schaal] == ["0 %", "10 %", "20 %", "30 %", "40 %"]
