"""How the loket's list and dashboard pages scale with the number of requests: 1x and 30x the demo.

    DEBUG=1 .venv/bin/python benchmarks/schaal.py [--factor 30] [--herhalingen 15] [--opruimen]

Loads reference and demo data into the configured database (SQLite by default, or DATABASE_URL)
if they are not there yet, measures every page at the demo's size, then adds bulk copies of every
demo request (with its children, parents, preferences, offers and history) until there are
`--factor` times as many, each copy moved back in time by 0 to 90 days (a copy's open or accepted
offer lapsed and it waits again: a place is never held for two families), and measures again. The
copies are recognised by their e-mail domain; they are removed first at every run (and at the
end with `--opruimen`). Before each size is measured the months the copies marked are counted for
the figures, as the worker does, and the database is vacuumed and analysed, as autovacuum keeps a
live one (the copies are written and then completed, which leaves dead rows).

Prints per page the median time of a request through the whole Django stack (test client, no
network) and its number of database queries, at both sizes and their ratio: with the caches
cold (every data version of kern.versies raised before every request, so cached figures are
computed again) and warm. Prints figures; asserts nothing.
"""

import argparse
import datetime
import os
import random
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
from django.db import connection, models, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from bevraging.models import Golf  # noqa: E402
from kern.beveiliging import markeer_tweede_factor  # noqa: E402
from kern.models import Gegevensversie, User  # noqa: E402
from kern.versies import verhoog  # noqa: E402
from loket.cijfers import maandtellingen  # noqa: E402
from loket.models import (  # noqa: E402
    Aanbod,
    AanbodStatus,
    Gebeurtenis,
    Inzage,
    Kind,
    Opvangvraag,
    Ouder,
    Status,
    Voorkeur,
    nieuw_token,
)

KOPIE_DOMEIN = "schaal.voorbeeld.test"
#: Offers that still hold a place for a family: copied as lapsed, their copied request waits.
LOPEND = (AanbodStatus.OPEN, AanbodStatus.AANVAARD)
OPGROEIEN = "opgroeien@demo.huizenvanhetkind.test"
LOKET = "loket@demo.huizenvanhetkind.test"
AANBIEDER = "aanbieder@demo.huizenvanhetkind.test"


def paginas() -> list[tuple[str | None, str, str]]:
    """(login, name, url) of the measured pages."""
    vraag = (
        Opvangvraag.objects.filter(huis__slug="gent", status=Status.ACTIEF, geanonimiseerd__isnull=True)
        .exclude(email__iendswith=f"@{KOPIE_DOMEIN}")
        .order_by("pk")
        .first()
    )
    golf = Golf.objects.order_by("-pk").values_list("pk", flat=True).first()
    return [
        (LOKET, "wachtrij van het loket Gent (pagina 1)", "/mijn-huis/gent/loket/aanvragen/"),
        (LOKET, "een aanvraag (loket Gent)", f"/mijn-huis/gent/loket/aanvragen/{vraag.pk}/"),
        (LOKET, "cijfers van het loket Gent", "/mijn-huis/gent/loket/rapportage/"),
        (OPGROEIEN, "cijfers van de loketten (Opgroeien)", "/opgroeien/loket/"),
        (AANBIEDER, "Mijn opvang (aanbieder)", "/opvang/aanbieder/"),
        (None, "stand van de aanvraag (privélink gezin)", f"/opvang/aanvraag/{vraag.token}/"),
        (OPGROEIEN, "overzicht Opgroeien", "/opgroeien/"),
        (OPGROEIEN, "analyse van de bevraging", f"/bevraging/{golf}/analyse/"),
    ]


# --- the data ----------------------------------------------------------------------------------------


def kopieen():
    return Opvangvraag.objects.filter(email__iendswith=f"@{KOPIE_DOMEIN}")


def ruim_op() -> None:
    vragen = kopieen()
    huizen = set(vragen.values_list("huis_id", flat=True))
    # What the measured pages wrote about the copies (the audit log of who saw them) goes too.
    Inzage.objects.filter(opvangvraag__in=vragen).delete()
    Gebeurtenis.objects.filter(opvangvraag__in=vragen).delete()
    Aanbod.objects.filter(opvangvraag__in=vragen).delete()
    vragen.delete()
    verhoog("loket", *(f"loket:{h}" for h in huizen))


def _velden(model) -> list[models.Field]:
    return [veld for veld in model._meta.concrete_fields if not veld.primary_key]


def _kopie(rij, model, verschuiving: datetime.timedelta, **anders):
    """A copy of `rij` with its dates and moments moved by `verschuiving`."""
    waarden = {}
    for veld in _velden(model):
        waarde = getattr(rij, veld.attname)
        if waarde is not None and isinstance(veld, models.DateField | models.DateTimeField):
            waarde = waarde + verschuiving
        waarden[veld.attname] = waarde
    waarden.update(anders)
    return model(**waarden)


def onderhoud() -> None:
    """What a live deployment does after loading and rewriting many rows: its worker counts the
    months the writes marked (`loket.tasks.tel_maanden`), and autovacuum clears the dead rows and
    gives the planner statistics, also where autovacuum is off (SQLite: statistics only)."""
    maandtellingen.werk_bij()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def vermenigvuldig(factor: int) -> int:
    """Add `factor - 1` copies of every demo request; returns the number of requests added."""
    originelen = list(Opvangvraag.objects.exclude(email__iendswith=f"@{KOPIE_DOMEIN}").order_by("pk"))
    ids = [v.pk for v in originelen]

    def per_vraag(model):
        groepen: dict[int, list] = {}
        for rij in model.objects.filter(opvangvraag_id__in=ids).order_by("pk"):
            groepen.setdefault(rij.opvangvraag_id, []).append(rij)
        return groepen

    kinderen, ouders, voorkeuren = per_vraag(Kind), per_vraag(Ouder), per_vraag(Voorkeur)
    aanbiedingen, gebeurtenissen = per_vraag(Aanbod), per_vraag(Gebeurtenis)
    rng = random.Random(30)  # noqa: S311  (benchmark data, not security)
    toegevoegd = 0
    for kopie in range(1, factor):
        with transaction.atomic():
            verschuivingen = [datetime.timedelta(days=-rng.randint(0, 90)) for _ in originelen]
            nieuw = Opvangvraag.objects.bulk_create(
                _kopie(
                    v,
                    Opvangvraag,
                    schuif,
                    token=nieuw_token(),
                    indieningssleutel=None,
                    email=f"k{kopie}-{v.pk}@{KOPIE_DOMEIN}",
                    nummer=f"{v.nummer}-K{kopie}",  # request numbers are unique
                    # a place is never offered to two families at once: a copy waits instead
                    status=Status.ACTIEF if v.status == Status.AANBOD else v.status,
                )
                for v, schuif in zip(originelen, verschuivingen, strict=True)
            )
            paren = list(zip(originelen, nieuw, verschuivingen, strict=True))
            for model, groepen in ((Kind, kinderen), (Ouder, ouders), (Voorkeur, voorkeuren)):
                model.objects.bulk_create(
                    (
                        _kopie(rij, model, schuif, opvangvraag_id=n.pk)
                        for o, n, schuif in paren
                        for rij in groepen.get(o.pk, [])
                    ),
                    batch_size=2000,
                )
            # what the services store with children and choices, worked out for the copies (dates moved);
            # the first placement's moment and location are copied, moved as its confirmed offer is
            gekopieerd = Opvangvraag.objects.filter(pk__in=[n.pk for n in nieuw])
            gekopieerd.werk_leeftijdsgroep_bij()
            gekopieerd.werk_eerste_keuze_bij()
            aanbod_van: dict[int, int] = {}
            oud = [(a, n, schuif) for o, n, schuif in paren for a in aanbiedingen.get(o.pk, [])]
            for (a, _n, _s), gemaakt in zip(
                oud,
                Aanbod.objects.bulk_create(
                    (
                        _kopie(
                            a,
                            Aanbod,
                            schuif,
                            opvangvraag_id=n.pk,
                            status=AanbodStatus.VERVALLEN if a.status in LOPEND else a.status,
                        )
                        for a, n, schuif in oud
                    ),
                    batch_size=2000,
                ),
                strict=True,
            ):
                aanbod_van[a.pk] = gemaakt.pk
            Gebeurtenis.objects.bulk_create(
                (
                    _kopie(
                        g,
                        Gebeurtenis,
                        schuif,
                        opvangvraag_id=n.pk,
                        **({"aanbod_id": aanbod_van.get(g.aanbod_id)} if hasattr(g, "aanbod_id") else {}),
                    )
                    for o, n, schuif in paren
                    for g in gebeurtenissen.get(o.pk, [])
                ),
                batch_size=2000,
            )
            verhoog("loket", *{f"loket:{v.huis_id}" for v in originelen})
        toegevoegd += len(nieuw)
    return toegevoegd


# --- measuring ---------------------------------------------------------------------------------------


def maak_koud() -> None:
    """Every data version raised: whatever is cached by version is computed again (the cache
    itself also holds sessions' second factors and rate limits, so it is not cleared)."""
    verhoog(
        "loket",
        "huizen",
        "referentie",
        "bevraging",
        *Gegevensversie.objects.values_list("sleutel", flat=True),
    )


def meet(client: Client, url: str, herhalingen: int, koud: bool) -> tuple[float, float, int]:
    """Median and fastest time in ms, and the number of queries of one request (of the first,
    cold or warm). On a machine shared with other work the fastest time is the steadier one."""
    if koud:
        maak_koud()
    else:
        client.get(url, HTTP_HOST="127.0.0.1")  # fill the caches
    queries = []
    with connection.execute_wrapper(lambda execute, sql, *args: queries.append(sql) or execute(sql, *args)):
        antwoord = client.get(url, HTTP_HOST="127.0.0.1")
    assert antwoord.status_code == 200, (url, antwoord.status_code)
    tijden = []
    for _ in range(herhalingen):
        if koud:
            maak_koud()
        begin = time.perf_counter()
        client.get(url, HTTP_HOST="127.0.0.1")
        tijden.append((time.perf_counter() - begin) * 1000)
    return statistics.median(tijden), min(tijden), len(queries)


def meet_alles(herhalingen: int) -> dict[str, dict[bool, tuple[float, float, int]]]:
    clients: dict[str | None, Client] = {}
    uitkomst = {}
    for login, naam, url in paginas():
        if login not in clients:
            clients[login] = Client()
            if login:  # a full login: password and second factor
                gebruiker = User.objects.get(email=login)
                clients[login].force_login(gebruiker)
                sessie = clients[login].session
                markeer_tweede_factor(sessie, gebruiker)
                sessie.save()
        uitkomst[naam] = {koud: meet(clients[login], url, herhalingen, koud) for koud in (True, False)}
    return uitkomst


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--factor", type=int, default=30)
    parser.add_argument("--herhalingen", type=int, default=15)
    parser.add_argument("--opruimen", action="store_true", help="de kopieën achteraf weer verwijderen")
    opties = parser.parse_args()

    call_command("migrate", verbosity=0)
    if not Opvangvraag.objects.exists():
        call_command("laad_referentiedata", verbosity=0)
        call_command("laad_demodata", stdout=open(os.devnull, "w"))  # noqa: SIM115
    ruim_op()
    onderhoud()
    klein = meet_alles(opties.herhalingen)
    aantal = Opvangvraag.objects.count()
    begin = time.perf_counter()
    vermenigvuldig(opties.factor)
    onderhoud()
    opgebouwd = time.perf_counter() - begin
    groot = meet_alles(opties.herhalingen)
    print(
        f"database: {connection.vendor}; {aantal} -> {Opvangvraag.objects.count()} aanvragen "
        f"(x{opties.factor}, {opgebouwd:.0f} s om te kopiëren); mediaan van {opties.herhalingen} keer"
    )
    for koud in (True, False):
        print()
        print("cache koud (alle gegevensversies verhoogd voor elke aanvraag)" if koud else "cache warm")
        x = f"{opties.factor}x"
        print(f"{'pagina (mediaan / snelste)':42} {'1x':>17} {'q':>4} {x:>17} {'q':>4} {'verhouding':>13}")
        for naam in klein:
            (t1, s1, q1), (t2, s2, q2) = klein[naam][koud], groot[naam][koud]
            print(
                f"{naam:42} {t1:7.1f} /{s1:6.1f}ms {q1:4d} {t2:7.1f} /{s2:6.1f}ms {q2:4d} "
                f"{t2 / t1:5.2f} / {s2 / s1:4.2f}x"
            )
    if opties.opruimen:
        ruim_op()


if __name__ == "__main__":
    main()
