"""Worked examples of allocation rounds, with the Dutch explanation a parent reads."""

import ast
import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest

from loket.toewijzing import (
    REGELSET_2024,
    REGELSET_VOOR_2024,
    Aanvrager,
    Invoer,
    OngeldigeInvoer,
    Plaatsgroep,
    Reden,
    Volgorde,
    controleer,
    kwetsbaar,
    regelset_op,
    reserveplaatsen,
    tekst,
    tekst_medewerker,
    toewijzen,
    trek_lotnummers,
)
from loket.toewijzing.uitleg import rangwoord

PEILDATUM = datetime.date(2025, 6, 1)
PAKKET = Path(__file__).resolve().parents[3] / "loket" / "toewijzing"


def tijd(dag: int, uur: int = 9) -> datetime.datetime:
    return datetime.datetime(2025, 1, dag, uur)


def ronde(aanvragers, groepen, **kwargs):
    invoer = Invoer(aanvragers=tuple(aanvragers), plaatsgroepen=tuple(groepen), peildatum=PEILDATUM, **kwargs)
    resultaat = toewijzen(invoer)
    assert controleer(invoer, resultaat.toewijzing).in_orde
    return resultaat


BOOMHUT = Plaatsgroep(id=1, locatie=10, capaciteit=1, naam="De Boomhut")
KLAPROOS = Plaatsgroep(id=2, locatie=20, capaciteit=1, naam="De Klaproos")
NAMEN = {1: "De Boomhut", 2: "De Klaproos"}


def test_absolute_voorrang_voor_werk():
    eerst = Aanvrager(id=1, keuzes=(1, 2), ingediend=tijd(1))
    werkend = Aanvrager(id=2, keuzes=(1, 2), ingediend=tijd(2), opvang_voor_werk=True)
    resultaat = ronde([eerst, werkend], [BOOMHUT, KLAPROOS])
    assert resultaat.toewijzing == {1: 2, 2: 1}
    uitleg = resultaat.uitleg(1)
    assert [kz.reden for kz in uitleg.keuzes] == [Reden.ABSOLUTE_VOORRANG]
    assert tekst(uitleg) == (
        "Uw eerste keuze ging naar gezinnen met absolute voorrang. U krijgt een plaats bij uw tweede keuze."
    )
    assert tekst(uitleg, NAMEN) == (
        "Uw eerste keuze (De Boomhut) ging naar gezinnen met absolute voorrang. "
        "U krijgt een plaats bij uw tweede keuze (De Klaproos)."
    )
    assert tekst(resultaat.uitleg(2)) == "U krijgt een plaats bij uw eerste keuze."


def test_voorranggroep_en_inschrijvingsdatum():
    werk = Aanvrager(id=1, keuzes=(1, 2), ingediend=tijd(3), opvang_voor_werk=True)
    alleenstaand = Aanvrager(id=2, keuzes=(1, 2), ingediend=tijd(2), alleenstaande_ouder=True)
    later = Aanvrager(id=3, keuzes=(2, 1), ingediend=tijd(4), alleenstaande_ouder=True)
    zonder = Aanvrager(id=4, keuzes=(1, 2), ingediend=tijd(1))
    resultaat = ronde([werk, alleenstaand, later, zonder], [BOOMHUT, KLAPROOS])
    assert resultaat.toewijzing == {1: 1, 2: 2, 3: None, 4: None}
    assert tekst(resultaat.uitleg(3)) == (
        "Uw eerste keuze ging naar gezinnen uit dezelfde voorranggroep die zich eerder inschreven; "
        "uw tweede keuze ging naar gezinnen met absolute voorrang. "
        "Er was bij geen van uw keuzes een plaats voor u."
    )
    assert tekst(resultaat.uitleg(4)) == (
        "Uw eerste keuze ging naar gezinnen met absolute voorrang; uw tweede keuze ging naar gezinnen uit "
        "een hogere voorranggroep. Er was bij geen van uw keuzes een plaats voor u."
    )
    regels = tekst_medewerker(resultaat.uitleg(4))
    assert regels[0] == "Regelset van de aanvraag: 2024; 1 kind(eren) samen."
    assert "laatste gezin dat de plaats kreeg: voorrang (alleenstaande ouder" in regels[2]


def test_vrije_prijs_zonder_voorranggroepen():
    vrij = Plaatsgroep(id=3, locatie=30, capaciteit=1, inkomenstarief=False)
    werk = Aanvrager(id=1, keuzes=(3,), ingediend=tijd(2), opvang_voor_werk=True, laag_inkomen=True)
    eerst = Aanvrager(id=2, keuzes=(3,), ingediend=tijd(1))
    resultaat = ronde([werk, eerst], [vrij])
    assert resultaat.toewijzing == {1: None, 2: 3}
    assert resultaat.uitleg(1).keuzes[0].reden == Reden.EERDER_INGESCHREVEN


def test_loting_met_vastgelegde_seed():
    assert trek_lotnummers([3, 1, 2], seed="ronde-2025-09") == trek_lotnummers(
        [1, 2, 3], seed="ronde-2025-09"
    )
    assert sorted(trek_lotnummers(range(1, 11), seed=7).values()) == list(range(1, 11))
    assert trek_lotnummers(range(1, 11), seed=7) != trek_lotnummers(range(1, 11), seed=8)

    aanvragers = [Aanvrager(id=n, keuzes=(1,), ingediend=tijd(n)) for n in range(1, 6)]
    loten = trek_lotnummers(range(1, 6), seed=2025)
    resultaat = ronde(aanvragers, [BOOMHUT], volgorde=Volgorde.LOTING, seed=2025)
    winnaar = min(loten, key=loten.get)
    assert resultaat.toewijzing[winnaar] == 1
    verliezer = next(n for n in range(1, 6) if n != winnaar)
    assert tekst(resultaat.uitleg(verliezer)).startswith(
        "Uw eerste keuze ging naar gezinnen uit dezelfde voorranggroep met een lager lotnummer."
    )
    # Recorded numbers replay to the same result.
    met_nummers = [
        Aanvrager(id=a.id, keuzes=a.keuzes, ingediend=a.ingediend, lotnummer=loten[a.id]) for a in aanvragers
    ]
    assert ronde(met_nummers, [BOOMHUT], volgorde=Volgorde.LOTING).toewijzing == resultaat.toewijzing


def test_reserve_voor_kwetsbare_gezinnen():
    groep = Plaatsgroep(id=5, locatie=50, capaciteit=5)
    assert reserveplaatsen(5, 20) == 1
    werkend = [Aanvrager(id=n, keuzes=(5,), ingediend=tijd(n), opvang_voor_werk=True) for n in range(1, 6)]
    kwetsbaar_gezin = Aanvrager(id=9, keuzes=(5,), ingediend=tijd(20), kwetsbaar=True)
    resultaat = ronde([*werkend, kwetsbaar_gezin], [groep])
    assert resultaat.toewijzing == {1: 5, 2: 5, 3: 5, 4: 5, 5: None, 9: 5}
    assert tekst(resultaat.uitleg(5)) == (
        "Uw eerste keuze had alleen nog plaatsen die voorbehouden zijn voor gezinnen in een kwetsbare "
        "situatie. Er was bij geen van uw keuzes een plaats voor u."
    )
    # Without a vulnerable family the reserved seat is released to the others.
    assert ronde(werkend, [groep]).toewijzing == dict.fromkeys(range(1, 6), 5)


def test_reserve_is_een_minimum():
    """A vulnerable family with absolute priority takes a reserved seat (minimum guarantee)."""
    groep = Plaatsgroep(id=5, locatie=50, capaciteit=5)
    sterk = Aanvrager(id=1, keuzes=(5,), ingediend=tijd(1), opvang_voor_werk=True, kwetsbaar=True)
    werkend = [Aanvrager(id=n, keuzes=(5,), ingediend=tijd(n), opvang_voor_werk=True) for n in range(2, 7)]
    zwak = Aanvrager(id=9, keuzes=(5,), ingediend=tijd(20), kwetsbaar=True)
    resultaat = ronde([sterk, *werkend, zwak], [groep])
    assert resultaat.toewijzing[1] == 5
    assert resultaat.toewijzing[9] is None
    assert sorted(a for a, g in resultaat.toewijzing.items() if g == 5) == [1, 2, 3, 4, 5]


def test_broers_en_zussen_samen_of_niet():
    groot = Plaatsgroep(id=1, locatie=10, capaciteit=2)
    klein = Plaatsgroep(id=2, locatie=20, capaciteit=2)
    eerst = Aanvrager(id=1, keuzes=(1,), ingediend=tijd(1))
    tweeling = Aanvrager(id=2, keuzes=(1, 2), ingediend=tijd(2), plaatsen=2)
    later = Aanvrager(id=3, keuzes=(1,), ingediend=tijd(3))
    resultaat = ronde([eerst, tweeling, later], [groot, klein])
    # The twins do not fit together in the one seat left at their first choice; the family after
    # them, with one child, does.
    assert resultaat.toewijzing == {1: 1, 2: 2, 3: 1}
    assert tekst(resultaat.uitleg(2)) == (
        "Uw eerste keuze had niet genoeg vrije plaatsen om al uw kinderen samen op te vangen. "
        "U krijgt een plaats bij uw tweede keuze."
    )
    assert resultaat.niet_samen == ()

    drieling = Aanvrager(id=4, keuzes=(1, 2), ingediend=tijd(4), plaatsen=3)
    resultaat = ronde([eerst, drieling], [groot, klein])
    assert resultaat.toewijzing == {1: 1, 4: None}
    assert resultaat.niet_samen == (4,)
    assert resultaat.uitleg(4).samen_onmogelijk
    assert tekst(resultaat.uitleg(4)).endswith(
        "Uw kinderen konden bij geen van uw keuzes samen geplaatst worden."
    )


def test_voorrang_broer_of_zus_alleen_op_die_locatie():
    a = Plaatsgroep(id=1, locatie=10, capaciteit=1)
    b = Plaatsgroep(id=2, locatie=20, capaciteit=1)
    broer = Aanvrager(id=1, keuzes=(2, 1), ingediend=tijd(5), broer_zus_locaties=(10,))
    eerst = Aanvrager(id=2, keuzes=(2, 1), ingediend=tijd(1))
    tweede = Aanvrager(id=3, keuzes=(1,), ingediend=tijd(2))
    resultaat = ronde([broer, eerst, tweede], [a, b])
    assert resultaat.toewijzing == {1: 1, 2: 2, 3: None}
    assert resultaat.uitleg(1).keuzes[0].reden == Reden.EERDER_INGESCHREVEN
    assert resultaat.uitleg(3).keuzes[0].reden == Reden.HOGERE_VOORRANG


def test_regelset_volgens_de_datum_van_de_aanvraag():
    assert regelset_op(datetime.date(2024, 3, 31)) is REGELSET_VOOR_2024
    assert regelset_op(datetime.date(2024, 4, 1)) is REGELSET_2024
    with pytest.raises(OngeldigeInvoer):
        regelset_op(datetime.date(2010, 1, 1))
    with pytest.raises(OngeldigeInvoer):
        regelset_op(datetime.date(2025, 1, 1), [REGELSET_2024, REGELSET_2024])
    # Under the earlier rules a brother or sister at the location came first; under the 2024
    # rules families that need care for work do.
    groep = Plaatsgroep(id=1, locatie=10, capaciteit=1)
    oud = Aanvrager(id=1, keuzes=(1,), ingediend=datetime.datetime(2024, 2, 1, 9), broer_zus_locaties=(10,))
    werk = Aanvrager(id=2, keuzes=(1,), ingediend=datetime.datetime(2023, 12, 1, 9), opvang_voor_werk=True)
    resultaat = ronde([oud, werk], [groep])
    assert resultaat.toewijzing == {1: 1, 2: None}
    assert resultaat.uitleg(1).regelset == "voor_2024"
    assert resultaat.uitleg(2).keuzes[0].reden == Reden.HOGERE_VOORRANG


def test_geen_stabiele_toewijzing_wordt_gemeld():
    """Families of several children can make every matching unstable (McDermid and Manlove): the
    round settles what it can and leaves the rest to staff."""
    h1 = Plaatsgroep(id=1, locatie=10, capaciteit=2, inkomenstarief=False)
    h2 = Plaatsgroep(id=2, locatie=20, capaciteit=1)
    a = Aanvrager(id=1, keuzes=(2, 1), ingediend=tijd(1))
    gezin = Aanvrager(id=2, keuzes=(1,), ingediend=tijd(2), plaatsen=2)
    b = Aanvrager(id=3, keuzes=(1, 2), ingediend=tijd(3), broer_zus_locaties=(20,))
    invoer = Invoer(aanvragers=(a, gezin, b), plaatsgroepen=(h1, h2), peildatum=PEILDATUM)
    resultaat = toewijzen(invoer)
    assert not resultaat.stabiel
    assert resultaat.blokkerende_paren == controleer(invoer, resultaat.toewijzing).blokkerend
    assert resultaat.blokkerende_paren
    aanvrager_id, groep_id = resultaat.blokkerende_paren[0]
    uitleg = resultaat.uitleg(aanvrager_id)
    assert any(kz.reden == Reden.NAZIEN and kz.plaatsgroep == groep_id for kz in uitleg.keuzes)
    assert "wordt nog nagekeken door het loket" in tekst(uitleg)
    assert toewijzen(invoer).toewijzing == resultaat.toewijzing


def test_geen_plaatsen_en_geen_keuzes():
    leeg = Plaatsgroep(id=1, locatie=10, capaciteit=0)
    resultaat = ronde(
        [Aanvrager(id=1, keuzes=(1,), ingediend=tijd(1)), Aanvrager(id=2, keuzes=(), ingediend=tijd(1))],
        [leeg],
    )
    assert resultaat.toewijzing == {1: None, 2: None}
    assert tekst(resultaat.uitleg(1)) == (
        "Uw eerste keuze had geen vrije plaatsen meer. Er was bij geen van uw keuzes een plaats voor u."
    )
    assert (
        tekst(resultaat.uitleg(2))
        == "U had geen keuzes opgegeven, dus er kon geen plaats voorgesteld worden."
    )
    assert ronde([], [leeg]).toewijzing == {}


def test_ongeldige_invoer():
    with pytest.raises(OngeldigeInvoer):
        Aanvrager(id=1, keuzes=(1, 1), ingediend=tijd(1))
    with pytest.raises(OngeldigeInvoer):
        Aanvrager(id=1, keuzes=(1,), ingediend=tijd(1), plaatsen=0)
    with pytest.raises(OngeldigeInvoer, match="onbekende plaatsgroep"):
        ronde([Aanvrager(id=1, keuzes=(7,), ingediend=tijd(1))], [BOOMHUT])
    with pytest.raises(OngeldigeInvoer, match="onbekende plaatsgroep"):
        ronde([Aanvrager(id=1, keuzes=(-1,), ingediend=tijd(1))], [BOOMHUT])
    with pytest.raises(OngeldigeInvoer):
        ronde([Aanvrager(id=1, keuzes=(1,), ingediend=tijd(1))] * 2, [BOOMHUT])
    with pytest.raises(OngeldigeInvoer):
        ronde([Aanvrager(id=1, keuzes=(1,), ingediend=tijd(1))], [BOOMHUT, BOOMHUT])
    with pytest.raises(OngeldigeInvoer, match="lotnummer"):
        ronde([Aanvrager(id=1, keuzes=(1,), ingediend=tijd(1))], [BOOMHUT], volgorde=Volgorde.LOTING)
    with pytest.raises(OngeldigeInvoer, match="lotnummer"):
        ronde(
            [Aanvrager(id=n, keuzes=(1,), ingediend=tijd(1), lotnummer=1) for n in (1, 2)],
            [BOOMHUT],
            volgorde=Volgorde.LOTING,
        )
    with pytest.raises(OngeldigeInvoer, match="tijdzone"):
        ronde(
            [
                Aanvrager(id=1, keuzes=(1,), ingediend=tijd(1)),
                Aanvrager(id=2, keuzes=(1,), ingediend=tijd(1).replace(tzinfo=datetime.UTC)),
            ],
            [BOOMHUT],
        )


def test_reserveplaatsen_en_kwetsbaarheid():
    assert [reserveplaatsen(q, 20) for q in (0, 1, 2, 3, 7, 8, 12, 13, 50)] == [0, 0, 0, 1, 1, 2, 2, 3, 10]
    assert kwetsbaar([True, False, False, True, False])
    assert not kwetsbaar([False, False, False, True, True])  # none among the first three
    assert not kwetsbaar([True, False, False, False, False])  # only one
    with pytest.raises(ValueError):
        kwetsbaar([True, True])


def test_rangwoorden():
    assert [rangwoord(n) for n in (1, 2, 3, 8, 10, 11, 20, 21)] == [
        "eerste",
        "tweede",
        "derde",
        "achtste",
        "tiende",
        "elfde",
        "twintigste",
        "21ste",
    ]


def test_pakket_gebruikt_geen_django():
    """The algorithm is plain Python: no module of the package imports Django, and it imports
    without Django settings."""
    for bestand in sorted(PAKKET.glob("*.py")):
        boom = ast.parse(bestand.read_text(encoding="utf-8"))
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.Import):
                namen = [alias.name for alias in knoop.names]
            elif isinstance(knoop, ast.ImportFrom):
                namen = [knoop.module or ""]
            else:
                continue
            assert not any(naam.split(".")[0] == "django" for naam in namen), (bestand.name, namen)
    omgeving = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import sys, loket.toewijzing as t; "
        "import datetime; "
        "t.toewijzen(t.Invoer(aanvragers=(), plaatsgroepen=(), peildatum=datetime.date(2025, 1, 1))); "
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    uitvoer = subprocess.run(  # noqa: S603 - our own interpreter and a fixed snippet
        [sys.executable, "-c", code],
        cwd=PAKKET.parents[1],
        env=omgeving,
        capture_output=True,
        text=True,
        check=False,
    )
    assert uitvoer.returncode == 0, uitvoer.stderr
