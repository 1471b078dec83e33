"""Middleware of the portal: refuse what no page can answer, and keep personal pages out of caches."""

from __future__ import annotations

from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.cache import patch_cache_control


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
