"""Versioned and audited editing of a Huis's rows: the model base, the save and delete that refuse a
stale version and say what changed, the form base, and the edit and delete pages.

A versioned row carries `versie`, bumped on every save. An edit form is opened with the row's
version and hands it back as the expected version: when someone else saved the row in the
meantime, `bewaar_met_versie` / `verwijder_met_versie` raise `Conflict` and nothing changes.
They return what changed, field by field, in words a user reads; the app that owns the history
records it. The pages (`ProfielFormView`, `VerwijderView`) leave to the app what is its own: the
service that saves, the page to return to and the breadcrumbs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db import models, transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from kern.forms import foutoverzicht
from kern.tenancy import HuisMixin, Rol, TenantQuerySet, huis_ids_van
from kern.views import FormServiceView, KruimelpadMixin

# --- the model ----------------------------------------------------------------------------------


class Versiebeheer(models.Model):
    """A row of a Huis's profile: edited by its members, versioned against lost updates."""

    versie = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    objects = TenantQuerySet.as_manager()

    class Meta:
        abstract = True


class Conflict(Exception):
    """Someone else saved this part of the profile after the form was opened."""

    melding = (
        "Iemand anders heeft dit onderdeel intussen gewijzigd. Uw invoer staat hieronder nog; "
        "bekijk de huidige gegevens en bewaar opnieuw."
    )


# --- what changed, in words -----------------------------------------------------------------------

LEEG = "–"


def als_tekst(model: type[models.Model], veld: str, waarde) -> str:
    """A field value as the history and the conflict message show it to a user."""
    if waarde is None or waarde == "":
        return LEEG
    try:
        definitie = model._meta.get_field(veld)
    except FieldDoesNotExist:
        definitie = None
    if definitie is not None and definitie.choices:
        return str(dict(definitie.flatchoices).get(waarde, waarde))
    if isinstance(waarde, bool):
        return "ja" if waarde else "nee"
    if hasattr(waarde, "name") and not isinstance(waarde, models.Model):  # a file
        return waarde.name or LEEG
    if isinstance(waarde, list | tuple | set | models.QuerySet):
        return ", ".join(sorted(str(w) for w in waarde)) or LEEG
    return str(waarde)


def _veldlabel(model: type[models.Model], veld: str) -> str:
    try:
        return str(model._meta.get_field(veld).verbose_name)
    except FieldDoesNotExist:
        return veld


def verschillen(model: type[models.Model], oud: dict, nieuw: dict) -> list[dict]:
    """The fields whose text differs, as {"veld": label, "oud": text, "nieuw": text}."""
    regels = []
    for veld, waarde in nieuw.items():
        voor, na = als_tekst(model, veld, oud.get(veld)), als_tekst(model, veld, waarde)
        if voor != na:
            regels.append({"veld": _veldlabel(model, veld), "oud": voor, "nieuw": na})
    return regels


# --- saving and deleting ------------------------------------------------------------------------


@dataclass(frozen=True)
class Bewaring:
    """The outcome of a save: the row, whether it is new, and each changed field in words.

    `bewaard` is False when the input changed nothing (then the row was not written)."""

    obj: models.Model
    nieuw: bool
    bewaard: bool
    velden: list[dict]


def _vergrendel(obj: models.Model, verwachte_versie: int | None, velden: list[str], m2m: list[str]) -> dict:
    """Lock the saved row; Conflict when its version moved on. Returns its values of `velden`
    and `m2m`, and gives `obj` the saved version."""
    huidig = type(obj).objects.select_for_update().get(pk=obj.pk)
    if verwachte_versie is not None and huidig.versie != verwachte_versie:
        raise Conflict(Conflict.melding)
    oud = {veld: getattr(huidig, veld) for veld in velden}
    oud.update({veld: list(getattr(huidig, veld).all()) for veld in m2m})
    obj.versie = huidig.versie
    return oud


@transaction.atomic
def bewaar_met_versie(
    *,
    obj: models.Model,
    gegevens: dict,
    verwachte_versie: int | None,
    m2m: dict[str, list] | None = None,
    extra: dict[str, tuple[str, str]] | None = None,
) -> Bewaring:
    """Save a versioned row (new or existing) with the new field values `gegevens`, the new
    related objects per many-to-many field `m2m`, and say what changed.

    `extra` are changes kept outside the row (label -> (old, new) text, e.g. opening hours); they
    count as changes too. An existing row that would not change is not written. Raises Conflict
    when the row's version is not `verwachte_versie` any more, ValidationError when the values
    break a rule of the row, and the model's DoesNotExist when the row was deleted meanwhile.
    """
    m2m = m2m or {}
    nieuw = obj.pk is None
    oud = {} if nieuw else _vergrendel(obj, verwachte_versie, list(gegevens), list(m2m))
    for veld, waarde in gegevens.items():
        setattr(obj, veld, waarde)
    velden = verschillen(type(obj), oud, {**gegevens, **m2m})
    velden += [{"veld": label, "oud": o, "nieuw": n} for label, (o, n) in (extra or {}).items() if o != n]
    if not nieuw and not velden:
        return Bewaring(obj=obj, nieuw=False, bewaard=False, velden=[])
    obj.full_clean()
    obj.versie = 1 if nieuw else obj.versie + 1
    obj.save()
    for veld, waarden in m2m.items():
        getattr(obj, veld).set(waarden)
    return Bewaring(obj=obj, nieuw=nieuw, bewaard=True, velden=velden)


@transaction.atomic
def verwijder_met_versie(*, rijen: models.QuerySet, pk, verwachte_versie: int | None) -> str | None:
    """Delete the row `pk` of `rijen` and return how it was named; None when it was already gone
    (deleting twice is not an error for the user). Conflict when it changed meanwhile."""
    huidig = rijen.select_for_update().filter(pk=pk).first()
    if huidig is None:
        return None
    if verwachte_versie is not None and huidig.versie != verwachte_versie:
        raise Conflict(Conflict.melding)
    omschrijving = str(huidig)
    huidig.delete()
    return omschrijving


# --- the form -------------------------------------------------------------------------------------


def _formveld(model_veld: models.Field, **kwargs) -> forms.Field | None:
    """Form fields as the model defines them; links without a scheme are read as https://."""
    if isinstance(model_veld, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return model_veld.formfield(**kwargs)


class ProfielForm(forms.ModelForm):
    """Base of the edit forms of versioned rows: knows its Huis and the version the form was
    opened with. Model rules (`clean()` of the row) run in the form already, so errors show next
    to the field; the service checks them again when it saves."""

    versie = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    #: Many-to-many fields, passed to the service apart from the row's own values.
    m2m_velden: tuple[str, ...] = ()

    class Meta:
        formfield_callback = _formveld

    def __init__(self, *args, huis, **kwargs):
        self.huis = huis
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["versie"] = self.instance.versie
        for veld in self.fields.values():
            if isinstance(veld.widget, forms.Textarea):
                veld.widget.attrs["rows"] = 4
            keuzes = getattr(veld, "choices", None)
            if isinstance(veld, forms.TypedChoiceField) and keuzes and keuzes[0] == ("", "---------"):
                veld.choices = [("", _("Maak een keuze")), *keuzes[1:]]

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("versie") is None and "versie" not in self.errors:
            self.add_error("versie", _("Het formulier mist zijn versie."))
        return cleaned

    @property
    def velden(self):
        """The visible fields, in order (the version is rendered apart)."""
        return [veld for veld in self.visible_fields() if veld.name != "versie"]

    def gegevens(self) -> dict:
        """The row's new values for the service (without many-to-many fields)."""
        return {
            naam: self.cleaned_data[naam]
            for naam in self._meta.fields
            if naam in self.cleaned_data and naam not in self.m2m_velden
        }

    def m2m(self) -> dict:
        return {naam: list(self.cleaned_data[naam]) for naam in self.m2m_velden}


def huidige_waarden(form: ProfielForm, huidig: models.Model) -> list[dict]:
    """The saved values that differ from what the user typed, for the conflict message."""
    model = type(huidig)
    regels = []
    for naam in form._meta.fields:
        if naam not in form.fields:
            continue
        ingevuld = form.cleaned_data.get(naam)
        if naam in form.m2m_velden:
            nu = list(getattr(huidig, naam).all())
            ingevuld = list(ingevuld or [])
        else:
            nu = getattr(huidig, naam)
            if nu == ingevuld:  # also 2500 == 2500.00
                continue
        tekst = als_tekst(model, naam, nu)
        if tekst != als_tekst(model, naam, ingevuld):
            regels.append({"label": capfirst(form.fields[naam].label), "waarde": tekst})
    return regels


# --- the pages ------------------------------------------------------------------------------------


class ProfielMixin(KruimelpadMixin, HuisMixin):
    """A page about a Huis's rows: open to its members and Opgroeien; knows who may edit (a
    coordinator of the Huis, as `is_lid`), read with the Huis itself."""

    def huis_queryset(self, zichtbaar):
        coordinator = huis_ids_van(self.request.user, [Rol.COORDINATOR]).filter(huis_id=OuterRef("pk"))
        return super().huis_queryset(zichtbaar).annotate(gebruiker_mag_bewerken=Exists(coordinator))

    @cached_property
    def kan_bewerken(self) -> bool:
        return bool(self.huis.gebruiker_mag_bewerken)

    def get_context_data(self, **kwargs):
        return super().get_context_data(kan_bewerken=self.kan_bewerken, **kwargs)


class CoordinatorMixin(ProfielMixin):
    """An edit page: coordinators of this Huis only.

    Members in other roles get a 404 (as outsiders do); Opgroeien staff, who may see every Huis,
    get a 403 unless they are a coordinator of this Huis themselves.
    """

    rollen = [Rol.COORDINATOR]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.huis  # noqa: B018  (a 404 for everyone who may not see the Huis in this role)
            if not self.kan_bewerken:
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ProfielFormView(CoordinatorMixin, FormServiceView):
    """Add (no `pk` in the URL) or change one versioned row of the Huis.

    GET shows the form; a valid POST saves through `bewaar(form, extra)` and returns to
    `terug_url()`; invalid input, a conflict or a rule of the service shows the form again with
    what was typed. A row someone else deleted meanwhile keeps the input and offers to add it anew.
    Subclasses set `template_name`, `form_class`, `model`, the titles and messages, and define
    `bewaar`, `terug_url` and `kruimelpad` (which may use `self.titel`).
    """

    form_class: type[ProfielForm]
    model: type[models.Model]
    #: (new, existing) page titles and the success messages, with %(naam)s for the row.
    titels: tuple[str, str] = ("", "")
    meldingen: tuple[str, str] = ("", "")
    #: URL name of the "add" page, where input for a row deleted meanwhile is sent.
    nieuw_url_naam: str = ""
    verdwenen_melding = _(
        "Iemand anders heeft dit intussen verwijderd. Uw invoer staat hieronder nog; "
        "bewaar om het opnieuw toe te voegen."
    )
    #: How the summary of problems names a row of the formset that belongs to the form.
    extra_rijnaam = ""
    extra = None
    #: The title of the page being shown (for `kruimelpad`).
    titel = ""

    # -- what the app fills in -------------------------------------------------------------------

    def bewaar(self, form, extra):
        """Save through the app's service; return the saved row."""
        raise NotImplementedError

    def terug_url(self) -> str:
        raise NotImplementedError

    # -- the row ---------------------------------------------------------------------------------

    @cached_property
    def is_nieuw(self) -> bool:
        return "pk" not in self.kwargs

    def zoek_object(self) -> models.Model | None:
        """The row to edit (a fresh copy, the form may change it), or None when it is gone."""
        if self.is_nieuw:
            return self.model(huis=self.huis)
        return (
            self.model.objects.zichtbaar_voor(self.request.user, self.rollen)
            .voor_huis(self.huis)
            .filter(pk=self.kwargs["pk"])
            .first()
        )

    def maak_form(self, obj, data=None, files=None):
        return self.form_class(data, files, instance=obj, huis=self.huis)

    def maak_extra(self, obj, data=None):
        """A formset that belongs to the form (e.g. opening hours), or None."""
        return None

    # -- handlers --------------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        obj = self.zoek_object()
        if obj is None:
            raise Http404
        return self.toon(self.maak_form(obj), self.maak_extra(obj), versie=obj.versie if obj.pk else "")

    def post(self, request, *args, **kwargs):
        obj = self.zoek_object()
        verdwenen = obj is None
        if verdwenen:  # deleted by someone else meanwhile: keep the input, offer to add it anew
            obj = self.model(huis=self.huis)
        form = self.maak_form(obj, request.POST, request.FILES)
        self.extra = self.maak_extra(obj, request.POST)
        geldig = form.is_valid() & (self.extra is None or self.extra.is_valid())
        if verdwenen:
            return self.toon_verdwenen(form)
        return self.form_valid(form) if geldig else self.form_invalid(form)

    def voer_uit(self, form):
        return self.bewaar(form, self.extra)

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except Conflict as conflict:
            return self.conflict(form, conflict)
        except self.model.DoesNotExist:
            return self.toon_verdwenen(form)

    def conflict(self, form, conflict: Conflict):
        huidig = self.zoek_object()
        if huidig is None:
            return self.toon_verdwenen(form)
        self.na_fouten(form)
        return self.toon(
            form,
            self.extra,
            versie=huidig.versie,
            conflict=conflict.melding,
            huidige_waarden=self.huidige_waarden(form, self.extra, huidig),
        )

    def form_invalid(self, form):
        self.na_fouten(form)
        return self.toon(form, self.extra, versie=self.request.POST.get("versie", ""))

    def na_fouten(self, form) -> None:
        """Hook when the form comes back unsaved (e.g. to ask to choose a file again)."""

    def huidige_waarden(self, form, extra, huidig) -> list[dict]:
        return huidige_waarden(form, huidig)

    def melding(self, obj) -> str:
        return self.meldingen[0 if self.is_nieuw else 1] % {"naam": obj}

    def get_success_url(self) -> str:
        return self.terug_url()

    # -- the page --------------------------------------------------------------------------------

    def toon_verdwenen(self, form):
        return self.toon(form, self.extra, versie="", verdwenen=True)

    def toon(self, form, extra=None, *, versie, verdwenen=False, conflict="", huidige_waarden=()):
        actie = self.request.path
        if verdwenen:
            conflict = self.verdwenen_melding
            if self.nieuw_url_naam:
                actie = reverse(self.nieuw_url_naam, kwargs={"huis_slug": self.huis.slug})
        self.titel = self.titels[0 if self.is_nieuw or verdwenen else 1]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                groepen=self.groepen(form),
                uren=extra,
                foutoverzicht=foutoverzicht(form, extra, self.extra_rijnaam) if form.is_bound else [],
                versie=versie,
                conflict=conflict,
                huidige_waarden=huidige_waarden,
                actie=actie,
                titel=self.titel,
                terug_url=self.terug_url(),
                multipart=any(veld.field.widget.needs_multipart_form for veld in form),
            )
        )

    def groepen(self, form) -> list[dict]:
        """The visible fields in groups (a fieldset each) or in one group without a title."""
        indeling = getattr(form, "groepen", None)
        if not indeling:
            return [{"titel": "", "velden": form.velden}]
        groepen = [
            {"titel": titel, "velden": [form[naam] for naam in namen if naam in form.fields]}
            for titel, namen in indeling
        ]
        ingedeeld = {naam for _titel, namen in indeling for naam in namen}
        rest = [veld for veld in form.velden if veld.name not in ingedeeld]
        return groepen + ([{"titel": "", "velden": rest}] if rest else [])


class VerwijderView(CoordinatorMixin, TemplateView):
    """Confirm (GET) and delete (POST) one versioned row; a row already gone is no error.

    Subclasses set `template_name`, `model` and `soort`, and define `verwijder(obj, versie)`
    (the app's service), `terug_url` and `kruimelpad`.
    """

    model: type[models.Model]
    soort: str = ""  # "de locatie", with the article, for the sentences
    gevolg: str = ""  # what else disappears with it
    al_weg_melding = _("Dit was al verwijderd.")

    def verwijder(self, obj, versie: int) -> None:
        raise NotImplementedError

    def terug_url(self) -> str:
        raise NotImplementedError

    def zoek_object(self):
        zichtbaar = self.model.objects.zichtbaar_voor(self.request.user, self.rollen)
        return zichtbaar.voor_huis(self.huis).filter(pk=self.kwargs["pk"]).first()

    def al_weg(self):
        messages.info(self.request, self.al_weg_melding)
        return HttpResponseRedirect(self.terug_url())

    def get(self, request, *args, **kwargs):
        obj = self.zoek_object()
        if obj is None:
            return self.al_weg()
        return self.render_to_response(self.get_context_data(obj=obj, versie=obj.versie))

    def post(self, request, *args, **kwargs):
        obj = self.zoek_object()
        if obj is None:
            return self.al_weg()
        try:
            versie = int(request.POST.get("versie", ""))
        except ValueError:
            return self.render_to_response(
                self.get_context_data(
                    obj=obj, versie=obj.versie, conflict=_("Het formulier is onvolledig. Probeer opnieuw.")
                ),
                status=400,
            )
        try:
            self.verwijder(obj, versie)
        except Conflict:
            return self.na_conflict()
        melding = _("%(soort)s ‘%(naam)s’ is verwijderd.")
        messages.success(request, melding % {"soort": capfirst(self.soort), "naam": obj})
        return HttpResponseRedirect(self.terug_url())

    def na_conflict(self):
        obj = self.zoek_object()
        if obj is None:
            return self.al_weg()
        return self.render_to_response(
            self.get_context_data(
                obj=obj,
                versie=obj.versie,
                conflict=_(
                    "Iemand anders heeft dit intussen gewijzigd. Bekijk de huidige gegevens en "
                    "bevestig opnieuw als u het toch wilt verwijderen."
                ),
            ),
            status=409,
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            soort=self.soort, gevolg=self.gevolg, terug_url=self.terug_url(), **kwargs
        )
