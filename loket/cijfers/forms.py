"""The filters of the loket's figures: a period (kern.forms.PeriodeForm) of submitted requests, and
one gemeente of the werkingsgebied (the loket) or a provincie and VRIND cluster (Opgroeien)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from huizen.models import Gemeente, VrindCluster
from kern.cijfers import Filter, Provincie
from kern.forms import DatumVeld, FilterBeschrijving, PeriodeForm, eenmalige_keuzes
from loket.selectors.cijfers import gemeenten_van_loket


class IngediendForm(PeriodeForm):
    """The period in which the requests were submitted."""

    van = DatumVeld(label=_("Ingediend vanaf"))
    tot = DatumVeld(label=_("Ingediend tot en met"))


class LoketRapportForm(FilterBeschrijving, IngediendForm):
    """The loket's report: period, one gemeente of its werkingsgebied, and how to show counts."""

    gemeente = forms.TypedChoiceField(label=_("Woongemeente"), required=False, coerce=int, empty_value=None)
    klein = forms.BooleanField(
        label=_("Toon zoals in de downloads (aantallen onder 5 verborgen)"), required=False
    )

    def __init__(self, *args, huis, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = {g.pk: g for g in gemeenten_van_loket(huis)}
        self.fields["gemeente"].choices = [("", _("Alle gemeenten"))] + [
            (str(pk), g.naam) for pk, g in self.gemeenten.items()
        ]
        self.fields["gemeente"].error_messages["invalid_choice"] = _("Kies een gemeente uit de lijst.")

    def gekozen_gemeente(self) -> Gemeente | None:
        gegevens = self.cleaned_data if self.is_bound else {}
        return self.gemeenten.get(gegevens.get("gemeente"))

    def onderdrukt(self) -> bool:
        return bool(self.is_bound and self.cleaned_data.get("klein"))

    def beschrijving(self) -> list[tuple[str, str]]:
        return [(label, "ja" if waarde == "on" else waarde) for label, waarde in super().beschrijving()]


class VlaanderenRapportForm(FilterBeschrijving, IngediendForm):
    """Opgroeien's report: period, provincie and VRIND cluster."""

    provincie = forms.ChoiceField(
        label=_("Provincie"), required=False, choices=[("", _("Alle provincies")), *Provincie.choices]
    )
    cluster = forms.TypedChoiceField(label=_("VRIND-cluster"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = eenmalige_keuzes(
            lambda: [("", _("Alle clusters")), *((str(c.nummer), str(c)) for c in VrindCluster.objects.all())]
        )

    def filter(self) -> Filter:
        """The part of Flanders chosen (everything when the form is empty); call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return Filter(provincie=gegevens.get("provincie") or "", cluster=gegevens.get("cluster"))
