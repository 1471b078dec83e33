"""The loket staff compute an allocation round in real Chromium, review the proposal, send the
offers after the confirmation step, and a parent reads why they got their place."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from kern.tenancy import Rol
from loket.models import Aanbod, AanbodStatus
from tests.e2e.aanmelden import meld_aan as aanmelden
from tests.factories import HuisFactory, LidmaatschapFactory, UserFactory, bouw_loket_wereld

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WACHTWOORD = "een-lang-wachtwoord-2026"


def test_ronde_berekenen_nakijken_en_versturen(pagina, live_server, referentiedata, toegankelijk):
    huis = HuisFactory(naam="Huis van het Kind Ronde", slug="ronde")
    loket_wereld = bouw_loket_wereld(huis)
    medewerker = UserFactory(email="ronde@loket.test")
    medewerker.set_password(WACHTWOORD)
    medewerker.save()
    LidmaatschapFactory(huis=huis, gebruiker=medewerker, rol=Rol.LOKET)

    aanmelden(pagina, "ronde@loket.test", WACHTWOORD)

    pagina.goto(reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug}))
    pagina.get_by_role("link", name="Toewijzingsronden").click()
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Toewijzingsronden")
    toegankelijk(pagina)
    pagina.get_by_label(re.compile("^Startmaand")).fill(f"{loket_wereld.maand:%Y-%m}")
    pagina.get_by_role("button", name="Voorstel berekenen").click()
    expect(pagina.get_by_role("heading", name="Voorstel per aanvraag")).to_be_visible()
    expect(pagina.get_by_text("Broers en zussen niet samen geplaatst")).to_be_visible()
    toegankelijk(pagina)

    pagina.get_by_role("link", name="Aanbiedingen versturen").click()
    toegankelijk(pagina)
    pagina.get_by_role("button", name="Ja, aanbiedingen versturen").click()
    expect(pagina.get_by_text("8 aanbiedingen verstuurd")).to_be_visible()
    assert (
        Aanbod.objects.filter(opvangvraag__in=loket_wereld.vragen.values(), status=AanbodStatus.OPEN).count()
        == 8
    )

    pagina.goto(reverse("loket:aanvraag", kwargs={"token": loket_wereld.vragen["werk5"].token}))
    expect(pagina.get_by_role("heading", name="Waarom kreeg u een plaats?")).to_be_visible()
    expect(pagina.get_by_text(re.compile("U krijgt een plaats bij uw tweede keuze"))).to_be_visible()
    toegankelijk(pagina)
