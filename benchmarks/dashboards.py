"""Response times and query counts of the Opgroeien dashboards on the demo data: the overview of
all Huizen, the life domains (figures and heatmap) and the survey analysis of a wave and a question.

    DEBUG=1 .venv/bin/python benchmarks/dashboards.py [--herhalingen 30]

Loads reference and demo data into the configured database (DATABASE_URL), like paginas.py, and
prints per page the median and 95th percentile of a request through the whole Django stack (test
client) and its number of database queries, first without and then with a warm cache. Prints
figures; asserts nothing.
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from benchmarks.paginas import OPGROEIEN, meet  # noqa: E402  (sets Django up)
from kern.beveiliging import markeer_tweede_factor  # noqa: E402
from kern.models import User  # noqa: E402

DASHBOARDS = [
    ("overzicht Opgroeien", "/opgroeien/"),
    ("overzicht Opgroeien, Limburg", "/opgroeien/?provincie=Limburg"),
    ("export partners als XLSX", "/opgroeien/?tabel=partners&formaat=xlsx"),
    ("levensdomeinen: cijfers", "/opgroeien/levensdomeinen/"),
    ("levensdomeinen: heatmap", "/opgroeien/levensdomeinen/heatmap/"),
    ("bevraging 2022: analyse", "/bevraging/2/analyse/"),
    ("bevraging 2022: analyse, Limburg", "/bevraging/2/analyse/?provincie=Limburg"),
    ("bevraging 2022: vraag lokaal loket", "/bevraging/2/analyse/vraag/kind_en_gezin_partners.lokaal_loket/"),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=30)
    parser.add_argument("--geen-demodata", action="store_true", help="the database holds it already")
    argumenten = parser.parse_args()
    if not argumenten.geen_demodata:
        call_command("migrate", verbosity=0)
        call_command("laad_referentiedata", verbosity=0)
        call_command("laad_demodata", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"database: {connection.vendor}, {argumenten.herhalingen} herhalingen per pagina")
    print(f"{'pagina':45} {'mediaan':>9} {'p95':>9} {'queries':>8}  (eerste verzoek, lege cache)")
    client = Client()
    gebruiker = User.objects.get(email=OPGROEIEN)
    client.force_login(gebruiker)
    sessie = client.session  # a full login: password and second factor passed
    markeer_tweede_factor(sessie, gebruiker)
    sessie.save()
    for naam, url in DASHBOARDS:
        cache.clear()
        mediaan, p95, queries = meet(client, url, argumenten.herhalingen)
        print(f"{naam:45} {mediaan:7.1f}ms {p95:7.1f}ms {queries:8d}")


if __name__ == "__main__":
    main()
