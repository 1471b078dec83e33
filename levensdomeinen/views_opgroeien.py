"""Pages for Opgroeien staff about the life domains of all Huizen: the shares per domain and the
self-assessment averages (tables and charts), and the heatmap of Huizen by domain, each with CSV
and XLSX downloads (`?tabel=<naam>&formaat=csv|xlsx`)."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from kern import versies
from kern.forms import ExportForm
from kern.paginacache import VersiePaginaMixin
from kern.tabellen import download
from kern.tenancy import OpgroeienRequiredMixin
from kern.views import KruimelpadMixin
from levensdomeinen import selectors, weergave
from levensdomeinen.analyse import Maat
from levensdomeinen.forms_opgroeien import HeatmapFilterForm, LevensdomeinenFilterForm

HUIZEN_PER_PAGINA = 50
HEATMAPTABEL = "levensdomeinen-heatmap"


def _querystring(querydict, *weg: str) -> str:
    kopie = querydict.copy()
    for naam in weg:
        kopie.pop(naam, None)
    return kopie.urlencode()


class LevensdomeinenView(KruimelpadMixin, OpgroeienRequiredMixin, VersiePaginaMixin, TemplateView):
    """Shares of Huizen per life domain (overall, per werking, per cluster) and the averages of
    the self-assessments, filterable by provincie and cluster; every count leads to the heatmap
    of its Huizen."""

    template_name = "levensdomeinen/opgroeien/levensdomeinen.html"
    http_method_names = ["get", "head"]
    pagina_scopes = selectors.CIJFERS_SCOPES

    def kruimelpad(self):
        return [(_("Overzicht Opgroeien"), reverse("huizen:opgroeien_overzicht")), (_("Levensdomeinen"), "")]

    def get(self, request, *args, **kwargs):
        form = LevensdomeinenFilterForm(request.GET or None)
        export = (
            ExportForm(request.GET, tabellen=list(weergave.TABELNAMEN)) if "formaat" in request.GET else None
        )
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, export=export))
        filter, maat = form.filter(), form.gekozen_maat()
        # Computed (or read from the cache) only when the rendered figures are not cached yet.
        cijfers = SimpleLazyObject(lambda: selectors.cijfers_gecachet(filter))
        aandelen = SimpleLazyObject(lambda: cijfers[0])
        zelfevaluatie = SimpleLazyObject(lambda: cijfers[1])
        tabellen = SimpleLazyObject(lambda: weergave.tabellen(aandelen, zelfevaluatie, maat))
        if export is not None and export.is_valid():
            return download(tabellen[export.cleaned_data["tabel"]], export.cleaned_data["formaat"])
        heatmap = reverse("levensdomeinen:opgroeien_heatmap")
        filterquery = _querystring(request.GET, "tabel", "formaat")
        context = self.get_context_data(
            form=form,
            export=export,
            aandelen=aandelen,
            zelfevaluatie=zelfevaluatie,
            maat=Maat(maat),
            tabellen=tabellen,
            secties=SimpleLazyObject(
                lambda: weergave.secties(tabellen, weergave.grafieken(aandelen, zelfevaluatie, maat), maat)
            ),
            gekozen=form.beschrijving(),
            lijst_url=heatmap,
            heatmap_url=SimpleLazyObject(
                lambda: (
                    f"{heatmap}?{aandelen.alle.huizen.querystring}"
                    if aandelen.alle.huizen.querystring
                    else heatmap
                )
            ),
            filterquery=filterquery,
            # The key of the rendered figures: the data versions, the filter and the query string.
            vingerafdruk=versies.vingerafdruk(
                "levensdomeinen-cijfers-html",
                selectors.CIJFERS_SCOPES,
                filter.provincie,
                filter.cluster,
                filter.dag.isoformat(),
                maat,
                request.GET.urlencode(),
            ),
            bewaartijd=versies.BEWAARTIJD,
        )
        return self.render_to_response(context)


class HeatmapView(KruimelpadMixin, OpgroeienRequiredMixin, VersiePaginaMixin, TemplateView):
    """Huizen by life domain, 50 per page, each cell the status of the Huis on the domain."""

    template_name = "levensdomeinen/opgroeien/heatmap.html"
    http_method_names = ["get", "head"]
    pagina_scopes = selectors.CIJFERS_SCOPES

    def kruimelpad(self):
        return [
            (_("Overzicht Opgroeien"), reverse("huizen:opgroeien_overzicht")),
            (_("Levensdomeinen"), reverse("levensdomeinen:opgroeien_levensdomeinen")),
            (_("Heatmap"), ""),
        ]

    def get(self, request, *args, **kwargs):
        form = HeatmapFilterForm(request.GET or None)
        export = ExportForm(request.GET, tabellen=[HEATMAPTABEL]) if "formaat" in request.GET else None
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, export=export))
        filter = form.filter()
        huizen = selectors.heatmap_huizen(filter, form.selectie())
        if export is not None and export.is_valid():
            rijen = selectors.heatmaprijen(huizen, form.domeinen)
            return download(weergave.heatmaptabel(rijen, form.domeinen), export.cleaned_data["formaat"])
        # Read only when the rendered page of the heatmap is not cached yet.
        pagina = SimpleLazyObject(
            lambda: Paginator(huizen, HUIZEN_PER_PAGINA).get_page(request.GET.get("pagina"))
        )
        querystring = _querystring(request.GET, "pagina", "formaat", "tabel")
        context = self.get_context_data(
            form=form,
            export=export,
            pagina=pagina,
            domeinen=form.domeinen,
            rijen=SimpleLazyObject(lambda: selectors.heatmaprijen(pagina.object_list, form.domeinen)),
            gekozen=form.beschrijving(),
            tabelnaam=HEATMAPTABEL,
            querystring=querystring,
            # The key of the rendered page: the data versions, the filter, page and query string.
            vingerafdruk=versies.vingerafdruk(
                "levensdomeinen-heatmap-html",
                selectors.CIJFERS_SCOPES,
                filter.provincie,
                filter.cluster,
                filter.dag.isoformat(),
                selectors.domeinen_delen(form.domeinen),
                request.GET.urlencode(),
            ),
            bewaartijd=versies.BEWAARTIJD,
        )
        return self.render_to_response(context)
