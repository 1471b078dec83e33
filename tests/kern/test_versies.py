"""Data versions: a cached value follows the data as soon as a writing service commits."""

import pytest
from django.db import transaction

from kern import versies

pytestmark = pytest.mark.django_db(transaction=True)


def test_een_gecachete_waarde_blijft_tot_de_versie_stijgt():
    berekeningen = []

    def maak():
        berekeningen.append(1)
        return len(berekeningen)

    assert versies.gecachet("telling", ["huis:1"], maak) == 1
    assert versies.gecachet("telling", ["huis:1"], maak) == 1
    versies.verhoog("huis:1")
    assert versies.gecachet("telling", ["huis:1"], maak) == 2
    # Another scope's write leaves it alone.
    versies.verhoog("huis:2")
    assert versies.gecachet("telling", ["huis:1"], maak) == 2


def test_de_versie_stijgt_pas_wanneer_de_transactie_slaagt():
    assert versies.versies(["golf:4"]) == (0,)
    with pytest.raises(RuntimeError), transaction.atomic():
        versies.verhoog("golf:4")
        raise RuntimeError("teruggedraaid")
    assert versies.versies(["golf:4"]) == (0,)

    with transaction.atomic():
        versies.verhoog("golf:4", "golf:4", "huizen")
        assert versies.versies(["golf:4"]) == (0,)
    assert versies.versies(["golf:4", "huizen"]) == (1, 1)


def test_andere_delen_geven_een_andere_sleutel():
    assert versies.vingerafdruk("kaart", ["huizen"], "nl") != versies.vingerafdruk("kaart", ["huizen"], "fr")
