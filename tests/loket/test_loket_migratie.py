"""Before the loket had a model of its own, the loket was the Huis and its area the Huis's
werkingsgebied. The migration makes every Huis the host of one loket with the Huis's gemeenten."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from huizen.models import Gemeente, Werkingsgebied
from loket.models import Loket, Loketgebied
from tests.factories import HuisFactory

pytestmark = pytest.mark.django_db(transaction=True)


def migreer(doel):
    MigrationExecutor(connection).migrate(doel)


def test_elk_huis_krijgt_een_loket_met_de_gemeenten_van_het_huis(referentiedata):
    migreer([("loket", "0012_taal_van_het_gezin")])
    assen, kaprijke, eeklo, gent = (
        Gemeente.objects.get(naam=naam, opvolger=None) for naam in ("Assenede", "Kaprijke", "Eeklo", "Gent")
    )
    meetjesland = HuisFactory(
        naam="Huis van het Kind Meetjesland",
        slug="meetjesland",
        telefoon="09 111 22 33",
        gemeenten=[assen, kaprijke],
        loket=False,
    )
    # a gemeente that left the Huis: its history goes along
    Werkingsgebied.objects.create(
        huis=meetjesland,
        gemeente=eeklo,
        geldig_van=datetime.date(2019, 1, 1),
        geldig_tot=datetime.date(2023, 12, 31),
    )
    HuisFactory(naam="Gentse Huizen", slug="gentse-huizen", gemeenten=[gent], loket=False)

    migreer(MigrationExecutor(connection).loader.graph.leaf_nodes("loket"))

    assert Loket.objects.count() == 2
    loket = Loket.objects.get(huis__slug="meetjesland")
    assert (loket.naam, loket.slug, loket.organisator, loket.email, loket.telefoon) == (
        "Lokaal Loket Kinderopvang Meetjesland",
        "meetjesland",
        "Huis van het Kind Meetjesland",
        meetjesland.email,
        "09 111 22 33",
    )
    assert list(loket.huizen.all()) == [meetjesland]
    assert set(loket.gemeenten_op().values_list("naam", flat=True)) == {"Assenede", "Kaprijke"}
    assert set(
        Loketgebied.objects.filter(loket=loket).values_list("gemeente__naam", "geldig_van", "geldig_tot")
    ) == {
        ("Assenede", None, None),
        ("Kaprijke", None, None),
        ("Eeklo", datetime.date(2019, 1, 1), datetime.date(2023, 12, 31)),
    }
    # a Huis whose name has no prefix keeps its name after the loket's
    assert Loket.objects.get(slug="gentse-huizen").naam == "Lokaal Loket Kinderopvang Gentse Huizen"

    # and back: the lokets go, the Huizen stay
    migreer([("loket", "0012_taal_van_het_gezin")])
    assert Werkingsgebied.objects.filter(huis=meetjesland).count() == 3
    migreer(MigrationExecutor(connection).loader.graph.leaf_nodes("loket"))
