"""One request across neighbouring lokets, in real Chromium: a family living in Merelbeke registers
at its own loket with a location in Gent as its first choice; Gent's loket sees only what it needs
and offers a place; the family accepts through its private link; the provider confirms; Merelbeke's
loket sees the request placed and its other preferences ended. Every page seen passes axe and
never scrolls sideways, on a phone and on a desktop screen.

Merelbeke merged with Melle on 1 January 2025: the family's postcode 9820 lies in Merelbeke-Melle
(NIS 44088, successor of Merelbeke 44043), the area of Merelbeke's loket.
"""

import datetime
import re
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from huizen.models import Gemeente
from kern.tenancy import Rol
from loket.models import Opvangvraag, Status
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
LINK = re.compile(r"https?://\S+/opvang/aanvraag/[\w-]+/(?:bevestigen/)?")


@pytest.fixture
def lokets(referentiedata):
    merelbeke = Gemeente.objects.get(nis="44088")  # Merelbeke-Melle, successor of Merelbeke (44043)
    assert Gemeente.objects.get(nis="44043").opvolger == merelbeke
    gent = Gemeente.objects.get(nis="44021")
    huis_m = HuisFactory(naam="Huis van het Kind Merelbeke", slug="merelbeke", gemeenten=[merelbeke])
    huis_g = HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gent])
    LidmaatschapFactory(huis=huis_m, gebruiker=UserFactory(email="loket@merelbeke.test"), rol=Rol.LOKET)
    LidmaatschapFactory(huis=huis_g, gebruiker=UserFactory(email="loket@gent.test"), rol=Rol.LOKET)
    nest = OpvanglocatieFactory(huis=huis_g, gemeente=gent, naam="Kinderdagverblijf Het Nest")
    bij = OpvanglocatieFactory(huis=huis_m, gemeente=merelbeke, naam="Kinderdagverblijf De Bij")
    AanbiederFactory(locatie=nest, gebruiker=UserFactory(email="opvang@hetnest.test"))
    return {"merelbeke": huis_m, "gent": huis_g, "nest": nest, "bij": bij}


@pytest.fixture
def nieuwe_pagina():
    """Pages for other people at other computers; their browser contexts close with the test."""
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
    return urlsplit(LINK.search(bericht.body).group(0)).path


@pytest.mark.parametrize("breedte", [375, 1280])
def test_een_aanvraag_over_twee_lokets(
    pagina, nieuwe_pagina, chromium, live_server, lokets, toegankelijk, breedte
):
    def bekijk(scherm):
        toegankelijk(scherm)
        assert scherm.evaluate("document.documentElement.scrollWidth") <= breedte, scherm.url

    def venster(scherm):
        scherm.set_viewport_size({"width": breedte, "height": 900})
        return scherm

    venster(pagina)
    vandaag = timezone.localdate()
    start = vandaag + datetime.timedelta(days=120)

    # The family of Merelbeke registers at its own loket; the places that fit include Gent's,
    # with the loket it belongs to and how far it is. It chooses Het Nest in Gent first.
    pagina.goto("/opvang/merelbeke/aanvragen/")
    pagina.get_by_label("Voornaam").fill("Mona")
    pagina.get_by_label("Geboortedatum").fill((vandaag - datetime.timedelta(days=30)).isoformat())
    pagina.get_by_label(re.compile(r"^Naam")).first.fill("Lien Claes")
    pagina.get_by_label("E-mailadres voor de opvolging").fill("lien@gezin.test")
    pagina.get_by_label("Typ het e-mailadres nog eens").fill("lien@gezin.test")
    pagina.get_by_label("Postcode van uw woonplaats").fill("9820")
    pagina.get_by_label("Gewenste startdatum").fill(start.isoformat())
    for dag in ("maandag", "dinsdag", "donderdag"):
        pagina.get_by_label(dag, exact=True).check()
    pagina.get_by_label("volle dagen").check()
    pagina.get_by_label("Hoeveel uren per week ongeveer?").fill("27")
    pagina.get_by_label("groepsopvang voor").check()
    nest = pagina.locator(f"#locatie-{lokets['nest'].pk}")
    expect(nest).to_contain_text("Bij een ander loket: Lokaal Loket Kinderopvang Gent")
    expect(nest).to_contain_text(re.compile(r"ongeveer \d+ km van uw gemeente"))
    bekijk(pagina)
    pagina.get_by_role("button", name="Toevoegen: Kinderdagverblijf Het Nest").click()
    expect(pagina.locator(f"#keuze-{lokets['nest'].pk}")).to_be_visible()
    pagina.get_by_role("button", name="Toevoegen: Kinderdagverblijf De Bij").click()
    expect(pagina.locator(f"#keuze-{lokets['bij'].pk}")).to_be_visible()
    pagina.get_by_role("button", name="Aanvraag versturen", exact=True).last.click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Bedankt, we ontvingen uw aanvraag")
    vraag = Opvangvraag.objects.get(email="lien@gezin.test")
    assert vraag.huis == lokets["merelbeke"]
    assert [v.locatie for v in vraag.voorkeuren.order_by("rang")] == [lokets["nest"], lokets["bij"]]
    pagina.goto(laatste_link("lien@gezin.test"))
    pagina.get_by_role("button", name="Ja, bevestig mijn aanvraag").click()
    expect(pagina.get_by_text("staat op de wachtlijst").first).to_be_visible()
    prive = pagina.url

    # Het Nest has a free place for a baby.
    VrijePlaatsFactory(locatie=lokets["nest"], vanaf=start, dagen=[0, 1, 3])

    # Gent's loket finds the request among those of other lokets: only what it needs, no names.
    gent = venster(nieuwe_pagina(chromium, live_server))
    aanmelden(gent, "loket@gent.test", WACHTWOORD)
    gent.goto("/mijn-huis/gent/loket/aanvragen/")
    gent.get_by_role("link", name="Aanvragen van andere loketten die uw opvanglocaties kozen").click()
    bekijk(gent)
    gent.get_by_role("link", name=vraag.nummer).click()
    expect(gent.get_by_role("heading", level=1)).to_contain_text("Lokaal Loket Kinderopvang Merelbeke")
    expect(gent.locator("main")).to_contain_text("keuze 1 van het gezin")
    expect(gent.locator("main")).to_contain_text("geen voorrangsgroep")
    for geheim in ("Lien Claes", "lien@gezin.test", "Mona"):
        expect(gent.locator("body")).not_to_contain_text(geheim)
    bekijk(gent)
    gent.get_by_role("button", name=re.compile("^Aanbieden")).first.click()
    expect(gent.get_by_text(re.compile("is aangeboden")).first).to_be_visible()
    # ... and now sees the family's name and contact, for the start, still not the child's name
    expect(gent.locator("#contact")).to_contain_text("Lien Claes")
    expect(gent.locator("body")).not_to_contain_text("Mona")
    bekijk(gent)
    vraag.refresh_from_db()
    assert vraag.status == Status.AANBOD

    # The family accepts through its private link.
    pagina.goto(laatste_link("lien@gezin.test"))
    pagina.get_by_role("button", name="Plaats bij Kinderdagverblijf Het Nest aanvaarden").click()
    pagina.get_by_role("button", name="Ja, ik aanvaard de plaats bij Kinderdagverblijf Het Nest").click()
    expect(
        pagina.get_by_role("heading", name="Aanvaard, wacht op bevestiging van Kinderdagverblijf Het Nest")
    ).to_be_visible()

    # The provider confirms the placement.
    opvang = venster(nieuwe_pagina(chromium, live_server))
    aanmelden(opvang, "opvang@hetnest.test", WACHTWOORD)
    opvang.goto("/opvang/aanbieder/")
    expect(opvang.get_by_text("Lien Claes").first).to_be_visible()
    opvang.get_by_role("button", name=re.compile("^Plaatsing bevestigen")).first.click()
    expect(opvang.get_by_text(re.compile("is bevestigd")).first).to_be_visible()
    vraag.refresh_from_db()
    assert vraag.status == Status.GEPLAATST
    assert not vraag.voorkeuren.get(locatie=lokets["bij"]).actief
    pagina.goto(prive)
    expect(pagina.get_by_text("Uw kind heeft een plaats").first).to_be_visible()

    # Merelbeke's loket sees its request placed at Gent's location and its other choice ended,
    # and got a mail about it.
    merelbeke = venster(nieuwe_pagina(chromium, live_server))
    aanmelden(merelbeke, "loket@merelbeke.test", WACHTWOORD)
    merelbeke.goto(f"/mijn-huis/merelbeke/loket/aanvragen/{vraag.pk}/")
    expect(merelbeke.locator(".loket-status")).to_contain_text("Status: geplaatst")
    expect(merelbeke.locator("main")).to_contain_text(
        "Plaatsing bij Kinderdagverblijf Het Nest (Lokaal Loket Kinderopvang Gent) bevestigd"
    )
    expect(merelbeke.locator("main")).to_contain_text(
        "Andere voorkeuren beëindigd (geplaatst elders): Kinderdagverblijf De Bij"
    )
    expect(merelbeke.locator("#voorkeuren")).to_contain_text("Beëindigd: geplaatst elders")
    bekijk(merelbeke)
    bericht = [b for b in mail.outbox if "loket@merelbeke.test" in b.to][-1]
    assert vraag.nummer in bericht.subject and "Kinderdagverblijf De Bij" in bericht.body
