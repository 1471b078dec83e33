"""Periodic work of the loket, run by Celery beat (hvhk/celery.py): terms and retention.

`verwerk_termijnen` (hourly) lets unconfirmed requests expire, asks open requests to re-confirm
every LOKET_HERBEVESTIGING_MAANDEN months, warns before expiry, lets requests that were not
re-confirmed expire and ends offers whose deadline passed. `purge_bewaartermijn` (daily)
anonymises closed requests once the retention period is over.

Every item is handled in its own transaction: the request's row is locked and the condition that
selected it is checked again under the lock, then the service (`loket.services`) does the work and
checks its own guards. So a family that confirms at the very moment the task runs is never
expired, a task that runs twice or is delivered twice sends no e-mail twice, and one failing item
does not stop the others.
"""

from __future__ import annotations

import calendar
import datetime
import logging
from collections.abc import Callable

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from loket import services
from loket.models import AFGESLOTEN, Aanbod, AanbodStatus, Opvangvraag, Status

logger = logging.getLogger(__name__)

#: Rows fetched per query; items are handled one by one.
BATCH = 100
#: At most this many items per kind and run; the rest follows in the next run.
MAX_PER_RUN = 2_000

OPEN = (Status.ACTIEF, Status.AANBOD)


def maanden_terug(moment: datetime.datetime, maanden: int) -> datetime.datetime:
    """The same local time `maanden` calendar months before `moment`.

    A day that does not exist in the earlier month becomes that month's last day: one month
    before 31 March is 28 (or 29) February.
    """
    lokaal = timezone.localtime(moment)
    index = lokaal.year * 12 + (lokaal.month - 1) - maanden
    jaar, maand = divmod(index, 12)
    maand += 1
    dag = min(lokaal.day, calendar.monthrange(jaar, maand)[1])
    naief = lokaal.replace(tzinfo=None).replace(year=jaar, month=maand, day=dag)
    return timezone.make_aware(naief, lokaal.tzinfo)


def reden_niet_bevestigd() -> str:
    return _("Verlopen: het e-mailadres werd niet binnen %(dagen)s dagen na het indienen bevestigd.") % {
        "dagen": settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN
    }


def reden_niet_herbevestigd() -> str:
    return _("Verlopen: de aanvraag werd niet binnen %(dagen)s dagen na onze vraag herbevestigd.") % {
        "dagen": settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN
    }


def reden_bewaartermijn() -> str:
    return _(
        "Persoonsgegevens gewist: de bewaartermijn van %(maanden)s maanden na het afsluiten is voorbij."
    ) % {"maanden": settings.LOKET_BEWAARTERMIJN_MAANDEN}


# --- which requests are due (one Q per step, used to select and to check again under the lock) ----


def _in_herbevestigingscyclus() -> Q:
    """Open requests the re-confirmation cycle applies to.

    Not those without an e-mail address (registered at the desk without one: the family cannot
    receive the question, the loket follows them up itself) and not those with an offer the family
    accepted (the provider's confirmation is awaited; the family already said it needs the place).
    """
    wacht_op_opvang = Aanbod.objects.filter(opvangvraag=OuterRef("pk"), status=AanbodStatus.AANVAARD)
    return Q(status__in=OPEN) & ~Q(email="") & ~Q(Exists(wacht_op_opvang))


def _niet_bevestigd(nu: datetime.datetime) -> Q:
    grens = nu - datetime.timedelta(days=settings.LOKET_BEVESTIGINGSTERMIJN_DAGEN)
    return Q(status=Status.INGEDIEND, ingediend__lte=grens)


def _herbevestiging_nodig(nu: datetime.datetime) -> Q:
    grens = maanden_terug(nu, settings.LOKET_HERBEVESTIGING_MAANDEN)
    return _in_herbevestigingscyclus() & Q(herbevestiging_gevraagd__isnull=True, laatst_bevestigd__lte=grens)


def _waarschuwing_nodig(nu: datetime.datetime) -> Q:
    dagen = settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN - settings.LOKET_VERVALWAARSCHUWING_DAGEN
    grens = nu - datetime.timedelta(days=max(dagen, 0))
    return _in_herbevestigingscyclus() & Q(
        herbevestiging_gevraagd__lte=grens, vervalwaarschuwing__isnull=True
    )


def _verval_nodig(nu: datetime.datetime) -> Q:
    """Asked LOKET_HERBEVESTIGING_TERMIJN_DAGEN days ago and warned. When the warning went out late
    (beat was down), the family still gets LOKET_VERVALWAARSCHUWING_DAGEN days after it."""
    gevraagd = nu - datetime.timedelta(days=settings.LOKET_HERBEVESTIGING_TERMIJN_DAGEN)
    gewaarschuwd = nu - datetime.timedelta(days=settings.LOKET_VERVALWAARSCHUWING_DAGEN)
    return _in_herbevestigingscyclus() & Q(
        herbevestiging_gevraagd__lte=gevraagd, vervalwaarschuwing__lte=gewaarschuwd
    )


def _vragen() -> QuerySet[Opvangvraag]:
    return Opvangvraag.objects.annotate(laatst_bevestigd=Coalesce("herbevestigd", "bevestigd"))


# --- running the steps ---------------------------------------------------------------------------


class _Teller:
    """Counts per step; stops the run once the soft time limit is reached."""

    def __init__(self):
        self.aantallen: dict[str, int] = {}
        self.gestopt = False

    def verwerk(self, stap: str, ids: QuerySet, actie: Callable[[int], bool]) -> None:
        """Run `actie(id)` for every id of `ids`, each on its own, in batches."""
        self.aantallen.setdefault(stap, 0)
        self.aantallen.setdefault("fouten", 0)
        gezien: set[int] = set()
        while not self.gestopt and len(gezien) < MAX_PER_RUN:
            batch = list(ids.exclude(pk__in=gezien).order_by("pk")[: min(BATCH, MAX_PER_RUN - len(gezien))])
            if not batch:
                return
            for pk in batch:
                gezien.add(pk)
                try:
                    if actie(pk):
                        self.aantallen[stap] += 1
                except SoftTimeLimitExceeded:
                    logger.warning("Tijdslimiet bereikt bij %s; de rest volgt bij de volgende run.", stap)
                    self.gestopt = True
                    return
                except Exception:
                    logger.exception("%s mislukt voor %s; de andere gaan door.", stap, pk)
                    self.aantallen["fouten"] += 1


def _onder_slot(vraag_id: int, voorwaarde: Q, actie: Callable[[], bool]) -> bool:
    """Lock the request, check `voorwaarde` again, then act, all in one transaction."""
    with transaction.atomic():
        nog_geldig = (
            _vragen()
            .select_for_update(of=("self",))
            .filter(pk=vraag_id)
            .filter(voorwaarde)
            .values_list("pk", flat=True)
        )
        if not list(nog_geldig):
            return False
        return actie()


def _vraagstap(teller: _Teller, stap: str, voorwaarde: Callable[[], Q], actie: Callable[[int], bool]) -> None:
    ids = _vragen().filter(voorwaarde()).values_list("pk", flat=True)
    teller.verwerk(stap, ids, lambda pk: _onder_slot(pk, voorwaarde(), lambda: actie(pk)))


@shared_task(soft_time_limit=540, time_limit=600)
def verwerk_termijnen() -> dict[str, int]:
    """Beat, hourly: offer deadlines, unconfirmed requests, re-confirmation, warning and expiry."""
    nu = timezone.now()
    teller = _Teller()

    verlopen_aanbod = Aanbod.objects.filter(
        status=AanbodStatus.OPEN, deadline__lt=timezone.localdate(nu)
    ).values_list("pk", flat=True)
    teller.verwerk("aanbod_verlopen", verlopen_aanbod, lambda pk: services.laat_aanbod_verlopen(aanbod_id=pk))
    _vraagstap(
        teller,
        "niet_bevestigd",
        lambda: _niet_bevestigd(nu),
        lambda pk: services.laat_verlopen(vraag_id=pk, reden=reden_niet_bevestigd()),
    )
    _vraagstap(
        teller,
        "verlopen",
        lambda: _verval_nodig(nu),
        lambda pk: services.laat_verlopen(vraag_id=pk, reden=reden_niet_herbevestigd()),
    )
    _vraagstap(
        teller,
        "gewaarschuwd",
        lambda: _waarschuwing_nodig(nu),
        lambda pk: services.waarschuw_verval(vraag_id=pk),
    )
    _vraagstap(
        teller,
        "herbevestiging_gevraagd",
        lambda: _herbevestiging_nodig(nu),
        lambda pk: services.vraag_herbevestiging(vraag_id=pk),
    )
    logger.info("Termijnen van het loket verwerkt: %s", teller.aantallen)
    return teller.aantallen


@shared_task(soft_time_limit=540, time_limit=600)
def purge_bewaartermijn() -> dict[str, int]:
    """Beat, daily: anonymise requests closed more than LOKET_BEWAARTERMIJN_MAANDEN months ago."""
    nu = timezone.now()
    teller = _Teller()

    def voorwaarde() -> Q:
        grens = maanden_terug(nu, settings.LOKET_BEWAARTERMIJN_MAANDEN)
        return Q(status__in=AFGESLOTEN, afgesloten__lte=grens, geanonimiseerd__isnull=True)

    _vraagstap(
        teller,
        "geanonimiseerd",
        voorwaarde,
        lambda pk: services.anonimiseer(vraag_id=pk, reden=reden_bewaartermijn()),
    )
    logger.info("Bewaartermijn van het loket verwerkt: %s", teller.aantallen)
    return teller.aantallen
