"""The functional administrator: waves opened through an action, frozen questionnaires and
responses read-only."""

import pytest
from django.urls import reverse

from bevraging.models import Golfstatus, Respons, Vraag
from bevraging.services import start_respons

pytestmark = pytest.mark.django_db


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
        "golfhuis",
    ],
)
def test_elke_lijst_opent(beheerder_client, geleverde_golven, model):
    antwoord = beheerder_client.get(reverse(f"admin:bevraging_{model}_changelist"))
    assert antwoord.status_code == 200


def test_een_bevroren_vraag_is_alleen_te_bekijken(beheerder_client, geleverde_golven):
    vraag = Vraag.objects.get(
        vragenlijst=geleverde_golven[2022].vragenlijst, sleutel="participatie.vrijwilligers"
    )
    url = reverse("admin:bevraging_vraag_change", args=[vraag.pk])
    pagina = beheerder_client.get(url)
    assert pagina.status_code == 200
    assert 'name="_save"' not in pagina.content.decode()
    assert beheerder_client.post(url, {"tekst": "Gewijzigd"}).status_code == 403
    vraag.refresh_from_db()
    assert vraag.tekst == "Werken jullie met vrijwilligers?"
    assert beheerder_client.get(reverse("admin:bevraging_vraag_delete", args=[vraag.pk])).status_code == 403


def test_een_vraag_in_voorbereiding_is_te_wijzigen(beheerder_client, golf_in_voorbereiding):
    vraag = Vraag.objects.get(
        vragenlijst=golf_in_voorbereiding.vragenlijst, sleutel="participatie.vrijwilligers"
    )
    pagina = beheerder_client.get(reverse("admin:bevraging_vraag_change", args=[vraag.pk]))
    assert 'name="_save"' in pagina.content.decode()


def test_de_golf_openen_met_de_actie(beheerder_client, golf_in_voorbereiding):
    antwoord = beheerder_client.post(
        reverse("admin:bevraging_golf_changelist"),
        {"action": "open_golven", "_selected_action": [golf_in_voorbereiding.pk]},
        follow=True,
    )
    assert "geopend" in antwoord.content.decode()
    golf_in_voorbereiding.refresh_from_db()
    assert golf_in_voorbereiding.status == Golfstatus.OPEN
    assert golf_in_voorbereiding.vragenlijst.is_bevroren


def test_responsen_zijn_alleen_te_bekijken(beheerder_client, open_golf_, huis, opgroeien_medewerker):
    respons = start_respons(golf=open_golf_, huis=huis, door=opgroeien_medewerker)
    wijzigen = reverse("admin:bevraging_respons_change", args=[respons.pk])
    assert beheerder_client.get(wijzigen).status_code == 200
    assert beheerder_client.get(reverse("admin:bevraging_respons_add")).status_code == 403
    assert beheerder_client.post(wijzigen, {}).status_code == 403
    assert Respons.objects.get(pk=respons.pk).status == "niet_gestart"
