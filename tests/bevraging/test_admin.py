"""The functional administrator: waves opened through an action, frozen questionnaires and
responses read-only."""

import pytest
from django.urls import reverse

from bevraging.models import Golfstatus, Respons, Vraag
from bevraging.services import start_respons
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def beheerder(client):
    gebruiker = UserFactory(beheerder=True)
    client.force_login(gebruiker)
    return gebruiker


@pytest.mark.parametrize(
    "model",
    [
        "golf",
        "vragenlijst",
        "thema",
        "vraag",
        "vraagkoppeling",
        "toewijzing",
        "respons",
        "antwoord",
        "commentaar",
    ],
)
def test_elke_lijst_opent(client, beheerder, geleverde_golven, model):
    antwoord = client.get(reverse(f"admin:bevraging_{model}_changelist"))
    assert antwoord.status_code == 200


def test_een_bevroren_vraag_is_alleen_te_bekijken(client, beheerder, geleverde_golven):
    vraag = Vraag.objects.get(
        vragenlijst=geleverde_golven[2022].vragenlijst, sleutel="participatie.vrijwilligers"
    )
    url = reverse("admin:bevraging_vraag_change", args=[vraag.pk])
    pagina = client.get(url)
    assert pagina.status_code == 200
    assert 'name="_save"' not in pagina.content.decode()
    assert client.post(url, {"tekst": "Gewijzigd"}).status_code == 403
    vraag.refresh_from_db()
    assert vraag.tekst == "Werken jullie met vrijwilligers?"
    assert client.get(reverse("admin:bevraging_vraag_delete", args=[vraag.pk])).status_code == 403


def test_een_vraag_in_voorbereiding_is_te_wijzigen(client, beheerder, golf_in_voorbereiding):
    vraag = Vraag.objects.get(
        vragenlijst=golf_in_voorbereiding.vragenlijst, sleutel="participatie.vrijwilligers"
    )
    pagina = client.get(reverse("admin:bevraging_vraag_change", args=[vraag.pk]))
    assert 'name="_save"' in pagina.content.decode()


def test_de_golf_openen_met_de_actie(client, beheerder, golf_in_voorbereiding):
    antwoord = client.post(
        reverse("admin:bevraging_golf_changelist"),
        {"action": "open_golven", "_selected_action": [golf_in_voorbereiding.pk]},
        follow=True,
    )
    assert "geopend" in antwoord.content.decode()
    golf_in_voorbereiding.refresh_from_db()
    assert golf_in_voorbereiding.status == Golfstatus.OPEN
    assert golf_in_voorbereiding.vragenlijst.is_bevroren


def test_responsen_zijn_alleen_te_bekijken(client, beheerder, open_golf_, huis, opgroeien_medewerker):
    respons = start_respons(golf=open_golf_, huis=huis, door=opgroeien_medewerker)
    assert client.get(reverse("admin:bevraging_respons_change", args=[respons.pk])).status_code == 200
    assert client.get(reverse("admin:bevraging_respons_add")).status_code == 403
    assert client.post(reverse("admin:bevraging_respons_change", args=[respons.pk]), {}).status_code == 403
    assert Respons.objects.get(pk=respons.pk).status == "niet_gestart"
