"""Speed, memory and stability of the allocation round (loket.toewijzing), and the `matching`
package's hospital-resident solver side by side on a shared instance.

    .venv/bin/python benchmarks/allocation.py [--kinderen 100000] [--keuzes 20] [--locaties 1000]
                                              [--seed 2025] [--zonder-peer] [--zonder-controle]

Generates a round (Zipf-like popularity of locations, capacity about 60% of the demand, about 10%
of the requests for siblings to be placed together, priorities and vulnerability at plausible
rates, requests over two years so both shipped rule sets are used) and prints: the wall and CPU
time (`time.process_time`, this process only) to build the input, of the algorithm and to explain
every outcome (`Resultaat.alle_uitleg`), each apart, and to read from those explanations the
families whose children could not be placed together, with a fixed calibration loop to judge the
load of the machine; the peak memory; and the number of blocking pairs an independent checker
(`loket.toewijzing.controle`) finds (`--zonder-controle` skips the lottery replay and the checker).
Then it runs
`matching`'s resident-optimal hospital-resident solver on 3,000 children x 10 choices x 100
locations (single seats, no reserve, plain priorities: the size it handles in about a second; it
deep-copies its object graph recursively, so it runs in a thread with a large stack and a raised
recursion limit, without which it fails with a RecursionError) and this package's algorithm on
the same instance, and prints both times, their ratio and whether the matchings are identical.
Prints figures; asserts nothing. Needs the dev extras (`pip install -e '.[dev]'`) for the peer.
"""

import argparse
import dataclasses
import datetime
import gc
import os
import random
import resource
import statistics
import sys
import threading
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from loket.toewijzing import (  # noqa: E402
    REGELSET_2024,
    Aanvrager,
    Invoer,
    Plaatsgroep,
    Profiel,
    Regelset,
    Ronde,
    Volgorde,
    controleer,
    kwetsbaar,
    toewijzen,
)
from loket.toewijzing.voorrang import rang  # noqa: E402

PEILDATUM = datetime.date(2025, 6, 1)


def genereer(kinderen, keuzes, locaties, seed, *, eenvoudig=False):
    """A round of about `kinderen` children. `eenvoudig`: single seats, no siblings at a location."""
    rnd = random.Random(seed)
    # Locations: Zipf-like popularity (the i-th most popular has weight 1 / i**0.8), 70% with an
    # income-related tariff, two place groups each (babies, toddlers) unless `eenvoudig`.
    gewicht = [1 / (i + 1) ** 0.8 for i in range(locaties)]
    rnd.shuffle(gewicht)
    cum = []
    totaal = 0.0
    for w in gewicht:
        totaal += w
        cum.append(totaal)
    leeftijden = 1 if eenvoudig else 2
    tarief = [rnd.random() < 0.7 for _ in range(locaties)]

    # Requests: families until the number of children is reached.
    begin = datetime.datetime(2023, 6, 1, 8, 0)
    families = []
    aantal_kinderen = 0
    while aantal_kinderen < kinderen:
        r = rnd.random()
        plaatsen = 1 if eenvoudig or r < 0.90 else (2 if r < 0.99 else 3)
        plaatsen = min(plaatsen, kinderen - aantal_kinderen)
        aantal_kinderen += plaatsen
        gekozen = []
        gezien = set()
        while len(gekozen) < keuzes:
            for loc in rnd.choices(range(locaties), cum_weights=cum, k=keuzes * 2):
                if loc not in gezien:
                    gezien.add(loc)
                    gekozen.append(loc)
                    if len(gekozen) == keuzes:
                        break
        leeftijd = rnd.randrange(leeftijden)
        kenmerken = [rnd.random() < x for x in (0.12, 0.10, 0.06, 0.15, 0.05)]
        families.append(
            {
                "locaties": gekozen,
                "leeftijd": leeftijd,
                "plaatsen": plaatsen,
                "ingediend": begin + datetime.timedelta(seconds=rnd.randrange(2 * 365 * 86400)),
                "werk": rnd.random() < 0.75,
                "alleenstaand": rnd.random() < 0.15,
                "laag": rnd.random() < 0.20,
                "pleeg": rnd.random() < 0.01,
                "broer_zus": (rnd.choice(gekozen[:3]),) if not eenvoudig and rnd.random() < 0.10 else (),
                "kwetsbaar": False if eenvoudig else kwetsbaar(kenmerken),
            }
        )

    # Seats: about 60% of the demand, per location in proportion to a random size (not to its
    # popularity), split over the age groups by their share of the children.
    grootte = [rnd.lognormvariate(0, 0.5) for _ in range(locaties)]
    per_leeftijd = [0] * leeftijden
    for f in families:
        per_leeftijd[f["leeftijd"]] += f["plaatsen"]
    plaatsgroepen = []
    for loc in range(locaties):
        for leeftijd in range(leeftijden):
            aandeel = grootte[loc] / sum(grootte) * per_leeftijd[leeftijd] * 0.6
            capaciteit = max(1, int(aandeel + rnd.random()))
            plaatsgroepen.append(
                Plaatsgroep(
                    id=loc * leeftijden + leeftijd + 1,
                    locatie=loc + 1,
                    capaciteit=capaciteit,
                    inkomenstarief=tarief[loc],
                )
            )
    aanvragers = tuple(
        Aanvrager(
            id=n + 1,
            keuzes=tuple(loc * leeftijden + f["leeftijd"] + 1 for loc in f["locaties"]),
            ingediend=f["ingediend"],
            plaatsen=f["plaatsen"],
            opvang_voor_werk=f["werk"],
            alleenstaande_ouder=f["alleenstaand"],
            laag_inkomen=f["laag"],
            pleegkind=f["pleeg"],
            broer_zus_locaties=tuple(loc + 1 for loc in f["broer_zus"]),
            kwetsbaar=f["kwetsbaar"],
        )
        for n, f in enumerate(families)
    )
    return aanvragers, tuple(plaatsgroepen)


def ja_nee(waar):
    return "ja" if waar else "nee"


def seconden(begin):
    return time.perf_counter() - begin


class Klok:
    """Wall and CPU time (of this process) of a block: `with Klok() as klok: ...; klok.wand, klok.cpu`."""

    def __enter__(self):
        self.wand, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_):
        self.wand, self.cpu = time.perf_counter() - self.wand, time.process_time() - self.cpu


def ijkloop():
    """CPU seconds of a fixed pure-Python loop (3 million additions): about 0.1 s on an idle
    modern core. Other processes on the same cores slow this process down too (shared caches,
    hyperthreads), so the CPU times above are comparable between runs only with this figure."""
    with Klok() as klok:
        x = 0
        for i in range(3_000_000):
            x += i
    return klok.cpu


def groot(args):
    print(
        f"== {args.kinderen:,} kinderen x {args.keuzes} keuzes x {args.locaties:,} locaties "
        f"(seed {args.seed})".replace(",", ".")
    )
    begin = time.perf_counter()
    aanvragers, plaatsgroepen = genereer(args.kinderen, args.keuzes, args.locaties, args.seed)
    print(f"gegevens genereren            {seconden(begin):8.2f} s")
    invoer = Invoer(aanvragers=aanvragers, plaatsgroepen=plaatsgroepen, peildatum=PEILDATUM)
    vraag = sum(a.plaatsen for a in aanvragers)
    aanbod = sum(g.capaciteit for g in plaatsgroepen)
    meerlingen = sum(1 for a in aanvragers if a.plaatsen > 1)
    print(
        f"aanvragen {len(aanvragers):,}, kinderen {vraag:,}, samen te plaatsen {meerlingen:,}, "
        f"plaatsgroepen {len(plaatsgroepen):,}, plaatsen {aanbod:,} ({aanbod / vraag:.0%} van de vraag), "
        f"kwetsbaar {sum(a.kwetsbaar for a in aanvragers):,}".replace(",", ".")
    )

    print(f"ijkloop (3 miljoen optellingen, ~0,1 s op een vrije kern) {ijkloop():.2f} s cpu")
    gc.collect()
    gc.disable()  # as toewijzen() does
    with Klok() as bouw:
        ronde = Ronde(invoer)
    with Klok() as algo:
        ronde.voer_uit(None)
    gc.enable()
    resultaat = ronde.resultaat()
    print(f"{'':30} {'wand':>8}   {'cpu':>6}")
    print(f"invoer opbouwen (sleutels)    {bouw.wand:8.2f} s {bouw.cpu:6.2f} s")
    print(f"algoritme                     {algo.wand:8.2f} s {algo.cpu:6.2f} s")
    print(f"opbouw + algoritme            {bouw.wand + algo.wand:8.2f} s {bouw.cpu + algo.cpu:6.2f} s")
    with Klok() as uitleg:
        alle = resultaat.alle_uitleg()
    verhouding = uitleg.cpu / algo.cpu
    print(
        f"uitleg voor elke aanvraag     {uitleg.wand:8.2f} s {uitleg.cpu:6.2f} s   "
        f"({len(alle):,} uitleggen, {verhouding:.2f} x de cpu-tijd van het algoritme)".replace(",", ".")
    )
    with Klok() as samen:
        niet_samen = resultaat.niet_samen
    print(
        f"niet samen te plaatsen        {samen.wand:8.2f} s {samen.cpu:6.2f} s   ({len(niet_samen)} gezinnen)"
    )
    geplaatst = [i for i, g in resultaat.toewijzing.items() if g is not None]
    print(
        f"geplaatst {len(geplaatst):,} aanvragen, terugroepingen (broers en zussen) "
        f"{resultaat.terugroepingen}, stabiel volgens de ronde: {ja_nee(resultaat.stabiel)}".replace(",", ".")
    )
    if args.zonder_controle:
        del ronde, resultaat, alle
        geheugen(invoer)
        return

    begin = time.perf_counter()
    loting = dataclasses.replace(invoer, volgorde=Volgorde.LOTING, seed=args.seed)
    eerste = toewijzen(loting)
    t_loting = seconden(begin)
    tweede = toewijzen(loting)
    print(
        f"met loting (seed {args.seed})         {t_loting:8.2f} s   (opbouw + algoritme); "
        f"zelfde resultaat bij herhaling: {ja_nee(eerste.toewijzing == tweede.toewijzing)}, "
        f"blokkerende paren: {len(controleer(loting, eerste.toewijzing).blokkerend)}"
    )
    del eerste, tweede

    begin = time.perf_counter()
    controle = controleer(invoer, resultaat.toewijzing)
    print(
        f"onafhankelijke controle       {seconden(begin):8.2f} s: "
        f"blokkerende paren {len(controle.blokkerend)}, "
        f"overvol {len(controle.overvol)}, onaanvaardbaar {len(controle.onaanvaardbaar)}, "
        f"inconsistent {len(controle.inconsistent)}"
    )

    del ronde, resultaat, alle, controle
    geheugen(invoer)


def geheugen(invoer):
    """Peak memory (tracemalloc) of building and running a round, and of explaining it, in
    separate runs (tracemalloc slows Python down, so the times above are measured without it)."""
    gc.collect()
    tracemalloc.start()
    ronde = Ronde(invoer)
    ronde.voer_uit(None)
    _huidig, piek = tracemalloc.get_traced_memory()
    print(f"piekgeheugen opbouw + algoritme (tracemalloc, aparte run) {piek / 2**20:8.1f} MiB")
    tracemalloc.reset_peak()
    voor, _piek = tracemalloc.get_traced_memory()
    alle = ronde.alle_uitleg()
    na, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"piekgeheugen uitleg voor elke aanvraag (bovenop de ronde)  {(piek - voor) / 2**20:8.1f} MiB "
        f"(waarvan {(na - voor) / 2**20:.1f} MiB blijft: de uitleggen zelf)"
    )
    del ronde, alle
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"piek RSS van het proces (met de gegenereerde gegevens)     {rss:8.1f} MiB")


def peer(args):
    try:
        from matching.games import HospitalResident
    except ImportError:
        print("\n(matching is niet geïnstalleerd: pip install -e '.[dev]')")
        return
    kinderen, keuzes, locaties = 3000, 10, 100
    print(
        f"\n== gedeelde instantie: {kinderen:,} kinderen x {keuzes} keuzes x {locaties} locaties, "
        "één plaats per aanvraag, geen reserve".replace(",", ".")
    )
    aanvragers, plaatsgroepen = genereer(kinderen, keuzes, locaties, args.seed + 1, eenvoudig=True)
    zonder_reserve = Regelset(
        code="zonder_reserve",
        naam="Voorrangsregels 2024 zonder reserve (vergelijking)",
        geldig_van=datetime.date(2000, 1, 1),
        geldig_tot=None,
        inkomenstarief=Profiel(groepen=REGELSET_2024.inkomenstarief.groepen, reserve_procent=0),
        vrije_prijs=Profiel(),
    )
    invoer = Invoer(
        aanvragers=aanvragers, plaatsgroepen=plaatsgroepen, peildatum=PEILDATUM, regelsets=(zonder_reserve,)
    )

    # The same strict priorities for the peer: per place group, families by (rank, registration).
    volgorde = sorted(aanvragers, key=lambda a: (a.ingediend, a.id))
    positie = {a.id: n for n, a in enumerate(volgorde)}
    groepen = {g.id: g for g in plaatsgroepen}
    kandidaten = {g.id: [] for g in plaatsgroepen}
    for a in aanvragers:
        for keuze in a.keuzes:
            g = groepen[keuze]
            kandidaten[keuze].append(
                (rang(a, zonder_reserve.profiel(g.inkomenstarief), g.locatie), positie[a.id], a.id)
            )
    resident_prefs = {a.id: list(a.keuzes) for a in aanvragers}
    hospital_prefs = {g: [a for _r, _p, a in sorted(lijst)] for g, lijst in kandidaten.items()}
    capaciteit = {g.id: g.capaciteit for g in plaatsgroepen}

    # The package deep-copies its object graph recursively (residents -> hospitals -> residents):
    # with Python's default recursion limit it fails with a RecursionError already at this size,
    # so it runs in a thread with a large stack and a raised limit.
    uitkomst = {}

    def los_op():
        try:
            begin = time.perf_counter()
            spel = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, capaciteit)
            uitkomst["opbouw"] = seconden(begin)
            begin = time.perf_counter()
            uitkomst["koppeling"] = spel.solve(optimal="resident")
            uitkomst["solve"] = seconden(begin)
        except RecursionError:
            uitkomst["fout"] = "RecursionError"

    limiet = sys.getrecursionlimit()
    sys.setrecursionlimit(1_000_000)
    threading.stack_size(512 * 2**20)
    draad = threading.Thread(target=los_op)
    draad.start()
    draad.join()
    threading.stack_size(0)
    sys.setrecursionlimit(limiet)
    if "fout" in uitkomst:
        print(f"matching: {uitkomst['fout']}")
        return
    t_peer_opbouw, t_peer, koppeling = uitkomst["opbouw"], uitkomst["solve"], uitkomst["koppeling"]
    peer_toewijzing = {a.id: None for a in aanvragers}
    for ziekenhuis, residenten in koppeling.items():
        for resident in residenten:
            peer_toewijzing[resident.name] = ziekenhuis.name

    herhalingen = 20
    bouw, algo = [], []
    for _ in range(herhalingen):
        gc.disable()  # as toewijzen() does
        begin = time.perf_counter()
        ronde = Ronde(invoer)
        bouw.append(seconden(begin))
        begin = time.perf_counter()
        ronde.voer_uit(None)
        algo.append(seconden(begin))
        gc.enable()
    t_bouw, t_algo = statistics.median(bouw), statistics.median(algo)
    t_samen = t_bouw + t_algo
    eigen = toewijzen(invoer).toewijzing

    print(f"matching: opbouw spel         {t_peer_opbouw * 1000:8.1f} ms")
    print(f"matching: solve               {t_peer * 1000:8.1f} ms")
    print(f"matching: samen               {(t_peer_opbouw + t_peer) * 1000:8.1f} ms")
    print(f"toewijzing: opbouw invoer     {t_bouw * 1000:8.1f} ms   (mediaan van {herhalingen} runs)")
    print(f"toewijzing: algoritme         {t_algo * 1000:8.1f} ms")
    print(f"toewijzing: samen             {t_samen * 1000:8.1f} ms")
    print(f"verhouding samen / samen          {(t_peer_opbouw + t_peer) / t_samen:8.1f} x   (doel: >= 20 x)")
    print(f"verhouding solve / algoritme      {t_peer / t_algo:8.1f} x")
    print(
        f"zelfde koppeling: {'ja' if eigen == peer_toewijzing else 'nee'} "
        f"({sum(1 for a in eigen if eigen[a] != peer_toewijzing[a])} verschillen); "
        f"blokkerende paren volgens de controle: {len(controleer(invoer, eigen).blokkerend)}"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kinderen", type=int, default=100_000)
    parser.add_argument("--keuzes", type=int, default=20)
    parser.add_argument("--locaties", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument("--zonder-peer", action="store_true")
    parser.add_argument(
        "--zonder-controle", action="store_true", help="zonder loting en onafhankelijke controle (sneller)"
    )
    args = parser.parse_args()
    print(
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores, belasting {os.getloadavg()[0]:.1f} "
        "(wandtijd hangt af van andere processen, cpu-tijd is die van dit proces)"
    )
    groot(args)
    if not args.zonder_peer:
        peer(args)


if __name__ == "__main__":
    main()
