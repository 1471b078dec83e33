"""Faults of Redis and PostgreSQL while families register and staff log in (run in CI).

Each Redis test starts a redis-server of its own on a free port and stops, freezes (SIGSTOP) or
restarts only that one; the cache (kern.cache) and the broker (kern.wachtrij) of the portal point
at it, with the production rate limits of the login and the API switched on. A family's
registration, a staff login and the open API must then succeed within 3 seconds, the registration
is saved, and its confirmation e-mail waits in the outbox until a worker takes it once Redis is
back. A worker started while Redis is away keeps retrying and takes up the report that could not
be handed over. The database test terminates the web server's PostgreSQL connections during a
burst of registrations: none is lost.
"""

import http.client
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.parse

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.db import connection, transaction
from django.urls import reverse

import hvhk.settings as productie
from kern.models import Hartslag, UitgaandeMail
from loket.models import Opvangvraag
from rapporten.models import Rapportjob, Rapportstatus
from rapporten.services import start_huisrapport
from tests.factories import OpvanglocatieFactory
from tests.integration.conftest import ROOT, vrije_poort, wacht_tot
from tests.loket.test_gezin import aanvraag_url, geldige_data, werkt_ook_voor
from tests.rapporten.conftest import maak_profiel

pytestmark = pytest.mark.integration

WACHTWOORD = "een-lang-wachtwoord-2026"  # tests.factories.UserFactory
GRENS = 3.0  # seconds a family or a staff member may wait while Redis is away


@pytest.fixture
def postgresql(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("zet DATABASE_URL=postgres://... om storingen te testen")


@pytest.fixture
def portaal(postgresql, referentiedata, huis, eigen_redis, settings, cache_op, broker_op, client):
    """The portal with its cache and broker on the test's own Redis, rate limits as in production,
    and a family that opened the request form while Redis was still there."""
    eigen_redis.start()
    cache_op(eigen_redis.url(1))
    broker_op(eigen_redis.url(0))
    settings.ACCOUNT_RATE_LIMITS = productie.ACCOUNT_RATE_LIMITS
    settings.REST_FRAMEWORK = productie.REST_FRAMEWORK
    cache.set("proef", "ja")
    assert cache.get("proef") == "ja"
    locaties = _locaties(huis)
    assert client.get(aanvraag_url(huis)).status_code == 200
    return huis, locaties


def _locaties(huis) -> dict:
    """The locations tests.loket.test_gezin.geldige_data chooses from, at a loket serving Gent."""
    werkt_ook_voor(huis, "Gent")
    return {
        "eerste": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Eerste"),
        "tweede": OpvanglocatieFactory(huis=huis, naam="Kinderdagverblijf De Tweede"),
        "school": OpvanglocatieFactory(huis=huis, naam="IBO Het Schoolhuis", soort="buitenschools"),
    }


def _getimed(verzoek):
    begin = time.monotonic()
    antwoord = verzoek()
    return antwoord, time.monotonic() - begin


def _gezin_en_medewerker(client, huis, locaties, coordinator) -> dict[str, float]:
    """Register a request through the public form, log in as staff and read the API; every answer
    as when Redis is there, each within GRENS seconds. Returns the times."""
    aanvraag, t_aanvraag = _getimed(lambda: client.post(aanvraag_url(huis), geldige_data(locaties)))
    assert aanvraag.status_code == 303
    assert aanvraag["Location"] == reverse("loket:ontvangen")

    medewerker = client.__class__()
    gegevens = {"login": coordinator.email, "password": WACHTWOORD}
    login, t_login = _getimed(lambda: medewerker.post(reverse("account_login"), gegevens))
    assert login.status_code == 302 and "_auth_user_id" in medewerker.session

    api, t_api = _getimed(lambda: client.get("/api/v1/huizen/"))
    assert api.status_code == 200

    tijden = {"aanvraag": t_aanvraag, "login": t_login, "api": t_api}
    assert max(tijden.values()) < GRENS, tijden
    vraag = Opvangvraag.objects.get()
    assert vraag.email == "sam@ouders.test" and vraag.kinderen.get().voornaam == "Lotte"
    return tijden


def test_met_redis_gestopt_registreert_een_gezin_en_meldt_het_loket_aan(
    portaal, eigen_redis, client, coordinator, workers
):
    huis, locaties = portaal
    eigen_redis.stop()

    tijden = _gezin_en_medewerker(client, huis, locaties, coordinator)

    mail = UitgaandeMail.objects.get(aan="sam@ouders.test")
    assert mail.status == UitgaandeMail.Status.WACHTEND
    # Redis is back and a worker starts: it sends what waited in the outbox.
    eigen_redis.start()
    hersteld = time.monotonic()
    workers(eigen_redis.url(0))
    assert wacht_tot(lambda: UitgaandeMail.objects.get(pk=mail.pk).status == "verzonden", seconden=30)
    [bestand] = list(workers.mailmap.iterdir())
    assert "To: sam@ouders.test" in bestand.read_text()
    print(
        "Redis gestopt: "
        + ", ".join(f"{naam} {t:.2f} s" for naam, t in tijden.items())
        + f"; bevestigingsmail {time.monotonic() - hersteld:.1f} s na de terugkeer van Redis verstuurd"
    )


def test_met_redis_bevroren_registreert_een_gezin_en_meldt_het_loket_aan(
    portaal, eigen_redis, client, coordinator
):
    huis, locaties = portaal
    eigen_redis.bevries()
    try:
        tijden = _gezin_en_medewerker(client, huis, locaties, coordinator)
        assert UitgaandeMail.objects.get(aan="sam@ouders.test").status == UitgaandeMail.Status.WACHTEND
    finally:
        eigen_redis.ontdooi()
    assert cache.bereikbaar()
    print("Redis bevroren: " + ", ".join(f"{naam} {t:.2f} s" for naam, t in tijden.items()))


def test_een_worker_zonder_redis_blijft_proberen_en_neemt_het_rapport_op(
    postgresql, referentiedata, huis, coordinator, eigen_redis, broker_op, workers, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "prive"
    broker_op(eigen_redis.url(0))  # not started: Redis is away
    maak_profiel(huis, merk="Storing", gemeente=huis.gemeenten.first())
    with transaction.atomic():
        job, _ = start_huisrapport(huis=huis, door=coordinator)
    job.refresh_from_db()
    assert (job.status, job.ingepland) == (Rapportstatus.WACHTRIJ, None)  # not handed over

    worker, log = workers(eigen_redis.url(0))
    assert wacht_tot(lambda: log.read_text().count("Trying again") >= 3, seconden=20), log.read_text()
    assert worker.poll() is None, "de worker gaf het op"
    assert not Hartslag.objects.filter(bron="worker").exists()

    eigen_redis.start()
    terug = time.monotonic()
    assert wacht_tot(lambda: Hartslag.objects.filter(bron="worker").exists(), seconden=40), log.read_text()
    verbonden = time.monotonic() - terug
    assert wacht_tot(lambda: Rapportjob.objects.get(pk=job.pk).status == Rapportstatus.KLAAR, seconden=40)
    klaar = time.monotonic() - terug
    assert worker.poll() is None
    print(f"Worker terug verbonden {verbonden:.1f} s na Redis; onderbroken rapport klaar na {klaar:.1f} s")


# --- PostgreSQL ----------------------------------------------------------------------------------

TOEPASSING = "hvhk-storingstest"
AANVRAGEN = 32


@pytest.fixture
def webserver(postgresql, tmp_path):
    """gunicorn with the test settings on the test database, with persistent connections (as in
    production) that carry an application name the test can terminate them by."""
    db = django_settings.DATABASES["default"]
    poort = vrije_poort()
    omgeving = {k: v for k, v in os.environ.items() if k != "CELERY_BROKER_URL"}
    omgeving.update(
        DJANGO_SETTINGS_MODULE="hvhk.settings_test",
        DATABASE_URL=(
            f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
            f"?application_name={TOEPASSING}"
        ),
        CONN_MAX_AGE="60",
        LOKET_AANVRAAG_LIMIET="1000/h",
    )
    log = tmp_path / "gunicorn.log"
    with log.open("w") as uitvoer:
        proces = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "hvhk.wsgi:application", "--bind", f"127.0.0.1:{poort}"]
            + ["--workers", "2", "--timeout", "30"],
            cwd=ROOT,
            env=omgeving,
            stdout=uitvoer,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        assert wacht_tot(lambda: _antwoord(poort, "GET", "/gezondheid/leeft/")[0] == 200, seconden=30), (
            log.read_text()
        )
        yield poort
    finally:
        os.killpg(proces.pid, signal.SIGTERM)
        try:
            proces.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proces.pid, signal.SIGKILL)
            proces.wait()
        print("--- gunicorn ---\n" + log.read_text()[-3000:])


def _antwoord(poort, methode, pad, body=None, headers=None) -> tuple[int, dict, str]:
    verbinding = http.client.HTTPConnection("127.0.0.1", poort, timeout=10)
    try:
        verbinding.request(methode, pad, body=body, headers=headers or {})
        antwoord = verbinding.getresponse()
        return antwoord.status, dict(antwoord.getheaders()), antwoord.read().decode()
    except OSError:
        return 0, {}, ""
    finally:
        verbinding.close()


def _verbreek_de_verbindingen() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND application_name = %s",
            [TOEPASSING],
        )
        return cursor.fetchone()[0]


def test_afgebroken_databaseverbindingen_herstellen_zonder_verloren_aanvraag(referentiedata, huis, webserver):
    locaties = _locaties(huis)
    pad = aanvraag_url(huis)
    status, headers, html = _antwoord(webserver, "GET", pad)
    assert status == 200
    cookie = re.search(r"csrftoken=([^;]+)", headers["Set-Cookie"]).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    kop = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Referer": f"http://127.0.0.1:{webserver}{pad}",
    }
    sleutels = []
    mislukt = []  # answers other than 303: a request whose connection died under it
    herstel = []  # seconds from such an answer to the same registration's success
    slot = threading.Lock()

    def registreer(nummer: int) -> int:
        """One family's registration; sent again (same form, same key) after an error page, as a
        family would. Returns the number of tries."""
        adres = f"gezin{nummer}@ouders.test"
        data = geldige_data(locaties, email=adres, email_herhaling=adres)
        data["csrfmiddlewaretoken"] = token
        body = urllib.parse.urlencode(data, doseq=True)
        eerste_fout = None
        for poging in range(1, 11):
            status, _, _ = _antwoord(webserver, "POST", pad, body, kop)
            if status == 303:
                with slot:
                    sleutels.append(data["indieningssleutel"])
                    if eerste_fout is not None:
                        herstel.append(time.monotonic() - eerste_fout)
                return poging
            with slot:
                mislukt.append(status)
            eerste_fout = eerste_fout or time.monotonic()
            time.sleep(0.2)
        return 0

    # The web server's workers keep their connections between requests (CONN_MAX_AGE).
    assert [registreer(n) for n in range(4)] == [1, 1, 1, 1]
    # PostgreSQL ends them while the web is idle: each request checks its connection before use
    # (CONN_HEALTH_CHECKS) and opens a new one, so no family sees an error page.
    assert _verbreek_de_verbindingen() >= 1
    assert [registreer(n) for n in range(4, 8)] == [1, 1, 1, 1]

    # Under load: three families at a time, and PostgreSQL ends every connection three times.
    verbroken = 0

    def verbreek():
        nonlocal verbroken
        for _ in range(3):
            time.sleep(0.5)
            verbroken += _verbreek_de_verbindingen()

    gezinnen = [
        threading.Thread(target=lambda d=d: [registreer(n) for n in range(8 + d, AANVRAGEN, 3)])
        for d in range(3)
    ]
    storing = threading.Thread(target=verbreek)
    begin = time.monotonic()
    for draad in [*gezinnen, storing]:
        draad.start()
    for draad in [*gezinnen, storing]:
        draad.join(timeout=60)
    duur = time.monotonic() - begin

    assert verbroken > 0, "geen enkele verbinding werd verbroken"
    assert len(sleutels) == AANVRAGEN, f"{AANVRAGEN - len(sleutels)} verloren; antwoorden: {mislukt}"
    bewaard = set(Opvangvraag.objects.values_list("indieningssleutel", flat=True))
    assert {str(s) for s in bewaard} == set(sleutels)
    assert max(herstel, default=0) < 5, herstel
    print(
        f"{AANVRAGEN - 8} aanvragen in {duur:.1f} s terwijl {verbroken} verbindingen verbroken werden: "
        f"{len(mislukt)} foutpagina's, langste herstel {max(herstel, default=0):.2f} s, niets verloren"
    )
    assert _antwoord(webserver, "GET", "/gezondheid/")[0] == 200
