"""The Opgroeien dashboards (overview of all Huizen, life domains) are cached by
data version: a repeated request reads no figures again, more Huizen or answers cost no more
queries, and after a write the page shows the new figure at once."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kern.versies import verhoog
from tests.factories import HuisFactory

pytestmark = pytest.mark.django_db

OVERZICHT = reverse("huizen:opgroeien_overzicht")
LEVENSDOMEINEN = reverse("levensdomeinen:opgroeien_levensdomeinen")
HEATMAP = reverse("levensdomeinen:opgroeien_heatmap")


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as vastgelegd:
        assert client.get(url).status_code == 200
    return len(vastgelegd)


def _huizen_erbij(aantal: int, capture) -> None:
    """Huizen written by factories, which pass the services: raise the version as they would."""
    for _ in range(aantal):
        HuisFactory()
    with capture(execute=True):
        verhoog("huizen")


def _cijfer(html: str, label: str) -> int:
    return int(re.search(rf"<dt>{re.escape(label)}</dt><dd>(?:<a [^>]*>)?(\d+)", html).group(1))


@pytest.mark.parametrize(
    "url",
    [
        OVERZICHT,
        f"{OVERZICHT}?provincie=Antwerpen",
        LEVENSDOMEINEN,
        f"{LEVENSDOMEINEN}?maat=top3",
        HEATMAP,
        f"{HEATMAP}?pagina=2",
    ],
)
def test_een_herhaalde_vraag_leest_geen_cijfers_opnieuw_hoeveel_huizen_er_ook_zijn(
    opgroeien_client, referentiedata, django_capture_on_commit_callbacks, url
):
    _huizen_erbij(3, django_capture_on_commit_callbacks)
    eerste = _queries(opgroeien_client, url)
    weinig = _queries(opgroeien_client, url)

    _huizen_erbij(60, django_capture_on_commit_callbacks)
    assert _queries(opgroeien_client, url) <= eerste  # computed again, in as many queries
    veel = _queries(opgroeien_client, url)
    assert veel == weinig
    # session, user, menu, the data versions (and the life domains of the heatmap's filter)
    assert weinig <= 7


def test_het_overzicht_toont_een_nieuw_huis_zodra_de_versie_stijgt(
    opgroeien_client, referentiedata, django_capture_on_commit_callbacks
):
    _huizen_erbij(2, django_capture_on_commit_callbacks)
    assert _cijfer(opgroeien_client.get(OVERZICHT).content.decode(), "Huizen van het Kind") == 2

    HuisFactory()  # without a raised version the page may show the cached figure ...
    assert _cijfer(opgroeien_client.get(OVERZICHT).content.decode(), "Huizen van het Kind") == 2
    with django_capture_on_commit_callbacks(execute=True):
        verhoog("huizen")  # ... which a writing service of the huizen app raises
    assert _cijfer(opgroeien_client.get(OVERZICHT).content.decode(), "Huizen van het Kind") == 3
    assert _cijfer(opgroeien_client.get(LEVENSDOMEINEN).content.decode(), "Huizen van het Kind") == 3
