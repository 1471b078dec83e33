"""Data versions: what a cache entry is keyed by, so that it is never stale and never expires early.

A writing service names the scopes it changed (`verhoog("huis:12", "huizen")`); every reader that
caches something computed from that scope puts the scope's version in the key (`gecachet`). The
counters live in the database (`Gegevensversie`), so a flushed or failing cache can only cost a
recomputation, never serve old figures.

Order matters and is kept here: a counter is raised after the writing transaction commits, and a
reader reads the counters before it reads the data. A reader that runs in between therefore
stores new data under the old version at worst, never old data under the new one.
"""

import datetime
from collections.abc import Callable, Iterable
from hashlib import blake2b
from typing import TypeVar

from django.core.cache import cache
from django.db import connection, transaction
from django.utils import timezone

from kern.models import Gegevensversie

T = TypeVar("T")

#: How long an entry may stay unused: an old version's entries are never read again.
BEWAARTIJD = 24 * 3600
#: The same for entries that hold personal data (a family's request, the loket's queue): an
#: erased or changed request's old HTML is unreachable at once and gone from the cache within this.
BEWAARTIJD_PERSOONLIJK = 3600


def verhoog(*sleutels: str) -> None:
    """Raise the versions of these scopes once the current transaction commits (at once outside
    a transaction)."""
    uniek = sorted(set(sleutels))
    if uniek:
        transaction.on_commit(lambda: _verhoog(uniek))


def _verhoog(sleutels: list[str]) -> None:
    # One statement per key in a fixed order: no lost update, and no deadlock between writers.
    with connection.cursor() as cursor:
        for sleutel in sleutels:
            cursor.execute(
                "INSERT INTO kern_gegevensversie (sleutel, versie) VALUES (%s, 1) "
                "ON CONFLICT (sleutel) DO UPDATE SET versie = kern_gegevensversie.versie + 1",
                [sleutel],
            )


def versies(sleutels: Iterable[str]) -> tuple[int, ...]:
    """The current versions of these scopes, in the given order (0 for a scope never written)."""
    sleutels = list(sleutels)
    if not sleutels:
        return ()
    # Asked on nearly every page: plain SQL, without building an ORM query each time. The table's
    # name comes from the model, quoted; every key is a parameter.
    tabel = connection.ops.quote_name(Gegevensversie._meta.db_table)
    plaatsen = ", ".join(["%s"] * len(sleutels))
    sql = f"SELECT sleutel, versie FROM {tabel} WHERE sleutel IN ({plaatsen})"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, sleutels)
        bekend = dict(cursor.fetchall())
    return tuple(bekend.get(sleutel, 0) for sleutel in sleutels)


def vingerafdruk(naam: str, sleutels: Iterable[str], *delen: object) -> str:
    """A short cache key (or ETag body) for `naam` at the current versions of `sleutels`."""
    sleutels = list(sleutels)
    inhoud = repr((naam, sleutels, versies(sleutels), delen)).encode()
    return f"{naam}:{blake2b(inhoud, digest_size=16).hexdigest()}"


def gecachet(
    naam: str,
    sleutels: Iterable[str],
    maak: Callable[[], T],
    *delen: object,
    bewaartijd: int = BEWAARTIJD,
) -> T:
    """`maak()`, computed once per version of `sleutels` (and per value of `delen`) and cached
    until one of those versions is raised; a rendered template (SafeString) stays safe HTML.
    Without a cache (or with Redis down) it is computed."""
    sleutel = vingerafdruk(naam, sleutels, *delen)
    waarde = cache.get(sleutel, _ONTBREEKT)
    if waarde is _ONTBREEKT:
        waarde = maak()
        cache.set(sleutel, waarde, timeout=bewaartijd)
    return waarde


def gecachet_tot(
    naam: str,
    sleutels: Iterable[str],
    maak: Callable[[], tuple[T, datetime.datetime | None]],
    *delen: object,
    bewaartijd: int = BEWAARTIJD,
) -> tuple[T, datetime.datetime | None]:
    """As `gecachet`, for a value that also changes with the clock (days waited): `maak()` returns
    the value and the moment it stops being right (None: not before the data changes); from then
    on it is computed again. Returns both."""
    sleutel = vingerafdruk(naam, sleutels, *delen)
    bewaard = cache.get(sleutel)
    if bewaard is not None and (bewaard[1] is None or timezone.now() < bewaard[1]):
        return bewaard
    waarde, tot = maak()
    cache.set(sleutel, (waarde, tot), timeout=bewaartijd)
    return waarde, tot


_ONTBREEKT = object()
