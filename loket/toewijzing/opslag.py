"""A round's input and proposal as plain JSON-able dicts, to store with the round and replay it.

The rule sets are stored in full (not by name), so a replay years later uses the rules the round
used, even if the shipped sets have changed since.
"""

from __future__ import annotations

import datetime
from typing import Any

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
from .voorrang import REGELSETS

VERSIE = 1


def _profiel(profiel: Profiel) -> dict[str, Any]:
    return {
        "groepen": [
            {
                "code": g.code,
                "naam": g.naam,
                "alle": [str(c) for c in g.alle],
                "een_van": [str(c) for c in g.een_van],
                "absoluut": g.absoluut,
            }
            for g in profiel.groepen
        ],
        "reserve_procent": profiel.reserve_procent,
    }


def _profiel_uit(data: dict[str, Any]) -> Profiel:
    return Profiel(
        groepen=tuple(
            Voorranggroep(
                code=g["code"],
                naam=g["naam"],
                alle=tuple(Criterium(c) for c in g["alle"]),
                een_van=tuple(Criterium(c) for c in g["een_van"]),
                absoluut=g["absoluut"],
            )
            for g in data["groepen"]
        ),
        reserve_procent=data["reserve_procent"],
    )


def invoer_naar_dict(invoer: Invoer) -> dict[str, Any]:
    """The input of a round as a JSON-able dict (ids, ISO dates and times, the full rule sets)."""
    regelsets = tuple(invoer.regelsets) or REGELSETS
    return {
        "versie": VERSIE,
        "peildatum": invoer.peildatum.isoformat(),
        "volgorde": str(invoer.volgorde),
        "seed": invoer.seed,
        "regelsets": [
            {
                "code": r.code,
                "naam": r.naam,
                "geldig_van": r.geldig_van.isoformat(),
                "geldig_tot": r.geldig_tot.isoformat() if r.geldig_tot else None,
                "inkomenstarief": _profiel(r.inkomenstarief),
                "vrije_prijs": _profiel(r.vrije_prijs),
                "bron": r.bron,
            }
            for r in regelsets
        ],
        "plaatsgroepen": [
            {
                "id": g.id,
                "locatie": g.locatie,
                "capaciteit": g.capaciteit,
                "inkomenstarief": g.inkomenstarief,
                "naam": g.naam,
            }
            for g in sorted(invoer.plaatsgroepen, key=lambda g: g.id)
        ],
        "aanvragers": [
            {
                "id": a.id,
                "keuzes": list(a.keuzes),
                "ingediend": a.ingediend.isoformat(),
                "plaatsen": a.plaatsen,
                "lotnummer": a.lotnummer,
                "opvang_voor_werk": a.opvang_voor_werk,
                "alleenstaande_ouder": a.alleenstaande_ouder,
                "laag_inkomen": a.laag_inkomen,
                "pleegkind": a.pleegkind,
                "broer_zus_locaties": list(a.broer_zus_locaties),
                "kwetsbaar": a.kwetsbaar,
            }
            for a in sorted(invoer.aanvragers, key=lambda a: a.id)
        ],
    }


def invoer_uit_dict(data: dict[str, Any]) -> Invoer:
    """The stored input back, ready for `toewijzen` (same input, same seed: same result)."""
    if data.get("versie") != VERSIE:
        raise OngeldigeInvoer(f"Onbekende versie van de opgeslagen invoer: {data.get('versie')!r}.")
    return Invoer(
        aanvragers=tuple(
            Aanvrager(
                id=a["id"],
                keuzes=tuple(a["keuzes"]),
                ingediend=datetime.datetime.fromisoformat(a["ingediend"]),
                plaatsen=a["plaatsen"],
                lotnummer=a["lotnummer"],
                opvang_voor_werk=a["opvang_voor_werk"],
                alleenstaande_ouder=a["alleenstaande_ouder"],
                laag_inkomen=a["laag_inkomen"],
                pleegkind=a["pleegkind"],
                broer_zus_locaties=tuple(a["broer_zus_locaties"]),
                kwetsbaar=a["kwetsbaar"],
            )
            for a in data["aanvragers"]
        ),
        plaatsgroepen=tuple(Plaatsgroep(**g) for g in data["plaatsgroepen"]),
        peildatum=datetime.date.fromisoformat(data["peildatum"]),
        volgorde=Volgorde(data["volgorde"]),
        seed=data["seed"],
        regelsets=tuple(
            Regelset(
                code=r["code"],
                naam=r["naam"],
                geldig_van=datetime.date.fromisoformat(r["geldig_van"]),
                geldig_tot=datetime.date.fromisoformat(r["geldig_tot"]) if r["geldig_tot"] else None,
                inkomenstarief=_profiel_uit(r["inkomenstarief"]),
                vrije_prijs=_profiel_uit(r["vrije_prijs"]),
                bron=r["bron"],
            )
            for r in data["regelsets"]
        ),
    )


def resultaat_naar_dict(resultaat: Resultaat, *, met_uitleg: bool = True) -> dict[str, Any]:
    """The proposal as a JSON-able dict: per applicant the place group (or None) and, if asked,
    the explanation data (reason code and groups per choice above the outcome)."""
    data: dict[str, Any] = {
        "versie": VERSIE,
        "toewijzing": [[aanvrager_id, groep] for aanvrager_id, groep in resultaat.toewijzing.items()],
        "stabiel": resultaat.stabiel,
        "blokkerende_paren": [list(paar) for paar in resultaat.blokkerende_paren],
        "terugroepingen": resultaat.terugroepingen,
        "regelset_plaatsen": resultaat.regelset_plaatsen,
        "niet_samen": list(resultaat.niet_samen),
    }
    if met_uitleg:
        data["uitleg"] = [
            {
                "aanvrager": u.aanvrager,
                "plaatsgroep": u.plaatsgroep,
                "rang": u.rang,
                "plaatsen": u.plaatsen,
                "regelset": u.regelset,
                "samen_onmogelijk": u.samen_onmogelijk,
                "keuzes": [
                    [rang, kz.plaatsgroep, str(kz.reden), kz.groep, kz.groep_grens]
                    for rang, kz in enumerate(u.keuzes, 1)
                ],
            }
            for u in resultaat.alle_uitleg().values()
        ]
    return data


def uitleg_uit_dict(data: dict[str, Any]) -> Uitleg:
    """One stored explanation back (for `uitleg.tekst` on the parent's page)."""
    return Uitleg(
        aanvrager=data["aanvrager"],
        plaatsgroep=data["plaatsgroep"],
        rang=data["rang"],
        keuzes=tuple(
            KeuzeUitleg(plaatsgroep, Reden(reden), groep, grens)
            for _rang, plaatsgroep, reden, groep, grens in data["keuzes"]
        ),
        plaatsen=data["plaatsen"],
        regelset=data["regelset"],
        samen_onmogelijk=data["samen_onmogelijk"],
    )
