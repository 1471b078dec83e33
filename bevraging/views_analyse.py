"""Pages of the survey analysis.

For Opgroeien staff: the results of a wave per theme, one question in depth (distribution,
cross-tab, comparison with other waves, open answers) and the Huizen behind every figure. For the
coordinator of a Huis: their answers next to the Flemish and cluster figures. Every table downloads
as CSV or XLSX (`?tabel=<naam>&formaat=csv|xlsx`, with the same filter); filters are GET parameters
kept in every link.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import TemplateView

from bevraging import kruimelpaden
from bevraging.analyse import berekening, weergave
from bevraging.analyse.gegevens import MINIMUM_ANTWOORDEN, Dimensie
from bevraging.forms_analyse import (
    FILTERVELDEN,
    AnalyseFilterForm,
    DimensieForm,
    HuizenForm,
    OpenAntwoordenForm,
)
from bevraging.models import Golf
from bevraging.selectors import analyse as selectors_analyse
from bevraging.selectors import golven
from kern import versies
from kern.forms import ExportForm
from kern.grafieken import GestapeldDiagram
from kern.paginacache import VersiePaginaMixin
from kern.tabellen import download
from kern.tenancy import HuisMixin, OpgroeienRequiredMixin, Rol

HUIZEN_PER_PAGINA = 50
OPEN_PER_PAGINA = 25


def _querystring(querydict, *weg: str) -> str:
    kopie = querydict.copy()
    for naam in weg:
        kopie.pop(naam, None)
    return kopie.urlencode()


def _verborgen(querydict, namen) -> list[tuple[str, str]]:
    """The parameters another form on the page keeps, as hidden fields."""
    return [(naam, querydict.get(naam)) for naam in namen if querydict.get(naam)]


def _grafieken(grafieken) -> list[tuple[str, object]]:
    """Each chart with the template that draws it."""
    return [
        ("grafieken/gestapeld.html" if isinstance(g, GestapeldDiagram) else "grafieken/staafdiagram.html", g)
        for g in grafieken
        if g is not None
    ]


class GolfMixin:
    http_method_names = ["get", "head"]

    @cached_property
    def golf(self) -> Golf:
        return get_object_or_404(Golf.objects.select_related("vragenlijst"), pk=self.kwargs["golf_pk"])

    def links(self, form: AnalyseFilterForm) -> weergave.Koppelingen:
        golf_pk = self.golf.pk
        return weergave.Koppelingen(
            vraag_url=lambda s: reverse("bevraging:analyse_vraag", kwargs={"golf_pk": golf_pk, "vraag": s}),
            huizen_url=lambda s: reverse("bevraging:analyse_huizen", kwargs={"golf_pk": golf_pk, "vraag": s}),
            filter=form.parameters(),
        )


# --- the wave: every question per theme ---------------------------------------------------------


class AnalyseView(OpgroeienRequiredMixin, VersiePaginaMixin, GolfMixin, TemplateView):
    """The results of a wave per theme: for every question n, missing, % 1-2 / 3 / 4-5, the mean,
    % ja or the most chosen options, each question leading to its own page."""

    template_name = "bevraging/analyse/golf.html"
    pagina_scopes = selectors_analyse.PAGINA_SCOPES

    def get(self, request, *args, **kwargs):
        form = AnalyseFilterForm(request.GET or None)
        context = {
            "golf": self.golf,
            "form": form,
            "golven": SimpleLazyObject(lambda: list(golven())),  # read when not cached
            "gekozen": form.beschrijving(),
            "kruimelpad": kruimelpaden.analyse(self.golf),
        }
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(**context))
        filter, selectie = form.filter(), form.selectie()
        scopes = selectors_analyse.analyse_scopes(self.golf)
        delen = (filter.provincie, filter.cluster, filter.dag.isoformat(), selectie)

        def bereken() -> Golfanalyse:
            gegevens = selectors_analyse.analysegegevens(
                request.user, golf=self.golf, filter=filter, selectie=selectie
            )
            verdelingen = berekening.samenvatting(gegevens.vragen, gegevens.antwoorden, gegevens.huis_pks)
            return Golfanalyse(
                responsen=gegevens.responsen,
                aantal_huizen=len(gegevens.huizen),
                peildatum=gegevens.peildatum,
                vastgelegd=gegevens.vastgelegd,
                tabellen=weergave.thematabellen(verdelingen, self.links(form)),
                grafieken=weergave.themagrafieken(verdelingen),
            )

        # Computed (or read from the cache) only when the rendered results are not cached yet.
        analyse = SimpleLazyObject(lambda: versies.gecachet("bevraging-analyse", scopes, bereken, *delen))
        if "formaat" in request.GET:
            export = ExportForm(request.GET, tabellen=list(analyse.tabellen))
            if export.is_valid():
                return download(
                    analyse.tabellen[export.cleaned_data["tabel"]], export.cleaned_data["formaat"]
                )
            context["export"] = export
        filterquery = _querystring(request.GET, "tabel", "formaat")
        context.update(
            analyse=analyse,
            secties=SimpleLazyObject(
                lambda: [
                    (tabel, _grafieken(analyse.grafieken.get(naam.removeprefix("thema-"), [])))
                    for naam, tabel in analyse.tabellen.items()
                ]
            ),
            filterquery=filterquery,
            # The key of the rendered results: the data versions, the filter and the query string.
            vingerafdruk=versies.vingerafdruk(
                "bevraging-analyse-html", scopes, *delen, request.GET.urlencode()
            ),
            bewaartijd=versies.BEWAARTIJD,
        )
        return self.render_to_response(self.get_context_data(**context))


@dataclass(frozen=True)
class Golfanalyse:
    """What the page of a wave shows, as cached: the counts, the tables and the charts per theme."""

    responsen: int
    aantal_huizen: int
    peildatum: datetime.date | None
    vastgelegd: bool
    tabellen: dict
    grafieken: dict


# --- one question -------------------------------------------------------------------------------


class VraagView(OpgroeienRequiredMixin, VersiePaginaMixin, GolfMixin, TemplateView):
    """One question: its distribution, a cross-tab by a chosen dimension, the comparison with the
    other waves through the question mapping, and its open answers (searchable, per cluster)."""

    template_name = "bevraging/analyse/vraag.html"
    pagina_scopes = selectors_analyse.PAGINA_SCOPES

    def get(self, request, *args, **kwargs):
        sleutel = self.kwargs["vraag"]
        vraag, gekoppeld = selectors_analyse.vraag_en_koppelingen(self.golf, sleutel)
        if vraag is None:
            raise Http404("Deze vraag hoort niet bij deze bevraging.")
        clusters = selectors_analyse.clusters()
        form = AnalyseFilterForm(request.GET or None)
        dimensieform = DimensieForm(request.GET or None)
        openform = OpenAntwoordenForm(request.GET or None, clusternamen=clusters.namen)
        geldig = [f.is_valid() for f in (form, dimensieform, openform) if f.is_bound]
        context = {
            "golf": self.golf,
            "vraag": vraag,
            "form": form,
            "dimensieform": dimensieform,
            "openform": openform,
            "gekozen": form.beschrijving(),
            "kruimelpad": kruimelpaden.analyse(self.golf, analyse_url=self.analyse_url(form), vraag=vraag),
            "verborgen_filter": _verborgen(request.GET, ("dimensie", "q", "open_cluster")),
            "verborgen_open": _verborgen(request.GET, (*FILTERVELDEN, "dimensie")),
        }
        if not all(geldig):
            return self.render_to_response(self.get_context_data(**context))

        filter, selectie = form.filter(), form.selectie()
        links = self.links(form)
        dimensie = Dimensie(dimensieform.gekozen())
        # Computed only when the rendered results are not cached yet (or for a download).
        berekend = SimpleLazyObject(
            lambda: self.bereken(request, vraag, clusters, filter, selectie, links, dimensie, openform)
        )

        def uit(naam):
            return SimpleLazyObject(lambda: berekend[naam])

        if "formaat" in request.GET:
            export = ExportForm(request.GET, tabellen=list(berekend["tabellen"]))
            if export.is_valid():
                return download(
                    berekend["tabellen"][export.cleaned_data["tabel"]], export.cleaned_data["formaat"]
                )
            context["export"] = export

        scopes = selectors_analyse.analyse_scopes(self.golf, *gekoppeld)
        context.update(
            gegevens=uit("gegevens"),
            verdeling=uit("verdeling"),
            kruis=uit("kruis"),
            dimensie=dimensie,
            dimensies=self.dimensies(request, dimensie),
            tabellen=uit("tabellen"),
            verdelingsgrafieken=uit("verdelingsgrafieken"),
            kruisgrafieken=uit("kruisgrafieken"),
            vergelijkingen=uit("vergelijkingen"),
            fusies=uit("fusies"),
            vergeleken=uit("vergeleken"),
            pagina=SimpleLazyObject(
                lambda: Paginator(berekend["open_antwoorden"], OPEN_PER_PAGINA).get_page(
                    request.GET.get("pagina")
                )
            ),
            querystring=_querystring(request.GET, "pagina", "tabel", "formaat"),
            filterquery=_querystring(request.GET, "tabel", "formaat", "pagina"),
            huizen_url=links.huizen(sleutel),
            # The key of the rendered results: the data versions of this wave and of the waves it
            # is compared with, the question, the day and the query string.
            vingerafdruk=versies.vingerafdruk(
                "bevraging-vraag-html", scopes, sleutel, filter.dag.isoformat(), request.GET.urlencode()
            ),
            bewaartijd=versies.BEWAARTIJD,
        )
        return self.render_to_response(self.get_context_data(**context))

    def bereken(self, request, vraag, clusters, filter, selectie, links, dimensie, openform) -> dict:
        """Every figure of the question's page, by the name the template knows it by."""
        sleutel = vraag.sleutel
        gegevens = selectors_analyse.analysegegevens(
            request.user,
            golf=self.golf,
            filter=filter,
            selectie=selectie,
            sleutels=[sleutel],
            met_teksten=True,
            clusters_=clusters,
        )
        vragen, huizen = gegevens.per_sleutel, gegevens.huizen
        verdeling = berekening.verdeling(vraag, vragen, gegevens.antwoorden, gegevens.huis_pks)
        kruis = berekening.kruistabel(vraag, vragen, gegevens.antwoorden, huizen, dimensie, clusters.namen)

        tabellen = {"kerncijfers": weergave.kerncijfertabel(verdeling, links)}
        verdelingstabel = weergave.verdelingstabel(verdeling, links)
        if verdelingstabel is not None:
            tabellen["verdeling"] = verdelingstabel
        tabellen["kruistabel"] = weergave.kruistabeltabel(kruis, links, dimensie.label)

        vergelijkingen = []
        bronnen = selectors_analyse.vergelijkingsbronnen(
            request.user,
            golf=self.golf,
            sleutel=sleutel,
            filter=filter,
            selectie=selectie,
            clusters_=clusters,
        )
        andere = [bron.ander for bron in bronnen if bron.ander is not None]
        for i, bron in enumerate(bronnen, start=1):
            vergelijking = self.vergelijking(bron, verdeling)
            naam = f"vergelijking-{i}"
            tabel = weergave.vergelijkingstabel(vergelijking, naam) if vergelijking.vergelijkbaar else None
            if tabel is not None:
                tabellen[naam] = tabel
            vergelijkingen.append(
                (vergelijking, tabel, _grafieken([weergave.vergelijkingsgrafiek(vergelijking)]), bron)
            )

        open_antwoorden = []
        if vraag.heeft_teksten:
            open_antwoorden = berekening.open_antwoorden(
                vraag,
                vragen,
                gegevens.antwoorden,
                huizen,
                cluster=openform.cluster(),
                zoekterm=openform.zoekterm(),
                clusternamen=clusters.namen,
            )
            tabellen["open-antwoorden"] = weergave.open_antwoordentabel(open_antwoorden, clusters.namen)
        return {
            "gegevens": gegevens,
            "verdeling": verdeling,
            "kruis": kruis,
            "tabellen": tabellen,
            "verdelingsgrafieken": _grafieken([weergave.verdelingsgrafiek(verdeling)]),
            "kruisgrafieken": _grafieken([weergave.kruistabelgrafiek(kruis, dimensie.label)]),
            "vergelijkingen": vergelijkingen,
            # Gemeenten of the compared waves that merged since, with today's gemeente.
            "fusies": selectors_analyse.fusies(gegevens, *andere) if andere else [],
            "vergeleken": bool(andere),
            "open_antwoorden": open_antwoorden,
        }

    def analyse_url(self, form: AnalyseFilterForm) -> str:
        url = reverse("bevraging:analyse", kwargs={"golf_pk": self.golf.pk})
        parameters = form.parameters() if form.is_bound and not form.errors else {}
        return f"{url}?{urlencode(parameters)}" if parameters else url

    def dimensies(self, request, gekozen: str) -> list[tuple[str, str, str, bool]]:
        """The links that switch the cross-tab, each keeping the rest of the query."""
        basis = request.GET.copy()
        for naam in ("dimensie", "pagina", "tabel", "formaat"):
            basis.pop(naam, None)
        resultaat = []
        for dimensie in Dimensie:
            query = basis.copy()
            query["dimensie"] = dimensie.value
            resultaat.append(
                (dimensie.value, str(dimensie.label), f"?{query.urlencode()}#kruistabel", dimensie == gekozen)
            )
        return resultaat

    def vergelijking(self, bron: selectors_analyse.Vergelijkingsbron, eigen: berekening.Verdeling):
        if bron.ander is None:
            return berekening.vergelijking(bron.koppeling, None, None)
        andere_vraag = bron.ander.vraag(bron.andere_sleutel)
        ander = berekening.verdeling(
            andere_vraag, bron.ander.per_sleutel, bron.ander.antwoorden, bron.ander.huis_pks
        )
        eerder, later = (ander, eigen) if bron.golf_is_later else (eigen, ander)
        return berekening.vergelijking(bron.koppeling, eerder, later)


# --- the Huizen behind a figure -----------------------------------------------------------------


class HuizenView(OpgroeienRequiredMixin, GolfMixin, TemplateView):
    """The Huizen behind a figure of a question (an answer within a group), with their answer;
    `?formaat=csv|xlsx` downloads them all."""

    template_name = "bevraging/analyse/huizen.html"

    def get(self, request, *args, **kwargs):
        sleutel = self.kwargs["vraag"]
        vraag = selectors_analyse.vraag_van(self.golf, sleutel)
        if vraag is None:
            raise Http404("Deze vraag hoort niet bij deze bevraging.")
        clusters = selectors_analyse.clusters()
        form = HuizenForm(request.GET or None, vraag=vraag, clusternamen=clusters.namen)
        export = ExportForm(request.GET) if "formaat" in request.GET else None
        context = {
            "golf": self.golf,
            "vraag": vraag,
            "form": form,
            "export": export,
            "gekozen": form.beschrijving(),
            "kruimelpad": kruimelpaden.analyse(self.golf, vraag=vraag, pagina="Huizen"),
        }
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(**context))
        gegevens = selectors_analyse.analysegegevens(
            request.user,
            golf=self.golf,
            filter=form.filter(),
            selectie=form.selectie(),
            sleutels=[sleutel],
            met_teksten=True,
            clusters_=clusters,
        )
        waarde = form.cleaned_data.get("waarde") or "" if form.is_bound else ""
        groepsleutel = form.cleaned_data.get("groep") or "" if form.is_bound else ""
        leden = gegevens.huis_pks
        if groepsleutel:
            groep = berekening.groep(gegevens.huizen, groepsleutel, clusters.namen)
            leden = list(groep.huizen) if groep else []
        verdeling = berekening.verdeling(vraag, gegevens.per_sleutel, gegevens.antwoorden, leden)
        rijen = berekening.huisrijen(
            vraag,
            gegevens.per_sleutel,
            gegevens.antwoorden,
            gegevens.huizen,
            verdeling.huizen_voor(waarde),
            clusters.namen,
        )
        if export is not None and export.is_valid():
            titel = f"Huizen: {vraag.tekst}"
            return download(
                weergave.huizentabel(rijen, clusters.namen, titel), export.cleaned_data["formaat"]
            )
        pagina = Paginator(rijen, HUIZEN_PER_PAGINA).get_page(request.GET.get("pagina"))
        context.update(
            gegevens=gegevens,
            pagina=pagina,
            rijen=pagina.object_list,
            clusternamen=clusters.namen,
            kruimelpad=kruimelpaden.analyse(
                self.golf, vraag=vraag, vraag_url=self.links(form).vraag(sleutel), pagina="Huizen"
            ),
            querystring=_querystring(request.GET, "pagina", "formaat"),
        )
        return self.render_to_response(self.get_context_data(**context))


# --- a coordinator: their Huis against Flanders and the cluster ---------------------------------


class HuisVergelijkingView(HuisMixin, GolfMixin, TemplateView):
    """The Huis's answers (once submitted) next to % score 4-5, the mean and % ja in Flanders and
    in the Huis's VRIND cluster; aggregates only."""

    template_name = "bevraging/analyse/huis_vergelijking.html"
    rollen = [Rol.COORDINATOR]

    def get(self, request, *args, **kwargs):
        vergelijking = selectors_analyse.huisvergelijking(request.user, huis=self.huis, golf=self.golf)
        tabellen = weergave.huisvergelijkingstabellen(vergelijking)
        export = None
        if "formaat" in request.GET:
            export = ExportForm(request.GET, tabellen=list(tabellen))
            if export.is_valid():
                return download(tabellen[export.cleaned_data["tabel"]], export.cleaned_data["formaat"])
        context = self.get_context_data(
            golf=self.golf,
            kruimelpad=kruimelpaden.huisvergelijking(self.huis, self.golf),
            vergelijking=vergelijking,
            tabellen=tabellen,
            export=export,
            minimum=MINIMUM_ANTWOORDEN,
            filterquery="",
        )
        return self.render_to_response(context)
