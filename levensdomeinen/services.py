"""Writes of the levensdomeinen app."""

from django.apps import apps
from django.db import transaction

from levensdomeinen import referentielijsten


@transaction.atomic
def laad_referentielijsten() -> None:
    """(Re)load the pillars, life domains with sub-themes, working principles and target groups."""
    referentielijsten.laad(apps)
