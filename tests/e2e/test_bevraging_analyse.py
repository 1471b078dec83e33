"""Opgroeien staff open the survey results in real Chromium: the wave's overview, one question,
switch the cross-tab to physical location, search the open answers and follow a count to the
Huizen behind it; axe passes on every page and nothing breaks the CSP."""

import re

import pytest
from playwright.sync_api import expect

from bevraging.models import Golf, Responsstatus, Vraag
from huizen.models import VrindCluster
from tests.e2e.aanmelden import meld_aan as aanmelden
from tests.factories import GemeenteFactory, HuisFactory, LocatieFactory, ResponsFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-wachtwoord-2026"
LOKET = "kind_en_gezin_partners.lokaal_loket"


@pytest.fixture
def resultaten(referentiedata):
    from bevraging.services import laad_geleverde_vragenlijsten

    if not Golf.objects.filter(jaar=2022).exists():
        laad_geleverde_vragenlijsten()
    golf = Golf.objects.get(jaar=2022)
    vraag = Vraag.objects.get(vragenlijst__golf=golf, sleutel=LOKET)
    UserFactory(email="analist@opgroeien.test", opgroeien=True)
    gegevens = [
        ("Huis van het Kind Gent", 3, True, 5, "Het loket zit in ons gebouw."),
        ("Huis van het Kind Antwerpen", 3, True, 4, "Wekelijks overleg met het loket."),
        ("Huis van het Kind Aalter", 6, False, 2, "Weinig contact met het loket."),
        ("Huis van het Kind Eeklo", 6, True, 3, ""),
        ("Huis van het Kind Tielt", 6, False, 1, "Geen loket in de buurt."),
    ]
    for naam, cluster, locatie, score, toelichting in gegevens:
        gemeente = GemeenteFactory(cluster=VrindCluster.objects.get(nummer=cluster))
        huis = HuisFactory(naam=naam, gemeenten=[gemeente])
        if locatie:
            LocatieFactory(huis=huis, naam=naam, gemeente=gemeente, openingsuren=[])
        ResponsFactory(
            golf=golf,
            huis=huis,
            status=Responsstatus.INGEDIEND,
            antwoorden={vraag.sleutel: {"waarde": score, "toelichting": toelichting}},
        )
    return golf


def test_opgroeien_bekijkt_een_vraag_en_wisselt_de_uitsplitsing(pagina, resultaten, toegankelijk):
    aanmelden(pagina, "analist@opgroeien.test", WACHTWOORD)

    pagina.goto(f"/bevraging/{resultaten.pk}/analyse/")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Resultaten Bevraging 2022")
    toegankelijk(pagina)

    tabel = pagina.locator("#tabel-thema-kind_en_gezin_partners")
    tabel.get_by_role(
        "link", name="In welke mate werken jullie samen met het Lokaal Loket Kinderopvang?"
    ).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "In welke mate werken jullie samen met het Lokaal Loket Kinderopvang?"
    )
    kruistabel = pagina.locator("#tabel-kruistabel")
    expect(kruistabel.get_by_role("heading")).to_have_text("Antwoorden per VRIND-cluster")
    toegankelijk(pagina)

    pagina.get_by_role("navigation", name="Uitsplitsen per").get_by_role(
        "link", name="Fysieke locatie (ja, gepland, nee)"
    ).click()
    expect(pagina).to_have_url(re.compile(r"dimensie=fysiek"))
    expect(kruistabel.get_by_role("heading")).to_have_text(
        "Antwoorden van Huizen met, met een geplande en zonder fysieke locatie"
    )
    met = kruistabel.get_by_role("row", name=re.compile("^Met een of meer fysieke locaties"))
    expect(met).to_contain_text("33,33 %")  # Eeklo's 3 of the three with a location
    expect(met).to_contain_text("66,67 %")
    expect(
        pagina.get_by_role("link", name="Fysieke locatie (ja, gepland, nee)", exact=True)
    ).to_have_attribute("aria-current", "true")
    toegankelijk(pagina)

    pagina.get_by_label("Zoek in de open antwoorden").fill("loket")
    pagina.get_by_label("VRIND-cluster van het Huis").select_option("6")
    pagina.get_by_role("button", name="Zoeken").click()
    open_antwoorden = pagina.locator("#open-antwoorden")
    expect(open_antwoorden.get_by_text("Weinig contact met het loket.")).to_be_visible()
    expect(open_antwoorden.get_by_text("Het loket zit in ons gebouw.")).to_have_count(0)
    expect(pagina).to_have_url(re.compile(r"dimensie=fysiek"))  # the cross-tab stays as it was
    toegankelijk(pagina)

    zonder = kruistabel.get_by_role("row", name=re.compile("^Zonder fysieke locatie"))
    zonder.get_by_role("link", name="2").first.click()  # Score 1-2 without a location: Aalter and Tielt
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Huizen achter een cijfer")
    rijen = pagina.locator("table tbody tr")
    expect(rijen).to_have_count(2)
    expect(rijen.nth(0)).to_contain_text("Huis van het Kind Aalter")
    expect(rijen.nth(1)).to_contain_text("Huis van het Kind Tielt")
    toegankelijk(pagina)


def test_de_coordinator_ziet_zijn_huis_naast_vlaanderen(pagina, resultaten, toegankelijk):
    from huizen.models import Huis
    from kern.tenancy import Rol
    from tests.factories import LidmaatschapFactory

    gent = Huis.objects.get(naam="Huis van het Kind Gent")
    LidmaatschapFactory(huis=gent, gebruiker=UserFactory(email="coordinator@gent.test"), rol=Rol.COORDINATOR)
    aanmelden(pagina, "coordinator@gent.test", WACHTWOORD)

    pagina.goto(f"/mijn-huis/{gent.slug}/bevraging/{resultaten.pk}/vergelijking/")
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("naast Vlaanderen")
    loket = pagina.locator("#tabel-thema-kind_en_gezin_partners").get_by_role(
        "row", name=re.compile("Lokaal Loket")
    )
    expect(loket.first).to_contain_text("5 – nauwe samenwerking")
    expect(loket.first).to_contain_text("40,00 %")  # Flanders: 2 of the 5 score 4-5
    expect(pagina.get_by_text("minder dan 5 ingediende bevragingen")).to_be_visible()  # cluster 3 has 2
    expect(pagina.get_by_text("Wekelijks overleg met het loket.")).to_have_count(0)
    toegankelijk(pagina)
