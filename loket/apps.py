from django.apps import AppConfig


class LoketConfig(AppConfig):
    """Lokaal Loket Kinderopvang: childcare locations, requests, offers and allocation rounds."""

    name = "loket"
    verbose_name = "Lokaal Loket Kinderopvang"
