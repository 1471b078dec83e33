"""The family's public pages in Dutch, French and English: a visible switch chooses the language,
stored in the language cookie; Dutch is the default, also for a browser that asks for French, and
for every account; each language has its own cached page."""

import pytest
from django.conf import settings
from django.urls import reverse

from huizen.models import Gemeente
from tests.factories import HuisFactory, UserFactory

pytestmark = pytest.mark.django_db

TAAL = settings.LANGUAGE_COOKIE_NAME


@pytest.fixture
def gent(referentiedata):
    return HuisFactory(
        naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")]
    )


def kies(client, taal, terug):
    return client.post(reverse("set_language"), {"language": taal, "next": terug})


def test_de_taalkeuze_zet_de_cookie_en_keert_terug_naar_dezelfde_pagina_met_zoekvraag(client, gent):
    pagina = reverse("huizen:lijst") + "?q=9000&provincie="
    html = client.get(pagina).content.decode()
    assert f'<input type="hidden" name="next" value="{pagina.replace("&", "&amp;")}">' in html
    antwoord = kies(client, "fr", pagina)
    assert antwoord.status_code == 302 and antwoord["Location"] == pagina
    assert client.cookies[TAAL].value == "fr"
    assert client.cookies[TAAL]["max-age"] == settings.LANGUAGE_COOKIE_AGE
    assert '<html lang="fr">' in client.get(pagina).content.decode()


def test_de_taalkeuze_stuurt_niet_naar_een_andere_website(client, gent):
    antwoord = kies(client, "en", "https://elders.example/")
    assert antwoord.status_code == 302 and antwoord["Location"] != "https://elders.example/"


def test_de_schakelaar_noemt_elke_taal_in_die_taal(client, gent):
    html = client.get(reverse("home")).content.decode()
    assert 'lang="nl-be" aria-current="true">Nederlands</button>' in html
    assert 'lang="fr">Français</button>' in html
    assert 'lang="en">English</button>' in html
    assert "csrfmiddlewaretoken" not in html


def test_zonder_keuze_is_het_nederlands_ook_als_de_browser_frans_vraagt(client, gent):
    antwoord = client.get(reverse("home"), headers={"accept-language": "fr-BE,fr;q=0.9"})
    assert '<html lang="nl-BE">' in antwoord.content.decode()
    assert antwoord["Content-Language"] == "nl-be"
    assert "Accept-Language" not in antwoord["Vary"]


def test_een_onbekende_taal_in_de_cookie_geeft_nederlands(client, gent):
    client.cookies[TAAL] = "xx"
    assert '<html lang="nl-BE">' in client.get(reverse("home")).content.decode()


def test_medewerkers_zien_altijd_nederlands_en_geen_schakelaar(client, gent):
    client.force_login(UserFactory())
    client.cookies[TAAL] = "fr"
    html = client.get(reverse("huizen:detail", kwargs={"slug": "gent"})).content.decode()
    assert '<html lang="nl-BE">' in html
    assert 'class="taalkeuze"' not in html
