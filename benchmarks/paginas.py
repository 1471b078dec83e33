"""Response times and query counts of the public pages, the open API and the staff pages, on the demo data.

    DEBUG=1 .venv/bin/python benchmarks/paginas.py [--herhalingen 50] [--zonder-laden]

Loads reference and demo data into the configured database (SQLite by default, or DATABASE_URL;
`--zonder-laden` keeps what a previous run loaded) and prints, per page, the median and 95th
percentile time of a request through the whole Django stack (test client, no network) and its
number of database queries. Staff sessions count as logged in with their second factor. Prints
figures; asserts nothing.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hvhk.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from kern.beveiliging import markeer_tweede_factor  # noqa: E402
from kern.models import User  # noqa: E402

PAGINAS = [
    ("startpagina", "/"),
    ("zoeken op postcode 9000", "/huizen/?q=9000"),
    ("postcode over twee gemeenten (3470)", "/huizen/?q=3470"),
    ("zoeken op naam (Kruibeke, gefusioneerd)", "/huizen/?q=Kruibeke"),
    ("lijst van alle Huizen, pagina 5", "/huizen/?pagina=5"),
    ("pagina van Huis van het Kind Brussel", "/huizen/brussel/"),
    ("formulier kinderopvang aanvragen (Gent)", "/opvang/gent/aanvragen/"),
    ("open API: Huizen (50 per pagina)", "/api/v1/huizen/"),
    ("open API: gemeenten geldig in 2022", "/api/v1/gemeenten/?geldig_op=2022-01-01"),
]
OPGROEIEN = "opgroeien@demo.huizenvanhetkind.test"
COORDINATOR = "coordinator@demo.huizenvanhetkind.test"
LOKET = "loket@demo.huizenvanhetkind.test"
AANBIEDER = "aanbieder@demo.huizenvanhetkind.test"
INGELOGD = [
    (OPGROEIEN, "overzicht Opgroeien", "/opgroeien/"),
    (OPGROEIEN, "lijst achter een cijfer (met locatie)", "/opgroeien/huizen/?fysiek=met"),
    (OPGROEIEN, "export partners als XLSX", "/opgroeien/?tabel=partners&formaat=xlsx"),
    (COORDINATOR, "profiel van Huis van het Kind Gent", "/mijn-huis/gent/profiel/"),
    (COORDINATOR, "werkruimte Huis van het Kind Gent", "/mijn-huis/gent/"),
    (LOKET, "wachtrij van het loket Gent", "/mijn-huis/gent/loket/aanvragen/"),
    (
        LOKET,
        "wachtrij gefilterd: kwetsbaar, baby's",
        "/mijn-huis/gent/loket/aanvragen/?kwetsbaar=ja&leeftijdsgroep=baby",
    ),
    (LOKET, "cijfers van het loket Gent", "/mijn-huis/gent/loket/rapportage/"),
    (AANBIEDER, "Mijn opvang (aanbieder)", "/opvang/aanbieder/"),
    (OPGROEIEN, "cijfers van de loketten in Vlaanderen", "/opgroeien/loket/"),
    (OPGROEIEN, "bevraging 2022: analyse", "/bevraging/2/analyse/"),
]


def meet(client, url, herhalingen):
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        antwoord = client.get(url, HTTP_HOST="127.0.0.1")
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1")
        tijden.append((time.perf_counter() - begin) * 1000)
    tijden.sort()
    return statistics.median(tijden), tijden[int(0.95 * (len(tijden) - 1))], len(queries)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=50)
    parser.add_argument("--zonder-laden", action="store_true", help="the data of a previous run")
    argumenten = parser.parse_args()
    herhalingen = argumenten.herhalingen

    call_command("migrate", verbosity=0)
    if not argumenten.zonder_laden:
        call_command("laad_referentiedata", verbosity=0)
        call_command("laad_demodata", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"database: {connection.vendor}, {herhalingen} herhalingen per pagina")
    print(f"{'pagina':45} {'mediaan':>9} {'p95':>9} {'queries':>8}")
    anoniem = Client()
    for naam, url in PAGINAS:
        mediaan, p95, queries = meet(anoniem, url, herhalingen)
        print(f"{naam:45} {mediaan:7.1f}ms {p95:7.1f}ms {queries:8d}")
    for email, naam, url in INGELOGD:
        client = Client()
        gebruiker = User.objects.get(email=email)
        client.force_login(gebruiker)
        sessie = client.session  # logged in with the code of the authenticator app
        markeer_tweede_factor(sessie, gebruiker)
        sessie.save()
        mediaan, p95, queries = meet(client, url, herhalingen)
        print(f"{naam:45} {mediaan:7.1f}ms {p95:7.1f}ms {queries:8d}")


if __name__ == "__main__":
    main()
