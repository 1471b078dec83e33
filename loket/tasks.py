"""Periodic work of the loket, run by Celery beat (hvhk/celery.py): terms and retention.

The rules (which request is due when) are those of `loket.termijnen`.
`verwerk_termijnen` (hourly) lets unconfirmed requests expire, asks open requests to re-confirm
every LOKET_HERBEVESTIGING_MAANDEN months, warns before expiry, lets requests that were not
re-confirmed expire and ends offers whose deadline passed. `purge_bewaartermijn` (daily)
anonymises closed requests once the retention period is over. `verwerk_sluitingen` (daily, and at
once when a closing date of today or earlier is set) handles locations that closed. `tel_maanden`
(after every write of a request or a choice, and every ten minutes) keeps the monthly counts of
the figures (`loket.cijfers.maandtellingen`).

Every item is handled in its own transaction: the request's row is locked and the condition that
selected it is checked again under the lock, then the service (`loket.services`) does the work and
checks its own guards. So a family that confirms at the very moment the task runs is never
expired, a task that runs twice or is delivered twice sends no e-mail twice, and one failing item
does not stop the others.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from loket import services, termijnen
from loket.cijfers import maandtellingen
from loket.models import Aanbod, AanbodStatus, Opvanglocatie, Status, Voorkeur

logger = logging.getLogger(__name__)

#: Rows fetched per query; items are handled one by one.
BATCH = 100
#: At most this many items per kind and run; the rest follows in the next run.
MAX_PER_RUN = 2_000


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
            termijnen.vragen()
            .select_for_update(of=("self",))
            .filter(pk=vraag_id)
            .filter(voorwaarde)
            .values_list("pk", flat=True)
        )
        if not list(nog_geldig):
            return False
        return actie()


def _vraagstap(teller: _Teller, stap: str, voorwaarde: Callable[[], Q], actie: Callable[[int], bool]) -> None:
    ids = termijnen.vragen().filter(voorwaarde()).values_list("pk", flat=True)
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
        lambda: termijnen.niet_bevestigd(nu),
        lambda pk: services.laat_verlopen_zonder_bevestiging(vraag_id=pk),
    )
    _vraagstap(
        teller,
        "verlopen",
        lambda: termijnen.verval_nodig(nu),
        lambda pk: services.laat_verlopen_zonder_herbevestiging(vraag_id=pk),
    )
    _vraagstap(
        teller,
        "gewaarschuwd",
        lambda: termijnen.waarschuwing_nodig(nu),
        lambda pk: services.waarschuw_verval(vraag_id=pk),
    )
    _vraagstap(
        teller,
        "herbevestiging_gevraagd",
        lambda: termijnen.herbevestiging_nodig(nu),
        lambda pk: services.vraag_herbevestiging(vraag_id=pk),
    )
    logger.info("Termijnen van het loket verwerkt: %s", teller.aantallen)
    return teller.aantallen


@shared_task(soft_time_limit=540, time_limit=600)
def purge_bewaartermijn() -> dict[str, int]:
    """Beat, daily: anonymise requests closed more than LOKET_BEWAARTERMIJN_MAANDEN months ago."""
    nu = timezone.now()
    teller = _Teller()

    _vraagstap(
        teller,
        "geanonimiseerd",
        lambda: termijnen.bewaartermijn_voorbij(nu),
        lambda pk: services.anonimiseer(vraag_id=pk, reden=termijnen.reden_bewaartermijn()),
    )
    logger.info("Bewaartermijn van het loket verwerkt: %s", teller.aantallen)
    return teller.aantallen


@shared_task(soft_time_limit=240, time_limit=300)
def tel_maanden() -> int:
    """After every write of what the loket's figures count, and every ten minutes (beat): count the
    marked months again (`loket.cijfers.maandtellingen.werk_bij`); returns how many."""
    return maandtellingen.werk_bij()


@shared_task(soft_time_limit=540, time_limit=600)
def verwerk_sluitingen(locatie_id: int | None = None) -> dict[str, int]:
    """Beat, daily, just after midnight (and at once for `locatie_id` when its provider or the
    loket sets a closing date of today or earlier): at every location whose closing date
    (`Opvanglocatie.sluit_op`) has come, running offers are withdrawn, placed families return to
    the queue with priority and the choices of waiting families end (`services.sluit_aanbod_af`,
    `services.beeindig_voorkeur_door_sluiting`). What was done is not found again: a second run
    changes nothing."""
    teller = _Teller()
    gesloten = Opvanglocatie.objects.filter(sluit_op__lte=timezone.localdate())
    if locatie_id is not None:
        gesloten = gesloten.filter(pk=locatie_id)
    bij_gesloten = Aanbod.objects.filter(plaats__locatie__in=gesloten.values("pk"))
    teller.verwerk(
        "aanbod_ingetrokken",
        bij_gesloten.filter(status__in=[AanbodStatus.OPEN, AanbodStatus.AANVAARD]).values_list(
            "pk", flat=True
        ),
        lambda pk: services.sluit_aanbod_af(aanbod_id=pk),
    )
    teller.verwerk(
        "plaatsing_beeindigd",
        bij_gesloten.filter(status=AanbodStatus.BEVESTIGD, opvangvraag__status=Status.GEPLAATST).values_list(
            "pk", flat=True
        ),
        lambda pk: services.sluit_aanbod_af(aanbod_id=pk),
    )
    voorkeuren = Voorkeur.objects.filter(
        actief=True,
        locatie__in=gesloten.values("pk"),
        opvangvraag__status__in=[Status.INGEDIEND, Status.ACTIEF, Status.AANBOD],
    )

    def beeindig(pk: int) -> bool:
        vraag_id, locatie_id_ = Voorkeur.objects.values_list("opvangvraag_id", "locatie_id").get(pk=pk)
        return services.beeindig_voorkeur_door_sluiting(vraag_id=vraag_id, locatie_id=locatie_id_)

    teller.verwerk("voorkeur_beeindigd", voorkeuren.values_list("pk", flat=True), beeindig)
    logger.info("Sluitingen van opvanglocaties verwerkt: %s", teller.aantallen)
    return teller.aantallen
