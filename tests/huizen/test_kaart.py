"""The public map of which Huis serves each gemeente, and the table beside it."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from huizen import selectors
from huizen.models import Gemeente
from huizen.services_opgroeien import voeg_gemeente_toe
from tests.factories import HuisFactory, UserFactory

pytestmark = pytest.mark.django_db

#: One area of the map: its class, link, title and outline.
GEBIED = re.compile(
    r'<a class="kaartvlak kaartvlak--(?P<soort>\w+)" href="(?P<url>[^"]+)">'
    r"<title>(?P<titel>[^<]+)</title><path d=\"(?P<d>M[^\"]+)\"/></a>"
)
RIJ = re.compile(
    r'<tr[^>]*><th scope="row">(?P<gemeente>[^<]+)</th><td class="landkaart__provincie">[^<]*</td>'
    r"<td>(?P<huis>.*?)</td></tr>"
)


def gemeente(nis):
    return Gemeente.objects.get(nis=nis)


@pytest.fixture
def huizen(referentiedata):
    return {
        "gent": HuisFactory(naam="Huis van het Kind Gent", slug="gent", gemeenten=[gemeente("44021")]),
        "waasland": HuisFactory(
            naam="Huis van het Kind Waasland",
            slug="waasland",
            gemeenten=[gemeente("46030"), gemeente("46021")],  # Beveren-Kruibeke-Zwijndrecht, Sint-Niklaas
        ),
    }


def gebieden(antwoord) -> dict[str, dict]:
    """The areas of the map by the gemeente named in their title."""
    inhoud = antwoord.content.decode()
    gevonden = {}
    for treffer in GEBIED.finditer(inhoud):
        titel = html.unescape(treffer["titel"])
        gevonden[titel.split(":")[0]] = {
            **treffer.groupdict(),
            "titel": titel,
            "url": html.unescape(treffer["url"]),
        }
    return gevonden


def rijen(antwoord) -> dict[str, str]:
    inhoud = antwoord.content.decode()
    tabel = inhoud[inhoud.index("<table") : inhoud.index("</table>")]
    return {html.unescape(r["gemeente"]): html.unescape(r["huis"]) for r in RIJ.finditer(tabel)}


def test_the_map_has_one_linked_titled_area_per_current_gemeente(client, huizen):
    antwoord = client.get(reverse("huizen:kaart"))
    assert antwoord.status_code == 200
    assert 'viewBox="' in antwoord.content.decode() and 'width="100%"' in antwoord.content.decode()
    vlakken = gebieden(antwoord)
    huidig = Gemeente.objects.huidig()
    assert len(GEBIED.findall(antwoord.content.decode())) == huidig.count() == 304
    assert set(vlakken) == set(huidig.values_list("naam", flat=True))

    gent = vlakken["Gent"]
    assert gent["url"] == reverse("huizen:detail", kwargs={"slug": "gent"})
    assert gent["titel"] == "Gent: Huis van het Kind Gent"
    assert gent["soort"] == "gemeentelijk"
    assert vlakken["Sint-Niklaas"]["soort"] == "intergemeentelijk"
    assert vlakken["Sint-Niklaas"]["url"] == reverse("huizen:detail", kwargs={"slug": "waasland"})


def test_a_gemeente_without_a_huis_is_marked_and_links_to_the_search(client, huizen):
    antwoord = client.get(reverse("huizen:kaart"))
    tienen = gebieden(antwoord)["Tienen"]
    assert tienen["soort"] == "zonder"
    assert tienen["titel"] == "Tienen: geen Huis van het Kind"
    assert tienen["url"] == reverse("huizen:lijst") + "?gemeente=24107"
    inhoud = antwoord.content.decode()
    assert 'id="kaart-arcering"' in inhoud  # the hatching of the areas without a Huis
    assert "Geen Huis van het Kind</li>" in inhoud  # ... explained in the legend
    assert "Intergemeentelijk Huis van het Kind</li>" in inhoud


def test_the_table_lists_what_the_map_shows(client, huizen):
    antwoord = client.get(reverse("huizen:kaart"))
    tabel, vlakken = rijen(antwoord), gebieden(antwoord)
    assert set(tabel) == set(vlakken)
    assert 'href="/huizen/gent/">Huis van het Kind Gent</a>' in tabel["Gent"]
    assert "Huis van het Kind Waasland" in tabel["Beveren-Kruibeke-Zwijndrecht"]
    assert "Geen Huis van het Kind" in tabel["Tienen"]
    assert "Geen Huis van het Kind" not in tabel["Gent"]


def test_merged_gemeenten_are_one_area(client, huizen):
    vlakken = gebieden(client.get(reverse("huizen:kaart")))
    bkz = vlakken["Beveren-Kruibeke-Zwijndrecht"]
    assert bkz["d"].count("M") == 1  # Beveren, Kruibeke and Zwijndrecht of 2019 drawn as one shape
    assert bkz["titel"] == "Beveren-Kruibeke-Zwijndrecht: Huis van het Kind Waasland"
    assert not {"Beveren", "Kruibeke", "Zwijndrecht", "Borsbeek"} & set(vlakken)


def test_the_list_of_huizen_links_to_the_map(client, referentiedata):
    assert reverse("huizen:kaart") in client.get(reverse("huizen:lijst")).content.decode()


def test_the_map_is_drawn_once_and_then_served_from_the_cache(
    client, huizen, monkeypatch, django_assert_max_num_queries
):
    eerste = client.get(reverse("huizen:kaart")).content

    def niet_opnieuw(*args, **kwargs):
        raise AssertionError("the map is drawn again")

    monkeypatch.setattr(selectors, "huizenkaart", niet_opnieuw)
    with django_assert_max_num_queries(3):
        assert client.get(reverse("huizen:kaart")).content == eerste


def test_drawing_the_map_costs_the_same_queries_with_more_huizen(huizen, django_assert_num_queries):
    with django_assert_num_queries(2):
        selectors.huizenkaart()
    for nis in ["24107", "44084", "11002"]:
        HuisFactory(gemeenten=[gemeente(nis)])
    with django_assert_num_queries(2):
        kaart = selectors.huizenkaart()
    assert not any(g.naam == "Tienen" for g in kaart.zonder_huis)


def test_no_huis_can_take_the_address_of_the_map(db):
    huis = HuisFactory.build(slug="kaart")
    with pytest.raises(ValidationError) as fout:
        huis.clean()
    assert "slug" in fout.value.message_dict


def test_the_map_follows_a_change_of_a_werkingsgebied_at_once(
    client, huizen, django_capture_on_commit_callbacks
):
    assert gebieden(client.get(reverse("huizen:kaart")))["Tienen"]["soort"] == "zonder"
    gent = huizen["gent"]
    gent.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        voeg_gemeente_toe(
            gebruiker=UserFactory(),
            huis=gent,
            gemeente=gemeente("24107"),
            vanaf=datetime.date(2025, 1, 1),
            verwachte_versie=gent.versie,
        )
    vlakken = gebieden(client.get(reverse("huizen:kaart")))
    assert vlakken["Tienen"]["titel"] == "Tienen: Huis van het Kind Gent"
    assert vlakken["Tienen"]["soort"] == vlakken["Gent"]["soort"] == "intergemeentelijk"
