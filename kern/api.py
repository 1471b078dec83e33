"""The API's schema describes every answer the API can give, errors included; and open data is
answered conditionally, from the data versions (kern.versies).

Besides the success answer every operation can answer 400 (a filter value that is not valid),
403 (not allowed), 404 (not found, also for a private row), 405 (a method the API does not have)
and 429 (too many requests); each with a JSON body of messages. A view with `versie_sleutels`
also answers 304 (`VersieGebondenMixin`).
"""

from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

from kern import versies

FOUTSCHEMA = {
    "type": "object",
    "description": "Per veld (of onder `detail`) wat er mis is.",
    "additionalProperties": True,
}

FOUTEN = {
    "400": "Een filter of parameter is niet geldig.",
    "403": "U hebt geen toegang.",
    "404": "Niet gevonden.",
    "405": "Deze methode bestaat niet voor deze URL.",
    "406": "Dit antwoordformaat bestaat niet.",
    "429": "Te veel verzoeken; probeer later opnieuw.",
}

#: How long a browser or proxy may keep an anonymous answer of open data without asking again.
PUBLIEK_MAX_AGE = 60

NIET_GEWIJZIGD = "Niet gewijzigd sinds de ETag in If-None-Match: gebruik uw bewaarde antwoord."
VOORWAARDELIJK = [
    OpenApiParameter(
        "If-None-Match",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        description="De ETag van een eerder antwoord: is er niets gewijzigd, dan volgt 304 zonder inhoud.",
    ),
    OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description="Verandert zodra de gegevens achter dit antwoord veranderen.",
    ),
    OpenApiParameter(
        "Cache-Control",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=[200, 304],
        description=f"Anoniem `public, max-age={PUBLIEK_MAX_AGE}`; aangemeld `private, no-cache`.",
    ),
]


class PortaalAutoSchema(AutoSchema):
    def _voorwaardelijk(self) -> bool:
        return self.method == "GET" and bool(getattr(self.view, "versie_sleutels", ()))

    def get_override_parameters(self):
        parameters = super().get_override_parameters()
        return [*parameters, *VOORWAARDELIJK] if self._voorwaardelijk() else parameters

    def _get_response_bodies(self, direction="response"):
        antwoorden = super()._get_response_bodies(direction)
        if self._voorwaardelijk():
            antwoorden.setdefault(
                "304",
                {"description": NIET_GEWIJZIGD, "headers": self._get_response_headers_for_code("304")},
            )
        for code, beschrijving in FOUTEN.items():
            antwoorden.setdefault(
                code, {"description": beschrijving, "content": {"application/json": {"schema": FOUTSCHEMA}}}
            )
        return antwoorden


class VersieGebondenMixin:
    """Conditional GET for a read-only API view whose answers depend only on the data of the scopes
    in `versie_sleutels` (kern.versies), the URL with its query string and the day.

    The ETag is a fingerprint of those, so checking `If-None-Match` costs one small query (the
    versions) and a match answers 304 without reading any data. Anonymous answers are public
    for PUBLIEK_MAX_AGE seconds and their body is kept in the cache under the same fingerprint,
    so the next anonymous request for the same URL is served from it until a version is raised.
    """

    versie_sleutels: tuple[str, ...] = ()

    def list(self, request, *args, **kwargs):
        return self._voorwaardelijk(request, super().list, *args, **kwargs)

    def retrieve(self, request, *args, **kwargs):
        return self._voorwaardelijk(request, super().retrieve, *args, **kwargs)

    def _voorwaardelijk(self, request, maak, *args, **kwargs):
        sleutel = versies.vingerafdruk(
            f"api:{type(self).__module__}.{type(self).__name__}",
            self.versie_sleutels,
            request.get_full_path(),
            request.build_absolute_uri("/"),  # the links in the answer start with it
            request.accepted_media_type,
            timezone.localdate().isoformat(),  # what is valid today (gemeenten, areas)
        )
        etag = '"{}"'.format(sleutel.rsplit(":", 1)[1])
        anoniem = not request.user.is_authenticated

        etags = parse_etags(request.headers.get("If-None-Match", ""))
        if "*" in etags or any(e.removeprefix("W/") == etag for e in etags):
            return self._met_kopregels(HttpResponseNotModified(), etag, anoniem)
        if anoniem:
            bewaard = cache.get(sleutel)
            if bewaard is not None:
                inhoud, soort = bewaard
                return self._met_kopregels(HttpResponse(inhoud, content_type=soort), etag, anoniem)

        antwoord = maak(request, *args, **kwargs)
        if antwoord.status_code != 200:
            return antwoord
        if anoniem:
            antwoord.add_post_render_callback(
                lambda klaar: cache.set(sleutel, (klaar.content, klaar["Content-Type"]), versies.BEWAARTIJD)
            )
        return self._met_kopregels(antwoord, etag, anoniem)

    @staticmethod
    def _met_kopregels(antwoord, etag: str, anoniem: bool):
        antwoord["ETag"] = etag
        if anoniem:
            patch_cache_control(antwoord, public=True, max_age=PUBLIEK_MAX_AGE)
        else:
            patch_cache_control(antwoord, private=True, no_cache=True)
        return antwoord
