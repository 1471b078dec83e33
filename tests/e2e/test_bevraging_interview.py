"""The interviewer fills in a theme of the survey in real Chromium: every change is saved in the
background, a dependent question appears once its condition holds, and after a reload the answers
are still there; the coordinator later reads the submitted answers. Axe passes on both pages and
nothing breaks the CSP."""

import re
import time

import pytest
from playwright.sync_api import expect

from bevraging.models import Antwoord, Golf, Respons, Responsstatus
from bevraging.services import dien_in, kopieer_vragenlijst, open_golf, wijs_toe
from kern.tenancy import Rol
from tests.bevraging.test_interview import vul_alles_in
from tests.e2e.aanmelden import meld_aan as aanmelden
from tests.factories import GolfFactory, HuisFactory, LidmaatschapFactory, ResponsFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-wachtwoord-2026"


@pytest.fixture
def interview(referentiedata):
    from bevraging.services import laad_geleverde_vragenlijsten

    if not Golf.objects.filter(jaar=2022).exists():
        laad_geleverde_vragenlijsten()
    interviewer = UserFactory(email="interviewer@opgroeien.test", naam="Ilse Intersectoraal", opgroeien=True)
    golf = GolfFactory(jaar=2026, naam="Bevraging 2026")
    kopieer_vragenlijst(van_golf=Golf.objects.get(jaar=2022), naar_golf=golf)
    golf = open_golf(golf=golf, door=interviewer)
    huis = HuisFactory(naam="Huis van het Kind Zonnebeke", slug="zonnebeke")
    LidmaatschapFactory(
        huis=huis, gebruiker=UserFactory(email="coordinator@zonnebeke.test"), rol=Rol.COORDINATOR
    )
    wijs_toe(golf=golf, huis=huis, interviewer=interviewer, door=interviewer)
    return golf, huis, interviewer


def meld_aan(pagina, email):
    aanmelden(pagina, email, WACHTWOORD)


def wacht_op_bewaren(pagina, actie):
    """Do `actie` and wait until its autosave answered "Bewaard om …"."""
    with pagina.expect_response(lambda r: r.url.endswith("/bewaren/") and r.request.method == "POST"):
        actie()
    expect(pagina.locator("#bewaarstatus")).to_contain_text(re.compile(r"Bewaard om \d\d:\d\d"))


def test_de_interviewer_vult_een_thema_in_en_niets_gaat_verloren(pagina, interview, toegankelijk):
    golf, huis, interviewer = interview
    meld_aan(pagina, "interviewer@opgroeien.test")
    pagina.get_by_role("link", name="Bevraging", exact=True).click()
    pagina.get_by_role("link", name="Mijn interviews").click()
    pagina.get_by_role("link", name=re.compile("^Beginnen")).click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Omgevingsanalyse")

    thema = f"/bevraging/{golf.pk}/{huis.slug}/participatie/"
    pagina.goto(thema)
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Participatie")
    toegankelijk(pagina)

    ouders = pagina.get_by_role("group", name=re.compile("^Ouders"))
    wacht_op_bewaren(pagina, lambda: ouders.get_by_label("4 – redelijk veel inspraak").check())
    toelichting = ouders.get_by_label("Beschrijf beknopt hoe ouders inspraak hebben.")
    wacht_op_bewaren(
        pagina, lambda: (toelichting.fill("Via de ouderraad, elk kwartaal."), toelichting.blur())
    )

    # The role of the volunteers is only asked once the Huis works with volunteers.
    rol = pagina.get_by_label(re.compile("welke rol de vrijwilligers opnemen"))
    expect(rol).to_have_count(0)
    vrijwilligers = pagina.get_by_role("group", name=re.compile("Werken jullie met vrijwilligers"))
    wacht_op_bewaren(pagina, lambda: vrijwilligers.get_by_label("Ja", exact=True).check())
    expect(rol).to_be_visible()
    wacht_op_bewaren(pagina, lambda: (rol.fill("Onthaal en de babytheek."), rol.blur()))
    toegankelijk(pagina)

    # A wrong combination is refused next to the question, and the page keeps the input.
    pagina.goto(f"/bevraging/{golf.pk}/{huis.slug}/kernpartners/")
    partners = pagina.get_by_role("group", name=re.compile("drie belangrijkste partners"))
    with pagina.expect_response(lambda r: r.url.endswith("/bewaren/")):
        partners.get_by_label("Andere: …").check()
    expect(pagina.locator("#bewaarstatus")).to_contain_text("Niet bewaard")
    expect(partners.locator(".vraag__fout")).to_contain_text("Vul in wat u bij 'andere' bedoelt.")
    andere = partners.get_by_label("Andere, namelijk")
    wacht_op_bewaren(pagina, lambda: (andere.fill("OCMW"), andere.blur()))
    expect(partners.locator(".vraag__fout")).to_be_empty()

    # After a reload (a new session of the interview) everything is still there.
    pagina.goto(thema)
    pagina.reload()
    ouders = pagina.get_by_role("group", name=re.compile("^Ouders"))
    expect(ouders.get_by_label("4 – redelijk veel inspraak")).to_be_checked()
    expect(ouders.get_by_label("Beschrijf beknopt hoe ouders inspraak hebben.")).to_have_value(
        "Via de ouderraad, elk kwartaal."
    )
    expect(pagina.get_by_label(re.compile("welke rol de vrijwilligers opnemen"))).to_have_value(
        "Onthaal en de babytheek."
    )
    expect(pagina.locator("#themanavigatie")).to_contain_text("Kernpartners")
    respons = Respons.objects.get(golf=golf, huis=huis)
    assert respons.status == Responsstatus.CONCEPT
    partners = Antwoord.objects.get(respons=respons, vraag__sleutel="kernpartners.belangrijkste_partners")
    assert (partners.waarde, partners.andere_tekst) == (["andere"], "OCMW")

    # Moving to another theme with the button saves first, also while a (slow) autosave is under
    # way: the button waits for it, so the two never collide on the version.
    def traag(route):
        antwoord = route.fetch()  # saved on the server; its answer reaches the page a second later
        time.sleep(1)
        route.fulfill(response=antwoord)

    pagina.route("**/bewaren/", traag)
    with pagina.expect_request(lambda r: r.url.endswith("/bewaren/")):
        pagina.get_by_role("group", name=re.compile("^Kinderen")).get_by_label("2 – weinig inspraak").check()
    pagina.get_by_role("button", name=re.compile("Bewaren en naar Kwaliteit en organisatie")).click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Kwaliteit en organisatie")
    expect(pagina.get_by_role("status").first).to_contain_text("Bewaard om")
    assert Antwoord.objects.get(respons=respons, vraag__sleutel="participatie.inspraak_kinderen").waarde == 2


def test_de_coordinator_leest_de_ingediende_antwoorden(pagina, interview, toegankelijk):
    golf, huis, interviewer = interview
    respons = vul_alles_in(ResponsFactory(golf=golf, huis=huis), interviewer)
    dien_in(respons=respons, door=interviewer)

    meld_aan(pagina, "coordinator@zonnebeke.test")
    pagina.get_by_role("link", name="Antwoorden op de bevraging van Opgroeien").click()
    pagina.get_by_role("link", name=re.compile("^Antwoorden lezen")).click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Antwoorden in Bevraging 2026")
    toegankelijk(pagina)
    participatie = pagina.locator("#thema-participatie")
    participatie.get_by_label("Uw commentaar bij dit thema").fill("De ouderraad is nieuw.")
    participatie.get_by_role("button", name=re.compile("Commentaar bewaren")).click()
    expect(pagina.locator("#thema-participatie")).to_contain_text("De ouderraad is nieuw.")
    pagina.get_by_role("link", name="Afdrukbare samenvatting").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Huis van het Kind Zonnebeke")
    toegankelijk(pagina)


def test_opgroeien_wijst_huizen_toe_en_volgt_de_golf(pagina, interview, toegankelijk):
    golf, huis, interviewer = interview
    UserFactory(email="collega@opgroeien.test", naam="Cas Collega", opgroeien=True)
    meld_aan(pagina, "interviewer@opgroeien.test")
    pagina.goto("/bevraging/")
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Bevraging 2026").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Bevraging 2026")
    toegankelijk(pagina)

    pagina.get_by_role("link", name="Huizen toewijzen aan interviewers").click()
    toegankelijk(pagina)
    toewijzing = pagina.locator("#toewijzing")
    toewijzing.get_by_role("combobox", name=re.compile("^Interviewer")).select_option(
        label="Cas Collega (collega@opgroeien.test)"
    )
    pagina.get_by_role("button", name="Toewijzen").click()
    expect(pagina.get_by_role("alert").first).to_contain_text("Vink minstens één Huis aan.")
    toegankelijk(pagina)
    pagina.get_by_label("Huis van het Kind Zonnebeke").check()
    pagina.get_by_label(re.compile("^Ook Huizen die al een andere interviewer hebben")).check()
    pagina.get_by_role("button", name="Toewijzen").click()
    expect(pagina.get_by_role("status")).to_contain_text("1 Huis toegewezen aan Cas Collega.")
    expect(pagina.get_by_role("row", name=re.compile("Huis van het Kind Zonnebeke"))).to_contain_text(
        "Cas Collega"
    )

    pagina.get_by_role("link", name="Huis van het Kind Zonnebeke", exact=True).click()
    expect(pagina.get_by_role("heading", level=1)).to_contain_text("Huis van het Kind Zonnebeke")
    toegankelijk(pagina)
    pagina.get_by_role("link", name="Participatie").click()
    expect(
        pagina.get_by_text(re.compile("Alleen de toegewezen interviewer \\(Cas Collega\\)"))
    ).to_be_visible()
    toegankelijk(pagina)
