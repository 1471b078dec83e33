"""Walks every URL pattern and API route of the portal as an outsider.

For each pattern it builds a concrete URL from the private data of one Huis (the victim), then
sends every HTTP method as the given client and checks that:
- nothing is written to the database (every INSERT/UPDATE/DELETE is caught as it is sent);
- no private marker of the victim (a member's e-mail and name, a subsidy amount) is in the answer;
- a private page refuses (a redirect to a login page, 401, 403, 404 or 405);
- no answer is a server error.
A pattern with a URL argument the walker has no value for is itself a failure, so a new URL
cannot slip past unchecked.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.urls.resolvers import RegexPattern, RoutePattern

METHODES = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE"]
WEIGERING = {401, 403, 404, 405}
# A redirect to the login, or for a session without a second factor to its enrolment, refuses.
LOGIN_PADEN = ("/account/login/", "/beheer/login/", "/account/2fa/totp/activate/")

# Pages anyone may open (they hold only public data; writes on them still must change nothing).
PUBLIEK = {
    "home",
    "toegankelijkheid",
    "privacy",
    "gezondheid",
    "favicon",
    "set_language",
    "huizen:lijst",
    "huizen:kaart",
    "huizen:detail",
    "huizen:logo",
    "api-root",
    "gemeente-list",
    "gemeente-detail",
    "huis-list",
    "huis-detail",
    "locatie-list",
    "locatie-detail",
    "schema",
    "api-docs",
    "admin:login",
    "admin:logout",
    "account_login",
    "account_logout",
    "account_signup",
    "account_reset_password",
    "account_reset_password_done",
    "account_reset_password_from_key",
    "account_reset_password_from_key_done",
    "account_inactive",
    "account_email_verification_sent",
    "account_confirm_email",
    "mfa_authenticate",
    "loket:aanvragen",
    "loket:ontvangen",
    "loket:gewist",
}
# Pages every logged-in user may open about themselves (no Huis data in them).
VOOR_INGELOGDEN = {
    "start",
    "rapporten:behoefteanalyses",  # the gemeenten of the user's own Huizen (none for an outsider)
    "account_change_password",
    "account_set_password",
    "account_email",
    "account_reauthenticate",
    "mfa_index",
    "mfa_reauthenticate",
    "mfa_activate_totp",
    "mfa_deactivate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "loket:aanbieder",
    "rapporten:lijst",
    "subsidie-list",  # the subsidies of the user's own Huizen (none for an outsider)
    "account_confirm_login_code",  # a logged-in user is sent on: there is no code to confirm
}


@dataclass
class Slachtoffer:
    """The Huis whose private data must stay private, with markers to look for."""

    waarden: dict[str, list[str]]
    merktekens: list[str]


@dataclass
class Patroon:
    naam: str
    delen: list
    callback: Callable


def alle_patronen() -> Iterator[Patroon]:
    def loop(patronen, delen, namespace):
        for patroon in patronen:
            if isinstance(patroon, URLResolver):
                ns = f"{namespace}{patroon.namespace}:" if patroon.namespace else namespace
                yield from loop(patroon.url_patterns, [*delen, patroon.pattern], ns)
            elif isinstance(patroon, URLPattern):
                naam = f"{namespace}{patroon.name}" if patroon.name else f"(naamloos) {patroon.pattern}"
                yield Patroon(naam=naam, delen=[*delen, patroon.pattern], callback=patroon.callback)

    yield from loop(get_resolver().url_patterns, [], "")


ROUTE_ARG = re.compile(r"<(?:(?P<conv>[^>:]+):)?(?P<naam>[^>]+)>")
REGEX_GROEP = re.compile(r"\(\?P<(?P<naam>\w+)>(?P<regex>(?:[^()]|\([^()]*\))*)\)")


def bouw_url(patroon: Patroon, waarden: dict[str, list[str]]) -> str:
    """A concrete URL for the pattern, or ValueError naming what the walker cannot fill."""
    url = "/"
    for deel in patroon.delen:
        if isinstance(deel, RoutePattern):
            converters = deel.converters
            tekst = ROUTE_ARG.sub(
                lambda m, c=converters: _waarde(patroon, m["naam"], waarden, c[m["naam"]].regex),
                str(deel),
            )
        elif isinstance(deel, RegexPattern):
            tekst = REGEX_GROEP.sub(
                lambda m: _waarde(patroon, m["naam"], waarden, m["regex"]), deel.regex.pattern
            )
            tekst = tekst.lstrip("^").rstrip("$").replace("\\.", ".").replace("/?", "/").replace("\\Z", "")
            if re.search(r"[()\[\]*+?\\|]", tekst):
                raise ValueError(f"{patroon.naam}: kan het patroon {deel} niet invullen")
        else:
            raise ValueError(f"{patroon.naam}: onbekend soort patroon {type(deel).__name__}")
        url += tekst
    try:
        gevonden = resolve(url)
    except Resolver404 as fout:
        raise ValueError(f"{patroon.naam}: de opgebouwde URL {url} bestaat niet") from fout
    if gevonden.func != patroon.callback:
        raise ValueError(f"{patroon.naam}: de opgebouwde URL {url} leidt naar een andere view")
    return url


def _waarde(patroon: Patroon, naam: str, waarden: dict[str, list[str]], regex: str = "") -> str:
    """The first candidate value for a URL argument that fits the argument's own regex."""
    if naam not in waarden:
        raise ValueError(
            f"{patroon.naam}: geen waarde voor het URL-argument '{naam}': voeg die toe aan de "
            "waarden in tests/test_toegang.py (een rij van het Huis dat privé moet blijven)"
        )
    kandidaten = waarden[naam]
    return next((w for w in kandidaten if not regex or re.fullmatch(regex, w)), kandidaten[0])


class Schrijfdetectie:
    """Catches every statement that writes, except session bookkeeping."""

    SCHRIJVEND = re.compile(r"^\s*(INSERT|UPDATE|DELETE|REPLACE|TRUNCATE|DROP|ALTER|CREATE)\b", re.I)

    def __init__(self, toegestaan: tuple[str, ...] = ()):
        self.schrijfacties: list[str] = []
        # tables a visit may write to besides the sessions (e.g. the audit log of who viewed what)
        self.toegestaan = ("django_session", *toegestaan)

    def __call__(self, execute, sql, params, many, context):
        if self.SCHRIJVEND.match(sql) and not any(tabel in sql for tabel in self.toegestaan):
            self.schrijfacties.append(sql[:160])
        return execute(sql, params, many, context)


def loop_als(
    client,
    slachtoffer: Slachtoffer,
    *,
    wie: str,
    ingelogd: bool,
    alleen: Callable[[str], bool] | None = None,
    mag_antwoorden: Callable[[str], bool] | None = None,
    mag_schrijven: tuple[str, ...] = (),
) -> list[str]:
    """Send every method to every URL (or those whose name passes `alleen`) as `client`; return the
    problems found. `mag_antwoorden`: the pages the client may open (it still must not see a
    marker); `mag_schrijven`: tables a visit may write to (the audit log of a page it may open)."""
    problemen = []
    # The walk posts to the logout page too: the client logs in again after it, so that every
    # page after it is still visited as this user and not as an anonymous visitor.
    gebruiker = _gebruiker_van(client) if ingelogd else None
    for patroon in alle_patronen():
        if gebruiker is not None and SESSION_KEY not in client.session:
            client.force_login(gebruiker)
        if alleen is not None and not alleen(patroon.naam):
            continue
        try:
            url = bouw_url(patroon, slachtoffer.waarden)
        except ValueError as fout:
            problemen.append(str(fout))
            continue
        toegestaan = patroon.naam in PUBLIEK or (ingelogd and patroon.naam in VOOR_INGELOGDEN)
        toegestaan = toegestaan or (mag_antwoorden is not None and mag_antwoorden(patroon.naam))
        for methode in METHODES:
            detectie = Schrijfdetectie(mag_schrijven)
            with connection.execute_wrapper(detectie):
                antwoord = stuur(client, methode, url)
            waar = f"{wie} {methode} {url} ({patroon.naam})"
            if antwoord.status_code >= 500:
                problemen.append(f"{waar}: serverfout {antwoord.status_code}")
            if detectie.schrijfacties:
                problemen.append(f"{waar}: schreef naar de database: {detectie.schrijfacties[0]}")
            tekst = inhoud_van(antwoord)
            for merkteken in slachtoffer.merktekens:
                if merkteken in tekst:
                    problemen.append(f"{waar}: toont privégegeven '{merkteken}'")
            # OPTIONS on the API describes the endpoint to a logged-in user (DRF's metadata), not
            # an object: it may answer (the markers are still looked for).
            beschrijving = ingelogd and methode == "OPTIONS" and url.startswith("/api/")
            if not toegestaan and not beschrijving and not _weigert(antwoord):
                problemen.append(f"{waar}: weigert niet (status {antwoord.status_code})")
    return problemen


def _gebruiker_van(client):
    """The user the test client is logged in as, or None."""
    pk = client.session.get(SESSION_KEY)
    return get_user_model().objects.get(pk=pk) if pk is not None else None


def stuur(client, methode: str, url: str):
    """One request of the walk: an empty form for POST, an empty JSON body for PUT and PATCH."""
    if methode == "POST":
        return client.post(url, data={})
    return client.generic(
        methode,
        url,
        data="{}" if methode in ("PUT", "PATCH") else "",
        content_type="application/json",
        HTTP_ACCEPT="text/html,application/json",
    )


def inhoud_van(antwoord) -> str:
    """The answer's body as text, HTML entities read as the characters they stand for, so an
    escaped private value (D&#x27;Hondt) is found too (a streamed answer is read to its end)."""
    inhoud = b"".join(antwoord.streaming_content) if antwoord.streaming else antwoord.content
    return html.unescape(inhoud.decode("utf-8", errors="replace"))


def klasse(antwoord) -> str:
    """The outcome class of an answer: "weg" for a 404 or a redirect to a login page (refused
    without saying what is there), "3xx" for any other redirect, "200" for any success, else the
    status code itself ("403", "405", ...)."""
    status = antwoord.status_code
    if status == 404:
        return "weg"
    if status in (301, 302, 303, 307, 308):
        return "weg" if antwoord["Location"].split("?")[0].endswith(LOGIN_PADEN) else "3xx"
    if 200 <= status < 300:
        return "200"
    return str(status)


def _weigert(antwoord) -> bool:
    return klasse(antwoord) in {"weg", *map(str, WEIGERING)}
