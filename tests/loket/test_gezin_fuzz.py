"""Whatever a browser (or anyone else) sends to the public registration form, the answer is never
a server error and nothing is saved half: either the whole request (children, parents,
preferences) or nothing."""

import uuid

import pytest
from django.core.cache import cache
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loket.models import Kind, Opvangvraag, Ouder, Voorkeur
from tests.factories import OpvanglocatieFactory
from tests.loket.test_gezin import geldige_data

pytestmark = pytest.mark.django_db

INSTELLINGEN = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Any text a form can carry: every Unicode character but lone surrogates (not encodable).
TEKST = st.text(st.characters(exclude_categories=["Cs"]), max_size=60)
WAARDE = st.one_of(TEKST, st.sampled_from(["", "0", "-1", "99999999999", "2026-02-30", "nee", "on"]))


def _aantallen():
    return (
        Opvangvraag.objects.count(),
        Kind.objects.count(),
        Ouder.objects.count(),
        Voorkeur.objects.count(),
    )


@pytest.fixture
def registratie(client, huis, referentiedata):
    locaties = {
        "eerste": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Eerste"),
        "tweede": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Tweede"),
        "school": OpvanglocatieFactory(
            huis=huis, naam="IBO Het Schoolhuis", soort="buitenschools", capaciteit_schoolkind=30
        ),
    }
    return reverse("loket:aanvragen", kwargs={"huis_slug": huis.slug}), geldige_data(locaties)


def test_het_publieke_formulier_geeft_nooit_een_serverfout_en_bewaart_nooit_half(client, registratie):
    url, geldig = registratie

    @given(wijzigingen=st.dictionaries(st.sampled_from(sorted(geldig)), WAARDE, min_size=1, max_size=6))
    @INSTELLINGEN
    def stuur(wijzigingen):
        cache.clear()  # the rate limit per address is not what this test is about
        data = {**geldig, "indieningssleutel": str(uuid.uuid4()), **wijzigingen}
        voor = _aantallen()
        antwoord = client.post(url, data)
        assert antwoord.status_code in (200, 303, 400), antwoord.status_code
        na = _aantallen()
        if antwoord.status_code == 303:
            vraag = Opvangvraag.objects.latest("pk")
            assert na[0] == voor[0] + 1
            assert vraag.kinderen.exists() and vraag.ouders.exists() and vraag.voorkeuren.exists()
        else:
            assert na == voor

    stuur()
