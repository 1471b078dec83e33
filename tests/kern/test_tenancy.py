import pytest

from kern.tenancy import Rol, is_lid
from tests.factories import LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_lid_zijn_hangt_af_van_huis_en_rol(
    huis, ander_huis, coordinator, loket_medewerker, opgroeien_medewerker
):
    assert is_lid(coordinator, huis) and is_lid(coordinator, huis, [Rol.COORDINATOR])
    assert not is_lid(coordinator, ander_huis)
    assert is_lid(loket_medewerker, huis) and not is_lid(loket_medewerker, huis, [Rol.COORDINATOR])
    assert not is_lid(opgroeien_medewerker, huis)  # sees every Huis, is a member of none


def test_een_gedeactiveerd_account_is_nergens_lid(huis):
    gebruiker = LidmaatschapFactory(huis=huis).gebruiker
    gebruiker.is_active = False
    gebruiker.save()
    assert not is_lid(gebruiker, huis)
    assert not is_lid(UserFactory(), huis)
