"""Keeps the Huizen of closed waves as they were (for waves closed before the portal kept them)."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from bevraging.models import Golf, Golfstatus
from bevraging.selectors.kenmerken import peildatum_van
from bevraging.services import leg_golfkenmerken_vast


class Command(BaseCommand):
    help = (
        "Legt voor de afgesloten golven van de bevraging elk Huis vast zoals het was op de peildatum "
        "van de golf: zijn gemeenten, gemeentelijk of intergemeentelijk, VRIND-cluster, provincie en "
        "fysieke locatie. Huizen die al vastgelegd zijn, blijven zoals ze zijn (tenzij --vervang)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--golf", type=int, help="Alleen de golf van dit jaar (bv. 2022).")
        parser.add_argument(
            "--peildatum",
            type=datetime.date.fromisoformat,
            help="De dag waarop de Huizen genomen worden (JJJJ-MM-DD); standaard het einde van de golf, "
            "anders de dag van afsluiten.",
        )
        parser.add_argument("--vervang", action="store_true", help="Ook al vastgelegde Huizen opnieuw.")

    def handle(self, *args, **options):
        golven = Golf.objects.filter(status=Golfstatus.AFGESLOTEN).order_by("jaar")
        if options["golf"]:
            golven = golven.filter(jaar=options["golf"])
            if not golven:
                raise CommandError(f"Geen afgesloten golf van {options['golf']}.")
        for golf in golven:
            peildatum = options["peildatum"] or peildatum_van(golf)
            aantal = leg_golfkenmerken_vast(golf=golf, peildatum=peildatum, vervang=options["vervang"])
            self.stdout.write(
                self.style.SUCCESS(f"{golf.naam}: {aantal} Huizen vastgelegd zoals op {peildatum:%d-%m-%Y}.")
            )
