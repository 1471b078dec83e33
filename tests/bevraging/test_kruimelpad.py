"""Every survey page says where it is: the breadcrumb trail from the top down, the current page last
and not a link."""

import re
from html import unescape

import pytest
from django.urls import reverse


def kruimelpad(antwoord) -> list[tuple[str, str | None]]:
    """The trail of the page as (title, link); the current page has no link."""
    html = antwoord.content.decode()
    nav = re.search(r'<nav class="kruimelpad" aria-label="Kruimelpad">(.*?)</nav>', html, re.S)
    assert nav is not None, "the page has no breadcrumb trail"
    items = re.findall(r'<li( aria-current="page")?>(?:<a href="([^"]*)">)?([^<]*)', nav.group(1))
    assert all(huidig for huidig, _href, _titel in items[-1:]), "the last item is the current page"
    return [(unescape(titel), unescape(href) or None) for _huidig, href, titel in items]


@pytest.fixture
def golf(geleverde_golven):
    return geleverde_golven[2022]


def test_de_paginas_van_een_golf_voor_opgroeien(client, opgroeien_medewerker, golf):
    client.force_login(opgroeien_medewerker)
    golven, golfpagina = reverse("bevraging:golven"), reverse("bevraging:golf", kwargs={"golf_pk": golf.pk})
    sleutels = {"golf_pk": golf.pk}

    assert kruimelpad(client.get(golfpagina)) == [("Bevraging", golven), (golf.naam, None)]
    for naam, titel in [
        ("bevraging:toewijzen", "Huizen toewijzen"),
        ("bevraging:golf_openen", "Golf openen"),
        ("bevraging:export", "Exporteren"),
        ("bevraging:import", "Importeren"),
    ]:
        pagina = client.get(reverse(naam, kwargs=sleutels))
        assert kruimelpad(pagina) == [("Bevraging", golven), (golf.naam, golfpagina), (titel, None)], naam
    assert kruimelpad(client.get(reverse("bevraging:mijn_interviews"))) == [
        ("Bevraging", golven),
        ("Mijn interviews", None),
    ]


def test_de_respons_van_een_huis_en_een_thema(client, opgroeien_medewerker, golf, huis):
    client.force_login(opgroeien_medewerker)
    sleutels = {"golf_pk": golf.pk, "huis_slug": huis.slug}
    thema = golf.vragenlijst.themas.order_by("volgorde").first()
    begin = [
        ("Bevraging", reverse("bevraging:golven")),
        (golf.naam, reverse("bevraging:golf", kwargs={"golf_pk": golf.pk})),
    ]

    assert kruimelpad(client.get(reverse("bevraging:indienen", kwargs=sleutels))) == [
        *begin,
        (huis.naam, None),
    ]
    assert kruimelpad(
        client.get(reverse("bevraging:invullen", kwargs={**sleutels, "thema": thema.sleutel}))
    ) == [
        *begin,
        (huis.naam, reverse("bevraging:indienen", kwargs=sleutels)),
        (thema.titel, None),
    ]


def test_de_bevraging_van_het_eigen_huis(client, coordinator, huis):
    client.force_login(coordinator)
    assert kruimelpad(client.get(reverse("bevraging:huis_overzicht", kwargs={"huis_slug": huis.slug}))) == [
        (huis.naam, reverse("huizen:werkruimte", kwargs={"huis_slug": huis.slug})),
        ("Bevraging", None),
    ]


def test_de_analyse_van_een_vraag_en_de_huizen_erachter(client, opgroeien_medewerker, golf):
    client.force_login(opgroeien_medewerker)
    vraag = golf.vragenlijst.vragen.get(sleutel="kind_en_gezin_partners.lokaal_loket")
    sleutels = {"golf_pk": golf.pk, "vraag": vraag.sleutel}
    overzicht = ("Overzicht Opgroeien", reverse("huizen:opgroeien_overzicht"))
    resultaten = reverse("bevraging:analyse", kwargs={"golf_pk": golf.pk})

    assert kruimelpad(client.get(resultaten)) == [overzicht, (f"Resultaten {golf.naam}", None)]
    pagina = client.get(reverse("bevraging:analyse_vraag", kwargs=sleutels), {"provincie": "Limburg"})
    assert kruimelpad(pagina) == [
        overzicht,
        (f"Resultaten {golf.naam}", f"{resultaten}?provincie=Limburg"),
        (vraag.item or vraag.tekst, None),
    ]
    pagina = client.get(reverse("bevraging:analyse_huizen", kwargs=sleutels), {"provincie": "Limburg"})
    assert kruimelpad(pagina) == [
        overzicht,
        (f"Resultaten {golf.naam}", resultaten),
        (
            vraag.item or vraag.tekst,
            f"{reverse('bevraging:analyse_vraag', kwargs=sleutels)}?provincie=Limburg",
        ),
        ("Huizen", None),
    ]
