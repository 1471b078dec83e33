"""The survey analysis on plain data (bevraging.analyse.berekening): distributions, missing against not
applicable, percentages and means rounded half up, cross-tabs, wave comparisons, open answers and
a Huis against the averages. No database."""

from decimal import Decimal

from bevraging.analyse.berekening import (
    antwoordtekst,
    groep,
    huisvergelijking,
    kruistabel,
    open_antwoorden,
    status,
    verdeling,
    vergelijking,
)
from bevraging.analyse.gegevens import (
    BEANTWOORD,
    DECIMALEN,
    NVT,
    ONTBREEKT,
    Antwoordinfo,
    Golfinfo,
    Huisinfo,
    Koppelinginfo,
    Optie,
    Vraaginfo,
)
from kern.cijfers import gemiddelde, procent

SCORE = Vraaginfo(
    sleutel="kind_en_gezin_partners.lokaal_loket",
    tekst="In welke mate werken jullie samen met het Lokaal Loket Kinderopvang?",
    type="score_1_5",
    opties=tuple(
        Optie(str(i), label) for i, label in enumerate(["geen", "beperkt", "enige", "goed", "nauw"], 1)
    ),
    thema="kind_en_gezin_partners",
    thema_titel="Kind en Gezin-partners",
    open_veld=True,
    open_veld_label="Omschrijf beknopt de samenwerking.",
)
VRIJWILLIGERS = Vraaginfo(
    sleutel="participatie.vrijwilligers",
    tekst="Werken jullie met vrijwilligers?",
    type="ja_nee",
    opties=(Optie("ja", "Ja"), Optie("nee", "Nee")),
    thema="participatie",
    thema_titel="Participatie",
)
INSPRAAK = Vraaginfo(
    sleutel="participatie.inspraak_vrijwilligers",
    tekst="In welke mate hebben de vrijwilligers reëel inspraak?",
    type="score_1_5",
    opties=tuple(Optie(str(i), f"inspraak {i}") for i in range(1, 6)),
    afhankelijk_van="participatie.vrijwilligers",
    toon_als=("ja",),
    thema="participatie",
    thema_titel="Participatie",
    open_veld=True,
)
PARTNERS = Vraaginfo(
    sleutel="kernpartners.belangrijkste_partners",
    tekst="Wie zijn de drie belangrijkste partners?",
    type="meervoudige_keuze",
    opties=(
        Optie("lokaal_bestuur", "Lokaal bestuur"),
        Optie("ckg", "CKG"),
        Optie("clb", "CLB"),
        Optie("andere", "Andere: …", is_andere=True),
    ),
    thema="kernpartners",
    thema_titel="Kernpartners",
)
VRAGEN = {v.sleutel: v for v in (SCORE, VRIJWILLIGERS, INSPRAAK, PARTNERS)}


def a(waarde=None, toelichting="", andere_tekst="") -> Antwoordinfo:
    return Antwoordinfo(waarde, toelichting, andere_tekst)


def huis(pk, clusters=(), provincies=("Oost-Vlaanderen",), werking="gemeentelijk", fysiek="met", naam=None):
    return Huisinfo(
        pk=pk,
        naam=naam or f"Huis {pk}",
        clusters=tuple(clusters),
        provincies=tuple(provincies),
        werking=werking,
        fysiek=fysiek,
    )


# --- numbers ----------------------------------------------------------------------------------


def test_percentages_en_gemiddelden_worden_half_naar_boven_afgerond_op_twee_decimalen():
    assert procent(16, 127, DECIMALEN) == Decimal("12.60")
    assert procent(11, 127, DECIMALEN) == Decimal("8.66")
    assert procent(100, 127, DECIMALEN) == Decimal("78.74")
    assert procent(1, 32, DECIMALEN) == Decimal("3.13")  # 3,125: half up, not to even (3,12)
    assert procent(1, 8, DECIMALEN) == Decimal("12.50")
    assert procent(3, 0, DECIMALEN) is None
    assert gemiddelde([Decimal(x) for x in (1, 2, 2, 2, 2, 2, 3, 3)], DECIMALEN) == Decimal("2.13")  # 2,125
    assert gemiddelde([], DECIMALEN) is None


# --- a distribution ---------------------------------------------------------------------------


def test_verdeling_van_een_score_met_aandeel_4_5_en_1_2_en_het_gemiddelde():
    antwoorden = {1: {SCORE.sleutel: a(1)}, 2: {SCORE.sleutel: a(2)}, 3: {SCORE.sleutel: a(3)}}
    antwoorden |= {4: {SCORE.sleutel: a(4)}, 5: {SCORE.sleutel: a(5)}, 6: {SCORE.sleutel: a(5)}, 7: {}}
    v = verdeling(SCORE, VRAGEN, antwoorden, [1, 2, 3, 4, 5, 6, 7])

    assert (v.n, v.ontbrekend, v.niet_van_toepassing) == (6, 1, 0)
    assert [v.aantal(str(s)) for s in range(1, 6)] == [1, 1, 1, 1, 2]
    assert v.aantal("1-2") == 2 and v.aantal("3") == 1 and v.aantal("4-5") == 3
    assert v.procent_laag == Decimal("33.33")
    assert v.procent_midden == Decimal("16.67")
    assert v.procent_hoog == Decimal("50.00")
    assert v.gemiddelde == Decimal("3.33")  # 20 / 6
    assert v.huizen_voor("4-5") == (4, 5, 6)
    assert v.huizen_voor(ONTBREEKT) == (7,)
    assert v.huizen_voor("") == (1, 2, 3, 4, 5, 6, 7)


def test_een_vraag_die_de_sprongregel_verbergt_ontbreekt_niet_maar_is_niet_van_toepassing():
    antwoorden = {
        1: {VRIJWILLIGERS.sleutel: a("ja"), INSPRAAK.sleutel: a(4)},
        2: {VRIJWILLIGERS.sleutel: a("ja")},  # applies, not answered: missing
        3: {VRIJWILLIGERS.sleutel: a("nee")},  # hidden: not applicable
        4: {VRIJWILLIGERS.sleutel: a("nee"), INSPRAAK.sleutel: a(1)},  # an old answer, now hidden
        5: {},  # the parent unanswered: the question was not shown either
    }
    v = verdeling(INSPRAAK, VRAGEN, antwoorden, [1, 2, 3, 4, 5])

    assert v.per_status == {BEANTWOORD: (1,), ONTBREEKT: (2,), NVT: (3, 4, 5)}
    assert v.procent_hoog == Decimal("100.00") and v.gemiddelde == Decimal("4.00")
    assert status(INSPRAAK, VRAGEN, antwoorden[3]) == NVT
    assert antwoordtekst(INSPRAAK, None, NVT) == "niet van toepassing"
    assert antwoordtekst(INSPRAAK, None, ONTBREEKT) == "geen antwoord"


def test_ja_nee_geeft_het_aandeel_ja_van_wie_antwoordde():
    antwoorden = {pk: {VRIJWILLIGERS.sleutel: a("ja" if pk <= 16 else "nee")} for pk in range(1, 26)}
    antwoorden[26] = {VRIJWILLIGERS.sleutel: a("")}
    v = verdeling(VRIJWILLIGERS, VRAGEN, antwoorden, range(1, 27))
    assert v.n == 25 and v.ontbrekend == 1
    assert v.procent_ja == Decimal("64.00")


def test_meervoudige_keuze_telt_per_optie_het_aandeel_van_de_huizen_die_antwoordden():
    antwoorden = {
        1: {PARTNERS.sleutel: a(["lokaal_bestuur", "ckg"])},
        2: {PARTNERS.sleutel: a(["lokaal_bestuur", "andere"], andere_tekst="Buurtwerk")},
        3: {PARTNERS.sleutel: a(["lokaal_bestuur"])},
        4: {PARTNERS.sleutel: a([])},  # an empty list is no answer
    }
    v = verdeling(PARTNERS, VRAGEN, antwoorden, [1, 2, 3, 4])
    assert v.n == 3 and v.ontbrekend == 1
    assert v.procent("lokaal_bestuur") == Decimal("100.00")
    assert v.procent("ckg") == Decimal("33.33")
    assert v.procent("clb") == Decimal("0.00")
    assert [(o.code, n) for o, n, _p in v.top()] == [("lokaal_bestuur", 3), ("ckg", 1), ("andere", 1)]
    assert antwoordtekst(PARTNERS, antwoorden[2][PARTNERS.sleutel]) == "Lokaal bestuur; Andere: Buurtwerk"


# --- cross-tabs -------------------------------------------------------------------------------


def test_kruistabel_per_cluster_telt_een_huis_in_elke_cluster_van_zijn_gemeenten():
    huizen = [huis(1, [3]), huis(2, [3, 6], werking="intergemeentelijk"), huis(3, [6]), huis(4, [])]
    antwoorden = {1: {SCORE.sleutel: a(5)}, 2: {SCORE.sleutel: a(1)}, 3: {SCORE.sleutel: a(4)}, 4: {}}
    namen = {3: "3. Grootsteden", 6: "6. Platteland"}
    kruis = kruistabel(SCORE, VRAGEN, antwoorden, huizen, "cluster", namen)

    assert [(r.label, r.verdeling.huizen) for r in kruis.rijen] == [
        ("3. Grootsteden", (1, 2)),
        ("6. Platteland", (2, 3)),
        ("Geen VRIND-cluster (bv. Brussel)", (4,)),
    ]
    assert kruis.totaal.verdeling.n == 3
    grootsteden = kruis.rijen[0].verdeling
    assert (grootsteden.procent("1-2"), grootsteden.procent("4-5")) == (Decimal("50.00"), Decimal("50.00"))
    assert kruis.rijen[2].verdeling.ontbrekend == 1

    per_werking = kruistabel(SCORE, VRAGEN, antwoorden, huizen, "werking", namen)
    assert [(r.groep.code, r.verdeling.huizen) for r in per_werking.rijen] == [
        ("gemeentelijk", (1, 3, 4)),
        ("intergemeentelijk", (2,)),
    ]
    assert groep(huizen, "cluster:6", namen).huizen == (2, 3)
    assert groep(huizen, "cluster:99", namen) is None
    assert groep(huizen, "onbekend:1", namen) is None


# --- wave comparison --------------------------------------------------------------------------

GOLF_2016 = Golfinfo(1, 2016, "Bevraging 2016", "zelf_ingevuld", "zelf ingevuld door het Huis")
GOLF_2022 = Golfinfo(2, 2022, "Bevraging 2022", "interview", "interview door een intersectorale medewerker")
LOCATIE_2016 = Vraaginfo(
    "toegankelijkheid.fysieke_locatie",
    "Heeft het Huis een fysieke locatie?",
    "ja_nee",
    (Optie("ja", "Ja"), Optie("nee", "Nee")),
)
LOCATIE_2022 = Vraaginfo(
    "toegankelijkheid.fysieke_locatie",
    "Heeft het Huis één of meer fysieke locaties?",
    "enkele_keuze",
    (Optie("een", "Eén"), Optie("meerdere", "Meerdere"), Optie("gepland", "Gepland"), Optie("niet", "Niet")),
)


def test_een_hercodering_telt_de_latere_antwoorden_volgens_de_vroegere_codes_met_waarschuwingen():
    koppeling = Koppelinginfo(
        soort="gehercodeerd",
        notitie="2016 ja/nee",
        van=LOCATIE_2016,
        naar=LOCATIE_2022,
        van_golf=GOLF_2016,
        naar_golf=GOLF_2022,
        optiemapping={"ja": ["een", "meerdere"], "nee": ["gepland", "niet"]},
    )
    eerder = verdeling(
        LOCATIE_2016,
        {},
        {1: {LOCATIE_2016.sleutel: a("ja")}, 2: {LOCATIE_2016.sleutel: a("nee")}},
        [1, 2],
    )
    later_antwoorden = {
        1: {LOCATIE_2022.sleutel: a("een")},
        2: {LOCATIE_2022.sleutel: a("meerdere")},
        3: {LOCATIE_2022.sleutel: a("gepland")},
        4: {LOCATIE_2022.sleutel: a("een")},
    }
    later = verdeling(LOCATIE_2022, {}, later_antwoorden, [1, 2, 3, 4])
    resultaat = vergelijking(koppeling, eerder, later)

    assert [(r.code, r.eerder, r.eerder_procent, r.later, r.later_procent) for r in resultaat.rijen] == [
        ("ja", 1, Decimal("50.00"), 3, Decimal("75.00")),
        ("nee", 1, Decimal("50.00"), 1, Decimal("25.00")),
    ]
    tekst = " ".join(resultaat.waarschuwingen)
    assert "Andere manier van bevragen" in tekst and "zelf ingevuld" in tekst
    assert "Andere vraagstelling" in tekst
    assert "Gehercodeerd" in tekst and "‘Ja’ = ‘Eén’ of ‘Meerdere’" in tekst


def test_niet_vergelijkbare_vragen_geven_geen_cijfers_maar_wel_de_reden():
    koppeling = Koppelinginfo(
        "niet_vergelijkbaar", "Andere vraagstelling.", VRIJWILLIGERS, VRIJWILLIGERS, GOLF_2016, GOLF_2022
    )
    resultaat = vergelijking(koppeling, None, None)
    assert resultaat.rijen == [] and not resultaat.vergelijkbaar
    assert resultaat.waarschuwingen[0].startswith("Niet vergelijkbaar")


def test_dezelfde_score_in_twee_golven_in_de_klassen_van_het_rapport_zonder_waarschuwing_bij_dezelfde_modus():
    golf_2028 = Golfinfo(3, 2028, "Bevraging 2028", "interview", "interview")
    koppeling = Koppelinginfo("zelfde", "", SCORE, SCORE, GOLF_2022, golf_2028)
    eerder = verdeling(SCORE, VRAGEN, {1: {SCORE.sleutel: a(1)}, 2: {SCORE.sleutel: a(5)}}, [1, 2])
    later = verdeling(SCORE, VRAGEN, {1: {SCORE.sleutel: a(4)}, 2: {SCORE.sleutel: a(5)}}, [1, 2])
    resultaat = vergelijking(koppeling, eerder, later)
    assert [(r.code, r.eerder_procent, r.later_procent) for r in resultaat.rijen] == [
        ("1-2", Decimal("50.00"), Decimal("0.00")),
        ("3", Decimal("0.00"), Decimal("0.00")),
        ("4-5", Decimal("50.00"), Decimal("100.00")),
    ]
    assert resultaat.waarschuwingen == [] and resultaat.met_gemiddelde


# --- open answers -----------------------------------------------------------------------------


def test_open_antwoorden_zoeken_zonder_accenten_en_per_cluster_zonder_verborgen_vragen():
    huizen = [
        huis(1, [3], naam="Huis Gent"),
        huis(2, [6], naam="Huis Aalter"),
        huis(3, [], naam="Huis Brussel"),
    ]
    antwoorden = {
        1: {SCORE.sleutel: a(4, toelichting="Goede coördinatie met het loket")},
        2: {SCORE.sleutel: a(2, toelichting="Weinig contact")},
        3: {SCORE.sleutel: a(5, toelichting="Zelfde gebouw, dagelijkse coordinatie")},
    }
    alle = open_antwoorden(SCORE, VRAGEN, antwoorden, huizen)
    assert [(o.huis.naam, o.label) for o in alle] == [
        ("Huis Aalter", "Omschrijf beknopt de samenwerking."),
        ("Huis Brussel", "Omschrijf beknopt de samenwerking."),
        ("Huis Gent", "Omschrijf beknopt de samenwerking."),
    ]
    gevonden = open_antwoorden(SCORE, VRAGEN, antwoorden, huizen, zoekterm="COORDINATIE")
    assert [o.huis.pk for o in gevonden] == [3, 1]
    assert [o.huis.pk for o in open_antwoorden(SCORE, VRAGEN, antwoorden, huizen, cluster="6")] == [2]
    assert [o.huis.pk for o in open_antwoorden(SCORE, VRAGEN, antwoorden, huizen, cluster="geen")] == [3]

    verborgen = {1: {VRIJWILLIGERS.sleutel: a("nee"), INSPRAAK.sleutel: a(3, toelichting="oud")}}
    assert open_antwoorden(INSPRAAK, VRAGEN, verborgen, huizen[:1]) == []


# --- a Huis against the averages --------------------------------------------------------------


def test_een_huis_naast_vlaanderen_en_zijn_cluster_met_een_drempel_voor_kleine_groepen():
    huizen = [huis(pk, [6]) for pk in range(1, 6)] + [huis(6, [3]), huis(7, [3])]
    scores = {1: 5, 2: 4, 3: 4, 4: 2, 5: 1, 6: 5, 7: 3}
    antwoorden = {pk: {SCORE.sleutel: a(s), VRIJWILLIGERS.sleutel: a("ja")} for pk, s in scores.items()}
    namen = {3: "3. Grootsteden", 6: "6. Platteland"}

    eigen = huisvergelijking([SCORE, VRIJWILLIGERS], antwoorden, huizen, huizen[0], antwoorden[1], namen)
    assert [c.getoond for c in eigen.clusters] == [True]
    (_thema, _titel, regels), *_ = eigen.per_thema
    hoog, gem = regels
    assert (hoog.maat, hoog.eigen) == ("% score 4-5", "5 – nauw")
    assert hoog.vlaanderen == Decimal("57.14")  # 4 of 7
    assert hoog.clusters == (Decimal("60.00"),)  # 3 of the 5 in cluster 6
    assert gem.vlaanderen == Decimal("3.43") and gem.clusters == (Decimal("3.20"),)

    klein = huisvergelijking([SCORE], antwoorden, huizen, huizen[5], None, namen)
    assert [(c.label, c.antwoorden, c.getoond) for c in klein.clusters] == [("3. Grootsteden", 2, False)]
    assert not klein.eigen_beschikbaar
    regel = klein.per_thema[0][2][0]
    assert regel.clusters == () and regel.eigen == "–"

    weinig = huisvergelijking(
        [SCORE], {1: antwoorden[1]}, huizen[:1], huizen[0], antwoorden[1], namen, minimum=5
    )
    assert weinig.per_thema[0][2][0].vlaanderen is None
