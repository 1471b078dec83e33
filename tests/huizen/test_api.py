import pytest
from django.core.management import call_command

from huizen.models import Gemeente
from tests.factories import HuisFactory, SubsidieFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def huizen(referentiedata):
    gent = HuisFactory(
        naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")]
    )
    rand = HuisFactory(
        naam="Huis van het Kind Rand",
        slug="rand",
        gemeenten=list(Gemeente.objects.filter(nis__in=["11001", "11004"])),
    )
    return gent, rand


def test_de_open_api_geeft_huizen_met_hun_gemeenten(client, huizen):
    data = client.get("/api/v1/huizen/").json()
    assert data["count"] == 2
    rand = next(h for h in data["results"] if h["slug"] == "rand")
    assert rand["intergemeentelijk"] is True
    assert [g["nis"] for g in rand["gemeenten"]] == ["11001", "11004"]
    assert rand["url"] == "http://testserver/huizen/rand/"


def test_de_open_api_filtert_op_gemeente_en_nis_code(client, huizen):
    data = client.get("/api/v1/huizen/", {"nis": "44021"}).json()
    assert [h["slug"] for h in data["results"]] == ["gent"]
    data = client.get("/api/v1/huizen/", {"gemeente": "boechout"}).json()
    assert [h["slug"] for h in data["results"]] == ["rand"]
    assert client.get("/api/v1/huizen/", {"nis": "00000"}).json()["count"] == 0


def test_gemeenten_met_geldigheid_en_opvolger(client, referentiedata):
    kruibeke = client.get("/api/v1/gemeenten/46013/").json()
    assert kruibeke == {
        "nis": "46013",
        "naam": "Kruibeke",
        "provincie": "Oost-Vlaanderen",
        "gewest": "Vlaams Gewest",
        "geldig_van": None,
        "geldig_tot": "2024-12-31",
        "opvolger": "46030",
    }
    assert (
        client.get("/api/v1/gemeenten/", {"geldig_op": "2025-06-01", "gewest": "Vlaams Gewest"}).json()[
            "count"
        ]
        == 285
    )
    assert client.get("/api/v1/gemeenten/", {"geldig_op": "geen-datum"}).status_code == 400


def test_subsidies_enkel_voor_het_eigen_huis_en_opgroeien(
    client, huis, ander_huis, coordinator, opgroeien_medewerker
):
    SubsidieFactory(huis=huis, jaar=2025, bedrag=5000)
    SubsidieFactory(huis=ander_huis, jaar=2025, bedrag=6000)

    assert client.get("/api/v1/subsidies/").status_code == 403
    client.force_login(coordinator)
    assert [s["huis"] for s in client.get("/api/v1/subsidies/").json()["results"]] == ["eigen"]
    client.force_login(opgroeien_medewerker)
    assert {s["huis"] for s in client.get("/api/v1/subsidies/").json()["results"]} == {"eigen", "ander"}


def test_het_openapi_schema_is_geldig_en_de_documentatie_werkt_offline(client):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")
    docs = client.get("/api/docs/").content.decode()
    assert "cdn" not in docs.lower() and "/static/drf_spectacular_sidecar/swagger-ui-dist/" in docs
