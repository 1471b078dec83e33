"""Project package and cross-cutting core of the Huizen van het Kind portal."""

from hvhk.celery import app as celery_app

__all__ = ["celery_app"]
