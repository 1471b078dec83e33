"""Council reports: one report's time and memory, WeasyPrint's own time on the same finished HTML
(the floor) and our overhead above it, and a batch of 300 reports on 2 worker processes.

    DEBUG=1 .venv/bin/python benchmarks/reports.py [--aantal 300] [--processen 2] [--herhalingen 5]
                                                  [--database db.sqlite3] [--gemeente 44021]

Works on a throwaway SQLite database in a temporary folder: migrated and loaded with the reference
and demo data in a subprocess (so this process measures like a worker that only renders), or a
copy of --database when given (the copy is migrated; the original is never written). Files go to
a temporary private storage. Prints figures; asserts nothing. Targets (issue 8): overhead above
WeasyPrint at most 20 %, 300 council reports within 10 minutes on 2 workers, each worker under
300 MiB.

- one report: the same function the task calls (rapporten.soorten.maak_pdf: gather the data,
  render the template, WeasyPrint), median of --herhalingen runs after one warm-up; the Python
  peak (tracemalloc) and the growth of the process's peak RSS;
- the floor: WeasyPrint alone (HTML(...).write_pdf, tagged as every PDF of the portal, with the
  portal's URL fetcher) on the HTML of that same report;
- the batch: a real batch of council reports (rapporten.services.start_gemeenteraadsbatch)
  for all gemeenten, cut to --aantal jobs, made by --processen forked worker processes that each
  run the Celery task `maak_rapport` in-process (the task's own code, state checks and storage)
  from a shared queue; then the ZIP and the e-mail (`rond_batch_af`) in this process. Per worker:
  the reports it made and its peak RSS (what Celery's --max-memory-per-child watches).
"""

import argparse
import io
import multiprocessing
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _argumenten():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aantal", type=int, default=300, help="rapporten in de reeks (standaard 300)")
    parser.add_argument("--processen", type=int, default=2, help="workerprocessen (standaard 2)")
    parser.add_argument("--herhalingen", type=int, default=5, help="metingen van één rapport")
    parser.add_argument(
        "--database", help="een SQLite-bestand met demogegevens (er wordt een kopie gebruikt)"
    )
    parser.add_argument("--gemeente", default="44021", help="NIS-code van het ene rapport (standaard Gent)")
    return parser.parse_args()


def _mib(kib: int) -> float:
    return kib / 1024  # ru_maxrss is in KiB on Linux


def _maxrss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _bereid_database_voor(args, map_: Path) -> None:
    """Environment for a throwaway database and storage, set before Django reads its settings."""
    db = map_ / "rapporten-benchmark.sqlite3"
    os.environ.update(
        DJANGO_SETTINGS_MODULE="hvhk.settings",
        DEBUG="1",
        DATABASE_URL=f"sqlite:///{db}",
        PRIVATE_MEDIA_ROOT=str(map_ / "prive"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        LOG_LEVEL="WARNING",
    )
    # The workers below call the tasks themselves; what is sent anyway (the batch's e-mail) goes to a
    # broker folder of its own, not to Redis or the folder of the `make run` worker.
    os.environ.pop("CELERY_BROKER_URL", None)
    os.environ["WACHTRIJ_MAP"] = str(map_ / "wachtrij")
    if args.database:
        shutil.copyfile(args.database, db)
    stappen = [["migrate", "--noinput", "-v", "0"]]
    if not args.database:
        stappen += [["laad_referentiedata", "-v", "0"], ["laad_demodata", "-v", "0"]]
    begin = time.perf_counter()
    for stap in stappen:
        commando = [sys.executable, "manage.py", *stap]
        subprocess.run(commando, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)  # noqa: S603  (fixed commands)
    print(
        f"database: {db} ({'kopie van ' + args.database if args.database else 'demogegevens'}), "
        f"klaar in {time.perf_counter() - begin:.0f} s"
    )


def pagina_aantal(inhoud: bytes) -> int:
    """The number of pages of a PDF, as a PDF reader counts them."""
    return len(PdfReader(io.BytesIO(inhoud)).pages)


def _mediaan(functie, herhalingen: int) -> tuple[float, object]:
    tijden, uitkomst = [], None
    for _ in range(herhalingen):
        begin = time.perf_counter()
        uitkomst = functie()
        tijden.append(time.perf_counter() - begin)
    return statistics.median(tijden), uitkomst


def een_rapport(args) -> None:
    from weasyprint import HTML

    from kern.pdf import BASIS_URL, PDF_VARIANT, maak_url_fetcher
    from rapporten.soorten import context as rapportcontext
    from rapporten.soorten import maak_pdf, soort_van

    parameters = soort_van("gemeenteraad").valideer({"gemeente": args.gemeente})
    rss_voor = _maxrss()
    maak_pdf("gemeenteraad", parameters)  # warm-up: imports, fonts, caches
    rss_na_opwarmen = _maxrss()

    tracemalloc.start()
    html, pdf = maak_pdf("gemeenteraad", parameters)
    _, python_piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    totaal, (html, pdf) = _mediaan(lambda: maak_pdf("gemeenteraad", parameters), args.herhalingen)
    gegevens, context = _mediaan(lambda: rapportcontext("gemeenteraad", parameters), args.herhalingen)
    from django.template.loader import render_to_string

    sjabloon, _ = _mediaan(
        lambda: render_to_string("rapporten/pdf/gemeenteraad.html", context), args.herhalingen
    )
    weasyprint, _ = _mediaan(
        lambda: HTML(string=html, base_url=BASIS_URL, url_fetcher=maak_url_fetcher()).write_pdf(
            pdf_variant=PDF_VARIANT
        ),
        args.herhalingen,
    )
    overhead = gegevens + sjabloon  # what we add before WeasyPrint starts on the HTML
    print(
        f"\nEén rapport voor de gemeenteraad ({context['gemeente'].naam}, NIS {args.gemeente}): "
        f"{pagina_aantal(pdf)} pagina's, {len(pdf) / 1024:.0f} KiB PDF, {len(html) / 1024:.0f} KiB HTML"
    )
    print(
        f"  {'totaal (maak_pdf, zoals de taak)':44} {totaal * 1000:8.0f} ms  (mediaan van {args.herhalingen})"
    )
    print(f"  {'  gegevens verzamelen (context)':44} {gegevens * 1000:8.0f} ms")
    print(f"  {'  sjabloon naar HTML':44} {sjabloon * 1000:8.0f} ms")
    print(f"  {'WeasyPrint alleen, zelfde HTML (de vloer)':44} {weasyprint * 1000:8.0f} ms")
    print(
        f"  {'onze overhead (gegevens + sjabloon)':44} {overhead * 1000:8.0f} ms = "
        f"{100 * overhead / weasyprint:.1f} % van WeasyPrint  (doel ≤ 20 %)"
    )
    print(
        f"  {'totaal min vloer (ter controle)':44} {(totaal - weasyprint) * 1000:8.0f} ms = "
        f"{100 * (totaal - weasyprint) / weasyprint:.1f} %"
    )
    print(f"  {'piek Python-geheugen (tracemalloc)':44} {python_piek / 2**20:8.1f} MiB")
    print(
        f"  {'piek-RSS van het proces':44} {_mib(_maxrss()):8.1f} MiB  "
        f"(vóór het eerste rapport {_mib(rss_voor):.1f} MiB, na opwarmen {_mib(rss_na_opwarmen):.1f} MiB)"
    )


def _werker(wachtrij, resultaten) -> None:
    """One worker process: runs the Celery task in-process for each job id until told to stop."""
    from django.db import connections

    from rapporten import services
    from rapporten.tasks import maak_rapport

    connections.close_all()  # its own database connection, not the parent's
    services.plan_afronding = lambda batch_id: None  # the ZIP is timed on its own, below
    aantal, begin = 0, time.perf_counter()
    while (job_id := wachtrij.get()) is not None:
        maak_rapport.apply(args=[job_id])
        aantal += 1
    resultaten.put((os.getpid(), aantal, time.perf_counter() - begin, _maxrss()))


def reeks(args) -> None:
    from django.db import connections

    from kern.models import User
    from rapporten import services
    from rapporten.models import Rapportjob, Rapportstatus

    opgroeien = User.objects.filter(is_opgroeien=True).first() or User.objects.create_user(
        email="benchmark@opgroeien.test", is_opgroeien=True
    )
    gepland = services.plan_batch
    services.plan_batch = lambda batch_id: None  # the worker processes below make the reports
    try:
        batch, _ = services.start_gemeenteraadsbatch(bereik=services.Bereik(), door=opgroeien)
    finally:
        services.plan_batch = gepland
    ids = list(batch.jobs.order_by("pk").values_list("pk", flat=True))
    Rapportjob.objects.filter(pk__in=ids[args.aantal :]).delete()
    ids = ids[: args.aantal]

    connections.close_all()
    context = multiprocessing.get_context("fork")
    wachtrij, resultaten = context.Queue(), context.Queue()
    for job_id in ids:
        wachtrij.put(job_id)
    for _ in range(args.processen):
        wachtrij.put(None)
    begin = time.perf_counter()
    werkers = [context.Process(target=_werker, args=(wachtrij, resultaten)) for _ in range(args.processen)]
    for werker in werkers:
        werker.start()
    uitkomsten = [resultaten.get() for _ in werkers]
    for werker in werkers:
        werker.join()
    duur = time.perf_counter() - begin

    klaar = Rapportjob.objects.filter(batch=batch, status=Rapportstatus.KLAAR).count()
    mislukt = list(
        Rapportjob.objects.filter(batch=batch, status=Rapportstatus.MISLUKT).values_list("titel", "fout")
    )
    begin_zip = time.perf_counter()
    services.rond_batch_af(batch.pk)
    zip_duur = time.perf_counter() - begin_zip
    batch.refresh_from_db()
    zip_grootte = services.opslag.pad(batch.zip.name).stat().st_size if batch.zip else 0

    print(f"\nReeks van {len(ids)} rapporten voor de gemeenteraad op {args.processen} workerprocessen")
    print(f"  {'duur':44} {duur:8.1f} s = {duur / 60:.1f} min  (doel ≤ 10 min)")
    print(f"  {'rapporten per minuut':44} {60 * len(ids) / duur:8.1f}")
    print(f"  {'klaar / mislukt':44} {klaar:>8} / {len(mislukt)}")
    for titel, fout in mislukt[:5]:
        print(f"    mislukt: {titel}: {fout}")
    for pid, aantal, seconden, rss in sorted(uitkomsten):
        print(
            f"  worker {pid:<37} {aantal:8d} rapporten, "
            f"{seconden / max(aantal, 1) * 1000:.0f} ms per rapport, "
            f"piek-RSS {_mib(rss):.1f} MiB  (doel < 300 MiB)"
        )
    print(f"  {'ZIP + e-mail (rond_batch_af)':44} {zip_duur:8.1f} s, {zip_grootte / 2**20:.1f} MiB")


def main():
    args = _argumenten()
    with tempfile.TemporaryDirectory(prefix="hvhk-rapporten-") as map_:
        _bereid_database_voor(args, Path(map_))
        import django

        django.setup()
        een_rapport(args)
        reeks(args)


if __name__ == "__main__":
    main()
