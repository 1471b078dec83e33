"""A Huis's life domains, offer and Roadmap self-assessments: overviews for its members and
Opgroeien staff, edit pages for its coordinators.

Like the profile (huizen.views_profiel, whose access rules these views share) every write goes
through a service: levensdomeinen.services.bewaar_engagementen / bewaar_aanbod, which save through
huizen.services.bewaar_onderdeel and refuse a stale version, the profile's delete view (through
verwijder_onderdeel), and bewaar_zelfevaluatie.
Invalid input, a conflict or a broken rule re-renders what the user typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Avg, Prefetch, Q
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huizen.models import Partner
from huizen.services import Conflict
from huizen.views_profiel import (
    CoordinatorMixin,
    ProfielMixin,
    VerwijderView,
    huidige_waarden,
)
from kern.cijfers import Filter
from kern.forms import foutoverzicht, voeg_fouten_toe
from kern.grafieken import STAAFBREEDTE, Staafdiagram, staafdiagram
from levensdomeinen.forms import AanbodForm, LevensdomeinenForm, ZelfevaluatieForm, subthema_tekst
from levensdomeinen.models import (
    Aanbod,
    DomeinEngagement,
    Levensdomein,
    Pijler,
    Score,
    Subthema,
    Werkingsprincipe,
    Zelfevaluatie,
)
from levensdomeinen.selectors import cluster_van, zelfevaluatie_gemiddelden
from levensdomeinen.services import (
    ONDERDEEL_AANBOD,
    EngagementConflict,
    bewaar_aanbod,
    bewaar_engagementen,
    bewaar_zelfevaluatie,
)


def _url(naam: str, huis, **kwargs) -> str:
    return reverse(f"levensdomeinen:{naam}", kwargs={"huis_slug": huis.slug, **kwargs})


def _levensdomeinen() -> list[Levensdomein]:
    return list(
        Levensdomein.objects.order_by("volgorde", "naam").prefetch_related(
            Prefetch("subthemas", queryset=Subthema.objects.order_by("volgorde", "naam"))
        )
    )


def _afgerond(waarde: float | None) -> float | None:
    """Rounded to one decimal, half up (Django's number_format cuts off instead of rounding), so
    the chart and the table show the same figure."""
    if waarde is None:
        return None
    return float(Decimal(str(waarde)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _getal(waarde: float | None) -> str:
    return "–" if waarde is None else number_format(_afgerond(waarde), 1)


# --- Life domains -----------------------------------------------------------------------------


class DomeinenMixin(ProfielMixin):
    def engagementen(self) -> dict[int, DomeinEngagement]:
        rijen = (
            DomeinEngagement.objects.zichtbaar_voor(self.request.user)
            .voor_huis(self.huis)
            .prefetch_related(Prefetch("partners", queryset=Partner.objects.order_by("naam")))
        )
        return {e.levensdomein_id: e for e in rijen}


class DomeinenView(DomeinenMixin, TemplateView):
    """Where the Huis stands on each of the ten life domains."""

    template_name = "levensdomeinen/domeinen.html"

    def get_context_data(self, **kwargs):
        engagementen = self.engagementen()
        domeinen = _levensdomeinen()
        for domein in domeinen:
            domein.engagement = engagementen.get(domein.pk)
            domein.subthema_tekst = subthema_tekst(domein)
        return super().get_context_data(
            domeinen=domeinen,
            top3=[d for d in domeinen if d.engagement and d.engagement.top3],
            **kwargs,
        )


class DomeinenWijzigenView(CoordinatorMixin, DomeinenMixin, TemplateView):
    """All ten life domains on one page; each changed domain is saved (and recorded) apart, all
    in one go."""

    template_name = "levensdomeinen/domeinen_formulier.html"

    def maak_form(self, data=None) -> LevensdomeinenForm:
        partners = list(Partner.objects.voor_huis(self.huis).order_by("naam"))
        return LevensdomeinenForm(
            data, levensdomeinen=_levensdomeinen(), engagementen=self.engagementen(), partners=partners
        )

    def get(self, request, *args, **kwargs):
        return self.toon(self.maak_form())

    def post(self, request, *args, **kwargs):
        formulier = self.maak_form(request.POST)
        if formulier.is_valid():
            try:
                bewaard = bewaar_engagementen(
                    gebruiker=request.user, huis=self.huis, invoer=formulier.invoer()
                )
            except EngagementConflict as conflict:
                return self.conflict(request.POST, conflict)
            except ValidationError as fout:
                formulier.voeg_fouten_toe(fout)
            else:
                if bewaard:
                    messages.success(
                        request,
                        _("Levensdomeinen bewaard: %(lijst)s.")
                        % {"lijst": ", ".join(e.levensdomein.naam for e in bewaard)},
                    )
                else:
                    messages.info(request, _("Er was niets gewijzigd."))
                return HttpResponseRedirect(_url("domeinen", self.huis))
        return self.toon(formulier)

    def conflict(self, data, conflict: EngagementConflict):
        """Keep the input; show what is saved now for the domains someone else changed, and take
        their current version so saving again knowingly overwrites it."""
        huidige = self.engagementen()
        data = data.copy()
        regels = []
        for domein in conflict.levensdomeinen:
            huidig = huidige.get(domein.pk)
            data[f"domein-{domein.code}-versie"] = str(huidig.versie) if huidig else ""
            regels.append({"domein": domein.naam, "engagement": huidig})
        formulier = self.maak_form(data)
        formulier.is_valid()
        return self.toon(formulier, conflict=conflict.melding, huidige_waarden=regels)

    def toon(self, formulier, *, conflict="", huidige_waarden=()):
        return self.render_to_response(
            self.get_context_data(
                formulier=formulier,
                foutoverzicht=formulier.foutoverzicht() if formulier.is_bound else [],
                conflict=conflict,
                huidige_waarden=huidige_waarden,
            )
        )


# --- Offer ------------------------------------------------------------------------------------


def aanbod_van(gebruiker, huis, rollen=None):
    return (
        Aanbod.objects.zichtbaar_voor(gebruiker, rollen)
        .voor_huis(huis)
        .select_related("locatie__gemeente", "organiserende_partner")
        .prefetch_related(
            Prefetch("levensdomeinen", queryset=Levensdomein.objects.order_by("volgorde", "naam")),
            Prefetch("pijlers", queryset=Pijler.objects.order_by("volgorde", "naam")),
            "doelgroepen",
        )
    )


class AanbodLijstView(ProfielMixin, TemplateView):
    """The Huis's offer as its members and Opgroeien see it (past one-off activities too)."""

    template_name = "levensdomeinen/aanbod.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(aanbod=aanbod_van(self.request.user, self.huis), **kwargs)


class AanbodView(CoordinatorMixin, TemplateView):
    """Add (no pk) or change one offer item."""

    template_name = "levensdomeinen/aanbod_formulier.html"

    @cached_property
    def is_nieuw(self) -> bool:
        return "pk" not in self.kwargs

    def zoek_object(self) -> Aanbod | None:
        if self.is_nieuw:
            return Aanbod(huis=self.huis)
        return aanbod_van(self.request.user, self.huis, self.rollen).filter(pk=self.kwargs["pk"]).first()

    def get(self, request, *args, **kwargs):
        obj = self.zoek_object()
        if obj is None:
            raise Http404
        return self.toon(AanbodForm(instance=obj, huis=self.huis), versie=obj.versie if obj.pk else "")

    def post(self, request, *args, **kwargs):
        obj = self.zoek_object()
        verdwenen = obj is None
        form = AanbodForm(request.POST, instance=obj or Aanbod(huis=self.huis), huis=self.huis)
        geldig = form.is_valid()
        if verdwenen:  # deleted by someone else meanwhile: keep the input, offer to add it anew
            return self.toon(form, versie="", verdwenen=True)
        if geldig:
            try:
                bewaard = bewaar_aanbod(
                    gebruiker=request.user,
                    huis=self.huis,
                    aanbod=form.instance,
                    gegevens=form.gegevens(),
                    **form.m2m(),
                    verwachte_versie=form.cleaned_data.get("versie"),
                )
            except Conflict as conflict:
                huidig = self.zoek_object()
                if huidig is None:
                    return self.toon(form, versie="", verdwenen=True)
                return self.toon(
                    form,
                    versie=huidig.versie,
                    conflict=conflict.melding,
                    huidige_waarden=huidige_waarden(form, huidig),
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            except Aanbod.DoesNotExist:
                return self.toon(form, versie="", verdwenen=True)
            else:
                melding = _("Aanbod ‘%(naam)s’ bewaard.")
                if self.is_nieuw:
                    melding = _("Aanbod ‘%(naam)s’ toegevoegd.")
                messages.success(request, melding % {"naam": bewaard})
                return HttpResponseRedirect(_url("aanbod", self.huis))
        return self.toon(form, versie=request.POST.get("versie", ""))

    def toon(self, form, *, versie, verdwenen=False, conflict="", huidige_waarden=()):
        actie = self.request.path
        if verdwenen:
            conflict = _(
                "Iemand anders heeft dit aanbod intussen verwijderd. Uw invoer staat hieronder nog; "
                "bewaar om het opnieuw toe te voegen."
            )
            actie = _url("aanbod_nieuw", self.huis)
        groepen = [
            {"titel": titel, "velden": [form[naam] for naam in namen]} for titel, namen in form.groepen
        ]
        return self.render_to_response(
            self.get_context_data(
                form=form,
                groepen=groepen,
                foutoverzicht=foutoverzicht(form) if form.is_bound else [],
                versie=versie,
                conflict=conflict,
                huidige_waarden=huidige_waarden,
                actie=actie,
                titel=_("Aanbod toevoegen") if self.is_nieuw or verdwenen else _("Aanbod wijzigen"),
            )
        )


class AanbodVerwijderView(VerwijderView):
    """Confirm (GET) and delete (POST) one offer item; an item already gone is no error."""

    template_name = "levensdomeinen/aanbod_verwijderen.html"
    model, onderdeel, soort = Aanbod, ONDERDEEL_AANBOD, _("aanbod")
    al_weg_melding = _("Dit aanbod was al verwijderd.")

    def zoek_object(self):
        return aanbod_van(self.request.user, self.huis, self.rollen).filter(pk=self.kwargs["pk"]).first()

    def terug_url(self) -> str:
        return _url("aanbod", self.huis)


# --- Self-assessment --------------------------------------------------------------------------


def _referenties() -> tuple[list[Levensdomein], list[Werkingsprincipe]]:
    return _levensdomeinen(), list(Werkingsprincipe.objects.order_by("volgorde", "naam"))


class ZelfevaluatieMixin(ProfielMixin):
    def zelfevaluaties(self):
        return Zelfevaluatie.objects.zichtbaar_voor(self.request.user).voor_huis(self.huis)


class ZelfevaluatiesView(ZelfevaluatieMixin, TemplateView):
    """The Huis's self-assessments, newest first."""

    template_name = "levensdomeinen/zelfevaluaties.html"

    def get_context_data(self, **kwargs):
        evaluaties = list(
            self.zelfevaluaties()
            .select_related("opgesteld_door")
            .annotate(
                gem_domeinen=Avg("scores__score", filter=Q(scores__levensdomein__isnull=False)),
                gem_principes=Avg("scores__score", filter=Q(scores__werkingsprincipe__isnull=False)),
            )
            .order_by("-datum", "-pk")
        )
        for evaluatie in evaluaties:
            evaluatie.gem_domeinen_tekst = _getal(evaluatie.gem_domeinen)
            evaluatie.gem_principes_tekst = _getal(evaluatie.gem_principes)
        return super().get_context_data(zelfevaluaties=evaluaties, **kwargs)


class ZelfevaluatieNieuwView(CoordinatorMixin, ZelfevaluatieMixin, TemplateView):
    template_name = "levensdomeinen/zelfevaluatie_formulier.html"

    def maak_form(self, data=None) -> ZelfevaluatieForm:
        domeinen, principes = _referenties()
        return ZelfevaluatieForm(data, levensdomeinen=domeinen, werkingsprincipes=principes)

    def get(self, request, *args, **kwargs):
        return self.toon(self.maak_form())

    def post(self, request, *args, **kwargs):
        form = self.maak_form(request.POST)
        if form.is_valid():
            domeinscores, principescores = form.scores()
            try:
                evaluatie = bewaar_zelfevaluatie(
                    gebruiker=request.user,
                    huis=self.huis,
                    datum=form.cleaned_data["datum"],
                    domeinscores=domeinscores,
                    principescores=principescores,
                    blinde_vlekken=form.cleaned_data["blinde_vlekken"].strip(),
                    prioriteiten=form.cleaned_data["prioriteiten"].strip(),
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                datum = f"{evaluatie.datum:%d-%m-%Y}"
                messages.success(request, _("Zelfevaluatie van %(datum)s bewaard.") % {"datum": datum})
                return HttpResponseRedirect(_url("zelfevaluatie", self.huis, pk=evaluatie.pk))
        return self.toon(form)

    def toon(self, form):
        groepen = [{"titel": titel, "velden": velden} for titel, velden in form.groepen]
        return self.render_to_response(
            self.get_context_data(
                form=form, groepen=groepen, foutoverzicht=foutoverzicht(form) if form.is_bound else []
            )
        )


def _met_scoreschaal(grafiek: Staafdiagram) -> Staafdiagram:
    """The scale at the whole scores 0 to 5 (the chart's default puts it at quarters of 5)."""
    return replace(
        grafiek,
        schaal=[(grafiek.labelbreedte + round(STAAFBREEDTE * score / 5), str(score)) for score in range(6)],
    )


@dataclass
class Scorerij:
    label: str
    waarden: list[str]
    verschil: str = ""


def _scores_per_ref(evaluatie: Zelfevaluatie) -> tuple[dict[int, int], dict[int, int]]:
    """The (prefetched) scores of an assessment by life domain id and by working principle id."""
    domeinen, principes = {}, {}
    for score in evaluatie.scores.all():
        if score.levensdomein_id:
            domeinen[score.levensdomein_id] = score.score
        else:
            principes[score.werkingsprincipe_id] = score.score
    return domeinen, principes


class ZelfevaluatieView(ZelfevaluatieMixin, TemplateView):
    """One self-assessment with its sixteen scores."""

    template_name = "levensdomeinen/zelfevaluatie.html"

    def get_context_data(self, **kwargs):
        evaluatie = (
            self.zelfevaluaties()
            .select_related("opgesteld_door")
            .prefetch_related(Prefetch("scores", queryset=Score.objects.all()))
            .filter(pk=self.kwargs["pk"])
            .first()
        )
        if evaluatie is None:
            raise Http404
        domeinen, principes = _referenties()
        per_domein, per_principe = _scores_per_ref(evaluatie)
        return super().get_context_data(
            evaluatie=evaluatie,
            domeinrijen=[(d.naam, per_domein.get(d.pk)) for d in domeinen],
            principerijen=[(p.naam, per_principe.get(p.pk)) for p in principes],
            **kwargs,
        )


class VergelijkingView(ZelfevaluatieMixin, TemplateView):
    """The latest self-assessment next to the Flemish and the cluster average, and the Huis's
    progress over its assessments."""

    template_name = "levensdomeinen/vergelijking.html"

    def get_context_data(self, **kwargs):
        evaluaties = list(
            self.zelfevaluaties()
            .prefetch_related(Prefetch("scores", queryset=Score.objects.all()))
            .order_by("datum", "pk")
        )
        context = super().get_context_data(zelfevaluaties=evaluaties, **kwargs)
        if not evaluaties:
            return context
        domeinen, principes = _referenties()
        laatste = evaluaties[-1]
        eigen_domeinen, eigen_principes = _scores_per_ref(laatste)

        cluster = cluster_van(self.huis)
        reeksen = [str(_("Dit Huis")), str(_("Vlaanderen"))]
        gemiddelden = [zelfevaluatie_gemiddelden()]
        if cluster is not None:
            reeksen.append(_("Cluster %(naam)s") % {"naam": cluster.naam})
            gemiddelden.append(zelfevaluatie_gemiddelden(filter=Filter(cluster=cluster.nummer)))

        def vergelijk(refs, eigen, soort):
            """(name, [this Huis, Flanders, cluster]) per reference, rounded as shown."""
            rijen = []
            for ref in refs:
                waarden = [eigen.get(ref.pk), *(getattr(g, soort).get(ref.code) for g in gemiddelden)]
                rijen.append((ref.naam, [_afgerond(w) for w in waarden]))
            return rijen

        domeinrijen = vergelijk(domeinen, eigen_domeinen, "domeinen")
        principerijen = vergelijk(principes, eigen_principes, "principes")
        grafieken = [
            _met_scoreschaal(
                staafdiagram(titel=titel, reeksen=reeksen, rijen=rijen, maximum=5, eenheid="", decimalen=1)
            )
            for titel, rijen in (
                (_("Score per levensdomein (1 tot 5)"), domeinrijen),
                (_("Score per werkingsprincipe (1 tot 5)"), principerijen),
            )
        ]
        per_evaluatie = [_scores_per_ref(e) for e in evaluaties]

        def verloop(refs, index):
            rijen = []
            for ref in refs:
                scores = [scores[index].get(ref.pk) for scores in per_evaluatie]
                rij = Scorerij(ref.naam, [str(s) if s is not None else "–" for s in scores])
                if len(scores) > 1 and scores[0] is not None and scores[-1] is not None:
                    rij.verschil = f"{scores[-1] - scores[0]:+d}" if scores[-1] != scores[0] else "0"
                rijen.append(rij)
            return rijen

        context.update(
            laatste=laatste,
            cluster=cluster,
            reeksen=reeksen,
            aantal_huizen=[g.aantal_huizen for g in gemiddelden],
            vergelijkingen=[
                {
                    "id": id_,
                    "titel": titel,
                    "kop": kop,
                    "grafiek": grafiek,
                    "rijen": [Scorerij(label, [_getal(w) for w in waarden]) for label, waarden in rijen],
                }
                for (id_, titel, kop, rijen), grafiek in zip(
                    [
                        ("domeinen", _("Levensdomeinen"), _("Levensdomein"), domeinrijen),
                        ("principes", _("Werkingsprincipes"), _("Werkingsprincipe"), principerijen),
                    ],
                    grafieken,
                    strict=True,
                )
            ],
            verloop=[
                (_("Scores per levensdomein door de tijd"), _("Levensdomein"), verloop(domeinen, 0)),
                (_("Scores per werkingsprincipe door de tijd"), _("Werkingsprincipe"), verloop(principes, 1)),
            ],
        )
        return context
