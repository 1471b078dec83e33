"""The family's public pages in Dutch, French and English: a visible switch chooses the language,
stored in the language cookie; Dutch is the default, also for a browser that asks for French, and
for every account; each language has its own cached page."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse

from huizen.models import Gemeente
from tests.factories import HuisFactory, LocatieFactory, PartnerFactory, UserFactory

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


def test_de_taal_kiezen_kan_alleen_met_een_formulier(client, gent):
    antwoord = client.get(reverse("set_language"), {"language": "fr", "next": "/"})
    assert antwoord.status_code == 405 and TAAL not in antwoord.cookies


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


def test_de_aanmelding_voor_medewerkers_blijft_nederlands_met_een_taalcookie(client, gent):
    client.cookies[TAAL] = "fr"
    html = client.get(reverse("account_login")).content.decode()
    assert '<html lang="nl-BE">' in html and "Mot de passe" not in html


def test_medewerkers_zien_altijd_nederlands_en_geen_schakelaar(client, gent):
    client.force_login(UserFactory())
    client.cookies[TAAL] = "fr"
    html = client.get(reverse("huizen:detail", kwargs={"slug": "gent"})).content.decode()
    assert '<html lang="nl-BE">' in html
    assert 'class="taalkeuze"' not in html


def in_taal(client, taal, pagina):
    client.cookies[TAAL] = taal
    return client.get(pagina)


def test_de_startpagina_in_het_frans_en_het_engels(client, gent):
    frans = in_taal(client, "fr", reverse("home")).content.decode()
    assert '<html lang="fr">' in frans
    assert "Trouvez le Huis van het Kind près de chez vous" in frans
    assert "Code postal ou commune" in frans and "Rechercher" in frans
    assert "Vind het Huis van het Kind" not in frans
    engels = in_taal(client, "en", reverse("home")).content.decode()
    assert '<html lang="en">' in engels
    assert "Find the Huis van het Kind near you" in engels and "Skip to content" in engels
    assert 'lang="fr">Français</button>' in engels  # each language keeps its own name


def test_de_huispagina_in_het_frans(client, gent):
    PartnerFactory(huis=gent, naam="CLB Gent")
    LocatieFactory(
        huis=gent, naam="Huis aan de Leie", openingsuren=[(0, datetime.time(9), datetime.time(12))]
    )
    html = in_taal(client, "fr", reverse("huizen:detail", kwargs={"slug": gent.slug})).content.decode()
    assert '<html lang="fr">' in html
    assert "Partenaires" in html and "À propos de ce Huis" in html and "Heures d’ouverture" in html
    assert "lundi" in html  # the opening hours' days
    assert "Fil d’Ariane" in html and "Huizen van het Kind" in html
    assert "Huis aan de Leie" in html and "CLB Gent" in html  # what the Huis wrote stays as it is


def test_de_huispagina_in_het_engels(client, gent):
    html = in_taal(client, "en", reverse("huizen:detail", kwargs={"slug": gent.slug})).content.decode()
    assert "About this Huis" in html and "Legal form" in html and "Activities and services" in html


def test_zoeken_in_het_frans_met_de_meldingen_van_het_formulier(client, gent):
    lijst = reverse("huizen:lijst")
    html = in_taal(client, "fr", lijst + "?q=Xyzzy").content.decode()
    assert "Nous n’avons trouvé aucune commune ni aucun code postal" in html
    te_lang = in_taal(client, "fr", lijst + "?q=" + "a" * 101).content.decode()
    assert "au plus 100 caractères" in te_lang  # Django's own French for its messages
    gevonden = in_taal(client, "en", lijst + "?q=9000").content.decode()
    assert "Huis van het Kind for Gent" in gevonden


def test_de_kaart_heeft_haar_tekst_in_elke_taal(client, gent):
    kaart = reverse("huizen:kaart")
    frans = in_taal(client, "fr", kaart).content.decode()
    assert (
        "Passer la carte et aller au tableau" in frans
        and "Toutes les communes et leur Huis van het Kind" in frans
    )
    nederlands = in_taal(client, "nl-be", kaart).content.decode()  # the map is also kept per language
    assert "Sla de kaart over en ga naar de tabel" in nederlands and "Passer la carte" not in nederlands


def test_foutpaginas_en_privacy_in_het_frans(client, gent):
    niet_gevonden = in_taal(client, "fr", "/bestaat-niet/")
    assert niet_gevonden.status_code == 404 and "Cette page n’existe pas" in niet_gevonden.content.decode()
    privacy = in_taal(client, "fr", reverse("privacy")).content.decode()
    assert "Vie privée" in privacy and "C’est le texte néerlandais qui fait foi." in privacy
    assert '<div lang="nl-BE">' in privacy  # the Dutch text is marked as Dutch for screen readers


def test_de_nederlandse_privacytekst_heeft_geen_vertaalnota(client, gent):
    assert "alleen in het Nederlands" not in client.get(reverse("privacy")).content.decode()


def test_elke_taal_heeft_haar_eigen_pagina_en_etag_in_de_publieke_cache(
    client, gent, django_assert_max_num_queries
):
    pagina = reverse("huizen:detail", kwargs={"slug": gent.slug})
    nederlands = client.get(pagina)
    frans = in_taal(client, "fr", pagina)
    assert nederlands["ETag"] != frans["ETag"]
    assert "Over dit Huis" in nederlands.content.decode() and "À propos de ce Huis" in frans.content.decode()
    with django_assert_max_num_queries(2):  # the data versions and the Huis's id: the page is cached
        nog_eens = client.get(pagina)
    assert nog_eens.content == frans.content and nog_eens["ETag"] == frans["ETag"]
    assert nog_eens["Cache-Control"] == "public, max-age=60"
    assert [v.strip() for v in nog_eens["Vary"].split(",")] == ["Cookie"]
    # a French visitor whose browser still holds the Dutch page gets the French one, not a 304
    assert client.get(pagina, headers={"if-none-match": nederlands["ETag"]}).status_code == 200
    assert client.get(pagina, headers={"if-none-match": frans["ETag"]}).status_code == 304
    del client.cookies[TAAL]
    assert client.get(pagina).content == nederlands.content


def test_met_enkel_een_taalcookie_blijft_de_bezoeker_sessieloos_en_gecachet(client, gent):
    """Switching the language sets no session or CSRF cookie; the pages after it still come from
    the public cache."""
    pagina = reverse("home")
    gekozen = kies(client, "en", pagina)
    assert set(gekozen.cookies) == {TAAL}
    eerste = client.get(pagina)
    tweede = client.get(pagina)
    assert tweede["Cache-Control"] == "public, max-age=60" and tweede["ETag"] == eerste["ETag"]
    assert "sessionid" not in tweede.cookies and "csrftoken" not in tweede.cookies
    assert set(client.cookies) == {TAAL}
