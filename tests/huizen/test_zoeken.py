import datetime

import pytest
from django.urls import reverse

from huizen.models import Gemeente, Werkingsgebied
from huizen.selectors import zoek_gemeenten
from tests.factories import HuisFactory

pytestmark = pytest.mark.django_db


def gemeente(nis):
    return Gemeente.objects.get(nis=nis)


@pytest.fixture
def huizen(referentiedata):
    return {
        "gent": HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gemeente("44021")]),
        "tienen": HuisFactory(naam="Huis van het Kind Tienen", slug="tienen", gemeenten=[gemeente("24107")]),
        "brussel": HuisFactory(
            naam="Huis van het Kind Brussel",
            slug="brussel",
            gemeenten=list(Gemeente.objects.filter(gewest="Brussels Hoofdstedelijk Gewest")),
        ),
    }


@pytest.mark.parametrize(
    ("zoekterm", "namen"),
    [
        ("9000", ["Gent"]),
        ("3470", ["Kortenaken", "Tienen"]),
        ("1030", ["Schaarbeek"]),
        ("gent", ["Gent"]),
        ("  Ledeberg ", ["Gent"]),  # a deelgemeente
        ("Kruibeke", ["Beveren-Kruibeke-Zwijndrecht"]),  # merged in 2025
        ("9150", ["Beveren-Kruibeke-Zwijndrecht"]),
        ("0000", []),
        ("", []),
        ("3500 Hasselt", ["Hasselt"]),
        ("Hasselt, 3500", ["Hasselt"]),
        ("3470 Kortenaken", ["Kortenaken"]),  # the postcode is shared, the name decides
        ("3470 Sint-Margriete-Houtem", ["Tienen"]),  # a place of the postcode
        ("9000 Gentbrugge", ["Gent"]),  # a name that is not of this postcode: the postcode counts
        ("Gentt", ["Gent"]),  # one letter too many
        ("Hasslt", ["Hasselt"]),  # one letter missing
        ("Xyzzy", []),
    ],
)
def test_zoek_gemeenten(referentiedata, zoekterm, namen):
    assert [g.naam for g in zoek_gemeenten(zoekterm)] == namen


def test_postcode_in_een_gemeente_toont_haar_huis(client, huizen):
    antwoord = client.get(reverse("huizen:lijst"), {"q": "9000"})

    assert antwoord.status_code == 200
    assert list(antwoord.context["huizen"]) == [huizen["gent"]]
    assert "Huis van het Kind voor Gent" in antwoord.content.decode()


def test_postcode_over_twee_gemeenten_vraagt_welke(client, huizen):
    antwoord = client.get(reverse("huizen:lijst"), {"q": "3470"})
    tekst = antwoord.content.decode()

    assert "Postcode 3470 ligt in meer dan één gemeente." in tekst
    assert [g.naam for g in antwoord.context["keuze_gemeenten"]] == ["Kortenaken", "Tienen"]
    assert not antwoord.context["huizen"]

    antwoord = client.get(reverse("huizen:lijst"), {"gemeente": "24107"})
    assert list(antwoord.context["huizen"]) == [huizen["tienen"]]


def test_brussel_wordt_gevonden_via_elke_brusselse_postcode(client, huizen):
    antwoord = client.get(reverse("huizen:lijst"), {"q": "1030"})
    assert list(antwoord.context["huizen"]) == [huizen["brussel"]]


def test_gemeente_zonder_huis_zegt_dat_en_verwijst_door(client, huizen):
    tekst = client.get(reverse("huizen:lijst"), {"q": "3470"}).content.decode()
    assert "Kortenaken" in tekst
    tekst = client.get(reverse("huizen:lijst"), {"gemeente": "24054"}).content.decode()
    assert "In Kortenaken is er op dit moment geen Huis van het Kind actief." in tekst


@pytest.mark.parametrize("q", ["Xyzzy", "x" * 500, "<script>", "' OR 1=1 --"])
def test_onbekende_of_vreemde_zoektermen_geven_een_duidelijke_melding(client, huizen, q):
    antwoord = client.get(reverse("huizen:lijst"), {"q": q})
    assert antwoord.status_code == 200
    tekst = antwoord.content.decode()
    assert "We vonden geen gemeente of postcode" in tekst or "100 tekens" in tekst
    assert "<script>" not in tekst.split("</header>")[1]


def test_een_onbestaande_gemeentecode_geeft_een_melding(client, huizen):
    tekst = client.get(reverse("huizen:lijst"), {"gemeente": "abc"}).content.decode()
    assert "Die gemeente bestaat niet (meer)" in tekst


def test_de_lijst_is_gepagineerd_en_filtert_op_provincie(client, huizen):
    for i in range(30):
        HuisFactory(naam=f"Huis van het Kind Extra {i:02}", gemeenten=[gemeente("11002")])

    eerste = client.get(reverse("huizen:lijst"))
    assert len(eerste.context["huizen"]) == 25 and eerste.context["pagina"].paginator.count == 33
    tweede = client.get(reverse("huizen:lijst"), {"pagina": "2"})
    assert len(tweede.context["huizen"]) == 8
    assert client.get(reverse("huizen:lijst"), {"pagina": "999"}).status_code == 200

    oost = client.get(reverse("huizen:lijst"), {"provincie": "Oost-Vlaanderen"})
    assert [h.slug for h in oost.context["huizen"]] == ["gent"]


def test_de_lijst_doet_evenveel_queries_voor_3_als_voor_30_huizen(
    client, huizen, django_assert_max_num_queries
):
    for i in range(30):
        HuisFactory(naam=f"Huis van het Kind Veel {i:02}", gemeenten=[gemeente("11002"), gemeente("11001")])
    with django_assert_max_num_queries(8):
        client.get(reverse("huizen:lijst"))


def test_de_huispagina_toont_gemeenten_en_contact(client, huizen):
    huis = huizen["brussel"]
    huis.telefoon, huis.email = "02 123 45 67", "info@brussel.test"
    huis.save()

    tekst = client.get(huis.get_absolute_url()).content.decode()

    assert "Intergemeentelijk Huis" in tekst and "Werkt in 19 gemeenten" in tekst
    assert "Schaarbeek" in tekst and "info@brussel.test" in tekst and 'href="tel:021234567"' in tekst
    assert client.get("/huizen/bestaat-niet/").status_code == 404


def test_een_huis_toont_alleen_het_werkingsgebied_van_vandaag(client, referentiedata):
    huis = HuisFactory(slug="fusie", gemeenten=[])
    einde = datetime.date(2024, 12, 31)
    Werkingsgebied.objects.create(huis=huis, gemeente=gemeente("46003"), geldig_tot=einde)  # Beveren (oud)
    Werkingsgebied.objects.create(huis=huis, gemeente=gemeente("46013"), geldig_tot=einde)  # Kruibeke
    Werkingsgebied.objects.create(
        huis=huis, gemeente=gemeente("46030"), geldig_van=einde + datetime.timedelta(1)
    )

    antwoord = client.get(huis.get_absolute_url())

    assert [g.naam for g in antwoord.context["huis"].gemeenten_vandaag] == ["Beveren-Kruibeke-Zwijndrecht"]
    assert not huis.is_intergemeentelijk()
    assert huis.is_intergemeentelijk(datetime.date(2022, 6, 30))
