"""Requests registered before readable numbers existed get one from the migration: per loket
and year of registration, in the order they were registered."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from loket.models import Opvangvraag
from tests.factories import OpvangvraagFactory

pytestmark = pytest.mark.django_db(transaction=True)


def migreer(doel):
    MigrationExecutor(connection).migrate(doel)


def test_bestaande_aanvragen_krijgen_een_nummer_per_loket_en_jaar(huis, ander_huis, referentiedata):
    def op(jaar, maand):
        return timezone.make_aware(datetime.datetime(jaar, maand, 1, 12))

    tweede_2025 = OpvangvraagFactory(huis=huis, ingediend=op(2025, 6))
    eerste_2025 = OpvangvraagFactory(huis=huis, ingediend=op(2025, 2))
    eerste_2026 = OpvangvraagFactory(huis=huis, ingediend=op(2026, 1))
    ander = OpvangvraagFactory(huis=ander_huis, ingediend=op(2025, 3))

    migreer([("loket", "0003_gebeurtenis_vrije_tekst")])
    migreer([("loket", "0005_opvangvraag_nummer_uniek")])

    nummers = dict(Opvangvraag.objects.values_list("pk", "nummer"))
    assert nummers[eerste_2025.pk] == "EIGEN-2025-0001"
    assert nummers[tweede_2025.pk] == "EIGEN-2025-0002"
    assert nummers[eerste_2026.pk] == "EIGEN-2026-0001"
    assert nummers[ander.pk] == "ANDER-2025-0001"
    migreer(MigrationExecutor(connection).loader.graph.leaf_nodes("loket"))
    # a new request follows on
    assert OpvangvraagFactory(huis=huis, ingediend=op(2025, 9)).nummer == "EIGEN-2025-0003"
