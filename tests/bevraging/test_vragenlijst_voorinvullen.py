"""What the Huis's profile already knows (bodies and how often they meet, coordinator hours,
locations, project money) is shown filled in in the interview, for the interviewer to confirm."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from bevraging.models import Antwoord
from bevraging.selectors.profiel import keer_per_jaar, voorstellen_uit_profiel
from bevraging.services import (
    Antwoordinvoer,
    bewaar_antwoorden,
    maak_golf,
    open_golf,
    start_respons,
    wijs_toe,
)
from tests.factories import CoordinatorFactory, HuisFactory, LocatieFactory, OverlegorgaanFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("tekst", "keer"),
    [
        ("vier keer per jaar", 4),
        ("4x per jaar", 4),
        ("Maandelijks", 12),
        ("tweemaandelijks", 6),
        ("1 à 2 keer per jaar", 2),
        ("twee keer per maand", 24),
        ("elk kwartaal", 4),
        ("als het nodig is", None),
        ("", None),
    ],
)
def test_vergaderfrequentie_als_keer_per_jaar(tekst, keer):
    assert keer_per_jaar(tekst) == keer


@pytest.fixture
def opstelling(geleverde_golven, opgroeien_medewerker):
    golf = maak_golf(
        van_golf=geleverde_golven[2022], jaar=2027, naam="Bevraging 2027", door=opgroeien_medewerker
    )
    golf = open_golf(golf=golf, door=opgroeien_medewerker)
    huis = HuisFactory(projectmiddelen="KOALA-project 2025-2027", cofinanciering_lokaal_bestuur=True)
    LocatieFactory(huis=huis, naam="Huis Centrum")
    LocatieFactory(huis=huis, naam="Huis Noord")
    CoordinatorFactory(huis=huis, uren_per_week=Decimal("19"))
    CoordinatorFactory(huis=huis, uren_per_week=Decimal("7.5"))
    OverlegorgaanFactory(huis=huis, vergaderfrequentie="vier keer per jaar")
    wijs_toe(golf=golf, huis=huis, interviewer=opgroeien_medewerker, door=opgroeien_medewerker)
    return golf, huis


def test_voorstellen_uit_het_profiel(opstelling):
    golf, huis = opstelling
    vragen = {v.sleutel: v for v in golf.vragenlijst.vragen.prefetch_related("antwoordopties")}
    voorstellen = {v.sleutel: voorstellen_uit_profiel(huis, [v]).get(v.pk) for v in vragen.values()}
    assert voorstellen["toegankelijkheid.fysieke_locatie"].waarde == "meerdere"
    assert voorstellen["toegankelijkheid.fysieke_locatie"].toelichting == "Huis Centrum, Huis Noord"
    assert voorstellen["kwaliteit_en_organisatie.coordinatie_uren"].waarde == 26.5
    assert voorstellen["kwaliteit_en_organisatie.overlegorganen"].waarde == ["stuurgroep"]
    assert voorstellen["kwaliteit_en_organisatie.frequentie_stuurgroep"].waarde == 4
    assert voorstellen["lokaal_bestuur.andere_middelen"].waarde == "ja"
    assert voorstellen["lokaal_bestuur.andere_middelen"].toelichting == "KOALA-project 2025-2027"
    assert voorstellen["lokaal_bestuur.cofinanciering"].waarde == "ja"
    assert voorstellen["kwaliteit_en_organisatie.mandaat_coordinator"] is None


def test_het_interview_toont_het_profiel_ingevuld_tot_er_een_antwoord_is(
    opstelling, opgroeien_client, opgroeien_medewerker
):
    golf, huis = opstelling
    pagina = reverse(
        "bevraging:invullen",
        kwargs={"golf_pk": golf.pk, "huis_slug": huis.slug, "thema": "kwaliteit_en_organisatie"},
    )
    inhoud = opgroeien_client.get(pagina).content.decode()
    assert re.search(r'name="kwaliteit_en_organisatie.coordinatie_uren"[^>]*value="26,5"', inhoud)
    assert re.search(r'value="stuurgroep" checked', inhoud)
    assert re.search(r'name="kwaliteit_en_organisatie.frequentie_stuurgroep"[^>]*value="4"', inhoud)
    assert "Uit het profiel: 2 coördinatoren samen, 26,5 uur per week." in inhoud
    assert not Antwoord.objects.exists()

    respons = start_respons(golf=golf, huis=huis, door=opgroeien_medewerker)
    bewaar_antwoorden(
        respons=respons,
        invoer={"kwaliteit_en_organisatie.coordinatie_uren": Antwoordinvoer(20)},
        versie=respons.versie,
        door=opgroeien_medewerker,
    )
    inhoud = opgroeien_client.get(pagina).content.decode()
    assert re.search(r'name="kwaliteit_en_organisatie.coordinatie_uren"[^>]*value="20"', inhoud)
    assert "26,5 uur per week" not in inhoud
