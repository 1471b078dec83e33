"""Allocation rounds of the Lokaal Loket Kinderopvang: family-proposing deferred acceptance with
the Flemish priority rules, reserved seats for vulnerable families and siblings placed together.

Plain Python, no Django: the portal loads a round's input from its models into `Invoer`, calls
`toewijzen`, stores input, seed and output, and shows `uitleg.tekst(resultaat.uitleg(id))`.

    >>> from loket.toewijzing import Aanvrager, Invoer, Plaatsgroep, toewijzen  # doctest: +SKIP
    >>> resultaat = toewijzen(Invoer(aanvragers=..., plaatsgroepen=..., peildatum=...))  # doctest: +SKIP
"""

from .algoritme import Ronde, toewijzen
from .controle import Controle, controleer
from .model import (
    Aanvrager,
    Criterium,
    Invoer,
    KeuzeUitleg,
    OngeldigeInvoer,
    Plaatsgroep,
    Profiel,
    Reden,
    Regelset,
    Resultaat,
    Uitleg,
    Volgorde,
    Voorranggroep,
)
from .opslag import invoer_naar_dict, invoer_uit_dict, resultaat_naar_dict, uitleg_uit_dict
from .uitleg import tekst, tekst_medewerker, zinnen
from .voorrang import (
    REGELSET_2024,
    REGELSET_VOOR_2024,
    REGELSETS,
    kwetsbaar,
    regelset_op,
    reserveplaatsen,
    trek_lotnummers,
)

__all__ = [
    "REGELSETS",
    "REGELSET_2024",
    "REGELSET_VOOR_2024",
    "Aanvrager",
    "Controle",
    "Criterium",
    "Invoer",
    "KeuzeUitleg",
    "OngeldigeInvoer",
    "Plaatsgroep",
    "Profiel",
    "Reden",
    "Regelset",
    "Ronde",
    "Resultaat",
    "Uitleg",
    "Volgorde",
    "Voorranggroep",
    "controleer",
    "invoer_naar_dict",
    "invoer_uit_dict",
    "kwetsbaar",
    "regelset_op",
    "reserveplaatsen",
    "resultaat_naar_dict",
    "tekst",
    "tekst_medewerker",
    "toewijzen",
    "trek_lotnummers",
    "uitleg_uit_dict",
    "zinnen",
]
