"""The report pages: the list, starting a Huis report or a batch of council reports, a job's and a
batch's progress (htmx polling of a fragment while work is open), retrying a failed job, and the
downloads from private storage.

Every page starts from `Rapportjob.objects.zichtbaar_voor(user)` or
`Rapportbatch.objects.zichtbaar_voor(user)`; a row the user may not see is a 404 (also for a
download), checked in `dispatch` before any handler runs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import CharField, Value
from django.http import FileResponse, Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.http import url_has_allowed_host_and_scheme
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import FormView, TemplateView

from kern.forms import foutoverzicht
from kern.tenancy import HuisMixin, OpgroeienRequiredMixin, Rol, is_lid, is_opgroeien
from rapporten import opslag
from rapporten.behoefte import behoefteanalyse, gemeente_van, mag_zien, zichtbare_gemeenten
from rapporten.forms import BatchForm
from rapporten.models import Rapportbatch, Rapportjob, Rapportsoort, Rapportstatus
from rapporten.services import (
    mag_huisrapport_maken,
    probeer_opnieuw,
    start_gemeenteraadsbatch,
    start_gemeenteraadsrapport,
    start_huisrapport,
    start_job,
)
from rapporten.soorten import soort_van

PER_PAGINA = 25


def grootte(naam: str) -> int | None:
    """The size of a private file in bytes, or None when it is not there."""
    try:
        return opslag.pad(naam).stat().st_size if naam else None
    except OSError:
        return None


def _bestand_antwoord(naam: str, bestandsnaam: str, soort: str) -> FileResponse:
    """A private file as a download that no cache keeps."""
    try:
        bestand = open(opslag.pad(naam), "rb")  # noqa: SIM115  (FileResponse closes it)
    except OSError as fout:
        raise Http404 from fout
    antwoord = FileResponse(bestand, as_attachment=True, filename=bestandsnaam, content_type=soort)
    patch_cache_control(antwoord, no_store=True, private=True)
    return antwoord


# --- The list -------------------------------------------------------------------------------


@method_decorator(never_cache, name="dispatch")
class LijstView(LoginRequiredMixin, TemplateView):
    """The jobs and batches the user may see, newest first, in one paginated list (a batch is one
    row; its jobs are on the batch's page)."""

    template_name = "rapporten/lijst.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        gebruiker = self.request.user
        jobs = Rapportjob.objects.zichtbaar_voor(gebruiker).filter(batch=None)
        batches = Rapportbatch.objects.zichtbaar_voor(gebruiker)
        rijen = (
            jobs.order_by()
            .annotate(soort_rij=Value("job", output_field=CharField()))
            .values_list("aangemaakt", "pk", "soort_rij")
            .union(
                batches.order_by()
                .annotate(soort_rij=Value("batch", output_field=CharField()))
                .values_list("aangemaakt", "pk", "soort_rij"),
                all=True,
            )
            .order_by("-aangemaakt", "-pk")
        )
        pagina = Paginator(rijen, PER_PAGINA).get_page(self.request.GET.get("pagina"))
        job_ids = [pk for _, pk, soort in pagina.object_list if soort == "job"]
        batch_ids = [pk for _, pk, soort in pagina.object_list if soort == "batch"]
        per_job = {job.pk: job for job in jobs.filter(pk__in=job_ids).select_related("aangevraagd_door")}
        per_batch = {
            batch.pk: batch
            for batch in batches.filter(pk__in=batch_ids).met_tellingen().select_related("aangevraagd_door")
        }
        items = []
        for _, pk, soort in pagina.object_list:
            if soort == "job" and pk in per_job:
                items.append({"job": per_job[pk]})
            elif soort == "batch" and pk in per_batch:
                batch = per_batch[pk]
                tellingen = batch.tellingen()
                items.append({"batch": batch, "tellingen": tellingen, "status": batch.status(tellingen)})
        return super().get_context_data(
            pagina=pagina, items=items, is_opgroeien=is_opgroeien(gebruiker), **kwargs
        )


# --- Starting reports -----------------------------------------------------------------------


class NieuwHuisrapportView(HuisMixin, View):
    """POST: start the profile report of the Huis (its coordinators and Opgroeien staff)."""

    rollen = [Rol.COORDINATOR]
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not mag_huisrapport_maken(request.user, self.huis):
            raise Http404
        job, nieuw = start_huisrapport(huis=self.huis, door=request.user)
        if nieuw:
            messages.success(request, "Het rapport wordt gemaakt. Deze pagina toont wanneer het klaar is.")
        else:
            messages.info(request, "Er wordt al een rapport van dit Huis gemaakt; hier volgt u het op.")
        return HttpResponseRedirect(reverse("rapporten:job", kwargs={"job_pk": job.pk}))


def _naar_job(request, job: Rapportjob, nieuw: bool) -> HttpResponseRedirect:
    if nieuw:
        messages.success(request, "Het rapport wordt gemaakt. Deze pagina toont wanneer het klaar is.")
    else:
        messages.info(request, "Dit rapport wordt al gemaakt; hier volgt u het op.")
    return HttpResponseRedirect(reverse("rapporten:job", kwargs={"job_pk": job.pk}))


class NieuwLoketrapportView(HuisMixin, View):
    """POST: start the loket report of the Huis for a period (its loket staff only; the job is
    then visible to that Huis's loket staff and Opgroeien)."""

    rollen = [Rol.LOKET]
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        if not is_lid(request.user, self.huis, [Rol.LOKET]):
            raise Http404
        try:
            periode = soort_van(Rapportsoort.LOKET).formulier(request.POST)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return HttpResponseRedirect(reverse("loket:rapportage", kwargs={"huis_slug": self.huis.slug}))
        job, nieuw = start_job(
            soort=Rapportsoort.LOKET,
            parameters={"huis": self.huis.pk, **periode},
            door=request.user,
            huis=self.huis,
        )
        return _naar_job(request, job, nieuw)


class NieuwBevragingsrapportView(OpgroeienRequiredMixin, View):
    """POST: Opgroeien staff start the Flemish report of a survey wave."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        from bevraging.models import Golf

        golf = get_object_or_404(Golf, pk=self.kwargs["golf_pk"])
        job, nieuw = start_job(
            soort=Rapportsoort.OPGROEIEN_BEVRAGING,
            parameters={"golf": golf.pk, "door": request.user.pk},
            door=request.user,
        )
        return _naar_job(request, job, nieuw)


# --- The needs analysis of a gemeente ---------------------------------------------------------


class BehoefteanalyseMixin(LoginRequiredMixin):
    """A page about one gemeente (by NIS code, today) for Opgroeien and the members of a Huis that
    serves it; a 404 for everyone else, before any handler runs."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.gemeente  # noqa: B018
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def datum(self):
        return timezone.localdate()

    @cached_property
    def gemeente(self):
        gemeente = gemeente_van(self.kwargs["nis"], self.datum)
        if gemeente is None or not mag_zien(self.request.user, gemeente, self.datum):
            raise Http404
        return gemeente


@method_decorator(never_cache, name="dispatch")
class BehoefteanalysesView(LoginRequiredMixin, TemplateView):
    """The gemeenten whose needs analysis the user may see: all for Opgroeien, those of their Huis
    for its members."""

    template_name = "rapporten/behoefteanalyses.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        gemeenten = list(zichtbare_gemeenten(self.request.user, timezone.localdate()))
        return super().get_context_data(gemeenten=gemeenten, **kwargs)


@method_decorator(never_cache, name="dispatch")
class BehoefteanalyseView(BehoefteanalyseMixin, TemplateView):
    """The needs analysis of one gemeente, made to be read and printed by a council member."""

    template_name = "rapporten/behoefteanalyse.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(b=behoefteanalyse(self.gemeente, self.datum), **kwargs)


class NieuwGemeenteraadsrapportView(BehoefteanalyseMixin, View):
    """POST: start the council report of the gemeente (whoever may see its needs analysis)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        job, nieuw = start_gemeenteraadsrapport(gemeente=self.gemeente, door=request.user)
        return _naar_job(request, job, nieuw)


class BatchNieuwView(OpgroeienRequiredMixin, FormView):
    """Opgroeien staff start the council reports of all gemeenten, a provincie, a cluster or a
    chosen list of gemeenten."""

    template_name = "rapporten/batch_nieuw.html"
    form_class = BatchForm

    def form_valid(self, form):
        try:
            batch, nieuw = start_gemeenteraadsbatch(bereik=form.gekozen_bereik(), door=self.request.user)
        except ValidationError as fout:
            form.add_error(None, fout)
            return self.form_invalid(form)
        if nieuw:
            messages.success(
                self.request, "De rapporten worden op de achtergrond gemaakt. Deze pagina toont de voortgang."
            )
        else:
            messages.info(self.request, "Voor deze gemeenten loopt al een reeks; hier volgt u die op.")
        return HttpResponseRedirect(reverse("rapporten:batch", kwargs={"batch_pk": batch.pk}))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["foutoverzicht"] = foutoverzicht(context["form"]) if context["form"].is_bound else []
        return context


# --- A batch --------------------------------------------------------------------------------


class BatchMixin(LoginRequiredMixin):
    """A page about one batch the user may see (Opgroeien only); 404 otherwise."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.batch  # noqa: B018  (a 404 before any handler, also for OPTIONS)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def batch(self) -> Rapportbatch:
        batches = Rapportbatch.objects.zichtbaar_voor(self.request.user).select_related("aangevraagd_door")
        return get_object_or_404(batches, pk=self.kwargs["batch_pk"])

    def voortgang_context(self) -> dict:
        batch = self.batch
        tellingen = batch.tellingen()
        status = batch.status(tellingen)
        afgelopen = status in (Rapportstatus.KLAAR, Rapportstatus.MISLUKT)
        mislukt = list(batch.jobs.filter(status=Rapportstatus.MISLUKT).order_by("titel", "pk")[:500])
        gemaakt = (
            list(batch.jobs.filter(status=Rapportstatus.KLAAR).order_by("titel", "pk")) if afgelopen else []
        )
        zip_grootte = grootte(batch.zip.name) if afgelopen else None
        return {
            "batch": batch,
            "tellingen": tellingen,
            "status": status,
            "afgelopen": afgelopen,
            "zip_klaar": zip_grootte is not None and tellingen.klaar > 0,
            "zip_grootte": zip_grootte,
            "mislukt": mislukt,
            "gemaakt": gemaakt,
        }


@method_decorator(never_cache, name="dispatch")
class BatchView(BatchMixin, TemplateView):
    template_name = "rapporten/batch.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.voortgang_context(), **kwargs)


@method_decorator(never_cache, name="dispatch")
class BatchVoortgangView(BatchMixin, TemplateView):
    """The progress fragment the batch page polls (htmx) every 2 s until the batch has ended."""

    template_name = "rapporten/_batch_voortgang.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.voortgang_context(), **kwargs)


class BatchZipView(BatchMixin, View):
    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        batch = self.batch
        if not batch.afgerond or not opslag.bestaat(batch.zip.name):
            raise Http404
        return _bestand_antwoord(batch.zip.name, batch.bestandsnaam, "application/zip")


# --- A job ----------------------------------------------------------------------------------


class JobMixin(LoginRequiredMixin):
    """A page about one job the user may see; 404 otherwise."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.job  # noqa: B018  (a 404 before any handler, also for OPTIONS)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def job(self) -> Rapportjob:
        jobs = Rapportjob.objects.zichtbaar_voor(self.request.user).select_related(
            "aangevraagd_door", "batch", "huis"
        )
        return get_object_or_404(jobs, pk=self.kwargs["job_pk"])


@method_decorator(never_cache, name="dispatch")
class JobView(JobMixin, TemplateView):
    template_name = "rapporten/job.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(job=self.job, grootte=grootte(self.job.bestand.name), **kwargs)


@method_decorator(never_cache, name="dispatch")
class JobVoortgangView(JobMixin, TemplateView):
    """The progress fragment the job page polls (htmx) every 2 s while the job is open."""

    template_name = "rapporten/_job_voortgang.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        return super().get_context_data(job=self.job, grootte=grootte(self.job.bestand.name), **kwargs)


class JobOpnieuwView(JobMixin, View):
    """POST: queue a failed job again; back to the page it was asked from."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        job = self.job
        try:
            probeer_opnieuw(job=job, door=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(request, f"“{job.titel}” wordt opnieuw gemaakt.")
        terug = request.POST.get("volgende", "")
        if not url_has_allowed_host_and_scheme(terug, {request.get_host()}, request.is_secure()):
            terug = reverse("rapporten:job", kwargs={"job_pk": job.pk})
        return HttpResponseRedirect(terug)


class DownloadView(JobMixin, View):
    """The PDF from private storage, as an attachment, for whoever may see the job."""

    http_method_names = ["get", "head", "options"]

    def get(self, request, *args, **kwargs):
        job = self.job
        if job.status != Rapportstatus.KLAAR or not opslag.bestaat(job.bestand.name):
            raise Http404
        antwoord = _bestand_antwoord(job.bestand.name, job.bestandsnaam, "application/pdf")
        add_never_cache_headers(antwoord)
        patch_cache_control(antwoord, no_store=True, private=True)
        return antwoord
