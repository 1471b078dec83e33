"""The demo coordinator maintains the profile of Huis van het Kind Gent in real Chromium."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.aanmelden import meld_aan as aanmelden

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

COORDINATOR = "coordinator@demo.huizenvanhetkind.test"
PROFIEL = "/mijn-huis/gent/profiel/"

LOCATIE = "Ontmoetingsplek Rabot"
CONTACTPUNT = "0470 12 34 56"
PARTNER = "Buurtwerk Sluizeken"
OVERLEGORGAAN = "Kerngroep Gent-Noord"
COORDINATOR_NAAM = "Sam Verstraete"


def logo_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#05294b").save(buffer, "PNG")
    return buffer.getvalue()


def meld_aan(pagina, wachtwoord):
    aanmelden(pagina, COORDINATOR, wachtwoord)
    expect(pagina).to_have_url(re.compile(r"/mijn-huis/gent/$"))


def bewaar_en_verwacht(pagina, melding):
    pagina.get_by_role("button", name="Bewaren").click()
    expect(pagina).to_have_url(re.compile(re.escape(PROFIEL) + "#"))
    expect(pagina.get_by_role("status")).to_contain_text(melding)


def test_de_coordinator_houdt_het_profiel_bij(pagina, demodata, toegankelijk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path  # the uploaded logo stays out of the working tree
    meld_aan(pagina, demodata)
    pagina.get_by_role("link", name="Profiel van het Huis").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Profiel van Huis van het Kind Gent")
    toegankelijk(pagina)

    # Algemeen, with a logo
    pagina.get_by_role("link", name="Algemene gegevens wijzigen").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Algemene gegevens wijzigen")
    toegankelijk(pagina)
    pagina.get_by_label("Telefoonnummer").fill("09 210 10 10")
    pagina.get_by_label("Aantal medewerkers").fill("4")
    pagina.get_by_label("Logo", exact=True).set_input_files(
        {"name": "logo.png", "mimeType": "image/png", "buffer": logo_png()}
    )
    bewaar_en_verwacht(pagina, "Algemene gegevens bewaard.")
    logo = pagina.get_by_role("img", name="Logo van Huis van het Kind Gent")
    expect(logo).to_be_visible()
    expect(logo).to_have_js_property("naturalWidth", 40)
    toegankelijk(pagina)

    # a coordinator
    pagina.get_by_role("link", name="Coördinator toevoegen").click()
    toegankelijk(pagina)
    pagina.get_by_label(re.compile("^Naam")).fill(COORDINATOR_NAAM)
    pagina.get_by_label("E-mailadres").fill("sam@huisvanhetkindgent.test")
    pagina.get_by_label("Uren per week").fill("19")
    bewaar_en_verwacht(pagina, f"Coördinator ‘{COORDINATOR_NAAM}’ toegevoegd.")

    # the werkingsgebied and the subsidies are only shown
    gebied = pagina.get_by_role("region", name="Werkingsgebied")
    expect(gebied).to_contain_text("Gent")
    expect(gebied).to_contain_text("Opgroeien beheert het werkingsgebied.")
    subsidies = pagina.get_by_role("region", name="Subsidies")
    expect(subsidies.get_by_role("row")).not_to_have_count(0)
    expect(subsidies.get_by_role("link")).to_have_count(0)

    # a location with opening hours; first a postcode outside Gent
    pagina.get_by_role("link", name="Locatie toevoegen").click()
    toegankelijk(pagina)
    pagina.get_by_label(re.compile("^Naam")).fill(LOCATIE)
    pagina.get_by_label("Straat en huisnummer").fill("Rabotstraat 12")
    pagina.get_by_label("Postcode").fill("2000")
    pagina.get_by_label("Gemeente").select_option(label="Gent")
    pagina.get_by_label("Toegankelijkheid").fill("Rolstoeltoegankelijk, tram 1 stopt voor de deur.")
    for rij, (dag, van, tot) in enumerate(
        [("maandag", "09:00", "12:00"), ("maandag", "13:00", "16:30"), ("woensdag", "14:00", "17:00")],
        start=1,
    ):
        pagina.get_by_label(f"Dag, rij {rij}", exact=True).select_option(label=dag)
        pagina.get_by_label(f"Van, rij {rij}", exact=True).fill(van)
        pagina.get_by_label(f"Tot, rij {rij}", exact=True).fill(tot)
    pagina.get_by_role("button", name="Bewaren").click()

    overzicht = pagina.get_by_role("alert")
    expect(overzicht).to_contain_text("Er is 1 probleem met uw invoer")
    expect(overzicht).to_contain_text("Postcode 2000 ligt niet in Gent.")
    postcode = pagina.get_by_label("Postcode")
    expect(postcode).to_have_value("2000")
    expect(postcode).to_have_attribute("aria-invalid", "true")
    expect(postcode).to_have_accessible_description(re.compile("Postcode 2000 ligt niet in Gent"))
    expect(pagina.get_by_label(re.compile("^Naam"))).to_have_value(LOCATIE)
    expect(pagina.get_by_label("Van, rij 2", exact=True)).to_have_value("13:00")
    expect(pagina.get_by_label("Dag, rij 3", exact=True)).to_have_value("2")
    toegankelijk(pagina)
    overzicht.get_by_role("link", name=re.compile("Postcode")).click()
    expect(pagina).to_have_url(re.compile("#id_postcode$"))
    postcode.fill("9000")
    bewaar_en_verwacht(pagina, f"Locatie ‘{LOCATIE}’ toegevoegd.")
    kaart = pagina.get_by_role("listitem").filter(has=pagina.get_by_role("heading", name=LOCATIE))
    expect(kaart).to_contain_text("Rabotstraat 12, 9000 Gent")
    expect(kaart).to_contain_text("09:00–12:00, 13:00–16:30")

    # a contact point
    pagina.get_by_role("link", name="Contactpunt toevoegen").click()
    toegankelijk(pagina)
    pagina.get_by_label("Soort").select_option(label="WhatsApp")
    pagina.get_by_label("Nummer, adres of link").fill(CONTACTPUNT)
    pagina.get_by_label("Bereikbaar").fill("werkdagen van 9 tot 12 uur")
    bewaar_en_verwacht(pagina, "Contactpunt ‘WhatsApp: 0470 12 34 56’ toegevoegd.")

    # a partner, then the location gets it
    pagina.get_by_role("link", name="Partner toevoegen").click()
    toegankelijk(pagina)
    pagina.get_by_label("Naam van de organisatie").fill(PARTNER)
    pagina.get_by_label("Soort partner").select_option(label="Spel en ontmoeting")
    pagina.get_by_label("Kernpartner").check()
    pagina.get_by_label("4 – goede samenwerking").check()
    pagina.get_by_label("Beschrijving van de samenwerking").fill("Samen de speelnamiddagen op woensdag.")
    bewaar_en_verwacht(pagina, f"Partner ‘{PARTNER}’ toegevoegd.")
    expect(pagina.get_by_role("row", name=re.compile(PARTNER))).to_contain_text("4 van 5")

    kaart.get_by_role("link", name=f"Wijzigen {LOCATIE}").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Locatie wijzigen")
    expect(pagina.get_by_label("Van, rij 3", exact=True)).to_have_value("14:00")
    pagina.get_by_label(PARTNER).check()
    toegankelijk(pagina)
    bewaar_en_verwacht(pagina, f"Locatie ‘{LOCATIE}’ bewaard.")
    expect(kaart).to_contain_text(PARTNER)

    # structure and a consultative body
    pagina.get_by_role("link", name="Structuur wijzigen").click()
    toegankelijk(pagina)
    pagina.get_by_label("Afspraken over beslissingen").fill("De stuurgroep beslist over het jaarplan.")
    pagina.get_by_role("radio", name="ja", exact=True).check()
    pagina.get_by_label("Bedrag cofinanciering per jaar").fill("2500")
    bewaar_en_verwacht(pagina, "Structuur bewaard.")
    expect(pagina.get_by_role("region", name="Structuur")).to_contain_text("€ 2.500,00")

    pagina.get_by_role("link", name="Overlegorgaan toevoegen").click()
    toegankelijk(pagina)
    pagina.get_by_label("Soort").select_option(label="Kerngroep")
    pagina.get_by_label(re.compile("^Naam")).fill(OVERLEGORGAAN)
    pagina.get_by_label("Hoe vaak komt het samen").fill("zes keer per jaar")
    bewaar_en_verwacht(pagina, f"Overlegorgaan ‘{OVERLEGORGAAN}’ toegevoegd.")
    toegankelijk(pagina)

    # a delete confirmation, cancelled
    pagina.get_by_role("link", name=f"Verwijderen {COORDINATOR_NAAM}").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text(
        f"Coördinator ‘{COORDINATOR_NAAM}’ verwijderen?"
    )
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Nee, terug naar het profiel").click()
    expect(pagina.get_by_role("cell", name=COORDINATOR_NAAM, exact=True)).to_be_visible()

    # the history shows every change
    pagina.get_by_role("navigation", name="Onderdelen van het profiel").get_by_role(
        "link", name="Historiek"
    ).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Historiek van het profiel")
    historiek = pagina.get_by_role("table")
    for tekst in (
        LOCATIE,
        PARTNER,
        OVERLEGORGAAN,
        COORDINATOR_NAAM,
        "+32 9 210 10 10",
        "Structuur",
        CONTACTPUNT,
    ):
        expect(historiek).to_contain_text(tekst)
    expect(historiek).to_contain_text("maandag 09:00–12:00 en 13:00–16:30; woensdag 14:00–17:00")
    expect(historiek.get_by_role("row").nth(1)).to_contain_text(OVERLEGORGAAN)  # newest first
    toegankelijk(pagina)

    # the public page of the Huis shows the new location and contact point
    pagina.goto("/huizen/gent/")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Huis van het Kind Gent")
    expect(pagina.get_by_text(LOCATIE).first).to_be_visible()
    expect(pagina.get_by_text(CONTACTPUNT).first).to_be_visible()


def test_de_loketmedewerker_bekijkt_het_profiel_zonder_te_wijzigen(pagina, demodata, toegankelijk):
    aanmelden(pagina, "loket@demo.huizenvanhetkind.test", demodata)
    pagina.get_by_role("link", name="Profiel van het Huis").click()

    expect(pagina.get_by_text("Alleen de coördinatoren van het Huis kunnen het wijzigen.")).to_be_visible()
    expect(pagina.get_by_role("link", name="Algemene gegevens wijzigen")).to_have_count(0)
    toegankelijk(pagina)
    assert pagina.request.get("/mijn-huis/gent/profiel/algemeen/").status == 404
