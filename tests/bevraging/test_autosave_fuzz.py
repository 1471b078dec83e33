"""Whatever a browser sends to the survey's autosave, the answer is never a server error and
nothing is saved half: either every answer of the theme or none, and the version moves only with
a save."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bevraging.models import Antwoord, Respons
from bevraging.services import kopieer_vragenlijst, open_golf, wijs_toe
from tests.factories import GolfFactory

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


@pytest.fixture
def autosave(client, geleverde_golven, opgroeien_medewerker, huis):
    golf = GolfFactory(jaar=2026, naam="Bevraging 2026")
    kopieer_vragenlijst(van_golf=geleverde_golven[2022], naar_golf=golf)
    open_golf(golf=golf, door=opgroeien_medewerker)
    wijs_toe(golf=golf, huis=huis, interviewer=opgroeien_medewerker, door=opgroeien_medewerker)
    client.force_login(opgroeien_medewerker)
    url = reverse(
        "bevraging:bewaren", kwargs={"golf_pk": golf.pk, "huis_slug": huis.slug, "thema": "participatie"}
    )
    return golf, url


def _antwoorden(golf, huis):
    return sorted(
        Antwoord.objects.filter(respons__golf=golf, respons__huis=huis).values_list(
            "vraag__sleutel", "waarde"
        )
    )


def test_de_autosave_geeft_nooit_een_serverfout_en_bewaart_nooit_half(client, autosave, huis):
    golf, url = autosave
    velden = [
        "versie",
        "participatie.inspraak_kinderen",
        "participatie.inspraak_kinderen.toelichting",
        "participatie.inspraak_ouders",
        "participatie.vrijwilligers",
        "overschrijven",
    ]

    @given(data=st.dictionaries(st.sampled_from(velden), WAARDE, max_size=6))
    @INSTELLINGEN
    def stuur(data):
        respons = Respons.objects.filter(golf=golf, huis=huis).first()
        versie_voor = respons.versie if respons else 0
        voor = _antwoorden(golf, huis)
        antwoord = client.post(url, data, HTTP_HX_REQUEST="true")
        assert antwoord.status_code in (200, 400, 409), antwoord.status_code
        respons = Respons.objects.filter(golf=golf, huis=huis).first()
        if antwoord.get("X-Bewaard") != "ja":
            assert _antwoorden(golf, huis) == voor
            assert (respons.versie if respons else 0) in (versie_voor, 1 if versie_voor == 0 else versie_voor)

    stuur()
