"""The form to start a batch of council reports: all gemeenten, one provincie, one cluster or the
gemeenten one chooses."""

from __future__ import annotations

from django import forms
from django.db.models import Count
from django.utils import timezone

from huizen.models import Gemeente, Provincie, VrindCluster
from rapporten.services import Bereik, Bereiksoort


class BatchForm(forms.Form):
    bereik = forms.ChoiceField(
        label="Voor welke gemeenten?",
        choices=Bereiksoort.KEUZES,
        initial=Bereiksoort.ALLE,
        widget=forms.RadioSelect,
    )
    provincie = forms.ChoiceField(
        label="Provincie",
        required=False,
        help_text="Alleen als u de gemeenten van één provincie kiest.",
    )
    cluster = forms.ChoiceField(
        label="VRIND-cluster",
        required=False,
        help_text="Alleen als u de gemeenten van één VRIND-cluster kiest.",
    )

    gemeenten = forms.ModelMultipleChoiceField(
        label="Gemeenten",
        required=False,
        queryset=Gemeente.objects.none(),
        to_field_name="nis",
        widget=forms.SelectMultiple(attrs={"size": 12}),
        help_text="Alleen als u zelf gemeenten kiest: een of meer (houd Ctrl of Cmd ingedrukt om er "
        "meer dan één te kiezen).",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        vandaag = Gemeente.objects.geldig_op(timezone.localdate())
        self.fields["gemeenten"].queryset = vandaag.order_by("naam", "nis")
        per_provincie = dict(vandaag.order_by().values_list("provincie").annotate(n=Count("pk")))
        per_cluster = dict(vandaag.order_by().values_list("cluster__nummer").annotate(n=Count("pk")))
        self.aantal_alle = sum(per_provincie.values())
        self.fields["bereik"].choices = [
            (code, f"{label} ({self.aantal_alle} gemeenten)" if code == Bereiksoort.ALLE else label)
            for code, label in Bereiksoort.KEUZES
        ]
        self.fields["provincie"].choices = [("", "Kies een provincie")] + [
            (code, f"{label} ({per_provincie.get(code, 0)} gemeenten)") for code, label in Provincie.choices
        ]
        self.fields["cluster"].choices = [("", "Kies een cluster")] + [
            (str(cluster.nummer), f"{cluster} ({per_cluster.get(cluster.nummer, 0)} gemeenten)")
            for cluster in VrindCluster.objects.order_by("nummer")
        ]

    def clean(self):
        gegevens = super().clean()
        soort = gegevens.get("bereik")
        if soort == Bereiksoort.PROVINCIE and not gegevens.get("provincie"):
            self.add_error("provincie", "Kies de provincie.")
        if soort == Bereiksoort.CLUSTER and not gegevens.get("cluster"):
            self.add_error("cluster", "Kies de VRIND-cluster.")
        if soort == Bereiksoort.GEMEENTEN and not gegevens.get("gemeenten"):
            self.add_error("gemeenten", "Kies een of meer gemeenten.")
        return gegevens

    def gekozen_bereik(self) -> Bereik:
        soort = self.cleaned_data["bereik"]
        if soort == Bereiksoort.PROVINCIE:
            return Bereik(soort, self.cleaned_data["provincie"])
        if soort == Bereiksoort.CLUSTER:
            return Bereik(soort, self.cleaned_data["cluster"])
        if soort == Bereiksoort.GEMEENTEN:
            return Bereik.voor_gemeenten(g.nis for g in self.cleaned_data["gemeenten"])
        return Bereik(Bereiksoort.ALLE)
