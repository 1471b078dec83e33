"""Names, addresses and notes from the public forms and the survey import hold no invisible controls."""

import pytest
from django import forms

from bevraging import services_uitwisseling as uitwisseling
from kern.invoer import VeiligeTekstForm, controleer_tekst, onveilige_cellen, zichtbaar
from loket.models import Opvangvraag
from tests.loket.test_gezin import aanvraag_url, geldige_data, locaties, url, vraag  # noqa: F401

C0_BEHALVE_WIT = [chr(c) for c in range(0x20) if chr(c) not in "\t\n\r"]
RICHTING = [chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))]
ALTIJD_GEWEIGERD = [*C0_BEHALVE_WIT, "\x7f", "\x80", "\x85", "\x9b", "\x9f", *RICHTING]


class Formulier(VeiligeTekstForm):
    naam = forms.CharField()
    notitie = forms.CharField(widget=forms.Textarea, required=False)
    aantal = forms.IntegerField(required=False)


@pytest.mark.parametrize("teken", ALTIJD_GEWEIGERD, ids=lambda t: f"U+{ord(t):04X}")
def test_stuurtekens_en_richtingtekens_worden_geweigerd_in_elk_tekstveld(teken):
    form = Formulier({"naam": f"Ann{teken}a", "notitie": f"regel{teken}twee"})
    assert not form.is_valid()
    for veld in ("naam", "notitie"):
        [fout] = form.errors[veld]
        assert f"U+{ord(teken):04X}" in fout and "niet toegelaten" in fout


@pytest.mark.parametrize("teken", ["\n", "\r", "\t"], ids=["LF", "CR", "TAB"])
def test_een_regeleinde_of_tab_mag_alleen_in_een_tekstvak(teken):
    form = Formulier({"naam": f"Anna{teken}Peeters"})
    assert not form.is_valid()
    assert "niet toegelaten" in form.errors["naam"][0]
    assert Formulier({"naam": "Anna", "notitie": f"Eerste{teken}\r\ntweede\n\tderde"}).is_valid() == (
        teken != "\r"  # a carriage return is allowed only before a line feed (as browsers send it)
    )


def test_gewone_tekst_met_accenten_en_andere_schriften_mag():
    for tekst in ("Zoë Çelik-Ó'Brien", "محمد", "Łukasz", "Иван", "李小龙", "Anne\u00a0Marie"):
        controleer_tekst(tekst)
    assert Formulier({"naam": "Zoë", "notitie": "Eerste regel\r\nTweede\tregel"}).is_valid()


def test_de_melding_zegt_welk_teken_waar_staat():
    form = Formulier({"naam": "Bob\u202eroT"})
    assert not form.is_valid()
    assert form.errors["naam"] == [
        "Deze tekst bevat een teken dat de schrijfrichting omkeert (U+202E, teken 4) dat hier niet "
        "toegelaten is. Typ de tekst opnieuw zonder dat teken."
    ]
    assert zichtbaar("Bob\u202eroT\x1b[31m") == "Bob<U+202E>roT<U+001B>[31m"


@pytest.mark.parametrize(
    "veld",
    ["kinderen-0-voornaam", "kinderen-0-zorgnoden", "ouders-0-naam", "ouders-0-telefoon", "postcode"],
)
@pytest.mark.parametrize("teken", ["\x1b", "\x00", "\u202e"], ids=["ESC", "NUL", "RLO"])
def test_het_publieke_aanvraagformulier_weigert_ze_naast_het_veld(client, huis, locaties, veld, teken):  # noqa: F811
    data = geldige_data(locaties)
    data[veld] = data[veld][:2] + teken + data[veld][2:]
    antwoord = client.post(aanvraag_url(huis), data)
    assert antwoord.status_code == 200
    html = antwoord.content.decode()
    assert f"(U+{ord(teken):04X}, teken 3) dat hier niet toegelaten is" in html
    assert not Opvangvraag.objects.exists()


def test_een_regeleinde_in_een_naam_wordt_geweigerd_maar_in_de_zorgnoden_niet(client, huis, locaties):  # noqa: F811
    naam = geldige_data(locaties, **{"ouders-0-naam": "Sam\r\nPeeters"})
    assert "een regeleinde (U+000D, teken 4)" in client.post(aanvraag_url(huis), naam).content.decode()
    zorg = geldige_data(locaties, **{"kinderen-0-zorgnoden": "Noten\r\nEn melk"})
    assert client.post(aanvraag_url(huis), zorg).status_code == 303
    assert Opvangvraag.objects.get().kinderen.get().zorgnoden == "Noten\r\nEn melk"


def test_ook_het_wijzigformulier_en_intrekken_weigeren_ze(client, vraag, locaties):  # noqa: F811
    data = geldige_data(locaties, indieningssleutel=None, **{"kinderen-0-voornaam": "Mi\x1b[2Jla"})
    antwoord = client.post(url("wijzig", vraag), data)
    assert antwoord.status_code == 200 and "U+001B" in antwoord.content.decode()
    vraag.refresh_from_db()
    assert vraag.kinderen.get().voornaam == "Mila"
    antwoord = client.post(url("intrekken", vraag), {"reden": "we \u2067verhuizen"})
    assert antwoord.status_code == 200 and "U+2067" in antwoord.content.decode()
    vraag.refresh_from_db()
    assert vraag.status == "actief"


def test_onveilige_cellen_geeft_plaats_zichtbare_waarde_en_melding():
    rijen = [["slug", "opmerking"], ["aaa", "goed\nen\tgoed"], [12, "slecht\x07"], [None, "\u202dx"]]
    assert [(r, k, w) for r, k, w, _m in onveilige_cellen(rijen)] == [
        (3, 1, "slecht<U+0007>"),
        (4, 1, "<U+202D>x"),
    ]


def test_de_import_van_de_bevraging_weigert_een_cel_met_een_stuurteken(opgroeien_medewerker):
    from bevraging.models import Golf

    golf = Golf.objects.get(jaar=2022)
    tekst = "slug;omgevingsanalyse.opmerkingen\r\nonbekend;Tekst met \x1b[31mkleur\u202e\r\n"
    controle = uitwisseling.controleer_import(golf=golf, bestandsnaam="x.csv", inhoud=tekst.encode())
    [probleem] = [p for p in controle.problemen if "U+001B" in p.melding]
    assert (probleem.rij, probleem.kolom) == (2, "B")
    assert probleem.waarde == "Tekst met <U+001B>[31mkleur<U+202E>"
    assert not controle.is_schoon
