"""The request form of the loket as a page: the main form with the children's and parents'
formsets, adding and removing a child without losing what was typed, and the error summary.

Used by the family's own pages (`loket.gezin.views`) and by the desk, which registers a request
for a family with the same form (`loket.balie.views`). Subclasses save a valid form (`bewaar`).
"""

from __future__ import annotations

import datetime
from contextlib import suppress
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from huizen.models import Gemeente
from kern.forms import voeg_fouten_toe
from loket import selectors
from loket.gezin import keuze
from loket.gezin.forms import (
    MAX_KINDEREN,
    VOORKEUR_CONFLICT,
    VOORKEUR_FOUT,
    AanvraagForm,
    KindForm,
    KindFormSet,
    OuderFormSet,
)
from loket.selectors import elders

#: The button (and the htmx request on a change of a date, the kind of care or the postcode) that
#: shows the list of places again for what was typed.
KEUZES_BIJWERKEN = "keuzes_bijwerken"


def see_other(url: str) -> HttpResponseRedirect:
    """The redirect after a POST (303: the browser follows it with a GET)."""
    antwoord = HttpResponseRedirect(url)
    antwoord.status_code = 303
    return antwoord


@dataclass
class Formulier:
    """The request form: the main form with the children's and parents' formsets."""

    form: AanvraagForm
    kinderen: KindFormSet
    ouders: OuderFormSet
    focus_kind: int | None = None
    meldingen: list[str] = field(default_factory=list)
    # after a change of the list: what happened (read out) and what gets the focus: "titel" (the
    # list's heading), or "locatie", "hoger" or "lager" (the location `keuzefocus_pk`, a button)
    keuzemelding: str = ""
    keuzefocus: str = ""
    keuzefocus_pk: int | None = None

    def is_valid(self) -> bool:
        form_ok = self.form.is_valid()
        # the children's ages are checked against the wished start and kind of care
        self.kinderen.start = self.form.cleaned_data.get("gewenste_start")
        self.kinderen.soort = self.form.cleaned_data.get("soort_opvang")
        kinderen_ok = self.kinderen.is_valid()
        ouders_ok = self.ouders.is_valid()
        conflicten = self.keuzelijst.conflicten
        for kandidaat in conflicten:
            self.form.add_error(
                None,
                ValidationError(
                    _("%(naam)s past niet: %(reden)s"),
                    code=VOORKEUR_CONFLICT,
                    params={
                        "naam": kandidaat.locatie.naam,
                        "reden": kandidaat.conflict,
                        "anker": f"keuze-{kandidaat.locatie.pk}",
                    },
                ),
            )
        return form_ok and kinderen_ok and ouders_ok and not conflicten

    @cached_property
    def keuzelijst(self) -> keuze.Keuzelijst:
        """The chosen locations and those that fit, from what was typed so far."""
        gekozen = []
        for waarde in self.form["keuzes"].value() or []:
            try:
                gekozen.append(int(waarde))
            except (TypeError, ValueError):
                continue
        soort = self.form["soort_opvang"].value()
        return keuze.keuzelijst(
            self.form.locaties,
            gekozen=gekozen,
            geboortedata=[
                datum
                for kind in self.kinderen.forms
                if (datum := _getypte_datum(kind["geboortedatum"])) is not None
            ],
            start=_getypte_datum(self.form["gewenste_start"]),
            soort=soort if isinstance(soort, str) else "",
            woonplaats=self.form.getypte_woonplaats,
            thuisloket=getattr(self.form, "thuisloket", None),
        )

    def zonder_fouten(self) -> None:
        """Show what was typed without judging it yet (after adding or removing a child)."""
        for form in (self.form, *self.kinderen.forms, *self.ouders.forms):
            form._errors = ErrorDict()
        for formset in (self.kinderen, self.ouders):
            formset._errors = [ErrorDict() for _form in formset.forms]
            formset._non_form_errors = ErrorList(error_class="nonform")

    def foutoverzicht(self) -> list[dict]:
        """Every error as a line for the summary at the top, linking to its field."""
        regels = []
        for fout in self.form.errors.as_data().get("__all__", []):
            href = ""
            if fout.code == VOORKEUR_FOUT:
                href = "#voorkeuren"
            elif fout.code == VOORKEUR_CONFLICT:
                href = f"#{fout.params['anker']}"
            regels += [{"href": href, "tekst": bericht} for bericht in fout.messages]
        regels += _veldfouten(self.form)
        for naam, formset, anker in (
            (_("Kind"), self.kinderen, "kinderen"),
            (_("Ouder"), self.ouders, "ouders"),
        ):
            regels += [{"href": f"#{anker}", "tekst": fout} for fout in formset.non_form_errors()]
            for nummer, form in enumerate(formset.forms, start=1):
                regels += _veldfouten(form, f"{naam} {nummer}")
        return regels


def _keuzemelding(knop: str, naam: str, positie: int | None, aantal: int) -> tuple[str, str]:
    """What a button did to the list, in a sentence, and what gets the focus next (`Formulier.
    keuzefocus`): the moved location's same button where it still has one, else the location."""
    if knop == keuze.WEGHALEN:
        return _("%(naam)s is uit uw keuzes gehaald.") % {"naam": naam}, "titel"
    if positie is None:
        melding = _("U koos al %(max)s opvanglocaties. Haal er eerst een weg.")
        return melding % {"max": keuze.MAX_VOORKEUREN}, "titel"
    melding = _("%(naam)s staat nu op plaats %(plaats)s van uw keuzes.") % {
        "naam": naam,
        "plaats": positie + 1,
    }
    if knop == keuze.HOGER and positie > 0:
        return melding, "hoger"
    if knop == keuze.LAGER and positie < aantal - 1:
        return melding, "lager"
    return melding, "locatie"


def _getypte_datum(veld) -> datetime.date | None:
    """The date in a field as typed (or its initial value), None when it is not a valid date."""
    try:
        return veld.field.clean(veld.value())
    except ValidationError:
        return None


def _veldfouten(form, voorvoegsel: str = "") -> list[dict]:
    regels = []
    for veld in form:
        if veld.name == "keuzes":
            regels += [{"href": "#voorkeuren", "tekst": fout} for fout in veld.errors]
            continue
        if veld.is_hidden:
            if veld.errors:
                regels.append(
                    {"href": "", "tekst": _("Het formulier is onvolledig. Laad de pagina opnieuw.")}
                )
            continue
        anker = f"#{veld.auto_id}_0" if veld.use_fieldset else f"#{veld.id_for_label}"
        label = f"{voorvoegsel}, {veld.label.lower()}" if voorvoegsel else capfirst(veld.label)
        regels += [{"href": anker, "tekst": f"{label}: {fout}"} for fout in veld.errors]
    return regels


def _management_aantal(data, prefix: str) -> int | None:
    try:
        return int(data.get(f"{prefix}-TOTAL_FORMS", ""))
    except (TypeError, ValueError):
        return None


def _met_kind_erbij(data):
    data = data.copy()
    aantal = _management_aantal(data, "kinderen")
    if aantal is not None and 0 <= aantal < MAX_KINDEREN:
        data["kinderen-TOTAL_FORMS"] = str(aantal + 1)
        return data, aantal
    return data, None


def _zonder_kind(data, index: int):
    data = data.copy()
    aantal = _management_aantal(data, "kinderen")
    if aantal is None or aantal <= 1 or not 0 <= index < min(aantal, MAX_KINDEREN):
        return data
    for positie in range(index, aantal):
        for naam in KindForm.base_fields:
            sleutel, volgende = f"kinderen-{positie}-{naam}", f"kinderen-{positie + 1}-{naam}"
            if positie + 1 < aantal and volgende in data:
                data.setlist(sleutel, data.getlist(volgende))
            else:
                data.pop(sleutel, None)
    data["kinderen-TOTAL_FORMS"] = str(aantal - 1)
    return data


def elders_registreren(gemeente: Gemeente) -> dict[str, str]:
    """Where a family of `gemeente` registers instead: the request form of the loket of its
    gemeente, the host Huis's page when that loket takes no requests here, or the list of Huizen
    (link text and url)."""
    loket = selectors.loket_van_gemeente(gemeente)
    if loket is None:
        return {
            "tekst": _("Zoek het Huis van het Kind van %(gemeente)s") % {"gemeente": gemeente.naam},
            "url": reverse("huizen:lijst"),
        }
    huis = loket.huis
    if selectors.actieve_opvanglocaties(huis).exists():
        return {
            "tekst": _("Naar het aanvraagformulier van %(loket)s") % {"loket": loket.naam},
            "url": reverse("loket:aanvragen", kwargs={"huis_slug": huis.slug}),
        }
    return {
        "tekst": _("Naar de pagina van %(huis)s") % {"huis": huis.naam},
        "url": reverse("huizen:detail", kwargs={"slug": huis.slug}),
    }


class AanvraagFormulierMixin:
    """Builds, re-renders and validates the request form; subclasses save it (`bewaar`)."""

    template_name = "loket/gezin/formulier.html"
    voor_loket = False
    met_sleutel = True
    # A new request: the family's home gemeente must lie in the loket's area (a change keeps it).
    nieuwe_aanvraag = True

    @cached_property
    def locaties(self):
        """The loket's open locations and those of other lokets nearby (`selectors.elders`)."""
        return list(elders.kiesbare_opvanglocaties(self.huis))

    def formulier(self, data=None, *, initial=None, kinderen=None, ouders=None) -> Formulier:
        form = AanvraagForm(
            data,
            initial=initial,
            locaties=self.locaties,
            voor_loket=self.voor_loket,
            met_sleutel=self.met_sleutel,
            loket=self.huis if self.nieuwe_aanvraag else None,
        )
        form.thuisloket = self.huis
        return Formulier(
            form=form,
            kinderen=KindFormSet(data, initial=kinderen, prefix="kinderen"),
            ouders=OuderFormSet(data, initial=ouders, prefix="ouders"),
        )

    def context(self, formulier: Formulier, **extra) -> dict:
        elders = formulier.form.buiten_werkingsgebied
        return {
            "huis": self.huis,
            "form": formulier.form,
            "kinderen": formulier.kinderen,
            "ouders": formulier.ouders,
            "focus_kind": formulier.focus_kind,
            "max_kinderen": MAX_KINDEREN,
            "foutoverzicht": [] if formulier.meldingen else formulier.foutoverzicht(),
            "formuliermeldingen": formulier.meldingen,
            "voor_loket": self.voor_loket,
            "postcode_elders": elders_registreren(elders) if elders else None,
            "bewaartermijn_maanden": settings.LOKET_BEWAARTERMIJN_MAANDEN,
            "bevestigingstermijn_dagen": settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN,
            "kruimelpad": self.kruimelpad(),
            "keuze": formulier.keuzelijst,
            "keuzemelding": formulier.keuzemelding,
            "keuzefocus": formulier.keuzefocus,
            "keuzefocus_pk": formulier.keuzefocus_pk,
            **extra,
        }

    def toon(self, formulier: Formulier, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, self.context(formulier), status=status)

    def herschik(self, request) -> HttpResponse | None:
        """The buttons that change the children or the chosen places re-render the form with what
        was typed (htmx gets only the list of places); None for sending the form."""
        return self.herschik_taal(request) or self.herschik_keuzes(request) or self.herschik_kinderen(request)

    def herschik_taal(self, request) -> HttpResponse | None:
        """The language switch of this page (`_taalkeuze.html` with `taalformulier`) sends the
        form itself with `taal`: the same form again, with what was typed and without judging it,
        in the chosen language, which the language cookie keeps from now on (as Django's
        set_language does). Accounts keep Dutch (kern.middleware.TaalMiddleware)."""
        gekozen = request.POST.get("taal")
        if gekozen is None:
            return None
        taal = None
        if not request.user.is_authenticated:
            with suppress(LookupError):  # an unknown language: the page stays as it was
                taal = translation.get_supported_language_variant(gekozen)
        if taal is not None:
            translation.activate(taal)
            request.LANGUAGE_CODE = translation.get_language()
        formulier = self.formulier(request.POST)
        formulier.zonder_fouten()
        antwoord = self.toon(formulier)
        if taal is not None:
            antwoord.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                taal,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return antwoord

    def herschik_keuzes(self, request) -> HttpResponse | None:
        knop = next((naam for naam in keuze.KNOPPEN if naam in request.POST), None)
        if knop is None and request.POST.get("actie") != KEUZES_BIJWERKEN:
            return None
        data = request.POST.copy()
        melding = focus = ""
        focus_pk = None
        if knop is not None:
            try:
                pk = int(request.POST[knop])
            except ValueError:
                pk = None
            gekozen = []
            for waarde in data.getlist("keuzes"):
                if waarde.isdigit():
                    gekozen.append(int(waarde))
            namen = {locatie.pk: locatie.naam for locatie in self.locaties}
            if pk in namen:
                gekozen, positie = keuze.herschik(gekozen, knop, pk)
                data.setlist("keuzes", [str(gekozen_pk) for gekozen_pk in gekozen])
                melding, focus = _keuzemelding(knop, namen[pk], positie, len(gekozen))
                focus_pk = pk
        elif not request.htmx:
            focus = "titel"  # the button "Toon de opvang die past" (no JavaScript)
        formulier = self.formulier(data)
        formulier.zonder_fouten()
        formulier.keuzemelding, formulier.keuzefocus, formulier.keuzefocus_pk = melding, focus, focus_pk
        if request.htmx:
            return render(request, "loket/gezin/_voorkeuren_inhoud.html", self.context(formulier))
        return self.toon(formulier)

    def herschik_kinderen(self, request) -> HttpResponse | None:
        """The buttons to add or remove a child re-render the form with what was typed."""
        if request.POST.get("actie") == "kind_toevoegen":
            data, nieuw = _met_kind_erbij(request.POST)
            formulier = self.formulier(data)
            formulier.zonder_fouten()
            if nieuw is None:
                formulier.meldingen.append(
                    _("U kunt hoogstens %(max)s kinderen samen registreren.") % {"max": MAX_KINDEREN}
                )
            if nieuw is not None and nieuw < len(formulier.kinderen.forms):
                formulier.focus_kind = nieuw
                formulier.kinderen.forms[nieuw].fields["voornaam"].widget.attrs["autofocus"] = True
            return self.toon(formulier)
        if "kind_verwijderen" in request.POST:
            try:
                index = int(request.POST["kind_verwijderen"])
            except ValueError:
                index = -1
            formulier = self.formulier(_zonder_kind(request.POST, index))
            formulier.zonder_fouten()
            formulier.meldingen.append(_("Het kind is uit het formulier gehaald."))
            return self.toon(formulier)
        return None

    def verwerk(self, request, formulier: Formulier) -> HttpResponse:
        if not formulier.is_valid():
            return self.toon(formulier)
        try:
            return self.bewaar(formulier)
        except ValidationError as fout:
            voeg_fouten_toe(formulier.form, fout)
            return self.toon(formulier)

    def kruimelpad(self) -> list[tuple[str, str]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def bewaar(self, formulier: Formulier) -> HttpResponse:  # pragma: no cover - abstract
        raise NotImplementedError
