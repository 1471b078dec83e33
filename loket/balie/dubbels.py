"""Possible duplicate requests in the loket's workspace: the list "Mogelijke dubbele aanvragen",
both requests side by side, "geen dubbel" and merging with the family's agreement.

Both lokets concerned see a flag. A loket reads the other Huis's request through the flag only,
read-only and with the fields needed to judge; every view is logged for both requests.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from kern.forms import foutoverzicht, voeg_fouten_toe
from kern.tabellen import datumtekst
from loket import services
from loket.balie.forms import GeenDubbelForm, SamenvoegenForm
from loket.models import MogelijkDubbel, Opvangvraag
from loket.selectors import dubbels as selectors
from loket.services import dubbels as dubbelservices
from loket.toegang import LoketMixin

PER_PAGINA = 25
#: The ids of the "geen dubbel" form, apart from the merge form's on the same page.
GEEN_ID = "id_geen_%s"


class DubbelsView(LoketMixin, TemplateView):
    """The flags about requests of this loket: open ones first."""

    template_name = "loket/balie/dubbels.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        pagina = Paginator(selectors.dubbels_van_loket(self.huis, self.request.user), PER_PAGINA).get_page(
            self.request.GET.get("pagina")
        )
        services.log_inzage(
            gebruiker=self.request.user, vraag=None, omschrijving="mogelijke dubbele aanvragen"
        )
        return super().get_context_data(
            pagina=pagina,
            dubbels=list(pagina.object_list),
            querystring="",
            kruimelpad=self.kruimelpad(self.wachtrijstap(), ("Mogelijke dubbele aanvragen", "")),
            **kwargs,
        )


class DubbelView(LoketMixin, TemplateView):
    """Both requests side by side, with "geen dubbel" and "samenvoegen"."""

    template_name = "loket/balie/dubbel.html"
    http_method_names = ["get", "head"]

    @cached_property
    def dubbel(self) -> MogelijkDubbel:
        return get_object_or_404(
            selectors.dubbels_van_loket(self.huis, self.request.user), pk=self.kwargs["dubbel_pk"]
        )

    @cached_property
    def vragen(self) -> list[Opvangvraag]:
        return selectors.vragen_om_te_vergelijken(self.dubbel, self.request.user)

    def url(self) -> str:
        return reverse("loket:dubbel", kwargs={"huis_slug": self.huis.slug, "dubbel_pk": self.dubbel.pk})

    def keuzes(self) -> tuple[list[tuple[int, str]], list[str]]:
        """The requests this user may keep when merging, and why its own loket's cannot be kept."""
        keuzes, redenen = [], []
        for vraag in self.vragen:
            reden = dubbelservices.waarom_niet_samenvoegen(
                dubbel=self.dubbel, behouden=vraag, user=self.request.user
            )
            if reden:
                if vraag.eigen:  # why its own request cannot be kept says it all
                    redenen.append(reden)
            else:
                ingediend = timezone.localtime(vraag.ingediend)
                tekst = f"{vraag.nummer} (ingediend op {datumtekst(ingediend)}, {vraag.huis.naam})"
                keuzes.append((vraag.pk, tekst))
        return keuzes, redenen

    def get_context_data(self, *, geen_form=None, samen_form=None, **kwargs):
        keuzes, redenen = self.keuzes()
        if samen_form is None and keuzes:
            eerste = self.vragen[0].pk if any(pk == self.vragen[0].pk for pk, _t in keuzes) else keuzes[0][0]
            samen_form = SamenvoegenForm(keuzes=keuzes, initial={"behouden": eerste})
        services.log_inzage_van(
            gebruiker=self.request.user,
            vraag_ids=[vraag.pk for vraag in self.vragen],
            omschrijving=f"mogelijk dubbele aanvragen vergeleken (melding {self.dubbel.pk})",
        )
        fouten = [*foutoverzicht(geen_form)] if geen_form is not None else []
        fouten += foutoverzicht(samen_form) if samen_form is not None and samen_form.is_bound else []
        return super().get_context_data(
            dubbel=self.dubbel,
            vragen=self.vragen,
            geen_form=geen_form or GeenDubbelForm(auto_id=GEEN_ID),
            samen_form=samen_form,
            niet_samenvoegen=redenen if not keuzes else [],
            foutoverzicht=fouten,
            kruimelpad=self.kruimelpad(
                self.wachtrijstap(),
                (
                    "Mogelijke dubbele aanvragen",
                    reverse("loket:dubbels", kwargs={"huis_slug": self.huis.slug}),
                ),
                (f"Melding {self.dubbel.pk}", ""),
            ),
            **kwargs,
        )


class GeenDubbelView(DubbelView):
    """POST: both requests are for different children; the flag closes."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = GeenDubbelForm(request.POST, auto_id=GEEN_ID)
        if form.is_valid():
            try:
                dubbelservices.geen_dubbel(
                    dubbel=self.dubbel, door=request.user, notitie=form.cleaned_data["notitie"]
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(request, "De melding is afgehandeld: het gaat niet om een dubbele aanvraag.")
                return redirect(reverse("loket:dubbels", kwargs={"huis_slug": self.huis.slug}))
        return self.render_to_response(self.get_context_data(geen_form=form))


class SamenvoegenView(DubbelView):
    """POST: merge both requests with the family's agreement."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        keuzes, _redenen = self.keuzes()
        form = SamenvoegenForm(request.POST, keuzes=keuzes)
        if form.is_valid():
            behouden = next(vraag for vraag in self.vragen if vraag.pk == form.cleaned_data["behouden"])
            try:
                vraag = dubbelservices.voeg_samen(
                    dubbel=self.dubbel,
                    behouden=behouden,
                    akkoord=form.cleaned_data["akkoord"],
                    notitie=form.cleaned_data["notitie"],
                    door=request.user,
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(
                    request,
                    f"De aanvragen zijn samengevoegd: {vraag.nummer} loopt verder, de andere is ingetrokken. "
                    "Het gezin kreeg één e-mail.",
                )
                return redirect(
                    reverse("loket:vraag_detail", kwargs={"huis_slug": vraag.huis.slug, "vraag_pk": vraag.pk})
                )
        return self.render_to_response(self.get_context_data(samen_form=form))
