"""Pages of Opgroeien staff to export a wave's responses and to import them from a file.

Export: `?formaat=xlsx|csv` (and `bestand=vragen` for the codebook, `concepten=1` for drafts)
downloads; without parameters the page shows the choices. Import: upload, then every problem of the
file in a table (nothing imported), or a preview to confirm or cancel; the checked file waits in
private storage under a name only the session knows (see `bevraging.services_uitwisseling`).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from bevraging import kruimelpaden
from bevraging import services_uitwisseling as uitwisseling
from bevraging.forms_uitwisseling import ExportForm, ImportForm
from bevraging.models import Golf, Golfstatus, Responsstatus
from bevraging.selectors import golven, responsen_per_status
from kern.tabellen import download
from kern.tenancy import OpgroeienRequiredMixin

SESSIESLEUTEL = "bevraging_import"


class GolfMixin(OpgroeienRequiredMixin):
    """The wave of the URL (`golf_pk`), for Opgroeien staff only; `pagina` names the page."""

    pagina = ""

    def golf(self) -> Golf:
        if not hasattr(self, "_golf"):
            self._golf = get_object_or_404(golven(), pk=self.kwargs["golf_pk"])
        return self._golf

    def get_context_data(self, **kwargs):
        golf = self.golf()
        per_status = responsen_per_status(golf)
        return super().get_context_data(
            golf=golf,
            kruimelpad=kruimelpaden.opgroeien(self.pagina, golf=golf),
            responsen=", ".join(f"{per_status[s]} {s.label}" for s in Responsstatus if per_status.get(s)),
            **kwargs,
        )


def _bijlage(inhoud: bytes, content_type: str, bestandsnaam: str) -> HttpResponse:
    antwoord = HttpResponse(inhoud, content_type=content_type)
    antwoord["Content-Disposition"] = f'attachment; filename="{bestandsnaam}"'
    antwoord["Cache-Control"] = "private, no-store"
    return antwoord


class ExportView(GolfMixin, TemplateView):
    template_name = "bevraging/uitwisseling/export.html"
    pagina = "Exporteren"
    http_method_names = ["get", "head"]

    def get(self, request, *args, **kwargs):
        form = ExportForm(request.GET or None)
        if form.is_bound and form.is_valid():
            golf, formaat = self.golf(), form.cleaned_data["formaat"]
            if form.cleaned_data["bestand"] == "vragen":
                antwoord = download(uitwisseling.vragentabel(golf), formaat)
                antwoord["Cache-Control"] = "private, no-store"
                return antwoord
            concepten = form.cleaned_data["concepten"]
            export = uitwisseling.exporteer(golf, formaat=formaat, met_concepten=concepten)
            return _bijlage(export.inhoud, export.content_type, export.bestandsnaam)
        return self.render_to_response(self.get_context_data(form=form))


def _wachtende_upload(request, golf: Golf) -> uitwisseling.Upload | None:
    upload = uitwisseling.Upload.uit_dict(request.session.get(SESSIESLEUTEL) or {})
    return upload if upload is not None and upload.golf_pk == golf.pk else None


def _vergeet_upload(request) -> None:
    upload = uitwisseling.Upload.uit_dict(request.session.pop(SESSIESLEUTEL, None) or {})
    if upload is not None:
        uitwisseling.verwijder_upload(upload)


class ImportView(GolfMixin, TemplateView):
    """Upload a file; its problems, or on to the preview."""

    template_name = "bevraging/uitwisseling/import.html"
    pagina = "Importeren"
    http_method_names = ["get", "head", "post"]

    def get_context_data(self, **kwargs):
        golf = self.golf()
        return super().get_context_data(
            kan_importeren=golf.status != Golfstatus.IN_VOORBEREIDING,
            wachtend=_wachtende_upload(self.request, golf),
            **kwargs,
        )

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=ImportForm()))

    def post(self, request, *args, **kwargs):
        golf = self.golf()
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        bestandsnaam, inhoud = form.cleaned_data["bestand"].name, form.inhoud()
        vervangen = form.cleaned_data["vervangen"]
        controle = uitwisseling.controleer_import(
            golf=golf, bestandsnaam=bestandsnaam, inhoud=inhoud, vervangen=vervangen
        )
        if not controle.is_schoon:
            return self.render_to_response(self.get_context_data(form=form, controle=controle))
        _vergeet_upload(request)
        upload = uitwisseling.bewaar_upload(
            golf=golf, bestandsnaam=bestandsnaam, inhoud=inhoud, vervangen=vervangen
        )
        request.session[SESSIESLEUTEL] = upload.als_dict()
        return redirect("bevraging:import_bevestigen", golf_pk=golf.pk)


class ImportBevestigenView(GolfMixin, TemplateView):
    """The preview of a clean file: confirm (import it) or cancel."""

    template_name = "bevraging/uitwisseling/bevestigen.html"
    pagina = "Import bevestigen"
    http_method_names = ["get", "head", "post"]

    def _terug(self, tekst: str, niveau=messages.INFO):
        messages.add_message(self.request, niveau, tekst)
        return redirect("bevraging:import", golf_pk=self.golf().pk)

    def _bestand(self) -> tuple[uitwisseling.Upload | None, bytes | None]:
        upload = _wachtende_upload(self.request, self.golf())
        return upload, uitwisseling.lees_upload(upload) if upload else None

    def get(self, request, *args, **kwargs):
        upload, inhoud = self._bestand()
        if upload is None:
            return self._terug("Er is geen bestand om te importeren; kies eerst een bestand.")
        if inhoud is None:
            _vergeet_upload(request)
            return self._terug("Het bestand is niet meer beschikbaar. Laad het opnieuw op.", messages.WARNING)
        controle = uitwisseling.controleer_import(
            golf=self.golf(), bestandsnaam=upload.bestandsnaam, inhoud=inhoud, vervangen=upload.vervangen
        )
        if not controle.is_schoon:
            _vergeet_upload(request)
        return self.render_to_response(self.get_context_data(upload=upload, controle=controle))

    def post(self, request, *args, **kwargs):
        upload, inhoud = self._bestand()
        if request.POST.get("actie") == "annuleren":
            _vergeet_upload(request)
            return self._terug("De import is geannuleerd: er is niets geïmporteerd.")
        if upload is None:
            return self._terug("Er is geen bestand om te importeren; kies eerst een bestand.")
        if request.POST.get("actie") != "bevestigen":
            return redirect("bevraging:import_bevestigen", golf_pk=self.golf().pk)
        if inhoud is None:
            _vergeet_upload(request)
            return self._terug("Het bestand is niet meer beschikbaar. Laad het opnieuw op.", messages.WARNING)
        try:
            resultaat = uitwisseling.importeer(
                golf=self.golf(),
                bestandsnaam=upload.bestandsnaam,
                inhoud=inhoud,
                vervangen=upload.vervangen,
                door=request.user,
            )
        except uitwisseling.ImportNietSchoon as fout:
            _vergeet_upload(request)
            return self.render_to_response(self.get_context_data(upload=upload, controle=fout.controle))
        _vergeet_upload(request)
        messages.success(
            request,
            f"{upload.bestandsnaam} is geïmporteerd in {self.golf().naam}: {resultaat.nieuw} nieuwe en "
            f"{resultaat.vervangen} vervangen responsen, samen {resultaat.antwoorden} antwoorden.",
        )
        return redirect(reverse("bevraging:export", kwargs={"golf_pk": self.golf().pk}))
