"""Public pages from the cache (kern.http): one rendering per data version, 304 for a browser that
has it, and nothing of one visitor ever served to another."""

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import RequestFactory
from django.utils import translation
from django.views import View

from kern.http import PubliekeCacheMixin, zonder_sessie
from kern.versies import verhoog

pytestmark = pytest.mark.django_db


class Teller(PubliekeCacheMixin, View):
    """A public page that counts how often it is really made."""

    gemaakt = 0
    met_formulier = False

    def cache_scopes(self):
        return ["huis:7"]

    def get(self, request):
        type(self).gemaakt += 1
        token = get_token(request) if self.met_formulier else ""
        return HttpResponse(f"versie {type(self).gemaakt} {token}")


@pytest.fixture
def teller():
    Teller.gemaakt = 0
    Teller.met_formulier = False
    return Teller.as_view()


def vraag(view, **headers):
    return view(RequestFactory().get("/pagina/?q=1", **headers))


def test_een_tweede_anonieme_vraag_komt_uit_de_cache(teller):
    eerste, tweede = vraag(teller), vraag(teller)
    assert eerste.content == tweede.content == b"versie 1 "
    assert Teller.gemaakt == 1
    assert tweede["Cache-Control"] == "public, max-age=60"
    assert tweede["ETag"] == eerste["ETag"]
    assert [v.strip() for v in tweede["Vary"].split(",")] == ["Cookie"]  # the language is a cookie


def test_een_andere_zoekvraag_is_een_andere_pagina(teller):
    vraag(teller)
    andere = teller(RequestFactory().get("/pagina/?q=2"))
    assert Teller.gemaakt == 2 and andere.content == b"versie 2 "


def test_wie_de_pagina_al_heeft_krijgt_304(teller):
    etag = vraag(teller)["ETag"]
    antwoord = vraag(teller, HTTP_IF_NONE_MATCH=etag)
    assert antwoord.status_code == 304 and antwoord["ETag"] == etag and not antwoord.content
    assert vraag(teller, HTTP_IF_NONE_MATCH='"iets-anders"').status_code == 200


def test_na_een_schrijfactie_volgt_de_pagina(teller, django_capture_on_commit_callbacks):
    oud = vraag(teller)
    with django_capture_on_commit_callbacks(execute=True):
        verhoog("huis:7")
    nieuw = vraag(teller, HTTP_IF_NONE_MATCH=oud["ETag"])
    assert nieuw.status_code == 200 and nieuw.content == b"versie 2 "
    assert nieuw["ETag"] != oud["ETag"]
    # another Huis's write leaves it alone
    with django_capture_on_commit_callbacks(execute=True):
        verhoog("huis:8")
    assert vraag(teller).content == b"versie 2 "


def test_met_een_sessie_of_melding_is_de_pagina_prive_en_vers(teller):
    vraag(teller)
    for cookie in (settings.SESSION_COOKIE_NAME, "messages"):
        antwoord = teller(_met_cookie(cookie))
        assert antwoord["Cache-Control"] == "private"
        assert "ETag" not in antwoord
    assert Teller.gemaakt == 3


def test_een_pagina_met_csrf_token_wordt_nooit_bewaard(teller):
    Teller.met_formulier = True
    eerste, tweede = vraag(teller), vraag(teller)
    assert Teller.gemaakt == 2
    assert eerste.content != tweede.content  # each visitor their own token
    assert tweede["Cache-Control"] == "private" and "ETag" not in tweede


def test_een_post_gaat_nooit_langs_de_cache(teller):
    vraag(teller)
    antwoord = teller(RequestFactory().post("/pagina/?q=1"))
    assert antwoord.status_code == 405  # the page only reads; nothing from the cache
    assert "public" not in antwoord.get("Cache-Control", "")


def _met_cookie(naam):
    request = RequestFactory().get("/pagina/?q=1")
    request.COOKIES[naam] = "iets"
    return request


def test_een_taalcookie_alleen_laat_de_bezoeker_sessieloos(teller):
    verzoek = RequestFactory().get("/pagina/?q=1", HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=fr")
    assert zonder_sessie(verzoek)
    with translation.override("fr"):
        eerste, tweede = teller(verzoek), vraag(teller, HTTP_COOKIE=f"{settings.LANGUAGE_COOKIE_NAME}=fr")
    assert Teller.gemaakt == 1 and tweede["Cache-Control"] == "public, max-age=60"
    assert tweede["ETag"] == eerste["ETag"]


def test_elke_taal_is_een_andere_pagina(teller):
    with translation.override("fr"):
        frans = vraag(teller)
    nederlands = vraag(teller)
    assert Teller.gemaakt == 2 and frans["ETag"] != nederlands["ETag"]
