"""Forms of the referral partners' pages: the family's home gemeente, the request form with the
family's consent and where its messages go, and the invitation of an organisation."""

from __future__ import annotations

from django import forms
from django.conf import settings

from huizen.models import Huis
from huizen.selectors import zoek_gemeenten
from kern.forms import TelefoonVeld
from loket.gezin.forms import AanvraagForm
from loket.models import VerwijzerSoort
from loket.services import verwijzers as services_verwijzers


class WoonplaatsForm(forms.Form):
    """Step 1 of a registration: where the family lives decides the loket of the request."""

    postcode = forms.CharField(
        label="Postcode van de woonplaats van het gezin",
        max_length=4,
        error_messages={"required": "Vul de postcode van de woonplaats van het gezin in."},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "size": 6}),
    )
    gemeente = forms.ChoiceField(label="Gemeente van het gezin", required=False, choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = []
        postcode = "".join(str(self.data.get("postcode", "")).split()) if self.is_bound else ""
        if len(postcode) == 4 and postcode.isdigit():
            self.gemeenten = zoek_gemeenten(postcode)
        self.fields["gemeente"].choices = [("", "Kies de gemeente")] + [
            (g.nis, g.naam) for g in self.gemeenten
        ]

    @property
    def toon_gemeentekeuze(self) -> bool:
        return len(self.gemeenten) > 1

    def clean_postcode(self) -> str:
        postcode = "".join(self.cleaned_data["postcode"].split())
        if len(postcode) != 4 or not postcode.isdigit():
            raise forms.ValidationError("Een postcode heeft vier cijfers, bv. 9000.")
        if not self.gemeenten:
            raise forms.ValidationError(f"De postcode {postcode} kennen we niet. Kijk ze na.")
        return postcode

    def clean(self):
        gegevens = super().clean()
        if "postcode" in self.errors:
            return gegevens
        if len(self.gemeenten) == 1:
            gegevens["woonplaats"] = self.gemeenten[0]
        else:
            gekozen = next((g for g in self.gemeenten if g.nis == gegevens.get("gemeente")), None)
            if gekozen is None:
                self.add_error("gemeente", "Deze postcode hoort bij meer dan één gemeente: kies de gemeente.")
            gegevens["woonplaats"] = gekozen
        return gegevens


class VerwijzerAanvraagForm(AanvraagForm):
    """The desk's request form with the family's consent and the choice where its messages go."""

    toestemming = forms.BooleanField(
        label=(
            "Het gezin gaf toestemming om deze aanvraag te registreren en de opvolging te delen met "
            "onze organisatie"
        ),
        required=False,
        help_text=(
            "Vraag het gezin om toestemming voor u registreert. De datum wordt bewaard bij de aanvraag."
        ),
    )
    berichten_via_verwijzer = forms.BooleanField(
        label="Berichten via onze organisatie",
        required=False,
        help_text=(
            "Het gezin kiest dat zijn e-mails (met de link naar zijn aanvraag en een aanbod) ook naar uw "
            "organisatie gaan. Verplicht als het gezin geen e-mailadres heeft."
        ),
    )

    # Not "taal": that name is the language switch of the page (`herschik_taal`).
    taal_gezin = forms.ChoiceField(
        label="Taal van de e-mails voor het gezin",
        choices=settings.LANGUAGES,
        initial=settings.LANGUAGE_CODE,
        required=False,
        help_text="De berichten over de aanvraag (ook die naar uw organisatie) komen in deze taal.",
        error_messages={"invalid_choice": "Kies een taal uit de lijst."},
    )

    def clean(self):
        gegevens = super().clean()
        if not gegevens.get("toestemming"):
            self.add_error("toestemming", services_verwijzers.TOESTEMMING_NODIG)
        zonder_email = not (gegevens.get("email") or "").strip() and "email" not in self.errors
        if zonder_email and not gegevens.get("berichten_via_verwijzer"):
            self.add_error("berichten_via_verwijzer", services_verwijzers.VIA_VERWIJZER_NODIG)
        return gegevens

    @property
    def verwijzervelden(self):
        return self._groep(["toestemming", "berichten_via_verwijzer", "taal_gezin"])


class UitnodigingForm(forms.Form):
    """Invite an organisation with its first member."""

    naam = forms.CharField(
        label="Naam van de organisatie",
        max_length=200,
        error_messages={"required": "Vul de naam van de organisatie in."},
    )
    soort = forms.ChoiceField(
        label="Soort organisatie",
        choices=[("", "Kies de soort"), *VerwijzerSoort.choices],
        error_messages={
            "required": "Kies de soort organisatie.",
            "invalid_choice": "Kies een soort uit de lijst.",
        },
    )
    email = forms.EmailField(
        label="Algemeen e-mailadres van de organisatie",
        max_length=254,
        help_text="Hierheen gaan de berichten van gezinnen die dat kiezen.",
        error_messages={
            "required": "Vul het e-mailadres van de organisatie in.",
            "invalid": "Vul een geldig e-mailadres in, bv. onthaal@caw.be.",
        },
    )
    telefoon = TelefoonVeld(label="Telefoonnummer (niet verplicht)", required=False)
    lid_naam = forms.CharField(
        label="Naam van de eerste medewerker",
        max_length=150,
        error_messages={"required": "Vul de naam van de medewerker in."},
    )
    lid_email = forms.EmailField(
        label="E-mailadres van de eerste medewerker",
        max_length=254,
        help_text="Krijgt een e-mail met een link om een wachtwoord te kiezen.",
        error_messages={
            "required": "Vul het e-mailadres van de medewerker in.",
            "invalid": "Vul een geldig e-mailadres in, bv. naam@caw.be.",
        },
    )

    def __init__(self, *args, met_loket: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if met_loket:
            self.fields["huis"] = forms.ModelChoiceField(
                label="Voor het loket van",
                required=False,
                queryset=Huis.objects.order_by("naam"),
                empty_label="Alle loketten",
                help_text="Leeg: de organisatie kan bij elk loket registreren.",
                error_messages={"invalid_choice": "Kies een Huis van het Kind uit de lijst."},
            )


class LidForm(forms.Form):
    """Another member of an organisation already invited."""

    verwijzer = forms.ModelChoiceField(
        label="Organisatie",
        queryset=None,
        empty_label="Kies de organisatie",
        error_messages={
            "required": "Kies de organisatie.",
            "invalid_choice": "Kies een organisatie uit de lijst.",
        },
    )
    naam = forms.CharField(
        label="Naam van de medewerker",
        max_length=150,
        error_messages={"required": "Vul de naam van de medewerker in."},
    )
    email = forms.EmailField(
        label="E-mailadres van de medewerker",
        max_length=254,
        help_text="Een nieuwe medewerker krijgt een e-mail met een link om een wachtwoord te kiezen.",
        error_messages={
            "required": "Vul het e-mailadres van de medewerker in.",
            "invalid": "Vul een geldig e-mailadres in, bv. naam@caw.be.",
        },
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, prefix="lid", **kwargs)
        self.fields["verwijzer"].queryset = partners
