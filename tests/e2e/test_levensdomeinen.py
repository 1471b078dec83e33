"""The demo coordinator of Huis van het Kind Gent records the life domains, the offer and a Roadmap
self-assessment in real Chromium; the offer shows on the public page and can be filtered there.

The demo data may already hold engagements, offer and self-assessments for Gent: the test does not
depend on their numbers."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.aanmelden import meld_aan as aanmelden

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COORDINATOR = "coordinator@demo.huizenvanhetkind.test"
AANBOD = "Babymassage in de Rabot"
TOP3 = "Behoort tot de top 3 van het Huis"


def meld_aan(pagina, wachtwoord):
    aanmelden(pagina, COORDINATOR, wachtwoord)
    expect(pagina).to_have_url(re.compile(r"/mijn-huis/gent/$"))


def naar_werkruimte(pagina, link):
    pagina.get_by_role("navigation", name="Hoofdmenu").get_by_role(
        "link", name="Huis van het Kind Gent"
    ).click()
    pagina.locator(".profiel-links").get_by_role("link", name=link, exact=True).click()


def domein(pagina, naam):
    return pagina.get_by_role("group", name=naam, exact=True)


def score(pagina, naam, keuze):
    """The radio button of one score in the row (fieldset) of a life domain or working principle."""
    return pagina.get_by_role("group", name=f"{naam} (verplicht)", exact=True).get_by_label(keuze)


def test_de_coordinator_houdt_levensdomeinen_aanbod_en_zelfevaluatie_bij(
    pagina, referentiedata, demodata, toegankelijk
):
    from levensdomeinen.models import Levensdomein, Werkingsprincipe

    meld_aan(pagina, demodata)

    # --- life domains: four in the top 3 is refused, three are saved
    naar_werkruimte(pagina, "Levensdomeinen")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Levensdomeinen van Huis van het Kind Gent")
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Levensdomeinen wijzigen").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Levensdomeinen wijzigen")
    expect(domein(pagina, "Onderwijs")).to_contain_text("Subthema’s: Kleuterparticipatie versterken")
    toegankelijk(pagina)
    for vinkje in pagina.get_by_role("checkbox", name=TOP3).all():
        vinkje.uncheck()
    top4 = ["Onderwijs", "Kinderopvang", "Sociale cohesie", "Ouderschap en opvoedingsondersteuning"]
    for naam in top4:
        groep = domein(pagina, naam)
        groep.get_by_label("We werken er actief rond", exact=True).check()
        groep.get_by_label(TOP3).check()
        groep.get_by_label("Waarom in de top 3").fill(f"Prioriteit van het jaarplan: {naam}.")
    partners = domein(pagina, "Onderwijs").get_by_role("group", name="Betrokken partners")
    partner = partners.locator("label").first.inner_text().strip()
    partners.get_by_label(partner, exact=True).check()
    jeugdhulp = domein(pagina, "Jeugdhulp")
    jeugdhulp.get_by_label("Niet actief", exact=True).check()
    jeugdhulp.get_by_label("Waarom (nog) niet actief").fill("Nog geen partner uit de jeugdhulp.")
    pagina.get_by_role("button", name="Bewaren").click()

    overzicht = pagina.get_by_role("alert")
    expect(overzicht).to_contain_text("Er is 1 probleem met uw invoer")
    expect(overzicht).to_contain_text("Hoogstens 3 levensdomeinen kunnen in de top 3; u duidde er 4 aan.")
    vinkje = domein(pagina, "Onderwijs").get_by_label(TOP3)
    expect(vinkje).to_be_checked()
    expect(vinkje).to_have_attribute("aria-invalid", "true")
    expect(domein(pagina, "Jeugdhulp").get_by_label("Waarom (nog) niet actief")).to_have_value(
        "Nog geen partner uit de jeugdhulp."
    )
    toegankelijk(pagina)
    domein(pagina, "Kinderopvang").get_by_label(TOP3).uncheck()
    pagina.get_by_role("button", name="Bewaren").click()

    expect(pagina).to_have_url(re.compile(r"/mijn-huis/gent/levensdomeinen/$"))
    expect(pagina.get_by_role("status")).to_contain_text("Levensdomeinen bewaard")
    top3 = pagina.get_by_role("region", name="Top 3 van het Huis")
    for naam in ("Onderwijs", "Sociale cohesie", "Ouderschap en opvoedingsondersteuning"):
        expect(top3).to_contain_text(f"{naam}: Prioriteit van het jaarplan")
    expect(top3).not_to_contain_text("Kinderopvang")
    expect(pagina.get_by_role("row", name=re.compile("^Onderwijs"))).to_contain_text(partner)
    expect(pagina.get_by_role("row", name=re.compile("^Jeugdhulp"))).to_contain_text("Niet actief")
    toegankelijk(pagina)

    # --- the offer: a one-off activity without date and a paid one without price are refused
    naar_werkruimte(pagina, "Aanbod")
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Aanbod toevoegen").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Aanbod toevoegen")
    toegankelijk(pagina)
    pagina.get_by_label(re.compile("^Titel")).fill(AANBOD)
    pagina.get_by_label(re.compile("^Beschrijving")).fill("Ouders leren hun baby ontspannen met massage.")
    pagina.get_by_label("Kinderen van 0 tot 3 jaar").check()
    pagina.get_by_label("Ouderschap en opvoedingsondersteuning", exact=True).check()
    pagina.get_by_label("Opvoedingsondersteuning", exact=True).check()
    pagina.get_by_label("Eenmalig").check()
    pagina.get_by_label("Betalend").check()
    pagina.get_by_role("button", name="Bewaren").click()

    overzicht = pagina.get_by_role("alert")
    expect(overzicht).to_contain_text("Er zijn 2 problemen met uw invoer")
    expect(overzicht).to_contain_text("Vul de datum van de eenmalige activiteit in.")
    expect(overzicht).to_contain_text("Vul de prijs in, of duid aan dat het aanbod gratis is.")
    datum = pagina.get_by_label(re.compile("^Datum"))
    expect(datum).to_have_attribute("aria-invalid", "true")
    expect(datum).to_have_accessible_description(re.compile("Vul de datum van de eenmalige activiteit in"))
    expect(pagina.get_by_label(re.compile("^Titel"))).to_have_value(AANBOD)
    expect(pagina.get_by_label("Kinderen van 0 tot 3 jaar")).to_be_checked()
    toegankelijk(pagina)
    dag = datetime.date.today() + datetime.timedelta(days=30)
    datum.fill(dag.isoformat())
    pagina.get_by_label(re.compile("^Prijs")).fill("€ 5 per sessie")
    pagina.get_by_role("button", name="Bewaren").click()

    expect(pagina).to_have_url(re.compile(r"/mijn-huis/gent/aanbod/$"))
    expect(pagina.get_by_role("status")).to_contain_text(f"Aanbod ‘{AANBOD}’ toegevoegd.")
    item = pagina.get_by_role("article", name=AANBOD)
    expect(item).to_contain_text("€ 5 per sessie")
    expect(item).to_contain_text("Kinderen van 0 tot 3 jaar")
    toegankelijk(pagina)

    # --- the self-assessment: a missing score is refused, then saved and compared
    naar_werkruimte(pagina, "Zelfevaluatie volgens de Roadmap")
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Nieuwe zelfevaluatie").first.click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Nieuwe zelfevaluatie")
    toegankelijk(pagina)
    domeinen = list(Levensdomein.objects.values_list("naam", flat=True))
    principes = list(Werkingsprincipe.objects.values_list("naam", flat=True))
    for naam in domeinen + principes:
        if naam != "Jeugdhulp":
            pagina.get_by_role("group", name=f"{naam} (verplicht)", exact=True).get_by_label(
                "4 – goed op weg"
            ).check()
    pagina.get_by_label("Blinde vlekken").fill("Gezinnen die pas in Gent wonen.")
    pagina.get_by_role("button", name="Zelfevaluatie bewaren").click()

    expect(pagina.get_by_role("alert")).to_contain_text("Kies een score van 1 tot 5 voor Jeugdhulp.")
    expect(score(pagina, "Onderwijs", "4 – goed op weg")).to_be_checked()
    expect(pagina.get_by_label("Blinde vlekken")).to_have_value("Gezinnen die pas in Gent wonen.")
    toegankelijk(pagina)
    pagina.get_by_role("group", name="Jeugdhulp (verplicht)", exact=True).get_by_label(
        "2 – eerste stappen"
    ).check()
    pagina.get_by_role("button", name="Zelfevaluatie bewaren").click()

    expect(pagina.get_by_role("status")).to_contain_text("bewaard")
    expect(pagina.get_by_role("row", name="Jeugdhulp")).to_contain_text("2")
    expect(pagina.get_by_text("Gezinnen die pas in Gent wonen.")).to_be_visible()
    toegankelijk(pagina)

    pagina.get_by_role("link", name="Vergelijking en verloop").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        "Vergelijking en verloop van de zelfevaluatie"
    )
    expect(pagina.get_by_role("img", name=re.compile("Score per levensdomein"))).to_be_visible()
    tabel = pagina.get_by_role("table", name="Score per levensdomein (1 tot 5)")
    koppen = tabel.get_by_role("columnheader")
    expect(koppen.nth(1)).to_have_text("Dit Huis")
    expect(koppen.nth(2)).to_have_text("Vlaanderen")
    expect(koppen.nth(3)).to_have_text(re.compile("^Cluster "))
    onderwijs = tabel.get_by_role("row", name=re.compile("^Onderwijs"))
    expect(onderwijs.get_by_role("cell").nth(0)).to_have_text("4,0")
    expect(onderwijs.get_by_role("cell").nth(1)).to_have_text(re.compile(r"^\d,\d$"))
    expect(pagina.get_by_role("table", name="Scores per levensdomein door de tijd")).to_be_visible()
    toegankelijk(pagina)

    # --- the public page shows the offer; the filter works without script
    pagina.goto("/huizen/gent/")
    sectie = pagina.get_by_role("region", name="Aanbod")
    expect(sectie.get_by_role("article", name=AANBOD)).to_be_visible()
    toegankelijk(pagina)
    sectie.get_by_label("Voor wie").select_option(label="Kinderen van 0 tot 3 jaar")
    sectie.get_by_label("Levensdomein").select_option(label="Ouderschap en opvoedingsondersteuning")
    sectie.get_by_role("button", name="Toon aanbod").click()
    expect(pagina).to_have_url(re.compile(r"doelgroep=0-3&levensdomein=ouderschap-opvoedingsondersteuning"))
    expect(sectie.get_by_label("Voor wie")).to_have_value("0-3")
    expect(sectie.get_by_role("article", name=AANBOD)).to_be_visible()
    toegankelijk(pagina)
    sectie.get_by_label("Levensdomein").select_option(label="Jeugdhulp")
    sectie.get_by_role("button", name="Toon aanbod").click()
    expect(sectie.get_by_label("Levensdomein")).to_have_value("jeugdhulp")
    expect(sectie.get_by_role("article", name=AANBOD)).to_have_count(0)
    toegankelijk(pagina)
