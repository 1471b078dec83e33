import datetime

import pytest
from django.core.cache import cache

from huizen.models import (
    Contactpunt,
    Coordinator,
    Locatie,
    Openingsuur,
    Overlegorgaan,
    Partner,
    Subsidie,
    VrindCluster,
)
from levensdomeinen.models import (
    Aanbod,
    Doelgroep,
    DomeinEngagement,
    Levensdomein,
    Score,
    Werkingsprincipe,
    Zelfevaluatie,
)
from tests.factories import GemeenteFactory, HuisFactory, LidmaatschapFactory


@pytest.fixture(autouse=True)
def prive_opslag(settings, tmp_path):
    """Report files go to a fresh private folder; cached averages do not leak between tests."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    cache.clear()
    yield settings.PRIVATE_MEDIA_ROOT
    cache.clear()


def maak_profiel(huis, *, merk: str, gemeente):
    """A filled-in profile whose every text carries `merk`, so a report shows whose data it holds."""
    Coordinator.objects.create(
        huis=huis, naam=f"Coördinator {merk}", email=f"coordinator.{merk.lower()}@huis.test", uren_per_week=19
    )
    partner = Partner.objects.create(
        huis=huis,
        naam=f"CLB {merk}",
        soort="clb",
        kind_en_gezin_partner="consultatiebureau",
        kernpartner=True,
        samenwerking=4,
        contactpersoon=f"Contactpersoon {merk}",
        contact_email=f"partner.{merk.lower()}@prive.test",
    )
    locatie = Locatie.objects.create(
        huis=huis, naam=f"Locatie {merk}", straat="Kerkstraat 1", postcode="9000", gemeente=gemeente
    )
    locatie.partners.add(partner)
    Openingsuur.objects.create(locatie=locatie, weekdag=2, van=datetime.time(9), tot=datetime.time(12))
    Contactpunt.objects.create(
        huis=huis, soort="telefoon", waarde=f"09 {merk[:3]}", beschikbaarheid="werkdagen"
    )
    Overlegorgaan.objects.create(huis=huis, soort="stuurgroep", naam=f"Stuurgroep {merk}")
    Subsidie.objects.create(huis=huis, jaar=2026, bedrag=12345)
    domeinen = list(Levensdomein.objects.order_by("volgorde")[:3])
    DomeinEngagement.objects.create(
        huis=huis, levensdomein=domeinen[0], status="actief", top3=True, reden_top3=f"Reden {merk}"
    ).partners.add(partner)
    aanbod = Aanbod.objects.create(
        huis=huis,
        titel=f"Babymassage {merk}",
        beschrijving="Voor ouders",
        planning="doorlopend",
        locatie=locatie,
    )
    aanbod.levensdomeinen.add(domeinen[0])
    aanbod.doelgroepen.add(Doelgroep.objects.order_by("volgorde").first())
    evaluatie = Zelfevaluatie.objects.create(
        huis=huis, datum=datetime.date(2026, 3, 1), prioriteiten=f"Prioriteit {merk}"
    )
    Score.objects.bulk_create(
        [Score(zelfevaluatie=evaluatie, levensdomein=d, score=3 + i % 3) for i, d in enumerate(domeinen)]
        + [
            Score(zelfevaluatie=evaluatie, werkingsprincipe=w, score=4)
            for w in Werkingsprincipe.objects.all()
        ]
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


@pytest.fixture
def coordinator(huis):
    from kern.tenancy import Rol

    return LidmaatschapFactory(huis=huis, rol=Rol.COORDINATOR).gebruiker


@pytest.fixture
def lid_ander_huis(ander_huis):
    from kern.tenancy import Rol

    return LidmaatschapFactory(huis=ander_huis, rol=Rol.COORDINATOR).gebruiker
