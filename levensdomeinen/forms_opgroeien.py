"""Forms of the Opgroeien pages about life domains: the filters of the figures and the heatmap."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from kern.cijfers import Werking
from kern.forms import FilterBeschrijving, OverzichtFilterForm
from levensdomeinen.analyse import STATUS_KEUZES, Domeinselectie, Maat
from levensdomeinen.models import Levensdomein


class LevensdomeinenFilterForm(FilterBeschrijving, OverzichtFilterForm):
    """The figures per life domain: provincie and VRIND cluster, and what the breakdowns show."""

    maat = forms.ChoiceField(
        label=_("Uitsplitsing per werking en cluster toont"),
        required=False,
        choices=Maat.choices,
        error_messages={"invalid_choice": _("Kies wat de uitsplitsing moet tonen uit de lijst.")},
    )

    def gekozen_maat(self) -> str:
        """The Maat of the breakdowns (Actief when none is chosen); call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return gegevens.get("maat") or Maat.ACTIEF


class HeatmapFilterForm(FilterBeschrijving, OverzichtFilterForm):
    """The Huizen of the heatmap: provincie, cluster, werking, and a status on one life domain."""

    werking = forms.ChoiceField(
        label=_("Werking"), required=False, choices=[("", _("Alle Huizen")), *Werking.choices]
    )
    levensdomein = forms.ChoiceField(label=_("Levensdomein"), required=False)
    status = forms.ChoiceField(
        label=_("Status op dat levensdomein"),
        required=False,
        choices=[("", _("Elke status")), *STATUS_KEUZES],
    )
    top3 = forms.ChoiceField(
        label=_("Top 3"),
        required=False,
        choices=[("", _("In de top 3 of niet")), ("1", _("Alleen in de top 3"))],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.domeinen: list[Levensdomein] = list(Levensdomein.objects.all())
        self.fields["levensdomein"].choices = [("", _("Alle levensdomeinen"))] + [
            (d.code, d.naam) for d in self.domeinen
        ]
        for naam in ("werking", "levensdomein", "status", "top3"):
            self.fields[naam].error_messages["invalid_choice"] = _("Kies een waarde uit de lijst.")

    def clean(self):
        gegevens = super().clean()
        gekozen = gegevens.get("status") or gegevens.get("top3")
        if gekozen and not gegevens.get("levensdomein") and "levensdomein" not in self.errors:
            self.add_error(
                "levensdomein", _("Kies het levensdomein waarvan u de status of de top 3 wilt zien.")
            )
        return gegevens

    def selectie(self) -> Domeinselectie:
        """The selection of the input (all Huizen when empty); call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return Domeinselectie(
            werking=gegevens.get("werking") or "",
            levensdomein=gegevens.get("levensdomein") or "",
            status=gegevens.get("status") or "",
            top3=gegevens.get("top3") == "1",
        )
