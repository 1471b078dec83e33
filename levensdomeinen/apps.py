from django.apps import AppConfig


class LevensdomeinenConfig(AppConfig):
    """Pillars, life domains and working principles; a Huis's offer and Roadmap self-assessment."""

    name = "levensdomeinen"
    verbose_name = "Levensdomeinen"
