"""Forms of the opvang pages: a childcare location's data and its free places.

The forms check what a user can correct (a postcode outside the gemeente, a day the location is
closed, more places than its capacity); `loket.services.opvang` checks it all again under a lock
when it saves, together with what depends on other rows (offers that hold places).
"""

from __future__ import annotations

import datetime

from django import forms
from django.core.validators import MaxValueValidator, RegexValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huizen.models import Huis, Weekdag
from kern.forms import DatumVeld, TelefoonVeld
from loket.models import Dagdeel, Leeftijdsgroep, Opvanglocatie, Organisator, VrijePlaats, dagen_tekst
from loket.selectors.lokets import gemeenten_van_huis_loket
from loket.selectors.opvang import organisatoren_van_huis
from loket.services.opvang import LOCATIEVELDEN, PLAATSVELDEN, postcode_fout

MAX_CAPACITEIT = 500
DATUMFORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


class Groepen:
    """Fields shown in fieldsets: `groepen` is a list of (legend, [field names])."""

    groepen: list[tuple[str, list[str]]] = []

    def ingedeeld(self) -> list[dict]:
        groepen = [
            {"titel": titel, "velden": [self[naam] for naam in namen if naam in self.fields]}
            for titel, namen in self.groepen
        ]
        ingedeeld = {naam for _titel, namen in self.groepen for naam in namen}
        rest = [veld for veld in self.visible_fields() if veld.name not in ingedeeld]
        return [groep for groep in groepen if groep["velden"]] + (
            [{"titel": "", "velden": rest}] if rest else []
        )


class LocatieForm(Groepen, forms.ModelForm):
    """A location's data, kept by its provider or by the loket of its Huis."""

    groepen = [
        (_("Naam en adres"), ["naam", "straat", "postcode", "gemeente"]),
        (_("Organisator"), ["organisator", "organisator_naam"]),
        (_("Soort opvang en prijs"), ["soort", "tarief", "inclusieve_opvang", "toegankelijkheid"]),
        (_("Plaatsen per leeftijdsgroep"), ["capaciteit_baby", "capaciteit_peuter", "capaciteit_schoolkind"]),
        (_("Opendagen en uren"), ["opendagen", "open_van", "open_tot"]),
        (_("Contact"), ["email", "telefoon"]),
        (_("Zichtbaarheid"), ["actief"]),
    ]

    postcode = forms.CharField(
        label=_("postcode"),
        max_length=4,
        validators=[RegexValidator(r"^\d{4}$", _("Vul een postcode van vier cijfers in."))],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 4, "autocomplete": "off"}),
    )
    opendagen = forms.TypedMultipleChoiceField(
        label=_("opendagen"),
        choices=Weekdag.choices,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Kies minstens één dag waarop de locatie open is."),
            "invalid_choice": _("Kies dagen van de week."),
        },
    )
    open_van = forms.TimeField(
        label=_("open van"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Bijvoorbeeld 07:00."),
        error_messages={"invalid": _("Vul een uur in, bv. 07:00.")},
    )
    open_tot = forms.TimeField(
        label=_("open tot"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=_("Bijvoorbeeld 18:30."),
        error_messages={"invalid": _("Vul een uur in, bv. 18:30.")},
    )

    class Meta:
        model = Opvanglocatie
        fields = list(LOCATIEVELDEN)
        field_classes = {"telefoon": TelefoonVeld}
        widgets = {
            "soort": forms.RadioSelect,
            "tarief": forms.RadioSelect,
            "toegankelijkheid": forms.Textarea(attrs={"rows": 4}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "telefoon": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
        }
        help_texts = {
            "toegankelijkheid": _("Bv. rolstoeltoegankelijk, parkeerplaats, bereikbaar met bus of tram."),
            "actief": _("Gezinnen kunnen alleen een actieve locatie kiezen in hun aanvraag."),
        }

    def __init__(self, *args, huis: Huis, **kwargs):
        self.huis = huis
        super().__init__(*args, **kwargs)
        gemeenten = gemeenten_van_huis_loket(huis)
        veld = self.fields["gemeente"]
        veld.queryset = gemeenten
        veld.empty_label = _("Kies een gemeente")
        veld.help_text = _("Een gemeente uit het werkingsgebied van %(huis)s.") % {"huis": huis.naam}
        veld.error_messages["invalid_choice"] = _(
            "Kies een gemeente uit het werkingsgebied van %(huis)s."
        ) % {"huis": huis.naam}
        if not self.instance.pk and not self.is_bound and len(gemeenten) == 1:
            self.initial["gemeente"] = gemeenten[0].pk
        for groep in Leeftijdsgroep.values:
            capaciteit = self.fields[f"capaciteit_{groep}"]
            capaciteit.max_value = MAX_CAPACITEIT
            capaciteit.validators.append(MaxValueValidator(MAX_CAPACITEIT))
            capaciteit.widget.attrs.update({"min": 0, "max": MAX_CAPACITEIT})
            capaciteit.error_messages.update(
                {
                    "invalid": _("Vul een getal in."),
                    "min_value": _("Vul 0 of meer in."),
                    "max_value": _("Vul hoogstens %(limit_value)s in."),
                }
            )
        self.fields["capaciteit_baby"].help_text = _("Vul 0 in als de locatie geen baby's opvangt.")
        for naam in ("soort", "tarief"):
            keuzeveld = self.fields[naam]
            keuzeveld.choices = [keuze for keuze in keuzeveld.choices if keuze[0] != ""]
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("opendagen", [dag.value for dag in Weekdag][:5])

    def clean(self):
        cleaned = super().clean()
        postcode, gemeente = cleaned.get("postcode"), cleaned.get("gemeente")
        if postcode and gemeente:
            fout = postcode_fout(postcode, gemeente)
            if fout:
                self.add_error("postcode", fout)
        capaciteiten = [cleaned.get(f"capaciteit_{groep}") for groep in Leeftijdsgroep.values]
        if all(capaciteit is not None for capaciteit in capaciteiten) and not any(capaciteiten):
            self.add_error(None, _("Geef voor minstens één leeftijdsgroep het aantal plaatsen op."))
        # That the location closes after it opens is the model's own rule (Opvanglocatie.clean).
        return cleaned

    def gegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in LOCATIEVELDEN}


class NieuweLocatieForm(LocatieForm):
    """A new location in the loket's area, with an organiser already known or a new one."""

    organisator = forms.ModelChoiceField(
        label=_("bestaande organisator"),
        queryset=Organisator.objects.none(),
        required=False,
        empty_label=_("Kies een organisator"),
        help_text=_("Een organisator die al een locatie heeft in uw werkingsgebied."),
        error_messages={"invalid_choice": _("Kies een organisator uit de lijst.")},
    )
    organisator_naam = forms.CharField(
        label=_("of de naam van een nieuwe organisator"),
        max_length=200,
        required=False,
        help_text=_(
            "Staat de organisator niet in de lijst? Vul dan de naam in, bv. Kinderopvang Zonneschijn vzw."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisatoren = organisatoren_van_huis(self.huis)
        self.fields["organisator"].queryset = organisatoren
        if not organisatoren.exists():
            del self.fields["organisator"]
            self.fields["organisator_naam"].label = _("naam van de organisator")
            self.fields["organisator_naam"].required = True
            self.fields["organisator_naam"].help_text = _("Bijvoorbeeld Kinderopvang Zonneschijn vzw.")

    def clean(self):
        cleaned = super().clean()
        organisator = cleaned.get("organisator")
        naam = " ".join((cleaned.get("organisator_naam") or "").split())
        cleaned["organisator_naam"] = naam
        if "organisator" in self.fields and "organisator" not in self.errors:
            if organisator is None and not naam:
                self.add_error(
                    "organisator", _("Kies een organisator of vul de naam van een nieuwe organisator in.")
                )
            elif organisator is not None and naam:
                self.add_error(
                    "organisator_naam",
                    _("Kies een bestaande organisator óf vul een nieuwe naam in, niet allebei."),
                )
        return cleaned

    def gegevens(self) -> dict:
        return {
            **super().gegevens(),
            "organisator": self.cleaned_data.get("organisator"),
            "organisator_naam": self.cleaned_data.get("organisator_naam", ""),
        }


class VrijePlaatsForm(Groepen, forms.ModelForm):
    """Free places of one location: from when, on which days, for which age group, how many."""

    groepen = [
        (_("Wanneer"), ["vanaf", "dagen", "dagdeel"]),
        (_("Voor wie"), ["leeftijdsgroep", "aantal"]),
    ]

    vanaf = forms.DateField(
        label=_("vrij vanaf"),
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De eerste dag waarop een kind kan starten."),
        error_messages={"invalid": _("Vul een datum in, bv. 01-09-2026.")},
    )
    dagen = forms.TypedMultipleChoiceField(
        label=_("dagen"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies minstens één dag.")},
    )
    aantal = forms.IntegerField(
        label=_("aantal plaatsen"),
        min_value=1,
        help_text=_("Hoeveel kinderen kunnen op deze dagen starten."),
        error_messages={"invalid": _("Vul een getal in."), "min_value": _("Vul minstens 1 in.")},
    )

    class Meta:
        model = VrijePlaats
        fields = list(PLAATSVELDEN)
        widgets = {"dagdeel": forms.RadioSelect, "leeftijdsgroep": forms.RadioSelect}

    def __init__(self, *args, locatie: Opvanglocatie, alleen_aantal: bool = False, **kwargs):
        """`alleen_aantal`: offers hold some of these places, so only their number can change."""
        self.locatie = locatie
        super().__init__(*args, **kwargs)
        self.oude_vanaf = self.instance.vanaf if self.instance.pk else None
        opendagen = sorted(locatie.opendagen)
        dagen = self.fields["dagen"]
        dagen.choices = [(dag, Weekdag(dag).label) for dag in opendagen]
        dagen.help_text = _("De locatie is open op %(dagen)s.") % {"dagen": dagen_tekst(opendagen)}
        dagen.error_messages["invalid_choice"] = _(
            "De locatie is niet open op die dag. Kies uit de opendagen: %(dagen)s."
        ) % {"dagen": dagen_tekst(opendagen)}
        if not self.is_bound and not self.instance.pk:
            self.initial.setdefault("dagen", opendagen)
            self.initial.setdefault("dagdeel", Dagdeel.VOLLE_DAG)
        groepen = [groep for groep in Leeftijdsgroep if locatie.capaciteit(groep)]
        leeftijd = self.fields["leeftijdsgroep"]
        leeftijd.choices = [
            (
                groep.value,
                _("%(groep)s – %(aantal)s plaatsen in de locatie")
                % {"groep": groep.label, "aantal": locatie.capaciteit(groep)},
            )
            for groep in groepen
        ]
        leeftijd.error_messages["invalid_choice"] = _(
            "De locatie heeft geen plaatsen voor deze leeftijdsgroep. Kies een andere of pas eerst de "
            "plaatsen per leeftijdsgroep van de locatie aan."
        )
        if len(groepen) == 1 and not self.is_bound and not self.instance.pk:
            self.initial["leeftijdsgroep"] = groepen[0].value
        self.fields["dagdeel"].choices = [keuze for keuze in self.fields["dagdeel"].choices if keuze[0] != ""]
        self.fields["aantal"].widget.attrs["min"] = 1
        if alleen_aantal:
            for naam in ("vanaf", "dagen", "dagdeel", "leeftijdsgroep"):
                self.fields[naam].disabled = True
            if self.instance.leeftijdsgroep not in {groep.value for groep in groepen}:
                leeftijd.choices = [
                    (self.instance.leeftijdsgroep, self.instance.get_leeftijdsgroep_display())
                ]
            dagen.choices = [
                (dag, Weekdag(dag).label) for dag in sorted(set(opendagen) | set(self.instance.dagen))
            ]
        if groepen:
            self.fields["aantal"].widget.attrs["max"] = max(locatie.capaciteit(groep) for groep in groepen)

    def clean_vanaf(self):
        vanaf = self.cleaned_data["vanaf"]
        if vanaf < timezone.localdate() and vanaf != self.oude_vanaf:
            raise forms.ValidationError(_("Kies vandaag of een latere datum."))
        if vanaf > timezone.localdate() + datetime.timedelta(days=3 * 365):
            raise forms.ValidationError(_("Kies een datum binnen de drie jaar."))
        return vanaf

    def clean(self):
        cleaned = super().clean()
        groep, aantal = cleaned.get("leeftijdsgroep"), cleaned.get("aantal")
        if groep in Leeftijdsgroep.values and aantal is not None:
            capaciteit = self.locatie.capaciteit(groep)
            if capaciteit and aantal > capaciteit:
                self.add_error(
                    "aantal",
                    _(
                        "De locatie heeft %(capaciteit)s plaatsen voor %(groep)s; "
                        "kies hoogstens %(capaciteit)s."
                    )
                    % {"capaciteit": capaciteit, "groep": Leeftijdsgroep(groep).label},
                )
        return cleaned

    def gegevens(self) -> dict:
        return {veld: self.cleaned_data[veld] for veld in PLAATSVELDEN}


class AfwijzenForm(forms.Form):
    """Why the provider cannot take in a family it was offered (for the loket only)."""

    reden = forms.CharField(
        label=_("Waarom kunt u dit gezin niet opvangen?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen het loket leest deze reden. Het gezin krijgt ze niet te zien."),
        error_messages={
            "required": _("Geef aan waarom u dit gezin niet kunt opvangen."),
            "max_length": _("Hoogstens 1000 tekens."),
        },
    )


class SluitingForm(forms.Form):
    """The day from which a location is closed; empty: it stays open."""

    sluit_op = DatumVeld(
        label=_("Gesloten vanaf"),
        help_text=_(
            "De eerste dag waarop de locatie gesloten is. Vandaag of een vroegere datum kan ook: dan is ze "
            "meteen gesloten. Laat leeg als de locatie open blijft."
        ),
    )
