import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.utils import translation

from huizen.models import Gemeente
from huizen.services import laad_referentiedata
from kern.beveiliging import markeer_tweede_factor
from kern.tenancy import Rol
from levensdomeinen.models import Levensdomein
from levensdomeinen.services import laad_referentielijsten
from tests.factories import (
    AanbiederFactory,
    HuisFactory,
    LidmaatschapFactory,
    SubsidieFactory,
    UserFactory,
    bouw_loket_wereld,
)

STRIKT = os.environ.get("HVHK_GEEN_SKIP") == "1"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the shipped reference data (gemeenten, postcodes)."""
    with django_db_blocker.unblock():
        laad_referentiedata()


@pytest.fixture(autouse=True)
def nederlands():
    """Every test starts in Dutch: a request in French or English leaves that language active in
    the thread afterwards (kern.middleware.TaalMiddleware, like Django's LocaleMiddleware)."""
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def lege_cache():
    """Login limits and used one-time codes live in the cache: no test inherits another's."""
    cache.clear()


@pytest.fixture(autouse=True)
def force_login_met_tweede_factor(monkeypatch):
    """`client.force_login(user)` stands for a full login: password and second factor passed.

    The tests of the login itself (tests/beveiliging) log in through the forms instead.
    """
    force_login = Client.force_login

    def volledig(self, user, backend=None):
        force_login(self, user, backend)
        sessie = self.session
        markeer_tweede_factor(sessie, user)
        sessie.save()

    monkeypatch.setattr(Client, "force_login", volledig)


@pytest.fixture
def referentiedata(db):
    """The shipped reference data, reloaded if a transactional test flushed it."""
    if not Gemeente.objects.exists():
        laad_referentiedata()
    if not Levensdomein.objects.exists():
        laad_referentielijsten()


@pytest.fixture
def huis(db):
    return HuisFactory(naam="Huis van het Kind Eigen", slug="eigen")


@pytest.fixture
def ander_huis(db):
    return HuisFactory(naam="Huis van het Kind Ander", slug="ander")


@pytest.fixture
def coordinator(huis):
    return LidmaatschapFactory(huis=huis, rol=Rol.COORDINATOR).gebruiker


@pytest.fixture
def loket_medewerker(huis):
    return LidmaatschapFactory(huis=huis, rol=Rol.LOKET).gebruiker


@pytest.fixture
def lid_ander_huis(ander_huis):
    return LidmaatschapFactory(huis=ander_huis, rol=Rol.COORDINATOR).gebruiker


@pytest.fixture
def opgroeien_medewerker(db):
    return UserFactory(opgroeien=True)


@pytest.fixture
def aanbieder(huis):
    """A provider user of a childcare location in the Huis's area."""
    return AanbiederFactory(locatie__huis=huis).gebruiker


@pytest.fixture
def beheerder(db):
    return UserFactory(beheerder=True)


# Logged-in clients: each its own browser, so two of them in one test do not share a session.


def aangemeld(gebruiker) -> Client:
    """A new client logged in as `gebruiker` (password and second factor passed)."""
    client = Client()
    client.force_login(gebruiker)
    return client


@pytest.fixture
def coordinator_client(coordinator):
    return aangemeld(coordinator)


@pytest.fixture
def loket_client(loket_medewerker):
    return aangemeld(loket_medewerker)


@pytest.fixture
def opgroeien_client(opgroeien_medewerker):
    return aangemeld(opgroeien_medewerker)


@pytest.fixture
def aanbieder_client(aanbieder):
    return aangemeld(aanbieder)


@pytest.fixture
def beheerder_client(beheerder):
    return aangemeld(beheerder)


# Built worlds.


@pytest.fixture
def loket_wereld(huis):
    """The Huis's loket ready for an allocation round: see `tests.factories.bouw_loket_wereld`."""
    return bouw_loket_wereld(huis)


@pytest.fixture
def subsidie(huis):
    return SubsidieFactory(huis=huis, jaar=2026, bedrag=12345)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """In CI (HVHK_GEEN_SKIP=1) a skipped integration or browser test is a failure."""
    outcome = yield
    rapport = outcome.get_result()
    if (
        STRIKT
        and rapport.skipped
        and (item.get_closest_marker("integration") or item.get_closest_marker("e2e"))
    ):
        rapport.outcome = "failed"
        rapport.longrepr = f"Overgeslagen in CI, en dat mag niet: {rapport.longrepr}"
