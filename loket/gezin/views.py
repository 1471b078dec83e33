"""The families' side of the Lokaal Loket Kinderopvang: public, without an account.

A family registers a request on the page of its Huis, confirms its e-mail address through the
link we mail, and follows the request on a private page reached by a long random token: status
in plain words, change, re-confirm, withdraw, answer an offer, download or erase its data.
The request form itself is `loket.gezin.formulier` (the desk registers with it too).

Forms validate, `loket.services` writes. GET never changes anything (mail scanners open links).
"""

from __future__ import annotations

import uuid
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView
from django_ratelimit.core import is_ratelimited

from huizen import selectors as huizen_selectors
from kern.fragmenten import met_csrf, render_zonder_csrf
from kern.mail import maskeer_adres
from kern.versies import BEWAARTIJD_PERSOONLIJK, gecachet
from loket import selectors, services, stand, termijnen
from loket.gezin.forms import AanbodAntwoordForm, AanvraagForm, IntrekkenForm
from loket.gezin.formulier import AanvraagFormulierMixin, Formulier, see_other
from loket.models import AanbodStatus, Opvangvraag, Status
from loket.selectors import gezin as gezin_selectors
from loket.selectors import rondes as ronde_selectors

SESSIE_ONTVANGEN = "loket_aanvraag_ontvangen"
RATELIMIT_GROEP = "loket:aanvragen"


def _aanvraag_url(vraag: Opvangvraag) -> str:
    return reverse("loket:aanvraag", kwargs={"token": vraag.token})


# --- private pages: headers ------------------------------------------------------------------------


def prive(antwoord: HttpResponse) -> HttpResponse:
    """A page reached by a private link: never cached, never indexed, never leaks its address to
    another site. ("no-referrer" would also make the browser send `Origin: null` with the page's
    own forms, which the CSRF check rightly refuses.)"""
    antwoord["Cache-Control"] = "no-store, private, max-age=0"
    antwoord["Referrer-Policy"] = "same-origin"
    antwoord["X-Robots-Tag"] = "noindex, nofollow"
    return antwoord


def prive_pagina(view_func):
    """`prive` as a view decorator."""

    @wraps(view_func)
    def omhulsel(request, *args, **kwargs):
        return prive(view_func(request, *args, **kwargs))

    return omhulsel


class TokenMixin:
    """A view of the family's own request, found by the token in the URL."""

    def dispatch(self, request, *args, **kwargs):
        self.vraag = selectors.vraag_met_token(kwargs["token"])
        if self.vraag is None:
            raise Http404
        return prive(super().dispatch(request, *args, **kwargs))

    def get_context_data(self, **kwargs):
        kwargs.setdefault("vraag", self.vraag)
        kwargs.setdefault("huis", self.vraag.huis)
        kwargs.setdefault("bevestigingstermijn_dagen", settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN)
        kwargs.setdefault("bewaartermijn_maanden", settings.LOKET_BEWAARTERMIJN_MAANDEN)
        return super().get_context_data(**kwargs)

    def kruimelpad_naar(self, titel: str) -> list[tuple[str, str]]:
        """Breadcrumbs from the family's own page to a page below it."""
        return [(_("Uw aanvraag"), _aanvraag_url(self.vraag)), (titel, "")]

    def weiger_als_afgesloten(self, request) -> HttpResponseRedirect | None:
        if self.vraag.is_afgesloten:
            messages.error(
                request,
                _("Deze aanvraag is afgesloten (%(status)s). Dat kan niet meer.")
                % {"status": self.vraag.get_status_display()},
            )
            return see_other(_aanvraag_url(self.vraag))
        return None


class AanvragenView(AanvraagFormulierMixin, View):
    """The public request form of the loket of one Huis."""

    @cached_property
    def huis(self):
        huis = huizen_selectors.publiek_huis_kort(self.kwargs["huis_slug"])
        if huis is None:
            raise Http404
        return huis

    def kruimelpad(self) -> list[tuple[str, str]]:
        return [
            (_("Huizen van het Kind"), reverse("huizen:lijst")),
            (self.huis.naam, reverse("huizen:detail", kwargs={"slug": self.huis.slug})),
            (_("Kinderopvang aanvragen"), ""),
        ]

    def geen_loket(self) -> HttpResponse:
        huis = huizen_selectors.publiek_huis(self.huis.slug) or self.huis
        context = {"huis": huis, "kruimelpad": self.kruimelpad()}
        return render(self.request, "loket/gezin/geen_loket.html", context)

    def get(self, request, huis_slug):
        if not self.locaties:
            return self.geen_loket()
        return self.toon(self.formulier(initial={"indieningssleutel": uuid.uuid4()}))

    def post(self, request, huis_slug):
        if not self.locaties:
            return self.geen_loket()
        herschikt = self.herschik(request)
        if herschikt is not None:
            return herschikt
        if is_ratelimited(
            request,
            group=RATELIMIT_GROEP,
            key="ip",
            rate=settings.LOKET_AANVRAAG_LIMIET,
            method="POST",
            increment=True,
        ):
            formulier = self.formulier(request.POST)
            formulier.zonder_fouten()
            formulier.meldingen.append(
                _(
                    "Er werden van op deze verbinding te veel aanvragen verstuurd. Er is niets bewaard. "
                    "Wacht even en verstuur het formulier dan opnieuw, of neem contact op met het loket."
                )
            )
            return self.toon(formulier, status=429)
        return self.verwerk(request, self.formulier(request.POST))

    def bewaar(self, formulier: Formulier) -> HttpResponse:
        form = formulier.form
        vraag, _nieuw = services.registreer_opvangvraag(
            huis=self.huis,
            velden=form.velden(),
            kinderen=formulier.kinderen.gegevens(),
            ouders=formulier.ouders.gegevens(),
            voorkeuren=form.voorkeuren(),
            sleutel=form.cleaned_data["indieningssleutel"],
            taal=translation.get_language(),
        )
        self.request.session[SESSIE_ONTVANGEN] = {
            "email": maskeer_adres(vraag.email) if vraag.email else "",
            "huis": vraag.huis.slug,
        }
        return see_other(reverse("loket:ontvangen"))


@method_decorator(prive_pagina, name="dispatch")
class OntvangenView(TemplateView):
    """After registering: check your mailbox (no personal data in the URL)."""

    template_name = "loket/gezin/ontvangen.html"

    def get_context_data(self, **kwargs):
        ontvangen = self.request.session.get(SESSIE_ONTVANGEN) or {}
        huis = huizen_selectors.publiek_huis_kort(str(ontvangen.get("huis", ""))) if ontvangen else None
        return super().get_context_data(
            email=ontvangen.get("email", ""),
            huis=huis,
            bevestigingstermijn_dagen=settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN,
            herbevestiging_maanden=settings.LOKET_HERBEVESTIGING_MAANDEN,
            **kwargs,
        )


class WijzigView(TokenMixin, AanvraagFormulierMixin, View):
    """The family changes its open request: the same form, filled in."""

    met_sleutel = False
    nieuwe_aanvraag = False

    @property
    def huis(self):
        return self.vraag.huis

    def kruimelpad(self) -> list[tuple[str, str]]:
        return self.kruimelpad_naar(_("Wijzigen"))

    def context(self, formulier, **extra):
        gekozen = {locatie.pk for locatie in self.locaties}
        vervallen = [v.locatie for v in selectors.voorkeuren_van(self.vraag) if v.locatie_id not in gekozen]
        return super().context(
            formulier, vraag=self.vraag, wijzigen=True, vervallen_locaties=vervallen, **extra
        )

    def get(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        vraag = self.vraag
        return self.toon(
            self.formulier(
                initial=AanvraagForm.initial_van(vraag),
                kinderen=list(vraag.kinderen.values("voornaam", "geboortedatum", "verwacht", "zorgnoden")),
                ouders=list(vraag.ouders.values("naam", "email", "telefoon")),
            )
        )

    def post(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        herschikt = self.herschik(request)
        if herschikt is not None:
            return herschikt
        return self.verwerk(request, self.formulier(request.POST))

    def bewaar(self, formulier: Formulier) -> HttpResponse:
        form = formulier.form
        oud_adres = self.vraag.email
        vraag = services.wijzig_opvangvraag(
            vraag=self.vraag,
            velden=form.velden(),
            kinderen=formulier.kinderen.gegevens(),
            ouders=formulier.ouders.gegevens(),
            voorkeuren=form.voorkeuren(),
        )
        tekst = _("Uw aanvraag is gewijzigd.")
        if vraag.email != oud_adres:
            tekst += " " + _("Vanaf nu sturen we onze berichten naar %(adres)s.") % {"adres": vraag.email}
        messages.success(self.request, tekst)
        return see_other(_aanvraag_url(vraag))


# --- the family's private page and its actions ----------------------------------------------------


def volgende_stap(vraag: Opvangvraag, acties: frozenset[str]) -> dict | None:
    """What the family has to do next, and by when (the rules of `loket.termijnen`); `acties`:
    what its page offers now (`loket.stand`)."""
    if vraag.status == Status.INGEDIEND:
        termijn = termijnen.bevestigen_uiterlijk(vraag.ingediend)
        return {
            "tekst": _(
                "Bevestig uw e-mailadres uiterlijk op %(datum)s. Zonder bevestiging wordt de aanvraag gewist."
            ),
            "datum": termijn,
        }
    if vraag.is_open and vraag.herbevestiging_gevraagd:
        termijn = termijnen.herbevestigen_uiterlijk(vraag.herbevestiging_gevraagd)
        return {
            "tekst": _(
                "We vroegen u om te bevestigen dat u nog opvang zoekt. Doe dat uiterlijk op %(datum)s, "
                "anders vervalt uw aanvraag."
            ),
            "datum": termijn,
        }
    if vraag.status == Status.ACTIEF and vraag.herbevestigd:
        termijn = termijnen.volgende_herbevestiging(vraag.herbevestigd)
        return {
            "tekst": _(
                "U hoeft nu niets te doen. Rond %(datum)s vragen we u per e-mail om te bevestigen dat u "
                "nog opvang zoekt."
            ),
            "datum": termijn,
        }
    if stand.AANBOD_BEANTWOORDEN in acties:
        return {"tekst": _("Antwoord op het aanbod hieronder vóór de vermelde datum."), "datum": None}
    if vraag.is_afgesloten and vraag.afgesloten:
        termijn = termijnen.gewist_op(vraag.afgesloten)
        return {
            "tekst": _(
                "We bewaren uw gegevens tot %(datum)s en wissen ze dan. U kunt ze hieronder downloaden "
                "of nu al wissen."
            ),
            "datum": termijn,
        }
    return None


class AanvraagView(TokenMixin, TemplateView):
    """The family's private page.

    Its content is rendered once per state of the request (every stored field of its row, read
    for the link anyway), data version of its loket ("loket:<pk>": every service that changes a
    request, its offers, places or rounds raises it) and of its Huis ("huis:<pk>": the contact
    data), day and language, and kept in the cache without the CSRF token (`kern.fragmenten`):
    the key holds the request's own primary key, so no family ever gets another's page.
    """

    template_name = "loket/gezin/aanvraag.html"
    inhoud_template = "loket/gezin/_aanvraag_inhoud.html"

    def get_context_data(self, **kwargs):
        vraag = self.vraag
        staat = tuple(getattr(vraag, veld.attname) for veld in vraag._meta.concrete_fields)
        inhoud = gecachet(
            "gezin-aanvraag",
            [f"loket:{vraag.huis_id}", f"huis:{vraag.huis_id}"],
            self.inhoud,
            staat,
            timezone.localdate().isoformat(),
            get_language(),
            bewaartijd=BEWAARTIJD_PERSOONLIJK,
        )
        return super().get_context_data(inhoud=met_csrf(self.request, inhoud), **kwargs)

    def inhoud(self) -> str:
        overzicht = gezin_selectors.overzicht_voor_gezin(self.vraag)
        stap = volgende_stap(self.vraag, overzicht["stand"].acties)
        if stap is not None and stap["datum"] is not None:
            stap["tekst"] = stap["tekst"] % {"datum": date_format(stap["datum"], "j F Y")}
        return render_zonder_csrf(
            self.inhoud_template,
            {
                **overzicht,
                "stap": stap,
                "rondeuitleg": ronde_selectors.laatste_uitleg_voor_gezin(self.vraag),
                "bevestigingstermijn_dagen": settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN,
                "bewaartermijn_maanden": settings.LOKET_BEWAARTERMIJN_MAANDEN,
            },
        )


class BevestigView(TokenMixin, TemplateView):
    """The link in the first e-mail: GET shows a button, only POST confirms."""

    template_name = "loket/gezin/bevestig.html"

    def post(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        if self.vraag.status != Status.INGEDIEND:
            messages.info(request, _("Uw e-mailadres was al bevestigd."))
            return see_other(_aanvraag_url(self.vraag))
        try:
            services.bevestig_adres(vraag=self.vraag)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(
                request, _("Bedankt, uw e-mailadres is bevestigd. Uw aanvraag staat nu op de wachtlijst.")
            )
        return see_other(_aanvraag_url(self.vraag))


class HerbevestigView(TokenMixin, View):
    """The family says it still needs care: the re-confirmation clock restarts (POST only)."""

    http_method_names = ["post"]

    def post(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        was_ingediend = self.vraag.status == Status.INGEDIEND
        try:
            services.herbevestig(vraag=self.vraag)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            if was_ingediend:
                messages.success(request, _("Bedankt, uw aanvraag staat nu op de wachtlijst."))
            else:
                messages.success(request, _("Bedankt, uw aanvraag blijft op de wachtlijst."))
        return see_other(_aanvraag_url(self.vraag))


class IntrekkenView(TokenMixin, TemplateView):
    template_name = "loket/gezin/intrekken.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(kruimelpad=self.kruimelpad_naar(_("Intrekken")), **kwargs)

    def get(self, request, token):
        return self.weiger_als_afgesloten(request) or self.render_to_response(
            self.get_context_data(form=IntrekkenForm())
        )

    def post(self, request, token):
        geweigerd = self.weiger_als_afgesloten(request)
        if geweigerd:
            return geweigerd
        form = IntrekkenForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            services.trek_in(vraag=self.vraag, reden=form.cleaned_data["reden"].strip())
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, _("Uw aanvraag is ingetrokken. Het loket zoekt geen plaats meer."))
        return see_other(_aanvraag_url(self.vraag))


class WissenView(TokenMixin, TemplateView):
    """Erase the request's personal data; the private link stops working."""

    template_name = "loket/gezin/wissen.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            open_aanbiedingen=self.vraag.aanbiedingen.filter(status=AanbodStatus.OPEN).exists(),
            kruimelpad=self.kruimelpad_naar(_("Gegevens wissen")),
            **kwargs,
        )

    def post(self, request, token):
        services.anonimiseer(vraag_id=self.vraag.pk, reden=_("Gegevens gewist op vraag van het gezin."))
        return see_other(reverse("loket:gewist"))


class GewistView(TemplateView):
    template_name = "loket/gezin/gewist.html"


class AanbodAntwoordView(TokenMixin, TemplateView):
    """An offer of a place: accept or decline it before the deadline."""

    template_name = "loket/gezin/aanbod.html"

    @cached_property
    def aanbod(self):
        return get_object_or_404(selectors.aanbiedingen_van(self.vraag), pk=self.kwargs["aanbod_pk"])

    def get_context_data(self, **kwargs):
        aanbod = self.aanbod
        aanbod.stand_titel = stand.aanbod_titel(aanbod)
        return super().get_context_data(
            aanbod=aanbod,
            locatie=aanbod.locatie,
            kruimelpad=self.kruimelpad_naar(_("Aanbod bij %(locatie)s") % {"locatie": aanbod.locatie.naam}),
            kan_antwoorden=aanbod.status == AanbodStatus.OPEN and aanbod.deadline >= timezone.localdate(),
            termijn_voorbij=aanbod.status == AanbodStatus.OPEN and aanbod.deadline < timezone.localdate(),
            andere_voorkeuren=[
                v
                for v in selectors.voorkeuren_van(self.vraag)
                if v.actief and v.locatie_id != aanbod.locatie.pk
            ],
            **kwargs,
        )

    def get(self, request, token, aanbod_pk):
        return self.render_to_response(self.get_context_data(form=AanbodAntwoordForm()))

    def post(self, request, token, aanbod_pk):
        """First POST (a button on the family's page): show what the answer means and ask to
        confirm it, and when declining whether the request stays in the queue. The second POST
        (`bevestigd`) answers. No JavaScript needed."""
        form = AanbodAntwoordForm(request.POST)
        if not form.is_valid():
            if form.has_error("wachtlijst"):
                return self.bevestigingspagina(form)
            return self.render_to_response(self.get_context_data(form=form))
        antwoord = form.cleaned_data["antwoord"]
        aanbod = self.aanbod
        kan_antwoorden = aanbod.status == AanbodStatus.OPEN and aanbod.deadline >= timezone.localdate()
        if not form.cleaned_data["bevestigd"] and kan_antwoorden:
            return self.bevestigingspagina(form)
        aanvaard = antwoord == "aanvaarden"
        blijven = form.cleaned_data.get("wachtlijst") != "nee"
        try:
            services.beantwoord_aanbod(aanbod=aanbod, aanvaard=aanvaard, blijf_op_wachtlijst=blijven)
        except ValidationError as fout:
            form.add_error(None, fout)
            self.__dict__.pop("aanbod", None)
            return self.render_to_response(self.get_context_data(form=form))
        locatie = aanbod.locatie.naam
        if aanvaard:
            tekst = _(
                "U aanvaardde de plaats bij %(locatie)s. De opvang bevestigt de plaatsing en neemt "
                "contact met u op."
            )
        elif blijven:
            tekst = _("U weigerde de plaats bij %(locatie)s. Uw aanvraag blijft op de wachtlijst.")
        else:
            tekst = _("U weigerde de plaats bij %(locatie)s en trok uw aanvraag in.")
        messages.success(request, tekst % {"locatie": locatie})
        return see_other(_aanvraag_url(self.vraag))

    def bevestigingspagina(self, form) -> HttpResponse:
        antwoord = form.cleaned_data.get("antwoord") or form.data.get("antwoord")
        context = self.get_context_data(form=form, antwoord=antwoord)
        context["kruimelpad"] = self.kruimelpad_naar(
            _("Aanbod bij %(locatie)s") % {"locatie": self.aanbod.locatie.naam}
        )
        return render(self.request, "loket/gezin/aanbod_bevestigen.html", context)


def _bijlage(inhoud: bytes, soort: str, extensie: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=soort)
    antwoord["Content-Disposition"] = f'attachment; filename="{gezin_selectors.exportbestandsnaam(extensie)}"'
    return antwoord


class GegevensJsonView(TokenMixin, View):
    """All the family's data as JSON (`loket.selectors.gezin`)."""

    http_method_names = ["get", "head"]

    def get(self, request, token):
        inhoud = gezin_selectors.gegevens_als_json(self.vraag)
        return _bijlage(inhoud, "application/json; charset=utf-8", "json")


class GegevensPdfView(TokenMixin, View):
    """All the family's data as PDF (`loket.selectors.gezin`)."""

    http_method_names = ["get", "head"]

    def get(self, request, token):
        return _bijlage(gezin_selectors.gegevens_als_pdf(self.vraag), "application/pdf", "pdf")
