"""Public pages answered from the shared cache, keyed by the data versions they show.

A view that anyone may see mixes in `PubliekeCacheMixin` and names, in `cache_scopes()`, the
scopes of kern.versies whose data it shows. A GET or HEAD without a session or messages cookie (an
anonymous visitor with nothing pending for them, with or without a language cookie) is then
answered like this:

- its fingerprint is the versions of those scopes, the full URL with the query string, the active
  language and today's date (what is "current" on a page moves at midnight);
- an `If-None-Match` with that fingerprint gets 304 Not Modified, without rendering anything;
- otherwise the body comes from the cache under the fingerprint, or is rendered once and stored;
- the answer carries `ETag`, `Cache-Control: public, max-age=60` and `Vary: Cookie` (the
  language is chosen with a cookie, never by Accept-Language: kern.middleware.TaalMiddleware).

Everybody else (logged in, a session, a message waiting) gets a private answer
(`Cache-Control: private`): for a logged-in visitor the whole page kept per visitor and the same
scopes (kern.paginacache: the header shows the account and its menu), else rendered as usual.

A page rendered for the shared cache is stored only when it cannot hold anything of the one
visitor it was made for: status 200, no CSRF token used (a page with a POST form is never stored),
no cookie set, the session not changed. Otherwise it is sent as a private answer.

This module knows versions only, never a domain: each view declares its own scopes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags
from django.utils.translation import get_language

from kern.paginacache import VersiePaginaMixin
from kern.versies import vingerafdruk

#: Seconds a browser or proxy may reuse a public page without asking again.
MAX_AGE = 60
#: Seconds a rendered page stays in the cache unused. Shorter than kern.versies.BEWAARTIJD: every
#: query string is a page of its own, so odd ones should not linger (Redis should also evict the
#: least recently used keys when full, `maxmemory-policy allkeys-lru`).
BEWAARTIJD = 3600
VARY = ("Cookie",)


def zonder_sessie(request: HttpRequest) -> bool:
    """A read by a visitor without a session or pending messages: the page is the same for all."""
    if request.method not in ("GET", "HEAD"):
        return False
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and CookieStorage.cookie_name not in cookies


def _publiek(antwoord: HttpResponseBase, etag: str) -> HttpResponseBase:
    antwoord["ETag"] = etag
    patch_cache_control(antwoord, public=True, max_age=MAX_AGE)
    patch_vary_headers(antwoord, VARY)
    return antwoord


def _prive(antwoord: HttpResponseBase) -> HttpResponseBase:
    patch_cache_control(antwoord, private=True)
    return antwoord


def _ongewijzigd(request: HttpRequest, etag: str) -> bool:
    gevraagd = request.headers.get("If-None-Match")
    if not gevraagd:
        return False
    etags = parse_etags(gevraagd)
    return "*" in etags or any(e.removeprefix("W/") == etag for e in etags)


def _voor_iedereen(request: HttpRequest, antwoord: HttpResponseBase) -> bool:
    """Whether a rendered answer holds nothing of the one visitor it was made for."""
    sessie = getattr(request, "session", None)
    return (
        antwoord.status_code == 200
        and not antwoord.streaming
        and not antwoord.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a CSRF token is in the page
        and not (sessie is not None and sessie.modified)
    )


def publiek_antwoord(
    request: HttpRequest, scopes: Iterable[str] | None, maak: Callable[[], HttpResponseBase]
) -> HttpResponseBase:
    """The answer `maak()` gives, served from the cache for a visitor without a session (see the
    module). `scopes` None: this answer cannot be cached (e.g. the object does not exist)."""
    if not zonder_sessie(request):
        return _prive(maak())
    if scopes is None:
        return maak()
    sleutel = vingerafdruk(
        "pagina",
        scopes,
        request.build_absolute_uri(),
        get_language(),
        timezone.localdate().isoformat(),
    )
    etag = '"{}"'.format(sleutel.partition(":")[2])
    if _ongewijzigd(request, etag):
        return _publiek(HttpResponseNotModified(), etag)
    bewaard = cache.get(sleutel)
    if bewaard is not None:
        inhoud, soort = bewaard
        return _publiek(HttpResponse(inhoud, content_type=soort), etag)
    antwoord = maak()
    if antwoord.status_code != 200 or antwoord.streaming:
        return antwoord
    if hasattr(antwoord, "render"):
        antwoord = antwoord.render()  # a TemplateResponse: render it here, to store what it says
    if not _voor_iedereen(request, antwoord):
        return _prive(antwoord)
    cache.set(sleutel, (antwoord.content, antwoord["Content-Type"]), timeout=BEWAARTIJD)
    return _publiek(antwoord, etag)


class PubliekeCacheMixin(VersiePaginaMixin):
    """A public page served from the cache for visitors without a session, and kept per visitor
    for the logged-in (see the module).

    `cache_scopes()` names the kern.versies scopes of everything the page shows (None when this
    request cannot be cached, e.g. an unknown object; the view then answers as usual).
    """

    pagina_bewaartijd = BEWAARTIJD

    def cache_scopes(self) -> Iterable[str] | None:
        raise NotImplementedError

    def paginascopes(self) -> Iterable[str] | None:
        return self.cache_scopes()

    def dispatch(self, request, *args, **kwargs):
        maak = super().dispatch
        scopes = self.cache_scopes() if zonder_sessie(request) else ()
        return publiek_antwoord(request, scopes, lambda: maak(request, *args, **kwargs))
