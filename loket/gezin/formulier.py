"""The request form of the loket as a page: the main form with the children's and parents'
formsets, adding and removing a child without losing what was typed, and the error summary.

Used by the family's own pages (`loket.gezin.views`) and by the desk, which registers a request
for a family with the same form (`loket.balie.views`). Subclasses save a valid form (`bewaar`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.forms.utils import ErrorDict, ErrorList
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from huizen.models import Gemeente
from kern.forms import voeg_fouten_toe
from loket import selectors, services
from loket.gezin.forms import (
    MAX_KINDEREN,
    VOORKEUR_FOUT,
    AanvraagForm,
    KindForm,
    KindFormSet,
    OuderFormSet,
)


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

    def is_valid(self) -> bool:
        form_ok = self.form.is_valid()
        # the children's ages are checked against the wished start and kind of care
        self.kinderen.start = self.form.cleaned_data.get("gewenste_start")
        self.kinderen.soort = self.form.cleaned_data.get("soort_opvang")
        kinderen_ok = self.kinderen.is_valid()
        ouders_ok = self.ouders.is_valid()
        return form_ok and kinderen_ok and ouders_ok

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
            href = "#voorkeuren" if fout.code == VOORKEUR_FOUT else ""
            regels += [{"href": href, "tekst": bericht} for bericht in fout.messages]
        regels += _veldfouten(self.form)
        for naam, formset, anker in (("Kind", self.kinderen, "kinderen"), ("Ouder", self.ouders, "ouders")):
            regels += [{"href": f"#{anker}", "tekst": fout} for fout in formset.non_form_errors()]
            for nummer, form in enumerate(formset.forms, start=1):
                regels += _veldfouten(form, f"{naam} {nummer}")
        return regels


def _veldfouten(form, voorvoegsel: str = "") -> list[dict]:
    regels = []
    for veld in form:
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
    gemeente, that Huis's page when it has no loket, or the list of Huizen (link text and url)."""
    huis = services.loket_van_gemeente(gemeente)
    if huis is None:
        return {
            "tekst": _("Zoek het Huis van het Kind van %(gemeente)s") % {"gemeente": gemeente.naam},
            "url": reverse("huizen:lijst"),
        }
    if selectors.actieve_opvanglocaties(huis).exists():
        return {
            "tekst": _("Naar het aanvraagformulier van het loket van %(huis)s") % {"huis": huis.naam},
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
        return list(selectors.actieve_opvanglocaties(self.huis))

    def formulier(self, data=None, *, initial=None, kinderen=None, ouders=None) -> Formulier:
        form = AanvraagForm(
            data,
            initial=initial,
            locaties=self.locaties,
            voor_loket=self.voor_loket,
            met_sleutel=self.met_sleutel,
            loket=self.huis if self.nieuwe_aanvraag else None,
        )
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
            **extra,
        }

    def toon(self, formulier: Formulier, status: int = 200) -> HttpResponse:
        return render(self.request, self.template_name, self.context(formulier), status=status)

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
