"""The public pages (home, list, search, a Huis's page) come from the cache for visitors without a
session, follow every change made through the services, and stay personal for staff."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.urls import reverse

from huizen.models import Gemeente
from huizen.services_opgroeien import bewaar_subsidies
from hvhk.views_huis import HuisView
from tests.factories import HuisFactory, LidmaatschapFactory, LocatieFactory, PartnerFactory, UserFactory
from tests.profiel import wijzig_profiel

pytestmark = pytest.mark.django_db

PAGINAS = [
    ("home", {}, ""),
    ("huizen:lijst", {}, ""),
    ("huizen:lijst", {}, "?q=9000"),
    ("huizen:lijst", {}, "?pagina=2"),
    ("huizen:detail", {"slug": "gent"}, ""),
]


@pytest.fixture
def gent(referentiedata):
    return HuisFactory(
        naam="Huis van het Kind Gent",
        slug="gent",
        korte_beschrijving="Welkom in Gent.",
        gemeenten=[Gemeente.objects.get(nis="44021")],
    )


NIEUW = "Nieuw: elke woensdag spelnamiddag."


def url(naam, kwargs, query):
    return reverse(naam, kwargs=kwargs) + query


@pytest.mark.parametrize(("naam", "kwargs", "query"), PAGINAS)
def test_de_tweede_anonieme_vraag_komt_uit_de_cache(
    client, gent, naam, kwargs, query, django_assert_max_num_queries
):
    eerste = client.get(url(naam, kwargs, query))
    assert eerste.status_code == 200
    with django_assert_max_num_queries(2):  # the data versions (and the Huis's id by its slug)
        tweede = client.get(url(naam, kwargs, query))
    assert tweede.content == eerste.content
    assert tweede["Cache-Control"] == "public, max-age=60"
    assert tweede["ETag"] == eerste["ETag"]
    assert [v.strip() for v in tweede["Vary"].split(",")] == ["Cookie"]  # the language is a cookie
    assert b"csrfmiddlewaretoken" not in tweede.content
    assert "csrftoken" not in tweede.cookies and "sessionid" not in tweede.cookies


@pytest.mark.parametrize(("naam", "kwargs", "query"), PAGINAS)
def test_een_browser_met_de_pagina_krijgt_304(client, gent, naam, kwargs, query):
    etag = client.get(url(naam, kwargs, query))["ETag"]
    antwoord = client.get(url(naam, kwargs, query), headers={"if-none-match": etag})
    assert antwoord.status_code == 304 and antwoord["ETag"] == etag


def test_elke_zoekvraag_en_pagina_heeft_haar_eigen_antwoord(client, gent):
    HuisFactory(naam="Huis van het Kind Tienen", slug="tienen", gemeenten=[Gemeente.objects.get(nis="24107")])
    lijst = reverse("huizen:lijst")
    gent_html = client.get(lijst, {"q": "9000"}).content.decode()
    tienen_html = client.get(lijst, {"q": "3300"}).content.decode()
    assert "Huis van het Kind Gent" in gent_html and "Huis van het Kind Tienen" not in gent_html
    assert "Huis van het Kind Tienen" in tienen_html and "Huis van het Kind Gent" not in tienen_html


def test_na_een_profielwijziging_toont_de_huispagina_de_nieuwe_tekst(
    client, gent, django_capture_on_commit_callbacks
):
    pagina = reverse("huizen:detail", kwargs={"slug": "gent"})
    oud = client.get(pagina)
    assert "Welkom in Gent." in oud.content.decode()
    coordinator = LidmaatschapFactory(huis=gent, rol="coordinator").gebruiker
    with django_capture_on_commit_callbacks(execute=True):
        wijzig_profiel(gent, coordinator, korte_beschrijving=NIEUW)
    nieuw = client.get(pagina, headers={"if-none-match": oud["ETag"]})
    assert nieuw.status_code == 200 and nieuw["ETag"] != oud["ETag"]
    tekst = nieuw.content.decode()
    assert NIEUW in tekst and "Welkom in Gent." not in tekst


def test_een_nieuwe_subsidie_laat_de_lijst_opnieuw_maken_maar_een_ander_huis_niet(
    client, gent, django_capture_on_commit_callbacks
):
    ander = HuisFactory(slug="ander", gemeenten=[Gemeente.objects.get(nis="24107")])
    lijst, pagina = reverse("huizen:lijst"), reverse("huizen:detail", kwargs={"slug": "gent"})
    lijst_etag, pagina_etag = client.get(lijst)["ETag"], client.get(pagina)["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        bewaar_subsidies(
            gebruiker=UserFactory(is_opgroeien=True),
            huis=ander,
            subsidies={2024: Decimal(9000)},
            verwachte_versie=ander.versie,
        )
    assert client.get(lijst, headers={"if-none-match": lijst_etag}).status_code == 200
    assert client.get(pagina, headers={"if-none-match": pagina_etag}).status_code == 304


def test_aangemeld_krijgt_men_de_pagina_prive_en_vers(client, gent):
    anoniem = client.get("/")
    assert anoniem["Cache-Control"] == "public, max-age=60"
    client.force_login(LidmaatschapFactory(huis=gent, rol="coordinator").gebruiker)
    for naam, kwargs, query in PAGINAS:
        antwoord = client.get(url(naam, kwargs, query))
        assert antwoord.status_code == 200
        assert antwoord["Cache-Control"] == "private" and "ETag" not in antwoord
        assert "Afmelden" in antwoord.content.decode()  # the staff member's own header, never a cached one
    client.logout()
    assert "Afmelden" not in client.get("/").content.decode()


def test_aangemeld_komt_een_tweede_bezoek_uit_de_cache_met_de_eigen_kop(
    client, gent, monkeypatch, django_capture_on_commit_callbacks
):
    pagina = reverse("huizen:detail", kwargs={"slug": "gent"})
    coordinator = LidmaatschapFactory(huis=gent, rol="coordinator", gebruiker__naam="Ann Peeters").gebruiker
    collega = LidmaatschapFactory(huis=gent, rol="coordinator", gebruiker__naam="Bart Claes").gebruiker
    client.force_login(coordinator)
    assert "Welkom in Gent." in client.get(pagina).content.decode()

    def niet_opnieuw(*args, **kwargs):
        raise AssertionError("de pagina werd opnieuw gemaakt")

    with monkeypatch.context() as m:
        m.setattr(HuisView, "get_context_data", niet_opnieuw)
        tweede = client.get(pagina)
    assert tweede.status_code == 200 and tweede["Cache-Control"] == "private"
    assert coordinator.email in tweede.content.decode() and "Welkom in Gent." in tweede.content.decode()

    client.force_login(collega)  # another visitor: the page with the colleague's own header
    tekst = client.get(pagina).content.decode()
    assert collega.email in tekst and coordinator.email not in tekst

    with django_capture_on_commit_callbacks(execute=True):
        wijzig_profiel(gent, collega, korte_beschrijving=NIEUW)
    assert NIEUW in client.get(pagina).content.decode()


def test_een_onbestaand_huis_blijft_404(client, gent):
    assert client.get(reverse("huizen:detail", kwargs={"slug": "bestaat-niet"})).status_code == 404


@pytest.mark.parametrize(
    ("naam", "kwargs", "query"), [PAGINAS[1], PAGINAS[3], PAGINAS[4], ("huizen:detail", {"slug": "gent"}, "")]
)
def test_een_pagina_maken_kost_evenveel_queries_met_meer_huizen_en_gegevens(
    client, gent, naam, kwargs, query, django_assert_max_num_queries
):
    def meet():
        cache.clear()  # the page as it is made, not as the cache answers it
        with django_assert_max_num_queries(20) as queries:
            assert client.get(url(naam, kwargs, query)).status_code == 200
        return len(queries.captured_queries)

    def voeg_toe(huizen, locaties, start):
        brussel = list(Gemeente.objects.filter(gewest="Brussels Hoofdstedelijk Gewest"))
        for i in range(start, start + huizen):
            HuisFactory(naam=f"Huis van het Kind Extra {i:02}", gemeenten=brussel[i % 3 : i % 3 + 2])
        for i in range(start, start + locaties):
            partner = PartnerFactory(huis=gent, naam=f"Partner {i}")
            LocatieFactory(huis=gent, naam=f"Locatie {i}", partners=[partner])

    voeg_toe(1, 1, 0)
    weinig = meet()
    voeg_toe(30, 5, 1)
    assert meet() == weinig


def test_een_wijziging_in_het_beheer_laat_de_publieke_paginas_volgen(
    client, gent, rf, django_capture_on_commit_callbacks
):
    from django.contrib import admin

    from huizen.models import Huis
    from kern.versies import versies

    beheer = admin.site._registry[Huis]
    request = rf.post("/beheer/")
    request.user = UserFactory(is_staff=True, is_superuser=True)
    pagina, scopes = reverse("huizen:detail", kwargs={"slug": "gent"}), ["huizen", f"huis:{gent.pk}"]
    etag = client.get(pagina)["ETag"]
    gent.korte_beschrijving = "Via het beheer."
    with django_capture_on_commit_callbacks(execute=True):
        beheer.save_model(request, gent, form=None, change=True)
    assert versies(scopes) == (1, 1)
    antwoord = client.get(pagina, headers={"if-none-match": etag})
    assert antwoord.status_code == 200 and "Via het beheer." in antwoord.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        beheer.delete_model(request, gent)
    assert versies(scopes) == (2, 2)
    assert client.get(pagina).status_code == 404
