"""A request stores when and where its first confirmed placement was confirmed
(`Opvangvraag.geplaatst_op`, `geplaatst_bij`; the loket's figures count placements and waiting times
from it): the services that confirm or end a placement keep it equal to what its offers say."""

import datetime

import pytest
from django.utils import timezone

from demo.loket import laad_loket_demodata
from huizen.models import Gemeente
from loket import services
from loket.models import AanbodStatus, Opvangvraag, Status
from tests.factories import HuisFactory, OpvanglocatieFactory, OpvangvraagFactory, VrijePlaatsFactory

pytestmark = pytest.mark.django_db


def volgens_de_aanbiedingen(vraag: Opvangvraag) -> tuple:
    """(moment, location) of the request's confirmed offer confirmed first, from the offers."""
    bevestigd = sorted(
        (a.bevestigd, a.pk, a.plaats.locatie_id)
        for a in vraag.aanbiedingen.select_related("plaats")
        if a.status == AanbodStatus.BEVESTIGD and a.bevestigd is not None
    )
    return (bevestigd[0][0], bevestigd[0][2]) if bevestigd else (None, None)


def opgeslagen(vraag: Opvangvraag) -> tuple:
    vraag.refresh_from_db()
    return vraag.geplaatst_op, vraag.geplaatst_bij_id


def plaats_voor(vraag: Opvangvraag, locatie):
    return VrijePlaatsFactory(
        locatie=locatie,
        vanaf=vraag.gewenste_start,
        dagen=vraag.dagen,
        dagdeel=vraag.dagdeel,
        leeftijdsgroep=vraag.leeftijdsgroep,
    )


def test_een_wachtende_aanvraag_heeft_geen_plaatsing(huis):
    vraag = OpvangvraagFactory(huis=huis, aanvaard=True)
    assert opgeslagen(vraag) == (None, None) == volgens_de_aanbiedingen(vraag)


def test_de_bevestiging_van_de_plaatsing_slaat_moment_en_locatie_op(huis, loket_medewerker):
    vraag = OpvangvraagFactory(huis=huis, geplaatst=True)
    plaatsing = vraag.aanbiedingen.get(status=AanbodStatus.BEVESTIGD)
    assert opgeslagen(vraag) == (plaatsing.bevestigd, plaatsing.plaats.locatie_id)
    assert opgeslagen(vraag) == volgens_de_aanbiedingen(vraag)


def test_een_plaatsing_die_eindigt_door_sluiting_telt_niet_meer_en_een_nieuwe_wel(huis, loket_medewerker):
    locatie, elders = OpvanglocatieFactory(huis=huis), OpvanglocatieFactory(huis=huis)
    vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie, elders], geplaatst=True)
    plaatsing = vraag.aanbiedingen.get(status=AanbodStatus.BEVESTIGD)
    type(locatie).objects.filter(pk=locatie.pk).update(sluit_op=timezone.localdate())

    assert services.sluit_aanbod_af(aanbod_id=plaatsing.pk)

    vraag.refresh_from_db()
    assert vraag.status == Status.ACTIEF
    assert opgeslagen(vraag) == (None, None) == volgens_de_aanbiedingen(vraag)
    # placed again at its second choice: that placement is the first confirmed one now
    aanbod = services.doe_aanbod(vraag=vraag, plaats=plaats_voor(vraag, elders), door=loket_medewerker)
    aanbod = services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)
    services.bevestig_plaatsing(aanbod=aanbod, door=loket_medewerker)
    aanbod.refresh_from_db()
    assert opgeslagen(vraag) == (aanbod.bevestigd, elders.pk) == volgens_de_aanbiedingen(vraag)


def test_na_een_overplaatsing_houdt_de_oude_aanvraag_haar_plaatsing(huis, loket_medewerker):
    vraag = OpvangvraagFactory(huis=huis, geplaatst=True)
    voor = opgeslagen(vraag)
    nieuw = OpvanglocatieFactory(huis=huis)
    transfer = OpvangvraagFactory(huis=huis, voorkeuren=[nieuw], overplaatsing_van=vraag)
    aanbod = services.doe_aanbod(vraag=transfer, plaats=plaats_voor(transfer, nieuw), door=loket_medewerker)
    aanbod = services.beantwoord_aanbod(aanbod=aanbod, aanvaard=True)

    services.bevestig_plaatsing(aanbod=aanbod, door=loket_medewerker)

    assert vraag.aanbiedingen.get(status=AanbodStatus.BEVESTIGD).beeindigd is not None
    assert opgeslagen(vraag) == voor == volgens_de_aanbiedingen(vraag)
    assert opgeslagen(transfer)[1] == nieuw.pk
    assert opgeslagen(transfer) == volgens_de_aanbiedingen(transfer)


def test_werk_plaatsing_bij_herstelt_wat_buiten_de_diensten_om_geschreven_werd(huis):
    vraag = OpvangvraagFactory(huis=huis, geplaatst=True)
    verwacht = opgeslagen(vraag)
    Opvangvraag.objects.filter(pk=vraag.pk).update(geplaatst_op=None, geplaatst_bij=None)
    # an older confirmed offer written as stored data (a bulk copy) comes first
    oud = vraag.aanbiedingen.get()
    oud.pk = None
    oud.bevestigd -= datetime.timedelta(days=3)
    oud.plaats = VrijePlaatsFactory(locatie=OpvanglocatieFactory(huis=huis))
    oud.save()

    assert Opvangvraag.objects.filter(pk=vraag.pk).werk_plaatsing_bij() == 1

    assert opgeslagen(vraag) == (oud.bevestigd, oud.plaats.locatie_id) != verwacht
    assert opgeslagen(vraag) == volgens_de_aanbiedingen(vraag)


def test_de_demodata_slaan_de_plaatsing_op_zoals_de_aanbiedingen_ze_dateren(
    referentiedata, django_capture_on_commit_callbacks
):
    """The demo loader dates what the services stamped back in time: the stored placement too."""
    huis = HuisFactory(slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")])
    with django_capture_on_commit_callbacks(execute=True):
        laad_loket_demodata(wachtwoord="demo-wachtwoord", huizen=[huis])
    vragen = list(Opvangvraag.objects.filter(huis=huis))
    assert sum(1 for vraag in vragen if vraag.geplaatst_op) > 5
    assert all(opgeslagen(vraag) == volgens_de_aanbiedingen(vraag) for vraag in vragen)
