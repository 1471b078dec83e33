"""The monthly counts behind the loket's figures (`loket.models.Maandtelling`): per loket, month
of submission and home gemeente, what the figures count (`loket.cijfers.gegevens.VORMEN`), so that
the figures of a period read a few rows per loket and month instead of every request.

Kept by every write: a write of what the figures count (a request, a choice; through a service, a
QuerySet or the admin alike) marks its month in the same transaction (`Telwijziging`,
`loket.models.markeer_maanden`). Once the transaction commits, the worker counts the marked months
again from their requests (`werk_bij`, task `loket.tasks.tel_maanden`; also every ten minutes for
a hand-over that failed), outside the web request; a reader of the figures does so first for
whatever is still marked. A month is always counted whole, from the requests as they are, so a
count can be repeated and never drifts.

Two counts of the same months never run at once: they take one lock (a PostgreSQL advisory lock;
SQLite runs one writing transaction at a time anyway). A mark is removed only once the count
that saw it is stored, so a write that commits during a count stays marked for the next.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Q

from kern.cijfers import Periode
from loket.cijfers.gegevens import VORMEN, wachtdagen
from loket.models import Telwijziging
from loket.termijnen import plus_maanden

# The advisory lock of the counting (one key for all: the counts are short).
SLOT = 0x6C6F6B6574  # "loket"
PER_MAAND = ("maand", "huis_id", "gemeente_id")
PER_KEER = 500


def werk_bij() -> int:
    """Count the marked months again; returns how many (loket, month) were counted."""
    if not Telwijziging.objects.exists():
        return 0
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT])
        gemarkeerd = list(Telwijziging.objects.values_list("pk", "huis_id", "maand"))
        maanden = {(huis_id, maand) for _pk, huis_id, maand in gemarkeerd}
        tel(maanden)
        pks = [pk for pk, _huis_id, _maand in gemarkeerd]
        for begin in range(0, len(pks), PER_KEER):
            Telwijziging.objects.filter(pk__in=pks[begin : begin + PER_KEER]).delete()
    return len(maanden)


def tel(maanden: Iterable[tuple[int, datetime.date]]) -> None:
    """Count these months of these lokets ((Huis pk, first day of the month)) again from their
    requests, replacing what was stored for them."""
    per_maand: dict[datetime.date, set[int]] = defaultdict(set)
    for huis_id, maand in maanden:
        per_maand[maand].add(huis_id)
    if not per_maand:
        return
    vragen, rijen = Q(), Q()
    for maand, huis_ids in per_maand.items():
        ingediend = Periode(maand, plus_maanden(maand, 1) - datetime.timedelta(days=1))
        vragen |= Q(huis__in=huis_ids, ingediend__gte=ingediend.begin, ingediend__lt=ingediend.einde)
        rijen |= Q(huis__in=huis_ids, maand=maand)
    for vorm in VORMEN:
        vorm.model.objects.filter(rijen, **vorm.vast).delete()
        sleutels = [sleutel for sleutel in PER_MAAND if sleutel not in vorm.sleutels]
        namen = (*sleutels, *vorm.sleutels, *vorm.tellers)
        vorm.model.objects.bulk_create(
            (
                vorm.model(**vorm.vast, **dict(zip(namen, _waarden(rij), strict=True)))
                for rij in vorm.ruw(vragen, True)
                .values_list(*sleutels, *vorm.sleutels)
                .annotate(**vorm.tellers)
            ),
            batch_size=PER_KEER,
        )


def _waarden(rij: tuple) -> list:
    return [wachtdagen(waarde) if isinstance(waarde, datetime.timedelta) else waarde for waarde in rij]
