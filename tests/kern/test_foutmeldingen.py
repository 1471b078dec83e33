"""Form errors speak the portal's own Dutch, also where a form uses Django's default messages."""

import gettext
import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils import translation

CATALOGUS = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"


class Formulier(forms.Form):
    naam = forms.CharField(max_length=5)
    email = forms.EmailField()
    keuze = forms.ChoiceField(choices=[("a", "A")])
    datum = forms.DateField()
    aantal = forms.IntegerField(min_value=1)


def _fouten(gegevens):
    with translation.override("nl-be"):
        formulier = Formulier(gegevens)
        formulier.is_valid()
        return {veld: [str(fout) for fout in fouten] for veld, fouten in formulier.errors.items()}


def test_een_leeg_verplicht_veld_krijgt_de_eigen_melding_en_geen_bibliotheektekst():
    fouten = _fouten({})
    assert fouten["naam"] == ["Vul dit veld in."]
    tekst = " ".join(m for meldingen in fouten.values() for m in meldingen)
    assert "vereist" not in tekst and "verplicht" not in tekst


def test_foute_waarden_krijgen_een_melding_die_zegt_wat_wel_kan():
    fouten = _fouten({"naam": "Anneleen", "email": "abc", "keuze": "z", "datum": "31-02-2026", "aantal": "0"})
    assert fouten["naam"] == ["Gebruik ten hoogste 5 tekens (nu 8)."]
    assert fouten["email"] == ["Vul een geldig e-mailadres in, bv. naam@voorbeeld.be."]
    assert fouten["keuze"] == ["Kies een van de mogelijkheden uit de lijst."]
    assert fouten["datum"] == ["Vul een geldige datum in, bv. 31-12-2026."]
    assert fouten["aantal"] == ["Vul een waarde in van minstens 1."]


def _paren(po: str):
    """(msgid, msgstr) of every entry of a .po file; plural entries give their first form."""
    for blok in po.split("\n\n"):
        regels = [r for r in blok.splitlines() if not r.startswith("#")]
        velden, huidig = {}, None
        for regel in regels:
            kop = re.match(r'^(msgid|msgid_plural|msgstr|msgstr\[0\]|msgstr\[1\]) "(.*)"$', regel)
            if kop:
                huidig = kop.group(1)
                velden[huidig] = kop.group(2)
            elif huidig and regel.startswith('"'):
                velden[huidig] += regel[1:-1]
        if velden.get("msgid"):
            yield velden["msgid"], velden.get("msgstr", velden.get("msgstr[0]"))


def test_de_gecompileerde_catalogus_volgt_het_bronbestand():
    """A change to django.po without a new django.mo would silently show the old wording."""
    paren = list(_paren((CATALOGUS / "django.po").read_text(encoding="utf-8")))
    with (CATALOGUS / "django.mo").open("rb") as bestand:
        gecompileerd = gettext.GNUTranslations(bestand)
    assert len(paren) > 10
    for msgid, msgstr in paren:
        assert gecompileerd._catalog.get(msgid, gecompileerd._catalog.get((msgid, 0))) == msgstr, msgid
