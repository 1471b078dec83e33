"""The figures of the Lokaal Loket Kinderopvang (decree task 4): for the gemeente's council, the
organisers and Opgroeien, per gemeente and period. Nothing here checks who may see them.

- `cijfers_loket(huis, periode, gemeente)`: the requests of the loket of `huis`, per home gemeente
  (optionally only one gemeente);
- `cijfers_gemeente(gemeente, periode)`: the requests of families living in `gemeente`, whichever
  loket they turned to (the council report's chapter);
- `cijfers_vlaanderen(periode, filter)`: Flanders-wide or a provincie and/or VRIND cluster, for
  Opgroeien, with a table per loket;
- `onderdruk(cijfers)`: the same figures with small counts hidden, for everything that leaves the
  loket (`loket.cijfers.onderdrukking`); `grafieken(cijfers)`: the charts of the tables.

Which requests count and how: `loket.cijfers.gegevens` (the reads) and `loket.cijfers.berekening`
(the arithmetic); the tables: `loket.cijfers.tabellen`.
"""

from __future__ import annotations

from django.db.models import Q

from huizen.models import Gemeente, Huis, Werkingsgebied
from kern.cijfers import Filter, Periode
from loket.cijfers import gegevens as lezen
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


def gemeenten_van_loket(huis: Huis) -> list[Gemeente]:
    """The gemeenten of the Huis's werkingsgebied, today's and earlier ones, by name."""
    ids = Werkingsgebied.objects.voor_huis(huis).values("gemeente_id")
    return list(Gemeente.objects.filter(pk__in=ids).order_by("naam", "pk"))


def cijfers_loket(huis: Huis, periode: Periode | None = None, gemeente: Gemeente | None = None) -> Cijfers:
    """The figures of the loket of `huis`: all its requests, or those of families in `gemeente`."""
    periode = periode or Periode.laatste_12_maanden()
    vragen = Q(huis=huis)
    locaties = Q(huis=huis)
    if gemeente is not None:
        vragen &= Q(gemeente=gemeente)
        locaties &= Q(gemeente=gemeente)
    lijst = [gemeente.pk] if gemeente is not None else [g.pk for g in gemeenten_van_loket(huis)]
    gegevens = lezen.lees_tellingen(vragen, locaties, periode, gemeente_ids=lijst)
    titel = f"Lokaal Loket Kinderopvang – {huis.naam}"
    if gemeente is not None:
        titel += f" – {gemeente.naam}"
    return t.cijfers(
        titel,
        periode,
        gegevens,
        [t.tabel_gemeenten(gegevens, lijst), *t.algemene_tabellen(gegevens), t.tabel_voorkeuren(gegevens)],
    )


def cijfers_gemeente(gemeente: Gemeente, periode: Periode | None = None) -> Cijfers:
    """The figures of the families living in `gemeente`, whichever loket they turned to; the
    locations are those in the gemeente and those its families chose."""
    periode = periode or Periode.laatste_12_maanden()
    gegevens = lezen.lees_tellingen(Q(gemeente=gemeente), Q(gemeente=gemeente), periode)
    return t.cijfers(
        f"Lokaal Loket Kinderopvang – gemeente {gemeente.naam}",
        periode,
        gegevens,
        [*t.algemene_tabellen(gegevens), t.tabel_voorkeuren(gegevens)],
    )


def cijfers_vlaanderen(periode: Periode | None = None, filter: Filter | None = None) -> Cijfers:
    """Flanders-wide, or one provincie and/or VRIND cluster (by number): per loket and per gemeente.
    A provincie or cluster holds the requests of families whose home gemeente lies in it; the
    loketten listed are the Huizen in it that run a loket, and any other loket with requests
    from its gemeenten."""
    periode = periode or Periode.laatste_12_maanden()
    filter = filter or Filter()
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
