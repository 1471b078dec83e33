import datetime

import pytest
from django.core.cache import cache

from huizen.models import VrindCluster
from levensdomeinen.models import Levensdomein, Werkingsprincipe
from tests.factories import (
    ContactpuntFactory,
    CoordinatorFactory,
    DomeinEngagementFactory,
    GemeenteFactory,
    HuisAanbodFactory,
    HuisFactory,
    LocatieFactory,
    OverlegorgaanFactory,
    PartnerFactory,
    SubsidieFactory,
    ZelfevaluatieFactory,
)


@pytest.fixture(autouse=True)
def prive_opslag(settings, tmp_path):
    """Report files go to a fresh private folder; cached averages do not leak between tests."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    cache.clear()
    yield settings.PRIVATE_MEDIA_ROOT
    cache.clear()


def maak_profiel(huis, *, merk: str, gemeente):
    """A filled-in profile whose every text carries `merk`, so a report shows whose data it holds."""
    CoordinatorFactory(
        huis=huis, naam=f"Coördinator {merk}", email=f"coordinator.{merk.lower()}@huis.test", uren_per_week=19
    )
    partner = PartnerFactory(
        huis=huis,
        naam=f"CLB {merk}",
        kind_en_gezin_partner="consultatiebureau",
        kernpartner=True,
        samenwerking=4,
        contactpersoon=f"Contactpersoon {merk}",
        contact_email=f"partner.{merk.lower()}@prive.test",
    )
    locatie = LocatieFactory(
        huis=huis,
        naam=f"Locatie {merk}",
        gemeente=gemeente,
        partners=[partner],
        openingsuren=[(2, datetime.time(9), datetime.time(12))],
    )
    ContactpuntFactory(huis=huis, waarde=f"09 {merk[:3]}", beschikbaarheid="werkdagen")
    OverlegorgaanFactory(huis=huis, naam=f"Stuurgroep {merk}")
    SubsidieFactory(huis=huis, jaar=2026, bedrag=12345)
    domeinen = list(Levensdomein.objects.order_by("volgorde")[:3])
    DomeinEngagementFactory(
        huis=huis, levensdomein=domeinen[0], in_top3=True, reden_top3=f"Reden {merk}", partners=[partner]
    )
    HuisAanbodFactory(
        huis=huis,
        titel=f"Babymassage {merk}",
        beschrijving="Voor ouders",
        locatie=locatie,
        levensdomeinen=[domeinen[0]],
    )
    ZelfevaluatieFactory(
        huis=huis,
        datum=datetime.date(2026, 3, 1),
        prioriteiten=f"Prioriteit {merk}",
        scores={d.code: 3 + i % 3 for i, d in enumerate(domeinen)},
        principes=dict.fromkeys(Werkingsprincipe.objects.values_list("code", flat=True), 4),
    )
    return huis


@pytest.fixture
def cluster(db):
    return VrindCluster.objects.get_or_create(nummer=99, defaults={"naam": "Testcluster"})[0]


@pytest.fixture
def gemeente(cluster):
    return GemeenteFactory(nis="99101", naam="Eigengem", cluster=cluster)


@pytest.fixture
def huis(gemeente):
    huis = HuisFactory(naam="Huis van het Kind Eigen", slug="eigen", gemeenten=[gemeente])
    return maak_profiel(huis, merk="Eigen", gemeente=gemeente)


@pytest.fixture
def ander_huis(cluster):
    gemeente = GemeenteFactory(nis="99102", naam="Andergem", cluster=cluster)
    huis = HuisFactory(naam="Huis van het Kind Ander", slug="ander", gemeenten=[gemeente])
    return maak_profiel(huis, merk="Ander", gemeente=gemeente)
