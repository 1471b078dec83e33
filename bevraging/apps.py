from django.apps import AppConfig


class BevragingConfig(AppConfig):
    """The survey of all Huizen: waves, questionnaires, responses and analysis."""

    name = "bevraging"
    verbose_name = "Bevraging"
