"""Allocation rounds in the loket's workspace: start a round for a start month, review its
proposal with the explanation per family, send the offers or reject it, and the loket's
tie-break setting (registration date or lottery).

Loket staff of the Huis in the URL only (everyone else gets a 404, as everywhere in the workspace).
Rounds are read through `loket.selectors.rondes`, written through `loket.services.rondes`; the proposal page
shows the families' priority data, so it writes an entry in the audit log.
"""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.generic import TemplateView

from kern.views import FormServiceView
from loket import services
from loket.models import RondeStatus, Rondevolgorde, Toewijzingsronde
from loket.rondes.forms import InstellingForm, StartRondeForm
from loket.selectors import rondes as ronde_selectors
from loket.services import rondes as ronde_services
from loket.toegang import LoketMixin


def rondes_url(huis) -> str:
    return reverse("loket:rondes", kwargs={"huis_slug": huis.slug})


def ronde_url(ronde: Toewijzingsronde) -> str:
    return reverse("loket:ronde", kwargs={"huis_slug": ronde.huis.slug, "ronde_pk": ronde.pk})


class RondesView(LoketMixin, FormServiceView):
    """The rounds of the loket, newest first, and the form to start one for a month."""

    template_name = "loket/rondes/rondes.html"
    form_class = StartRondeForm
    http_method_names = ["get", "head", "post"]

    def get_initial(self):
        maand = (timezone.localdate().replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return {"startmaand": f"{maand:%Y-%m}"}

    def voer_uit(self, form):
        return ronde_services.start_ronde(
            huis=self.huis, startmaand=form.cleaned_data["startmaand"], door=self.request.user
        )

    def melding(self, ronde) -> str:
        return (
            f"Het voorstel voor {ronde.startmaand:%m-%Y} is berekend. Kijk het na voor u de "
            "aanbiedingen verstuurt."
        )

    def get_success_url(self):
        return ronde_url(self.resultaat)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rondes=list(ronde_selectors.rondes_van_loket(self.huis, self.request.user)[:50]),
            volgorde=Rondevolgorde(ronde_services.volgorde_van(self.huis)).label,
            kruimelpad=self.kruimelpad(("Toewijzingsronden", "")),
            **kwargs,
        )


class RondeView(LoketMixin, TemplateView):
    """The proposal of one round: per request its place or none and why, the families whose
    children could not be placed together, stability, seed, rule sets and the replay check."""

    template_name = "loket/rondes/ronde.html"
    http_method_names = ["get", "head"]

    @cached_property
    def ronde(self) -> Toewijzingsronde:
        return get_object_or_404(
            ronde_selectors.rondes_van_loket(self.huis, self.request.user), pk=self.kwargs["ronde_pk"]
        )

    def stappen(self) -> list[tuple[str, str]]:
        return [("Toewijzingsronden", rondes_url(self.huis)), (f"Ronde {self.ronde.pk}", "")]

    def get_context_data(self, **kwargs):
        ronde = self.ronde
        voorstellen = list(ronde_selectors.voorstellen_van(ronde))
        namen = {groep["id"]: groep["naam"] for groep in ronde.invoer.get("plaatsgroepen", [])}
        blokkerend = [
            {"vraag": vraag_id, "plaats": namen.get(groep_id, f"plaatsgroep {groep_id}")}
            for vraag_id, groep_id in ronde.resultaat.get("blokkerende_paren", [])
        ]
        controle = ronde.resultaat.get("controle", {})
        services.log_inzage(
            gebruiker=self.request.user, vraag=None, omschrijving=f"toewijzingsronde {ronde.pk} bekeken"
        )
        return super().get_context_data(
            ronde=ronde,
            voorstellen=voorstellen,
            met_plaats=[v for v in voorstellen if v.plaats_id],
            niet_samen=[v for v in voorstellen if v.niet_samen],
            overgeslagen=[v for v in voorstellen if v.overgeslagen],
            blokkerend=blokkerend,
            controle_in_orde=not any(
                controle.get(sleutel) for sleutel in ("overvol", "onaanvaardbaar", "blokkerend")
            ),
            herhaalbaar=ronde_services.herbereken(ronde),
            is_voorstel=ronde.status == RondeStatus.VOORSTEL,
            rondes_url=rondes_url(self.huis),
            kruimelpad=self.kruimelpad(*self.stappen()),
            **kwargs,
        )


class RondeUitvoerenView(RondeView):
    """GET: the confirmation step; POST: send the offers of the proposal."""

    template_name = "loket/rondes/uitvoeren.html"
    http_method_names = ["get", "head", "post"]

    def stappen(self) -> list[tuple[str, str]]:
        return [
            ("Toewijzingsronden", rondes_url(self.huis)),
            (f"Ronde {self.ronde.pk}", ronde_url(self.ronde)),
            ("Aanbiedingen versturen", ""),
        ]

    def get(self, request, *args, **kwargs):
        if self.ronde.status != RondeStatus.VOORSTEL:
            messages.info(
                request, "De aanbiedingen van deze ronde zijn al verstuurd of de ronde is verworpen."
            )
            return redirect(ronde_url(self.ronde))
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            uitvoering = ronde_services.voer_ronde_uit(ronde=self.ronde, door=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
            return redirect(ronde_url(self.ronde))
        if uitvoering.al_gedaan:
            messages.info(
                request, "De aanbiedingen van deze ronde waren al verstuurd; er is niets opnieuw verstuurd."
            )
        else:
            aantal = len(uitvoering.aangeboden)
            tekst = (
                f"{aantal} aanbieding{'en' if aantal != 1 else ''} verstuurd; de gezinnen kregen een e-mail."
            )
            if uitvoering.overgeslagen:
                niet = len(uitvoering.overgeslagen)
                tekst += (
                    f" {niet} voorstel{'len' if niet != 1 else ''} "
                    "kon niet meer aangeboden worden: zie ‘Niet verstuurd’."
                )
                messages.warning(request, tekst)
            else:
                messages.success(request, tekst)
        return redirect(ronde_url(self.ronde))


class RondeVerwerpenView(RondeView):
    """POST: reject the proposal; no offers go out."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        try:
            ronde_services.verwerp_ronde(ronde=self.ronde, door=request.user)
        except ValidationError as fout:
            messages.error(request, " ".join(fout.messages))
        else:
            messages.success(
                request,
                "Het voorstel is verworpen. Er zijn geen aanbiedingen verstuurd; "
                "u kunt een nieuwe ronde starten.",
            )
        return redirect(rondes_url(self.huis))


class InstellingenView(LoketMixin, FormServiceView):
    """The loket's setting for rounds: order within a priority group (registration or lottery)."""

    template_name = "loket/rondes/instellingen.html"
    form_class = InstellingForm
    http_method_names = ["get", "head", "post"]

    def get_initial(self):
        return {"volgorde": ronde_services.volgorde_van(self.huis)}

    def voer_uit(self, form):
        return ronde_services.bewaar_instelling(
            huis=self.huis, volgorde=form.cleaned_data["volgorde"], door=self.request.user
        )

    def melding(self, instelling) -> str:
        return "De instelling is bewaard. Ze geldt voor de volgende rondes."

    def get_success_url(self):
        return rondes_url(self.huis)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            rondes_url=rondes_url(self.huis),
            kruimelpad=self.kruimelpad(("Toewijzingsronden", rondes_url(self.huis)), ("Instellingen", "")),
            **kwargs,
        )
