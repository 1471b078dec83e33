"""The loket's demo data: locations, free places and requests in every status for the demo Huizen,
consistent (no place overbooked, nothing due for the beat tasks), quiet (no e-mail goes out) and
idempotent. Loaded for two Huizen on real gemeenten (Gent, and Destelbergen with Lochristi)."""

import datetime
from collections import Counter

import pytest
from django.core import mail
from django.db.models import Count
from django.utils import timezone

from demo.loket import AANBIEDER_EMAIL, laad_loket_demodata
from demo.verwijzers import VERWIJZER_LID_EMAIL, VERWIJZER_NAAM
from huizen.models import Gemeente, Huis, Lidmaatschap
from kern.models import UitgaandeMail, User
from kern.tenancy import Rol
from loket import tasks
from loket.models import (
    Aanbiederslidmaatschap,
    Aanbod,
    AanbodStatus,
    Gebeurtenis,
    Kind,
    Opvanglocatie,
    Opvangvraag,
    Organisator,
    Ouder,
    SoortOpvang,
    Status,
    Tarief,
    Verwijzer,
    Voorkeur,
    VrijePlaats,
    is_aanbieder,
    is_verwijzer,
)
from loket.selectors import bezet
from tests.factories import HuisFactory, LidmaatschapFactory, UserFactory

pytestmark = pytest.mark.django_db

WACHTWOORD = "demo-wachtwoord"


@pytest.fixture
def demohuizen(referentiedata):
    gent = HuisFactory(
        naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")]
    )
    lochristi = HuisFactory(
        naam="Huis van het Kind Lochristi en omstreken",
        slug="lochristi-en-omstreken",
        gemeenten=list(Gemeente.objects.filter(nis__in=["44013", "44087"])),
    )
    loket = UserFactory(email="loket@demo.huizenvanhetkind.test")
    LidmaatschapFactory(huis=gent, gebruiker=loket, rol=Rol.LOKET)
    return [gent, lochristi]


def test_de_demodata_hebben_aanvragen_in_elke_status_en_kloppen(
    demohuizen, django_capture_on_commit_callbacks
):
    gent, lochristi = demohuizen
    with django_capture_on_commit_callbacks(execute=True):
        resultaat = laad_loket_demodata(wachtwoord=WACHTWOORD, huizen=demohuizen)

    vragen = Opvangvraag.objects.filter(huis__in=demohuizen)
    # 140 requests of families and the loket, and 3 the demo referral partner registered in Gent
    assert resultaat.aanvragen == vragen.count() == 143
    for huis in demohuizen:
        statussen = Counter(vragen.filter(huis=huis).values_list("status", flat=True))
        assert set(statussen) == set(Status.values), huis
    assert resultaat.per_status == {s: vragen.filter(status=s).count() for s in Status.values}

    # Locations in the Huis's own gemeenten, of every kind; places never overbooked.
    for huis in demohuizen:
        locaties = Opvanglocatie.objects.filter(huis=huis)
        assert 6 <= locaties.count() <= 15
        assert set(locaties.values_list("gemeente", flat=True)) == set(
            huis.gemeenten.values_list("pk", flat=True)
        )
        assert set(locaties.values_list("soort", flat=True)) == set(SoortOpvang.values)
        assert set(locaties.values_list("tarief", flat=True)) == set(Tarief.values)
        assert locaties.filter(inclusieve_opvang=True).exists()
    for plaats in VrijePlaats.objects.all():
        assert bezet(plaats) <= plaats.aantal, plaats
    vandaag = timezone.localdate()
    assert sum(p.aantal - bezet(p) for p in VrijePlaats.objects.filter(vanaf__gte=vandaag)) > 10

    # What the loket's lists need: twins, registrations at the desk, vulnerable families waiting
    # longer than three weeks without an answer, open offers that can still be answered.
    assert vragen.annotate(n=Count("kinderen")).filter(n=2).exists()
    assert vragen.filter(via_loket=True).exists()
    drie_weken = timezone.now() - datetime.timedelta(days=21)
    wachtend = vragen.filter(status=Status.ACTIEF, eerste_antwoord__isnull=True, bevestigd__lt=drie_weken)
    assert any(vraag.is_kwetsbaar for vraag in wachtend)
    open_aanbod = Aanbod.objects.filter(status=AanbodStatus.OPEN, opvangvraag__huis__in=demohuizen)
    assert open_aanbod.exists() and all(a.deadline >= vandaag for a in open_aanbod)
    # Some waiting families of Lochristi also chose a location of the neighbouring Gent loket.
    naar_gent = vragen.filter(huis=lochristi, voorkeuren__locatie__huis=gent, voorkeuren__actief=True)
    assert naar_gent.exists() and set(naar_gent.values_list("status", flat=True)) == {Status.ACTIEF}

    # The history is in the past ten months, in order, with the services' events.
    nu = timezone.now()
    assert not Gebeurtenis.objects.filter(tijd__gt=nu).exists()
    assert not vragen.filter(ingediend__lt=nu - datetime.timedelta(days=310)).exists()
    for vraag in vragen.prefetch_related("gebeurtenissen"):
        tijden = [g.tijd for g in sorted(vraag.gebeurtenissen.all(), key=lambda g: g.pk)]
        assert tijden == sorted(tijden) and tijden[0] == vraag.ingediend, vraag.pk
        laatste_status = [g.naar_status for g in vraag.gebeurtenissen.all() if g.naar_status][-1]
        assert laatste_status == vraag.status
    geplaatst = vragen.filter(status=Status.GEPLAATST).first()
    assert geplaatst.aanbiedingen.filter(status=AanbodStatus.BEVESTIGD).count() == 1
    assert (
        not geplaatst.voorkeuren.filter(actief=True)
        .exclude(locatie=geplaatst.aanbiedingen.get(status=AanbodStatus.BEVESTIGD).plaats.locatie)
        .exists()
    )

    # Coherent with the terms: right after loading, the beat tasks find nothing to do.
    assert set(tasks.verwerk_termijnen().values()) == {0}
    assert set(tasks.purge_bewaartermijn().values()) == {0}

    # Families have reserved addresses; no e-mail waits or went out.
    adressen = set(vragen.exclude(email="").values_list("email", flat=True))
    assert adressen and all(adres.endswith("@voorbeeld.test") for adres in adressen)
    assert UitgaandeMail.objects.filter(aan__in=adressen).exists()
    assert not UitgaandeMail.objects.exclude(status=UitgaandeMail.Status.VERZONDEN).exists()
    assert mail.outbox == []

    # The demo provider keeps the places of an organiser in Gent with an offer to confirm.
    aanbieder = User.objects.get(email=AANBIEDER_EMAIL)
    assert aanbieder.check_password(WACHTWOORD) and is_aanbieder(aanbieder)
    lidmaatschap = Aanbiederslidmaatschap.objects.get(gebruiker=aanbieder)
    assert lidmaatschap.organisator.locaties.filter(huis=gent).exists()
    zichtbaar = Aanbod.objects.zichtbaar_voor(aanbieder)
    assert zichtbaar.filter(status=AanbodStatus.AANVAARD).exists()
    assert not zichtbaar.filter(opvangvraag__huis=lochristi).exists()
    assert AANBIEDER_EMAIL in [email for _label, email in resultaat.logins]

    # The demo referral partner of Gent, with a login, and the requests it registered (one family
    # without an e-mail address has its messages sent to the partner).
    verwijzer = Verwijzer.objects.get(naam=VERWIJZER_NAAM)
    assert verwijzer.huis == gent and verwijzer.soort == "caw"
    lid = User.objects.get(email=VERWIJZER_LID_EMAIL)
    assert lid.check_password(WACHTWOORD) and is_verwijzer(lid)
    verwezen = Opvangvraag.objects.van_verwijzer(lid)
    assert verwezen.count() == 3 and set(verwezen.values_list("huis", flat=True)) == {gent.pk}
    assert verwezen.filter(email="", berichten_via_verwijzer=True).exists()
    assert not verwezen.filter(toestemming_op__isnull=True).exists()
    assert VERWIJZER_LID_EMAIL in [email for _label, email in resultaat.logins]

    # Offers in Lochristi were made by a loket colleague of that Huis (who cannot log in).
    medewerker = Aanbod.objects.filter(opvangvraag__huis=lochristi).first().gemaakt_door
    assert Lidmaatschap.objects.filter(gebruiker=medewerker, huis=lochristi, rol=Rol.LOKET).exists()
    assert not medewerker.has_usable_password()


def _stand():
    """Everything the loader writes, to compare two loads."""
    modellen = (
        Organisator,
        Opvanglocatie,
        VrijePlaats,
        Opvangvraag,
        Kind,
        Ouder,
        Voorkeur,
        Aanbod,
        Gebeurtenis,
    )
    return {
        "aantallen": {m.__name__: m.objects.count() for m in (*modellen, UitgaandeMail, User, Lidmaatschap)},
        "locaties": list(Opvanglocatie.objects.order_by("pk").values()),
        "plaatsen": list(VrijePlaats.objects.order_by("pk").values()),
        "vragen": list(Opvangvraag.objects.order_by("pk").values()),
        "aanbiedingen": list(Aanbod.objects.order_by("pk").values()),
        "gebeurtenissen": list(Gebeurtenis.objects.order_by("pk").values_list("pk", "tijd", "reden")),
        "aanbieder": list(Aanbiederslidmaatschap.objects.values_list("gebruiker", "organisator")),
        "wachtwoord": User.objects.get(email=AANBIEDER_EMAIL).password,
    }


def test_opnieuw_laden_verandert_niets(demohuizen):
    eerste = laad_loket_demodata(wachtwoord=WACHTWOORD, huizen=demohuizen)
    voor = _stand()

    tweede = laad_loket_demodata(wachtwoord=WACHTWOORD, huizen=demohuizen)

    assert _stand() == voor
    assert (eerste.nieuwe_aanvragen, tweede.nieuwe_aanvragen) == (140, 0)
    assert tweede.per_status == eerste.per_status


def test_zonder_demo_huizen_een_duidelijke_fout(db):
    from demo.huizen import Demodatafout

    with pytest.raises(Demodatafout, match="laad eerst"):
        laad_loket_demodata(wachtwoord=WACHTWOORD)
    with pytest.raises(ValueError):
        laad_loket_demodata(wachtwoord="", huizen=[])


def _meetjesland_en_eeklo(loket: bool):
    meetjesland = HuisFactory(
        naam="Huis van het Kind Meetjesland",
        slug="meetjesland",
        gemeenten=list(Gemeente.objects.filter(nis__in=["43002", "43007", "43014"])),
        loket=loket,
    )
    eeklo = HuisFactory(
        naam="Huis van het Kind Eeklo",
        slug="eeklo",
        gemeenten=[Gemeente.objects.get(nis="43005")],
        loket=loket,
    )
    return meetjesland, eeklo


def test_de_demodata_hebben_een_intergemeentelijk_loket_voor_twee_huizen(referentiedata):
    """A fresh demo load: Meetjesland's loket also serves Eeklo, which hosts no loket."""
    from demo.huizen import schrijf_lokets
    from loket.selectors import loket_van_gemeente

    meetjesland, eeklo = _meetjesland_en_eeklo(loket=False)
    gent = HuisFactory(
        naam="Huis van het Kind Gent", slug="gent", gemeenten=[Gemeente.objects.get(nis="44021")]
    )
    schrijf_lokets({"meetjesland": meetjesland, "eeklo": eeklo, "gent": gent})

    loket = meetjesland.loket
    assert loket.naam == "Lokaal Loket Kinderopvang Meetjesland"
    gebied = set(loket.gemeenten_op().values_list("nis", flat=True))
    assert gebied == {"43002", "43007", "43014", "43005"}
    huizen_van_het_gebied = {h.slug for g in loket.gemeenten_op() for h in g.huizen.all()}
    assert huizen_van_het_gebied == {"meetjesland", "eeklo"}
    assert set(loket.huizen.values_list("slug", flat=True)) == {"meetjesland", "eeklo"}
    assert not hasattr(Huis.objects.get(pk=eeklo.pk), "loket")
    assert loket_van_gemeente(Gemeente.objects.get(nis="43005")) == loket
    assert gent.loket.gemeenten_op().get().nis == "44021"  # Gent's loket was already there: kept


def test_een_bestaand_loket_van_eeklo_geeft_zijn_gemeente_door_aan_meetjesland(referentiedata):
    """A database the migration gave a loket per Huis: Eeklo's loket ends its gemeente yesterday,
    Meetjesland's takes it over today; loading again changes nothing."""
    from demo.huizen import schrijf_lokets
    from loket.models import Loketgebied
    from loket.selectors import loket_van_gemeente

    meetjesland, eeklo = _meetjesland_en_eeklo(loket=True)
    eeklo_gemeente = Gemeente.objects.get(nis="43005")
    schrijf_lokets({"meetjesland": meetjesland, "eeklo": eeklo})
    schrijf_lokets({"meetjesland": meetjesland, "eeklo": eeklo})

    vandaag = timezone.localdate()
    gisteren = vandaag - datetime.timedelta(days=1)
    assert loket_van_gemeente(eeklo_gemeente) == meetjesland.loket
    assert loket_van_gemeente(eeklo_gemeente, gisteren) == eeklo.loket
    assert Loketgebied.objects.filter(gemeente=eeklo_gemeente).count() == 2
