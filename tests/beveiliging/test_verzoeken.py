"""Requests: a NUL byte in the address is refused, and pages with personal data are never cached."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from kern.models import User
from tests.test_toegang import slachtoffer  # noqa: F401
from tests.toegang import alle_patronen, bouw_url

NUL_ADRESSEN = [
    "/opvang/aanvraag/abc%00/",
    "/opvang/aanvraag/abc%00/gegevens.json",
    "/api/v1/huizen/gent%00/",
    "/api/v1/gemeenten/44021%00/",
    "/huizen/?gemeente=%00",
    "/huizen/?q=9000&gemeente=ab%00c",
    "/mijn-huis/eigen%00/loket/aanvragen/",
    "/opgroeien/levensdomeinen/heatmap/?cluster=%00",
    "/%00",
]


def _nul_geeft_400(client):
    for adres in NUL_ADRESSEN:
        for methode in (client.get, client.post, client.head):
            antwoord = methode(adres)
            assert antwoord.status_code == 400, (methode, adres, antwoord.status_code)


@pytest.mark.django_db
def test_een_nulteken_in_pad_of_querystring_geeft_400(client, opgroeien_medewerker):
    _nul_geeft_400(client)
    client.force_login(opgroeien_medewerker)
    _nul_geeft_400(client)
    assert (
        client.get("/opvang/aanvraag/abc%00/").content.decode() == "Ongeldig adres: het bevat een nulteken."
    )
    assert client.get("/huizen/?gemeente=%2500").status_code == 200  # a literal "%00" is no NUL


@pytest.mark.integration
@pytest.mark.django_db
def test_een_nulteken_geeft_ook_op_postgresql_400_en_geen_500(client, opgroeien_medewerker):
    if connection.vendor != "postgresql":
        pytest.skip("zet DATABASE_URL=postgres://... om op PostgreSQL te testen")
    _nul_geeft_400(client)
    client.force_login(opgroeien_medewerker)
    _nul_geeft_400(client)


# --- Cache-Control --------------------------------------------------------------------------


def _persoonlijk(url: str, naam: str) -> bool:
    return naam.startswith("loket:") or url.startswith(tuple(settings.GEEN_CACHE_PADEN))


def test_de_prefixen_dekken_elke_pagina_van_loket_aanbieder_en_gezin(slachtoffer):  # noqa: F811
    for patroon in alle_patronen():
        if patroon.naam.startswith("loket:"):
            url = bouw_url(patroon, slachtoffer.waarden)
            assert url.startswith(tuple(settings.GEEN_CACHE_PADEN)), (patroon.naam, url)


@pytest.mark.parametrize("wie", ["anoniem", "loket", "aanbieder"])
def test_elke_persoonlijke_pagina_en_download_zegt_no_store(slachtoffer, wie):  # noqa: F811
    client = Client()
    if wie != "anoniem":
        client.force_login(User.objects.get(email=f"geheim.{wie}@prive.test"))
    bezocht, zonder = 0, []
    for patroon in alle_patronen():
        url = bouw_url(patroon, slachtoffer.waarden)
        if not _persoonlijk(url, patroon.naam):
            continue
        for antwoord in (client.get(url), client.post(url, {})):
            bezocht += 1
            waarde = antwoord.get("Cache-Control", "")
            if "no-store" not in waarde or "private" not in waarde:
                zonder.append(
                    f"{antwoord.request['REQUEST_METHOD']} {url} {antwoord.status_code}: {waarde!r}"
                )
    assert bezocht > 60
    assert zonder == []


def test_de_downloads_van_het_loket_zeggen_no_store(slachtoffer):  # noqa: F811
    client = Client()
    client.force_login(User.objects.get(email="geheim.loket@prive.test"))
    downloads = [
        ("/mijn-huis/prive/loket/aanvragen/", {"formaat": "xlsx"}),
        ("/mijn-huis/prive/loket/aanvragen/", {"formaat": "csv"}),
        ("/mijn-huis/prive/loket/rapportage/", {"tabel": "doorlooptijden", "formaat": "csv"}),
    ]
    for url, parameters in downloads:
        antwoord = client.get(url, parameters)
        assert antwoord.status_code == 200 and "attachment" in antwoord["Content-Disposition"]
        assert {"no-store", "private"} <= {d.strip() for d in antwoord["Cache-Control"].split(",")}


@pytest.mark.django_db
def test_publieke_paginas_blijven_cachebaar(client):
    assert "no-store" not in client.get("/").get("Cache-Control", "")
    assert "no-store" not in client.get("/huizen/").get("Cache-Control", "")
