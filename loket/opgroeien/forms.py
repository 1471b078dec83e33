"""Forms of Opgroeien's pages about the lokets: the loket's data and its area."""

from __future__ import annotations

from django import forms

from huizen.models import Gemeente, Huis
from kern.forms import DATUMFORMATEN
from loket.models import Loket


class LoketForm(forms.Form):
    """Name, organiser, contact data and the Huizen the loket works with. The service checks the
    values (`loket.services.lokets`); the fields only take them in."""

    naam = forms.CharField(label="Naam", max_length=200, required=False)
    organisator = forms.CharField(
        label="Organiserend bestuur",
        max_length=200,
        required=False,
        help_text="Wie het loket organiseert, bv. het lokaal bestuur of OCMW Gent.",
    )
    email = forms.CharField(label="E-mailadres", max_length=254, required=False)
    telefoon = forms.CharField(label="Telefoonnummer", max_length=30, required=False)
    adres = forms.CharField(label="Adres", max_length=300, required=False)
    huizen = forms.ModelMultipleChoiceField(
        label="Huizen van het Kind waarmee het loket samenwerkt",
        queryset=Huis.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=(
            "Het Huis waar het loket werkt, hoort er altijd bij. "
            "Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."
        ),
        error_messages={
            "invalid_choice": "Kies Huizen uit de lijst.",
            "invalid_pk_value": "Kies Huizen uit de lijst.",
        },
    )

    def __init__(self, *args, loket: Loket, **kwargs):
        if not kwargs.get("initial") and not args:
            kwargs["initial"] = {
                "naam": loket.naam,
                "organisator": loket.organisator,
                "email": loket.email,
                "telefoon": loket.telefoon,
                "adres": loket.adres,
                "huizen": list(loket.huizen.values_list("pk", flat=True)),
            }
        super().__init__(*args, **kwargs)
        self.fields["huizen"].queryset = Huis.objects.order_by("naam")


class NieuwLoketForm(forms.Form):
    """A new loket for a Huis that hosts none yet; the service checks the values."""

    huis = forms.ModelChoiceField(
        label="Huis van het Kind waar het loket werkt",
        queryset=Huis.objects.none(),
        empty_label="Kies een Huis",
        help_text=(
            "Alleen Huizen die nog geen loket hebben. "
            "De loketmedewerkers van dit Huis behandelen de aanvragen."
        ),
        error_messages={
            "required": "Kies het Huis waar het loket werkt.",
            "invalid_choice": "Kies een Huis uit de lijst: dit Huis heeft al een loket of bestaat niet.",
        },
    )
    naam = LoketForm.base_fields["naam"]
    organisator = LoketForm.base_fields["organisator"]
    email = LoketForm.base_fields["email"]
    telefoon = LoketForm.base_fields["telefoon"]
    adres = LoketForm.base_fields["adres"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["huis"].queryset = Huis.objects.filter(loket__isnull=True).order_by("naam")


class GebiedToevoegenForm(forms.Form):
    gemeente = forms.ModelChoiceField(
        label="Gemeente",
        queryset=Gemeente.objects.none(),
        empty_label="Kies een gemeente",
        error_messages={
            "required": "Kies de gemeente die u wilt toevoegen.",
            "invalid_choice": "Kies een gemeente uit de lijst van vandaag.",
        },
    )
    vanaf = forms.DateField(
        label="Vanaf",
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="De eerste dag waarop gezinnen uit deze gemeente bij dit loket terechtkunnen.",
        error_messages={
            "required": "Vul de begindatum in.",
            "invalid": "Vul een geldige datum in, bv. 01-01-2027.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Gemeente.objects.huidig().order_by("naam")


class GebiedBeeindigenForm(forms.Form):
    tot = forms.DateField(
        label="Tot en met",
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": "Vul de einddatum in.",
            "invalid": "Vul een geldige datum in, bv. 31-12-2026.",
        },
    )
