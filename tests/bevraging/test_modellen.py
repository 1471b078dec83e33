"""One-row invariants: answer values per question type, question rules, wave mappings."""

import pytest
from django.core.exceptions import ValidationError

from bevraging.models import Koppelingsoort, Vraag, Vraagkoppeling
from tests.factories import GolfFactory, ThemaFactory, VraagFactory, VragenlijstFactory

pytestmark = pytest.mark.django_db


def fouten(vraag, waarde, **kwargs):
    return [str(m) for m in vraag.controleer_waarde(waarde, **kwargs)]


def test_score():
    vraag = VraagFactory(score=True)
    assert fouten(vraag, 3) == [] and fouten(vraag, 3, toelichting="Goed") == []
    for fout in (0, 6, 2.5, True, "3"):
        assert fouten(vraag, fout) == ["Kies een score van 1 tot 5."]
    assert fouten(vraag, None) == [] and fouten(vraag, None, volledig=True) == ["Deze vraag is verplicht."]


def test_ja_nee_zonder_open_veld():
    vraag = VraagFactory()
    assert fouten(vraag, "ja") == []
    assert fouten(vraag, "misschien") == ["Kies een van de antwoorden uit de lijst."]
    assert fouten(vraag, "ja", toelichting="uitleg") == ["Deze vraag heeft geen open veld."]


def test_meervoudige_keuze_met_maximum_en_andere():
    vraag = VraagFactory(
        type="meervoudige_keuze",
        max_keuzes=2,
        opties=[("a", "A"), ("b", "B"), ("c", "C"), ("andere", "Andere", True)],
    )
    assert fouten(vraag, ["a", "b", "c"]) == []  # the maximum counts on submit
    assert fouten(vraag, ["a", "b", "c"], volledig=True) == [
        "Duid hoogstens 2 antwoorden aan; u duidde er 3 aan."
    ]
    assert fouten(vraag, ["a", "a"]) == ["Duid alleen antwoorden uit de lijst aan, elk één keer."]
    assert fouten(vraag, ["andere"], volledig=True) == ["Vul in wat u bij 'andere' bedoelt."]
    assert fouten(vraag, ["andere"], andere_tekst="OCMW", volledig=True) == []
    assert fouten(vraag, ["a"], andere_tekst="OCMW") == [
        "Vul alleen een tekst bij 'andere' in als u 'andere' aanduidt."
    ]
    assert fouten(vraag, [], volledig=True) == ["Deze vraag is verplicht."]


def test_getal():
    vraag = VraagFactory(type="getal", min_waarde=0, max_waarde=1000)
    assert fouten(vraag, 12) == [] and fouten(vraag, 12.0) == []
    assert fouten(vraag, 2.5) == ["Vul een geheel getal in."]
    assert fouten(vraag, -1) == ["Vul een getal van minstens 0 in."]
    assert fouten(vraag, 1001) == ["Vul een getal van hoogstens 1000 in."]
    assert fouten(vraag, "12") == ["Vul een getal in."]
    vraag.decimalen = 1
    assert fouten(vraag, 2.5) == [] and fouten(vraag, 2.55) == ["Gebruik hoogstens 1 cijfers na de komma."]


def test_open_tekst():
    vraag = VraagFactory(type="open_tekst", verplicht=False)
    assert fouten(vraag, "Iets") == [] and fouten(vraag, "", volledig=True) == []
    assert fouten(vraag, "x" * 5001) == ["Een open antwoord is hoogstens 5000 tekens lang."]


def test_vraagregels():
    thema = ThemaFactory()
    ouder = VraagFactory(thema=thema, sleutel="participatie.vrijwilligers")
    vraag = Vraag(
        thema=thema, vragenlijst=thema.vragenlijst, sleutel="participatie.rol", tekst="?", type="open_tekst"
    )
    vraag.afhankelijk_van = ouder
    with pytest.raises(ValidationError, match="toon_als"):
        vraag.full_clean()
    vraag.toon_als = ["misschien"]
    with pytest.raises(ValidationError, match="Onbekende antwoordcodes"):
        vraag.full_clean()
    vraag.toon_als = ["ja"]
    vraag.full_clean()
    vraag.afhankelijk_van = VraagFactory()  # another questionnaire
    with pytest.raises(ValidationError, match="dezelfde vragenlijst"):
        vraag.full_clean()
    vraag.afhankelijk_van, vraag.toon_als, vraag.max_keuzes = None, [], 3
    with pytest.raises(ValidationError, match="maximum"):
        vraag.full_clean()
    vraag.max_keuzes, vraag.sleutel = None, "Geen Sleutel"
    with pytest.raises(ValidationError):
        vraag.full_clean()


def test_een_koppeling_tussen_golven():
    vroeger = VragenlijstFactory(golf=GolfFactory(jaar=2040))
    later = VragenlijstFactory(golf=GolfFactory(jaar=2041))
    oud = VraagFactory(thema=ThemaFactory(vragenlijst=vroeger), sleutel="toegankelijkheid.fysieke_locatie")
    nieuw = VraagFactory(
        thema=ThemaFactory(vragenlijst=later),
        sleutel="toegankelijkheid.fysieke_locatie",
        type="enkele_keuze",
        opties=[("een", "Eén"), ("meerdere", "Meerdere"), ("geen", "Geen")],
    )
    koppeling = Vraagkoppeling(van_vraag=oud, naar_vraag=nieuw, soort=Koppelingsoort.ZELFDE)
    with pytest.raises(ValidationError, match="gehercodeerd"):
        koppeling.full_clean()
    koppeling.soort = Koppelingsoort.GEHERCODEERD
    koppeling.optiemapping = {"ja": ["een", "meerdere"], "nee": "onbekend"}
    with pytest.raises(ValidationError, match="Onbekende codes"):
        koppeling.full_clean()
    koppeling.optiemapping = {"ja": ["een", "meerdere"], "nee": ["geen", "een"]}
    with pytest.raises(ValidationError, match="meer dan één oude code"):
        koppeling.full_clean()
    koppeling.optiemapping = {"ja": ["een", "meerdere"], "nee": "geen"}
    koppeling.full_clean()
    assert koppeling.naar_codes("nee") == ["geen"] and koppeling.oude_code("meerdere") == "ja"
    omgekeerd = Vraagkoppeling(van_vraag=nieuw, naar_vraag=oud, soort=Koppelingsoort.NIET_VERGELIJKBAAR)
    with pytest.raises(ValidationError, match="latere golf"):
        omgekeerd.full_clean()
    andere_sleutel = VraagFactory(thema=nieuw.thema, sleutel="toegankelijkheid.iets_anders")
    koppeling = Vraagkoppeling(van_vraag=oud, naar_vraag=andere_sleutel, soort=Koppelingsoort.ZELFDE)
    with pytest.raises(ValidationError, match="sleutel"):
        koppeling.full_clean()
    koppeling.soort = Koppelingsoort.NIET_VERGELIJKBAAR
    koppeling.full_clean()
