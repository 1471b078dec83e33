"""Figures of the maps per gemeente: building the outlines, their size, the public map page, and
Opgroeien's indicator maps (choropleths) drawn and served from the cache.

    DEBUG=1 .venv/bin/python benchmarks/kaart.py [--herhalingen 20]

Loads the reference data into the configured database (idempotent; load the demo data first for
a map with Huizen) and prints: the time to build every gemeente's outline from the shipped map
(decode, project, simplify, unite the merged gemeenten, write path data), the time of a reload of
the reference data, the size of the map, the time to draw it without cache, and the time and
queries of the whole page served from the cache (test client, no network); then per indicator
map of /opgroeien/kaarten/ (coverage, subsidy per inhabitant, unmet loket demand, waiting time):
the time to compute and draw it without cache, the time to get the rendered map from the cache
(`hvhk.kaarten.kaart_html`), and the whole page from the cache for a logged-in Opgroeien
member; and, when a wave has a question a map can show, the answers to the first of them.
Prints figures; asserts nothing.
"""

import argparse
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hvhk.settings")
os.environ.setdefault("DEBUG", "1")

import django  # noqa: E402

django.setup()

from django.core.cache import cache  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from huizen import selectors, services  # noqa: E402
from huizen.models import Gemeente  # noqa: E402
from hvhk import kaarten  # noqa: E402
from kern.beveiliging import markeer_tweede_factor  # noqa: E402
from kern.kaart import lees_topojson, samenvoegen, svg_pad  # noqa: E402


def gemeten(functie, herhalingen: int) -> tuple[float, float]:
    """(median, fastest) in milliseconds."""
    tijden = []
    for _ in range(herhalingen):
        begin = time.perf_counter()
        functie()
        tijden.append((time.perf_counter() - begin) * 1000)
    return statistics.median(tijden), min(tijden)


def omtrekken() -> dict:
    topologie = json.loads((services.REFERENTIEDATA / services.KAART).read_text(encoding="utf-8"))
    vormen = lees_topojson(
        topologie,
        "gemeenten",
        sleutel="nis",
        projectie=services.KAARTPROJECTIE,
        tolerantie=services.KAARTDETAIL,
    )
    opvolgers = {r["nis"]: r["opvolger_nis"] for r in services._lees_csv("gemeenten.csv")}
    delen: dict[str, list[str]] = {}
    for nis in vormen:
        huidig = nis
        while huidig:
            delen.setdefault(huidig, []).append(nis)
            huidig = opvolgers.get(huidig, "")
    return {nis: svg_pad(samenvoegen(vormen, onderdelen)) for nis, onderdelen in delen.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--herhalingen", type=int, default=20)
    n = parser.parse_args().herhalingen

    services.laad_referentiedata()
    print(f"{'':<55}{'mediaan':>10}{'snelste':>10}")
    mediaan, snelste = gemeten(omtrekken, max(3, n // 4))
    print(f"{'omtrekken bouwen (alle gemeenten, zonder database)':<55}{mediaan:>8.0f}ms{snelste:>8.0f}ms")
    mediaan, snelste = gemeten(services.laad_referentiedata, max(3, n // 4))
    print(f"{'referentiedata opnieuw laden (met omtrekken)':<55}{mediaan:>8.0f}ms{snelste:>8.0f}ms")

    def tekenen():
        render_to_string("huizen/_kaart.html", {"huizenkaart": selectors.huizenkaart()})

    mediaan, snelste = gemeten(tekenen, n)
    print(f"{'kaart en tabel tekenen zonder cache':<55}{mediaan:>8.1f}ms{snelste:>8.1f}ms")

    with override_settings(ALLOWED_HOSTS=["*"]):
        client = Client()
        cache.clear()
        pagina = client.get("/huizen/kaart/").content.decode()
        mediaan, snelste = gemeten(lambda: client.get("/huizen/kaart/"), n)
        with CaptureQueriesContext(connection) as vragen:
            client.get("/huizen/kaart/")
    print(f"{'pagina /huizen/kaart/ uit de cache':<55}{mediaan:>8.1f}ms{snelste:>8.1f}ms")
    print(f"  queries uit de cache: {len(vragen)}")

    huidig = Gemeente.objects.huidig().count()
    begin = pagina.index('<svg class="kaart-svg"')
    svg = pagina[begin : pagina.index("</svg>", begin) + 6]
    print(f"  {huidig} gemeenten, {svg.count('<path')} vlakken op de kaart")
    for naam, inhoud in (("SVG", svg), ("hele pagina", pagina)):
        ruw, gezipt = len(inhoud.encode()) / 1024, len(gzip.compress(inhoud.encode())) / 1024
        print(f"  {naam}: {ruw:.0f} KB ({gezipt:.0f} KB met gzip)")
    indicatorkaarten(n)


def indicatorkaarten(n: int) -> None:
    """Opgroeien's choropleths: drawn without cache, from the cache, and the page from the cache."""
    from django.contrib.auth import get_user_model

    gebruiker, _nieuw = get_user_model().objects.get_or_create(
        email="benchmark.kaart@opgroeien.test", defaults={"is_opgroeien": True}
    )
    client = Client()
    client.force_login(gebruiker)
    sessie = client.session  # a full login: password and second factor passed
    markeer_tweede_factor(sessie, gebruiker)
    sessie.save()
    kop = f"{'indicatorkaart':<20}{'zonder cache':>14}{'uit cache':>12}{'pagina uit cache':>18}"
    print(f"{kop}{'queries':>9}")
    vragen_ = kaarten.vraagkeuzes()
    metingen = [
        (indicator, {"indicator": indicator})
        for indicator in (kaarten.DEKKING, kaarten.SUBSIDIE, kaarten.ONVERVULD, kaarten.WACHTTIJD)
    ]
    if vragen_:  # an answer of the latest wave, on the gemeenten of its reference date
        metingen.append((kaarten.BEVRAGING, {"indicator": kaarten.BEVRAGING, "vraag": vragen_[0][0]}))
    for indicator, parameters in metingen:
        keuze = kaarten.keuze_van(parameters)

        def zonder_cache(keuze=keuze):
            cache.clear()
            kaarten.kaart_html(keuze, gebruiker)

        koud, _ = gemeten(zonder_cache, max(3, n // 4))
        kaarten.kaart_html(keuze, gebruiker)
        warm, _ = gemeten(lambda keuze=keuze: kaarten.kaart_html(keuze, gebruiker), n)
        with override_settings(ALLOWED_HOSTS=["*"]):
            url = "/opgroeien/kaarten/?" + urlencode(parameters)
            client.get(url)
            pagina, _ = gemeten(lambda url=url: client.get(url), n)
            with CaptureQueriesContext(connection) as vragen:
                client.get(url)
        print(f"{indicator:<20}{koud:>12.1f}ms{warm:>10.2f}ms{pagina:>16.1f}ms{len(vragen):>9}")


if __name__ == "__main__":
    main()
