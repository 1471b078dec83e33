"""A request belongs to the loket of the family's home gemeente.

A family living outside the loket's area is refused at registration (the public form and the
desk's registration for a family), with the reason next to the postcode and a link to where it
registers instead; nothing is saved and nothing typed is lost.
"""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from huizen.models import Gemeente
from kern.models import UitgaandeMail
from loket import services
from loket.models import Opvangvraag
from tests.factories import HuisFactory, OpvanglocatieFactory
from tests.loket.test_gezin import aanvraag_url, geldige_data, werkt_ook_voor

pytestmark = pytest.mark.django_db

MELDING = (
    "Postcode 3000 ligt in Leuven, buiten het werkingsgebied van dit loket (Gent). "
    "Een aanvraag hoort bij het loket van de gemeente waar het gezin woont."
)


def gemeente(naam: str) -> Gemeente:
    return Gemeente.objects.get(naam=naam, opvolger=None)


@pytest.fixture
def huis(referentiedata):
    """The loket of Gent (loket_medewerker works here)."""
    return HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gemeente("Gent")])


@pytest.fixture
def locaties(huis):
    return {
        "eerste": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Eerste"),
        "tweede": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Tweede"),
        "school": OpvanglocatieFactory(
            huis=huis, naam="IBO Het Schoolhuis", soort="buitenschools", capaciteit_schoolkind=30
        ),
    }


@pytest.fixture
def leuven(referentiedata):
    return HuisFactory(naam="Huis van het Kind Leuven", slug="leuven", gemeenten=[gemeente("Leuven")])


def postcodeveld(html: str) -> str:
    """The HTML of the postcode field's group (label, error, link, input)."""
    begin = html.index('<label for="id_postcode"')
    return html[begin : html.index("</div>", begin)]


def test_een_gezin_uit_leuven_krijgt_bij_het_loket_van_gent_de_link_naar_zijn_eigen_loket(
    client, huis, locaties, leuven
):
    OpvanglocatieFactory(huis=leuven)
    data = geldige_data(locaties, postcode="3000")

    antwoord = client.post(aanvraag_url(huis), data)

    html = antwoord.content.decode()
    assert antwoord.status_code == 200
    veld = postcodeveld(html)
    assert re.search(r'<p class="veld__fout" id="id_postcode_error">([^<]*)</p>', veld)[1] == MELDING
    naar_leuven = reverse("loket:aanvragen", kwargs={"huis_slug": "leuven"})
    assert (
        f'<a href="{naar_leuven}">Naar het aanvraagformulier van Lokaal Loket Kinderopvang Leuven</a>' in veld
    )
    # the summary at the top has this one problem and leads to the field
    assert "Er is 1 probleem met uw invoer" in html and 'href="#id_postcode"' in html
    # nothing saved, nothing sent
    assert not Opvangvraag.objects.exists() and not UitgaandeMail.objects.exists()
    # nothing typed lost
    assert 'value="3000"' in veld
    for getypt in (
        'value="sam@ouders.test"',
        'value="Sam Peeters"',
        'value="Lotte"',
        "Allergisch voor noten",
    ):
        assert getypt in html
    assert f'<input type="hidden" name="keuzes" value="{locaties["tweede"].pk}">' in html


def test_zonder_loket_in_leuven_wijst_de_melding_naar_de_pagina_van_het_huis(client, huis, locaties, leuven):
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, postcode="3000"))

    veld = postcodeveld(antwoord.content.decode())
    naar_huis = reverse("huizen:detail", kwargs={"slug": "leuven"})
    assert f'<a href="{naar_huis}">Naar de pagina van Huis van het Kind Leuven</a>' in veld
    assert not Opvangvraag.objects.exists()


def test_zonder_huis_voor_de_gemeente_wijst_de_melding_naar_de_lijst_van_huizen(client, huis, locaties):
    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, postcode="3000"))

    veld = postcodeveld(antwoord.content.decode())
    assert MELDING in veld
    assert f'<a href="{reverse("huizen:lijst")}">Zoek het Huis van het Kind van Leuven</a>' in veld
    assert not Opvangvraag.objects.exists()


def test_het_loket_registreert_geen_gezin_van_buiten_zijn_werkingsgebied(
    client, huis, locaties, leuven, loket_medewerker
):
    OpvanglocatieFactory(huis=leuven)
    client.force_login(loket_medewerker)
    adres = reverse("loket:registreer_voor_gezin", kwargs={"huis_slug": huis.slug})

    antwoord = client.post(adres, geldige_data(locaties, postcode="3000", email="", email_herhaling=""))

    assert antwoord.status_code == 200
    veld = postcodeveld(antwoord.content.decode())
    assert MELDING in veld and 'value="3000"' in veld
    assert reverse("loket:aanvragen", kwargs={"huis_slug": "leuven"}) in veld
    assert not Opvangvraag.objects.exists()


def test_een_gezin_uit_een_andere_gemeente_van_het_werkingsgebied_registreert_wel(client, huis, locaties):
    werkt_ook_voor(huis, "Lochristi")

    antwoord = client.post(aanvraag_url(huis), geldige_data(locaties, postcode="9080"))

    assert antwoord.status_code == 303
    assert Opvangvraag.objects.get().gemeente.naam == "Lochristi"


def test_de_dienst_weigert_een_woonplaats_buiten_het_werkingsgebied(huis, locaties):
    with pytest.raises(ValidationError) as fout:
        services.registreer_opvangvraag(
            huis=huis,
            velden={"email": "", "postcode": "3000", "gemeente": gemeente("Leuven")},
            kinderen=[{"voornaam": "Lotte"}],
            ouders=[{"naam": "Sam Peeters"}],
            voorkeuren=[locaties["eerste"]],
        )
    assert fout.value.message_dict == {"postcode": [MELDING]}
    assert not Opvangvraag.objects.exists()
