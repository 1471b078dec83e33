"""The demand for one childcare location, as its provider may see it: how many families on the
waiting list chose it, by wished start month, age group and day pattern. No names and no other
detail of a family; small counts are hidden as in everything that leaves the loket
(`loket.cijfers.onderdrukking`).

Counted are the requests on the waiting list (active, or with an open offer) that still hold an
active choice of the location, whatever their rank. The database groups them; Python only labels
the few groups.
"""

from __future__ import annotations

import datetime
from collections import Counter

from django.db.models import Count
from django.db.models.functions import TruncMonth

from loket.cijfers.onderdrukking import onderdruk_tabellen
from loket.cijfers.tabellen import LEEFTIJDSRIJEN, MAANDEN, Rapporttabel, Regel, Waarde
from loket.models import Dagdeel, Opvanglocatie, Status, Voorkeur

#: The start months shown one by one from this month on; later wishes share one row.
MAANDEN_VOORUIT = 12


def _tabel(naam: str, titel: str, kop: str, rijen: list[tuple[str, int]], totaal: int) -> Rapporttabel:
    regels = [Regel(label, (Waarde(n, "aantal", f"{naam}:{label}"),)) for label, n in rijen]
    regels.append(Regel("Totaal", (Waarde(totaal, "aantal", "vraag:totaal"),)))
    return Rapporttabel(naam, titel, (kop, "Gezinnen"), tuple(regels), kolomsom=(0,))


def _maanden_later(maand: datetime.date, aantal: int) -> datetime.date:
    index = maand.month - 1 + aantal
    return datetime.date(maand.year + index // 12, index % 12 + 1, 1)


def _maandlabel(maand: datetime.date) -> str:
    return f"{MAANDEN[maand.month - 1]} {maand.year}"


def vraag_naar(locatie: Opvanglocatie, vandaag: datetime.date) -> list[Rapporttabel]:
    """Three tables of the families waiting for `locatie` (per start month, age group, day
    pattern), each with its total, small counts hidden. Empty when no family waits for it."""
    groepen = list(
        Voorkeur.objects.filter(
            locatie=locatie, actief=True, opvangvraag__status__in=[Status.ACTIEF, Status.AANBOD]
        )
        .values_list(
            TruncMonth("opvangvraag__gewenste_start"),
            "opvangvraag__leeftijdsgroep",
            "opvangvraag__dagen",
            "opvangvraag__dagdeel",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    totaal = sum(n for *_sleutel, n in groepen)
    if not totaal:
        return []

    deze_maand = vandaag.replace(day=1)
    laatste = _maanden_later(deze_maand, MAANDEN_VOORUIT - 1)
    per_maand, per_groep, per_patroon = Counter(), Counter(), Counter()
    for maand, groep, dagen, dagdeel, n in groepen:
        maand = maand.date() if isinstance(maand, datetime.datetime) else maand
        per_maand[(0, None) if maand < deze_maand else (2, None) if maand > laatste else (1, maand)] += n
        per_groep[groep] += n
        per_patroon[(len(dagen), dagdeel)] += n

    vooraf = {0: f"Al vóór {_maandlabel(deze_maand)}", 2: f"Na {_maandlabel(laatste)}"}
    maandrijen = [
        (vooraf.get(soort) or _maandlabel(maand), n) for (soort, maand), n in sorted(per_maand.items())
    ]
    groeprijen = [(label, per_groep[groep]) for groep, label in LEEFTIJDSRIJEN if per_groep[groep]]
    if per_groep[""]:
        groeprijen.append(("Nog niet gekend", per_groep[""]))
    dagdelen = dict(Dagdeel.choices)
    patroonrijen = [
        (f"{aantal} {'dag' if aantal == 1 else 'dagen'} per week, {dagdelen[dagdeel]}", n)
        for (aantal, dagdeel), n in sorted(per_patroon.items(), key=lambda item: (-item[0][0], item[0][1]))
    ]
    return onderdruk_tabellen(
        [
            _tabel("startmaand", "Gewenste start", "Gewenste startmaand", maandrijen, totaal),
            _tabel("leeftijd", "Leeftijd bij de gewenste start", "Leeftijdsgroep", groeprijen, totaal),
            _tabel("dagen", "Gewenste dagen", "Dagen per week", patroonrijen, totaal),
        ]
    )
