"""Pages of the survey's interview workflow.

- Opgroeien staff follow the waves, open and close one, and assign Huizen to interviewers.
- The interviewer (the Opgroeien staff member assigned to a Huis in a wave) fills in the
  questionnaire theme by theme: every change is saved in the background (htmx posts the theme to
  `bevraging:bewaren`, which answers with a small status and the parts of the page that change);
  without JavaScript the "Bewaren" button posts the whole theme. Answers are saved on the version
  the page was loaded with, so a save never overwrites someone else's newer input. Then they
  submit it once it is complete. Other Opgroeien staff see the answers read-only; any Opgroeien
  staff member validates a submitted response or reopens it with a reason.
- The coordinator of the Huis reads the submitted answers, comments per theme and prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from bevraging import kruimelpaden, selectors, services
from bevraging.forms_interview import (
    CommentaarForm,
    GolfFilterForm,
    HeropenForm,
    IndienenForm,
    ThemaForm,
    ToewijzenForm,
    dom_id,
)
from bevraging.models import Golfstatus, Respons, Responsstatus, Thema, Toewijzing
from bevraging.selectors.profiel import voorstellen_uit_profiel
from kern.forms import foutoverzicht, voeg_fouten_toe
from kern.tabellen import Cel, Tabel, download
from kern.tenancy import HuisMixin, OpgroeienRequiredMixin, Rol, is_lid, is_opgroeien
from kern.views import FormServiceView

HUIZEN_PER_PAGINA = 50
STATUSLABELS = dict(Responsstatus.choices)


def _querystring(querydict, *weg: str) -> str:
    kopie = querydict.copy()
    for naam in weg:
        kopie.pop(naam, None)
    return kopie.urlencode()


def _tijd(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


def _statuslabel(status: str | None) -> str:
    return str(STATUSLABELS.get(status or Responsstatus.NIET_GESTART))


def provincies(huis) -> list[str]:
    """The provincies of the Huis's gemeenten today (from `huizen_van_golf`)."""
    return sorted({str(w.gemeente.get_provincie_display()) for w in huis.werkingsgebied_vandaag})


def clusters(huis) -> list[str]:
    """The VRIND clusters of the Huis's gemeenten today (from `huizen_van_golf`)."""
    return sorted({w.gemeente.cluster.naam for w in huis.werkingsgebied_vandaag if w.gemeente.cluster})


@dataclass
class Blok:
    """One question, or consecutive questions of the same `groep` shown as one grid."""

    groep: str = ""
    groep_tekst: str = ""
    items: list = field(default_factory=list)


def blokken(items, vraag_van=lambda item: item.vraag) -> list[Blok]:
    resultaat: list[Blok] = []
    for item in items:
        vraag = vraag_van(item)
        if vraag.groep and resultaat and resultaat[-1].groep == vraag.groep:
            resultaat[-1].items.append(item)
        else:
            resultaat.append(Blok(vraag.groep, vraag.groep_tekst, [item]))
    return resultaat


# --- Opgroeien: the waves -----------------------------------------------------------------------


class GolvenView(OpgroeienRequiredMixin, TemplateView):
    """The waves with their status and how far the responses are."""

    template_name = "bevraging/interview/golven.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        golven = list(selectors.golven())
        tellingen = selectors.golftellingen([g.pk for g in golven])
        return super().get_context_data(
            rijen=[(golf, tellingen[golf.pk]) for golf in golven],
            huidige=next((g for g in golven if g.status == Golfstatus.OPEN), None),
            **kwargs,
        )


class GolfMixin(OpgroeienRequiredMixin):
    @cached_property
    def golf(self):
        return get_object_or_404(selectors.golven(), pk=self.kwargs["golf_pk"])

    def heeft_vragenlijst(self) -> bool:
        return hasattr(self.golf, "vragenlijst")


class GolfView(GolfMixin, TemplateView):
    """One wave: per Huis its region, interviewer, response status and completion, filterable;
    `?formaat=csv|xlsx` downloads the whole (filtered) list."""

    template_name = "bevraging/interview/golf.html"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        form = GolfFilterForm(request.GET or None)
        formaat = request.GET.get("formaat")
        if form.is_bound and not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        huizen = selectors.huizen_van_golf(self.golf, **form.filters())
        if formaat in ("csv", "xlsx"):
            return download(self.tabel(list(huizen)), formaat)
        pagina = Paginator(huizen, HUIZEN_PER_PAGINA).get_page(request.GET.get("pagina"))
        rijen = list(pagina.object_list)
        for huis in rijen:
            huis.provincies, huis.clusters = provincies(huis), clusters(huis)
        standen = selectors.stand_van_responsen(self.golf, [h.respons_pk for h in rijen if h.respons_pk])
        context = self.get_context_data(
            form=form,
            pagina=pagina,
            rijen=[(huis, standen.get(huis.respons_pk), _statuslabel(huis.respons_status)) for huis in rijen],
            gekozen=form.beschrijving(),
            querystring=_querystring(request.GET, "pagina", "formaat"),
            exportquery=_querystring(request.GET, "pagina", "formaat"),
        )
        return self.render_to_response(context)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            golf=self.golf,
            kruimelpad=kruimelpaden.opgroeien(self.golf.naam),
            telling=selectors.golftellingen([self.golf.pk])[self.golf.pk],
            themas=selectors.themas_van(self.golf),
            **kwargs,
        )

    def tabel(self, huizen) -> Tabel:
        standen = selectors.stand_van_responsen(self.golf, [h.respons_pk for h in huizen if h.respons_pk])
        rijen = []
        for huis in huizen:
            stand = standen.get(huis.respons_pk)
            rijen.append(
                [
                    Cel(huis.naam),
                    Cel(", ".join(provincies(huis))),
                    Cel(", ".join(clusters(huis))),
                    Cel(huis.interviewer_naam or huis.interviewer_email or ""),
                    Cel(_statuslabel(huis.respons_status)),
                    Cel(stand.beantwoord if stand else 0, "aantal"),
                    Cel(stand.te_beantwoorden if stand else None, "aantal"),
                    Cel(stand.percentage if stand else 0, "procent"),
                ]
            )
        return Tabel(
            naam=f"bevraging-{self.golf.jaar}-voortgang",
            titel=f"Voortgang van {self.golf.naam} per Huis",
            kolommen=[
                "Huis",
                "Provincie",
                "VRIND-cluster",
                "Interviewer",
                "Status",
                "Verplichte vragen beantwoord",
                "Verplichte vragen",
                "% beantwoord",
            ],
            rijen=rijen,
        )


class GolfStatusView(GolfMixin, TemplateView):
    """Confirm, then open a wave in preparation (its questionnaire freezes) or close an open one."""

    template_name = "bevraging/interview/golf_status.html"
    http_method_names = ["get", "head", "post"]
    actie = "openen"

    def kan(self) -> bool:
        nodig = Golfstatus.IN_VOORBEREIDING if self.actie == "openen" else Golfstatus.OPEN
        return self.golf.status == nodig

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            golf=self.golf,
            actie=self.actie,
            kruimelpad=kruimelpaden.opgroeien(
                "Golf openen" if self.actie == "openen" else "Golf afsluiten", golf=self.golf
            ),
            kan=self.kan(),
            open_golf=selectors.huidige_golf() if self.actie == "openen" else None,
            telling=selectors.golftellingen([self.golf.pk])[self.golf.pk],
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        try:
            if self.actie == "openen":
                services.open_golf(golf=self.golf, door=request.user)
                messages.success(
                    request,
                    f"{self.golf.naam} is open. De vragenlijst is bevroren; de interviewers kunnen beginnen.",
                )
            else:
                services.sluit_golf(golf=self.golf, door=request.user)
                messages.success(request, f"{self.golf.naam} is afgesloten. Er wordt niets meer bewaard.")
        except ValidationError as fout:
            return self.render_to_response(self.get_context_data(fout=" ".join(fout.messages)), status=409)
        return redirect("bevraging:golf", golf_pk=self.golf.pk)


class ToewijzenView(GolfMixin, FormServiceView):
    """Assign an interviewer to many Huizen at once: the ticked ones, a provincie or a cluster."""

    template_name = "bevraging/interview/toewijzen.html"
    form_class = ToewijzenForm
    http_method_names = ["get", "head", "post"]

    def alle_huizen(self):
        from huizen.models import Huis

        return Huis.objects.zichtbaar_voor(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "huizen": self.alle_huizen()}

    def get_context_data(self, **kwargs):
        filterform = GolfFilterForm(self.request.GET or None, met_status=False, auto_id="filter_%s")
        filters = filterform.filters() if filterform.is_bound and filterform.is_valid() else {}
        huizen = list(selectors.huizen_van_golf(self.golf, **filters)) if not filterform.errors else []
        for huis in huizen:
            huis.provincies, huis.clusters = provincies(huis), clusters(huis)
        form = kwargs.pop("form", None) or self.get_form()
        kwargs.setdefault("foutoverzicht", self.foutoverzicht(form))
        return super().get_context_data(
            golf=self.golf,
            kruimelpad=kruimelpaden.opgroeien("Huizen toewijzen", golf=self.golf),
            filterform=filterform,
            gekozen=filterform.beschrijving(),
            huizen=huizen,
            aangevinkt={str(v) for v in form["huizen"].value() or []},
            form=form,
            afgesloten=self.golf.status == Golfstatus.AFGESLOTEN,
            **kwargs,
        )

    def foutoverzicht(self, form) -> list[dict]:
        return foutoverzicht(form, ankers={"huizen": "#huizenlijst"})  # the table of Huizen to tick

    def post(self, request, *args, **kwargs):
        if self.golf.status != Golfstatus.AFGESLOTEN:
            return super().post(request, *args, **kwargs)
        form = self.get_form()
        form.is_valid()
        form.add_error(None, "In een afgesloten golf wijst u niemand meer toe.")
        return self.render_to_response(self.get_context_data(form=form), status=409)

    def voer_uit(self, form):
        self.interviewer = form.cleaned_data["interviewer"]
        return services.wijs_toe_aan_huizen(
            golf=self.golf,
            huizen=form.gekozen_huizen,
            interviewer=self.interviewer,
            door=self.request.user,
            vervang_bestaande=form.cleaned_data["vervang_bestaande"],
        )

    def melding(self, resultaat) -> str:
        aantal = len(resultaat)
        naam = self.interviewer.naam or self.interviewer.email
        return f"{aantal} {'Huis' if aantal == 1 else 'Huizen'} toegewezen aan {naam}."

    def get_success_url(self) -> str:
        return reverse("bevraging:golf", kwargs={"golf_pk": self.golf.pk})


# --- The interviewer ----------------------------------------------------------------------------


class MijnInterviewsView(OpgroeienRequiredMixin, TemplateView):
    """The interviewer's Huizen in the open wave, with status and completion."""

    template_name = "bevraging/interview/mijn_interviews.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        golf = selectors.huidige_golf()
        rijen = []
        if golf is not None:
            toewijzingen = list(selectors.toewijzingen_van(self.request.user, golf).order_by("huis__naam"))
            responsen = {
                r.huis_id: r
                for r in selectors.responsen_zichtbaar_voor(self.request.user, golf).filter(
                    huis__in=[t.huis_id for t in toewijzingen]
                )
            }
            standen = selectors.stand_van_responsen(golf, [r.pk for r in responsen.values()])
            themas = selectors.themas_van(golf)
            for toewijzing in toewijzingen:
                respons = responsen.get(toewijzing.huis_id)
                stand = standen.get(respons.pk) if respons else None
                volgende = (stand.eerste_onvolledige if stand else None) or (themas[0] if themas else None)
                rijen.append((toewijzing, respons, stand, volgende))
        return super().get_context_data(
            golf=golf, rijen=rijen, kruimelpad=kruimelpaden.opgroeien("Mijn interviews"), **kwargs
        )


class ResponsMixin(GolfMixin):
    """A page about one Huis's response in a wave (`golf_pk`, `huis_slug`), for Opgroeien staff.

    Only the interviewer assigned to the Huis in the wave changes answers and submits; other
    Opgroeien staff read along (and may validate or reopen a submitted response).
    """

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_opgroeien(request.user) and not self.heeft_vragenlijst():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def huis(self):
        from huizen.models import Huis

        return get_object_or_404(
            Huis.objects.zichtbaar_voor(self.request.user), slug=self.kwargs["huis_slug"]
        )

    @cached_property
    def respons(self) -> Respons | None:
        return selectors.respons_van(self.request.user, self.golf, self.huis)

    @cached_property
    def toewijzing(self) -> Toewijzing | None:
        return selectors.toewijzing_van(self.golf, self.huis)

    @property
    def is_interviewer(self) -> bool:
        return self.toewijzing is not None and self.toewijzing.interviewer_id == self.request.user.pk

    def reden_alleen_lezen(self) -> str:
        """Why the answers cannot be changed here (empty: they can)."""
        if self.golf.status == Golfstatus.IN_VOORBEREIDING:
            return "Deze bevraging is nog in voorbereiding: er kan nog niets ingevuld worden."
        if self.golf.status == Golfstatus.AFGESLOTEN:
            return "Deze bevraging is afgesloten: de antwoorden kunnen niet meer wijzigen."
        if self.toewijzing is None:
            return "Er is nog geen interviewer aan dit Huis toegewezen; wijs eerst een interviewer toe."
        if not self.is_interviewer:
            naam = self.toewijzing.interviewer.naam or self.toewijzing.interviewer.email
            return (
                f"Alleen de toegewezen interviewer ({naam}) vult deze bevraging in. U bekijkt de antwoorden."
            )
        if self.respons is not None and not self.respons.is_bewerkbaar:
            return (
                f"Deze bevraging is {self.respons.get_status_display()}. "
                "Ze moet eerst heropend worden voor u antwoorden kunt wijzigen."
            )
        return ""

    def urls(self) -> dict:
        sleutels = {"golf_pk": self.golf.pk, "huis_slug": self.huis.slug}
        return {
            "indienen_url": reverse("bevraging:indienen", kwargs=sleutels),
            "valideren_url": reverse("bevraging:valideren", kwargs=sleutels),
            "heropenen_url": reverse("bevraging:heropenen", kwargs=sleutels),
        }

    def thema_url(self, thema: Thema, naam: str = "bevraging:invullen") -> str:
        return reverse(
            naam, kwargs={"golf_pk": self.golf.pk, "huis_slug": self.huis.slug, "thema": thema.sleutel}
        )


@dataclass
class Uitkomst:
    """The result of saving a theme: bewaard, fouten, conflict or alleen_lezen."""

    soort: str
    form: ThemaForm | None = None
    respons: Respons | None = None
    melding: str = ""
    huidige_versie: int | None = None


class InvullenView(ResponsMixin, TemplateView):
    """One theme of the questionnaire of one Huis: filled in by its interviewer, read by others."""

    template_name = "bevraging/interview/invullen.html"
    http_method_names = ["get", "head", "post"]

    @cached_property
    def themas(self) -> list[Thema]:
        return selectors.themas_van(self.golf)

    @cached_property
    def thema(self) -> Thema:
        thema = next((t for t in self.themas if t.sleutel == self.kwargs["thema"]), None)
        if thema is None:
            raise Http404
        return thema

    @cached_property
    def vragen(self):
        return list(selectors.vragen_van(self.golf.vragenlijst))

    @cached_property
    def thema_vragen(self):
        return [v for v in self.vragen if v.thema_id == self.thema.pk]

    def antwoorden(self) -> dict:
        if self.respons is None:
            return {}
        return {a.vraag_id: a for a in selectors.antwoorden_per_sleutel(self.respons).values()}

    def voorstellen(self, antwoorden: dict) -> dict:
        """The profile's answers to this theme's unanswered questions (only while editable)."""
        open_vragen = [v for v in self.thema_vragen if v.pk not in antwoorden]
        return voorstellen_uit_profiel(self.huis, open_vragen) if open_vragen else {}

    def zichtbare_ids(self, waarden: dict) -> set[int]:
        return {v.pk for v in selectors.zichtbaar_volgens(self.vragen, waarden)}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and is_opgroeien(request.user) and self.heeft_vragenlijst():
            self.thema  # noqa: B018  (404 for an unknown theme before anything else)
        return super().dispatch(request, *args, **kwargs)

    # --- what the page shows

    def context(self, *, form: ThemaForm | None = None, antwoorden=None, uitkomst: Uitkomst | None = None):
        antwoorden = self.antwoorden() if antwoorden is None else antwoorden
        opgeslagen = {k: a.waarde for k, a in antwoorden.items()}
        reden = self.reden_alleen_lezen()
        index = self.themas.index(self.thema)
        context = {
            "golf": self.golf,
            "huis": self.huis,
            "respons": self.respons,
            "toewijzing": self.toewijzing,
            "thema": self.thema,
            "kruimelpad": kruimelpaden.opgroeien(self.thema.titel, golf=self.golf, huis=self.huis),
            "themanavigatie": self.navigatie(opgeslagen),
            "vorige": self.themas[index - 1] if index > 0 else None,
            "volgende": self.themas[index + 1] if index + 1 < len(self.themas) else None,
            "reden_alleen_lezen": reden,
            "bewerkbaar": not reden,
            "uitkomst": uitkomst,
            **self.urls(),
        }
        if reden:
            zichtbaar = self.zichtbare_ids(opgeslagen)
            context["leesblokken"] = blokken(
                [selectors.leesbaar(v, antwoorden.get(v.pk)) for v in self.thema_vragen if v.pk in zichtbaar]
            )
            return context
        if form is not None:
            zichtbaar = self.zichtbare_ids({**opgeslagen, **form.ingevoerde_waarden()})
        else:
            voorstellen = self.voorstellen(antwoorden)
            zichtbaar = self.zichtbare_ids({**{k: v.waarde for k, v in voorstellen.items()}, **opgeslagen})
            form = ThemaForm(
                vragen=[v for v in self.thema_vragen if v.pk in zichtbaar],
                antwoorden=antwoorden,
                voorstellen=voorstellen,
                initial={"versie": self.respons.versie if self.respons else 0},
            )
        getoond = {v.pk for v in form.vragen}
        velden = [
            form.vraagveld(v, zichtbaar=v.pk in zichtbaar or v.pk in getoond) for v in self.thema_vragen
        ]
        context.update(
            form=form,
            blokken=blokken(velden),
            getoond=",".join(v.vraag.sleutel for v in velden if v.zichtbaar),
            foutoverzicht=self.foutoverzicht(form, velden),
            bewaren_url=self.thema_url(self.thema, "bevraging:bewaren"),
        )
        return context

    def navigatie(self, waarden: dict):
        return list(
            zip(self.themas, selectors.voortgang_volgens(self.themas, self.vragen, waarden), strict=True)
        )

    def foutoverzicht(self, form: ThemaForm, velden) -> list[dict]:
        if not form.is_bound or not form.errors:
            return []
        fouten = [{"tekst": str(f), "href": ""} for f in form.non_field_errors()]
        for veld in velden:
            for fout in veld.fouten:
                label = veld.vraag.item or veld.vraag.tekst
                fouten.append({"tekst": f"{label} – {fout}", "href": f"#{veld.dom}"})
        return fouten

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.context())

    # --- saving

    def getoonde_vragen(self, data) -> list:
        """The questions the page showed when it was posted (named in `getoond`), else those the
        saved answers show: a question the page did not show is never cleared."""
        sleutels = [s.strip() for s in str(data.get("getoond", "")).split(",") if s.strip()]
        per_sleutel = {v.sleutel: v for v in self.thema_vragen}
        if sleutels and all(s in per_sleutel for s in sleutels):
            return [v for v in self.thema_vragen if v.sleutel in sleutels]
        zichtbaar = self.zichtbare_ids({k: a.waarde for k, a in self.antwoorden().items()})
        return [v for v in self.thema_vragen if v.pk in zichtbaar]

    def bewaar(self, request) -> Uitkomst:
        reden = self.reden_alleen_lezen()
        if reden:
            return Uitkomst("alleen_lezen", melding=reden)
        form = ThemaForm(
            request.POST, vragen=self.getoonde_vragen(request.POST), antwoorden=self.antwoorden()
        )
        if not form.is_valid():
            return Uitkomst("fouten", form=form)
        respons = self.respons
        try:
            if respons is None:
                respons = services.start_respons(golf=self.golf, huis=self.huis, door=request.user)
            versie = form.cleaned_data["overschrijven"] or form.cleaned_data["versie"]
            if versie == 0 and respons.status == Responsstatus.NIET_GESTART:
                versie = respons.versie
            respons = services.bewaar_antwoorden(
                respons=respons, invoer=form.invoer(), versie=versie, door=request.user
            )
        except services.VerouderdeRespons as fout:
            huidige = (
                Respons.objects.zichtbaar_voor(request.user)
                .filter(pk=respons.pk)
                .values_list("versie", flat=True)
            )
            return Uitkomst("conflict", form=form, melding=str(fout), huidige_versie=huidige.first())
        except ValidationError as fout:
            voeg_fouten_toe(form, fout)
            return Uitkomst("fouten", form=form)
        self.respons = respons
        return Uitkomst("bewaard", form=form, respons=respons)

    def post(self, request, *args, **kwargs):
        uitkomst = self.bewaar(request)
        if uitkomst.soort == "bewaard":
            messages.success(request, f"Bewaard om {_tijd(uitkomst.respons.gewijzigd)}.")
            return HttpResponseRedirect(self.volgende_url(request.POST.get("ga_naar", "")))
        if uitkomst.soort == "alleen_lezen":
            messages.error(request, uitkomst.melding)
            status = 403 if self.golf.status == Golfstatus.OPEN and not self.is_interviewer else 409
            return self.render_to_response(self.context(), status=status)
        status = 409 if uitkomst.soort == "conflict" else 200
        return self.render_to_response(self.context(form=uitkomst.form, uitkomst=uitkomst), status=status)

    def volgende_url(self, ga_naar: str) -> str:
        if ga_naar == "indienen":
            return self.urls()["indienen_url"]
        doel = next((t for t in self.themas if t.sleutel == ga_naar), self.thema)
        return self.thema_url(doel)


class BewarenView(InvullenView):
    """The autosave of a theme (htmx): saves like the page's "Bewaren" button and answers with the
    status ("Bewaard om 14:03", the errors, or a conflict) plus, out of band, the new version, the
    errors next to each question, the questions the skip logic now shows or hides and the theme
    menu. Fields the user may be typing in are never replaced."""

    template_name = "bevraging/interview/_bewaard.html"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        uitkomst = self.bewaar(request)
        context = {"uitkomst": uitkomst, "huis": self.huis, "golf": self.golf, "thema": self.thema}
        if uitkomst.soort in ("bewaard", "fouten"):
            form = uitkomst.form
            antwoorden = self.antwoorden()
            opgeslagen = {k: a.waarde for k, a in antwoorden.items()}
            waarden = (
                opgeslagen if uitkomst.soort == "bewaard" else {**opgeslagen, **form.ingevoerde_waarden()}
            )
            zichtbaar = self.zichtbare_ids(waarden)
            getoond = {v.pk for v in form.vragen}
            wissels = []
            weergave = ThemaForm(vragen=[], antwoorden=antwoorden, voorstellen=self.voorstellen(antwoorden))
            for vraag in self.thema_vragen:
                if (vraag.pk in zichtbaar) != (vraag.pk in getoond):
                    wissels.append(weergave.vraagveld(vraag, zichtbaar=vraag.pk in zichtbaar))
            context.update(
                foutvelden=[form.vraagveld(v) for v in form.vragen if v.pk in zichtbaar],
                wissels=wissels,
                getoond=",".join(v.sleutel for v in self.thema_vragen if v.pk in zichtbaar),
                foutoverzicht=self.foutoverzicht(form, [form.vraagveld(v) for v in form.vragen]),
                themanavigatie=self.navigatie(opgeslagen),
                versie=self.respons.versie if self.respons else 0,
                tijd=_tijd(uitkomst.respons.gewijzigd) if uitkomst.respons else "",
                **self.urls(),
            )
        antwoord = self.render_to_response(context)
        antwoord["X-Bewaard"] = "ja" if uitkomst.soort == "bewaard" else "nee"
        return antwoord


class IndienenView(ResponsMixin, TemplateView):
    """The whole response at a glance: completion per theme, what is still missing (with links to
    the questions), the history; the interviewer submits it here once it is complete, Opgroeien
    validates or reopens it."""

    template_name = "bevraging/interview/indienen.html"
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, *, heropen_form=None, indienen_fout="", problemen=None, **kwargs):
        themas = selectors.themas_van(self.golf)
        vragen = list(selectors.vragen_van(self.golf.vragenlijst))
        per_sleutel = {v.sleutel: v for v in vragen}
        antwoorden = (
            {a.vraag_id: a.waarde for a in selectors.antwoorden_per_sleutel(self.respons).values()}
            if self.respons
            else {}
        )
        voortgang = selectors.voortgang_volgens(themas, vragen, antwoorden)
        if problemen is None:
            problemen = services.controleer_volledigheid(respons=self.respons) if self.respons else {}
        per_thema: dict[int, list[dict]] = {}
        for sleutel, meldingen in problemen.items():
            vraag = per_sleutel.get(sleutel)
            if vraag is None:
                continue
            per_thema.setdefault(vraag.thema_id, []).append(
                {
                    "vraag": vraag,
                    "meldingen": meldingen,
                    "href": f"{self.thema_url(vraag.thema)}#{dom_id(vraag)}",
                }
            )
        overzicht = [
            {
                "thema": v.thema,
                "voortgang": v,
                "problemen": per_thema.get(v.thema.pk, []),
                "url": self.thema_url(v.thema),
            }
            for v in voortgang
        ]
        reden = self.reden_alleen_lezen()
        return super().get_context_data(
            golf=self.golf,
            huis=self.huis,
            respons=self.respons,
            toewijzing=self.toewijzing,
            kruimelpad=kruimelpaden.opgroeien(self.huis.naam, golf=self.golf),
            overzicht=overzicht,
            aantal_problemen=sum(len(o["problemen"]) for o in overzicht),
            volledig=self.respons is not None and not problemen,
            kan_indienen=not reden and self.respons is not None,
            reden_alleen_lezen=reden,
            indienen_fout=indienen_fout,
            kan_valideren=self.kan(Responsstatus.GEVALIDEERD),
            kan_heropenen=self.kan(Responsstatus.HEROPEND),
            heropen_form=heropen_form or HeropenForm(),
            indienen_form=IndienenForm(initial={"versie": self.respons.versie if self.respons else 1}),
            historiek=selectors.statuswijzigingen_van(self.respons) if self.respons else [],
            eerste_thema=themas[0] if themas else None,
            **self.urls(),
            **kwargs,
        )

    def kan(self, naar: str) -> bool:
        from bevraging.workflow import respons_mag

        return (
            self.respons is not None
            and self.golf.status == Golfstatus.OPEN
            and respons_mag(self.respons.status, naar)
        )

    def post(self, request, *args, **kwargs):
        reden = self.reden_alleen_lezen()
        if reden:
            return self.render_to_response(self.get_context_data(indienen_fout=reden), status=403)
        form = IndienenForm(request.POST)
        if self.respons is None or not form.is_valid():
            fout = "Er is nog niets ingevuld." if self.respons is None else " ".join(form.errors["versie"])
            return self.render_to_response(self.get_context_data(indienen_fout=fout), status=400)
        try:
            services.dien_in(respons=self.respons, door=request.user, versie=form.cleaned_data["versie"])
        except services.VerouderdeRespons:
            fout = (
                "De antwoorden zijn gewijzigd sinds u dit overzicht opende. Bekijk het overzicht hieronder "
                "opnieuw en dien dan in."
            )
            self.__dict__.pop("respons", None)
            return self.render_to_response(self.get_context_data(indienen_fout=fout), status=409)
        except services.OngeldigeOvergang as fout:
            return self.render_to_response(
                self.get_context_data(indienen_fout=" ".join(fout.messages)), status=409
            )
        except ValidationError as fout:
            if hasattr(fout, "error_dict"):
                return self.render_to_response(
                    self.get_context_data(
                        problemen=fout.message_dict,
                        indienen_fout="De bevraging is nog niet volledig; er is niets ingediend.",
                    )
                )
            return self.render_to_response(
                self.get_context_data(indienen_fout=" ".join(fout.messages)), status=409
            )
        messages.success(
            request, f"De bevraging van {self.huis.naam} is ingediend. De coördinator kan ze nu lezen."
        )
        return redirect("bevraging:indienen", golf_pk=self.golf.pk, huis_slug=self.huis.slug)


class ValiderenView(ResponsMixin, TemplateView):
    """Validate a submitted response (POST only); back to the wave page or the response page."""

    http_method_names = ["post"]

    def terug(self):
        if self.request.POST.get("terug") == "golf":
            return redirect("bevraging:golf", golf_pk=self.golf.pk)
        return redirect("bevraging:indienen", golf_pk=self.golf.pk, huis_slug=self.huis.slug)

    def post(self, request, *args, **kwargs):
        if self.respons is None:
            raise Http404
        try:
            services.valideer_respons(respons=self.respons, door=request.user)
        except ValidationError as fout:
            messages.error(request, f"{self.huis.naam}: niet gevalideerd. {' '.join(fout.messages)}")
        else:
            messages.success(request, f"De bevraging van {self.huis.naam} is gevalideerd.")
        return self.terug()


class HeropenenView(IndienenView):
    """Reopen a submitted or validated response with a reason (POST only)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if self.respons is None:
            raise Http404
        form = HeropenForm(request.POST)
        if form.is_valid():
            try:
                services.heropen_respons(
                    respons=self.respons, door=request.user, reden=form.cleaned_data["reden"]
                )
            except ValidationError as fout:
                voeg_fouten_toe(form, fout)
            else:
                messages.success(
                    request,
                    f"De bevraging van {self.huis.naam} is heropend; de interviewer kan ze aanpassen.",
                )
                return redirect("bevraging:indienen", golf_pk=self.golf.pk, huis_slug=self.huis.slug)
        return self.render_to_response(self.get_context_data(heropen_form=form), status=400)


# --- The coordinator of the Huis ----------------------------------------------------------------


class HuisBevragingMixin(HuisMixin):
    """A survey page of the Huis for its coordinators (and Opgroeien staff); others get a 404."""

    rollen = [Rol.COORDINATOR]

    @cached_property
    def is_coordinator(self) -> bool:
        return is_lid(self.request.user, self.huis, [Rol.COORDINATOR])


class HuisOverzichtView(HuisBevragingMixin, TemplateView):
    """The waves, each with whether the Huis's answers can be read yet."""

    template_name = "bevraging/huis/overzicht.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        golven = [g for g in selectors.golven() if g.status != Golfstatus.IN_VOORBEREIDING]
        afgerond = {
            r.golf_id: r
            for r in selectors.responsen_zichtbaar_voor(self.request.user).afgerond().filter(huis=self.huis)
        }
        toewijzingen = {
            t.golf_id: t
            for t in Toewijzing.objects.zichtbaar_voor(self.request.user)
            .voor_huis(self.huis)
            .select_related("interviewer")
        }
        return super().get_context_data(
            rijen=[(g, afgerond.get(g.pk), toewijzingen.get(g.pk)) for g in golven],
            kruimelpad=kruimelpaden.huis(self.huis),
            **kwargs,
        )


class HuisAntwoordenMixin(HuisBevragingMixin):
    @cached_property
    def golf(self):
        golf = get_object_or_404(selectors.golven(), pk=self.kwargs["golf_pk"])
        if golf.status == Golfstatus.IN_VOORBEREIDING or not hasattr(golf, "vragenlijst"):
            raise Http404
        return golf

    @cached_property
    def respons(self) -> Respons | None:
        """The Huis's response once submitted or validated; before that, nothing is shown."""
        return (
            selectors.responsen_zichtbaar_voor(self.request.user, self.golf)
            .afgerond()
            .filter(huis=self.huis)
            .first()
        )

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.huis  # noqa: B018  (404 for outsiders first)
            self.golf  # noqa: B018
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = {"golf": self.golf, "respons": self.respons}
        if self.respons is not None:
            per_thema: dict[int, list] = {}
            for commentaar in selectors.commentaren_bij(self.respons, self.request.user):
                thema_id = commentaar.thema_id or commentaar.vraag.thema_id
                per_thema.setdefault(thema_id, []).append(commentaar)
            context["themas"] = [
                {"thema": thema, "blokken": blokken(antwoorden), "commentaren": per_thema.get(thema.pk, [])}
                for thema, antwoorden in selectors.leesbare_respons(self.respons)
            ]
        return super().get_context_data(**context, **kwargs)


class HuisAntwoordenView(HuisAntwoordenMixin, TemplateView):
    """The Huis's submitted answers, read-only per theme, with the coordinator's comments."""

    template_name = "bevraging/huis/antwoorden.html"
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, *, commentaarform=None, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.is_coordinator and self.respons is not None:
            for rij in context["themas"]:
                thema = rij["thema"]
                if commentaarform is not None and commentaarform.data.get("thema") == thema.sleutel:
                    rij["form"] = commentaarform
                else:
                    rij["form"] = CommentaarForm(
                        initial={"thema": thema.sleutel}, auto_id=f"commentaar-{thema.sleutel}-%s"
                    )
        context["is_coordinator"] = self.is_coordinator
        context["kruimelpad"] = kruimelpaden.huis(self.huis, self.golf.naam)
        return context

    def post(self, request, *args, **kwargs):
        if not self.is_coordinator:
            raise PermissionDenied("Alleen de coördinator van het Huis kan commentaar geven.")
        if self.respons is None:
            messages.error(request, "U kunt pas commentaar geven als de bevraging ingediend is.")
            return redirect(request.path)
        sleutel = str(request.POST.get("thema", ""))
        thema = Thema.objects.filter(vragenlijst__golf=self.golf, sleutel=sleutel).first()
        form = CommentaarForm(request.POST, auto_id=f"commentaar-{sleutel if thema else 'onbekend'}-%s")
        if thema is None:
            messages.error(request, "Kies het thema waarover uw commentaar gaat.")
            return redirect(request.path)
        if form.is_valid():
            try:
                services.plaats_commentaar(
                    respons=self.respons, door=request.user, tekst=form.cleaned_data["tekst"], thema=thema
                )
            except ValidationError as fout:
                form.add_error("tekst", fout.messages)
            else:
                messages.success(
                    request, f"Uw commentaar bij '{thema.titel}' is bewaard. Opgroeien ziet het."
                )
                return redirect(f"{request.path}#thema-{thema.sleutel}")
        return self.render_to_response(self.get_context_data(commentaarform=form))


class HuisAfdrukView(HuisAntwoordenMixin, TemplateView):
    """A printable summary of the Huis's submitted answers (HTML with print styles)."""

    template_name = "bevraging/huis/afdruk.html"
    http_method_names = ["get", "head"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(afgedrukt_op=timezone.localtime(), **kwargs)
