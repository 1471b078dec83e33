"""Pages for Opgroeien staff: the overview of all Huizen, the Huizen behind each figure, their
CSV and XLSX downloads, and a Huis's werkingsgebied and subsidies, which only staff may change."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.views.generic import TemplateView

from huizen import overzicht, selectors, services_bevolking, services_opgroeien
from huizen.forms_opgroeien import (
    BevolkingUploadForm,
    GemeenteBeeindigenForm,
    GemeenteToevoegenForm,
    HuizenFilterForm,
    OverzichtForm,
    SubsidieFormSet,
    VersieForm,
)
from huizen.models import Huis, Subsidie, Werkingsgebied, Wijziging
from kern import versies
from kern.bewerken import Conflict
from kern.forms import ExportForm
from kern.paginacache import VersiePaginaMixin
from kern.tabellen import datumtekst, download
from kern.tenancy import OpgroeienRequiredMixin
from kern.views import FormServiceView, KruimelpadMixin

HUIZEN_PER_PAGINA = 50


def _querystring(querydict, *weg: str) -> str:
    kopie = querydict.copy()
    for naam in weg:
        kopie.pop(naam, None)
    return kopie.urlencode()


# --- the overview and the list behind each figure -------------------------------------------


class OpgroeienOverzichtView(OpgroeienRequiredMixin, VersiePaginaMixin, TemplateView):
    """The start page of Opgroeien staff: figures over all Huizen, per provincie or cluster.

    `?tabel=partners&formaat=csv` downloads one table with the same filter.
    """

    template_name = "huizen/opgroeien/overzicht.html"
    http_method_names = ["get", "head"]
    pagina_scopes = selectors.OVERZICHT_SCOPES

    def get(self, request, *args, **kwargs):
        form = OverzichtForm(request.GET or None)
        export = (
            ExportForm(request.GET, tabellen=list(overzicht.TABELNAMEN)) if "formaat" in request.GET else None
        )
        if form.is_bound and not form.is_valid():
            return self.render_to_response(
                self.get_context_data(form=form, export=export, dag=timezone.localdate())
            )
        filter = form.filter()
        # Computed (or read from the cache) only when the rendered figures are not cached yet.
        resultaat = SimpleLazyObject(lambda: selectors.overzicht_gecachet(filter))
        tabellen = SimpleLazyObject(lambda: overzicht.tabellen(resultaat))
        if export is not None and export.is_valid():
            return download(tabellen[export.cleaned_data["tabel"]], export.cleaned_data["formaat"])
        filterquery = _querystring(request.GET, "tabel", "formaat")
        context = self.get_context_data(
            form=form,
            export=export,
            overzicht=resultaat,
            tabellen=tabellen,
            lijst_url=reverse("huizen:opgroeien_huizen"),
            filterquery=filterquery,
            dag=filter.dag,
            # The key of the rendered figures: the data versions, the filter and the query string.
            vingerafdruk=versies.vingerafdruk(
                "opgroeien-overzicht-html",
                selectors.OVERZICHT_SCOPES,
                *selectors.overzicht_delen(filter),
                form.is_bound,
                request.GET.urlencode(),
            ),
            bewaartijd=versies.BEWAARTIJD,
        )
        return self.render_to_response(context)


class HuizenView(KruimelpadMixin, OpgroeienRequiredMixin, TemplateView):
    """The Huizen behind a figure of the overview, 50 per page; `?formaat=csv|xlsx` downloads all."""

    template_name = "huizen/opgroeien/huizen.html"
    http_method_names = ["get", "head"]

    def kruimelpad(self):
        return [("Overzicht Opgroeien", reverse("huizen:opgroeien_overzicht")), ("Huizen", "")]

    def get(self, request, *args, **kwargs):
        form = HuizenFilterForm(request.GET or None)
        export = ExportForm(request.GET) if "formaat" in request.GET else None
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form, export=export))
        huizen = selectors.huizenlijst(form.filter(), form.selectie())
        if export is not None and export.is_valid():
            return download(overzicht.huizentabel(huizen), export.cleaned_data["formaat"])
        pagina = Paginator(huizen, HUIZEN_PER_PAGINA).get_page(request.GET.get("pagina"))
        context = self.get_context_data(
            form=form,
            export=export,
            pagina=pagina,
            huizen=pagina.object_list,
            gekozen=form.beschrijving(),
            querystring=_querystring(request.GET, "pagina", "formaat"),
        )
        return self.render_to_response(context)


# --- population figures --------------------------------------------------------------------


class BevolkingView(KruimelpadMixin, OpgroeienRequiredMixin, TemplateView):
    """Upload population figures per gemeente and year: the whole file is checked first; with any
    problem nothing is written and every problem is listed by row and column."""

    template_name = "huizen/opgroeien/bevolking.html"
    http_method_names = ["get", "head", "post"]
    max_mb = services_bevolking.MAX_BESTAND // (1024 * 1024)

    def kruimelpad(self):
        return [("Overzicht Opgroeien", reverse("huizen:opgroeien_overzicht")), ("Bevolkingscijfers", "")]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", BevolkingUploadForm())
        return super().get_context_data(
            jaren=selectors.bevolkingsjaren(),
            kolommen=services_bevolking.KOLOMMEN,
            max_mb=self.max_mb,
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        form = BevolkingUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        bestand = form.cleaned_data["bestand"]
        if bestand.size > services_bevolking.MAX_BESTAND:
            form.add_error(
                "bestand", f"Het bestand is groter dan {services_bevolking.MAX_BESTAND // (1024 * 1024)} MB."
            )
            return self.render_to_response(self.get_context_data(form=form), status=400)
        controle = services_bevolking.controleer_bevolking(bestandsnaam=bestand.name, inhoud=bestand.read())
        if not controle.is_schoon:
            return self.render_to_response(self.get_context_data(form=form, controle=controle), status=400)
        resultaat = services_bevolking.importeer_bevolking(controle=controle, gebruiker=request.user)
        jaren = ", ".join(str(j) for j in resultaat.jaren)
        messages.success(
            request,
            f"{resultaat.bestandsnaam} is geïmporteerd: {resultaat.nieuw} nieuwe en {resultaat.vervangen} "
            f"vervangen cijfers voor {jaren}.",
        )
        return redirect(request.path)


# --- what only Opgroeien changes: werkingsgebied and subsidies ------------------------------


class OpgroeienHuisMixin(KruimelpadMixin, OpgroeienRequiredMixin):
    """A page (`pagina`) about one Huis (`huis_slug`) for Opgroeien staff only."""

    http_method_names = ["get", "head", "post"]
    pagina = ""

    def kruimelpad(self):
        return [
            ("Overzicht Opgroeien", reverse("huizen:opgroeien_overzicht")),
            ("Huizen", reverse("huizen:opgroeien_huizen")),
            (self.huis.naam, reverse("huizen:werkruimte", kwargs={"huis_slug": self.huis.slug})),
            (self.pagina, ""),
        ]

    @cached_property
    def huis(self) -> Huis:
        return get_object_or_404(
            Huis.objects.zichtbaar_voor(self.request.user), slug=self.kwargs["huis_slug"]
        )

    def wijzigingen(self, onderdeel: str):
        return (
            Wijziging.objects.voor_huis(self.huis)
            .filter(onderdeel=onderdeel)
            .select_related("gebruiker")[:10]
        )

    def met_huidige_versie(self, data, sleutel: str = "versie"):
        """The posted data with the Huis's current version, to save again after a conflict."""
        data = data.copy()
        data[sleutel] = str(Huis.objects.values_list("versie", flat=True).get(pk=self.huis.pk))
        return data


class WerkingsgebiedView(OpgroeienHuisMixin, FormServiceView):
    """Add a gemeente from a date on, or end one on a date (POST `actie` toevoegen or beeindigen,
    with the `rij` to end); the history keeps every row."""

    template_name = "huizen/opgroeien/werkingsgebied.html"
    pagina = "Werkingsgebied"
    actie = ""
    rij: Werkingsgebied | None = None  # the row to end

    def rijen(self):
        return list(
            Werkingsgebied.objects.voor_huis(self.huis)
            .select_related("gemeente__cluster")
            .order_by("gemeente__naam", "geldig_van")
        )

    def get_context_data(self, *, toevoegen=None, einde=None, conflict=False, **kwargs):
        vandaag = timezone.localdate()
        rijen = self.rijen()
        einde = einde or {}
        lopend = []
        for rij in rijen:
            if rij.geldig_tot is None or rij.geldig_tot >= vandaag:
                form = einde.get(rij.pk) or GemeenteBeeindigenForm(
                    prefix=f"einde-{rij.pk}", initial={"versie": self.huis.versie, "tot": rij.geldig_tot}
                )
                lopend.append((rij, form))
        getoond = {rij.pk for rij, _form in lopend}
        verborgen = [fout for pk, form in einde.items() if pk not in getoond for fout in _alle_fouten(form)]
        if verborgen:  # a row that ended meanwhile has no form on the page: say why above it
            kwargs.setdefault("fout", " ".join(verborgen))
        toevoegen = toevoegen or GemeenteToevoegenForm(initial={"versie": self.huis.versie, "vanaf": vandaag})
        return super().get_context_data(
            form=kwargs.pop("form", None) or toevoegen,
            heeft_fouten=bool(
                kwargs.get("fout") or toevoegen.errors or any(f.errors for f in einde.values())
            ),
            huis=self.huis,
            rijen=rijen,
            lopend=lopend,
            vandaag=vandaag,
            toevoegen=toevoegen,
            conflict=conflict,
            wijzigingen=self.wijzigingen(services_opgroeien.ONDERDEEL_WERKINGSGEBIED),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.actie = request.POST.get("actie", "")
        if self.actie == "beeindigen":
            self.rij = self._lopende_rij(request.POST.get("rij"))
            if self.rij is None:
                return self.weiger("Deze gemeente hoort niet bij het werkingsgebied van dit Huis.")
        elif self.actie != "toevoegen":
            return self.weiger("Kies of u een gemeente wilt toevoegen of beëindigen.")
        return super().post(request, *args, **kwargs)

    def _lopende_rij(self, pk) -> Werkingsgebied | None:
        try:
            return Werkingsgebied.objects.voor_huis(self.huis).select_related("gemeente").get(pk=pk)
        except (Werkingsgebied.DoesNotExist, ValueError, TypeError):
            return None

    def weiger(self, fout: str):
        return self.render_to_response(self.get_context_data(fout=fout), status=400)

    def get_form(self, form_class=None, data=None):
        data = self.request.POST if data is None else data
        if self.rij is None:
            return GemeenteToevoegenForm(data)
        return GemeenteBeeindigenForm(data, prefix=f"einde-{self.rij.pk}")

    def voer_uit(self, form) -> Werkingsgebied:
        if self.rij is None:
            return services_opgroeien.voeg_gemeente_toe(
                gebruiker=self.request.user,
                huis=self.huis,
                gemeente=form.cleaned_data["gemeente"],
                vanaf=form.cleaned_data["vanaf"],
                verwachte_versie=form.cleaned_data["versie"],
            )
        return services_opgroeien.beeindig_gemeente(
            gebruiker=self.request.user,
            huis=self.huis,
            werkingsgebied_id=self.rij.pk,
            tot=form.cleaned_data["tot"],
            verwachte_versie=form.cleaned_data["versie"],
        )

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except Conflict:  # show the input again with the Huis's current version
            form = self.get_form(data=self.met_huidige_versie(self.request.POST, form.add_prefix("versie")))
            form.is_valid()
            return self.toon(form, conflict=True)

    def form_invalid(self, form):
        return self.toon(form)

    def toon(self, form, **kwargs):
        if self.rij is None:
            return self.render_to_response(self.get_context_data(toevoegen=form, **kwargs))
        return self.render_to_response(self.get_context_data(einde={self.rij.pk: form}, **kwargs))

    def melding(self, rij: Werkingsgebied) -> str:
        if self.rij is None:
            return f"{rij.gemeente.naam} hoort vanaf {datumtekst(rij.geldig_van)} bij {self.huis.naam}."
        return f"{rij.gemeente.naam} hoort tot en met {datumtekst(rij.geldig_tot)} bij {self.huis.naam}."

    def get_success_url(self) -> str:
        return self.request.path


class SubsidiesView(OpgroeienHuisMixin, TemplateView):
    """The yearly subsidies of a Huis: add, change and delete years in one form."""

    template_name = "huizen/opgroeien/subsidies.html"
    pagina = "Subsidies"

    def subsidies(self):
        return list(Subsidie.objects.voor_huis(self.huis).order_by("-jaar"))

    def get_context_data(self, *, formset=None, versie=None, conflict=False, **kwargs):
        subsidies = self.subsidies()
        return super().get_context_data(
            huis=self.huis,
            subsidies=subsidies,
            formset=formset
            or SubsidieFormSet(initial=[{"jaar": s.jaar, "bedrag": s.bedrag} for s in subsidies]),
            versie=versie or VersieForm(initial={"versie": self.huis.versie}),
            conflict=conflict,
            wijzigingen=self.wijzigingen(services_opgroeien.ONDERDEEL_SUBSIDIES),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        formset = SubsidieFormSet(request.POST)
        versie = VersieForm(request.POST)
        if not (formset.is_valid() and versie.is_valid()):
            return self.render_to_response(self.get_context_data(formset=formset, versie=versie))
        try:
            wijziging = services_opgroeien.bewaar_subsidies(
                gebruiker=request.user,
                huis=self.huis,
                subsidies=formset.subsidies(),
                verwachte_versie=versie.cleaned_data["versie"],
            )
        except Conflict:
            versie = VersieForm(self.met_huidige_versie(request.POST))
            return self.render_to_response(
                self.get_context_data(formset=formset, versie=versie, conflict=True)
            )
        if wijziging is None:
            messages.info(request, "Er was niets gewijzigd aan de subsidies.")
        else:
            messages.success(request, f"De subsidies van {self.huis.naam} zijn bewaard.")
        return redirect(request.path)


def _alle_fouten(form) -> list[str]:
    return [str(fout) for fouten in form.errors.values() for fout in fouten]
