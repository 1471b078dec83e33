"""Form helpers shared by the apps."""

from collections.abc import Mapping

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseFormSet, Form
from django.forms.renderers import TemplatesSetting
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


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


class PortaalRenderer(TemplatesSetting):
    """The portal's form renderer: every field through one template (`{{ veld.as_field_group }}`)."""

    field_template_name = "kern/veld.html"


class ExportForm(forms.Form):
    """`?formaat=csv|xlsx` (and on the overview `tabel=...`): download instead of a page."""

    formaat = forms.ChoiceField(
        label=gettext_lazy("Formaat"),
        choices=[("csv", "CSV"), ("xlsx", "Excel (XLSX)")],
        error_messages={"invalid_choice": gettext_lazy("Kies CSV of XLSX als formaat van de download.")},
    )
    tabel = forms.ChoiceField(
        label=gettext_lazy("Tabel"),
        required=False,
        error_messages={"invalid_choice": gettext_lazy("Deze tabel bestaat niet.")},
    )

    def __init__(self, *args, tabellen: list[str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if tabellen is None:
            del self.fields["tabel"]
        else:
            self.fields["tabel"].required = True
            self.fields["tabel"].choices = [(t, t) for t in tabellen]
            self.fields["tabel"].error_messages["required"] = gettext_lazy(
                "Kies welke tabel u wilt downloaden."
            )
