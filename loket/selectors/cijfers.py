"""The figures of the Lokaal Loket Kinderopvang (decree task 4): for the gemeente's council, the
organisers and Opgroeien, per gemeente and period. Nothing here checks who may see them.

- `cijfers_loket(huis, periode, gemeente)`: the requests of the loket of `huis`, per home gemeente
  (optionally only one gemeente); a request counts at the loket where the family lives, and its
  placement also at the loket where it was placed ("geplaatst bij dit loket, gezin woont elders");
- `cijfers_gemeente(gemeente, periode)`: the requests of families living in `gemeente`, whichever
  loket they turned to (the council report's chapter);
- `cijfers_vlaanderen(periode, filter)`: Flanders-wide or a provincie and/or VRIND cluster, for
  Opgroeien, with a table per loket;
- `onderdruk(cijfers)`: the same figures with small counts hidden, for everything that leaves the
  loket (`loket.cijfers.onderdrukking`); `grafieken(cijfers)`: the charts of the tables.

Which requests count and how: `loket.cijfers.gegevens` (the reads, the whole months of a period
from `loket.cijfers.maandtellingen`) and `loket.cijfers.berekening` (the arithmetic); the tables:
`loket.cijfers.tabellen`.

The figures are cached per version of the data they are computed from (`kern.versies`): any
write of a loket (its requests, offers, locations and places; other lokets' locations appear
among the choices of a loket's families), of the Huizen (names, areas) and of the reference
data (gemeenten, provincie, cluster). With `onderdrukt=True` a function gives the figures with
small counts hidden (`onderdruk`), cached as well.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from huizen.models import Gemeente, Huis
from kern.cijfers import Filter, Periode
from kern.versies import gecachet
from loket.cijfers import gegevens as lezen
from loket.cijfers import maandtellingen
from loket.cijfers import tabellen as t
from loket.cijfers.grafieken import grafieken
from loket.cijfers.onderdrukking import onderdruk
from loket.cijfers.tabellen import (
    LOKET_TABELLEN,
    TEKEN_KLEIN,
    UITLEG_ONDERDRUKKING,
    VLAANDEREN_TABELLEN,
    Cijfers,
    Waarde,
)
from loket.models import Loketgebied

__all__ = [
    "LOKET_TABELLEN",
    "TEKEN_KLEIN",
    "UITLEG_ONDERDRUKKING",
    "VLAANDEREN_TABELLEN",
    "Cijfers",
    "Waarde",
    "cijfers_gemeente",
    "cijfers_loket",
    "cijfers_vlaanderen",
    "gemeenten_van_loket",
    "grafieken",
    "onderdruk",
]


# What the figures are computed from (kern.versies scopes).
BRONNEN = ("loket", "huizen", "referentie")


def _gecachet(naam: str, maak: Callable[[], Cijfers], onderdrukt: bool, *delen: object) -> Cijfers:
    if onderdrukt:
        return gecachet(
            f"{naam}-onderdrukt", BRONNEN, lambda: onderdruk(_gecachet(naam, maak, False, *delen)), *delen
        )
    return gecachet(naam, BRONNEN, lambda: _bijgewerkt(maak), *delen)


def _bijgewerkt(maak: Callable[[], Cijfers]) -> Cijfers:
    """`maak()` once the months still marked are counted (`maandtellingen.werk_bij`)."""
    maandtellingen.werk_bij()
    return maak()


def gemeenten_van_loket(huis: Huis) -> list[Gemeente]:
    """The gemeenten of the area of the loket the Huis hosts, today's and earlier ones, by name."""
    ids = Loketgebied.objects.voor_huis(huis).values("gemeente_id")
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam", "pk"))


def cijfers_loket(
    huis: Huis, periode: Periode | None = None, gemeente: Gemeente | None = None, *, onderdrukt: bool = False
) -> Cijfers:
    """The figures of the loket of `huis`: all its requests, or those of families in `gemeente`."""
    periode = periode or Periode.laatste_12_maanden()
    return _gecachet(
        "loket-cijfers",
        lambda: _cijfers_loket(huis, periode, gemeente),
        onderdrukt,
        huis.pk,
        periode,
        gemeente.pk if gemeente is not None else None,
    )


def _cijfers_loket(huis: Huis, periode: Periode, gemeente: Gemeente | None) -> Cijfers:
    vragen = Q(huis=huis)
    locaties = Q(huis=huis)
    if gemeente is not None:
        vragen &= Q(gemeente=gemeente)
        locaties &= Q(gemeente=gemeente)
    namen = {g.pk: g.naam for g in ([gemeente] if gemeente is not None else gemeenten_van_loket(huis))}
    lijst = list(namen)
    gegevens = lezen.lees_tellingen(vragen, locaties, periode, gemeenten=namen)
    titel = f"Lokaal Loket Kinderopvang – {huis.naam}"
    if gemeente is not None:
        titel += f" – {gemeente.naam}"
    elders = lezen.geplaatst_van_elders(huis.pk, periode, locaties)
    return t.cijfers(
        titel,
        periode,
        gegevens,
        [
            t.tabel_gemeenten(gegevens, lijst),
            *t.algemene_tabellen(gegevens),
            t.tabel_voorkeuren(gegevens),
            t.tabel_elders_geplaatst(elders),
        ],
    )


def cijfers_gemeente(
    gemeente: Gemeente, periode: Periode | None = None, *, onderdrukt: bool = False
) -> Cijfers:
    """The figures of the families living in `gemeente`, whichever loket they turned to; the
    locations are those in the gemeente and those its families chose."""
    periode = periode or Periode.laatste_12_maanden()
    return _gecachet(
        "loket-cijfers-gemeente",
        lambda: _cijfers_gemeente(gemeente, periode),
        onderdrukt,
        gemeente.pk,
        periode,
    )


def _cijfers_gemeente(gemeente: Gemeente, periode: Periode) -> Cijfers:
    gegevens = lezen.lees_tellingen(Q(gemeente=gemeente), Q(gemeente=gemeente), periode)
    return t.cijfers(
        f"Lokaal Loket Kinderopvang – gemeente {gemeente.naam}",
        periode,
        gegevens,
        [*t.algemene_tabellen(gegevens), t.tabel_voorkeuren(gegevens)],
    )


def cijfers_vlaanderen(
    periode: Periode | None = None, filter: Filter | None = None, *, onderdrukt: bool = False
) -> Cijfers:
    """Flanders-wide, or one provincie and/or VRIND cluster (by number): per loket and per gemeente.
    A provincie or cluster holds the requests of families whose home gemeente lies in it; the
    loketten listed are the Huizen in it that run a loket, and any other loket with requests
    from its gemeenten."""
    periode = periode or Periode.laatste_12_maanden()
    filter = filter or Filter()
    return _gecachet(
        "loket-cijfers-vlaanderen",
        lambda: _cijfers_vlaanderen(periode, filter),
        onderdrukt,
        periode,
        (filter.provincie, filter.cluster, filter.dag),
    )


def _cijfers_vlaanderen(periode: Periode, filter: Filter) -> Cijfers:
    gefilterd = bool(filter.provincie or filter.cluster is not None)
    gemeente_ids = lezen.gemeenten_in(filter).values("pk")
    vragen = Q(gemeente__in=gemeente_ids) if gefilterd else Q()
    locaties = Q(gemeente__in=gemeente_ids) if gefilterd else Q()
    huis_ids = lezen.loketten_in(filter)
    gegevens = lezen.lees_tellingen(vragen, locaties, periode, met_huizen=True, huis_ids=huis_ids)
    return t.cijfers(
        "Lokale Loketten Kinderopvang – Vlaanderen",
        periode,
        gegevens,
        [
            t.tabel_loketten(gegevens, huis_ids),
            t.tabel_gemeenten(gegevens),
            *t.algemene_tabellen(gegevens),
            t.tabel_voorkeuren(gegevens, per_loket=True),
        ],
        verbanden=t.verbanden_loketten_gemeenten(gegevens),
    )
