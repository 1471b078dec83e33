"""Hypothesis strategies: small allocation rounds with priorities, reserves and siblings."""

import datetime

from hypothesis import strategies as st

from loket.toewijzing import (
    REGELSET_2024,
    REGELSET_VOOR_2024,
    Aanvrager,
    Invoer,
    Plaatsgroep,
    Profiel,
    Regelset,
    Volgorde,
)

PEILDATUM = datetime.date(2025, 6, 1)

# A few submission times: before and after the change of rules, and equal times (the id decides).
TIJDEN = [
    datetime.datetime(2023, 11, 5, 9, 0),
    datetime.datetime(2024, 3, 31, 23, 59),
    datetime.datetime(2024, 4, 1, 8, 0),
    datetime.datetime(2024, 9, 12, 14, 30),
    datetime.datetime(2025, 1, 20, 10, 15),
]


def regelsets(reserve_procent: int) -> tuple[Regelset, ...]:
    """The shipped sets, with the reserve of the current set replaced (rule sets are data)."""
    huidig = Regelset(
        code="test_2024",
        naam="test",
        geldig_van=REGELSET_2024.geldig_van,
        geldig_tot=None,
        inkomenstarief=Profiel(groepen=REGELSET_2024.inkomenstarief.groepen, reserve_procent=reserve_procent),
        vrije_prijs=REGELSET_2024.vrije_prijs,
    )
    return (REGELSET_VOOR_2024, huidig)


@st.composite
def instanties(
    draw,
    *,
    max_gezinnen: int = 9,
    max_groepen: int = 4,
    max_capaciteit: int = 4,
    min_capaciteit: int = 0,
    meerlingen: bool = True,
    reserve: bool = True,
    loting: bool | None = None,
) -> Invoer:
    aantal_groepen = draw(st.integers(1, max_groepen))
    groepen = tuple(
        Plaatsgroep(
            id=10 + p,
            locatie=draw(st.integers(1, 3)),
            capaciteit=draw(st.integers(min_capaciteit, max_capaciteit)),
            inkomenstarief=draw(st.booleans()),
        )
        for p in range(aantal_groepen)
    )
    ids = [g.id for g in groepen]
    aantal = draw(st.integers(0, max_gezinnen))
    aanvrager_ids = draw(st.lists(st.integers(1, 1000), min_size=aantal, max_size=aantal, unique=True))
    aanvragers = []
    for aanvrager_id in aanvrager_ids:
        keuzes = draw(st.permutations(ids))
        keuzes = keuzes[: draw(st.integers(0, len(keuzes)))]
        plaatsen = draw(st.sampled_from([1, 1, 1, 2, 2, 3])) if meerlingen else 1
        aanvragers.append(
            Aanvrager(
                id=aanvrager_id,
                keuzes=tuple(keuzes),
                ingediend=draw(st.sampled_from(TIJDEN)),
                plaatsen=plaatsen,
                opvang_voor_werk=draw(st.booleans()),
                alleenstaande_ouder=draw(st.booleans()),
                laag_inkomen=draw(st.booleans()),
                pleegkind=draw(st.booleans()),
                broer_zus_locaties=tuple(draw(st.sets(st.integers(1, 3), max_size=2))),
                kwetsbaar=draw(st.booleans()) if reserve else False,
            )
        )
    procent = draw(st.sampled_from([0, 20, 50])) if reserve else 0
    if loting is None:
        loting = draw(st.booleans())
    return Invoer(
        aanvragers=tuple(aanvragers),
        plaatsgroepen=groepen,
        peildatum=PEILDATUM,
        volgorde=Volgorde.LOTING if loting else Volgorde.INSCHRIJVING,
        seed=draw(st.integers(0, 2**32)) if loting else None,
        regelsets=regelsets(procent),
    )
