"""The loket's figures (decree task 4): per gemeente and period for the loket staff of a Huis, and
Flanders-wide (per provincie and VRIND cluster) for Opgroeien.

The loket's own page shows exact counts (its own data); everything that leaves the loket (its
downloads, and every Opgroeien page and download) hides small counts (`onderdruk`).
Each table downloads as CSV or XLSX with `?tabel=<naam>&formaat=csv|xlsx` and the page's filter.
The figures come from `loket.selectors.cijfers`; no personal data is shown.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.views.generic import TemplateView

from kern import versies
from kern.forms import ExportForm
from kern.paginacache import VersiePaginaMixin
from kern.tabellen import download
from kern.tenancy import OpgroeienRequiredMixin
from loket.cijfers.forms import LoketRapportForm, VlaanderenRapportForm
from loket.selectors import cijfers as loketcijfers
from loket.toegang import LoketMixin


def _querystring(querydict, *weg: str) -> str:
    kopie = querydict.copy()
    for naam in weg:
        kopie.pop(naam, None)
    return kopie.urlencode()


def _secties(cijfers: loketcijfers.Cijfers) -> list[dict]:
    grafieken = loketcijfers.grafieken(cijfers)
    return [
        {"tabel": tabel, "grafiek": grafieken.get(naam)} for naam, tabel in cijfers.als_tabellen().items()
    ]


def _download(onderdrukt: loketcijfers.Cijfers, export: ExportForm):
    tabel = onderdrukt.tabellen[export.cleaned_data["tabel"]]
    return download(tabel.als_tabel(), export.cleaned_data["formaat"])


class CijfersMixin:
    """A page of figures with a filter form, each table downloadable (small counts hidden)."""

    template_name = ""
    tabellen: tuple[str, ...] = ()
    http_method_names = ["get", "head"]

    def maak_form(self, data):
        raise NotImplementedError

    def cijfers(self, form, *, onderdrukt: bool) -> loketcijfers.Cijfers:
        """The figures of the form's choice (cached), with small counts hidden or not."""
        raise NotImplementedError

    def getoond(self, form) -> loketcijfers.Cijfers:
        return self.cijfers(form, onderdrukt=True)

    def get(self, request, *args, **kwargs):
        form = self.maak_form(request.GET or None)
        export = ExportForm(request.GET, tabellen=self.tabellen) if "formaat" in request.GET else None
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, export=export))
        if export is not None and export.is_valid():
            return _download(self.cijfers(form, onderdrukt=True), export)
        filterquery = _querystring(request.GET, "tabel", "formaat")
        delen = self.html_delen(form)
        if delen is None:
            getoond = self.getoond(form)
            secties = _secties(getoond)
            vingerafdruk = ""
        else:
            # Read from the cache (and the charts drawn) only when the rendered figures are not
            # cached yet for these data versions, this choice and this query string.
            getoond = SimpleLazyObject(lambda: self.getoond(form))
            secties = SimpleLazyObject(lambda: _secties(getoond))
            # The whole query string: the filter form (in the cached HTML) shows its values and
            # the download form's errors.
            vingerafdruk = versies.vingerafdruk(
                f"{self.template_name}:filter-en-cijfers",
                loketcijfers.BRONNEN,
                *delen,
                request.GET.urlencode(),
            )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                export=export,
                gekozen=form.beschrijving(),
                cijfers=getoond,
                secties=secties,
                filterquery=filterquery,
                vingerafdruk=vingerafdruk,
                bewaartijd=versies.BEWAARTIJD,
                **self.bij_de_cijfers(),
            )
        )

    def html_delen(self, form) -> tuple | None:
        """What the rendered figures depend on besides the data versions (None: not cached)."""
        return None

    def bij_de_cijfers(self) -> dict:
        """What the page shows beside valid figures."""
        return {}


class RapportageView(LoketMixin, CijfersMixin, TemplateView):
    """The loket's figures per gemeente and period: exact on the page, small counts hidden in the
    downloads (and on the page when asked)."""

    template_name = "loket/cijfers/loket.html"
    tabellen = loketcijfers.LOKET_TABELLEN

    def maak_form(self, data):
        return LoketRapportForm(data, huis=self.huis)

    def cijfers(self, form, *, onderdrukt):
        return loketcijfers.cijfers_loket(
            self.huis, form.periode(), form.gekozen_gemeente(), onderdrukt=onderdrukt
        )

    def getoond(self, form):
        return self.cijfers(form, onderdrukt=form.onderdrukt())

    def html_delen(self, form):
        gemeente = form.gekozen_gemeente()
        return (
            self.huis.pk,
            form.periode(),
            gemeente.pk if gemeente else None,
            form.onderdrukt(),
            timezone.localdate(),
        )

    def bij_de_cijfers(self) -> dict:
        return {
            "wis_url": reverse("loket:rapportage", kwargs={"huis_slug": self.huis.slug}),
            "vandaag": timezone.localdate(),
        }

    def get_context_data(self, **kwargs):
        kruimelpad = self.kruimelpad(self.wachtrijstap(), ("Rapportage", ""))
        return super().get_context_data(kruimelpad=kruimelpad, **kwargs)


class RapportageVlaanderenView(OpgroeienRequiredMixin, VersiePaginaMixin, CijfersMixin, TemplateView):
    """Flanders-wide figures of all loketten for Opgroeien, per provincie and VRIND cluster, with a
    table per loket; small counts are always hidden."""

    template_name = "loket/cijfers/vlaanderen.html"
    tabellen = loketcijfers.VLAANDEREN_TABELLEN
    pagina_scopes = loketcijfers.BRONNEN

    def maak_form(self, data):
        return VlaanderenRapportForm(data)

    def cijfers(self, form, *, onderdrukt):
        return loketcijfers.cijfers_vlaanderen(form.periode(), form.filter(), onderdrukt=onderdrukt)

    def html_delen(self, form):
        filter = form.filter()
        return (form.periode(), filter.provincie, filter.cluster, filter.dag)

    def bij_de_cijfers(self) -> dict:
        return {"wis_url": reverse("loket:rapportage_vlaanderen")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kruimelpad=[
                ("Overzicht Opgroeien", reverse("huizen:opgroeien_overzicht")),
                ("Lokale Loketten Kinderopvang", ""),
            ],
            **kwargs,
        )
