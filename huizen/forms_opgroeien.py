"""Forms of the Opgroeien pages: the overview's filter with its date, the filter of the list behind
the overview's figures, the werkingsgebied and subsidies of a Huis, and the upload of population
figures. (The downloads use kern.forms.ExportForm.)"""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from huizen.models import Gemeente
from huizen.selectors import KERNPARTNER_KEUZES, SUBSIDIEKLASSE_KEUZES, Aanspreekpunt, Selectie
from kern.cijfers import Filter, Fysiek, Werking
from kern.forms import DatumVeld, FilterBeschrijving, OverzichtFilterForm

EERSTE_SUBSIDIEJAAR = 2014
MAXIMALE_SUBSIDIE = Decimal(200_000)
DATUMFORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]


def laatste_subsidiejaar() -> int:
    return timezone.localdate().year + 1


def _controleer_jaar(jaar: int | None) -> int | None:
    laatste = laatste_subsidiejaar()
    if jaar is not None and not EERSTE_SUBSIDIEJAAR <= jaar <= laatste:
        raise forms.ValidationError(
            _("Kies een jaar van %(eerste)s tot en met %(laatste)s."),
            params={"eerste": EERSTE_SUBSIDIEJAAR, "laatste": laatste},
        )
    return jaar


class OverzichtForm(OverzichtFilterForm):
    """The overview's filter: provincie, VRIND cluster and the day the figures are about."""

    datum = DatumVeld(label=_("Toestand op"))

    def filter(self) -> Filter:
        gegevens = self.cleaned_data if self.is_bound else {}
        return Filter(
            provincie=gegevens.get("provincie") or "",
            cluster=gegevens.get("cluster"),
            datum=gegevens.get("datum"),
        )


class BevolkingUploadForm(forms.Form):
    """A file of population figures (XLSX or CSV)."""

    bestand = forms.FileField(
        label=_("Bestand met bevolkingscijfers (.xlsx of .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
        error_messages={"required": _("Kies een bestand.")},
    )


class HuizenFilterForm(FilterBeschrijving, OverzichtFilterForm):
    """The Huizen behind a figure of the overview."""

    soort = forms.ChoiceField(
        label=_("Werking"), required=False, choices=[("", _("Alle Huizen")), *Werking.choices]
    )
    fysiek = forms.ChoiceField(
        label=_("Fysieke locatie"), required=False, choices=[("", _("Met of zonder")), *Fysiek.choices]
    )
    contactpunt = forms.ChoiceField(
        label=_("Niet-fysiek aanspreekpunt"),
        required=False,
        choices=[("", _("Met of zonder")), *Aanspreekpunt.choices],
    )
    kernpartner = forms.ChoiceField(
        label=_("Kernpartner"), required=False, choices=[("", _("Alle soorten")), *KERNPARTNER_KEUZES]
    )
    jaar = forms.IntegerField(
        label=_("Subsidiejaar"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": _("Vul een jaartal in, bv. 2026.")},
    )
    subsidieklasse = forms.ChoiceField(
        label=_("Subsidiebedrag"), required=False, choices=[("", _("Alle bedragen")), *SUBSIDIEKLASSE_KEUZES]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["jaar"].widget.attrs.update(min=EERSTE_SUBSIDIEJAAR, max=laatste_subsidiejaar())

    def clean_jaar(self):
        return _controleer_jaar(self.cleaned_data["jaar"])

    def clean(self):
        gegevens = super().clean()
        if gegevens.get("subsidieklasse") and gegevens.get("jaar") is None and "jaar" not in self.errors:
            self.add_error("jaar", _("Kies ook het jaar waarvan u de subsidiebedragen wilt zien."))
        return gegevens

    def selectie(self) -> Selectie:
        """The selection of the input (all Huizen when empty); call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return Selectie(
            soort=gegevens.get("soort") or "",
            fysiek=gegevens.get("fysiek") or "",
            contactpunt=gegevens.get("contactpunt") or "",
            kernpartner=gegevens.get("kernpartner") or "",
            jaar=gegevens.get("jaar"),
            subsidieklasse=gegevens.get("subsidieklasse") or "",
        )


class VersieForm(forms.Form):
    """The version of the Huis the page was opened on, against lost updates."""

    versie = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class GemeenteToevoegenForm(VersieForm):
    gemeente = forms.ModelChoiceField(
        label=_("Gemeente"),
        queryset=Gemeente.objects.none(),
        empty_label=_("Kies een gemeente"),
        error_messages={
            "required": _("Kies de gemeente die u wilt toevoegen."),
            "invalid_choice": _("Kies een gemeente uit de lijst van vandaag."),
        },
    )
    vanaf = forms.DateField(
        label=_("Vanaf"),
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("De eerste dag waarop het Huis in deze gemeente werkt."),
        error_messages={
            "required": _("Vul de begindatum in."),
            "invalid": _("Vul een geldige datum in, bv. 01-01-2026."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["gemeente"].queryset = Gemeente.objects.huidig().order_by("naam")


class GemeenteBeeindigenForm(VersieForm):
    tot = forms.DateField(
        label=_("Tot en met"),
        input_formats=DATUMFORMATEN,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de einddatum in."),
            "invalid": _("Vul een geldige datum in, bv. 31-12-2026."),
        },
    )


class BedragField(forms.DecimalField):
    """An amount in euro as people in Belgium type it: 7840, 7840,50, 7.840 or € 7.840,50."""

    DUIZENDTALLEN = re.compile(r"^\d{1,3}(\.\d{3})+$")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace(" ", "").replace("\u00a0", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif self.DUIZENDTALLEN.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


class SubsidieForm(forms.Form):
    jaar = forms.IntegerField(
        label=_("Jaar"),
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"required": _("Vul het jaar in."), "invalid": _("Vul een jaartal in, bv. 2026.")},
    )
    bedrag = BedragField(
        label=_("Bedrag (euro)"),
        max_digits=9,
        decimal_places=2,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
        error_messages={
            "required": _("Vul het bedrag in."),
            "invalid": _("Vul een bedrag in euro in, bv. 7840 of 7840,50."),
            "max_decimal_places": _("Vul hoogstens twee cijfers na de komma in."),
            "max_digits": _("Vul een bedrag van hoogstens € 200.000 in."),
            "max_whole_digits": _("Vul een bedrag van hoogstens € 200.000 in."),
        },
    )

    def clean_jaar(self):
        return _controleer_jaar(self.cleaned_data["jaar"])

    def clean_bedrag(self):
        bedrag = self.cleaned_data["bedrag"]
        if bedrag < 0:
            raise forms.ValidationError(_("Een subsidie kan niet negatief zijn."))
        if bedrag > MAXIMALE_SUBSIDIE:
            raise forms.ValidationError(_("Vul een bedrag van hoogstens € 200.000 in."))
        return bedrag


class BaseSubsidieFormSet(forms.BaseFormSet):
    def clean(self):
        """Each year once; the message stands next to the second one."""
        if any(self.errors):
            return
        gezien: set[int] = set()
        for form in self.forms:
            if self.can_delete and self._should_delete_form(form):
                continue
            jaar = form.cleaned_data.get("jaar")
            if jaar is None:
                continue
            if jaar in gezien:
                form.add_error(
                    "jaar", _("Voor %(jaar)s staat er al een bedrag in de lijst.") % {"jaar": jaar}
                )
            gezien.add(jaar)

    def subsidies(self) -> dict[int, Decimal]:
        """Year -> amount of the rows that are kept; call after is_valid()."""
        return {
            form.cleaned_data["jaar"]: form.cleaned_data["bedrag"]
            for form in self.forms
            if form.cleaned_data
            and not (self.can_delete and self._should_delete_form(form))
            and form.cleaned_data.get("jaar") is not None
        }


SubsidieFormSet = forms.formset_factory(
    SubsidieForm, formset=BaseSubsidieFormSet, extra=1, can_delete=True, max_num=30, validate_max=True
)
