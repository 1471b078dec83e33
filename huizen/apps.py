from django.apps import AppConfig


class HuizenConfig(AppConfig):
    name = "huizen"
    verbose_name = "Huizen en gemeenten"
