"""Properties of the allocation round (hypothesis): stability, capacity, reserve, acceptability,
determinism, family-optimality and explanations consistent with the outcome."""

import dataclasses
import json
import random
import warnings

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket.toewijzing import (
    Aanvrager,
    Invoer,
    Plaatsgroep,
    Reden,
    Ronde,
    Volgorde,
    controleer,
    invoer_naar_dict,
    invoer_uit_dict,
    resultaat_naar_dict,
    tekst,
    toewijzen,
    uitleg_uit_dict,
)

from .hulp import Voorrang, alle_stabiele
from .strategieen import PEILDATUM, TIJDEN, instanties, regelsets

INSTELLINGEN = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@INSTELLINGEN
@given(instanties(meerlingen=False))
def test_stabiel_met_een_kind_per_gezin(invoer):
    """Single seats (with priorities and reserves): always stable, never over capacity."""
    resultaat = toewijzen(invoer)
    controle = controleer(invoer, resultaat.toewijzing)
    assert controle.in_orde, controle
    assert resultaat.stabiel
    assert resultaat.terugroepingen == 0


@INSTELLINGEN
@given(instanties())
def test_stabiel_of_gemeld_met_broers_en_zussen(invoer):
    """With siblings the round is stable, or it lists exactly the blocking pairs it could not
    settle (a stable matching need not exist); capacity and the choice rule always hold."""
    resultaat = toewijzen(invoer)
    controle = controleer(invoer, resultaat.toewijzing)
    assert not controle.overvol
    assert not controle.onaanvaardbaar
    assert not controle.inconsistent
    assert set(controle.blokkerend) == set(resultaat.blokkerende_paren)
    assert resultaat.stabiel == (not controle.blokkerend)


@INSTELLINGEN
@given(instanties())
def test_capaciteit_en_aanvaardbaarheid(invoer):
    resultaat = toewijzen(invoer)
    groepen = {g.id: g for g in invoer.plaatsgroepen}
    assert list(resultaat.toewijzing) == sorted(a.id for a in invoer.aanvragers)
    bezet = dict.fromkeys(groepen, 0)
    for a in invoer.aanvragers:
        groep = resultaat.toewijzing[a.id]
        if groep is not None:
            assert groep in a.keuzes
            bezet[groep] += a.plaatsen
    for groep_id, plaatsen in bezet.items():
        assert plaatsen <= groepen[groep_id].capaciteit
    assert resultaat.bezetting == bezet


@INSTELLINGEN
@given(instanties(meerlingen=False))
def test_reserve_gerespecteerd(invoer):
    """Non-vulnerable families never take a reserved seat that a vulnerable family wanted: if they
    hold more than the open seats, no vulnerable family prefers that place group to its outcome."""
    resultaat = toewijzen(invoer)
    voorrang = Voorrang(invoer)
    for g in invoer.plaatsgroepen:
        houders = [a for a in invoer.aanvragers if resultaat.toewijzing[a.id] == g.id]
        niet_kwetsbaar = sum(a.plaatsen for a in houders if not a.kwetsbaar)
        if niet_kwetsbaar > g.capaciteit - voorrang.reserve(g.id):
            for a in invoer.aanvragers:
                if a.kwetsbaar and g.id in a.keuzes:
                    eigen = resultaat.toewijzing[a.id]
                    assert eigen is not None and a.keuzes.index(eigen) <= a.keuzes.index(g.id)


@INSTELLINGEN
@given(instanties(), st.randoms(use_true_random=False))
def test_zelfde_invoer_zelfde_resultaat(invoer, rnd):
    """Same input (in any order) and same seed: the same proposal and the same explanations."""
    eerste = toewijzen(invoer)
    aanvragers = list(invoer.aanvragers)
    groepen = list(invoer.plaatsgroepen)
    rnd.shuffle(aanvragers)
    rnd.shuffle(groepen)
    tweede = toewijzen(
        dataclasses.replace(invoer, aanvragers=tuple(aanvragers), plaatsgroepen=tuple(groepen))
    )
    assert tweede.toewijzing == eerste.toewijzing
    assert tweede.blokkerende_paren == eerste.blokkerende_paren
    assert tweede.alle_uitleg() == eerste.alle_uitleg()
    assert tweede.niet_samen == eerste.niet_samen


@settings(max_examples=150, deadline=None)
@given(instanties(max_gezinnen=5, max_groepen=3, max_capaciteit=2, meerlingen=False))
def test_optimaal_voor_gezinnen(invoer):
    """Single seats: the outcome is stable and every family likes it at least as much as any other
    stable matching (brute force over all matchings of a small round)."""
    resultaat = toewijzen(invoer)
    stabiel = alle_stabiele(invoer)
    assert resultaat.toewijzing in stabiel
    for a in invoer.aanvragers:
        eigen = resultaat.toewijzing[a.id]
        eigen_rang = a.keuzes.index(eigen) if eigen is not None else len(a.keuzes)
        for andere in stabiel:
            ander = andere[a.id]
            assert eigen_rang <= (a.keuzes.index(ander) if ander is not None else len(a.keuzes))


@settings(max_examples=150, deadline=None)
@given(instanties(max_gezinnen=12, max_groepen=4, min_capaciteit=1, meerlingen=False, reserve=False))
def test_zelfde_als_matching(invoer):
    """Single seats, no reserve: the same matching as the `matching` package's resident-optimal
    hospital-resident solver given the same strict priorities (it needs capacities of 1 or more)."""
    hospital_resident = pytest.importorskip("matching.games").HospitalResident
    voorrang = Voorrang(invoer)
    residents = {a.id: list(a.keuzes) for a in invoer.aanvragers if a.keuzes}
    hospitals = {
        g.id: sorted(
            (a for a in residents if g.id in residents[a]), key=lambda a, g=g: voorrang.sleutel(a, g.id)
        )
        for g in invoer.plaatsgroepen
    }
    hospitals = {g: prefs for g, prefs in hospitals.items() if prefs}
    verwacht = {a.id: None for a in invoer.aanvragers}
    if residents:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            spel = hospital_resident.create_from_dictionaries(
                residents, hospitals, {g.id: g.capaciteit for g in invoer.plaatsgroepen if g.id in hospitals}
            )
            for ziekenhuis, residenten in spel.solve(optimal="resident").items():
                for resident in residenten:
                    verwacht[resident.name] = ziekenhuis.name
    assert toewijzen(invoer).toewijzing == verwacht


@INSTELLINGEN
@given(instanties())
def test_uitleg_klopt_met_de_uitkomst(invoer):
    resultaat = toewijzen(invoer)
    voorrang = Voorrang(invoer)
    blokkerend = set(resultaat.blokkerende_paren)
    for a in invoer.aanvragers:
        uitleg = resultaat.uitleg(a.id)
        eigen = resultaat.toewijzing[a.id]
        assert uitleg.plaatsgroep == eigen
        tot = a.keuzes.index(eigen) if eigen is not None else len(a.keuzes)
        assert uitleg.rang == (tot + 1 if eigen is not None else None)
        assert [kz.plaatsgroep for kz in uitleg.keuzes] == list(a.keuzes[:tot])
        for kz in uitleg.keuzes:
            g = voorrang.groepen[kz.plaatsgroep]
            eigen_sleutel = voorrang.sleutel(a.id, g.id)
            eigen_groep = voorrang.groep(a.id, g.id)
            houders = [h for h in invoer.aanvragers if resultaat.toewijzing[h.id] == g.id]
            hoger = [h for h in houders if voorrang.sleutel(h.id, g.id) < eigen_sleutel]
            lager = [h for h in houders if voorrang.sleutel(h.id, g.id) > eigen_sleutel]
            assert (kz.reden == Reden.NAZIEN) == ((a.id, g.id) in blokkerend)
            if kz.reden == Reden.GEEN_VRIJE_PLAATSEN:
                assert g.capaciteit == 0
            elif kz.reden == Reden.ABSOLUTE_VOORRANG:
                assert not (eigen_groep and eigen_groep.absoluut)
                assert any(
                    voorrang.groep(h.id, g.id)
                    and voorrang.groep(h.id, g.id).absoluut
                    and voorrang.sleutel(h.id, g.id)[0] < eigen_sleutel[0]
                    for h in hoger
                )
            elif kz.reden == Reden.HOGERE_VOORRANG:
                assert any(voorrang.sleutel(h.id, g.id)[0] < eigen_sleutel[0] for h in hoger)
            elif kz.reden in (Reden.EERDER_INGESCHREVEN, Reden.LAGER_LOTNUMMER):
                assert (kz.reden == Reden.LAGER_LOTNUMMER) == (invoer.volgorde == Volgorde.LOTING)
                assert any(voorrang.sleutel(h.id, g.id)[0] == eigen_sleutel[0] for h in hoger)
                # Nobody with a lower priority group holds a seat this family could have used.
                assert sum(h.plaatsen for h in hoger) + a.plaatsen > g.capaciteit
            elif kz.reden == Reden.SAMEN_PLAATSEN:
                assert a.plaatsen > 1
            elif kz.reden == Reden.GERESERVEERD:
                assert not a.kwetsbaar and voorrang.reserve(g.id) > 0
                assert any(h.kwetsbaar for h in lager)
        assert uitleg.samen_onmogelijk == (a.id in resultaat.niet_samen)
        if uitleg.samen_onmogelijk:
            assert eigen is None and a.plaatsen > 1
        zin = tekst(uitleg)
        assert zin.count("keuze") >= len(uitleg.keuzes)
        assert zin.endswith(".")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(instanties())
def test_alle_uitleg_gelijk_aan_uitleg_per_gezin(invoer):
    """Explaining every family at once (shared per band of a place group) gives what explaining
    each family alone gives, in a fresh round each time; the round's phases one by one give what
    `toewijzen` gives."""
    ronde = Ronde(invoer)
    ronde.voer_uit()
    in_fasen = ronde.resultaat()
    resultaat = toewijzen(invoer)
    assert in_fasen.toewijzing == resultaat.toewijzing
    alle = in_fasen.alle_uitleg()
    assert list(alle) == sorted(a.id for a in invoer.aanvragers)
    for a in reversed(invoer.aanvragers):
        assert toewijzen(invoer).uitleg(a.id) == alle[a.id] == resultaat.uitleg(a.id)


@settings(max_examples=50, deadline=None)
@given(instanties(loting=True), st.integers(0, 2**32))
def test_loting_zelfde_seed_zelfde_resultaat(invoer, seed):
    invoer = dataclasses.replace(invoer, seed=seed)
    assert toewijzen(invoer).toewijzing == toewijzen(dataclasses.replace(invoer)).toewijzing


def test_eigenschappen_op_grotere_rondes():
    """A few larger random rounds (hundreds of families, siblings, reserves): checked as above."""
    for seed in range(5):
        rnd = random.Random(seed)
        groepen = tuple(
            Plaatsgroep(
                id=p, locatie=p // 2, capaciteit=rnd.randint(0, 12), inkomenstarief=rnd.random() < 0.7
            )
            for p in range(30)
        )
        aanvragers = tuple(
            Aanvrager(
                id=n,
                keuzes=tuple(rnd.sample(range(30), rnd.randint(1, 8))),
                ingediend=rnd.choice(TIJDEN),
                plaatsen=rnd.choice([1] * 8 + [2, 3]),
                opvang_voor_werk=rnd.random() < 0.7,
                alleenstaande_ouder=rnd.random() < 0.2,
                laag_inkomen=rnd.random() < 0.2,
                broer_zus_locaties=(rnd.randrange(15),) if rnd.random() < 0.2 else (),
                kwetsbaar=rnd.random() < 0.2,
            )
            for n in range(400)
        )
        invoer = Invoer(
            aanvragers=aanvragers, plaatsgroepen=groepen, peildatum=PEILDATUM, regelsets=regelsets(20)
        )
        resultaat = toewijzen(invoer)
        controle = controleer(invoer, resultaat.toewijzing)
        assert not (controle.overvol or controle.onaanvaardbaar or controle.inconsistent)
        assert set(controle.blokkerend) == set(resultaat.blokkerende_paren)


@settings(max_examples=100, deadline=None)
@given(instanties())
def test_opgeslagen_ronde_geeft_hetzelfde_resultaat(invoer):
    """Stored as JSON (input with its seed and rule sets, and the proposal), a round replays to the
    same proposal, and the stored explanations give the same Dutch text."""
    resultaat = toewijzen(invoer)
    opgeslagen = json.loads(json.dumps(invoer_naar_dict(invoer)))
    opnieuw = toewijzen(invoer_uit_dict(opgeslagen))
    assert opnieuw.toewijzing == resultaat.toewijzing
    voorstel = json.loads(json.dumps(resultaat_naar_dict(resultaat)))
    assert voorstel == resultaat_naar_dict(opnieuw)
    for item in voorstel["uitleg"]:
        assert tekst(uitleg_uit_dict(item)) == tekst(resultaat.uitleg(item["aanvrager"]))
