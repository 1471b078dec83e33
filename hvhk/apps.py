from django.apps import AppConfig


class HvhkConfig(AppConfig):
    name = "hvhk"
    verbose_name = "Portaal"

    def ready(self):
        from hvhk import (
            checks,  # noqa: F401  (registers the settings check)
            context_processors,  # noqa: F401  (the menu is made at login)
        )
