from django.apps import AppConfig


class RapportenConfig(AppConfig):
    name = "rapporten"
    verbose_name = "Rapporten"

    def ready(self):
        from rapporten.soorten import ontdek

        ontdek()
