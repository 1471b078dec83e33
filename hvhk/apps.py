from django.apps import AppConfig


class HvhkConfig(AppConfig):
    name = "hvhk"
    verbose_name = "Portaal"
