"""Forms of the allocation rounds: start a round for a month, and the loket's tie-break setting."""

from __future__ import annotations

import datetime
import re

from django import forms

from loket.models import Rondevolgorde

MAAND = re.compile(r"^\s*(\d{4})-(\d{1,2})\s*$")


class StartRondeForm(forms.Form):
    startmaand = forms.CharField(
        label="Startmaand",
        max_length=20,
        help_text="De maand waarin de opvang start, als jaar-maand, bv. 2026-09.",
        widget=forms.TextInput(attrs={"type": "month", "autocomplete": "off"}),
        error_messages={"required": "Kies de maand waarvoor u een ronde wilt berekenen."},
    )

    def clean_startmaand(self) -> datetime.date:
        gevonden = MAAND.match(self.cleaned_data["startmaand"])
        if (
            not gevonden
            or not 1 <= int(gevonden.group(2)) <= 12
            or not 2000 <= int(gevonden.group(1)) <= 2100
        ):
            raise forms.ValidationError("Geef de maand als jaar-maand, bv. 2026-09.")
        return datetime.date(int(gevonden.group(1)), int(gevonden.group(2)), 1)


class InstellingForm(forms.Form):
    volgorde = forms.ChoiceField(
        label="Volgorde binnen een voorranggroep",
        choices=Rondevolgorde.choices,
        widget=forms.RadioSelect,
        help_text=(
            "Hoe gezinnen met dezelfde voorrang gerangschikt worden in een toewijzingsronde. Bij loting "
            "krijgt elke aanvraag een lotnummer; de seed van de trekking wordt bij de ronde bewaard, "
            "zodat de ronde herhaald kan worden."
        ),
        error_messages={
            "required": "Kies inschrijvingsdatum of loting.",
            "invalid_choice": "Kies inschrijvingsdatum of loting.",
        },
    )
