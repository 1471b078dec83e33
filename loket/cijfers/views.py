"""The reports of the Lokaal Loket Kinderopvang (decree task 4): figures per gemeente and period
for the loket staff of a Huis, and Flanders-wide (per provincie and VRIND cluster) for Opgroeien.

The loket's own page shows exact counts (its own data); everything that leaves the loket (its
downloads, and every Opgroeien page and download) hides small counts (`rapportage.onderdruk`).
Each table downloads as CSV or XLSX with `?tabel=<naam>&formaat=csv|xlsx` and the page's filter.
The figures come from `loket.rapportage`; no personal data is shown.
"""

from __future__ import annotations

import datetime

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huizen.forms_opgroeien import ExportForm, OverzichtFilterForm
from huizen.models import Gemeente
from kern.forms import FilterBeschrijving
from kern.tabellen import download
from kern.tenancy import OpgroeienRequiredMixin
from loket import rapportage
from loket.toegang import LoketMixin

DATUMFORMATEN = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
EERSTE_DATUM = datetime.date(2000, 1, 1)
LAATSTE_DATUM = datetime.date(2099, 12, 31)


def _querystring(querydict, *weg: str) -> str:
    kopie = querydict.copy()
    for naam in weg:
        kopie.pop(naam, None)
    return kopie.urlencode()


def _jaren_terug(dag: datetime.date, jaren: int) -> datetime.date:
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:  # 29 February
        return dag.replace(year=dag.year - jaren, day=28)


class DatumVeld(forms.DateField):
    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", DATUMFORMATEN)
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"invalid": _("Vul een geldige datum in, bv. 31-12-2026.")})
        super().__init__(**kwargs)

    def clean(self, value):
        datum = super().clean(value)
        if datum is not None and not EERSTE_DATUM <= datum <= LAATSTE_DATUM:
            raise forms.ValidationError(_("Kies een datum van 2000 tot en met 2099."))
        return datum


class PeriodeForm(forms.Form):
    """The period: requests submitted from `van` up to and including `tot` (at most 5 years).
    Empty: the last 12 months; only one date: 12 months from or up to it."""

    van = DatumVeld(label=_("Ingediend vanaf"))
    tot = DatumVeld(label=_("Ingediend tot en met"))

    def clean(self):
        gegevens = super().clean()
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van and tot and "van" not in self.errors and "tot" not in self.errors:
            if tot < van:
                self.add_error("tot", _("Deze datum ligt vóór de begindatum. Kies een latere datum."))
            elif van < _jaren_terug(tot, rapportage.MAXIMALE_PERIODE_JAREN):
                self.add_error(
                    "van",
                    _("Kies een periode van hoogstens %(jaren)s jaar.")
                    % {"jaren": rapportage.MAXIMALE_PERIODE_JAREN},
                )
        return gegevens

    def periode(self) -> rapportage.Periode:
        """The chosen period (the last 12 months when none is chosen); call after is_valid()."""
        gegevens = self.cleaned_data if self.is_bound else {}
        van, tot = gegevens.get("van"), gegevens.get("tot")
        if van is None and tot is None:
            return rapportage.Periode.laatste_12_maanden()
        if tot is None:
            tot = min(_jaren_terug(van, -1) - datetime.timedelta(days=1), LAATSTE_DATUM)
        if van is None:
            van = rapportage.Periode.laatste_12_maanden(tot).van
        return rapportage.Periode(van=van, tot=tot)


class LoketRapportForm(FilterBeschrijving, PeriodeForm):
    """The loket's report: period, one gemeente of its werkingsgebied, and how to show counts."""

    gemeente = forms.TypedChoiceField(label=_("Woongemeente"), required=False, coerce=int, empty_value=None)
    klein = forms.BooleanField(
        label=_("Toon zoals in de downloads (aantallen onder 5 verborgen)"), required=False
    )

    def __init__(self, *args, huis, **kwargs):
        super().__init__(*args, **kwargs)
        self.gemeenten = {g.pk: g for g in rapportage.gemeenten_van_loket(huis)}
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


class VlaanderenRapportForm(FilterBeschrijving, PeriodeForm, OverzichtFilterForm):
    """Opgroeien's report: period, provincie and VRIND cluster."""

    field_order = ["van", "tot", "provincie", "cluster"]


def _secties(cijfers: rapportage.Cijfers) -> list[dict]:
    grafieken = rapportage.grafieken(cijfers)
    return [
        {"tabel": tabel, "grafiek": grafieken.get(naam)} for naam, tabel in cijfers.als_tabellen().items()
    ]


def _download(cijfers: rapportage.Cijfers, export: ExportForm):
    tabel = rapportage.onderdruk(cijfers).tabellen[export.cleaned_data["tabel"]]
    return download(tabel.als_tabel(), export.cleaned_data["formaat"])


class RapportageView(LoketMixin, TemplateView):
    """The loket's figures per gemeente and period: exact on the page, small counts hidden in the
    downloads (and on the page when asked)."""

    template_name = "loket/rapportage/loket.html"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        form = LoketRapportForm(request.GET or None, huis=self.huis)
        export = ExportForm(request.GET, tabellen=TABELLEN_LOKET) if "formaat" in request.GET else None
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, export=export))
        cijfers = rapportage.cijfers_loket(self.huis, form.periode(), form.gekozen_gemeente())
        if export is not None and export.is_valid():
            return _download(cijfers, export)
        getoond = rapportage.onderdruk(cijfers) if form.onderdrukt() else cijfers
        return self.render_to_response(
            self.get_context_data(
                form=form,
                export=export,
                gekozen=form.beschrijving(),
                cijfers=getoond,
                secties=_secties(getoond),
                filterquery=_querystring(request.GET, "tabel", "formaat"),
                wis_url=reverse("loket:rapportage", kwargs={"huis_slug": self.huis.slug}),
                vandaag=timezone.localdate(),
            )
        )


class RapportageVlaanderenView(OpgroeienRequiredMixin, TemplateView):
    """Flanders-wide figures of all loketten for Opgroeien, per provincie and VRIND cluster, with a
    table per loket; small counts are always hidden."""

    template_name = "loket/rapportage/vlaanderen.html"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        form = VlaanderenRapportForm(request.GET or None)
        export = ExportForm(request.GET, tabellen=TABELLEN_VLAANDEREN) if "formaat" in request.GET else None
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, export=export))
        filter = form.filter()
        cijfers = rapportage.cijfers_vlaanderen(form.periode(), filter.provincie, filter.cluster)
        if export is not None and export.is_valid():
            return _download(cijfers, export)
        getoond = rapportage.onderdruk(cijfers)
        return self.render_to_response(
            self.get_context_data(
                form=form,
                export=export,
                gekozen=form.beschrijving(),
                cijfers=getoond,
                secties=_secties(getoond),
                filterquery=_querystring(request.GET, "tabel", "formaat"),
                wis_url=reverse("loket:rapportage_vlaanderen"),
            )
        )


TABELLEN_LOKET = [
    "gemeenten",
    "leeftijdsgroep",
    "soort-opvang",
    "voorrang",
    "kwetsbaarheid",
    "doorlooptijden",
    "onvervulde-vraag",
    "voorkeuren",
]
TABELLEN_VLAANDEREN = ["loketten", *TABELLEN_LOKET]
