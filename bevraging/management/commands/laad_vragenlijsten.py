"""(Re)loads the shipped survey waves (2016, 2022) with their questionnaires and wave mappings."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bevraging.services import laad_geleverde_vragenlijsten


class Command(BaseCommand):
    help = (
        "Laadt de geleverde golven van de bevraging (2016 en 2022) met hun vragenlijsten en de "
        "koppelingen tussen de golven. Een tweede keer laden schrijft niets; een bevroren vragenlijst "
        "die zou moeten wijzigen, wordt geweigerd."
    )

    def add_arguments(self, parser):
        parser.add_argument("--details", action="store_true", help="Toon elke wijziging.")

    def handle(self, *args, **options):
        try:
            resultaat = laad_geleverde_vragenlijsten()
        except (ValidationError, ValueError) as fout:
            meldingen = fout.messages if isinstance(fout, ValidationError) else [str(fout)]
            raise CommandError("\n".join(meldingen)) from fout
        if options["details"]:
            for regel in resultaat.details:
                self.stdout.write(regel)
        if resultaat.ongewijzigd:
            self.stdout.write(self.style.SUCCESS("De vragenlijsten zijn al up-to-date."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Vragenlijsten geladen: {resultaat}."))
