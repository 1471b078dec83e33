"""A referral partner in real Chromium: a CAW worker registers a family without an e-mail address
(with its consent, its messages via the CAW), the loket offers a place, the CAW worker gets the
mail, opens the family's page together with the family and accepts, the provider confirms, and the
CAW worker's status page shows the placement. On a phone and on a desktop screen, every page seen
passes axe and never scrolls sideways."""

import datetime
import re

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from huizen.models import Gemeente
from kern.tenancy import Rol
from loket.models import Opvangvraag, Status, Verwijzer, Verwijzerslidmaatschap
from tests.e2e.aanmelden import meld_aan as aanmelden
from tests.factories import (
    AanbiederFactory,
    HuisFactory,
    LidmaatschapFactory,
    OpvanglocatieFactory,
    UserFactory,
    VrijePlaatsFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-wachtwoord-2026"
LINK = re.compile(r"https?://\S+(/opvang/aanvraag/[\w-]+/)")


@pytest.fixture
def gent(referentiedata):
    gemeente = Gemeente.objects.get(nis="44021")
    huis = HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gemeente])
    nest = OpvanglocatieFactory(huis=huis, gemeente=gemeente, naam="Kinderdagverblijf Het Nest")
    OpvanglocatieFactory(huis=huis, gemeente=gemeente, naam="Kinderdagverblijf De Rups")
    start = timezone.localdate() + datetime.timedelta(days=120)
    VrijePlaatsFactory(locatie=nest, vanaf=start, leeftijdsgroep="baby", dagen=[0, 1, 2, 3, 4], aantal=1)
    LidmaatschapFactory(huis=huis, gebruiker=UserFactory(email="loket@gent.test"), rol=Rol.LOKET)
    AanbiederFactory(locatie=nest, gebruiker=UserFactory(email="opvang@hetnest.test"))
    caw = Verwijzer.objects.create(
        naam="CAW Oost-Vlaanderen", soort="caw", email="onthaal@caw.test", huis=huis
    )
    werker = UserFactory(email="an@caw.test", naam="An Werker")
    Verwijzerslidmaatschap.objects.create(gebruiker=werker, verwijzer=caw)
    return {"huis": huis, "start": start}


@pytest.fixture
def nieuwe_pagina():
    contexten = []

    def maak(chromium, live_server):
        context = chromium.new_context(base_url=live_server.url, locale="nl-BE")
        contexten.append(context)
        return context.new_page()

    yield maak
    for context in contexten:
        context.close()


def laatste_link(aan: str) -> str:
    bericht = [bericht for bericht in mail.outbox if aan in bericht.to][-1]
    return LINK.search(bericht.body).group(1)


@pytest.mark.parametrize("breedte", [375, 1280])
def test_een_caw_medewerker_volgt_een_gezin_tot_de_plaatsing(
    pagina, nieuwe_pagina, chromium, live_server, gent, toegankelijk, breedte
):
    def bekijk(scherm):
        toegankelijk(scherm)
        assert scherm.evaluate("document.documentElement.scrollWidth") <= breedte, scherm.url

    def venster(scherm):
        scherm.set_viewport_size({"width": breedte, "height": 900})
        return scherm

    vandaag = timezone.localdate()
    caw = venster(pagina)

    # The CAW worker logs in and lands on the list of the CAW's requests (empty).
    aanmelden(caw, "an@caw.test", WACHTWOORD)
    expect(caw.get_by_role("heading", level=1)).to_have_text("Aanvragen van onze organisatie")
    expect(caw.get_by_text("Nog geen aanvragen")).to_be_visible()
    bekijk(caw)

    # ... registers a family of Gent without an e-mail address, with its consent.
    caw.get_by_role("link", name="Een gezin registreren").click()
    bekijk(caw)
    caw.get_by_label("Postcode van de woonplaats van het gezin").fill("9000")
    caw.get_by_role("button", name="Verder").click()
    expect(caw.get_by_role("heading", level=1)).to_have_text("Aanvraag registreren voor een gezin")
    caw.get_by_label("Voornaam").fill("Amina")
    caw.get_by_label("Geboortedatum").fill((vandaag - datetime.timedelta(days=30)).isoformat())
    caw.get_by_label(re.compile(r"^Naam")).first.fill("Fatima El Idrissi")
    caw.get_by_label("Gewenste startdatum").fill(gent["start"].isoformat())
    for dag in ("maandag", "dinsdag", "donderdag"):
        caw.get_by_label(dag, exact=True).check()
    caw.get_by_label("volle dagen").check()
    caw.get_by_label("Hoeveel uren per week ongeveer?").fill("27")
    caw.get_by_label("groepsopvang voor").check()
    caw.get_by_role("button", name="Toevoegen: Kinderdagverblijf Het Nest").click()
    expect(caw.get_by_role("status").filter(has_text="Het Nest staat nu op plaats 1")).to_be_visible()
    # first without the consent: the error is next to the field and nothing typed is lost
    caw.get_by_role("button", name="Aanvraag registreren", exact=True).last.click()
    expect(caw.locator(".foutoverzicht")).to_be_visible()
    expect(caw.get_by_label("Voornaam")).to_have_value("Amina")
    bekijk(caw)
    caw.get_by_label(re.compile("Het gezin gaf toestemming")).check()
    caw.get_by_label("Berichten via onze organisatie").check()
    caw.get_by_role("button", name="Aanvraag registreren", exact=True).last.click()
    expect(caw.get_by_role("heading", level=1)).to_contain_text("Amina")
    expect(caw.get_by_text("actief, op de wachtlijst", exact=False).first).to_be_visible()
    bekijk(caw)
    status_pagina = caw.url
    vraag = Opvangvraag.objects.get()
    assert vraag.email == "" and vraag.berichten_via_verwijzer and vraag.status == Status.ACTIEF

    # The loket sees who registered it and offers the free place at Het Nest.
    loket = venster(nieuwe_pagina(chromium, live_server))
    aanmelden(loket, "loket@gent.test", WACHTWOORD)
    loket.get_by_role("link", name="Verwijzers").click()  # the loket's partners, and inviting one
    expect(loket.get_by_role("rowheader", name="CAW Oost-Vlaanderen")).to_be_visible()
    bekijk(loket)
    loket.goto(f"/mijn-huis/gent/loket/aanvragen/{vraag.pk}/")
    expect(loket.get_by_text("Geregistreerd door CAW Oost-Vlaanderen (CAW)")).to_be_visible()
    bekijk(loket)
    loket.get_by_role("button", name=re.compile("^Aanbieden")).first.click()
    expect(loket.get_by_text(re.compile("is aangeboden")).first).to_be_visible()
    vraag.refresh_from_db()
    assert vraag.status == Status.AANBOD

    # The offer's mail reaches the CAW (the family has no address), with the family's link.
    link = laatste_link("an@caw.test")
    assert laatste_link("onthaal@caw.test") == link
    caw.goto(status_pagina)
    expect(caw.get_by_text("Kinderdagverblijf Het Nest").first).to_be_visible()
    bekijk(caw)

    # Together with the family, the CAW worker opens the family's page and accepts.
    caw.get_by_role("link", name="Naar de pagina van het gezin").click()
    assert caw.url.endswith(link)
    caw.get_by_role("button", name="Plaats bij Kinderdagverblijf Het Nest aanvaarden").click()
    caw.get_by_role("button", name="Ja, ik aanvaard de plaats bij Kinderdagverblijf Het Nest").click()
    expect(
        caw.get_by_role("heading", name="Aanvaard, wacht op bevestiging van Kinderdagverblijf Het Nest")
    ).to_be_visible()

    # The provider confirms the placement.
    opvang = venster(nieuwe_pagina(chromium, live_server))
    aanmelden(opvang, "opvang@hetnest.test", WACHTWOORD)
    opvang.goto("/opvang/aanbieder/")
    expect(opvang.get_by_text("Fatima El Idrissi").first).to_be_visible()
    opvang.get_by_role("button", name=re.compile("^Plaatsing bevestigen")).first.click()
    vraag.refresh_from_db()
    assert vraag.status == Status.GEPLAATST

    # The CAW worker's status page and list show the placement.
    caw.goto(status_pagina)
    expect(caw.get_by_text("Geplaatst", exact=False).first).to_be_visible()
    expect(caw.locator("dd strong")).to_have_text("Geplaatst")
    bekijk(caw)
    caw.goto("/opvang/verwijzer/")
    expect(caw.locator('td[data-kop="Status"]')).to_have_text("Geplaatst")
    bekijk(caw)


@pytest.mark.parametrize("breedte", [375, 1280])
def test_opgroeien_nodigt_een_verwijzer_uit_voor_alle_lokets(pagina, gent, toegankelijk, breedte):
    UserFactory(email="opgroeien@opgroeien.test", opgroeien=True)
    pagina.set_viewport_size({"width": breedte, "height": 900})
    aanmelden(pagina, "opgroeien@opgroeien.test", WACHTWOORD)
    pagina.get_by_role("link", name=re.compile("^Verwijzers")).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Verwijzers")
    pagina.get_by_label("Naam van de organisatie").fill("Groeipakket Fons")
    pagina.get_by_label("Soort organisatie").select_option("groeipakket")
    pagina.get_by_label("Algemeen e-mailadres van de organisatie").fill("info@fons.test")
    pagina.get_by_label("Naam van de eerste medewerker").fill("Kim Peeters")
    # a mistake: the error is next to the field, what was typed stays
    pagina.get_by_label("E-mailadres van de eerste medewerker").fill("kim-at-fons")
    pagina.get_by_role("button", name="Uitnodigen").click()
    expect(pagina.locator(".foutoverzicht")).to_be_visible()
    expect(pagina.get_by_label("Naam van de organisatie")).to_have_value("Groeipakket Fons")
    toegankelijk(pagina)
    assert pagina.evaluate("document.documentElement.scrollWidth") <= breedte
    pagina.get_by_label("E-mailadres van de eerste medewerker").fill("kim@fons.test")
    pagina.get_by_role("button", name="Uitnodigen").click()
    expect(pagina.get_by_role("rowheader", name="Groeipakket Fons")).to_be_visible()
    toegankelijk(pagina)
    assert pagina.evaluate("document.documentElement.scrollWidth") <= breedte
    assert Verwijzer.objects.get(naam="Groeipakket Fons").huis is None
    assert any("kim@fons.test" in bericht.to for bericht in mail.outbox)
