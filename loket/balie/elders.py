"""Requests of other lokets that chose a location of this loket (`mijn-huis/<huis_slug>/loket/elders/`).

A family registers at the loket of its home gemeente and may choose locations of neighbouring
lokets. Such a loket sees the request only while the family has an active choice of one of its
locations or a running or confirmed offer from it, and only what it needs for those locations
(`loket.selectors.elders.BeperkteVraag`): never the family's names, address, e-mail, phone, notes
or care needs, until it made an offer (then the parents' names and contact on that offer). It can
offer its own free places at the locations the family chose (`services.doe_aanbod` with
`loket=`). Every detail view is written in the audit log (`services.log_inzage`).
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from kern.forms import voeg_fouten_toe
from loket import services
from loket.balie.forms import AanbodForm, AanbodIntrekkenForm
from loket.balie.views import AanbodDoenMixin
from loket.models import Aanbod, AanbodStatus
from loket.selectors import elders
from loket.toegang import LoketMixin

PER_PAGINA = 25


class EldersView(LoketMixin, TemplateView):
    """The list: requests of other lokets with an active choice of one of our locations (or our
    offer), urgent first, 25 per page."""

    template_name = "loket/balie/elders.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        pagina = Paginator(elders.lijst_elders(self.huis, self.request.user), PER_PAGINA).get_page(
            self.request.GET.get("pagina")
        )
        rijen = [elders.beperkt(vraag) for vraag in pagina.object_list]
        services.log_inzage_van(
            gebruiker=self.request.user,
            vraag_ids=[rij.vraag.pk for rij in rijen],
            omschrijving="lijst van aanvragen van andere loketten (beperkt)",
        )
        return super().get_context_data(
            pagina=pagina,
            rijen=rijen,
            querystring="",
            kruimelpad=self.kruimelpad(self.wachtrijstap(), ("Aanvragen van andere loketten", "")),
            **kwargs,
        )


class EldersDetailView(LoketMixin, TemplateView):
    """One request of another loket, limited to what this loket needs, with its free places at the
    locations the family chose to offer; a 404 without such a link to the request."""

    template_name = "loket/balie/elders_detail.html"
    http_method_names = ["get", "head"]

    @cached_property
    def vraag(self) -> elders.BeperkteVraag:
        vraag = elders.vraag_elders(self.huis, self.request.user, self.kwargs["vraag_pk"])
        if vraag is None:
            raise Http404
        return vraag

    def detail_url(self) -> str:
        return reverse("loket:elders_detail", kwargs={"huis_slug": self.huis.slug, "vraag_pk": self.vraag.pk})

    def get_context_data(
        self,
        *,
        aanbod_form: AanbodForm | None = None,
        intrekken_form: tuple[int, AanbodIntrekkenForm] | None = None,
        meldingen=None,
        **kwargs,
    ):
        vraag = self.vraag
        for aanbod in vraag.aanbiedingen:
            aanbod.loopt = aanbod.status in (AanbodStatus.OPEN, AanbodStatus.AANVAARD)
            if aanbod.loopt:
                if intrekken_form is not None and intrekken_form[0] == aanbod.pk:
                    aanbod.form = intrekken_form[1]
                else:
                    aanbod.form = AanbodIntrekkenForm()
                aanbod.form.auto_id = f"id_intrekken_{aanbod.pk}_%s"
        plaatsen = elders.plaatsen_elders(self.huis, vraag)
        lopend_bij = {
            aanbod.plaats.locatie_id
            for aanbod in vraag.aanbiedingen
            if aanbod.status in (AanbodStatus.OPEN, AanbodStatus.AANVAARD)
        }
        for voorkeur in vraag.voorkeuren:
            voorkeur.lopend_aanbod = voorkeur.locatie_id in lopend_bij
            voorkeur.plaatsen = plaatsen.get(voorkeur.locatie_id, [])
            for plaats in voorkeur.plaatsen:
                if aanbod_form is not None and aanbod_form.data.get("plaats") == str(plaats.pk):
                    plaats.form = aanbod_form
                else:
                    plaats.form = AanbodForm(huis=self.huis, initial={"plaats": plaats.pk})
                plaats.form.auto_id = f"id_aanbod_{plaats.pk}_%s"
        services.log_inzage(
            gebruiker=self.request.user,
            vraag=vraag.vraag,
            omschrijving="aanvraag van een ander loket bekeken (beperkt)"
            + (", met contactgegevens" if vraag.met_contact else ""),
        )
        return super().get_context_data(
            vraag=vraag,
            meldingen=meldingen or [],
            kruimelpad=self.kruimelpad(
                self.wachtrijstap(),
                (
                    "Aanvragen van andere loketten",
                    reverse("loket:elders", kwargs={"huis_slug": self.huis.slug}),
                ),
                (f"Aanvraag {vraag.nummer or vraag.pk}", ""),
            ),
            **kwargs,
        )


class EldersAanbodView(AanbodDoenMixin, EldersDetailView):
    """Offer a free place of this loket at a location the family of another loket chose."""

    def aanbod_vraag(self):
        return self.vraag.vraag


class EldersIntrekkenView(EldersDetailView):
    """POST `reden`: withdraw an offer this loket made to a family of another loket, while it is
    open or waits for the provider's confirmation."""

    http_method_names = ["post"]

    @cached_property
    def aanbod(self) -> Aanbod:
        aanbod = elders.aanbod_elders(self.huis, self.request.user, self.kwargs["aanbod_pk"])
        if aanbod is None:
            raise Http404
        return aanbod

    @cached_property
    def vraag(self) -> elders.BeperkteVraag:
        vraag = elders.vraag_elders(self.huis, self.request.user, self.aanbod.opvangvraag_id)
        if vraag is None:
            raise Http404
        return vraag

    def post(self, request, *args, **kwargs):
        form = AanbodIntrekkenForm(request.POST)
        if form.is_valid():
            try:
                services.trek_aanbod_in(
                    aanbod=self.aanbod, reden=form.cleaned_data["reden"], door=request.user
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(request, "Het aanbod is ingetrokken. Het gezin kreeg een e-mail.")
                return redirect(f"{self.detail_url()}#inhoud")
        anker = f"#id_intrekken_{self.aanbod.pk}_reden"
        meldingen = [
            {"href": anker if veld == "reden" else "", "tekst": f"Het aanbod is niet ingetrokken: {fout}"}
            for veld, fouten in form.errors.items()
            for fout in fouten
        ]
        return self.render_to_response(
            self.get_context_data(intrekken_form=(self.aanbod.pk, form), meldingen=meldingen)
        )
