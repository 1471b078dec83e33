"""The open API keeps its promises: schemathesis generates requests from /api/schema/ (valid and
invalid parameters, odd strings, NUL bytes) and checks every answer against the schema: no server
error, a documented status code, a body of the documented shape.

Anonymous for the open data; logged in as a coordinator for the tenant endpoints as well.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings

from tests.factories import LocatieFactory, SubsidieFactory

INSTELLINGEN = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def eigen_wsgi_aanroepen():
    """schemathesis calls the WSGI application itself, not through Django's test client: keep
    Django from closing the test's database connection (inside its transaction) between requests,
    as the test client does."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def operaties(db, referentiedata, huis, coordinator, eigen_wsgi_aanroepen):
    """Every operation of the schema, with a Huis, a location and a subsidy to find."""
    LocatieFactory(huis=huis)
    SubsidieFactory(huis=huis, jaar=2025, bedrag=9000)
    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    return [resultaat.ok() for resultaat in schema.get_all_operations()]


def _controleer(operatie, headers=None):
    @given(case=operatie.as_strategy())
    @INSTELLINGEN
    def controleer(case):
        case.call_and_validate(headers=headers)

    controleer()


def test_de_open_api_antwoordt_anoniem_volgens_het_schema(operaties):
    assert len(operaties) >= 8
    for operatie in operaties:
        _controleer(operatie)


def test_de_api_antwoordt_aangemeld_volgens_het_schema(operaties, client, coordinator):
    client.force_login(coordinator)
    for operatie in operaties:
        _controleer(operatie, headers={"Cookie": f"sessionid={client.cookies['sessionid'].value}"})
