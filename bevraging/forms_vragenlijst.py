"""Forms of preparing a wave: a new wave from an earlier one, and editing its draft questionnaire.

A new question is typed as a person would (the question, its kind, one answer per line) and turned
into the content dict of `bevraging.vragenlijsten.bouwstenen`, the shape the shipped
questionnaires use; `bevraging.services.voeg_vraag_toe` stores it.
"""

from __future__ import annotations

import re

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from bevraging.models import MAX_OPEN_TEKST, MET_OPTIES, THEMASLEUTEL_PATROON, Vraagtype
from bevraging.vragenlijsten import bouwstenen
from kern.forms import DatumVeld

SOORTEN = [
    (Vraagtype.JA_NEE, _("Ja / nee")),
    (Vraagtype.ENKELE_KEUZE, _("Eén keuze uit een lijst")),
    (Vraagtype.MEERVOUDIGE_KEUZE, _("Meerdere keuzes uit een lijst")),
    (Vraagtype.SCORE, _("Score van 1 tot 5")),
    (Vraagtype.GETAL, _("Getal")),
    (Vraagtype.OPEN_TEKST, _("Open tekst")),
]
MET_LIJST = {Vraagtype.ENKELE_KEUZE, Vraagtype.MEERVOUDIGE_KEUZE}
ANDERE = re.compile(r"^andere\b", re.IGNORECASE)


class GolfKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.naam} ({obj.get_status_display()})"


class NieuweGolfForm(forms.Form):
    van_golf = GolfKeuze(
        label=_("Vragenlijst kopiëren van"),
        queryset=None,
        empty_label=None,
        help_text=_("Meestal de vorige golf."),
        error_messages={"required": _("Kies de golf waarvan u de vragenlijst kopieert.")},
    )
    jaar = forms.IntegerField(
        label=_("Jaar"),
        min_value=2014,
        max_value=2099,
        error_messages={
            "required": _("Vul het jaar van de golf in, bv. 2027."),
            "invalid": _("Vul een jaar in, bv. 2027."),
            "min_value": _("Vul een jaar van 2014 tot en met 2099 in."),
            "max_value": _("Vul een jaar van 2014 tot en met 2099 in."),
        },
    )
    naam = forms.CharField(
        label=_("Naam"),
        max_length=100,
        help_text=_("Bv. Bevraging 2027."),
        error_messages={"required": _("Geef de golf een naam, bv. Bevraging 2027.")},
    )
    start = DatumVeld(label=_("Start"))
    eind = DatumVeld(label=_("Einde"))
    aanvullen = forms.BooleanField(
        label=_("Voeg toe wat het eindrapport van 2022 miste"),
        required=False,
        initial=True,
        help_text=_(
            "Welke overlegorganen het Huis heeft en hoe vaak ze samenkomen, de beslissingsruimte van de "
            "coördinator, andere middelen zoals projectmiddelen, en de tijd voor coördinatie in uren per "
            "week. U kunt ze daarna nog wijzigen of intrekken."
        ),
    )

    def __init__(self, *args, golven, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["van_golf"].queryset = golven

    def clean(self):
        gegevens = super().clean()
        start, eind = gegevens.get("start"), gegevens.get("eind")
        if start and eind and eind < start:
            self.add_error("eind", _("Het einde ligt vóór de start."))
        return gegevens


class NieuweVraagForm(forms.Form):
    tekst = forms.CharField(
        label=_("Vraag"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_OPEN_TEKST,
        error_messages={"required": _("Vul de vraag in.")},
    )
    soort = forms.ChoiceField(
        label=_("Soort vraag"),
        choices=SOORTEN,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies de soort vraag.")},
    )
    opties = forms.CharField(
        label=_("Antwoorden"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Eén antwoord per regel, voor een keuze uit een lijst. Begint een regel met 'Andere', dan "
            "krijgt dat antwoord een tekstveld. Voor een score: leeg (van 'helemaal niet' tot 'in zeer "
            "grote mate') of vijf regels."
        ),
    )
    eenheid = forms.CharField(
        label=_("Eenheid van het getal"), required=False, max_length=40, help_text=_("Bv. uur per week.")
    )
    toelichting = forms.CharField(
        label=_("Uitleg bij de vraag"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verschijnt onder de vraag voor de interviewer."),
    )
    open_veld = forms.CharField(
        label=_("Open veld naast het antwoord"),
        required=False,
        max_length=300,
        help_text=_("De vraag bij het open veld, bv. 'Licht toe.'. Leeg: geen open veld."),
    )
    verplicht = forms.BooleanField(label=_("Verplicht te beantwoorden"), required=False, initial=True)
    na = forms.ChoiceField(label=_("Plaats in het thema"))
    sleutel = forms.CharField(
        label=_("Sleutel"),
        required=False,
        max_length=50,
        help_text=_(
            "Blijft dezelfde over de golven heen en is de kolomnaam in import en export. Kleine letters, "
            "cijfers en _; het thema komt ervoor (bv. participatie.oudercomite). Leeg: gemaakt uit de vraag."
        ),
    )

    def __init__(self, *args, thema, vragen, **kwargs):
        super().__init__(*args, **kwargs)
        self.thema = thema
        self.bestaande = {v.sleutel for v in vragen}
        keuzes = [("", _("Aan het einde van het thema"))]
        keuzes += [(str(v.pk), f"Na: {v.kort[:80]}") for v in vragen if v.thema_id == thema.pk]
        self.fields["na"].choices = keuzes
        self.fields["na"].required = False
        self.inhoud: dict = {}

    def clean_sleutel(self):
        deel = self.cleaned_data["sleutel"].strip().lower()
        if deel.startswith(f"{self.thema.sleutel}."):
            deel = deel[len(self.thema.sleutel) + 1 :]
        if deel and not re.fullmatch(THEMASLEUTEL_PATROON, deel):
            raise forms.ValidationError(
                _("Gebruik kleine letters, cijfers en _, en begin met een letter (bv. oudercomite).")
            )
        if deel and f"{self.thema.sleutel}.{deel}" in self.bestaande:
            raise forms.ValidationError(_("Deze sleutel bestaat al in deze vragenlijst; kies een andere."))
        return deel

    def clean(self):
        gegevens = super().clean()
        if self.errors:
            return gegevens
        soort = gegevens["soort"]
        regels = [r.strip() for r in gegevens.get("opties", "").splitlines() if r.strip()]
        if soort in MET_LIJST and len(regels) < 2:
            self.add_error("opties", _("Geef minstens twee antwoorden, één per regel."))
        elif soort == Vraagtype.SCORE and regels and len(regels) != 5:
            self.add_error("opties", _("Een score heeft vijf antwoorden: laat dit leeg of geef er vijf."))
        elif soort not in MET_OPTIES and regels:
            self.add_error("opties", _("Alleen een keuze uit een lijst of een score heeft antwoorden."))
        if gegevens.get("eenheid") and soort != Vraagtype.GETAL:
            self.add_error("eenheid", _("Alleen een getal heeft een eenheid."))
        if gegevens.get("open_veld") and soort == Vraagtype.OPEN_TEKST:
            self.add_error("open_veld", _("Een open vraag heeft geen apart open veld."))
        opties = self._opties(regels) if soort in MET_LIJST else []
        if soort in MET_LIJST and len({o["code"] for o in opties}) != len(opties):
            self.add_error("opties", _("Twee antwoorden zijn (bijna) gelijk; maak ze verschillend."))
        if self.errors:
            return gegevens
        self.inhoud = self._inhoud(gegevens, regels, opties)
        return gegevens

    def _sleutel(self, gegevens) -> str:
        deel = gegevens.get("sleutel") or ""
        if not deel:
            woorden = slugify(gegevens["tekst"]).replace("-", "_").split("_")
            deel = "_".join(w for w in woorden if w)[:40].strip("_") or "vraag"
            if not deel[0].isalpha():
                deel = f"vraag_{deel}"
        sleutel, nummer = f"{self.thema.sleutel}.{deel}", 2
        while sleutel in self.bestaande:
            sleutel, nummer = f"{self.thema.sleutel}.{deel}_{nummer}", nummer + 1
        return sleutel

    @staticmethod
    def _opties(regels: list[str]) -> list[dict]:
        opties = []
        for regel in regels:
            if ANDERE.match(regel):
                opties.append(bouwstenen.andere(regel))
            else:
                code = slugify(regel).replace("-", "_")[:60] or "antwoord"
                opties.append(bouwstenen.optie(code, regel))
        return opties

    def _inhoud(self, gegevens, regels: list[str], opties: list[dict]) -> dict:
        sleutel = self._sleutel(gegevens)
        tekst = gegevens["tekst"].strip()
        soort = gegevens["soort"]
        open_veld = gegevens.get("open_veld") or None
        algemeen = {"toelichting": gegevens.get("toelichting", ""), "verplicht": gegevens["verplicht"]}
        if soort == Vraagtype.JA_NEE:
            return bouwstenen.ja_nee(sleutel, tekst, open_veld=open_veld, **algemeen)
        if soort == Vraagtype.ENKELE_KEUZE:
            return bouwstenen.keuze(sleutel, tekst, opties, open_veld=open_veld, **algemeen)
        if soort == Vraagtype.MEERVOUDIGE_KEUZE:
            return bouwstenen.meerkeuze(sleutel, tekst, opties, open_veld=open_veld, **algemeen)
        if soort == Vraagtype.SCORE:
            schaal = regels or bouwstenen.SCHAAL_MATE
            return bouwstenen.score(sleutel, tekst, schaal=schaal, open_veld=open_veld, **algemeen)
        if soort == Vraagtype.GETAL:
            return bouwstenen.getal(
                sleutel, tekst, min_waarde=0, eenheid=gegevens.get("eenheid", ""), **algemeen
            )
        return bouwstenen.open_tekst(sleutel, tekst, **algemeen)


class HerformulerenForm(forms.Form):
    tekst = forms.CharField(
        label=_("Nieuwe formulering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=MAX_OPEN_TEKST,
        error_messages={"required": _("Vul de nieuwe formulering in.")},
    )
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Blijft bewaard in de geschiedenis van de vraag en bij de vergelijking met vroeger."),
        error_messages={
            "required": _("Geef de reden van de nieuwe formulering: ze blijft bewaard in de geschiedenis.")
        },
    )


class IntrekkenForm(forms.Form):
    reden = forms.CharField(
        label=_("Reden"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text=_("Waarom de vraag niet meer gesteld wordt. Ze blijft bewaard om te vergelijken."),
        error_messages={"required": _("Geef de reden waarom deze vraag niet meer gesteld wordt.")},
    )


class OuderKeuze(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.thema.titel}: {obj.kort[:90]}"


class VoorwaardeVraagForm(forms.Form):
    """Step one of skip logic (a GET form): which earlier question it depends on."""

    ouder = OuderKeuze(
        label=_("Alleen tonen na de vraag"),
        queryset=None,
        error_messages={
            "required": _("Kies de vraag waarvan deze vraag afhangt."),
            "invalid_choice": _("Kies een vraag uit de lijst."),
        },
    )

    def __init__(self, *args, kandidaten, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ouder"].queryset = kandidaten


class VoorwaardeForm(forms.Form):
    """Step two: with which answers of that question this question is shown."""

    toon_als = forms.MultipleChoiceField(
        label=_("Tonen als het antwoord is"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Duid minstens één antwoord aan waarbij deze vraag getoond wordt."),
            "invalid_choice": _("Duid alleen antwoorden van de gekozen vraag aan."),
        },
    )

    def __init__(self, *args, ouder, **kwargs):
        super().__init__(*args, **kwargs)
        self.ouder = ouder
        self.fields["toon_als"].choices = [(o.code, o.label) for o in ouder.opties()]
