"""Forms of the import and export of a wave's responses (Opgroeien staff)."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from bevraging.uitwisseling.bestanden import MAX_BESTAND, Bestandsfout, formaat_van


class ExportForm(forms.Form):
    """What to download: the answers or the codebook, as XLSX or CSV, with or without drafts."""

    bestand = forms.ChoiceField(
        label=_("Wat"),
        choices=[
            ("antwoorden", _("De antwoorden: één rij per Huis, één kolom per vraag")),
            ("vragen", _("De kolommen met hun vraag en antwoordcodes")),
        ],
        widget=forms.RadioSelect,
        required=False,
        initial="antwoorden",
    )
    formaat = forms.ChoiceField(
        label=_("Formaat"),
        choices=[("xlsx", _("Excel (XLSX)")), ("csv", _("CSV (puntkomma's, voor Excel)"))],
        widget=forms.RadioSelect,
        initial="xlsx",
        error_messages={
            "required": _("Kies een formaat: Excel of CSV."),
            "invalid_choice": _("Kies een formaat: Excel (xlsx) of CSV (csv)."),
        },
    )
    concepten = forms.BooleanField(
        label=_("Ook responsen die nog niet ingediend zijn (niet gestart, concept of heropend)"),
        required=False,
    )

    def clean_bestand(self) -> str:
        return self.cleaned_data.get("bestand") or "antwoorden"


class BestandVeld(forms.FileField):
    """An XLSX or CSV file of at most 5 MB whose content matches its extension."""

    default_error_messages = {
        "required": _("Kies het bestand dat u wilt importeren."),
        "empty": _("Het gekozen bestand is leeg."),
        "te_groot": _("Het bestand is te groot (%(grootte)s); het mag hoogstens 5 MB zijn."),
    }

    def to_python(self, data):
        bestand = super().to_python(data)
        if bestand is None:
            return None
        if bestand.size > MAX_BESTAND:
            raise forms.ValidationError(
                self.error_messages["te_groot"],
                code="te_groot",
                params={"grootte": filesizeformat(bestand.size)},
            )
        bestand.seek(0)
        begin = bestand.read(4096)
        bestand.seek(0)
        try:
            formaat_van(bestand.name, begin)
        except Bestandsfout as fout:
            raise forms.ValidationError(fout.messages[0], code="formaat") from fout
        return bestand


class ImportForm(forms.Form):
    bestand = BestandVeld(
        label=_("Bestand"),
        help_text=_(
            "Een Excel-bestand (.xlsx) of CSV-bestand (.csv) van hoogstens 5 MB, met de kolommen van de "
            "export: de sleutels op de eerste rij, één rij per Huis."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )
    vervangen = forms.BooleanField(
        label=_("Bestaande responsen vervangen"),
        help_text=_(
            "Zonder dit vinkje weigert de import een Huis dat in deze golf al een respons heeft. Met het "
            "vinkje vervangt de rij uit het bestand die respons helemaal, met al haar antwoorden."
        ),
        required=False,
    )

    def inhoud(self) -> bytes:
        """The uploaded bytes (call after is_valid())."""
        bestand = self.cleaned_data["bestand"]
        bestand.seek(0)
        return bestand.read()
