"""The API's schema describes every answer the API can give, errors included.

Besides the success answer every operation can answer 400 (a filter value that is not valid),
403 (not allowed), 404 (not found, also for a private row), 405 (a method the API does not have)
and 429 (too many requests); each with a JSON body of messages.
"""

from drf_spectacular.openapi import AutoSchema

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


class PortaalAutoSchema(AutoSchema):
    def _get_response_bodies(self, direction="response"):
        antwoorden = super()._get_response_bodies(direction)
        for code, beschrijving in FOUTEN.items():
            antwoorden.setdefault(
                code, {"description": beschrijving, "content": {"application/json": {"schema": FOUTSCHEMA}}}
            )
        return antwoorden
