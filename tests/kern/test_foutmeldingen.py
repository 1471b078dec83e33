"""Form errors speak the portal's own Dutch, also where a form uses Django's default messages."""

import gettext
import re
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.utils import translation


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


def _tekst(po_tekst: str) -> str:
    """A quoted .po string as the program sees it (\\n, \\" and \\\\ undone)."""
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), po_tekst)


def _paren(po: str):
    """(key, msgstr) of every translated entry of a .po file, the key as the compiled catalogue
    has it: the msgid, or (msgid, n) for the n-th plural form. Untranslated (empty) and fuzzy
    entries are left out, as msgfmt leaves them out: those texts show in Dutch."""
    for blok in po.split("\n\n"):
        if re.search(r"^#,.*\bfuzzy\b", blok, re.MULTILINE):
            continue
        velden, huidig = {}, None
        for regel in blok.splitlines():
            kop = re.match(r'^(msgid|msgid_plural|msgstr|msgstr\[\d\]) "(.*)"$', regel)
            if kop:
                huidig = kop.group(1)
                velden[huidig] = kop.group(2)
            elif huidig and regel.startswith('"'):
                velden[huidig] += regel[1:-1]
        msgid = _tekst(velden.get("msgid", ""))
        for sleutel, vorm in velden.items():
            if msgid and vorm and sleutel == "msgstr":
                yield msgid, _tekst(vorm)
            elif msgid and vorm and sleutel.startswith("msgstr["):
                yield (msgid, int(sleutel[7])), _tekst(vorm)


@pytest.mark.parametrize("taal", ["nl", "fr", "en"])
def test_de_gecompileerde_catalogus_volgt_het_bronbestand(taal):
    """A change to django.po without a new django.mo would silently show the old wording (or the
    Dutch, for a new translation)."""
    catalogus = Path(settings.BASE_DIR) / "locale" / taal / "LC_MESSAGES"
    paren = list(_paren((catalogus / "django.po").read_text(encoding="utf-8")))
    with (catalogus / "django.mo").open("rb") as bestand:
        gecompileerd = gettext.GNUTranslations(bestand)
    assert len(paren) > 10
    for sleutel, msgstr in paren:
        assert gecompileerd._catalog.get(sleutel) == msgstr, sleutel
