"""Opgroeien's pages about the lokets: the list of all lokets with their host Huis, area and the
Huizen they work with, and one loket's page to change its data and its area (a gemeente is added
from a date on or ended on a date; the history keeps every row)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from kern.forms import voeg_fouten_toe
from kern.tabellen import datumtekst
from kern.tenancy import OpgroeienRequiredMixin
from kern.views import KruimelpadMixin
from loket.models import Loket, Loketgebied
from loket.opgroeien.forms import GebiedBeeindigenForm, GebiedToevoegenForm, LoketForm, NieuwLoketForm
from loket.selectors import lokets as selectors
from loket.services import lokets as services

LOKETS_PER_PAGINA = 50


def _overzicht() -> tuple[str, str]:
    return ("Overzicht Opgroeien", reverse("huizen:opgroeien_overzicht"))


class LoketsView(KruimelpadMixin, OpgroeienRequiredMixin, TemplateView):
    """All lokets: name, organiser, host Huis, gemeenten today and the Huizen they work with."""

    template_name = "loket/opgroeien/lokets.html"
    http_method_names = ["get", "head"]

    def kruimelpad(self):
        return [_overzicht(), ("Lokale loketten", "")]

    def get_context_data(self, **kwargs):
        pagina = Paginator(selectors.lokets_met_gebied(), LOKETS_PER_PAGINA).get_page(
            self.request.GET.get("pagina")
        )
        return super().get_context_data(pagina=pagina, lokets=pagina.object_list, **kwargs)


class NieuwLoketView(KruimelpadMixin, OpgroeienRequiredMixin, TemplateView):
    """A new loket for a Huis that hosts none yet; its area is added on the loket's own page."""

    template_name = "loket/opgroeien/nieuw.html"
    http_method_names = ["get", "head", "post"]

    def kruimelpad(self):
        return [_overzicht(), ("Lokale loketten", reverse("loket:opgroeien_lokets")), ("Nieuw loket", "")]

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", NieuwLoketForm())
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        form = NieuwLoketForm(request.POST)
        if form.is_valid():
            try:
                loket = services.maak_loket(
                    huis=form.cleaned_data["huis"],
                    gegevens={veld: form.cleaned_data[veld] for veld in services.LOKETVELDEN},
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(
                    request, f"{loket.naam} is aangemaakt. Voeg nu de gemeenten van zijn gebied toe."
                )
                return redirect(reverse("loket:opgroeien_loket", kwargs={"loket_slug": loket.slug}))
        return self.render_to_response(self.get_context_data(form=form))


class LoketView(KruimelpadMixin, OpgroeienRequiredMixin, TemplateView):
    """One loket: change its data (POST `actie` gegevens), add a gemeente to its area from a date
    (toevoegen) or end one on a date (beeindigen, with the `rij` to end)."""

    template_name = "loket/opgroeien/loket.html"
    http_method_names = ["get", "head", "post"]

    @cached_property
    def loket(self) -> Loket:
        return get_object_or_404(Loket.objects.select_related("huis"), slug=self.kwargs["loket_slug"])

    def kruimelpad(self):
        return [_overzicht(), ("Lokale loketten", reverse("loket:opgroeien_lokets")), (self.loket.naam, "")]

    def get_context_data(self, *, gegevens=None, toevoegen=None, einde=None, **kwargs):
        vandaag = timezone.localdate()
        einde = einde or {}
        rijen = selectors.gebiedsrijen(self.loket)
        lopend = [
            (
                rij,
                einde.get(rij.pk)
                or GebiedBeeindigenForm(prefix=f"einde-{rij.pk}", initial={"tot": rij.geldig_tot}),
            )
            for rij in rijen
            if rij.geldig_tot is None or rij.geldig_tot >= vandaag
        ]
        getoond = {rij.pk for rij, _form in lopend}
        verborgen = [
            str(f) for pk, form in einde.items() if pk not in getoond for f in form.errors.get("tot", [])
        ]
        if verborgen:  # a row that ended meanwhile has no form on the page: say why above it
            kwargs.setdefault("fout", " ".join(verborgen))
        gegevens = gegevens or LoketForm(loket=self.loket)
        toevoegen = toevoegen or GebiedToevoegenForm(initial={"vanaf": vandaag})
        return super().get_context_data(
            loket=self.loket,
            huizen=list(self.loket.huizen.order_by("naam")),
            gegevens=gegevens,
            toevoegen=toevoegen,
            rijen=rijen,
            lopend=lopend,
            vandaag=vandaag,
            heeft_fouten=bool(
                kwargs.get("fout")
                or gegevens.errors
                or toevoegen.errors
                or any(f.errors for f in einde.values())
            ),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        actie = request.POST.get("actie", "")
        if actie == "gegevens":
            return self._gegevens(request)
        if actie == "toevoegen":
            return self._toevoegen(request)
        if actie == "beeindigen":
            return self._beeindigen(request)
        return self.render_to_response(
            self.get_context_data(fout="Kies wat u wilt wijzigen: de gegevens of het gebied van het loket."),
            status=400,
        )

    def _toon(self, status=200, **kwargs):
        return self.render_to_response(self.get_context_data(**kwargs), status=status)

    def _gegevens(self, request):
        form = LoketForm(request.POST, loket=self.loket)
        if form.is_valid():
            try:
                services.wijzig_loket(
                    loket=self.loket,
                    gegevens={veld: form.cleaned_data[veld] for veld in services.LOKETVELDEN},
                    huizen=form.cleaned_data["huizen"],
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(request, "De gegevens van het loket zijn bewaard.")
                return redirect(reverse("loket:opgroeien_loket", kwargs={"loket_slug": self.loket.slug}))
        return self._toon(gegevens=form)

    def _toevoegen(self, request):
        form = GebiedToevoegenForm(request.POST)
        if form.is_valid():
            try:
                rij = services.voeg_gemeente_toe(
                    loket=self.loket, gemeente=form.cleaned_data["gemeente"], vanaf=form.cleaned_data["vanaf"]
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(
                    request,
                    f"{rij.gemeente.naam} hoort vanaf {datumtekst(rij.geldig_van)} bij {self.loket.naam}.",
                )
                return redirect(request.path)
        return self._toon(toevoegen=form)

    def _beeindigen(self, request):
        try:
            rij = Loketgebied.objects.select_related("gemeente").get(
                loket=self.loket, pk=request.POST.get("rij")
            )
        except (Loketgebied.DoesNotExist, ValueError, TypeError):
            return self._toon(status=400, fout="Deze gemeente hoort niet bij het gebied van dit loket.")
        form = GebiedBeeindigenForm(request.POST, prefix=f"einde-{rij.pk}")
        if form.is_valid():
            try:
                rij = services.beeindig_gemeente(
                    loket=self.loket, gebied_id=rij.pk, tot=form.cleaned_data["tot"]
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(
                    request,
                    f"{rij.gemeente.naam} hoort tot en met {datumtekst(rij.geldig_tot)} "
                    f"bij {self.loket.naam}.",
                )
                return redirect(request.path)
        return self._toon(einde={rij.pk: form})
