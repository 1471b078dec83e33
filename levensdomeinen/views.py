"""A Huis's life domains, offer and Roadmap self-assessments: overviews for its members and
Opgroeien staff, edit pages for its coordinators.

The pages share the access rules and the edit and delete pages of the profile (kern.bewerken).
Every write goes through a service: levensdomeinen.services.bewaar_engagementen, bewaar_aanbod and
verwijder_aanbod (which save through huizen.services and refuse a stale version), and
bewaar_zelfevaluatie. Invalid input, a conflict or a broken rule re-renders what the user typed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from django.contrib import messages
from django.db.models import Avg, Prefetch, Q
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from huizen.models import Huis, Partner
from kern.bewerken import CoordinatorMixin, ProfielFormView, ProfielMixin, VerwijderView
from kern.cijfers import afronden
from kern.grafieken import STAAFBREEDTE, Staafdiagram, staafdiagram
from kern.tabellen import datumtekst, getal
from kern.views import FormServiceView
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
from levensdomeinen.selectors import scores_per_referentie, zelfevaluatievergelijking
from levensdomeinen.services import (
    EngagementConflict,
    bewaar_aanbod,
    bewaar_engagementen,
    bewaar_zelfevaluatie,
    verwijder_aanbod,
)

#: The sections of a Huis's life-domain pages: (name, URL name of their first page).
LEVENSDOMEINEN = (_("Levensdomeinen"), "domeinen")
AANBOD = (_("Aanbod"), "aanbod")
ZELFEVALUATIE = (_("Zelfevaluatie"), "zelfevaluaties")


def _url(naam: str, huis, **kwargs) -> str:
    return reverse(f"levensdomeinen:{naam}", kwargs={"huis_slug": huis.slug, **kwargs})


def kruimelpad(huis: Huis, sectie: tuple[str, str], pagina: str = "") -> list[tuple[str, str]]:
    """The Huis's workspace, the section, and the page of the section (if not its first)."""
    werkruimte = (huis.naam, reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug}))
    naam, url_naam = sectie
    if not pagina:
        return [werkruimte, (naam, "")]
    return [werkruimte, (naam, _url(url_naam, huis)), (pagina, "")]


def _levensdomeinen() -> list[Levensdomein]:
    return list(
        Levensdomein.objects.order_by("volgorde", "naam").prefetch_related(
            Prefetch("subthemas", queryset=Subthema.objects.order_by("volgorde", "naam"))
        )
    )


def _afgerond(waarde):
    """Rounded to one decimal, half up, so the chart and the table show the same figure."""
    return None if waarde is None else afronden(waarde, 1)


def _getal(waarde) -> str:
    return "–" if waarde is None else getal(waarde, 1)


# --- Life domains -----------------------------------------------------------------------------


class DomeinenMixin(ProfielMixin):
    pagina = ""

    def kruimelpad(self):
        return kruimelpad(self.huis, LEVENSDOMEINEN, self.pagina)

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


class DomeinenWijzigenView(CoordinatorMixin, DomeinenMixin, FormServiceView):
    """All ten life domains on one page; each changed domain is saved (and recorded) apart, all
    in one go."""

    template_name = "levensdomeinen/domeinen_formulier.html"
    pagina = _("Wijzigen")

    def maak_form(self, data=None) -> LevensdomeinenForm:
        partners = list(Partner.objects.voor_huis(self.huis).order_by("naam"))
        return LevensdomeinenForm(
            data, levensdomeinen=_levensdomeinen(), engagementen=self.engagementen(), partners=partners
        )

    def get_form(self, form_class=None) -> LevensdomeinenForm:
        return self.maak_form(self.request.POST if self.request.method == "POST" else None)

    def get(self, request, *args, **kwargs):
        return self.toon(self.get_form())

    def voer_uit(self, form):
        return bewaar_engagementen(gebruiker=self.request.user, huis=self.huis, invoer=form.invoer())

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except EngagementConflict as conflict:
            return self.conflict(self.request.POST, conflict)

    def form_invalid(self, form):
        return self.toon(form)

    def melding(self, bewaard) -> str:
        if not bewaard:
            return _("Er was niets gewijzigd.")
        return _("Levensdomeinen bewaard: %(lijst)s.") % {
            "lijst": ", ".join(e.levensdomein.naam for e in bewaard)
        }

    def niveau(self, bewaard) -> int:
        return messages.SUCCESS if bewaard else messages.INFO

    def get_success_url(self) -> str:
        return _url("domeinen", self.huis)

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
                form=formulier,
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

    def kruimelpad(self):
        return kruimelpad(self.huis, AANBOD)

    def get_context_data(self, **kwargs):
        return super().get_context_data(aanbod=aanbod_van(self.request.user, self.huis), **kwargs)


class AanbodView(ProfielFormView):
    """Add (no pk) or change one offer item."""

    template_name = "levensdomeinen/aanbod_formulier.html"
    form_class = AanbodForm
    model = Aanbod
    titels = (_("Aanbod toevoegen"), _("Aanbod wijzigen"))
    meldingen = (_("Aanbod ‘%(naam)s’ toegevoegd."), _("Aanbod ‘%(naam)s’ bewaard."))
    nieuw_url_naam = "levensdomeinen:aanbod_nieuw"
    verdwenen_melding = _(
        "Iemand anders heeft dit aanbod intussen verwijderd. Uw invoer staat hieronder nog; "
        "bewaar om het opnieuw toe te voegen."
    )

    def bewaar(self, form, extra):
        return bewaar_aanbod(
            gebruiker=self.request.user,
            huis=self.huis,
            aanbod=form.instance,
            gegevens=form.gegevens(),
            **form.m2m(),
            verwachte_versie=form.cleaned_data.get("versie"),
        )

    def terug_url(self) -> str:
        return _url("aanbod", self.huis)

    def kruimelpad(self):
        return kruimelpad(self.huis, AANBOD, self.titel)


class AanbodVerwijderView(VerwijderView):
    """Confirm (GET) and delete (POST) one offer item; an item already gone is no error."""

    template_name = "levensdomeinen/aanbod_verwijderen.html"
    model, soort = Aanbod, _("aanbod")
    al_weg_melding = _("Dit aanbod was al verwijderd.")

    def verwijder(self, obj, versie: int) -> None:
        verwijder_aanbod(gebruiker=self.request.user, huis=self.huis, aanbod=obj, verwachte_versie=versie)

    def terug_url(self) -> str:
        return _url("aanbod", self.huis)

    def kruimelpad(self):
        return kruimelpad(self.huis, AANBOD, _("Verwijderen"))


# --- Self-assessment --------------------------------------------------------------------------


def _referenties() -> tuple[list[Levensdomein], list[Werkingsprincipe]]:
    return _levensdomeinen(), list(Werkingsprincipe.objects.order_by("volgorde", "naam"))


class ZelfevaluatieMixin(ProfielMixin):
    pagina = ""

    def kruimelpad(self):
        return kruimelpad(self.huis, ZELFEVALUATIE, self.pagina)

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


class ZelfevaluatieNieuwView(CoordinatorMixin, ZelfevaluatieMixin, FormServiceView):
    template_name = "levensdomeinen/zelfevaluatie_formulier.html"
    form_class = ZelfevaluatieForm
    pagina = _("Nieuwe zelfevaluatie")

    def get_form_kwargs(self):
        domeinen, principes = _referenties()
        return {**super().get_form_kwargs(), "levensdomeinen": domeinen, "werkingsprincipes": principes}

    def voer_uit(self, form) -> Zelfevaluatie:
        domeinscores, principescores = form.scores()
        return bewaar_zelfevaluatie(
            gebruiker=self.request.user,
            huis=self.huis,
            datum=form.cleaned_data["datum"],
            domeinscores=domeinscores,
            principescores=principescores,
            blinde_vlekken=form.cleaned_data["blinde_vlekken"].strip(),
            prioriteiten=form.cleaned_data["prioriteiten"].strip(),
        )

    def melding(self, evaluatie: Zelfevaluatie) -> str:
        return _("Zelfevaluatie van %(datum)s bewaard.") % {"datum": f"{datumtekst(evaluatie.datum)}"}

    def get_success_url(self) -> str:
        return _url("zelfevaluatie", self.huis, pk=self.resultaat.pk)

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self.get_form()
        kwargs.setdefault("foutoverzicht", [])
        groepen = [{"titel": titel, "velden": velden} for titel, velden in form.groepen]
        return super().get_context_data(form=form, groepen=groepen, **kwargs)


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
        self.pagina = str(evaluatie)
        domeinen, principes = _referenties()
        per_domein, per_principe = scores_per_referentie(evaluatie)
        return super().get_context_data(
            evaluatie=evaluatie,
            domeinrijen=[(d.naam, per_domein.get(d.pk)) for d in domeinen],
            principerijen=[(p.naam, per_principe.get(p.pk)) for p in principes],
            **kwargs,
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


def _verloop(refs, per_evaluatie: list[dict[int, int]]) -> list[Scorerij]:
    """A row per reference with its score in each assessment (oldest first) and the difference
    between the first and the last."""
    rijen = []
    for ref in refs:
        scores = [scores.get(ref.pk) for scores in per_evaluatie]
        rij = Scorerij(ref.naam, [str(s) if s is not None else "–" for s in scores])
        if len(scores) > 1 and scores[0] is not None and scores[-1] is not None:
            rij.verschil = f"{scores[-1] - scores[0]:+d}" if scores[-1] != scores[0] else "0"
        rijen.append(rij)
    return rijen


def _vergelijking(id_: str, titel: str, kop: str, grafiektitel: str, reeksen: list[str], rijen) -> dict:
    """A chart and a table of (name, [this Huis, Flanders, cluster]) rows, rounded as shown."""
    afgerond = [(label, [_afgerond(w) for w in waarden]) for label, waarden in rijen]
    grafiek = staafdiagram(
        titel=grafiektitel, reeksen=reeksen, rijen=afgerond, maximum=5, eenheid="", decimalen=1
    )
    return {
        "id": id_,
        "titel": titel,
        "kop": kop,
        "grafiek": _met_scoreschaal(grafiek),
        "rijen": [Scorerij(label, [_getal(w) for w in waarden]) for label, waarden in afgerond],
    }


class VergelijkingView(ZelfevaluatieMixin, TemplateView):
    """The latest self-assessment next to the Flemish and the cluster average, and the Huis's
    progress over its assessments."""

    template_name = "levensdomeinen/vergelijking.html"
    pagina = _("Vergelijking en verloop")

    def get_context_data(self, **kwargs):
        evaluaties = list(
            self.zelfevaluaties()
            .prefetch_related(Prefetch("scores", queryset=Score.objects.all()))
            .order_by("datum", "pk")
        )
        context = super().get_context_data(zelfevaluaties=evaluaties, **kwargs)
        if not evaluaties:
            return context
        vergelijking = zelfevaluatievergelijking(self.huis)
        domeinen, principes = _referenties()
        per_evaluatie = [scores_per_referentie(e) for e in evaluaties]
        context.update(
            laatste=vergelijking.laatste,
            cluster=vergelijking.cluster,
            reeksen=vergelijking.reeksen,
            aantal_huizen=vergelijking.aantal_huizen,
            vergelijkingen=[
                _vergelijking(
                    "domeinen",
                    _("Levensdomeinen"),
                    _("Levensdomein"),
                    _("Score per levensdomein (1 tot 5)"),
                    vergelijking.reeksen,
                    vergelijking.domeinen,
                ),
                _vergelijking(
                    "principes",
                    _("Werkingsprincipes"),
                    _("Werkingsprincipe"),
                    _("Score per werkingsprincipe (1 tot 5)"),
                    vergelijking.reeksen,
                    vergelijking.principes,
                ),
            ],
            verloop=[
                (
                    _("Scores per levensdomein door de tijd"),
                    _("Levensdomein"),
                    _verloop(domeinen, [d for d, _p in per_evaluatie]),
                ),
                (
                    _("Scores per werkingsprincipe door de tijd"),
                    _("Werkingsprincipe"),
                    _verloop(principes, [p for _d, p in per_evaluatie]),
                ),
            ],
        )
        return context
