"""Tenancy: a coordinator sees their own Huis's submitted response and comments on it; nobody else's."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError

from bevraging.models import Antwoord, Commentaar, Respons, Statuswijziging, Thema, Toewijzing
from bevraging.selectors import responsen_zichtbaar_voor
from bevraging.services import (
    Antwoordinvoer,
    bewaar_antwoorden,
    dien_in,
    plaats_commentaar,
    start_respons,
    wijs_toe,
)
from tests.factories import LidmaatschapFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def twee_responsen(open_golf_, huis, ander_huis, opgroeien_medewerker):
    responsen = {}
    for h in (huis, ander_huis):
        respons = start_respons(golf=open_golf_, huis=h, door=opgroeien_medewerker)
        respons = bewaar_antwoorden(
            respons=respons,
            invoer={
                "participatie.inspraak_ouders": Antwoordinvoer(3),
                "participatie.vrijwilligers": Antwoordinvoer("nee"),
                "kernpartners.belangrijkste_partners": Antwoordinvoer(["a"]),
            },
            versie=respons.versie,
            door=opgroeien_medewerker,
        )
        wijs_toe(golf=open_golf_, huis=h, interviewer=opgroeien_medewerker, door=opgroeien_medewerker)
        responsen[h.slug] = respons
    return responsen


def test_tenant_querysets(twee_responsen, huis, coordinator, lid_ander_huis, opgroeien_medewerker):
    eigen = twee_responsen["eigen"]
    for model in (Respons, Antwoord, Statuswijziging, Toewijzing):
        van_coordinator = model.objects.zichtbaar_voor(coordinator)
        pad = model.objects.all().huis_pad
        huizen = set(van_coordinator.values_list(f"{pad}__slug" if pad else "slug", flat=True))
        assert huizen == {"eigen"}, model
        assert model.objects.zichtbaar_voor(opgroeien_medewerker).count() == model.objects.count()
        assert not model.objects.zichtbaar_voor(AnonymousUser()).exists()
        assert model.objects.voor_huis(huis).count() == van_coordinator.count()
    assert set(
        Antwoord.objects.zichtbaar_voor(lid_ander_huis).values_list("respons__huis__slug", flat=True)
    ) == {"ander"}
    assert eigen in Respons.objects.zichtbaar_voor(coordinator)


def test_de_coordinator_ziet_alleen_de_ingediende_respons_van_het_eigen_huis(
    twee_responsen, coordinator, lid_ander_huis, opgroeien_medewerker
):
    assert not responsen_zichtbaar_voor(coordinator).exists()  # still a draft
    eigen = dien_in(respons=twee_responsen["eigen"], door=opgroeien_medewerker)
    dien_in(respons=twee_responsen["ander"], door=opgroeien_medewerker)
    assert list(responsen_zichtbaar_voor(coordinator)) == [eigen]
    assert [r.huis.slug for r in responsen_zichtbaar_voor(lid_ander_huis)] == ["ander"]
    assert responsen_zichtbaar_voor(opgroeien_medewerker).count() == 2
    assert not responsen_zichtbaar_voor(AnonymousUser()).exists()


def test_commentaar_van_de_coordinator(twee_responsen, coordinator, lid_ander_huis, opgroeien_medewerker):
    eigen = twee_responsen["eigen"]
    thema = Thema.objects.get(vragenlijst__golf=eigen.golf, sleutel="participatie")
    with pytest.raises(ValidationError, match="ingediend"):
        plaats_commentaar(respons=eigen, door=coordinator, tekst="Klopt niet", thema=thema)
    eigen = dien_in(respons=eigen, door=opgroeien_medewerker)
    commentaar = plaats_commentaar(
        respons=eigen, door=coordinator, tekst="De buurt doet ook mee.", thema=thema
    )
    assert commentaar.auteur == coordinator
    with pytest.raises(PermissionDenied):
        plaats_commentaar(respons=eigen, door=lid_ander_huis, tekst="Ik ook", thema=thema)
    with pytest.raises(PermissionDenied):
        plaats_commentaar(respons=eigen, door=opgroeien_medewerker, tekst="Ik ook", thema=thema)
    loket = LidmaatschapFactory(huis=eigen.huis, loket=True).gebruiker
    with pytest.raises(PermissionDenied):
        plaats_commentaar(respons=eigen, door=loket, tekst="Ik ook", thema=thema)
    with pytest.raises(ValidationError):
        plaats_commentaar(respons=eigen, door=coordinator, tekst="  ", thema=thema)
    with pytest.raises(ValidationError):
        plaats_commentaar(respons=eigen, door=coordinator, tekst="Over niets")
    assert list(Commentaar.objects.zichtbaar_voor(coordinator)) == [commentaar]
    assert not Commentaar.objects.zichtbaar_voor(lid_ander_huis).exists()
