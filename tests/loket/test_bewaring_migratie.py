"""The outbox and the history written before erasure took mails and reasons in one's own words
along: the migrations empty the text of sent mails, tie mails with a private link to their request
(and delete those of requests already erased), and mark and erase withdrawal reasons."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from kern.models import UitgaandeMail
from loket import services
from loket.models import Gebeurtenis, Opvangvraag, Status
from tests.factories import OpvanglocatieFactory, OpvangvraagFactory

pytestmark = pytest.mark.django_db(transaction=True)

VOOR = [("kern", "0003_uitgaandemail_betreft"), ("loket", "0002_toewijzingsrondes")]


def migreer(doel):
    executor = MigrationExecutor(connection)
    executor.migrate(doel)


def link(vraag):
    return f"Uw aanvraag: http://testserver/opvang/aanvraag/{vraag.token}/bevestigen/"


def test_de_migratie_ruimt_wat_eerder_bleef_liggen_op(huis, referentiedata):
    locatie = OpvanglocatieFactory(huis=huis)
    open_vraag = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    gewist = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    services.trek_in(vraag=open_vraag, reden="We vonden opvang bij oma")
    services.trek_in(vraag=gewist, reden="We verhuizen naar Brugge")
    zonder_reden = OpvangvraagFactory(huis=huis, voorkeuren=[locatie])
    services.trek_in(vraag=zonder_reden)
    mails = {
        "open_verzonden": UitgaandeMail.objects.create(
            aan=open_vraag.email, onderwerp="a", tekst=link(open_vraag)
        ),
        "open_wachtend": UitgaandeMail.objects.create(
            aan=open_vraag.email, onderwerp="b", tekst=link(open_vraag)
        ),
        "gewist": UitgaandeMail.objects.create(aan=gewist.email, onderwerp="c", tekst=link(gewist)),
        "uitnodiging": UitgaandeMail.objects.create(
            aan="collega@huis.test",
            onderwerp="d",
            tekst="http://testserver/account/password/reset/key/1-abc/",
        ),
    }
    Opvangvraag.objects.filter(pk=gewist.pk).update(geanonimiseerd=timezone.now(), token="f" * 64, email="")

    migreer(VOOR)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE kern_uitgaandemail SET status = 'verzonden' WHERE id IN (%s, %s)",
            [mails["open_verzonden"].pk, mails["uitnodiging"].pk],
        )
    migreer(MigrationExecutor(connection).loader.graph.leaf_nodes())

    assert not UitgaandeMail.objects.filter(pk=mails["gewist"].pk).exists()
    verzonden, wachtend, uitnodiging = (
        UitgaandeMail.objects.get(pk=mails[naam].pk)
        for naam in ("open_verzonden", "open_wachtend", "uitnodiging")
    )
    assert (verzonden.tekst, uitnodiging.tekst) == ("", "")
    assert wachtend.tekst == link(open_vraag)
    assert verzonden.betreft == wachtend.betreft == f"loket.opvangvraag:{open_vraag.pk}"
    assert uitnodiging.betreft == ""

    def intrekking(vraag):
        return Gebeurtenis.objects.get(opvangvraag=vraag, naar_status=Status.INGETROKKEN)

    assert (intrekking(open_vraag).reden, intrekking(open_vraag).vrije_tekst) == (
        "We vonden opvang bij oma",
        True,
    )
    assert (intrekking(gewist).reden, intrekking(gewist).vrije_tekst) == ("(gewist)", True)
    assert (intrekking(zonder_reden).reden, intrekking(zonder_reden).vrije_tekst) == (
        "Ingetrokken door het gezin.",
        False,
    )
