"""A family, a childcare provider and the loket staff work one request through, in real Chromium:
register with ranked preferences (picked and moved with buttons), confirm by the e-mail link,
change; the provider adds a free place; the loket offers it; the family accepts through its
link; the provider confirms the placement and the family's other preference ends. A second
request is withdrawn. Choosing places works with the keyboard alone on a phone."""

import datetime
import re
import time
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
    OpvangvraagFactory,
    UserFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-wachtwoord-2026"
LINK = re.compile(r"https?://\S+/opvang/aanvraag/[\w-]+/(?:bevestigen/)?")


@pytest.fixture
def loket_gent(referentiedata):
    gent = Gemeente.objects.get(nis="44021")
    huis = HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gent])
    eerste = OpvanglocatieFactory(huis=huis, gemeente=gent, naam="Kinderdagverblijf Het Nest")
    tweede = OpvanglocatieFactory(huis=huis, gemeente=gent, naam="Kinderdagverblijf De Rups")
    medewerker = UserFactory(email="loket@gent.test")
    LidmaatschapFactory(huis=huis, gebruiker=medewerker, rol=Rol.LOKET)
    aanbieder = AanbiederFactory(locatie=eerste, gebruiker=UserFactory(email="opvang@hetnest.test")).gebruiker
    return {
        "huis": huis,
        "eerste": eerste,
        "tweede": tweede,
        "medewerker": medewerker,
        "aanbieder": aanbieder,
    }


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


def meld_aan(pagina, email):
    aanmelden(pagina, email, WACHTWOORD)


def laatste_link(aan: str) -> str:
    """The path of the private link in the latest e-mail sent to `aan` (the mail names the public
    site). The outbox itself no longer holds the text of a sent mail."""
    bericht = [bericht for bericht in mail.outbox if aan in bericht.to][-1]
    return urlsplit(LINK.search(bericht.body).group(0)).path


@pytest.mark.parametrize("breedte", [375, 1280])
def test_van_aanvraag_tot_plaatsing(
    pagina, nieuwe_pagina, chromium, live_server, loket_gent, toegankelijk, breedte
):
    """The whole journey on a phone and on a desktop screen: every page seen passes axe and never
    scrolls sideways."""

    def bekijk(scherm):
        toegankelijk(scherm)
        assert scherm.evaluate("document.documentElement.scrollWidth") <= breedte, scherm.url

    def venster(scherm):
        scherm.set_viewport_size({"width": breedte, "height": 900})
        return scherm

    venster(pagina)
    vandaag = timezone.localdate()
    start = vandaag + datetime.timedelta(days=120)

    # The family finds the form on the Huis page and registers its baby with two ranked locations.
    pagina.goto("/huizen/gent/")
    pagina.get_by_role("link", name=re.compile("Kinderopvang aanvragen", re.I)).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Kinderopvang aanvragen")
    bekijk(pagina)
    pagina.get_by_label("Voornaam").fill("Mona")
    pagina.get_by_label("Geboortedatum").fill((vandaag - datetime.timedelta(days=30)).isoformat())
    pagina.get_by_label(re.compile(r"^Naam")).first.fill("Lien Claes")
    pagina.get_by_label("E-mailadres voor de opvolging").fill("lien@gezin.test")
    pagina.get_by_label("Typ het e-mailadres nog eens").fill("lien@gezin.test")
    pagina.get_by_label("Postcode van uw woonplaats").fill("9000")
    pagina.get_by_label("Gewenste startdatum").fill(start.isoformat())
    for dag in ("maandag", "dinsdag", "donderdag"):
        pagina.get_by_label(dag, exact=True).check()
    pagina.get_by_label("volle dagen").check()
    pagina.get_by_label("Hoeveel uren per week ongeveer?").fill("27")
    pagina.get_by_label("groepsopvang voor").check()
    # the places that fit appear (htmx) and are picked and ranked with buttons
    pagina.get_by_role("button", name="Toevoegen: Kinderdagverblijf Het Nest").click()
    pagina.get_by_role("button", name="Toevoegen: Kinderdagverblijf De Rups").click()
    pagina.get_by_role("button", name="Hoger: Kinderdagverblijf De Rups").click()
    expect(pagina.get_by_role("status").filter(has_text="De Rups staat nu op plaats 1")).to_be_visible()
    pagina.get_by_label("Ik heb opvang nodig om te werken, werk te zoeken of een opleiding te volgen").check()
    pagina.get_by_role("button", name="Aanvraag versturen", exact=True).last.click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Bedankt, we ontvingen uw aanvraag")
    bekijk(pagina)
    vraag = Opvangvraag.objects.get(email="lien@gezin.test")
    assert vraag.status == Status.INGEDIEND
    assert [v.locatie.naam for v in vraag.voorkeuren.order_by("rang")] == [
        "Kinderdagverblijf De Rups",
        "Kinderdagverblijf Het Nest",
    ]

    # ... confirms the address through the link in the e-mail, and sees the status.
    pagina.goto(laatste_link("lien@gezin.test"))
    pagina.get_by_role("button", name="Ja, bevestig mijn aanvraag").click()
    expect(pagina.get_by_text("staat op de wachtlijst").first).to_be_visible()
    bekijk(pagina)
    prive = pagina.url

    # ... and changes the hours.
    pagina.get_by_role("link", name="Uw aanvraag wijzigen").click()
    expect(pagina.get_by_label("Voornaam")).to_have_value("Mona")
    pagina.get_by_label("Hoeveel uren per week ongeveer?").fill("30")
    pagina.get_by_role("button", name="Wijzigingen bewaren", exact=True).last.click()
    expect(pagina).to_have_url(prive)
    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF and vraag.uren_per_week == 30

    # The provider of Het Nest adds a free place for babies.
    opvang = venster(nieuwe_pagina(chromium, live_server))
    meld_aan(opvang, "opvang@hetnest.test")
    opvang.get_by_role("link", name="Mijn opvang").click()
    opvang.get_by_role("link", name="Kinderdagverblijf Het Nest").first.click()
    opvang.get_by_role("link", name="Vrije plaatsen toevoegen").click()
    bekijk(opvang)
    opvang.get_by_label(re.compile("vrij vanaf", re.I)).fill(start.isoformat())
    for dag in ("maandag", "dinsdag", "donderdag"):
        opvang.get_by_label(dag, exact=True).check()
    opvang.get_by_label("volle dagen").check()
    opvang.get_by_label("baby (jonger").check()
    opvang.get_by_label(re.compile("aantal plaatsen", re.I)).fill("1")
    opvang.get_by_role("button", name="Bewaren").click()
    expect(opvang.get_by_role("status")).to_be_visible()
    assert loket_gent["eerste"].vrije_plaatsen.count() == 1

    # The loket finds the request in the queue and offers the place.
    medewerker = venster(nieuwe_pagina(chromium, live_server))
    meld_aan(medewerker, "loket@gent.test")
    medewerker.get_by_role("link", name="Wachtrij").first.click()
    bekijk(medewerker)
    medewerker.get_by_role("row", name=re.compile("Mona")).get_by_role("link", name=f"Nr. {vraag.pk}").click()
    expect(medewerker.get_by_text("Lien Claes").first).to_be_visible()
    bekijk(medewerker)
    medewerker.get_by_role("button", name=re.compile("^Aanbieden")).first.click()
    # the page opens where the message is: in view, not scrolled away
    expect(medewerker.get_by_text(re.compile("is aangeboden")).first).to_be_in_viewport()
    vraag.refresh_from_db()
    assert vraag.status == Status.AANBOD

    # The family accepts through its private link.
    pagina.goto(laatste_link("lien@gezin.test"))
    pagina.get_by_role("button", name="Plaats bij Kinderdagverblijf Het Nest aanvaarden").click()
    # a plain sentence on what accepting ends, then the family confirms
    expect(pagina.get_by_text(re.compile("vervallen uw andere aanbiedingen meteen")).first).to_be_visible()
    bekijk(pagina)
    pagina.get_by_role("button", name="Ja, ik aanvaard de plaats bij Kinderdagverblijf Het Nest").click()
    expect(
        pagina.get_by_role("heading", name="Aanvaard, wacht op bevestiging van Kinderdagverblijf Het Nest")
    ).to_be_visible()
    bekijk(pagina)

    # The provider confirms the placement; the family's first preference (De Rups) ends.
    opvang.goto("/opvang/aanbieder/")
    expect(opvang.get_by_text("Lien Claes").first).to_be_visible()
    opvang.get_by_role("button", name=re.compile("^Plaatsing bevestigen")).first.click()
    vraag.refresh_from_db()
    assert vraag.status == Status.GEPLAATST
    assert not vraag.voorkeuren.get(locatie=loket_gent["tweede"]).actief
    pagina.goto(prive)
    expect(pagina.get_by_text("Uw kind heeft een plaats").first).to_be_visible()

    # Another family withdraws its request through its link.
    ander = OpvangvraagFactory(
        huis=loket_gent["huis"], email="jo@gezin.test", voorkeuren=[loket_gent["tweede"]]
    )
    pagina.goto(f"/opvang/aanvraag/{ander.token}/")
    pagina.get_by_role("link", name="Uw aanvraag intrekken").click()
    bekijk(pagina)
    pagina.get_by_role("button", name="Aanvraag intrekken").click()
    expect(pagina.get_by_text("ingetrokken").first).to_be_visible()
    ander.refresh_from_db()
    assert ander.status == Status.INGETROKKEN
    # ... and gets an e-mail confirming it, with its request number
    bevestiging = [bericht for bericht in mail.outbox if "jo@gezin.test" in bericht.to][-1]
    assert "ingetrokken" in bevestiging.subject and ander.nummer in bevestiging.subject


def keuzes(pagina) -> list[str]:
    return pagina.locator('#voorkeuren input[name="keuzes"]').evaluate_all("els => els.map(e => e.value)")


def actief_id(pagina) -> str:
    return pagina.evaluate("document.activeElement.id || document.activeElement.className")


def gefocust_na_wissel(pagina, element):
    """`element` has the focus once the list of places is swapped in and settled. Chromium gives
    the swapped-in `autofocus` element the focus at once the first time, and htmx again when the
    swap settles (20 ms later): a key pressed in between would lose its focus to it."""
    expect(element).to_be_focused()
    expect(pagina.locator("#voorkeuren")).not_to_have_class(re.compile(r"\bhtmx-(swapping|settling)\b"))
    expect(element).to_be_focused()


@pytest.mark.parametrize("breedte", [320, 375])
def test_plaatsen_kiezen_met_het_toetsenbord_op_een_telefoon(pagina, loket_gent, toegankelijk, breedte):
    """Keyboard only on a phone: the places that fit appear after the facts are typed, buttons move
    them, the focus follows the moved place, a failed send puts the focus on the error summary."""
    vandaag = timezone.localdate()
    bko = OpvanglocatieFactory(
        huis=loket_gent["huis"], gemeente=loket_gent["eerste"].gemeente, naam="IBO De Speelplaats",
        soort="buitenschools", capaciteit_baby=0, capaciteit_peuter=0, capaciteit_schoolkind=40,
    )  # fmt: skip
    nest, rups = loket_gent["eerste"], loket_gent["tweede"]
    pagina.set_viewport_size({"width": breedte, "height": 800})
    pagina.goto("/opvang/gent/aanvragen/")
    expect(pagina.get_by_text("Vul eerst de geboortedatum van uw kind")).to_be_visible()
    pagina.get_by_label("Geboortedatum").fill((vandaag - datetime.timedelta(days=30)).isoformat())
    pagina.get_by_label("Postcode van uw woonplaats").fill("9000")
    pagina.get_by_label("Gewenste startdatum").fill((vandaag + datetime.timedelta(days=120)).isoformat())
    pagina.get_by_label("groepsopvang voor").focus()
    pagina.keyboard.press("Space")
    toevoegen_rups = pagina.get_by_role("button", name="Toevoegen: Kinderdagverblijf De Rups")
    expect(toevoegen_rups).to_be_visible()
    # a baby is not offered after-school care
    expect(pagina.get_by_role("button", name=f"Toevoegen: {bko.naam}")).to_have_count(0)

    # the list's buttons can be reached once the list for the chosen care is in (while it comes,
    # they are disabled, and the keyboard passes them by)
    pagina.wait_for_load_state("networkidle")
    expect(toevoegen_rups).to_be_enabled()
    toevoegen_rups.focus()
    pagina.keyboard.press("Enter")
    gefocust_na_wissel(pagina, pagina.locator(f"#keuze-{rups.pk}"))
    pagina.get_by_role("button", name="Toevoegen: Kinderdagverblijf Het Nest").focus()
    pagina.keyboard.press("Enter")
    gefocust_na_wissel(pagina, pagina.locator(f"#keuze-{nest.pk}"))
    assert keuzes(pagina) == [str(rups.pk), str(nest.pk)]
    pagina.keyboard.press("Tab")  # to "Hoger" of the place just added
    expect(pagina.get_by_role("button", name="Hoger: Kinderdagverblijf Het Nest")).to_be_focused()
    pagina.keyboard.press("Enter")
    gefocust_na_wissel(pagina, pagina.locator(f"#keuze-{nest.pk}"))  # at the top: no "Hoger" any more
    assert keuzes(pagina) == [str(nest.pk), str(rups.pk)]
    toegankelijk(pagina)
    assert pagina.evaluate("document.documentElement.scrollWidth") <= breedte

    # the kind of care changes to after-school care: both choices no longer fit, said beside the list
    pagina.get_by_label("buitenschoolse opvang").check()
    expect(pagina.locator("#keuzes-conflicten")).to_contain_text("passen niet")
    expect(pagina.locator(f"#keuze-{nest.pk}")).to_contain_text("Past niet: Deze opvang biedt")
    pagina.get_by_role("button", name="Aanvraag versturen", exact=True).last.click()
    samenvatting = pagina.locator(".foutoverzicht")
    expect(samenvatting).to_be_focused()
    expect(
        samenvatting.get_by_role("link", name=re.compile("Kinderdagverblijf Het Nest past niet"))
    ).to_be_visible()
    assert keuzes(pagina) == [str(nest.pk), str(rups.pk)]
    assert pagina.evaluate("document.documentElement.scrollWidth") <= breedte
    toegankelijk(pagina)
    assert not Opvangvraag.objects.exists()


def test_twee_snelle_tikken_op_een_trage_verbinding_houden_beide_keuzes(pagina, loket_gent, monkeypatch):
    """On a slow connection a family taps "Toevoegen" twice before the first answer is back: the
    buttons wait for the list the first tap made, so both places are chosen, in the order tapped."""
    from loket.gezin import keuze

    traag = keuze.keuzelijst

    def keuzelijst_na_een_seconde(*args, **kwargs):
        time.sleep(1)
        return traag(*args, **kwargs)

    vandaag = timezone.localdate()
    nest, rups = loket_gent["eerste"], loket_gent["tweede"]
    pagina.set_viewport_size({"width": 375, "height": 800})
    pagina.goto("/opvang/gent/aanvragen/")
    pagina.get_by_label("Geboortedatum").fill((vandaag - datetime.timedelta(days=30)).isoformat())
    pagina.get_by_label("Gewenste startdatum").fill((vandaag + datetime.timedelta(days=120)).isoformat())
    pagina.get_by_label("groepsopvang voor").check()
    toevoegen_nest = pagina.get_by_role("button", name="Toevoegen: Kinderdagverblijf Het Nest")
    expect(toevoegen_nest).to_be_visible()

    monkeypatch.setattr(keuze, "keuzelijst", keuzelijst_na_een_seconde)
    toevoegen_nest.click()
    expect(toevoegen_nest).to_be_disabled()  # the answer is still under way
    pagina.get_by_role("button", name="Toevoegen: Kinderdagverblijf De Rups").click()
    expect(pagina.get_by_role("button", name="Hoger: Kinderdagverblijf De Rups")).to_be_enabled()
    assert keuzes(pagina) == [str(nest.pk), str(rups.pk)]
