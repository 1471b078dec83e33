"""Middleware of the portal: refuse what no page can answer, keep personal pages out of caches, and
choose the language of a page."""

from __future__ import annotations

from contextlib import suppress
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class WeigerNulMiddleware:
    """A NUL byte anywhere in the path or the query string gets 400 before any view runs.

    No URL of the portal has one, and PostgreSQL refuses NUL in text, so a lookup with it would
    otherwise end as a server error.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            return HttpResponseBadRequest(
                "Ongeldig adres: het bevat een nulteken.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)


class GeenCacheMiddleware:
    """`Cache-Control: no-store, private` on every answer under a path prefix of
    settings.GEEN_CACHE_PADEN (the pages and downloads with personal data), whatever the view set.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.prefixen = tuple(settings.GEEN_CACHE_PADEN)

    def __call__(self, request):
        antwoord = self.get_response(request)
        if request.path.startswith(self.prefixen):
            patch_cache_control(antwoord, no_store=True, private=True)
        return antwoord


class TaalMiddleware:
    """The language of a page: the one a visitor chose with the language switch (Django's language
    cookie, set by its set_language view), Dutch otherwise. Never Accept-Language, and always
    Dutch for an account and under settings.NEDERLANDSTALIGE_PADEN: the staff pages are Dutch only
    (see LANGUAGES in the settings).

    Takes the place of Django's LocaleMiddleware, after AuthenticationMiddleware. The answer
    varies with the cookie (`Vary: Cookie`), not with Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.nederlandstalig = tuple(settings.NEDERLANDSTALIGE_PADEN)

    def __call__(self, request):
        taal = settings.LANGUAGE_CODE
        gekozen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if (
            gekozen
            and not request.path.startswith(self.nederlandstalig)
            and not request.user.is_authenticated
        ):
            with suppress(LookupError):  # an unknown or removed language: Dutch
                taal = translation.get_supported_language_variant(gekozen)
        translation.activate(taal)
        request.LANGUAGE_CODE = translation.get_language()
        antwoord = self.get_response(request)
        patch_vary_headers(antwoord, ("Cookie",))
        antwoord.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return antwoord
