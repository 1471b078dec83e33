"""Throughput of the portal's main pages under load, each against a bare page in the same run.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hvhk CACHE_URL=redis://127.0.0.1:6379/0 \\
        .venv/bin/python benchmarks/load.py [--bereid-voor] [--workers 3] [--seconds 10] \\
        [--clients 10] [--paginas publiek:,opgroeien:overzicht]

Starts its own gunicorn (hvhk/gunicorn.conf.py: sync workers, access log) with the production
settings (DEBUG off, manifest static files, HTTPS as behind the proxy through X-Forwarded-Proto)
on 127.0.0.1 and a free port, on the PostgreSQL database of DATABASE_URL, which must hold the
demo data: `--bereid-voor` migrates it and loads the reference and demo data first. Its URLconf
(benchmarks/urls.py) is the portal's plus a bare `login_required` page of a few bytes.

Each role logs in once through the real login form (e-mail, password, then the authenticator
code of the demo accounts), opens the page the login leads to (which shows the login's message, as
a browser would; cookies a response deletes are dropped) and its clients share that session; the
family's page is reached by the private link of a demo request in the database (the link is never
printed).

Per page, --clients threads (http.client, one connection each, reconnecting when gunicorn's sync
worker closes it) ask for the page during --seconds, at most --max-verzoeken times, after a short
warm-up. Printed per page: requests per second, median and 95th percentile time, the share of the
bare page's rate, and errors (answers other than 200, broken connections). The bare page is
measured first and last; shares are against the mean of both runs. A page that does not answer
200 before its measurement is reported and skipped (null in the JSON). The last line is one JSON
object: page -> share of bare. Prints figures; asserts nothing.
"""

import argparse
import base64
import hmac
import html
import http.client
import json
import os
import re
import secrets
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent

WACHTWOORD = "demo-portaal-2026"  # noqa: S105  (the published demo password)
TOTP_GEHEIM = "DEMOHUIZENVANHETKINDGENTPORTAAL2"  # the published demo authenticator secret
ROLLEN = {
    "coordinator": "coordinator@demo.huizenvanhetkind.test",
    "loket": "loket@demo.huizenvanhetkind.test",
    "aanbieder": "aanbieder@demo.huizenvanhetkind.test",
    "opgroeien": "opgroeien@demo.huizenvanhetkind.test",
}
KAAL = "kaal"
KAAL_PAD = "/benchmark/kaal/"  # benchmarks/urls.py
KAAL_ROL = "coordinator"
HUIS = "gent"  # the demo Huis with a loket, a coordinator and a provider


@dataclass
class Pagina:
    naam: str  # "<group>:<page>", the key in the JSON line
    rol: str | None  # None: anonymous
    pad: str  # may hold {golf}, {vraag}, {aanvraag}, {token}, filled in before measuring
    geheim: bool = False  # the path holds a family's private link: never printed


PAGINAS = [
    Pagina("publiek:home", None, "/"),
    Pagina("publiek:huizen", None, "/huizen/"),
    Pagina("publiek:huis", None, f"/huizen/{HUIS}/"),
    Pagina("publiek:postcode", None, "/huizen/?q=9000"),
    Pagina("publiek:api-huizen", None, "/api/v1/huizen/"),
    Pagina("publiek:api-huis", None, f"/api/v1/huizen/{HUIS}/"),
    Pagina("opgroeien:overzicht", "opgroeien", "/opgroeien/"),
    Pagina("opgroeien:heatmap", "opgroeien", "/opgroeien/levensdomeinen/heatmap/"),
    Pagina("opgroeien:levensdomeinen", "opgroeien", "/opgroeien/levensdomeinen/"),
    Pagina("opgroeien:loket-cijfers", "opgroeien", "/opgroeien/loket/"),
    Pagina("opgroeien:analyse", "opgroeien", "/bevraging/{golf}/analyse/"),
    Pagina("opgroeien:analyse-vraag", "opgroeien", "/bevraging/{golf}/analyse/vraag/{vraag}/"),
    Pagina("persoonlijk:werkruimte", "coordinator", f"/mijn-huis/{HUIS}/"),
    Pagina("persoonlijk:profiel", "coordinator", f"/mijn-huis/{HUIS}/profiel/"),
    Pagina("persoonlijk:wachtrij", "loket", f"/mijn-huis/{HUIS}/loket/aanvragen/"),
    Pagina("persoonlijk:aanvraag", "loket", f"/mijn-huis/{HUIS}/loket/aanvragen/{{aanvraag}}/"),
    Pagina("persoonlijk:aanbieder", "aanbieder", "/opvang/aanbieder/"),
    Pagina("persoonlijk:gezin", None, "/opvang/aanvraag/{token}/", geheim=True),
]


def _argumenten():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (standaard 3)")
    parser.add_argument("--seconds", type=float, default=10, help="meetduur per pagina (standaard 10 s)")
    parser.add_argument("--clients", type=int, default=10, help="gelijktijdige clients (standaard 10)")
    parser.add_argument(
        "--max-verzoeken", type=int, default=100_000, help="ten hoogste zoveel verzoeken per pagina"
    )
    parser.add_argument(
        "--paginas",
        default="",
        help="alleen deze pagina's: namen of voorvoegsels, met komma's (bv. 'publiek:,opgroeien:heatmap')",
    )
    parser.add_argument(
        "--bereid-voor",
        action="store_true",
        help="eerst migreren en de referentie- en demogegevens laden (idempotent)",
    )
    args = parser.parse_args()
    if not (1 <= args.workers <= 16 and 1 <= args.clients <= 64 and 0 < args.seconds <= 120):
        parser.error("--workers 1..16, --clients 1..64, --seconds tot 120")
    return args


# --- the server ------------------------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _omgeving(poort: int, workers: int, map_: Path, settings: str) -> dict[str, str]:
    """The production environment of the portal, on 127.0.0.1."""
    omgeving = {k: v for k, v in os.environ.items() if k not in ("GUNICORN_CMD_ARGS", "DEBUG")}
    omgeving.update(
        DJANGO_SETTINGS_MODULE=settings,
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(50),
        SITE_URL=f"https://127.0.0.1:{poort}",
        ALLOWED_HOSTS="127.0.0.1",
        GUNICORN_BIND=f"127.0.0.1:{poort}",
        WEB_CONCURRENCY=str(workers),
        # One client address asks hundreds of times a second: the API's limits stay on (as does
        # their bookkeeping in the cache) but are far above what the benchmark asks.
        API_THROTTLE_ANON="1000000/s",
        API_THROTTLE_USER="1000000/s",
        # Nothing a GET does sends a task or a mail; should one, it stays in a folder of our own.
        WACHTRIJ_MAP=str(map_ / "wachtrij"),
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    omgeving.pop("CELERY_BROKER_URL", None)
    return omgeving


def _manage(omgeving: dict[str, str], *commando: str) -> None:
    commando = [sys.executable, "manage.py", *commando]
    subprocess.run(commando, cwd=ROOT, env=omgeving, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def _bereid_voor(omgeving: dict[str, str]) -> None:
    # As the README loads the demo data: laad_demodata refuses without DEBUG (known passwords).
    omgeving = {**omgeving, "DEBUG": "1"}
    begin = time.perf_counter()
    _manage(omgeving, "migrate", "--noinput", "-v", "0")
    _manage(omgeving, "laad_referentiedata", "-v", "0")
    _manage(omgeving, "laad_demodata", "-v", "0")
    duur = time.perf_counter() - begin
    print(f"database voorbereid (migrate, referentie- en demogegevens) in {duur:.0f} s")


def _verzamel_statische_bestanden(omgeving: dict[str, str]) -> None:
    """Without DEBUG the pages name their static files through the manifest of collectstatic."""
    manifest = ROOT / "staticfiles" / "staticfiles.json"
    nieuwste = max((p.stat().st_mtime for p in (ROOT / "static").rglob("*") if p.is_file()), default=0)
    if manifest.exists() and manifest.stat().st_mtime >= nieuwste:
        return
    begin = time.perf_counter()
    _manage(omgeving, "collectstatic", "--noinput", "-v", "0")
    print(f"statische bestanden verzameld in {time.perf_counter() - begin:.0f} s")


def _start_server(omgeving: dict[str, str], poort: int, logboek) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    proces = subprocess.Popen(  # noqa: S603  (fixed command)
        [str(gunicorn), "-c", "hvhk/gunicorn.conf.py", "hvhk.wsgi"],
        cwd=ROOT,
        env=omgeving,
        stdout=subprocess.DEVNULL,  # the access log: written as in production, not kept
        stderr=logboek,
    )
    einde = time.monotonic() + 60
    while time.monotonic() < einde:
        if proces.poll() is not None:
            raise RuntimeError(f"gunicorn stopte meteen (code {proces.returncode})")
        try:
            status, _, _ = Verbinding(poort).get("/gezondheid/leeft/")
            if status == 200:
                return proces
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("gunicorn antwoordt niet binnen 60 s")


def _stop_server(proces: subprocess.Popen) -> None:
    if proces.poll() is None:
        proces.terminate()
        try:
            proces.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proces.kill()
            proces.wait()


# --- the client ------------------------------------------------------------------------------------


class Verbinding:
    """One keep-alive connection to the server, as a browser behind the HTTPS proxy would ask."""

    def __init__(self, poort: int, cookies: dict[str, str] | None = None):
        self.poort = poort
        self.cookies = dict(cookies or {})
        self.http = http.client.HTTPConnection("127.0.0.1", poort, timeout=30)

    def headers(self, **extra) -> dict[str, str]:
        headers = {"X-Forwarded-Proto": "https", "Accept": "text/html,application/json", **extra}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        return headers

    def vraag(self, methode: str, pad: str, body: bytes | None = None, headers=None):
        try:
            self.http.request(methode, pad, body=body, headers=headers or self.headers())
            antwoord = self.http.getresponse()
            inhoud = antwoord.read()
        except (OSError, http.client.HTTPException):
            self.http.close()
            raise
        for regel in antwoord.headers.get_all("Set-Cookie") or []:
            naam, _, rest = regel.partition("=")
            if "max-age=0" in rest.lower().replace(" ", ""):
                self.cookies.pop(naam.strip(), None)  # deleted, as a browser does
            else:
                self.cookies[naam.strip()] = rest.split(";", 1)[0]
        return antwoord.status, inhoud, antwoord.headers

    def get(self, pad: str):
        return self.vraag("GET", pad)

    def post(self, pad: str, velden: dict[str, str]):
        headers = self.headers(
            **{
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"https://127.0.0.1:{self.poort}{pad}",
            }
        )
        return self.vraag("POST", pad, body=urlencode(velden).encode(), headers=headers)


def totp_code(moment: float) -> str:
    """The authenticator code of the demo accounts at `moment` (as in the README)."""
    h = hmac.digest(base64.b32decode(TOTP_GEHEIM), struct.pack(">Q", int(moment) // 30), "sha1")
    o = h[-1] & 15
    return f"{(int.from_bytes(h[o : o + 4], 'big') & 0x7FFFFFFF) % 10**6:06d}"


def _csrf(inhoud: bytes) -> str:
    gevonden = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', inhoud)
    if not gevonden:
        raise RuntimeError("geen CSRF-token op het formulier")
    return gevonden.group(1).decode()


def _pad(location: str) -> str:
    deel = urlsplit(location)
    return deel.path + (f"?{deel.query}" if deel.query else "")


def aanmelden(poort: int, email: str) -> dict[str, str]:
    """Log in through the login form and the second step; the session's cookies."""
    verbinding = Verbinding(poort)
    _, inhoud, _ = verbinding.get("/account/login/")
    status, _, headers = verbinding.post(
        "/account/login/", {"login": email, "password": WACHTWOORD, "csrfmiddlewaretoken": _csrf(inhoud)}
    )
    if status != 302:
        raise RuntimeError(f"aanmelden als {email}: {status} op het wachtwoord")
    tweede_stap = _pad(headers["Location"])
    for _poging in range(3):
        _, inhoud, _ = verbinding.get(tweede_stap)
        status, _, headers = verbinding.post(
            tweede_stap, {"code": totp_code(time.time()), "csrfmiddlewaretoken": _csrf(inhoud)}
        )
        if status == 302:
            break
        # A code works once: a run shortly before used this one; wait for the next.
        time.sleep(30 - time.time() % 30 + 0.5)
    else:
        raise RuntimeError(f"aanmelden als {email}: de authenticatorcode werd niet aanvaard")
    # the page the login leads to shows (and so clears) the login's message, as in a browser
    for _stap in range(5):
        status, _, headers = verbinding.get(_pad(headers["Location"]))
        if status not in (301, 302, 303):
            break
    status, _, _ = verbinding.get(KAAL_PAD)
    if status != 200:
        raise RuntimeError(f"aanmelden als {email}: de kale pagina antwoordt {status}")
    return verbinding.cookies


# --- what to measure --------------------------------------------------------------------------------


def _uit_database(sql: str, *parameters):
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], connect_timeout=5) as verbinding:
        rij = verbinding.execute(sql, parameters).fetchone()
    return rij[0] if rij else None


def _eerste_link(verbinding: Verbinding, pad: str, patroon: str) -> str | None:
    status, inhoud, _ = verbinding.get(pad)
    gevonden = re.search(patroon.encode(), inhoud) if status == 200 else None
    return html.unescape(gevonden.group(1).decode()) if gevonden else None


def vul_in(pagina: Pagina, sessies: dict[str, dict], poort: int, gevonden: dict) -> str | None:
    """The page's path with its placeholders filled in from the demo data, or None."""
    if "{golf}" in pagina.pad and "golf" not in gevonden:
        # The 2022 wave if there is one (the demo's main wave), otherwise the latest.
        gevonden["golf"] = _uit_database(
            "SELECT id FROM bevraging_golf ORDER BY (jaar = 2022) DESC, jaar DESC LIMIT 1"
        )
    if "{vraag}" in pagina.pad and "vraag" not in gevonden and gevonden.get("golf"):
        gevonden["vraag"] = _eerste_link(
            Verbinding(poort, sessies["opgroeien"]),
            f"/bevraging/{gevonden['golf']}/analyse/",
            rf"/bevraging/{gevonden['golf']}/analyse/vraag/([^/\"?]+)/",
        )
    if "{aanvraag}" in pagina.pad and "aanvraag" not in gevonden:
        gevonden["aanvraag"] = _eerste_link(
            Verbinding(poort, sessies["loket"]),
            f"/mijn-huis/{HUIS}/loket/aanvragen/",
            rf"/mijn-huis/{HUIS}/loket/aanvragen/(\d+)/",
        )
    if "{token}" in pagina.pad and "token" not in gevonden:
        gevonden["token"] = _uit_database(
            "SELECT v.token FROM loket_opvangvraag v JOIN huizen_huis h ON h.id = v.huis_id "
            "WHERE h.slug = %s AND v.status = 'actief' ORDER BY v.id LIMIT 1",
            HUIS,
        )
    velden = re.findall(r"\{(\w+)\}", pagina.pad)
    if any(gevonden.get(veld) is None for veld in velden):
        return None
    return pagina.pad.format(**{veld: gevonden[veld] for veld in velden})


@dataclass
class Meting:
    aantal: int = 0
    fouten: int = 0
    duur: float = 0.0
    tijden: list[float] = field(default_factory=list)

    @property
    def per_seconde(self) -> float:
        return self.aantal / self.duur if self.duur else 0.0

    def percentiel(self, p: float) -> float:
        if not self.tijden:
            return float("nan")
        tijden = sorted(self.tijden)
        return tijden[min(len(tijden) - 1, int(p * len(tijden)))] * 1000


def meet(poort: int, pad: str, cookies: dict | None, clients: int, seconden: float, maximum: int) -> Meting:
    """`clients` threads ask `pad` as often as they can for `seconden` (at most `maximum` times)."""
    per_client = [Meting() for _ in range(clients)]
    teller = iter(range(maximum))  # next() on it is atomic under the GIL
    start = threading.Barrier(clients + 1)
    einde = [0.0]

    def client(meting: Meting) -> None:
        verbinding = Verbinding(poort, cookies)
        headers = verbinding.headers()
        start.wait()
        while next(teller, None) is not None:
            begin = time.perf_counter()
            if begin >= einde[0]:
                break
            try:
                status, _, _ = verbinding.vraag("GET", pad, headers=headers)
            except (OSError, http.client.HTTPException):
                status = 0
            if status == 200:
                meting.aantal += 1
                meting.tijden.append(time.perf_counter() - begin)
            else:
                meting.fouten += 1
        verbinding.http.close()

    threads = [threading.Thread(target=client, args=(m,), daemon=True) for m in per_client]
    for thread in threads:
        thread.start()
    begin = time.perf_counter()
    einde[0] = begin + seconden
    start.wait()
    for thread in threads:
        thread.join(timeout=seconden + 60)
    totaal = Meting(duur=time.perf_counter() - begin)
    for meting in per_client:
        totaal.aantal += meting.aantal
        totaal.fouten += meting.fouten
        totaal.tijden += meting.tijden
    return totaal


def _kies(paginas: list[Pagina], filter_: str) -> list[Pagina]:
    keuzes = [k.strip() for k in filter_.split(",") if k.strip()]
    return [p for p in paginas if not keuzes or any(p.naam.startswith(k) for k in keuzes)]


def _regel(naam: str, meting: Meting | None, aandeel: float | None, opmerking: str = "") -> str:
    if meting is None:
        return f"{naam:28} {'':>8} {'':>8} {'':>8} {'':>8} {'':>7}  {opmerking}"
    deel = f"{aandeel:8.3f}" if aandeel is not None else f"{'':>8}"
    return (
        f"{naam:28} {meting.per_seconde:8.1f} {meting.percentiel(0.5):8.1f} {meting.percentiel(0.95):8.1f} "
        f"{deel} {meting.fouten:7d}  {opmerking}"
    ).rstrip()


def meet_alles(args, poort: int) -> dict[str, float | None]:
    paginas = _kies(PAGINAS, args.paginas)
    rollen = sorted({KAAL_ROL, *(p.rol for p in paginas if p.rol)})
    if any("{vraag}" in p.pad for p in paginas):
        rollen = sorted({*rollen, "opgroeien"})
    if any("{aanvraag}" in p.pad for p in paginas):
        rollen = sorted({*rollen, "loket"})
    sessies = {rol: aanmelden(poort, ROLLEN[rol]) for rol in rollen}
    print(f"aangemeld via het formulier (wachtwoord en authenticatorcode): {', '.join(rollen)}")

    def een_meting(pad: str, cookies) -> Meting:
        opwarmen = min(1.0, args.seconds / 4)
        meet(poort, pad, cookies, args.clients, opwarmen, args.max_verzoeken)
        return meet(poort, pad, cookies, args.clients, args.seconds, args.max_verzoeken)

    kaal_pad = KAAL_PAD
    kaal_begin = een_meting(kaal_pad, sessies[KAAL_ROL])
    uitkomsten: list[tuple[Pagina, Meting | None, str]] = []
    gevonden: dict = {}
    for pagina in paginas:
        cookies = sessies.get(pagina.rol) if pagina.rol else None
        pad = vul_in(pagina, sessies, poort, gevonden)
        getoond = pagina.pad if pagina.geheim else (pad or pagina.pad)
        if pad is None:
            uitkomsten.append((pagina, None, f"overgeslagen: niet gevonden in de demogegevens ({getoond})"))
            continue
        status, _, _ = Verbinding(poort, cookies).get(pad)
        if status != 200:
            uitkomsten.append((pagina, None, f"overgeslagen: {status} op {getoond}"))
            continue
        uitkomsten.append((pagina, een_meting(pad, cookies), getoond))
    kaal_eind = een_meting(kaal_pad, sessies[KAAL_ROL])
    kaal = (kaal_begin.per_seconde + kaal_eind.per_seconde) / 2

    print(
        f"\n{args.clients} clients, {args.seconds:g} s per pagina, {args.workers} gunicorn-workers; "
        f"aandeel = verzoeken per seconde / die van de kale pagina ({kaal:.1f}/s)"
    )
    print(f"{'pagina':28} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'aandeel':>8} {'fouten':>7}  pad")
    print(_regel(f"{KAAL} (begin)", kaal_begin, kaal_begin.per_seconde / kaal, kaal_pad))
    aandelen: dict[str, float | None] = {}
    for pagina, meting, opmerking in uitkomsten:
        aandeel = meting.per_seconde / kaal if meting is not None and kaal else None
        aandelen[pagina.naam] = round(aandeel, 3) if aandeel is not None else None
        print(_regel(pagina.naam, meting, aandeel, opmerking))
    print(_regel(f"{KAAL} (einde)", kaal_eind, kaal_eind.per_seconde / kaal, kaal_pad))
    return aandelen


def main():
    args = _argumenten()
    database = os.environ.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        sys.exit("DATABASE_URL moet een PostgreSQL-database met demogegevens zijn (of --bereid-voor).")
    poort = _vrije_poort()
    with tempfile.TemporaryDirectory(prefix="hvhk-load-") as map_:
        map_ = Path(map_)
        if args.bereid_voor:
            _bereid_voor(_omgeving(poort, args.workers, map_, "hvhk.settings"))
        omgeving = _omgeving(poort, args.workers, map_, "benchmarks.instellingen")
        _verzamel_statische_bestanden(omgeving)
        print(
            f"gunicorn op 127.0.0.1:{poort}, {args.workers} sync workers, DEBUG uit, "
            f"database {urlsplit(database).path.lstrip('/')}, "
            f"cache {os.environ.get('CACHE_URL') or 'geheugen per worker (geen CACHE_URL)'}"
        )
        logboek_pad = map_ / "gunicorn.log"
        with open(logboek_pad, "wb") as logboek:
            server = _start_server(omgeving, poort, logboek)
            try:
                aandelen = meet_alles(args, poort)
            except Exception:
                print(logboek_pad.read_text(errors="replace")[-4000:], file=sys.stderr)
                raise
            finally:
                _stop_server(server)
    print(json.dumps(aandelen))


if __name__ == "__main__":
    main()
