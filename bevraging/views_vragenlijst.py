"""Pages of preparing a wave (Opgroeien staff): a new wave from an earlier one's questionnaire, and
the draft questionnaire edited in the browser — add a question, reword one with a reason, retire
one, set its skip logic, reorder. Opening the wave and assigning interviewers are the interview
workflow's pages (bevraging/views_interview.py).

Only the questionnaire of a wave in preparation changes: for an open or closed wave these pages
read, say why nothing can change, and a post answers 409 with the same message; the services
refuse too.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from bevraging import kruimelpaden, selectors, services
from bevraging.forms_vragenlijst import (
    HerformulerenForm,
    IntrekkenForm,
    NieuweGolfForm,
    NieuweVraagForm,
    VoorwaardeForm,
    VoorwaardeVraagForm,
)
from bevraging.models import Golfstatus, Vraagtype
from bevraging.selectors import ontwerp
from bevraging.views_interview import GolfMixin, blokken
from kern.forms import foutoverzicht, voeg_fouten_toe
from kern.tenancy import OpgroeienRequiredMixin, is_opgroeien
from kern.views import FormServiceView

SOORTLABELS = dict(Vraagtype.choices)


class NieuweGolfView(OpgroeienRequiredMixin, FormServiceView):
    """A new wave in preparation whose questionnaire is a copy of an earlier wave's."""

    template_name = "bevraging/vragenlijst/nieuwe_golf.html"
    form_class = NieuweGolfForm
    http_method_names = ["get", "head", "post"]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "golven": ontwerp.golven_met_vragenlijst()}

    def get_initial(self):
        laatste = ontwerp.golven_met_vragenlijst().first()
        if laatste is None:
            return {}
        volgende = laatste.jaar + 5
        return {"van_golf": laatste.pk, "jaar": volgende, "naam": f"Bevraging {volgende}"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            kruimelpad=kruimelpaden.opgroeien("Nieuwe golf"),
            kan_kopieren=ontwerp.golven_met_vragenlijst().exists(),
            **kwargs,
        )

    def voer_uit(self, form):
        gegevens = form.cleaned_data
        return services.maak_golf(
            van_golf=gegevens["van_golf"],
            jaar=gegevens["jaar"],
            naam=gegevens["naam"],
            start=gegevens["start"],
            eind=gegevens["eind"],
            aanvullen=gegevens["aanvullen"],
            door=self.request.user,
        )

    def melding(self, resultaat) -> str:
        return (
            f"{resultaat.naam} is aangemaakt en in voorbereiding. Kijk de vragenlijst na en wijzig ze "
            "waar nodig; daarna opent u de golf en wijst u de interviewers toe."
        )

    def get_success_url(self) -> str:
        return reverse("bevraging:vragenlijst", kwargs={"golf_pk": self.resultaat.pk})


class VragenlijstMixin(GolfMixin):
    """A page about the questionnaire of one wave; 404 while the wave has none."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_opgroeien(request.user) and not self.heeft_vragenlijst():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @property
    def bewerkbaar(self) -> bool:
        return self.golf.status == Golfstatus.IN_VOORBEREIDING and not self.golf.vragenlijst.is_bevroren

    def reden_alleen_lezen(self) -> str:
        if self.bewerkbaar:
            return ""
        return (
            f"{self.golf.naam} is {self.golf.get_status_display()}: de vragenlijst kan niet meer wijzigen. "
            "Alleen de vragenlijst van een golf in voorbereiding kan wijzigen; maak een nieuwe golf voor "
            "een nieuwe versie."
        )

    def vragenlijst_url(self, anker: str = "") -> str:
        url = reverse("bevraging:vragenlijst", kwargs={"golf_pk": self.golf.pk})
        return f"{url}#{anker}" if anker else url

    def basiscontext(self, pagina: str) -> dict:
        return {
            "golf": self.golf,
            "bewerkbaar": self.bewerkbaar,
            "reden_alleen_lezen": self.reden_alleen_lezen(),
            "kruimelpad": [*kruimelpaden.opgroeien("Vragenlijst", golf=self.golf)[:-1], *self.pad(pagina)],
        }

    def pad(self, pagina: str) -> list[tuple[str, str]]:
        if not pagina:
            return [("Vragenlijst", "")]
        return [("Vragenlijst", self.vragenlijst_url()), (pagina, "")]


class VragenlijstView(VragenlijstMixin, TemplateView):
    """The draft questionnaire: every theme with its questions (retired ones marked), what changed,
    and the actions while the wave is in preparation."""

    template_name = "bevraging/vragenlijst/vragenlijst.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        vragenlijst = self.golf.vragenlijst
        themas = selectors.vragenlijst_inhoud(vragenlijst)
        wijzigingen = ontwerp.wijzigingen_per_vraag(vragenlijst)
        inhoud = []
        aantal = ingetrokken = 0
        for thema in themas:
            vragen = list(thema.vragen.all())
            themablokken = blokken(vragen, vraag_van=lambda v: v)
            for nummer, blok in enumerate(themablokken):
                # What can move: a grid's question within the grid, any other past its neighbour.
                for plaats, vraag in enumerate(blok.items):
                    if blok.groep:
                        vraag.eerste, vraag.laatste = plaats == 0, plaats == len(blok.items) - 1
                    else:
                        vraag.eerste, vraag.laatste = nummer == 0, nummer == len(themablokken) - 1
            for vraag in vragen:
                vraag.wijzigingslijst = wijzigingen.get(vraag.pk, [])
                vraag.soortlabel = SOORTLABELS.get(vraag.type, vraag.type)
                vraag.voorwaarde = services.voorwaarde_als_tekst(vraag)
                aantal += not vraag.ingetrokken
                ingetrokken += vraag.ingetrokken
            inhoud.append((thema, themablokken))
        return super().get_context_data(
            **self.basiscontext(""),
            inhoud=inhoud,
            aantal=aantal,
            ingetrokken=ingetrokken,
            gewijzigd=sum(1 for lijst in wijzigingen.values() if lijst),
            **kwargs,
        )


class VraagToevoegenView(VragenlijstMixin, FormServiceView):
    """Add a question to a theme of the draft questionnaire."""

    template_name = "bevraging/vragenlijst/nieuwe_vraag.html"
    form_class = NieuweVraagForm
    http_method_names = ["get", "head", "post"]

    @cached_property
    def thema(self):
        thema = next((t for t in selectors.themas_van(self.golf) if t.sleutel == self.kwargs["thema"]), None)
        if thema is None:
            raise Http404
        return thema

    def get_form_kwargs(self):
        vragen = list(self.golf.vragenlijst.vragen.select_related("thema").order_by("volgorde", "pk"))
        return {**super().get_form_kwargs(), "thema": self.thema, "vragen": vragen}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            **self.basiscontext(f"Nieuwe vraag in {self.thema.titel}"), thema=self.thema, **kwargs
        )

    def post(self, request, *args, **kwargs):
        if not self.bewerkbaar:
            form = self.get_form()
            form.is_valid()
            form.add_error(None, self.reden_alleen_lezen())
            return self.render_to_response(
                self.get_context_data(form=form, foutoverzicht=foutoverzicht(form)), status=409
            )
        return super().post(request, *args, **kwargs)

    def voer_uit(self, form):
        na_pk = form.cleaned_data.get("na")
        na = self.golf.vragenlijst.vragen.filter(pk=na_pk).first() if na_pk else None
        return services.voeg_vraag_toe(
            golf=self.golf, thema=self.thema, inhoud=form.inhoud, na=na, door=self.request.user
        )

    def melding(self, resultaat) -> str:
        return f"De vraag is toegevoegd aan {self.thema.titel} (sleutel {resultaat.sleutel})."

    def get_success_url(self) -> str:
        return self.vragenlijst_url(f"vraag-{self.resultaat.pk}")


class VraagView(VragenlijstMixin, TemplateView):
    """One question of a wave's questionnaire: its wording, mapping and history; in a draft also
    the forms to reword it, retire it (or ask it again) and set its skip logic. Each form posts to
    its own action (`actie`); on an error this page comes back with that form as it was typed."""

    template_name = "bevraging/vragenlijst/vraag.html"
    http_method_names = ["get", "head"]
    actie = ""

    @cached_property
    def vraag(self):
        vraag = ontwerp.vraag_in(self.golf, self.kwargs["vraag"])
        if vraag is None:
            raise Http404
        return vraag

    def get_context_data(self, *, formulieren=None, fout="", **kwargs):
        kwargs.pop("vraag", None)  # the URL's key; the context's `vraag` is the question
        vraag = self.vraag
        formulieren = formulieren or {}
        context = {
            **self.basiscontext(vraag.kort[:60]),
            "vraag": vraag,
            "soortlabel": SOORTLABELS.get(vraag.type, vraag.type),
            "voorwaarde": services.voorwaarde_als_tekst(vraag),
            "koppelingen": list(ontwerp.koppelingen_naar(vraag)),
            "wijzigingen": ontwerp.wijzigingen_per_vraag(vraag.vragenlijst).get(vraag.pk, []),
            "fout": fout,
        }
        if self.bewerkbaar:
            context.update(self.formulieren(formulieren))
        fouten = [f for form in formulieren.values() if form is not None for f in foutoverzicht(form)]
        return super().get_context_data(**context, foutoverzicht=fouten, **kwargs)

    def formulieren(self, gebonden: dict) -> dict:
        vraag = self.vraag
        kandidaten = ontwerp.mogelijke_voorwaarden(vraag)
        ouder = None
        keuze = gebonden.get("ouderkeuze")
        if keuze is None:
            ouder_pk = self.request.GET.get("ouder")
            keuze = VoorwaardeVraagForm(
                {"ouder": ouder_pk} if ouder_pk else None,
                kandidaten=kandidaten,
                initial={"ouder": vraag.afhankelijk_van_id},
            )
        if keuze.is_bound and keuze.is_valid():
            ouder = keuze.cleaned_data["ouder"]
        elif not keuze.is_bound and vraag.afhankelijk_van_id:
            ouder = next((k for k in kandidaten if k.pk == vraag.afhankelijk_van_id), None)
        voorwaarde = gebonden.get("voorwaarde")
        if voorwaarde is None and ouder is not None:
            initieel = vraag.toon_als if ouder.pk == vraag.afhankelijk_van_id else []
            voorwaarde = VoorwaardeForm(ouder=ouder, initial={"toon_als": initieel}, auto_id="voorwaarde_%s")
        return {
            "herformuleren": gebonden.get("herformuleren")
            or HerformulerenForm(initial={"tekst": vraag.tekst}, auto_id="herformuleren_%s"),
            "intrekken": gebonden.get("intrekken") or IntrekkenForm(auto_id="intrekken_%s"),
            "ouderkeuze": keuze,
            "voorwaardeform": voorwaarde,
            "ouder": ouder,
            "heeft_kandidaten": kandidaten.exists(),
        }


class VraagActieView(VraagView):
    """The posts of the question page and of the questionnaire's move buttons."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not self.bewerkbaar:
            messages.error(request, self.reden_alleen_lezen())
            return self.render_to_response(self.get_context_data(), status=409)
        try:
            return self.voer_uit(request)
        except ValidationError as fout:
            if self.actie == "verplaatsen":
                messages.error(request, " ".join(fout.messages))
                return redirect(self.vragenlijst_url(f"vraag-{self.vraag.pk}"))
            return self.render_to_response(self.get_context_data(fout=" ".join(fout.messages)), status=409)

    def opnieuw(self, naam: str, form):
        return self.render_to_response(self.get_context_data(formulieren={naam: form}))

    def voer_uit(self, request):
        vraag, door = self.vraag, request.user
        if self.actie == "herformuleren":
            form = HerformulerenForm(request.POST, auto_id="herformuleren_%s")
            if not form.is_valid():
                return self.opnieuw("herformuleren", form)
            try:
                services.herformuleer_vraag(vraag=vraag, door=door, **form.cleaned_data)
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
                return self.opnieuw("herformuleren", form)
            messages.success(request, "De nieuwe formulering is bewaard; de vorige staat in de geschiedenis.")
        elif self.actie == "intrekken":
            form = IntrekkenForm(request.POST, auto_id="intrekken_%s")
            if not form.is_valid():
                return self.opnieuw("intrekken", form)
            services.trek_vraag_in(vraag=vraag, reden=form.cleaned_data["reden"], door=door)
            messages.success(
                request, "De vraag is ingetrokken: ze wordt niet meer gesteld, maar blijft bewaard."
            )
        elif self.actie == "terugzetten":
            services.zet_vraag_terug(vraag=vraag, door=door)
            messages.success(request, "De vraag wordt opnieuw gesteld.")
        elif self.actie == "voorwaarde":
            return self.voorwaarde(request)
        elif self.actie == "verplaatsen":
            services.verplaats_vraag(vraag=vraag, omhoog=request.POST.get("richting") != "omlaag", door=door)
            return redirect(self.vragenlijst_url(f"vraag-{vraag.pk}"))
        return redirect(reverse("bevraging:vraag", kwargs={"golf_pk": self.golf.pk, "vraag": vraag.sleutel}))

    def voorwaarde(self, request):
        vraag = self.vraag
        if request.POST.get("weghalen"):
            services.stel_voorwaarde_in(vraag=vraag, afhankelijk_van=None, toon_als=[], door=request.user)
            messages.success(request, "De vraag wordt nu altijd getoond.")
            return redirect(
                reverse("bevraging:vraag", kwargs={"golf_pk": self.golf.pk, "vraag": vraag.sleutel})
            )
        keuze = VoorwaardeVraagForm(request.POST, kandidaten=ontwerp.mogelijke_voorwaarden(vraag))
        if not keuze.is_valid():
            return self.render_to_response(self.get_context_data(formulieren={"ouderkeuze": keuze}))
        ouder = keuze.cleaned_data["ouder"]
        form = VoorwaardeForm(request.POST, ouder=ouder, auto_id="voorwaarde_%s")
        if form.is_valid():
            try:
                services.stel_voorwaarde_in(
                    vraag=vraag,
                    afhankelijk_van=ouder,
                    toon_als=form.cleaned_data["toon_als"],
                    door=request.user,
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(request, "De voorwaarde is bewaard.")
                return redirect(
                    reverse("bevraging:vraag", kwargs={"golf_pk": self.golf.pk, "vraag": vraag.sleutel})
                )
        return self.render_to_response(
            self.get_context_data(formulieren={"ouderkeuze": keuze, "voorwaarde": form})
        )
