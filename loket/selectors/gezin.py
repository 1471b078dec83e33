"""What the family reads of its own request (through its private link): the overview of its
private page, and the export of all its data as JSON and PDF."""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kern.cijfers import afronden
from kern.pdf import render_pdf
from loket import stand
from loket.cijfers.berekening import mediaan_dagen
from loket.cijfers.gegevens import kalenderdagen
from loket.cijfers.tabellen import KLEIN
from loket.models import (
    KWETSBAARHEIDSKENMERKEN,
    Aanbod,
    AanbodStatus,
    Gebeurtenis,
    Leeftijdsgroep,
    Opvangvraag,
    Status,
    Voorkeur,
    dagen_tekst,
)
from loket.selectors import (
    KWETSBAAR,
    aanbiedingen_van,
    aantal_voorrangsgroepen,
    gebeurtenissen_voor_gezin,
    voorkeuren_van,
    voorrangsgroepen_van,
)
from loket.termijnen import plus_maanden

PDF_SJABLOON = "loket/gezin/gegevens_pdf.html"
#: The placements the median wait is taken over: those of the last twelve months.
WACHTTIJD_PERIODE_DAGEN = 365
#: Days from which a wait is told in months rather than days.
WACHTTIJD_IN_MAANDEN_VANAF = 60
DAGEN_PER_MAAND = 365.25 / 12


def wie_voor_gezin(gebeurtenis: Gebeurtenis) -> str:
    """Who did it, in the family's words."""
    if gebeurtenis.door_gezin:
        return _("u")
    if gebeurtenis.door_id:
        return _("een medewerker")
    return _("automatisch")


def situatie(vraag: Opvangvraag) -> list[tuple[str, str]]:
    """The family situation as (question, answer) lines: only what applies (nothing is "no")."""
    regels = [
        (_("Opvang nodig om te werken, werk te zoeken of een opleiding te volgen"), vraag.opvang_voor_werk),
        (_("Alleenstaande ouder"), vraag.alleenstaande_ouder),
        (_("Laag gezinsinkomen"), vraag.laag_inkomen),
        (_("Pleegkind"), vraag.pleegkind),
    ]
    regels += [(capfirst(str(label)), getattr(vraag, veld)) for veld, label in KWETSBAARHEIDSKENMERKEN]
    antwoorden = [(vraag_, _("ja")) for vraag_, waarde in regels if waarde]
    if vraag.broer_zus_locatie:
        antwoorden.append((_("Broer of zus al in opvang op"), vraag.broer_zus_locatie.naam))
    return antwoorden


# --- the indication of the wait ----------------------------------------------------------------------


@dataclass(frozen=True)
class Wachtindicatie:
    """What the family on the waiting list is told of its wait (`wachtindicatie`).

    `voor_u`: the other families waiting for at least one of its chosen locations, with the same
    or an earlier start month and at least as much priority; `voor_u_tekst` that count as the
    loket's figures show it (1 to 4 as "minder dan 5", `loket.cijfers.onderdrukking`).
    `mediaan_dagen`: the median wait, in whole calendar days from confirmation to placement, of the
    families placed at those locations (same age group) in the last twelve months; None over fewer
    than `MINIMUM_VOOR_PERCENTIEL` placements, as in the figures."""

    voor_u: int
    geplaatst: int
    mediaan_dagen: int | None

    @property
    def voor_u_tekst(self) -> str:
        if 0 < self.voor_u < KLEIN:
            return _("minder dan %(klein)s") % {"klein": KLEIN}
        return str(self.voor_u)

    @property
    def wachttijd_tekst(self) -> str:
        """The median in whole days, or in whole months from two months on; "" without one."""
        if self.mediaan_dagen is None:
            return ""
        if self.mediaan_dagen < WACHTTIJD_IN_MAANDEN_VANAF:
            return ngettext("%(n)s dag", "%(n)s dagen", self.mediaan_dagen) % {"n": self.mediaan_dagen}
        maanden = int(afronden(self.mediaan_dagen / DAGEN_PER_MAAND, 0))
        return _("ongeveer %(n)s maanden") % {"n": maanden}


def _minstens_evenveel_voorrang(vraag: Opvangvraag) -> Q:
    """Requests (annotated `kwetsbaar` and `voorrangsgroepen`) with at least the priority of
    `vraag` in the loket's own order of its queue: vulnerable families first, then the families in
    more priority groups (`WACHTRIJ_VOLGORDES["voorrang"]`)."""
    groepen = Q(voorrangsgroepen__gte=len(voorrangsgroepen_van(vraag)))
    return Q(kwetsbaar=True) & groepen if vraag.is_kwetsbaar else Q(kwetsbaar=True) | groepen


def wachtindicatie(vraag: Opvangvraag) -> Wachtindicatie | None:
    """The indication of the wait of a request on the waiting list (None for other states), in two
    queries whatever the size of the queue: a count and the placements grouped by days."""
    if vraag.status != Status.ACTIEF:
        return None
    locaties = Voorkeur.objects.filter(opvangvraag=vraag.pk, actief=True).values("locatie")
    voor_u = (
        Opvangvraag.objects.filter(
            Exists(Voorkeur.objects.filter(opvangvraag=OuterRef("pk"), actief=True, locatie__in=locaties)),
            status__in=[Status.ACTIEF, Status.AANBOD],
            gewenste_start__lt=plus_maanden(vraag.gewenste_start.replace(day=1), 1),
        )
        .exclude(pk=vraag.pk)
        .annotate(
            kwetsbaar=ExpressionWrapper(KWETSBAAR, output_field=BooleanField()),
            voorrangsgroepen=aantal_voorrangsgroepen(),
        )
        .filter(_minstens_evenveel_voorrang(vraag))
        .count()
    )
    plaatsingen = Aanbod.objects.filter(
        status=AanbodStatus.BEVESTIGD,
        bevestigd__gte=timezone.now() - datetime.timedelta(days=WACHTTIJD_PERIODE_DAGEN),
        plaats__locatie__in=locaties,
        opvangvraag__bevestigd__isnull=False,
    ).exclude(opvangvraag=vraag.pk)
    if vraag.leeftijdsgroep in Leeftijdsgroep.values:
        plaatsingen = plaatsingen.filter(opvangvraag__leeftijdsgroep=vraag.leeftijdsgroep)
    telling = {
        duur.days: n
        for duur, n in plaatsingen.order_by()
        .values_list(kalenderdagen("opvangvraag__bevestigd", "bevestigd"))
        .annotate(n=Count("pk"))
    }
    mediaan = mediaan_dagen(telling)
    return Wachtindicatie(
        voor_u=voor_u,
        geplaatst=sum(telling.values()),
        mediaan_dagen=None if mediaan is None else int(afronden(mediaan, 0)),
    )


def overzicht_voor_gezin(vraag: Opvangvraag) -> dict:
    """Everything the family's private page and its PDF show of the request."""
    aanbiedingen = list(aanbiedingen_van(vraag))
    for aanbod in aanbiedingen:
        aanbod.stand_titel = stand.aanbod_titel(aanbod)
    gebeurtenissen = list(gebeurtenissen_voor_gezin(vraag))
    for gebeurtenis in gebeurtenissen:
        gebeurtenis.wie_voor_gezin = wie_voor_gezin(gebeurtenis)
    return {
        "vraag": vraag,
        "huis": vraag.huis,
        "kinderen": list(vraag.kinderen.all()),
        "ouders": list(vraag.ouders.all()),
        "voorkeuren": voorkeuren_van(vraag),
        "aanbiedingen": aanbiedingen,
        "open_aanbiedingen": [a for a in aanbiedingen if a.status == AanbodStatus.OPEN],
        "gebeurtenissen": gebeurtenissen,
        "situatie": situatie(vraag),
        "stand": stand.stand_van(vraag, aanbiedingen),
        "plaatsing": next((a for a in aanbiedingen if a.status == AanbodStatus.BEVESTIGD), None),
        "vandaag": timezone.localdate(),
        "wachtindicatie": wachtindicatie(vraag),
    }


# --- the export ------------------------------------------------------------------------------------


def _waarden(obj: models.Model, *, zonder: tuple[str, ...] = ()) -> dict:
    """Every stored field of a row, readable: foreign keys by name, choices with their label."""
    uit = {}
    for veld in obj._meta.concrete_fields:
        if veld.name in zonder:
            continue
        if veld.is_relation:
            gekoppeld = getattr(obj, veld.name)
            uit[veld.name] = str(gekoppeld) if gekoppeld is not None else None
            continue
        waarde = getattr(obj, veld.attname)
        uit[veld.name] = waarde
        if veld.choices and waarde not in (None, ""):
            uit[f"{veld.name}_omschrijving"] = str(getattr(obj, f"get_{veld.name}_display")())
    return uit


def _adres(locatie) -> str:
    return f"{locatie.straat}, {locatie.postcode} {locatie.gemeente.naam}"


def gegevens_als_dict(vraag: Opvangvraag) -> dict:
    """All the family's data of a request (everything but the private link itself)."""
    # the partner member who registered it is named by the organisation (`verwijzer`) only
    aanvraag = _waarden(vraag, zonder=("token", "huis", "gemeente", "verwijzer_door"))
    aanvraag["loket"] = vraag.huis.naam
    aanvraag["gemeente"] = {"nis": vraag.gemeente.nis, "naam": vraag.gemeente.naam}
    aanvraag["dagen_omschrijving"] = dagen_tekst(vraag.dagen)
    deel = ("id", "opvangvraag")
    return {
        "aanvraag": aanvraag,
        "kinderen": [_waarden(kind, zonder=deel) for kind in vraag.kinderen.all()],
        "ouders": [_waarden(ouder, zonder=deel) for ouder in vraag.ouders.all()],
        "voorkeuren": [
            {
                **_waarden(voorkeur, zonder=(*deel, "locatie")),
                "locatie": {"naam": voorkeur.locatie.naam, "adres": _adres(voorkeur.locatie)},
            }
            for voorkeur in voorkeuren_van(vraag)
        ],
        "aanbiedingen": [
            {
                **_waarden(
                    aanbod,
                    # the provider's reason to decline is for the loket only
                    zonder=(
                        "opvangvraag",
                        "plaats",
                        "gemaakt_door",
                        "bevestigd_door",
                        "afwijzingsreden",
                        "afgewezen_door",
                    ),
                ),
                "locatie": aanbod.locatie.naam,
                "plaats": {
                    "vanaf": aanbod.plaats.vanaf,
                    "dagen": aanbod.plaats.dagen,
                    "dagen_omschrijving": aanbod.plaats.dagen_tekst,
                    "dagdeel": aanbod.plaats.get_dagdeel_display(),
                    "leeftijdsgroep": aanbod.plaats.get_leeftijdsgroep_display(),
                },
            }
            for aanbod in aanbiedingen_van(vraag)
        ],
        "gebeurtenissen": [
            {
                **_waarden(
                    gebeurtenis, zonder=("id", "opvangvraag", "door", "intern", "door_gezin", "vrije_tekst")
                ),
                "door": wie_voor_gezin(gebeurtenis),
            }
            for gebeurtenis in gebeurtenissen_voor_gezin(vraag)
        ],
    }


def gegevens_als_json(vraag: Opvangvraag) -> bytes:
    """The family's data as a UTF-8 JSON document."""
    inhoud = json.dumps(gegevens_als_dict(vraag), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    return inhoud.encode("utf-8")


def gegevens_als_pdf(vraag: Opvangvraag) -> bytes:
    """The family's data as a PDF: the overview of its private page, with the moment it was made."""
    _html, pdf = render_pdf(PDF_SJABLOON, {**overzicht_voor_gezin(vraag), "gemaakt": timezone.localtime()})
    return pdf


def exportbestandsnaam(extensie: str) -> str:
    return f"aanvraag-kinderopvang-{timezone.localdate():%Y-%m-%d}.{extensie}"
