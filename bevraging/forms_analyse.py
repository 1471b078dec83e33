"""Forms of the survey analysis: the subgroup filter (kept in every link), the cross-tab
dimension, the search in the open answers, and the figure whose Huizen are listed."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bevraging.analyse.berekening import mogelijke_groepen
from bevraging.analyse.gegevens import GEEN_CLUSTER, SCOREKLASSEN, STATUSSEN, Dimensie, Vraaginfo
from bevraging.models import Fysiekelocatie
from huizen.models import VrindCluster
from huizen.selectors import Selectie
from kern.cijfers import Filter, Provincie, Werking
from kern.forms import FilterBeschrijving, eenmalige_keuzes

KEUZEFOUT = _("Kies een waarde uit de lijst.")
FILTERVELDEN = ("provincie", "cluster", "werking", "fysiek")
MAX_ZOEKTERM = 100


class AnalyseFilterForm(FilterBeschrijving, forms.Form):
    """Which Huizen the figures are about: provincie, VRIND cluster, werking, physical location."""

    provincie = forms.ChoiceField(
        label=_("Provincie"), required=False, choices=[("", _("Alle provincies")), *Provincie.choices]
    )
    cluster = forms.TypedChoiceField(label=_("VRIND-cluster"), required=False, coerce=int, empty_value=None)
    werking = forms.ChoiceField(
        label=_("Werking"),
        required=False,
        choices=[("", _("Gemeentelijk en intergemeentelijk")), *Werking.choices],
    )
    fysiek = forms.ChoiceField(
        label=_("Fysieke locatie"),
        required=False,
        choices=[("", _("Ja, gepland of nee")), *Fysiekelocatie.choices],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].choices = eenmalige_keuzes(
            lambda: [("", _("Alle clusters")), *((str(c.nummer), str(c)) for c in VrindCluster.objects.all())]
        )
        for naam in FILTERVELDEN:
            self.fields[naam].error_messages["invalid_choice"] = KEUZEFOUT

    def filter(self) -> Filter:
        """The provincie and cluster chosen (all of Flanders when empty); call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return Filter(provincie=gegevens.get("provincie") or "", cluster=gegevens.get("cluster"))

    def selectie(self) -> Selectie:
        """The werking and physical location chosen; call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        return Selectie(soort=gegevens.get("werking") or "", fysiek=gegevens.get("fysiek") or "")

    def parameters(self) -> dict[str, str]:
        """The chosen filters as query parameters, to keep them in every link."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return {}
        return {
            naam: str(self.cleaned_data[naam])
            for naam in FILTERVELDEN
            if self.cleaned_data.get(naam) not in ("", None)
        }

    def beschrijving(self) -> list[tuple[str, str]]:
        return [(label, waarde) for label, waarde in super().beschrijving() if label in self._filterlabels()]

    def _filterlabels(self) -> set[str]:
        return {str(self.fields[naam].label) for naam in FILTERVELDEN}


class DimensieForm(forms.Form):
    """The groups of the cross-tab (VRIND cluster when none is chosen)."""

    dimensie = forms.ChoiceField(
        label=_("Uitsplitsen per"),
        required=False,
        choices=Dimensie.choices,
        error_messages={"invalid_choice": _("Kies een uitsplitsing uit de lijst.")},
    )

    def gekozen(self) -> str:
        gegevens = self.cleaned_data if self.is_bound and hasattr(self, "cleaned_data") else {}
        return gegevens.get("dimensie") or Dimensie.CLUSTER


class OpenAntwoordenForm(forms.Form):
    """Search the open answers of a question and keep those of one VRIND cluster."""

    q = forms.CharField(
        label=_("Zoek in de open antwoorden"),
        required=False,
        max_length=MAX_ZOEKTERM,
        widget=forms.TextInput(attrs={"type": "search"}),
        error_messages={"max_length": _("Zoek op hoogstens %(limit_value)d tekens.")},
    )
    open_cluster = forms.ChoiceField(
        label=_("VRIND-cluster van het Huis"),
        required=False,
        error_messages={"invalid_choice": KEUZEFOUT},
    )

    def __init__(self, *args, clusternamen: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["open_cluster"].choices = [
            ("", _("Alle clusters")),
            *((str(n), label) for n, label in sorted(clusternamen.items())),
            (GEEN_CLUSTER, _("Geen VRIND-cluster (bv. Brussel)")),
        ]

    def zoekterm(self) -> str:
        return (self.cleaned_data.get("q") or "").strip() if hasattr(self, "cleaned_data") else ""

    def cluster(self) -> str:
        return self.cleaned_data.get("open_cluster") or "" if hasattr(self, "cleaned_data") else ""


def waardekeuzes(vraag: Vraaginfo) -> list[tuple[str, str]]:
    """The figures of a question whose Huizen can be listed: all, a status, an option, a bucket."""
    keuzes = [("", "Alle Huizen die antwoordden of de vraag kregen"), *STATUSSEN.items()]
    keuzes += [(o.code, vraag.label(o.code)) for o in vraag.opties]
    if vraag.is_score:
        keuzes += [(code, label) for code, label, _scores in SCOREKLASSEN]
    return keuzes


def groepkeuzes(clusternamen: dict[int, str]) -> list[tuple[str, list[tuple[str, str]]] | tuple[str, str]]:
    keuzes: list = [("", _("Alle Huizen in de filter"))]
    for dimensie in Dimensie:
        keuzes.append(
            (
                str(dimensie.label),
                [
                    (f"{dimensie.value}:{code}", label)
                    for code, label in mogelijke_groepen(dimensie, clusternamen)
                ],
            )
        )
    return keuzes


class HuizenForm(AnalyseFilterForm):
    """The Huizen behind one figure: an answer (`waarde`) within a group (`groep`)."""

    waarde = forms.ChoiceField(
        label=_("Antwoord"), required=False, error_messages={"invalid_choice": KEUZEFOUT}
    )
    groep = forms.ChoiceField(label=_("Groep"), required=False, error_messages={"invalid_choice": KEUZEFOUT})

    def __init__(self, *args, vraag: Vraaginfo, clusternamen: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["waarde"].choices = waardekeuzes(vraag)
        self.fields["groep"].choices = groepkeuzes(clusternamen)

    def _filterlabels(self) -> set[str]:
        return {str(self.fields[naam].label) for naam in (*FILTERVELDEN, "waarde", "groep")}

    def beschrijving(self) -> list[tuple[str, str]]:
        gekozen = super().beschrijving()
        if self.is_bound and self.data.get("groep"):  # a grouped choice: FilterBeschrijving sees no label
            groepen = dict(keuze for _l, keuzes in self.fields["groep"].choices[1:] for keuze in keuzes)
            gekozen = [
                (label, groepen.get(waarde, waarde) if label == str(self.fields["groep"].label) else waarde)
                for label, waarde in gekozen
            ]
        return gekozen
