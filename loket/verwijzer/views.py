"""The pages of referral partners (verwijzers) and of those who invite them.

A member of a referral partner sees the requests its organisation registered (`opvang/verwijzer/`),
registers one for a family (its home postcode first, then the loket's request form with the
family's consent) and follows one (`opvang/verwijzer/aanvragen/<pk>/`): the status, the offers, the
next step and the history the family sees, with the link to the family's own page to answer an
offer together. Anyone else gets a 404; every visit of a request is in the audit log.

The loket invites partners for its Huis (`mijn-huis/<huis_slug>/loket/verwijzers/`), Opgroeien
for every loket (`opgroeien/loket/verwijzers/`).
"""

from __future__ import annotations

import uuid
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views import View
from django.views.generic import TemplateView

from huizen.models import Huis
from kern.forms import foutoverzicht, voeg_fouten_toe
from kern.tenancy import OpgroeienRequiredMixin
from loket import services, stand
from loket.gezin.forms import KindFormSet, OuderFormSet
from loket.gezin.formulier import AanvraagFormulierMixin, Formulier, see_other
from loket.models import Kind, Opvangvraag, Status, Verwijzer
from loket.selectors.lokets import loket_van_gemeente, loketnaam
from loket.services import verwijzers as services_verwijzers
from loket.toegang import LoketMixin
from loket.verwijzer.forms import LidForm, UitnodigingForm, VerwijzerAanvraagForm, WoonplaatsForm

PER_PAGINA = 25

#: What the partner does next, per state of the family's request (`loket.stand`).
VOLGENDE_STAP = {
    stand.INGEDIEND: "Het gezin bevestigt zijn e-mailadres via de link in de e-mail.",
    stand.ACTIEF: "Niets te doen: het loket zoekt een plaats. Komt er een aanbod, dan krijgt u bericht.",
    stand.HERBEVESTIGEN: "Bevestig met het gezin dat het nog opvang zoekt, via de pagina van het gezin.",
    stand.AANBOD: "Er is een plaats aangeboden: bekijk ze samen met het gezin en antwoord voor de termijn.",
    stand.AANVAARD: "Niets te doen: de opvang bevestigt de plaatsing.",
    stand.GEPLAATST: "Afgerond: het kind is geplaatst. De opvang spreekt de start af met het gezin.",
    stand.INGETROKKEN: "Afgesloten: de aanvraag is ingetrokken.",
    stand.VERLOPEN: "Afgesloten: de aanvraag is verlopen.",
}


class VerwijzerMixin(LoginRequiredMixin):
    """Members of a referral partner only; everyone else gets a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.verwijzers:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def verwijzers(self) -> list[Verwijzer]:
        return list(services_verwijzers.verwijzers_van(self.request.user))

    def verwijzer_uit(self, data) -> Verwijzer:
        """The organisation named in the request (a member of several), else the first."""
        gekozen = str(data.get("verwijzer", ""))
        return next((v for v in self.verwijzers if str(v.pk) == gekozen), self.verwijzers[0])

    def lijst_url(self) -> str:
        return reverse("loket:verwijzer")


def _volgende_stap(vraag: Opvangvraag) -> str:
    return VOLGENDE_STAP.get(stand.sleutel(vraag, vraag.aanbiedingen.all()), "")


class LijstView(VerwijzerMixin, TemplateView):
    template_name = "loket/verwijzer/lijst.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        vragen = (
            Opvangvraag.objects.van_verwijzer(self.request.user)
            .select_related("huis__loket", "verwijzer")
            .prefetch_related(
                Prefetch("kinderen", queryset=Kind.objects.only("pk", "opvangvraag_id", "voornaam"))
            )
            .prefetch_related("aanbiedingen")
            .order_by("-ingediend", "-pk")
        )
        pagina = Paginator(vragen, PER_PAGINA).get_page(self.request.GET.get("pagina"))
        regels = [{"vraag": vraag, "volgende_stap": _volgende_stap(vraag)} for vraag in pagina]
        # The children's first names of the listed requests: one entry each in the audit log.
        services.log_inzage_van(
            gebruiker=self.request.user,
            vraag_ids=[vraag.pk for vraag in pagina.object_list],
            omschrijving="lijst van de verwijzer",
        )
        return super().get_context_data(
            pagina=pagina,
            regels=regels,
            verwijzers=self.verwijzers,
            kruimelpad=[("Aanvragen van onze organisatie", "")],
            **kwargs,
        )


class RegistrerenView(VerwijzerMixin, View):
    """Step 1: the family's home postcode decides the loket; then its request form."""

    template_name = "loket/verwijzer/woonplaats.html"

    def toon(self, form, status=200):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "foutoverzicht": foutoverzicht(form) if form.is_bound else [],
                "verwijzers": self.verwijzers,
                "kruimelpad": [
                    ("Aanvragen van onze organisatie", self.lijst_url()),
                    ("Gezin registreren", ""),
                ],
            },
            status=status,
        )

    def get(self, request):
        return self.toon(WoonplaatsForm())

    def post(self, request):
        form = WoonplaatsForm(request.POST)
        if not form.is_valid():
            return self.toon(form)
        verwijzer = self.verwijzer_uit(request.POST)
        gemeente = form.cleaned_data["woonplaats"]
        loket = loket_van_gemeente(gemeente)
        if loket is None:
            form.add_error(
                "postcode", f"{gemeente.naam} heeft geen Lokaal Loket Kinderopvang in het portaal."
            )
            return self.toon(form)
        huis = loket.huis
        if not services_verwijzers.mag_registreren_bij(verwijzer, huis):
            form.add_error(
                "postcode",
                f"{gemeente.naam} hoort bij {loket.naam}. Uw organisatie werkt samen met "
                f"{loketnaam(verwijzer.huis)}: neem contact op met het loket van {gemeente.naam}.",
            )
            return self.toon(form)
        query = urlencode({"postcode": form.cleaned_data["postcode"], "verwijzer": verwijzer.pk})
        return see_other(reverse("loket:verwijzer_formulier", kwargs={"huis_slug": huis.slug}) + "?" + query)


class FormulierView(VerwijzerMixin, AanvraagFormulierMixin, View):
    """Step 2: the loket's request form for the family, with its consent and where its messages go."""

    template_name = "loket/verwijzer/formulier.html"
    voor_loket = True

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and self.verwijzers
            and not services_verwijzers.mag_registreren_bij(self.verwijzer, self.huis)
        ):
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def huis(self) -> Huis:
        return get_object_or_404(Huis, slug=self.kwargs["huis_slug"])

    @cached_property
    def verwijzer(self) -> Verwijzer:
        return self.verwijzer_uit(self.request.POST if self.request.method == "POST" else self.request.GET)

    def formulier(self, data=None, *, initial=None, kinderen=None, ouders=None) -> Formulier:
        form = VerwijzerAanvraagForm(
            data,
            initial=initial,
            locaties=self.locaties,
            voor_loket=True,
            met_sleutel=True,
            loket=self.huis,
        )
        return Formulier(
            form=form,
            kinderen=KindFormSet(data, initial=kinderen, prefix="kinderen"),
            ouders=OuderFormSet(data, initial=ouders, prefix="ouders"),
        )

    def context(self, formulier: Formulier, **extra) -> dict:
        return super().context(formulier, verwijzer=self.verwijzer, verwijzers=self.verwijzers, **extra)

    def kruimelpad(self) -> list[tuple[str, str]]:
        return [("Aanvragen van onze organisatie", self.lijst_url()), ("Gezin registreren", "")]

    def get(self, request, huis_slug):
        postcode = "".join(str(request.GET.get("postcode", "")).split())[:4]
        return self.toon(self.formulier(initial={"indieningssleutel": uuid.uuid4(), "postcode": postcode}))

    def post(self, request, huis_slug):
        herschikt = self.herschik(request)
        if herschikt is not None:
            return herschikt
        return self.verwerk(request, self.formulier(request.POST))

    def bewaar(self, formulier: Formulier) -> HttpResponse:
        form = formulier.form
        try:
            vraag, nieuw = services_verwijzers.registreer_voor_gezin(
                verwijzer=self.verwijzer,
                door=self.request.user,
                huis=self.huis,
                velden=form.velden(),
                kinderen=formulier.kinderen.gegevens(),
                ouders=formulier.ouders.gegevens(),
                voorkeuren=form.voorkeuren(),
                toestemming=form.cleaned_data.get("toestemming", False),
                berichten_via_verwijzer=form.cleaned_data.get("berichten_via_verwijzer", False),
                sleutel=form.cleaned_data.get("indieningssleutel"),
                taal=form.cleaned_data.get("taal_gezin") or settings.LANGUAGE_CODE,
            )
        except PermissionDenied as fout:
            raise Http404 from fout
        if nieuw:
            tekst = "De aanvraag is geregistreerd en staat op de wachtlijst."
            if vraag.berichten_via_verwijzer:
                tekst += " De berichten voor het gezin komen ook bij uw organisatie toe."
            messages.success(self.request, tekst)
        return see_other(reverse("loket:verwijzer_aanvraag", kwargs={"vraag_pk": vraag.pk}))


class AanvraagView(VerwijzerMixin, TemplateView):
    """One request the organisation registered: what the family sees, and the way to its page."""

    template_name = "loket/verwijzer/aanvraag.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        vraag = get_object_or_404(
            Opvangvraag.objects.van_verwijzer(self.request.user).select_related("huis__loket", "verwijzer"),
            pk=self.kwargs["vraag_pk"],
        )
        services.log_inzage(
            gebruiker=self.request.user, vraag=vraag, omschrijving="aanvraag bekeken door verwijzer"
        )
        aanbiedingen = list(vraag.aanbiedingen.select_related("plaats__locatie").order_by("-gemaakt"))
        nu = stand.stand_van(vraag, aanbiedingen)
        return super().get_context_data(
            vraag=vraag,
            stand=nu,
            volgende_stap=VOLGENDE_STAP.get(stand.sleutel(vraag, aanbiedingen), ""),
            aanbiedingen=[(aanbod, stand.aanbod_titel(aanbod)) for aanbod in aanbiedingen],
            kinderen=list(vraag.kinderen.all()),
            gebeurtenissen=list(vraag.gebeurtenissen.filter(intern=False).order_by("tijd", "pk")),
            gezinslink=reverse("loket:aanvraag", kwargs={"token": vraag.token}),
            is_open=vraag.status in (Status.ACTIEF, Status.AANBOD),
            kruimelpad=[
                ("Aanvragen van onze organisatie", self.lijst_url()),
                (vraag.nummer or "Aanvraag", ""),
            ],
            **kwargs,
        )


# --- inviting referral partners ------------------------------------------------------------------


class _UitnodigenMixin:
    """A list of partners with the form to invite one (`met_loket`: Opgroeien chooses the loket)."""

    template_name = "loket/verwijzer/uitnodigen.html"
    met_loket = False

    def partners(self):  # pragma: no cover - abstract
        raise NotImplementedError

    def huis_van(self, form) -> Huis | None:  # pragma: no cover - abstract
        raise NotImplementedError

    def toon(self, form, lidform=None, status=200):
        partners = self.partners().select_related("huis__loket").prefetch_related("leden__gebruiker")
        lidform = lidform or LidForm(partners=self.partners())
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "lidform": lidform,
                "foutoverzicht": foutoverzicht(form) if form.is_bound else [],
                "lidfouten": foutoverzicht(lidform) if lidform.is_bound else [],
                "partners": partners,
                "met_loket": self.met_loket,
                **self.extra_context_data(),
            },
            status=status,
        )

    def extra_context_data(self) -> dict:
        return {}

    def get(self, request, *args, **kwargs):
        return self.toon(UitnodigingForm(met_loket=self.met_loket))

    def post(self, request, *args, **kwargs):
        if request.POST.get("actie") == "lid":
            return self.lid_toevoegen(request)
        form = UitnodigingForm(request.POST, met_loket=self.met_loket)
        if form.is_valid():
            gegevens = form.cleaned_data
            try:
                verwijzer = services_verwijzers.nodig_verwijzer_uit(
                    naam=gegevens["naam"],
                    soort=gegevens["soort"],
                    email=gegevens["email"],
                    telefoon=gegevens.get("telefoon") or "",
                    huis=self.huis_van(form),
                    lid_email=gegevens["lid_email"],
                    lid_naam=gegevens["lid_naam"],
                    door=request.user,
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(
                    request,
                    f"{verwijzer.naam} is uitgenodigd. {gegevens['lid_email']} krijgt een e-mail om een "
                    "wachtwoord te kiezen.",
                )
                return see_other(request.path)
        return self.toon(form)

    def lid_toevoegen(self, request):
        lidform = LidForm(request.POST, partners=self.partners())
        if lidform.is_valid():
            gegevens = lidform.cleaned_data
            try:
                services_verwijzers.voeg_lid_toe(
                    verwijzer=gegevens["verwijzer"],
                    email=gegevens["email"],
                    naam=gegevens["naam"],
                    door=request.user,
                )
            except ValidationError as fout:
                voeg_fouten_toe(lidform, fout)
            else:
                messages.success(
                    request, f"{gegevens['email']} is toegevoegd aan {gegevens['verwijzer'].naam}."
                )
                return see_other(request.path)
        return self.toon(UitnodigingForm(met_loket=self.met_loket), lidform)


class LoketVerwijzersView(LoketMixin, _UitnodigenMixin, View):
    """The loket's referral partners and the invitation of a new one for its Huis."""

    def partners(self):
        return Verwijzer.objects.filter(huis=self.huis).order_by("naam", "pk")

    def huis_van(self, form) -> Huis:
        return self.huis

    def extra_context_data(self) -> dict:
        return {
            "huis": self.huis,
            "kruimelpad": self.kruimelpad(("Verwijzers", "")),
            "titel": f"Verwijzers van het loket van {self.huis.naam}",
        }


class OpgroeienVerwijzersView(OpgroeienRequiredMixin, _UitnodigenMixin, View):
    """All referral partners, and the invitation of one for a loket or for all."""

    met_loket = True

    def partners(self):
        return Verwijzer.objects.order_by("naam", "pk")

    def huis_van(self, form) -> Huis | None:
        return form.cleaned_data.get("huis")

    def extra_context_data(self) -> dict:
        return {
            "kruimelpad": [
                ("Overzicht Opgroeien", reverse("huizen:opgroeien_overzicht")),
                ("Verwijzers", ""),
            ],
            "titel": "Verwijzers",
        }
