"""Maps of a survey wave: a value per responding Huis drawn on the gemeenten it covered in the
wave (`kenmerken_van_golf`), with the outlines of the gemeenten as they were on the wave's
reference date (`huizen.selectors.omtrekken_op`): a 2022 wave on the 300 + 19 gemeenten of 2022,
not on today's. Used by Opgroeien's map page and the Flemish survey report."""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from django.utils.formats import date_format

from bevraging.models import Golf, Vraag, Vraagtype
from bevraging.selectors.kenmerken import kenmerken_van_golf, peildatum_van
from huizen import selectors as huizen


@dataclass(frozen=True)
class Golfkaart:
    indicator: huizen.Indicatorkaart
    peildatum: datetime.date  # the day the gemeenten are drawn as they were
    gemeenten_per_huis: dict[int, tuple[int, ...]]  # each Huis with a value: its gemeenten (pks) then


#: The kinds of question whose answer per Huis can colour a map.
KAARTVRAGEN = (Vraagtype.SCORE, Vraagtype.GETAL, Vraagtype.JA_NEE)


def kaartvragen():
    """The questions of every wave that a map can show, newest wave first."""
    return (
        Vraag.objects.filter(type__in=KAARTVRAGEN, vragenlijst__golf__isnull=False)
        .select_related("vragenlijst__golf")
        .order_by("-vragenlijst__golf__jaar", "thema__volgorde", "volgorde", "pk")
    )


def kaartvraag(golf_pk: int, sleutel: str) -> Vraag | None:
    """The question `sleutel` of wave `golf_pk` (with its wave), if a map can show it."""
    return kaartvragen().filter(vragenlijst__golf__pk=golf_pk, sleutel=sleutel).first()


def golfkaart(
    golf: Golf,
    per_huis: Mapping[int, tuple[float, str]],
    *,
    titel: str,
    kolom: str,
    opmaak: Callable[[float], str],
    toelichting: str = "",
    categorieen: list[tuple[float, str]] | None = None,
) -> Golfkaart:
    """A choropleth of `per_huis` (Huis pk -> (value, the value as text)) on the gemeenten each
    Huis covered in the wave, drawn as they were on the wave's reference date (the day its Huizen
    were kept on, else `peildatum_van`); a gemeente of that day without a Huis with a value is
    drawn as "geen gegevens". `categorieen`: see `huizen.selectors.indicatorkaart`."""
    kenmerken = kenmerken_van_golf(golf, per_huis)
    dagen = Counter(k.peildatum for k in kenmerken.values())
    # the day the wave kept its Huizen on (a closed wave), else its reference date
    peildatum = dagen.most_common(1)[0][0] if dagen else peildatum_van(golf)
    lopend = not (golf.eind or golf.afgesloten_op or any(k.vastgelegd for k in kenmerken.values()))
    waarden: dict[int, tuple[float | None, str]] = {}
    for huis_id, k in kenmerken.items():
        for gemeente in k.gemeenten:
            waarden.setdefault(gemeente.pk, per_huis[huis_id])
    datum = date_format(peildatum, "j F Y")
    indicator = huizen.indicatorkaart(
        titel=titel,
        kolom=kolom,
        waarden=waarden,
        opmaak=opmaak,
        url_van=huizen.gemeentelinks(),
        gemeenten=huizen.kaartgemeenten(peildatum),
        omtrekken=huizen.omtrekken_op(peildatum),
        categorieen=categorieen,
        toelichting=" ".join(
            t
            for t in (
                f"De kaart toont de gemeenten zoals ze waren op {datum}, de peildatum van {golf.naam}, "
                "elk met het Huis dat ze toen bediende."
                if not lopend
                else f"{golf.naam} heeft nog geen einde: de kaart toont de gemeenten zoals ze zijn op "
                f"{datum} (vandaag), elk met het Huis dat ze nu bedient.",
                toelichting,
            )
            if t
        ),
    )
    return Golfkaart(
        indicator=indicator,
        peildatum=peildatum,
        gemeenten_per_huis={pk: tuple(g.pk for g in k.gemeenten) for pk, k in kenmerken.items()},
    )
