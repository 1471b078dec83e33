"""Forms and form helpers shared by the apps: the search for a Huis, the filter of the figures
over all Huizen (provincie and VRIND cluster), the download of a table, and the summary of a
form's errors."""

import datetime
from collections.abc import Callable, Mapping

import phonenumbers
from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, Form
from django.forms.renderers import TemplatesSetting
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kern.cijfers import MAXIMALE_PERIODE_JAREN, VRIND_CLUSTERS, Filter, Periode, Provincie, jaren_terug


def eenmalige_keuzes(maak: Callable[[], list]) -> Callable[[], list]:
    """Choices for a ChoiceField read from the database once, when the field is first validated or
    drawn: a form whose HTML comes from a cache and that is not validated reads nothing."""
    gelezen: list = []

    def keuzes() -> list:
        if not gelezen:
            gelezen.extend(maak())
        return gelezen

    return keuzes


class ZoekForm(forms.Form):
    """Find a Huis by postcode or gemeente, optionally within one provincie."""

    q = forms.CharField(
        label=gettext_lazy("Postcode of gemeente"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "search"}),
        help_text=gettext_lazy("Bijvoorbeeld 9000 of Gent."),
    )
    provincie = forms.ChoiceField(
        label=gettext_lazy("Provincie"),
        required=False,
        choices=[("", gettext_lazy("Alle provincies")), *Provincie.choices],
    )


class OverzichtFilterForm(forms.Form):
    """The part of Flanders a figure is about: provincie and VRIND cluster."""

    provincie = forms.ChoiceField(
        label=gettext_lazy("Provincie"),
        required=False,
        choices=[("", gettext_lazy("Alle provincies")), *Provincie.choices],
    )
    cluster = forms.TypedChoiceField(
        label=gettext_lazy("VRIND-cluster"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", gettext_lazy("Alle clusters"))]
        + [(str(nummer), f"{nummer}. {naam}") for nummer, naam in VRIND_CLUSTERS],
    )

    def filter(self) -> Filter:
        """The filter of the input (everything when the form is empty); call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return Filter(provincie=gegevens.get("provincie") or "", cluster=gegevens.get("cluster"))


class FilterBeschrijving:
    """For a GET filter form: the chosen filters in words, for the heading above the results."""

    def beschrijving(self) -> list[tuple[str, str]]:
        """The chosen filters as (label, value), values shown by their choice label."""
        if not self.is_bound:
            return []
        gekozen = []
        for naam, veld in self.fields.items():
            waarde = self.data.get(naam, "")
            if waarde not in ("", None):
                keuzes = {str(k): v for k, v in getattr(veld, "choices", [])}
                gekozen.append((str(veld.label), str(keuzes.get(str(waarde), waarde))))
        return gekozen


def foutoverzicht(
    form: Form, formset: BaseFormSet | None = None, rijnaam: str = "", ankers: Mapping[str, str] | None = None
) -> list[dict]:
    """Every error of the form (and formset) as a line for the summary, linking to its field.

    `ankers` links a field the page draws itself elsewhere (field name -> "#id")."""

    def anker(veld) -> str:
        if ankers and veld.name in ankers:
            return ankers[veld.name]
        if veld.is_hidden:
            return ""
        return f"#{veld.auto_id}_0" if veld.use_fieldset else f"#{veld.id_for_label}"

    regels = [{"href": "", "tekst": fout} for fout in form.non_field_errors()]
    for veld in form:
        regels += [
            {"href": anker(veld), "tekst": f"{capfirst(veld.label)}: {fout}"}
            for fout in veld.errors
            if veld.name != "versie"
        ]
        if veld.name == "versie" and veld.errors:
            regels.append({"href": "", "tekst": _("Het formulier is onvolledig. Open het opnieuw.")})
    if formset is not None:
        regels += [{"href": "", "tekst": fout} for fout in formset.non_form_errors()]
        for nummer, rij in enumerate(formset.forms, start=1):
            if formset.can_delete and formset._should_delete_form(rij):
                continue
            for veld in rij:
                regels += [
                    {"href": anker(veld), "tekst": f"{rijnaam} {nummer}, {veld.label.lower()}: {fout}"}
                    for fout in veld.errors
                ]
    return regels


def voeg_fouten_toe(form: Form, fout: ValidationError) -> None:
    """Put the service's errors next to the form's fields (others at the top of the form)."""
    if not hasattr(fout, "error_dict"):
        form.add_error(None, fout)
        return
    for veld, fouten in fout.message_dict.items():
        form.add_error(veld if veld in form.fields else None, fouten)


# --- a phone number ------------------------------------------------------------------------------


class TelefoonVeld(forms.CharField):
    """A Belgian or international phone number, as a family or a desk types it ("0470 12 34 56",
    "09/123.45.67", "+31 6 1234 5678"), checked with `phonenumbers` and kept in its international
    form ("+32 470 12 34 56"), so that one number is always written the same way."""

    default_error_messages = {
        "invalid": gettext_lazy(
            "Vul een telefoonnummer in, bv. 0470 12 34 56 of +32 9 123 45 67. "
            "Een nummer uit het buitenland begint met + en de landcode."
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}))
        super().__init__(**kwargs)

    def clean(self, value):
        tekst = super().clean(value)  # the field's own checks first (required, refused characters)
        if tekst in self.empty_values:
            return tekst
        try:
            nummer = phonenumbers.parse(tekst, "BE")
        except phonenumbers.NumberParseException:
            nummer = None
        if nummer is None or not phonenumbers.is_possible_number(nummer):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return phonenumbers.format_number(nummer, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# --- a period of figures ----------------------------------------------------------------------------

DATUMFORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
EERSTE_DATUM = datetime.date(2000, 1, 1)
LAATSTE_DATUM = datetime.date(2099, 12, 31)


class DatumVeld(forms.DateField):
    """An optional date from 2000 up to 2099, typed or picked."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATUMFORMATEN)
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "error_messages", {"invalid": gettext_lazy("Vul een geldige datum in, bv. 31-12-2026.")}
        )
        super().__init__(**kwargs)

    def clean(self, value):
        datum = super().clean(value)
        if datum is not None and not EERSTE_DATUM <= datum <= LAATSTE_DATUM:
            raise forms.ValidationError(_("Kies een datum van 2000 tot en met 2099."))
        return datum


class PeriodeForm(forms.Form):
    """A period (`kern.cijfers.Periode`) from `van` up to and including `tot`, of at most
    MAXIMALE_PERIODE_JAREN years. Empty: the last 12 months; only one date: 12 months from or up
    to it."""

    van = DatumVeld(label=gettext_lazy("Vanaf"))
    tot = DatumVeld(label=gettext_lazy("Tot en met"))

    def clean(self):
        gegevens = super().clean()
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and "van" not in self.errors and "tot" not in self.errors:
            if tot < van:
                self.add_error("tot", _("Deze datum ligt vóór de begindatum. Kies een latere datum."))
            elif van < jaren_terug(tot, MAXIMALE_PERIODE_JAREN):
                self.add_error(
                    "van",
                    _("Kies een periode van hoogstens %(jaren)s jaar.") % {"jaren": MAXIMALE_PERIODE_JAREN},
                )
        return gegevens

    def periode(self) -> Periode:
        """The chosen period (the last 12 months when none is chosen); call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van is None and tot is None:
            return Periode.laatste_12_maanden()
        if tot is None:
            tot = min(jaren_terug(van, -1) - datetime.timedelta(days=1), LAATSTE_DATUM)
        if van is None:
            van = Periode.laatste_12_maanden(tot).van
        return Periode(van=van, tot=tot)


# --- downloads --------------------------------------------------------------------------------------


class ExportForm(forms.Form):
    """`?formaat=csv|xlsx` (and, on a page of several tables, `tabel=<naam>`): a download instead of
    the page."""

    formaat = forms.ChoiceField(
        label=gettext_lazy("Formaat"),
        choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")],
        error_messages={
            "invalid_choice": gettext_lazy("Kies CSV of XLSX als formaat van de download."),
            "required": gettext_lazy("Kies CSV of XLSX als formaat van de download."),
        },
    )
    tabel = forms.ChoiceField(
        label=gettext_lazy("Tabel"),
        error_messages={
            "invalid_choice": gettext_lazy("Deze tabel bestaat niet."),
            "required": gettext_lazy("Kies welke tabel u wilt downloaden."),
        },
    )

    def __init__(self, *args, tabellen: list[str] | tuple[str, ...] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if tabellen is None:
            del self.fields["tabel"]
        else:
            self.fields["tabel"].choices = [(t, t) for t in tabellen]


class PortaalRenderer(TemplatesSetting):
    """The portal's form renderer: every field through one template (`{{ veld.as_field_group }}`)."""

    field_template_name = "kern/veld.html"
