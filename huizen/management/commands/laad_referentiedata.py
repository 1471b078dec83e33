from django.core.management.base import BaseCommand

from huizen.services import laad_referentiedata


class Command(BaseCommand):
    help = (
        "Laadt de VRIND-clusters, gemeenten (met fusies), deelgemeenten en postcodes, en uit de kaart de "
        "omtrekken en de inwoners van 2020 (idempotent; geïmporteerde bevolkingscijfers blijven staan)."
    )

    def handle(self, *args, **options):
        resultaat = laad_referentiedata()
        self.stdout.write(
            self.style.SUCCESS(
                f"{resultaat.gemeenten} gemeenten, {resultaat.deelgemeenten} deelgemeenten en "
                f"{resultaat.postcodes} postcodes geladen."
            )
        )
